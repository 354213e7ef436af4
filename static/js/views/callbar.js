// The bar above a chat's messages while a call goes on in it: who is in it and "Join
// call"; when I am in it and the call view is minimised, "Return to call".

import { h } from '../dom.js';

export class CallBar {
  /** onJoin(chat), onReturn() */
  constructor({ onJoin, onReturn }) {
    this.chat = null;
    this.words = h('span', { class: 'call-bar-words' });
    this.join = h('button', { type: 'button', class: 'primary', 'data-testid': 'call-join', onclick: () => this.chat && onJoin(this.chat) }, 'Join call');
    this.back = h('button', { type: 'button', class: 'primary', 'data-testid': 'call-return', onclick: () => onReturn() }, 'Return to call');
    this.el = h('div', { class: 'call-bar', role: 'status', 'data-testid': 'call-bar', hidden: true }, this.words, this.join, this.back);
  }

  /** participants: [{user_id, username}] of the open chat's call; mine: I am in it here;
   *  minimised: the call view is hidden. */
  show(chat, participants, { mine, minimised }) {
    this.chat = chat;
    const people = participants || [];
    if (!chat || !people.length || (mine && !minimised)) {
      this.el.hidden = true;
      return;
    }
    const names = people.map((p) => p.username).join(', ');
    this.words.textContent = mine ? `You are in a call with ${names}` : `Call in progress: ${names}`;
    this.join.hidden = mine;
    this.back.hidden = !mine;
    this.el.hidden = false;
  }
}
