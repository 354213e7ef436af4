// The bar above a chat's messages while a call goes on in it: who is in it and "Join
// call"; when I am in it and the call view is minimised, "Return to call".

import { h, sameId, said } from '../dom.js';
import { t } from '../i18n.js';

export class CallBar {
  /** onJoin(chat), onReturn() */
  constructor({ onJoin, onReturn }) {
    this.chat = null;
    this.words = h('span', { class: 'call-bar-words' });
    this.join = h('button', { type: 'button', class: 'primary', 'data-testid': 'call-join', onclick: () => this.chat && onJoin(this.chat) }, t('callbar-join-call'));
    this.back = h('button', { type: 'button', class: 'primary', 'data-testid': 'call-return', onclick: () => onReturn() }, t('callbar-return-to-call'));
    this.el = h('div', { class: 'call-bar', role: 'status', 'data-testid': 'call-bar', hidden: true }, this.words, this.join, this.back);
  }

  /** participants: [{user_id, username, display_name}] of the open chat's call; mine: I
   *  am in it here; minimised: the call view is hidden; me: the signed-in user (in the
   *  call through another tab when the server lists them and this tab is not in it). */
  show(chat, participants, { mine, minimised, me }) {
    this.chat = chat;
    const people = participants || [];
    if (!chat || !people.length || (mine && !minimised)) {
      this.el.hidden = true;
      return;
    }
    const meIn = Boolean(me) && people.some((p) => sameId(p.user_id, me.id));
    const others = people.filter((p) => !me || !sameId(p.user_id, me.id));
    const names = others.map((p) => p.display_name || p.username).join(', ');
    const elsewhere = meIn && !mine;
    // The names set apart from the sentence (dom.js's `said`).
    if (mine) this.words.replaceChildren(...(names ? said('callbar-you-are-in-a-call', { names }) : [t('callbar-you-are-in-a-call-2')]));
    else if (elsewhere) this.words.replaceChildren(...(names ? said('callbar-you-are-in-this-call', { names }) : [t('callbar-you-are-in-this-call-2')]));
    else this.words.replaceChildren(...said('callbar-call-in-progress-names', { names }));
    this.el.dataset.elsewhere = elsewhere ? 'true' : 'false';
    this.join.hidden = mine || elsewhere;
    this.back.hidden = !mine;
    this.el.hidden = false;
  }
}
