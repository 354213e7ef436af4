// The open chat: history (older pages load on scrolling up), live updates from socket
// frames, typing and read receipts, and catching up on what was missed after a drop.
// It opens at the first unread message (readplace.js marks rows read as they are seen)
// and sends quote-replies (replies.js). The channel's timeline leaves out thread replies
// kept to their thread; a thread opens in its panel beside it (thread.js).

import * as api from '../api.js';
import { h, chatTitle, userName, sameId, said, isolated } from '../dom.js';
import { MessageRow } from './message.js';
import { Composer } from './composer.js';
import { History } from './history.js';
import { iconButton } from '../icons.js';
import { avatar } from '../avatar.js';
import { announce } from '../announce.js';
import { filesAsWords } from '../text.js';
import { systemLine } from '../systemlines.js';
import { ReadPlace } from './readplace.js';
import { ReplyBar } from './replybar.js';
import { ChatPresence } from './chatpresence.js';
import { confirmAction } from './confirm.js';
import { CallBar } from './callbar.js';
import { CallRecords } from './callrecord.js';
import { ThreadPanel } from './thread.js';
import { PinBoard } from './pins.js';
import { openSaveDialog } from './saved.js';
import { t, parts } from '../i18n.js';

const TYPING_TTL_MS = 6000; // forget a typer we have not heard from in this long
const NEAR_EDGE_PX = 120;
const JUMP_MAX_PAGES = 20; // how far back a jump to a message may load history
const JUMP_PAGE_SIZE = 100;
const HIGHLIGHT_MS = 5000;

// A copy of `reactions` with `userId`'s `emoji` toggled, as the server will do.
function toggled(reactions, emoji, userId) {
  const out = (reactions || []).map((r) => ({ ...r, users: [...(r.users || [])] }));
  const r = out.find((x) => x.emoji === emoji);
  if (!r) return [...out, { emoji, count: 1, users: [userId] }];
  const i = r.users.findIndex((id) => sameId(id, userId));
  if (i >= 0) { r.users.splice(i, 1); r.count -= 1; } else { r.users.push(userId); r.count += 1; }
  return out.filter((x) => x.count > 0);
}

