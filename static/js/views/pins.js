// The open chat's pinned messages: the header's button with how many there are, which
// opens their list (each opens its message in the chat), and whether a message is
// pinned, for its menu. Read from `GET /messages/api/chats/<id>/pins/` when a chat
// opens, kept current by the socket's `message_pinned` / `message_unpinned`; a
// `pins_by_changed` reads again whether the reader may pin (their role decides).

import * as api from '../api.js';
import { h, userName, modal, sameId, said } from '../dom.js';
import { icon } from '../icons.js';
import { filesAsWords } from '../text.js';
import { ownText } from '../replies.js';
import { shortTime, longTime } from '../time.js';
import { numberOf, t } from '../i18n.js';

const pinsPath = (chatId) => `/messages/api/chats/${Number(chatId)}/pins/`;

export class PinBoard {
  /** onJump(messageId, threadId): show a pinned message; onChange(): a message's pinned
   *  state changed (its row redraws its menu). */
  constructor({ onJump, onChange = () => {} }) {
    this.onJump = onJump;
    this.onChange = onChange;
    this.chatId = null;
    this.ids = new Set();
    this.mayPin = true;
    this.button = h('button', { type: 'button', class: 'secondary pins-button with-icon', 'data-testid': 'pins-button',
      hidden: true, onclick: () => this.openList() });
    this.render(0);
  }

  /** Reads the pins of chat `chatId` (the chat just opened). */
  async load(chatId) {
    this.chatId = chatId;
    this.ids = new Set();
    this.render(0);
    try {
      const list = await api.request('GET', pinsPath(chatId));
      if (!sameId(this.chatId, chatId)) return;
      this.ids = new Set(list.results.map((p) => String(p.message_id)));
      this.mayPin = Boolean(list.may_pin);
      this.render(list.count);
      this.onChange();
    } catch {
      // No pins shown; the chat itself says what went wrong.
    }
  }

  /** Whether the reader may pin here, read again (the chat's rule changed). */
  async readRule() {
    const chatId = this.chatId;
    try {
      const list = await api.request('GET', pinsPath(chatId));
      if (!sameId(this.chatId, chatId)) return;
      this.mayPin = Boolean(list.may_pin);
      this.onChange();
    } catch { /* the menus stay as they were; the server checks each pin anyway */ }
  }

  has(messageId) {
    return this.ids.has(String(messageId));
  }

  /** Pins or unpins `msg`; the count comes back with the socket's frame too. */
  async toggle(msg) {
    const on = !this.has(msg.id);
    const answer = await api.request(on ? 'POST' : 'DELETE', `/messages/api/messages/${Number(msg.id)}/pin/`);
    this.apply(msg.id, on, answer.pin_count);
  }

  /** A socket frame of the open chat. */
  onFrame(frame) {
    if (!sameId(frame.chat_id, this.chatId)) return;
    if (frame.type === 'pins_by_changed') { this.readRule(); return; }
    if (frame.type !== 'message_pinned' && frame.type !== 'message_unpinned') return;
    this.apply(frame.message_id, frame.type === 'message_pinned', frame.pin_count);
  }

  apply(messageId, on, count) {
    if (on) this.ids.add(String(messageId));
    else this.ids.delete(String(messageId));
    this.render(Number(count ?? this.ids.size));
    this.onChange(messageId);
  }

  render(count) {
    this.count = count;
    this.button.hidden = !count;
    this.button.replaceChildren(icon('pin'), h('span', { 'data-testid': 'pins-count' }, numberOf(count)));
    this.button.setAttribute('aria-label', t('pins-pinned-count', { n: count }));
    this.button.title = t('pins-pinned-messages');
  }

  /** The list of pinned messages, asked afresh. */
  async openList() {
    if (!this.chatId) return;
    const status = h('p', { class: 'search-note', role: 'status' }, t('pins-loading'));
    const items = h('ul', { class: 'admin-list pin-rows', 'data-testid': 'pins-list' });
    const dialog = modal(t('pins-pinned-messages'), 'pins-dialog', status, items);
    try {
      const list = await api.request('GET', pinsPath(this.chatId));
      status.textContent = list.count ? '' : t('pins-nothing-is-pinned-here-yet');
      items.replaceChildren(...list.results.map((p) => {
        const m = p.message;
        const words = filesAsWords(ownText(m.content || '')) || t('pins-sent-a-file');
        return h('li', null, h('button', { type: 'button', class: 'mention-row', 'data-testid': 'pin-item',
          'data-message-id': m.id, onclick: () => { dialog.close(); this.onJump(m.id, m.in_channel === false ? m.thread_id : null); } },
        h('span', { class: 'result-meta' },
          h('span', { class: 'result-sender', dir: 'auto' }, userName(m.sender)),
          h('time', { class: 'chat-time', datetime: m.created_at, title: longTime(m.created_at) }, shortTime(m.created_at)),
          p.pinned_by ? h('span', { class: 'username' }, said('pins-pinned-by-username', { userName: userName(p.pinned_by) })) : null),
        h('span', { class: 'result-snippet', dir: 'auto' }, words)));
      }));
    } catch (err) {
      status.textContent = t('pins-could-not-list-the-pinned', { message: err.message });
    }
  }
}
