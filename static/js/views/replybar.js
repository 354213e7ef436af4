// The "Replying to <name>: excerpt" bar above the message box, with a cancel
// button (and Escape in the box). It holds the message being answered; the chat adds
// the quote line (replies.js) to the text when the reply is sent.

import { h, userName } from '../dom.js';
import { iconButton } from '../icons.js';
import { excerptOf } from '../replies.js';
import { t } from '../i18n.js';

export class ReplyBar {
  /** onCancel(): the bar was closed by the person (focus goes back to the box). */
  constructor({ onCancel }) {
    this.target = null;
    this.text = h('span', { class: 'reply-bar-text', 'data-testid': 'reply-bar-text' });
    this.el = h('div', { class: 'reply-bar', 'data-testid': 'reply-bar', role: 'status', hidden: true },
      this.text,
      iconButton('close', t('replybar-cancel-the-reply-escape'), { 'data-testid': 'reply-cancel', onclick: () => { this.clear(); onCancel(); } }));
  }

  /** Starts a reply to `msg`; `mine`: it is the person's own message. */
  set(msg, mine) {
    this.target = msg;
    const name = mine ? t('replybar-yourself') : userName(msg.sender);
    this.text.replaceChildren(t('replybar-replying-to'), h('strong', null, name), `: ${excerptOf(msg.content) || '…'}`);
    this.el.hidden = false;
  }

  clear() {
    this.target = null;
    this.text.replaceChildren();
    this.el.hidden = true;
  }
}
