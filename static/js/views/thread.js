// A thread's side panel (a full screen on a phone): its first message, the replies
// oldest first (`GET /api/threads/{root}/`, then live from socket frames whose
// `thread_id` is the root), Follow / Following, and a message box of its own that sends
// into the thread, with "Also send to <chat>" to show the reply in the channel too. The
// rows are the chat's own MessageRow, so edits, deletes and reactions work as there.

import * as api from '../api.js';
import { h, chatTitle, sameId, debounce } from '../dom.js';
import { iconButton } from '../icons.js';
import { MessageRow } from './message.js';
import { History } from './history.js';
import { Composer } from './composer.js';
import { announce } from '../announce.js';
import { t as tx } from '../i18n.js';

const HIGHLIGHT_MS = 5000;
const NEAR_END_PX = 120;

export class ThreadPanel {
  /** ctx(rootId): the message rows' ctx (the chat's, see message.js); threads: threads.js;
   *  onClose(): the person closed the panel; onSent(msg): a reply of mine was sent;
   *  members(): the chat's members (the `@` list). */
  constructor({ me, threads, ctx, onClose, onSent, members }) {
    this.me = me;
    this.threads = threads;
    this.ctxFor = ctx;
    this.onSent = onSent;
    this.chat = null;
    this.rootId = null;
    this.root = null; // the root's MessageRow
    this.rows = new Map(); // reply id (string) -> MessageRow
    this.seq = 0;
    this.older = null; // the `older` link of the last page

    this.title = h('h2', { class: 'thread-title', id: 'thread-title' }, tx('thread-thread'));
    this.where = h('p', { class: 'chat-sub', 'data-testid': 'thread-where' });
    this.follow = h('button', { type: 'button', class: 'secondary follow-button', 'data-testid': 'thread-follow',
      'aria-pressed': 'false', onclick: () => this.toggleFollow() }, tx('thread-follow'));
    this.status = h('p', { class: 'older-status', 'aria-live': 'polite', 'data-testid': 'thread-status' });
    this.rootList = h('ol', { class: 'messages thread-root', 'aria-label': tx('thread-first-message') });
    this.count = h('p', { class: 'thread-count-line', 'data-testid': 'thread-count' });
    this.moreButton = h('button', { type: 'button', class: 'link', 'data-testid': 'thread-older', hidden: true,
      onclick: () => this.loadOlder() }, tx('thread-show-older-replies'));
    this.list = h('ol', { class: 'messages', 'data-testid': 'thread-replies', 'aria-label': tx('thread-replies-label') });
    this.history = new History(this.list, me);
    this.scroller = h('div', { class: 'thread-scroller' }, this.status, this.rootList, this.count, this.moreButton, this.list);
    this.alsoBox = h('input', { type: 'checkbox', 'data-testid': 'thread-also-channel' });
    this.alsoText = h('span', null, tx('thread-also-send-to-the-chat'));
    this.error = h('p', { class: 'form-error', role: 'alert' });
    this.composer = new Composer({
      onSend: (content, ids, metas) => this.send(content, ids, metas),
      onTyping: () => {},
      members,
      wide: () => Boolean(this.chat && this.chat.chat_type !== 'dm'),
      me,
      label: tx('thread-reply-in-thread'),
      placeholder: tx('thread-reply'),
      prefix: 'thread-',
    });
    this.composer.el.classList.add('thread-composer');
    this.composer.el.prepend(h('label', { class: 'also-channel' }, this.alsoBox, ' ', this.alsoText));
    this.el = h('aside', { class: 'thread-panel', 'data-testid': 'thread-panel', 'aria-labelledby': 'thread-title', hidden: true },
      h('header', { class: 'chat-head thread-head' },
        h('div', null, this.title, this.where),
        this.follow,
        iconButton('close', tx('thread-close-the-thread'), { 'data-testid': 'thread-close', onclick: () => onClose() })),
      this.scroller, this.error, this.composer.el);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented && e.target === this.composer.input && !this.composer.input.value) onClose();
    });
    this.readSoon = debounce(() => this.markRead(), 400);
    // Whether I follow may change with a reply (the root's author, a person named): asked again.
    this.followSoon = debounce(() => {
      const root = this.rootId;
      if (root == null) return;
      api.getThread(root, { page_size: 1 }).then((t) => { if (sameId(root, this.rootId)) this.setFollowing(Boolean(t.following)); }, () => {});
    }, 1000);
  }

  /** Whether the thread of `rootId` is open and on screen. */
  isViewing(rootId) {
    return Boolean(this.rootId != null && sameId(this.rootId, rootId) && !this.el.hidden && document.visibilityState === 'visible');
  }

  /** Opens the thread of `rootId` in `chat` (a reply `at` shown and highlighted). */
  async open(chat, rootId, at = null) {
    if (this.chat && sameId(this.chat.id, chat.id) && sameId(this.rootId, rootId) && !this.el.hidden) {
      if (at != null) this.reveal(at);
      return;
    }
    const seq = this.reset();
    this.chat = chat;
    this.rootId = String(rootId);
    this.el.hidden = false;
    this.where.textContent = chatTitle(chat, this.me);
    this.alsoText.textContent = chat.chat_type === 'room' ? tx('thread-also-send-room', { title: chatTitle(chat, this.me) }) : tx('thread-also-send', { title: chatTitle(chat, this.me) });
    this.composer.reset(`${chat.id}.thread.${rootId}`); // a draft of its own
    this.status.textContent = tx('thread-loading-the-thread');
    try {
      const t = await api.getThread(rootId);
      if (seq !== this.seq) return;
      this.status.textContent = '';
      this.showRoot(t.root);
      (t.replies || []).forEach((m) => this.upsert(m));
      this.older = t.older || null;
      this.moreButton.hidden = !this.older;
      this.setFollowing(Boolean(t.following));
      this.renderCount(t);
      this.relayout();
      if (at != null && !sameId(at, rootId)) this.reveal(at);
      else this.scroller.scrollTop = this.scroller.scrollHeight;
      this.markRead();
    } catch (err) {
      if (seq !== this.seq) return;
      this.status.textContent = err.status === 404 ? tx('thread-this-thread-is-not-there') : tx('thread-could-not-load-the-thread', { message: err.message });
    }
    if (matchMedia('(hover: hover)').matches) this.composer.focus();
  }

  /** After a reconnect: reads the thread again (replies, edits and deletions missed). */
  async catchUp() {
    if (this.rootId == null || this.el.hidden) return;
    const seq = this.seq;
    const t = await api.getThread(this.rootId);
    if (seq !== this.seq) return;
    this.showRoot(t.root);
    const fresh = new Set((t.replies || []).map((m) => String(m.id)));
    const low = Math.min(...[...fresh].map(Number));
    for (const key of [...this.rows.keys()]) if ((!t.older || Number(key) >= low) && !fresh.has(key)) this.drop(key);
    (t.replies || []).forEach((m) => this.upsert(m));
    this.setFollowing(Boolean(t.following));
    this.renderCount(t);
    this.readSoon();
  }

  /** Closes the panel (its draft stays). */
  close() {
    this.reset();
    this.el.hidden = true;
  }

  reset() {
    this.composer.reset(null);
    this.rows.clear();
    this.history.clear();
    this.rootList.replaceChildren();
    this.root = null;
    this.rootId = null;
    this.chat = null;
    this.older = null;
    this.count.textContent = '';
    this.status.textContent = '';
    this.error.textContent = '';
    this.alsoBox.checked = false;
    this.moreButton.hidden = true;
    this.setFollowing(false);
    return ++this.seq;
  }

  get ctx() {
    return this.ctxFor(this.rootId);
  }

  showRoot(msg) {
    if (!msg) {
      this.root = null;
      this.rootList.replaceChildren(h('li', { class: 'older-status', 'data-testid': 'thread-root-gone' }, tx('thread-the-first-message-of-this')));
      return;
    }
    if (this.root) return this.root.update(msg);
    this.root = new MessageRow({ reactions: [], read_by: [], attachments: [], ...msg }, this.ctx);
    this.root.el.dataset.threadRoot = 'true';
    this.rootList.replaceChildren(this.root.el);
  }

  renderCount(t) {
    const n = Number(t && t.reply_count) || this.rows.size;
    this.count.textContent = n ? tx('thread-replies', { n }) : tx('thread-no-replies-yet-start-the');
  }

  setFollowing(on) {
    this.following = on;
    this.follow.textContent = on ? tx('thread-following') : tx('thread-follow');
    this.follow.setAttribute('aria-pressed', String(on));
    this.follow.title = on ? tx('thread-you-are-told-of-new') : tx('thread-be-told-of-new-replies');
  }

  async toggleFollow() {
    if (this.rootId == null) return;
    const root = this.rootId;
    const want = !this.following;
    this.follow.disabled = true;
    try {
      const answer = await api.followThread(root, want);
      if (!sameId(root, this.rootId)) return;
      const on = answer && typeof answer.following === 'boolean' ? answer.following : want;
      this.setFollowing(on);
      this.threads.setFollowing(root, on);
      announce(on ? tx('thread-following-this-thread') : tx('thread-no-longer-following-this-thread'));
    } catch (err) {
      this.error.textContent = tx('thread-could-not-change-following-message', { message: err.message });
    } finally {
      this.follow.disabled = false;
    }
  }

  /** Adds or merges one reply; rows stay in id order. */
  upsert(msg) {
    const key = String(msg.id);
    const row = this.rows.get(key);
    if (row) row.update(msg);
    else {
      const fresh = new MessageRow({ reactions: [], read_by: [], attachments: [], ...msg }, this.ctx);
      this.rows.set(key, fresh);
      this.history.insert(fresh);
    }
    this.relayoutSoon();
  }

  drop(messageId) {
    const key = String(messageId);
    if (this.root && sameId(this.root.msg.id, messageId)) return this.showRoot(null);
    const row = this.rows.get(key);
    if (row) row.el.remove();
    this.rows.delete(key);
    this.relayoutSoon();
  }

  /** The rows showing message `id` here (the root or a reply). */
  rowOf(id) {
    if (this.root && sameId(this.root.msg.id, id)) return this.root;
    return this.rows.get(String(id)) || null;
  }

  relayoutSoon() {
    if (this.layoutQueued) return;
    this.layoutQueued = true;
    queueMicrotask(() => this.relayout());
  }

  relayout() {
    this.layoutQueued = false;
    this.history.layout((el) => this.rows.get(el.dataset.messageId));
  }

  async loadOlder() {
    if (!this.older || this.rootId == null) return;
    const seq = this.seq;
    const ids = [...this.rows.keys()].map(Number);
    this.moreButton.disabled = true;
    try {
      const t = await api.getThread(this.rootId, { before: Math.min(...ids) });
      if (seq !== this.seq) return;
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      (t.replies || []).forEach((m) => this.upsert(m));
      this.relayout();
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
      this.older = t.older || null;
      this.moreButton.hidden = !this.older;
    } catch (err) {
      this.error.textContent = tx('thread-could-not-load-older-replies', { message: err.message });
    } finally {
      this.moreButton.disabled = false;
    }
  }

  /** Scrolls to reply `id` and highlights it for a moment. */
  reveal(id) {
    const row = this.rowOf(id);
    if (!row) return false;
    this.relayout();
    row.el.classList.add('jump-target');
    row.el.dataset.highlighted = 'true';
    row.el.scrollIntoView({ block: 'center' });
    setTimeout(() => { row.el.classList.remove('jump-target'); delete row.el.dataset.highlighted; }, HIGHLIGHT_MS);
    return true;
  }

  // The thread is read up to its newest reply while it is on screen.
  markRead() {
    if (this.rootId == null || document.visibilityState !== 'visible' || this.el.hidden) return;
    const ids = [...this.rows.keys()].map(Number);
    this.threads.markRead(this.rootId, ids.length ? Math.max(...ids) : null).catch(() => {});
  }

  /** A socket frame of the open chat. */
  onEvent(frame) {
    if (this.rootId == null || !this.chat || !sameId(frame.chat_id, this.chat.id)) return;
    const m = frame.message;
    switch (frame.type) {
      case 'new_message':
        if (m && m.thread_id != null && sameId(m.thread_id, this.rootId)) {
          const s = this.scroller;
          const stick = s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_END_PX || (m.sender && sameId(m.sender.id, this.me.id));
          this.upsert(m);
          this.relayout();
          if (stick) s.scrollTop = s.scrollHeight;
          this.readSoon();
          // The root's author, and whoever a reply names, follow from the first reply on.
          this.followSoon();
        }
        break;
      case 'message_updated':
        if (m && this.rowOf(m.id)) {
          if (this.root && sameId(this.root.msg.id, m.id)) this.showRoot(m);
          else this.upsert(m);
        }
        break;
      case 'message_deleted':
        if (this.rowOf(frame.message_id)) this.drop(frame.message_id);
        break;
      case 'reaction_updated': {
        const row = this.rowOf(frame.message_id);
        if (row) row.update({ reactions: frame.reactions || [] });
        break;
      }
      case 'thread_updated':
        if (sameId(frame.message_id, this.rootId)) {
          if (this.root) this.root.update({ thread: frame.thread });
          this.renderCount(frame.thread);
        }
        break;
      // Receipts: a reader of this thread saw its replies; a reader of the chat saw the
      // root and the replies also sent to the channel, not those kept here.
      case 'thread_read':
        if (sameId(frame.thread_id, this.rootId)) this.applyRead(frame.user_id, Number(frame.message_id), () => true);
        break;
      case 'read':
        this.applyRead(frame.user_id, Number(frame.message_id), (msg) => msg.in_channel !== false);
        break;
      default:
    }
  }

  /** `userId` has read up to `upTo`: they join read_by of the replies `counts(msg)` allows. */
  applyRead(userId, upTo, counts) {
    for (const [key, row] of this.rows) {
      const readBy = row.msg.read_by || [];
      if (Number(key) <= upTo && counts(row.msg) && !readBy.some((id) => sameId(id, userId))) row.update({ read_by: [...readBy, userId] });
    }
    this.relayoutSoon();
  }

  async send(content, attachmentIds, metas) {
    const chat = this.chat;
    const seq = this.seq;
    const also = this.alsoBox.checked;
    const sent = await api.sendMessage(chat.id, content, attachmentIds,
      { thread_id: Number(this.rootId), also_in_channel: also });
    if (seq === this.seq) this.alsoBox.checked = false;
    if (!sent || sent.id == null) return; // the socket frame brings it
    const msg = { sender: this.me, attachments: metas, ...sent };
    this.threads.setFollowing(msg.thread_id ?? this.rootId, true); // replying follows
    if (seq === this.seq) this.setFollowing(true);
    this.onSent(msg);
    if (seq !== this.seq) return;
    this.upsert(msg);
    this.relayout();
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
