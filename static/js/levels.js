// Each chat's notification level (all, mentions, off: docs/api.md "Notification levels")
// and my unread mentions, per chat and in all: what decides whether a chat's unread
// count is loud (counted in the title, a coloured badge, a desktop notification) or quiet.

import * as api from './api.js';
import { sameId, debounce } from './dom.js';
import { mentionsMe } from './mentions.js';
import { t } from './i18n.js';

export const LEVEL_WORDS = { all: t('levels-all-messages'), mentions: t('levels-mentions-only'), off: t('levels-nothing-muted') };
// The server's default for a chat without a chosen level, for chats it has not told us about yet.
const SMALL_CHAT = 10;

export class Levels {
  constructor({ me }) {
    this.me = me;
    this.byChat = new Map(); // chat id (string) -> {level, default, chosen}
    this.mentions = new Map(); // chat id (string) -> unread mentions of me
    this.unreadTotal = 0;
    this.listeners = new Set();
    this.loaded = false;
    // A burst of reads (a thread's panel reads as replies arrive) asks once.
    this.reloadSoon = debounce(() => this.reload().catch(() => {}), 300);
  }

  /** fn() after any change. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  offChange(fn) {
    this.listeners.delete(fn);
  }

  changed() {
    for (const fn of [...this.listeners]) fn();
  }

  /** Reads levels and unread mentions from the server. Fails quietly (every chat then
   *  counts as loud): a server without these routes still has a working client. */
  async reload() {
    const [levels, mentions] = await Promise.allSettled([api.listNotificationLevels(), api.listMentions()]);
    if (levels.status === 'fulfilled' && Array.isArray(levels.value)) {
      this.byChat = new Map(levels.value.map((l) => [String(l.chat_id), l]));
      this.loaded = true;
    }
    const perChat = new Map();
    const counted = levels.status === 'fulfilled' && Array.isArray(levels.value) &&
      levels.value.every((l) => typeof l.unread_mentions === 'number');
    if (counted) for (const l of levels.value) perChat.set(String(l.chat_id), l.unread_mentions);
    if (mentions.status === 'fulfilled' && mentions.value) {
      this.unreadTotal = Number(mentions.value.unread) || 0;
      // An older server gives no per-chat count: the newest page's unread ones stand in.
      if (!counted) {
        for (const m of mentions.value.results || []) {
          if (!m.read) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) || 0) + 1);
        }
      }
    }
    this.mentions = perChat;
    this.changed();
  }

  /** The level of `chat` (a chat object): chosen, else the default. */
  levelOf(chat) {
    const known = this.byChat.get(String(chat.id));
    if (known && known.level) return known.level;
    return this.defaultOf(chat);
  }

  defaultOf(chat) {
    const known = this.byChat.get(String(chat.id));
    if (known && known.default) return known.default;
    return chat.chat_type === 'dm' || (chat.members || []).length <= SMALL_CHAT ? 'all' : 'mentions';
  }

  chosen(chatId) {
    const known = this.byChat.get(String(chatId));
    return Boolean(known && known.chosen);
  }

  unreadMentions(chatId) {
    return this.mentions.get(String(chatId)) || 0;
  }

  /** Whether `chat`'s unread count is loud now: `all`, or `mentions` with a mention unread. */
  loud(chat) {
    const level = this.levelOf(chat);
    return level === 'all' || (level === 'mentions' && this.unreadMentions(chat.id) > 0);
  }

  /** Whether a new message in `chat` is worth a notification. */
  notifies(chat, content) {
    const level = this.levelOf(chat);
    if (level === 'off') return false;
    return level === 'all' || mentionsMe(content, this.me.username);
  }

  /** `level` for a chat (null: its default); resolves to the level as it now is. */
  async set(chatId, level) {
    const answer = await api.setNotificationLevel(chatId, level);
    if (answer && answer.level) this.byChat.set(String(chatId), answer);
    this.changed();
    return answer;
  }

  /** A new message arrived (socket frame): counts it if it mentions me. */
  noteMessage(chatId, msg) {
    if (!msg || !msg.sender || sameId(msg.sender.id, this.me.id)) return;
    if (!mentionsMe(msg.content, this.me.username)) return;
    this.mentions.set(String(chatId), this.unreadMentions(chatId) + 1);
    this.unreadTotal += 1;
    this.changed();
  }

  /** The chat was read (here, or in another tab: its `read` frame may come before this
   *  tab's own answer): its mentions are read too. Telling the server twice is harmless.
   *  `upTo`: read only up to that message (a newer one came meanwhile), so the mentions
   *  still unread are counted by the server. */
  readChat(chatId, upTo = null) {
    const n = this.unreadMentions(chatId);
    if (!n) return;
    if (upTo != null) {
      api.markMentionsRead(chatId, upTo).then(() => this.reload(), () => {});
      return;
    }
    this.mentions.delete(String(chatId));
    this.unreadTotal = Math.max(0, this.unreadTotal - n);
    this.changed();
    api.markMentionsRead(chatId).catch(() => {});
  }

  /** Every mention was marked read (the Mentions page's "Mark all read"). */
  readAll() {
    this.mentions.clear();
    this.unreadTotal = 0;
    this.changed();
  }
}
