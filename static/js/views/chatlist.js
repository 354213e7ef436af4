// The list of the user's chats in sections (starred, rooms, groups, direct messages),
// each with last message, unread badge and time, newest activity first, and a star
// toggle. It keeps itself current from socket frames and reloads when it cannot.

import * as api from '../api.js';
import { h, chatTitle, userName, initials, debounce, sameId, isolated, said } from '../dom.js';
import { statuses } from '../statuses.js';
import { shortTime } from '../time.js';
import { filesAsWords, REMOVED_TEXT, SEALED_TEXT } from '../text.js';
import { ownText } from '../replies.js';
import { systemLine } from '../systemlines.js';
import { icon, iconButton } from '../icons.js';
import { avatar } from '../avatar.js';
import { isFileCaption } from './attachments.js';
import { t } from '../i18n.js';

const TYPE_LABEL = { dm: t('chatlist-direct'), group: t('chatlist-group'), room: t('chatlist-room') };
// The list's sections, in order; starred chats come first whatever their kind.
const SECTIONS = [
  { key: 'starred', label: t('chatlist-starred'), holds: () => false },
  { key: 'room', label: t('chatlist-rooms'), holds: (c) => c.chat_type === 'room' },
  { key: 'group', label: t('chatlist-groups'), holds: (c) => c.chat_type !== 'room' && c.chat_type !== 'dm' },
  { key: 'dm', label: t('chatlist-direct-messages'), holds: (c) => c.chat_type === 'dm' },
];

// The count a chat's badge shows: its channel's unread messages where the server says
// (`channel_unread_count`: thread replies kept to their thread do not count), else all.
function withChannelCount(chat) {
  return typeof chat.channel_unread_count === 'number' ? { ...chat, unread_count: chat.channel_unread_count } : chat;
}

/** A direct chat's other person (null for groups and rooms, and a chat with oneself). */
function otherOf(chat, me) {
  if (chat.chat_type !== 'dm') return null;
  return (chat.members || []).find((m) => !sameId(m.id, me.id)) || null;
}

// A last message's files (natter's `attachments`): the first image's smallest thumbnail,
// its link built from the file id and the side, never from a server-sent URL. A picture
// not read yet (a Matrix app's upload lists none) is asked for its first side, 360, which
// the server makes on that first ask for every picture it can read (docs/api.md).
const isImageFile = (f) => /^image\//i.test(String((f && f.content_type) || ''));
const THUMBNAILED = /^image\/(png|jpeg|gif|webp)$/i;
const FIRST_SIDE = 360;
function smallestThumb(f) {
  const ok = (n) => Number.isSafeInteger(n) && n > 0;
  if (!ok(f.id)) return null;
  const sides = (Array.isArray(f.thumbnails) ? f.thumbnails : []).map((th) => th && th.side).filter(ok);
  if (sides.length) return `/api/files/${f.id}/thumbnail/${Math.min(...sides)}/`;
  return THUMBNAILED.test(String(f.content_type || '')) ? `/api/files/${f.id}/thumbnail/${FIRST_SIDE}/` : null;
}

/** What the preview shows of `last` beside who sent it: its words, or, for a message with
 *  files and no words of its own (a picture from a Matrix app, or the composer's "📎 name"
 *  caption), its first picture small and "Picture: name", else "File: name". */
function lastMessageParts(last) {
  const text = ownText(last.content);
  const files = (Array.isArray(last.attachments) ? last.attachments : []).filter((f) => f && typeof f === 'object');
  if (!files.length || (text.trim() && !isFileCaption(text, files))) return { thumb: null, words: [filesAsWords(text).trim()] };
  const image = files.find(isImageFile);
  const src = image ? smallestThumb(image) : null;
  let thumb = null;
  if (src) {
    thumb = h('img', { class: 'chat-preview-thumb', src, alt: '', width: 32, height: 32, loading: 'lazy', decoding: 'async',
      'data-testid': 'chat-preview-thumb' });
    thumb.addEventListener('error', () => thumb.remove(), { once: true });
  }
  const name = String((image || files[0]).name || '');
  return { thumb, words: image ? said('chatlist-picture-name', { name }) : said('chatlist-file-name', { name }) };
}

// Newest activity first: the last message's time, else when the chat changed.
function activity(chat) {
  return Date.parse((chat.last_message && chat.last_message.created_at) || chat.updated_at || chat.created_at) || 0;
}