export class ChatView {
  /** list: the ChatList (kept in step); onBack(): leave the chat (narrow screens);
   *  onRead(chatId): the open chat was marked read (its mentions are read too);
   *  isBot(sender): whether a sender is a bot (bots.js), for its messages' badge;
   *  calls: the Calls of calls/calls.js (the header's call button, the Join bar);
   *  threads: threads.js; onThread(chatId, rootId, at): show that thread (main.js puts it
   *  in the address, which comes back as openThread); onCloseThread(chatId). */
  constructor({ me, list, onBack, onInfo, onRead = () => {}, isBot = () => false, calls = null, threads = null,
    onThread = () => {}, onCloseThread = () => {}, onOpenMessage = null }) {
    this.onThread = onThread;
    this.onOpenMessage = onOpenMessage; // a message a pasted link names (messagelinks.js)
    this.pins = new PinBoard({
      onJump: (id, threadId) => this.chat && (threadId ? onThread(this.chat.id, threadId, id) : this.reveal(id)),
      onChange: (id) => this.redrawPinned(id),
    });
    this.calls = calls;
    this.callRecords = new CallRecords((id) => this.rows.get(String(id)));
    this.callBar = new CallBar({ onJoin: (c) => calls.join(c), onReturn: () => calls.restore() });
    if (calls) calls.onChange(() => this.renderCallBar());
    this.me = me;
    this.isBot = isBot;
    this.onRead = onRead;
    this.list = list;
    this.chat = null;
    this.rows = new Map(); // message id (string) -> MessageRow
    this.typers = new Map(); // user id (string) -> expiry timer
    this.seq = 0; // bumps on every open, so late answers for another chat are dropped
    this.hasMore = false;
    this.loadingOlder = false;

    this.title = h('h2', { class: 'chat-name', dir: 'auto', 'data-testid': 'chat-header-title' });
    // A direct chat's other person's picture beside their name (their initials without one).
    this.face = h('span', { class: 'chat-head-face' });
    this.presence = new ChatPresence(me); // a direct chat's other person: status, quiet hours
    this.subtitle = h('p', { class: 'chat-sub', 'data-testid': 'chat-subtitle' });
    this.older = h('p', { class: 'older-status', 'aria-live': 'polite' });
    this.messages = h('ol', { class: 'messages', 'data-testid': 'messages', 'aria-label': t('chat-messages') });
    this.history = new History(this.messages, me);
    this.layoutQueued = false;
    this.scroller = h('div', { class: 'scroller' }, this.older, this.messages);
    this.typing = h('p', { class: 'typing', 'data-testid': 'typing-indicator', 'aria-live': 'polite', hidden: true });
    this.notice = h('p', { class: 'form-error chat-error', role: 'alert', 'data-testid': 'chat-error' });
    // In place of the message box while an administrator has the chat archived.
    this.archived = h('p', { class: 'notice chat-archived', role: 'status', 'data-testid': 'chat-archived', hidden: true },
      t('chat-this-chat-is-archived-you'));
    this.place = new ReadPlace({
      scroller: this.scroller,
      history: this.history,
      onSeen: (upTo) => this.markRead(upTo),
      onBottom: () => { this.scrollToEnd(); this.composer.focus(); },
    });
    this.replyBar = new ReplyBar({ onCancel: () => this.composer.focus() });
    this.composer = new Composer({
      onSend: (content, ids, metas) => this.send(content, ids, metas),
      onTyping: (on) => this.chat && api.sendTyping(this.chat.id, on).catch(() => {}),
      members: () => (this.chat && this.chat.members) || [],
      wide: () => Boolean(this.chat && this.chat.chat_type !== 'dm'),
      me,
    });
    this.empty = h('div', { class: 'no-chat' }, h('p', null, t('chat-pick-a-chat-find-someone')));
    this.pane = h('div', { class: 'chat-pane', hidden: true },
      h('header', { class: 'chat-head' },
        iconButton('back', t('chat-back-to-chats'), { class: 'back', 'data-testid': 'back-button', onclick: onBack }),
        this.face,
        h('div', null, this.title, this.subtitle),
        calls ? iconButton('phone', t('chat-start-or-join-a-call'), { 'data-testid': 'call-start', onclick: () => this.chat && calls.join(this.chat) }) : null,
        this.pins.button,
        iconButton('info', t('chat-chat-details-and-members'), { 'data-testid': 'chat-info-button', onclick: () => this.chat && onInfo(this.chat) })),
      this.callBar.el, this.place.top, this.scroller, this.place.bottom, this.typing, this.notice, this.archived, this.presence.line, this.replyBar.el,
      this.composer.el);
    this.thread = new ThreadPanel({
      me,
      threads,
      ctx: (rootId) => ({ ...this.ctx, onReply: null, onThread: null, threadRoot: rootId,
        onOpenQuote: (id) => this.thread.reveal(id) || this.reveal(id) }),
      onClose: () => this.chat && onCloseThread(this.chat.id),
      onSent: (msg) => this.sentInThread(msg),
      members: () => (this.chat && this.chat.members) || [],
    });
    this.el = h('section', { class: 'chat', 'aria-label': t('chat-conversation') }, this.empty, this.pane, this.thread.el);
    this.composer.acceptDrops(this.pane); // files dropped anywhere on the chat are attached

    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < NEAR_EDGE_PX) this.loadOlder();
      this.place.update(this.nearBottom());
    });
    // Escape in the message box ends a reply (an open `@` list takes it first).
    this.composer.input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented && this.replyBar.target) {
        e.preventDefault();
        this.replyBar.clear();
      }
    });
  }

  /** Whether this chat is open and on screen, so its new messages count as read. */
  isViewing(chatId) {
    return Boolean(this.chat && sameId(this.chat.id, chatId) && this.visible());
  }

  visible() {
    return document.visibilityState === 'visible';
  }

  /** Whether the thread of `rootId` is open in the panel and on screen. */
  isViewingThread(rootId) {
    return this.thread.isViewing(rootId);
  }

  /** Opens the thread of `rootId` of the open chat in the panel (reply `at` shown). */
  openThread(rootId, at = null) {
    if (!this.chat) return;
    this.el.classList.add('thread-open');
    this.thread.open(this.chat, rootId, at);
  }

  /** Closes the thread panel. */
  closeThread() {
    this.thread.close();
    this.el.classList.remove('thread-open');
  }

  /** `focus`: the message box takes the focus once the history is in (not on a page's
   *  first load, whose first Tab stop stays the search). */
  async open(chat, { focus = true } = {}) {
    if (this.chat && sameId(this.chat.id, chat.id)) return;
    const seq = this.reset(chat);
    this.pins.load(chat.id);
    this.older.textContent = t('chat-loading-messages');
    this.opening = true;
    this.place.hold();
    try {
      const page = await api.listChannel(chat.id);
      if (seq !== this.seq) return;
      this.opening = false;
      page.results.forEach((m) => this.upsert(m));
      this.hasMore = Boolean(page.next) && page.results.length > 0;
      this.showOlderState();
      this.scrollToEnd();
      const jump = this.pendingJump && sameId(this.pendingJump.chatId, chat.id) ? this.pendingJump : null;
      this.pendingJump = null;
      const unread = await this.firstUnread(Number(chat.unread_count) || 0);
      if (seq !== this.seq) return;
      this.place.setFirstUnread(unread);
      if (jump) await this.reveal(jump.messageId);
      else if (unread) this.place.showDivider();
      else this.fillScreen();
      if (seq === this.seq) this.place.resume();
    } catch (err) {
      if (seq === this.seq) {
        this.opening = false;
        this.pendingJump = null;
        this.older.textContent = t('chat-could-not-load-messages-message', { message: err.message });
        this.place.resume();
      }
    }
    // On touch screens focusing would pop the keyboard over the history.
    if (focus && matchMedia('(hover: hover)').matches) this.composer.focus();
  }

  close() {
    this.reset(null);
  }

  /** The oldest unread row: walking back from the newest, the messages of others until
   *  one I have read (or my own: sending marks read) or `count` of them; older pages
   *  load (bounded) while the first page holds only unread ones. */
  async firstUnread(count) {
    if (!count) return null;
    const seq = this.seq;
    for (let pages = 0; ; pages++) {
      const rows = [...this.rows.values()].sort((a, b) => Number(b.msg.id) - Number(a.msg.id));
      let found = null;
      let n = 0;
      let stopped = false;
      for (const row of rows) {
        if (row.mine || (row.msg.read_by || []).some((id) => sameId(id, this.me.id))) { stopped = true; break; }
        found = row;
        if (++n >= count) { stopped = true; break; }
      }
      if (stopped || !this.hasMore || pages >= JUMP_MAX_PAGES) return found;
      const loaded = await this.loadOlder(JUMP_PAGE_SIZE, false);
      if (seq !== this.seq || !loaded) return found;
    }
  }

  /** Shows message `messageId` of chat `chatId` once that chat is open (now, if it is);
   *  a reply kept to its thread opens the thread's panel at it. */
  jump(chatId, messageId) {
    if (this.chat && sameId(this.chat.id, chatId) && !this.opening) {
      this.pendingJump = null;
      this.reveal(messageId);
    } else {
      this.pendingJump = { chatId, messageId };
    }
  }

  /** Scrolls to a message and highlights it, loading older pages (bounded) until it is here. */
  async reveal(messageId) {
    const seq = this.seq;
    const key = String(messageId);
    this.clearHighlight();
    for (let pages = 0; !this.rows.has(key) && this.hasMore && pages < JUMP_MAX_PAGES; pages++) {
      if (this.ids().length && Math.min(...this.ids()) < Number(messageId)) break; // passed it: gone
      const loaded = await (this.loadingOlder ? this.olderLoad : this.loadOlder(JUMP_PAGE_SIZE, false));
      if (seq !== this.seq) return;
      if (!loaded) break; // the load failed: its words are above the history
    }
    const row = this.rows.get(key);
    if (!row) {
      this.showOlderState();
      // A reply kept to its thread is not in the channel: ask for it, and open its thread.
      const threadOf = await this.threadOf(messageId);
      if (seq !== this.seq) return;
      if (threadOf != null) return this.onThread(this.chat.id, threadOf, messageId);
      this.say(t('chat-that-message-is-not-in'));
      return;
    }
    this.relayout();
    this.showOlderState();
    row.el.classList.add('jump-target');
    row.el.dataset.highlighted = 'true';
    row.el.scrollIntoView({ block: 'center' });
    this.highlighted = row.el;
    announce(row.mine ? t('chat-showing-from-you') : t('chat-showing-from', { name: userName(row.msg.sender) }));
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => this.clearHighlight(), HIGHLIGHT_MS);
    // The next click or key press anywhere ends the highlight too (after this one settles).
    setTimeout(() => {
      if (this.highlighted !== row.el) return;
      const end = () => this.clearHighlight();
      this.highlightEnd = end;
      document.addEventListener('pointerdown', end, { once: true, capture: true });
      document.addEventListener('keydown', end, { once: true, capture: true });
    }, 0);
  }

  /** The thread root of message `messageId` (null: none, or not found), read from the
   *  chat's whole history (not the channel's). */
  async threadOf(messageId) {
    try {
      const page = await api.listMessages(this.chat.id, { before: Number(messageId) + 1, page_size: 1 });
      const m = page.results.find((x) => sameId(x.id, messageId));
      return m && m.thread_id != null ? m.thread_id : null;
    } catch {
      return null;
    }
  }

  clearHighlight() {
    clearTimeout(this.highlightTimer);
    if (this.highlighted) {
      this.highlighted.classList.remove('jump-target');
      delete this.highlighted.dataset.highlighted;
      this.highlighted = null;
    }
    if (this.highlightEnd) {
      document.removeEventListener('pointerdown', this.highlightEnd, { capture: true });
      document.removeEventListener('keydown', this.highlightEnd, { capture: true });
      this.highlightEnd = null;
    }
  }

  // Clears everything of the previous chat; returns the new open-sequence number.
  reset(chat) {
    this.place.flush(); // what was seen of the chat being left is read
    this.place.reset();
    this.replyBar.clear();
    this.closeThread();
    this.clearHighlight();
    if (this.pendingJump && !(chat && sameId(this.pendingJump.chatId, chat.id))) this.pendingJump = null;
    this.composer.reset(chat ? chat.id : null);
    for (const timer of this.typers.values()) clearTimeout(timer);
    this.typers.clear();
    this.rows.clear();
    this.history.clear();
    this.callRecords.reset(chat ? chat.id : null);
    this.notice.textContent = '';
    this.hasMore = false;
    this.loadingOlder = false;
    this.opening = false;
    this.chat = chat;
    this.empty.hidden = Boolean(chat);
    this.pane.hidden = !chat;
    if (chat) this.renderHeader();
    this.renderCallBar();
    this.renderTyping();
    return ++this.seq;
  }

  /** Refreshes the header (and names) when the list learns more about the chat. */
  refresh(chat) {
    if (!this.chat || !sameId(this.chat.id, chat.id)) return;
    this.chat = chat;
    this.renderHeader();
  }

  renderHeader() {
    const c = this.chat;
    const n = (c.members || []).length;
    const kind = { dm: t('chat-direct-message'), group: t('chat-group'), room: t('chat-room') }[c.chat_type] || '';
    this.title.textContent = chatTitle(c, this.me);
    const other = c.chat_type === 'dm' ? (c.members || []).find((m) => !sameId(m.id, this.me.id)) : null;
    const face = other ? avatar(other) : null;
    if (face) face.dataset.testid = 'chat-header-avatar';
    this.face.replaceChildren(...(face ? [face] : []));
    this.presence.show(c, this.title);
    let about = c.chat_type === 'dm' ? kind : t('chat-kind-members', { kind, n });
    if (c.is_archived) about += t('chat-archived');
    // What the chat is about now (natter's `topic`), after its size: in a box of its own
    // that runs the way its own letters do, cut at its own end (an English topic in an
    // Arabic page keeps its start).
    this.subtitle.replaceChildren(h('span', { class: 'chat-sub-about' }, c.topic ? `${about} · ` : about),
      c.topic ? h('span', { class: 'chat-topic', dir: 'auto', 'data-testid': 'chat-topic' }, c.topic) : '');
    this.subtitle.title = c.topic || '';
    this.archived.hidden = !c.is_archived;
    this.composer.el.hidden = Boolean(c.is_archived);
    // The server refuses edits in an archived chat: offer none.
    this.el.classList.toggle('is-archived', Boolean(c.is_archived));
    this.renderCallBar();
  }

  renderCallBar() {
    const calls = this.calls;
    if (!calls || !this.chat) return this.callBar.show(null, [], {});
    this.callBar.show(this.chat, calls.participants(this.chat.id), { mine: calls.mine(this.chat.id), minimised: calls.minimised(), me: calls.me });
  }

  /** The name shown for `username` (a reply's quote names its author so): a member's
   *  display name, as everywhere else, else the username as written. */
  nameOfUsername(username) {
    const m = ((this.chat && this.chat.members) || []).find((x) => x.username === username)
      || (this.me.username === username ? this.me : null);
    return m ? userName(m) : username;
  }

  nameOf(userId) {
    if (sameId(userId, this.me.id)) return t('chat-you');
    const m = ((this.chat && this.chat.members) || []).find((x) => sameId(x.id, userId));
    return m ? userName(m) : t('dom-user-id', { id: userId });
  }

  get ctx() {
    return {
      me: this.me,
      nameOf: (id) => this.nameOf(id),
      nameOfUsername: (username) => this.nameOfUsername(username),
      onReact: (msg, emoji) => this.react(msg, emoji),
      onEdit: (msg, text) => this.edit(msg, text),
      onDelete: (msg) => confirmAction({
        title: t('chat-delete-this-message'),
        question: t('chat-it-is-deleted-for-everyone'),
        action: t('chat-delete'),
        run: () => this.remove(msg),
      }),
      onModerate: (msg) => confirmAction({
        title: t('chat-remove-this-message'),
        question: t('chat-the-message-by-username-is', { userName: userName(msg.sender) }),
        action: t('chat-remove-for-everyone'),
        run: () => this.moderate(msg),
      }),
      onReply: (msg, mine) => { this.replyBar.set(msg, mine); this.composer.focus(); },
      onOpenQuote: (messageId) => this.reveal(messageId),
      isBot: (sender) => this.isBot(sender),
      onThread: (msg) => this.chat && this.onThread(this.chat.id, msg.thread_id ?? msg.id),
      userOf: (id) => this.userOf(id),
      isPinned: (id) => this.pins.has(id),
      mayPin: () => this.pins.mayPin,
      onPin: (msg) => this.pins.toggle(msg).catch((err) => { this.notice.textContent = err.message; }),
      onSave: (msg) => openSaveDialog(msg, { onSaved: () => announce(t('chat-saved-find-it-under-saved')) }),
      onOpenLink: (chatId, id, threadId) => this.onOpenMessage && this.onOpenMessage(chatId, id, threadId),
    };
  }

  /** Redraws the rows of message `id` (every row when none) after a pin came or went. */
  redrawPinned(id) {
    const rows = id == null ? [...this.rows.values()] : this.rowsOf(id);
    for (const row of rows) row.render();
    this.relayoutSoon(); // a pinned message starts a run of its own (history.js)
  }

  /** A member of the open chat (or me) by id, for avatars. */
  userOf(id) {
    if (sameId(id, this.me.id)) return this.me;
    return ((this.chat && this.chat.members) || []).find((x) => sameId(x.id, id)) || null;
  }

  /** Draws every row again (the set of bots changed: badges come and go). */
  redraw() {
    for (const row of this.rows.values()) row.render();
    for (const row of this.thread.rows.values()) row.render();
    if (this.thread.root) this.thread.root.render();
  }

  /** Every row showing message `id`: in the timeline and in the thread's panel. */
  rowsOf(id) {
    return [this.rows.get(String(id)), this.thread.rowOf(id)].filter(Boolean);
  }

  /** A reply I sent in the thread's panel: in the timeline too when also sent there. */
  sentInThread(msg) {
    if (msg.in_channel === false) return;
    this.list.noteMessage(this.chat.id, msg);
    this.upsert(msg);
    this.scrollToEnd();
  }

  /** Adds a message, or merges into the one shown; rows stay in id order. */
  upsert(msg) {
    // `is_deleted`: removed by an administrator, kept in its place (message.js says so);
    // a message its sender deleted comes as `message_deleted` and is dropped.
    if (msg.in_channel === false) return; // a reply kept to its thread: only in its panel
    const key = String(msg.id);
    const row = this.rows.get(key);
    if (row) {
      row.update(msg);
      return this.relayoutSoon();
    }
    const fresh = new MessageRow({ reactions: [], read_by: [], attachments: [], ...msg }, this.ctx);
    this.rows.set(key, fresh);
    this.callRecords.apply(fresh);
    this.history.insert(fresh);
    this.place.watch(fresh);
    this.relayoutSoon();
  }

  // Separators, grouping and receipts are redone once per batch of changes.
  relayoutSoon() {
    if (this.layoutQueued) return;
    this.layoutQueued = true;
    queueMicrotask(() => this.relayout());
  }

  relayout() {
    if (!this.layoutQueued) return;
    this.layoutQueued = false;
    this.history.layout((el) => this.rows.get(el.dataset.messageId));
  }

  drop(messageId) {
    const key = String(messageId);
    const row = this.rows.get(key);
    if (row) {
      this.place.unwatch(row);
      if (this.history.unreadRow === row) this.place.setFirstUnread(null);
      row.el.remove();
    }
    this.rows.delete(key);
    this.relayoutSoon();
  }

  ids() {
    return [...this.rows.keys()].map(Number);
  }

  nearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_EDGE_PX;
  }

  scrollToEnd() {
    this.relayout();
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  showOlderState() {
    this.older.textContent = this.hasMore ? '' : this.rows.size ? t('chat-start-of-the-conversation') : t('chat-no-messages-yet-say-hello');
  }

  // A first page shorter than the screen gives no scrollbar to pull older pages with.
  fillScreen() {
    if (this.hasMore && this.scroller.scrollHeight <= this.scroller.clientHeight) this.loadOlder();
  }

  /** One older page (`pageSize` as the server's default when not given); `fill` goes on
   *  loading while the history does not fill the screen. */
  loadOlder(pageSize, fill = true) {
    if (!this.chat || !this.hasMore || this.loadingOlder || !this.rows.size) return Promise.resolve(false);
    this.olderLoad = this.loadOlderPage(pageSize, fill);
    return this.olderLoad;
  }

  async loadOlderPage(pageSize, fill) {
    this.loadingOlder = true;
    const seq = this.seq;
    this.older.textContent = t('chat-loading-older-messages');
    let loaded = false;
    try {
      const page = await api.listChannel(this.chat.id, { before: Math.min(...this.ids()), page_size: pageSize });
      if (seq !== this.seq) return;
      const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
      page.results.forEach((m) => this.upsert(m));
      this.relayout();
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom; // keep the reader's place
      this.hasMore = Boolean(page.next) && page.results.length > 0;
      this.showOlderState();
      loaded = true;
    } catch (err) {
      if (seq === this.seq) this.older.textContent = t('chat-could-not-load-older-messages', { message: err.message });
    } finally {
      if (seq === this.seq) this.loadingOlder = false;
    }
    if (seq === this.seq && fill) this.fillScreen();
    return loaded; // whether a page came (for a jump that keeps loading)
  }

  /** After a reconnect: fetch everything after the last shown id, then re-read the newest page
   *  so edits, deletions, reactions and receipts made while away are shown too. */
  async catchUp() {
    if (!this.chat) return;
    this.thread.catchUp().catch(() => {}); // the open thread, on its own
    const seq = this.seq;
    const chat = this.chat;
    const stick = this.nearBottom();
    const ids = this.ids();
    if (ids.length) {
      const gap = await api.getAll(api.messagesPath(chat.id, { after: Math.max(...ids), channel: true }));
      if (seq !== this.seq) return;
      if (gap.truncated) {
        // Too much was missed to page through: start again from the newest page.
        this.chat = null;
        return this.open(chat);
      }
      gap.results.forEach((m) => this.upsert(m));
    }
    const page = await api.listChannel(chat.id);
    if (seq !== this.seq) return;
    const seen = new Set(page.results.map((m) => String(m.id)));
    const pageIds = page.results.map((m) => Number(m.id));
    const low = page.next ? Math.min(...pageIds) : -Infinity; // without next, the page is all there is
    const high = Math.max(...pageIds, -Infinity);
    for (const id of this.ids()) if (id >= low && id <= high && !seen.has(String(id))) this.drop(id);
    page.results.forEach((m) => this.upsert(m));
    if (!this.rows.size) this.hasMore = false;
    this.showOlderState();
    if (stick) this.scrollToEnd();
  }

  /** A socket frame for this chat. */
  onEvent(frame) {
    if (!this.chat || !sameId(frame.chat_id, this.chat.id)) return;
    // A call's start and end change its record (and its message's words).
    const m = frame.message;
    this.thread.onEvent(frame);
    this.pins.onFrame(frame);
    if (frame.type === 'call_state' || (m && typeof m.content === 'string' && m.content.startsWith('📞'))) this.callRecords.soon();
    switch (frame.type) {
      case 'new_message': {
        const msg = frame.message;
        if (!msg || msg.in_channel === false) return; // a reply kept to its thread (the panel has it)
        const stick = this.nearBottom() || (msg.sender && sameId(msg.sender.id, this.me.id));
        this.upsert(msg);
        if (msg.sender) this.setTyping(msg.sender.id, false);
        if (msg.sender && !sameId(msg.sender.id, this.me.id)) {
          const name = userName(msg.sender);
          // An arrival or a topic's change is said in the words the chat draws it with,
          // in the reader's language, never as the server's English text.
          const line = systemLine(msg, false, name, t);
          const text = filesAsWords(msg.content);
          announce(line ? line.words : text ? t('chat-name-says', { name, text }) : t('chat-name-sent-a-file', { name }));
        }
        this.showOlderState();
        if (stick) this.scrollToEnd();
        else if (msg.sender && !sameId(msg.sender.id, this.me.id)) this.place.arrived();
        break;
      }
      case 'message_updated':
        if (frame.message && this.rows.has(String(frame.message.id))) this.upsert(frame.message);
        break;
      case 'message_deleted':
        this.drop(frame.message_id);
        break;
      case 'reaction_updated': {
        const row = this.rows.get(String(frame.message_id));
        if (row) row.update({ reactions: frame.reactions || [] });
        break;
      }
      case 'thread_updated': {
        // A root's "N replies" changed (a reply sent or deleted).
        const row = this.rows.get(String(frame.message_id));
        if (row) row.update({ thread: frame.thread ?? null });
        break;
      }
      case 'read':
        this.applyRead(frame.user_id, Number(frame.message_id));
        break;
      case 'typing':
        if (!sameId(frame.user_id, this.me.id)) this.setTyping(frame.user_id, Boolean(frame.is_typing));
        break;
      default:
    }
  }

  // `userId` has read everything up to `upTo`: add them to read_by of those messages.
  applyRead(userId, upTo) {
    for (const [key, row] of this.rows) {
      const readBy = row.msg.read_by || [];
      if (Number(key) <= upTo && !readBy.some((id) => sameId(id, userId))) row.update({ read_by: [...readBy, userId] });
    }
    this.relayoutSoon();
  }

  setTyping(userId, on) {
    const key = String(userId);
    clearTimeout(this.typers.get(key));
    this.typers.delete(key);
    if (on) this.typers.set(key, setTimeout(() => this.setTyping(userId, false), TYPING_TTL_MS));
    this.renderTyping();
  }

  renderTyping() {
    const names = [...this.typers.keys()].map((id) => this.nameOf(id));
    this.typing.hidden = !names.length;
    // Each name set apart from the sentence (dom.js's `said`).
    if (!names.length) this.typing.textContent = '';
    else if (names.length === 1) this.typing.replaceChildren(...said('chat-value-is-typing', { value: names[0] }));
    else if (names.length <= 3) {
      const but = names.slice(0, -1);
      this.typing.replaceChildren(...parts('chat-are-typing', { names: '', last: names.at(-1) })
        .flatMap((p) => (typeof p === 'string' ? [p] : p.value ? [isolated(p.value)] : but.flatMap((n, i) => (i ? [', ', isolated(n)] : [isolated(n)])))));
    } else this.typing.textContent = t('chat-several-people-are-typing');
  }

  /** Marks the open chat read up to `upTo` (rows seen on screen, see readplace.js); once
   *  the newest row is seen the chat has nothing unread. */
  markRead(upTo) {
    if (!this.chat || !upTo) return;
    const id = this.chat.id;
    const all = upTo >= Math.max(...this.ids());
    api.markRead(id, upTo).then(() => { if (all) { this.list.markRead(id, upTo); this.onRead(id, upTo); } }, () => {});
  }

  say(text) {
    this.notice.textContent = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice.textContent = ''; }, 6000);
  }

  async send(content, attachmentIds, metas) {
    const chatId = this.chat.id;
    const seq = this.seq;
    const target = this.replyBar.target;
    // The server writes the quote line of a reply (docs/api.md "Replies").
    const sent = await api.sendMessage(chatId, content, attachmentIds, { reply_to: target ? target.id : null });
    if (this.replyBar.target === target) this.replyBar.clear();
    if (!sent || sent.id == null) return; // the socket frame will bring it
    // The answer may be shorter than a socket frame; fill what we already know.
    const msg = { sender: this.me, attachments: metas, ...sent };
    this.list.noteMessage(chatId, msg);
    if (seq !== this.seq) return;
    this.upsert(msg);
    this.showOlderState();
    this.scrollToEnd();
  }

  async react(msg, emoji) {
    const rows = this.rowsOf(msg.id);
    const before = msg.reactions || [];
    rows.forEach((row) => row.update({ reactions: toggled(before, emoji, this.me.id) })); // the frame will confirm
    try {
      await api.toggleReaction(msg.id, emoji);
    } catch (err) {
      rows.forEach((row) => row.update({ reactions: before }));
      this.say(t('chat-could-not-react-message', { message: err.message }));
    }
  }

  async edit(msg, text) {
    const answer = await api.editMessage(msg.id, text);
    // The server keeps a reply's quote line: its answer says what the text now is.
    const fields = { id: msg.id, content: text, ...(answer && answer.id != null ? answer : {}), is_edited: true };
    if (this.rows.has(String(msg.id))) this.upsert({ ...msg, ...fields });
    const inThread = this.thread.rowOf(msg.id);
    if (inThread) inThread.update(fields);
  }

  /** An administrator's delete of someone else's message, confirmed already. */
  async moderate(msg) {
    await api.moderateMessage(msg.id);
    // Its place stays (the socket's frame says the same; this one does not wait for it).
    const removed = { id: msg.id, content: '', is_deleted: true, attachments: [], reactions: [] };
    const row = this.rows.get(String(msg.id));
    if (row) row.update(removed);
    const inThread = this.thread.rowOf(msg.id);
    if (inThread) inThread.update(removed);
  }

  /** One's own delete, confirmed already; a refusal is shown in the dialog. */
  async remove(msg) {
    await api.deleteMessage(msg.id);
    this.drop(msg.id);
    this.thread.drop(msg.id);
  }
}
