// The threads a person follows (docs/api.md "Threads"): how many of their replies are
// unread, in all and per thread, for the sidebar's Threads badge and the Threads page.
// Who follows: the root's author, everyone who replied or was mentioned in a reply, and
// whoever pressed Follow. Live replies count at once when the thread is known to be
// followed (or name me); the server's count is asked again shortly after, as it knows
// every thread followed, not just the first page.

import * as api from './api.js';
import { sameId, debounce } from './dom.js';
import { mentionsMe } from './mentions.js';

export class Threads {
  constructor({ me }) {
    this.me = me;
    this.unread = 0;
    this.items = []; // the first page of followed threads (T of docs/api.md)
    this.followed = new Set(); // root ids (strings) known to be followed
    this.unfollowed = new Set(); // root ids unfollowed here since the last reload
    this.listeners = new Set();
    this.reloadSoon = debounce(() => this.reload().catch(() => {}), 800);
  }

  /** fn() after any change. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  changed() {
    for (const fn of this.listeners) fn();
  }

  /** Reads the followed threads and the unread total. Fails quietly: a server without
   *  threads shows no badge. */
  async reload() {
    const page = await api.listThreads();
    this.items = (page && page.results) || [];
    this.unread = Number(page && page.unread) || 0;
    this.unfollowed.clear();
    for (const t of this.items) if (t.root && t.following !== false) this.followed.add(String(t.root.id));
    this.changed();
  }

  /** Whether I follow the thread of root `rootId`, as far as this tab knows. */
  follows(rootId) {
    return this.followed.has(String(rootId)) && !this.unfollowed.has(String(rootId));
  }

  /** Records a Follow or Unfollow (the server has answered). */
  setFollowing(rootId, on) {
    const key = String(rootId);
    if (on) { this.followed.add(key); this.unfollowed.delete(key); } else { this.followed.delete(key); this.unfollowed.add(key); }
    this.changed();
    this.reloadSoon();
  }

  /** A thread reply arrived (socket frame); `seen`: its thread is open on screen. Counts
   *  toward the badge when I follow that thread or it names me; my own reply makes me a
   *  follower. */
  noteReply(msg, seen) {
    if (!msg || msg.thread_id == null) return;
    const root = String(msg.thread_id);
    if (msg.sender && sameId(msg.sender.id, this.me.id)) {
      this.followed.add(root);
      this.unfollowed.delete(root);
      return;
    }
    const named = mentionsMe(msg.content, this.me.username);
    if (named) this.followed.add(root);
    if (!seen && (this.follows(root) || named)) {
      this.unread += 1;
      const item = this.items.find((t) => t.root && sameId(t.root.id, root));
      if (item) item.unread_count = (Number(item.unread_count) || 0) + 1;
      this.changed();
    }
    this.reloadSoon();
  }

  /** The thread of `rootId` was read (its panel is open) up to `upTo` (the newest if null). */
  async markRead(rootId, upTo = null) {
    const item = this.items.find((t) => t.root && sameId(t.root.id, rootId));
    if (item && item.unread_count) {
      this.unread = Math.max(0, this.unread - item.unread_count);
      item.unread_count = 0;
      this.changed();
    }
    try {
      await api.readThread(rootId, upTo);
    } finally {
      this.reloadSoon();
    }
  }

  /** The unread replies of root `rootId` as this tab knows them. */
  unreadOf(rootId) {
    const item = this.items.find((t) => t.root && sameId(t.root.id, rootId));
    return item ? Number(item.unread_count) || 0 : 0;
  }
}