export class ChatList {
  /** isViewing(chatId): whether that chat is open and on screen (its messages count as read);
   *  levels: the notification levels (levels.js), which make a badge loud or quiet;
   *  stars: the starred chats (stars.js); emptyState: what an empty list shows. */
  constructor({ me, onOpen, isViewing, levels, stars, emptyState = null }) {
    this.me = me;
    this.emptyState = emptyState; // what an empty list says (firstday.js), or the sentence below
    this.levels = levels;
    this.stars = stars;
    stars.onChange(() => this.render());
    this.onOpen = onOpen;
    this.isViewing = isViewing;
    this.chats = new Map();
    this.activeId = null;
    this.loaded = false;
    this.loadSeq = 0;
    this.loading = null; // the seq of the reload under way, if any
    this.arrivedDuringLoad = []; // frames received while it is under way
    this.recounting = new Map(); // chat id -> ids of messages counted while its count is asked (recount)
    this.status = h('p', { class: 'list-status', 'aria-live': 'polite' }, t('chatlist-loading-chats'));
    this.list = h('div', { class: 'chat-sections', 'data-testid': 'chat-list' });
    this.el = h('nav', { class: 'chats', 'aria-label': t('chatlist-chats') }, this.status, this.list);
    // Frames for chats we do not know (someone started a DM with us) mean the list is stale.
    this.reloadSoon = debounce(() => this.reload(), 300);
  }

  get(id) {
    return this.chats.get(String(id));
  }

  /** Every chat, newest activity first. */
  all() {
    return [...this.chats.values()].sort((a, b) => activity(b) - activity(a) || b.id - a.id);
  }

  /**
   * Replaces the list with the server's. Only the latest of overlapping reloads is applied,
   * and the frames that arrived while it was under way are applied again on top of it: the
   * server may have answered before their change (a rename right after a member joined),
   * and its older answer must not undo them.
   */
  async reload() {
    const seq = ++this.loadSeq;
    this.loading = seq;
    this.arrivedDuringLoad = [];
    try {
      const { results } = await api.listAllChats();
      if (seq !== this.loadSeq) return;
      this.chats = new Map(results.map((c) => [String(c.id), withChannelCount(c)]));
      this.loaded = true;
      const arrived = this.arrivedDuringLoad;
      this.loading = null;
      for (const frame of arrived) this.apply(frame);
      this.render();
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.status.textContent = t('chatlist-could-not-load-chats-message', { message: err.message });
      this.status.hidden = false;
      throw err;
    } finally {
      if (this.loading === seq) this.loading = null;
    }
  }

  /** Adds or replaces one chat (e.g. one just created or fetched). */
  upsert(chat) {
    const old = this.get(chat.id);
    this.chats.set(String(chat.id), { last_message: null, unread_count: 0, members: [], ...old, ...withChannelCount(chat) });
    this.render();
  }

  /** Drops a chat (the user left or was removed). A reload under way that was answered
   * before the removal does not bring it back: its frame is applied again (see reload). */
  remove(id) {
    if (this.chats.delete(String(id))) this.render();
  }

  setActive(id) {
    this.activeId = id == null ? null : String(id);
    this.render();
  }

  /** Whether reading up to message `upTo` reads everything the list knows of chat `id`. */
  covers(id, upTo) {
    const last = this.get(id)?.last_message;
    return upTo == null || !last || Number(last.id) <= Number(upTo);
  }

  /** Chat `id` was read up to message `upTo` (here or in another tab). A read that ends
   *  before the list's last message (a message came while the mark was on its way) leaves
   *  that message unread, so the count is asked of the server instead of set to nothing. */
  markRead(id, upTo) {
    const chat = this.get(id);
    if (!chat || !chat.unread_count) return;
    if (!this.covers(id, upTo)) {
      this.recount(id);
      return;
    }
    chat.unread_count = 0;
    this.render();
  }

  /** Asks the server for chat `id`'s unread count. Messages counted here while the
   *  question is out are added when the answer predates them (its last message is older). */
  recount(id) {
    const key = String(id);
    const counted = [];
    this.recounting.set(key, counted);
    const done = () => { if (this.recounting.get(key) === counted) this.recounting.delete(key); };
    api.getChat(id).then((fresh) => {
      done();
      const chat = this.get(id);
      if (!chat) return;
      const known = Number(fresh.last_message && fresh.last_message.id) || 0;
      const later = counted.filter((messageId) => messageId > known).length;
      chat.unread_count = this.isViewing(id) ? 0 : (Number(withChannelCount(fresh).unread_count) || 0) + later;
      this.render();
    }, done);
  }

