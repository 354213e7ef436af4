// Where the reader left off: which rows have actually been seen (an
// IntersectionObserver on the rows, only while the page is visible) so the read marker
// moves with the eyes, not on open; the "Jump to first unread" control while the
// "New messages" divider is out of view; and "N new messages below" while scrolled up.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

const READ_DELAY_MS = 400; // one mark-as-read per burst of scrolling
const SEEN_RATIO = 0.5; // half a row on screen counts as seen (or half the screen for a tall one)

export class ReadPlace {
  /** scroller: the history's scrolling box; history: its History (owns the divider);
   *  onSeen(upTo): rows up to that id were seen (mark them read); onBottom(): scroll to the end. */
  constructor({ scroller, history, onSeen, onBottom }) {
    this.scroller = scroller;
    this.history = history;
    this.onSeen = onSeen;
    this.visibleIds = new Set();
    this.watched = new Set(); // row elements
    this.held = false;
    this.seenMax = 0;
    this.below = 0;
    this.jumpButton = h('button', { type: 'button', class: 'cue-button', 'data-testid': 'jump-unread', hidden: true,
      onclick: () => this.showDivider(true) }, icon('up'), t('readplace-jump-to-first-unread'));
    this.belowButton = h('button', { type: 'button', class: 'cue-button', 'data-testid': 'new-below', hidden: true,
      onclick: () => { this.clearBelow(); onBottom(); } });
    this.top = h('div', { class: 'cue cue-top' }, this.jumpButton);
    this.bottom = h('div', { class: 'cue cue-bottom', 'aria-live': 'polite' }, this.belowButton);
    this.observer = new IntersectionObserver((entries) => this.saw(entries), { root: scroller, threshold: [0, SEEN_RATIO, 1] });
    this.timer = null;
    document.addEventListener('visibilitychange', () => this.note());
  }

  /** A new chat: nothing seen yet. */
  reset() {
    this.observer.disconnect();
    this.watched.clear();
    this.held = false;
    this.visibleIds.clear();
    this.seenMax = 0;
    clearTimeout(this.timer);
    this.timer = null;
    this.history.setUnread(null);
    this.jumpButton.hidden = true;
    this.clearBelow();
  }

  watch(row) {
    this.watched.add(row.el);
    this.observer.observe(row.el);
  }

  unwatch(row) {
    this.watched.delete(row.el);
    this.observer.unobserve(row.el);
    this.visibleIds.delete(Number(row.msg.id));
  }

  /** While a chat opens, the history passes through the newest rows on its way to the
   *  first unread: nothing counts as seen until `resume`. */
  hold() {
    this.held = true;
  }

  /** Seen-tracking starts again from what is on screen now (observing anew reports every row once). */
  resume() {
    this.held = false;
    this.visibleIds.clear();
    this.observer.disconnect();
    for (const el of this.watched) this.observer.observe(el);
  }

  saw(entries) {
    if (this.held) return;
    for (const e of entries) {
      const id = Number(e.target.dataset.messageId);
      const tall = e.rootBounds && e.intersectionRect.height >= e.rootBounds.height * SEEN_RATIO;
      if (e.isIntersecting && (e.intersectionRatio >= SEEN_RATIO || tall)) this.visibleIds.add(id);
      else this.visibleIds.delete(id);
    }
    this.note();
  }

  // Rows on screen while the page is visible are seen; their newest is marked soon.
  note() {
    if (document.visibilityState !== 'visible' || !this.visibleIds.size) return;
    const max = Math.max(...this.visibleIds);
    if (max <= this.seenMax) return;
    this.seenMax = max;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), READ_DELAY_MS);
  }

  /** Marks what was seen now (also when leaving the chat before the delay ends). */
  flush() {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.onSeen(this.seenMax);
  }

  /** The first unread row (or null): the divider goes before it. */
  setFirstUnread(row) {
    this.history.setUnread(row);
    this.update();
  }

  /** Scrolls so the divider sits at the top of the history; `focus` moves focus there too. */
  showDivider(focus = false) {
    const divider = this.history.divider;
    if (!divider.isConnected) return;
    const s = this.scroller;
    s.scrollTop += divider.getBoundingClientRect().top - s.getBoundingClientRect().top - 8;
    if (focus) divider.focus({ preventScroll: true });
    this.update();
  }

  /** A message from someone else arrived while the reader is scrolled up. */
  arrived() {
    this.below += 1;
    this.belowButton.replaceChildren(icon('down'), t('readplace-new-below', { n: this.below }));
    this.belowButton.hidden = false;
  }

  clearBelow() {
    this.below = 0;
    this.belowButton.hidden = true;
  }

  /** After a scroll: the cues follow what is on screen. */
  update(nearBottom = false) {
    if (nearBottom) this.clearBelow();
    const divider = this.history.divider;
    if (!divider.isConnected) {
      this.jumpButton.hidden = true;
      return;
    }
    const d = divider.getBoundingClientRect();
    const s = this.scroller.getBoundingClientRect();
    this.jumpButton.hidden = d.bottom > s.top && d.top < s.bottom; // hidden while the divider is in view
  }
}
