// The order and grouping of a chat's rows: rows stay in id order, a separator starts
// each day, consecutive messages of one person within a few minutes share one name and
// time (lines of the chat's own, such as an arrival, stand apart), each reader's "Seen"
// appears once, under the latest own message they read, and a "New messages" divider
// sits before the first unread row.

import { h, sameId } from '../dom.js';
import { dayKey, dayLabel, minutesBetween } from '../time.js';
import { t } from '../i18n.js';

const GROUP_MINUTES = 5;

export class History {
  /** list: the <ol> of rows; me: the signed-in user. */
  constructor(list, me) {
    this.list = list;
    this.me = me;
    this.separators = new Map(); // day key -> <li>
    this.unreadRow = null;
    this.divider = h('li', { class: 'unread-divider', 'data-testid': 'unread-divider', tabindex: '-1' },
      h('span', null, t('history-new-messages')));
  }

  clear() {
    this.list.replaceChildren();
    this.separators.clear();
    this.unreadRow = null;
  }

  /** Puts the "New messages" divider before `row` (none for null). */
  setUnread(row) {
    this.unreadRow = row;
    if (!row) this.divider.remove();
    else this.placeDivider();
  }

  // Before the row's day separator when it starts a day, so the two do not swap places.
  placeDivider() {
    const row = this.unreadRow;
    if (!row || !row.el.isConnected) return this.divider.remove();
    const prev = row.el.previousElementSibling;
    const anchor = prev && prev.classList.contains('day-separator') ? prev : row.el;
    if (anchor.previousElementSibling !== this.divider) anchor.before(this.divider);
  }

  /** Puts a new row's element in id order. */
  insert(row) {
    const id = Number(row.msg.id);
    let before = this.list.lastElementChild;
    while (before && (!before.dataset.messageId || Number(before.dataset.messageId) > id)) before = before.previousElementSibling;
    if (before) before.after(row.el);
    else this.list.prepend(row.el);
  }

  /** Re-derives separators, grouping and receipts; `rowOf(el)` maps an element to its row. */
  layout(rowOf) {
    const rows = [...this.list.children].filter((el) => el.dataset.messageId).map(rowOf).filter(Boolean);
    const days = new Set();
    let prev = null;
    for (const row of rows) {
      const m = row.msg;
      const day = dayKey(m.created_at);
      if (!prev || dayKey(prev.msg.created_at) !== day) {
        days.add(day);
        let sep = this.separators.get(day);
        if (!sep) {
          sep = h('li', { class: 'day-separator', 'data-testid': 'day-separator' },
            h('span', null, dayLabel(m.created_at)));
          this.separators.set(day, sep);
        }
        if (row.el.previousElementSibling !== sep) row.el.before(sep);
      }
      // A line of the chat's own (an arrival, a topic, a call) neither starts nor joins a
      // run, and a pinned message starts its own (message.js, standsAlone).
      row.setContinued(Boolean(prev && !prev.standsAlone && !row.standsAlone && dayKey(prev.msg.created_at) === day &&
        prev.msg.sender && m.sender && sameId(prev.msg.sender.id, m.sender.id) &&
        minutesBetween(prev.msg.created_at, m.created_at) <= GROUP_MINUTES));
      prev = row;
    }
    for (const [day, sep] of this.separators) {
      if (!days.has(day)) {
        sep.remove();
        this.separators.delete(day);
      }
    }
    this.receipts(rows);
    this.placeDivider();
  }

  // Newest first: a reader is shown on the first (newest) own message they have read.
  receipts(rows) {
    const placed = new Set();
    let newestOwn = true;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i];
      if (!row.mine) continue;
      const readers = (row.msg.read_by || []).filter((id) => !sameId(id, this.me.id) && !placed.has(String(id)));
      readers.forEach((id) => placed.add(String(id)));
      row.setReceipt(readers.length || newestOwn ? readers : null);
      newestOwn = false;
    }
  }
}