  /** Records a message as the chat's latest if it is newer than what the list shows. */
  noteMessage(chatId, msg) {
    if (msg && msg.in_channel === false) return; // a reply kept to its thread: the Threads badge counts it
    const chat = this.get(chatId);
    if (!chat) {
      this.reloadSoon();
      return;
    }
    const last = chat.last_message;
    if (last && Number(last.id) >= Number(msg.id)) return; // already counted (e.g. replayed)
    chat.last_message = { id: msg.id, content: msg.content, created_at: msg.created_at, sender: msg.sender,
      attachments: msg.attachments };
    chat.updated_at = msg.created_at || chat.updated_at;
    const mine = msg.sender && sameId(msg.sender.id, this.me.id);
    if (!mine && !this.isViewing(chatId)) {
      chat.unread_count = (chat.unread_count || 0) + 1;
      this.recounting.get(String(chatId))?.push(Number(msg.id));
    }
    this.render();
  }

  /** Applies a socket frame to the list (again after a reload under way, see reload). */
  onEvent(frame) {
    if (this.loading && frame.type !== 'typing') this.arrivedDuringLoad.push(frame);
    this.apply(frame);
  }

  apply(frame) {
    const chat = this.get(frame.chat_id);
    switch (frame.type) {
      case 'new_message':
        if (frame.message) this.noteMessage(frame.chat_id, frame.message);
        break;
      case 'message_updated':
        if (chat && chat.last_message && frame.message && sameId(chat.last_message.id, frame.message.id)) {
          chat.last_message.content = frame.message.content ?? chat.last_message.content;
          chat.last_message.is_deleted = Boolean(frame.message.is_deleted); // removed by an administrator
          this.render();
        }
        break;
      case 'message_deleted':
        // The preview must fall back to the message before; only the server knows it.
        if (chat && chat.last_message && sameId(chat.last_message.id, frame.message_id)) this.reloadSoon();
        break;
      case 'read':
        if (sameId(frame.user_id, this.me.id)) this.markRead(frame.chat_id, frame.message_id); // here or in another tab
        break;
      case 'chat_updated':
        // Renamed (or otherwise changed) by anyone. The frame has no unread count, and the
        // list's last message is kept current by message frames: keep both.
        // One whose newest message is newer than ours got messages no frame brought (an
        // import beside the server): read the list again for its preview and count.
        if (chat && frame.chat && Number(frame.chat.last_message?.id ?? 0) > Number(chat.last_message?.id ?? 0)) this.reloadSoon();
        else if (chat && frame.chat) {
          this.upsert({ ...frame.chat, last_message: chat.last_message, unread_count: chat.unread_count,
            channel_unread_count: chat.unread_count });
        }
        else if (!chat) this.reloadSoon();
        break;
      case 'member_left':
        // Our own departure is the chat's last frame for us: removed, or left in another tab.
        if (sameId(frame.user_id, this.me.id)) this.remove(frame.chat_id);
        else if (!chat) this.reloadSoon();
        break;
      default:
        if (frame.chat_id != null && !chat && frame.type !== 'typing') this.reloadSoon();
    }
  }

  render() {
    const chats = this.all();
    this.status.hidden = chats.length > 0 || !this.loaded;
    if (this.loaded && !chats.length) {
      this.emptyEl = this.emptyEl || (this.emptyState && this.emptyState()); // made once: focus stays on it
      if (!this.emptyEl) this.status.textContent = t('chatlist-no-chats-yet-find-someone');
      else if (this.status.firstChild !== this.emptyEl) this.status.replaceChildren(this.emptyEl);
    }
    const starred = chats.filter((c) => this.stars.has(c.id));
    const rest = chats.filter((c) => !this.stars.has(c.id));
    this.list.replaceChildren(...SECTIONS.map((section) => {
      const inIt = section.key === 'starred' ? starred : rest.filter(section.holds);
      if (!inIt.length) return null;
      const id = `chat-section-${section.key}`;
      return h('section', { class: 'chat-section', 'data-testid': 'chat-section', 'data-section': section.key, 'aria-labelledby': id },
        h('h2', { class: 'chat-section-title', id }, section.label),
        h('ul', { class: 'chat-list' }, ...inIt.map((chat) => this.item(chat))));
    }).filter(Boolean));
    // Only loud chats count in the title: a muted chat does not call the person back.
    const unread = chats.reduce((n, c) => n + (this.levels.loud(c) ? c.unread_count || 0 : 0), 0);
    document.title = unread ? t('chatlist-unread-natter', { unread }) : 'natter';
  }

  item(chat) {
    const title = chatTitle(chat, this.me);
    const last = chat.last_message;
    // The last message: who wrote it (set apart, dom.js's `isolated`), then its text in a
    // box of its own that runs the way its own letters do, so an English line in an
    // Arabic list is cut at its end, not its start.
    let preview = [t('chatlist-no-messages-yet')];
    if (last) {
      const mine = Boolean(last.sender && sameId(last.sender.id, this.me.id));
      const who = mine ? t('chatlist-you') : userName(last.sender);
      // An arrival or a topic's change says who in its own sentence, as the chat does.
      const line = last.is_deleted ? null : systemLine(last, mine, userName(last.sender), said);
      const shown = last.is_deleted ? { thumb: null, words: [REMOVED_TEXT] }
        : last.encrypted ? { thumb: null, words: [SEALED_TEXT] } : lastMessageParts(last);
      preview = line
        ? [h('span', { class: 'chat-preview-text', 'data-testid': 'chat-preview-text' }, ...line.words)]
        : [chat.chat_type === 'dm' && !mine ? null : h('span', { class: 'chat-preview-who' }, isolated(who), ': '),
          shown.thumb,
          h('span', { class: 'chat-preview-text', dir: 'auto', 'data-testid': 'chat-preview-text' }, ...shown.words)];
    }
    const unread = chat.unread_count || 0;
    const level = this.levels.levelOf(chat);
    const loud = this.levels.loud(chat);
    const mentioned = level === 'off' ? 0 : this.levels.unreadMentions(chat.id); // muted stays quiet
    const button = h('button', {
      type: 'button',
      class: `chat-item${sameId(chat.id, this.activeId) ? ' active' : ''}${unread ? ' has-unread' : ''}`,
      'data-testid': 'chat-item',
      'data-chat-id': chat.id,
      'data-chat-type': chat.chat_type,
      'aria-current': sameId(chat.id, this.activeId) ? 'true' : null,
      onclick: () => this.onOpen(chat.id),
    },
    face(chat, this.me, title),
    h('span', { class: 'chat-main' },
      h('span', { class: 'chat-top' },
        h('span', { class: 'chat-title', dir: 'auto', 'data-testid': 'chat-title' }, title),
        otherBadge(chat, this.me),
        level === 'off' ? h('span', { class: 'muted-mark', 'data-testid': 'muted-icon', role: 'img', 'aria-label': t('chatlist-muted'),
          title: t('chatlist-muted-no-notifications') }, icon('bellOff')) : null,
        chat.is_archived ? h('span', { class: 'archived-mark', 'data-testid': 'archived-mark', title: t('chatlist-archived-read-only') }, t('chatlist-archived')) : null,
        h('time', { class: 'chat-time', datetime: last ? last.created_at : chat.updated_at }, shortTime(last ? last.created_at : chat.updated_at))),
      h('span', { class: 'chat-bottom' },
        h('span', { class: 'chat-preview', 'data-testid': 'chat-preview' },
          chat.chat_type === 'dm' ? '' : h('span', { class: 'chat-type' }, TYPE_LABEL[chat.chat_type] || ''), ...preview),
        mentioned ? h('span', { class: 'badge mention-badge', 'data-testid': 'mention-badge',
          'aria-label': t('chatlist-mentions-of-you', { n: mentioned }), title: t('chatlist-you-were-mentioned') }, '@') : null,
        unread ? h('span', { class: `badge${loud ? '' : ' quiet'}`, 'data-testid': 'unread-badge', 'data-loud': String(loud),
          'aria-label': loud ? t('chatlist-unread', { n: unread }) : t('chatlist-unread-quiet', { n: unread }) }, String(unread)) : null)));
    const starred = this.stars.has(chat.id);
    const star = iconButton('star', t('chatlist-star-title', { title }), {
      class: 'star-button', 'data-testid': 'star-toggle', 'data-chat-id': chat.id, 'aria-pressed': String(starred),
      onclick: () => {
        this.stars.toggle(chat.id); // the list is drawn again: keep the focus on this star
        this.list.querySelector(`[data-testid="star-toggle"][data-chat-id="${chat.id}"]`)?.focus();
      },
    });
    star.title = starred ? t('chatlist-starred-kept-at-the-top', { title }) : t('chatlist-star-title-keep-it-at', { title });
    return h('li', { class: `chat-row${sameId(chat.id, this.activeId) ? ' active' : ''}` }, button, star);
  }
}

/** A chat's picture in the list: a direct chat's other person's photo when they have one
 *  (avatar.js, their initials otherwise), a room's `#`, a group's initials. */
function face(chat, me, title) {
  const other = otherOf(chat, me);
  if (other) {
    const el = avatar(other);
    el.classList.add('type-dm');
    el.dataset.testid = 'chat-avatar';
    return el;
  }
  return h('span', { class: `avatar type-${chat.chat_type}`, 'aria-hidden': 'true', 'data-testid': 'chat-avatar' },
    chat.chat_type === 'room' ? '#' : initials(title));
}

/** A direct chat's other person's status emoji (nothing for groups and rooms). */
function otherBadge(chat, me) {
  const other = otherOf(chat, me);
  return other ? statuses.badge(other.id) : null;
}
