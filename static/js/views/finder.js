// The sidebar's search box: finds the person's chats and rooms by title and people by
// name. A person comes first, as their direct chat when there is one: picking a person
// opens (or starts) the direct chat with them, never a room they happen to be in. Chats
// a person merely belongs to come last. Picking a chat opens it, a room joins it.

import * as api from '../api.js';
import { h, userName, initials, chatTitle, sameId } from '../dom.js';
import { combobox } from './combobox.js';
import { statuses, emojiOf, statusWords } from '../statuses.js';
import { t } from '../i18n.js';

const ROOMS_FRESH_MS = 30_000;
const MAX_CHATS = 8;
const KIND = { dm: t('finder-direct'), group: t('finder-group'), room: t('finder-room') };

/** A person's status as the directory shows it (its emoji, then its words, which run
 *  the way their own letters do), or nothing when they have none. */
function statusLine(status) {
  const emoji = emojiOf(status);
  const words = statusWords(status);
  if (!emoji && !words) return null;
  return h('span', { class: 'result-status', 'data-testid': 'result-status' },
    emoji ? h('span', { class: 'status-emoji', 'aria-hidden': words ? 'true' : null }, emoji) : null,
    words ? h('span', { class: 'result-status-words', dir: 'auto' }, words) : null);
}

const matches = (text, q) => String(text || '').toLocaleLowerCase().includes(q.toLocaleLowerCase());

/** Opens the direct chat with `user` (the server answers with the existing one when there
 *  is one); answers the chat. */
export const directChatWith = (user) => api.createChat({ chat_type: 'dm', member_ids: [user.id] });

/** chats(): the list's chats; onOpen(id); onChat(chat) for a new DM; onJoined(roomId). */
export function sidebarSearch({ me, chats, onOpen, onChat, onJoined }) {
  const error = h('p', { class: 'search-note', role: 'alert' });
  let rooms = null; // {at, list} public rooms, fetched once per half minute of searching

  async function publicRooms() {
    if (rooms && Date.now() - rooms.at < ROOMS_FRESH_MS) return rooms.list;
    const page = await api.listRooms({ all: 1, page_size: 100 });
    rooms = { at: Date.now(), list: page.results };
    return rooms.list;
  }

  async function search(q) {
    error.textContent = '';
    const all = chats();
    const others = (c) => (c.members || []).filter((m) => !sameId(m.id, me.id));
    const isNamed = (m) => matches(m.username, q) || matches(userName(m), q);
    // A person's own direct chat, then people without one, before any shared chat.
    const direct = all.filter((c) => c.chat_type === 'dm' && others(c).some(isNamed));
    const dmWith = new Set(all.filter((c) => c.chat_type === 'dm').flatMap((c) => others(c).map((m) => String(m.id))));
    const titled = all.filter((c) => c.chat_type !== 'dm' && matches(chatTitle(c, me), q));
    const shared = all.filter((c) => c.chat_type !== 'dm' && !titled.includes(c) && others(c).some(isNamed));
    const [roomList, people] = await Promise.all([
      publicRooms().catch(() => []),
      api.searchUsers(q),
    ]);
    const joined = new Set(all.map((c) => String(c.id)));
    return [
      { label: t('finder-people'), items: [
        ...direct.map((c) => chatItem(c)),
        ...people.filter((u) => !sameId(u.id, me.id) && !dmWith.has(String(u.id))).map(personItem),
      ] },
      { label: t('finder-chats'), items: titled.slice(0, MAX_CHATS).map((c) => chatItem(c)) },
      { label: t('finder-rooms-to-join'), items: roomList.filter((r) => !joined.has(String(r.id)) && matches(r.name, q)).map(roomItem) },
      { label: t('finder-chats-they-are-in'), items: shared.slice(0, MAX_CHATS).map((c) => chatItem(c)) },
    ];
  }

  function chatItem(c) {
    const title = chatTitle(c, me);
    // A direct chat is a person: their status, as beside their name elsewhere.
    const other = c.chat_type === 'dm' ? (c.members || []).find((m) => !sameId(m.id, me.id)) : null;
    return {
      testid: 'chat-result', attrs: { 'data-chat-id': c.id },
      content: [h('span', { class: `avatar small type-${c.chat_type}`, 'aria-hidden': 'true' }, c.chat_type === 'room' ? '#' : initials(title)),
        h('span', { class: 'result-text' }, h('bdi', null, title), h('span', { class: 'username' }, ` ${KIND[c.chat_type] || ''}`),
          other ? statusLine(statuses.statusOf(other.id)) : null)],
      pick: () => onOpen(c.id),
    };
  }

  function roomItem(r) {
    const n = Number(r.participant_count) || 0;
    return {
      testid: 'room-result', attrs: { 'data-room-id': r.id },
      content: [h('span', { class: 'avatar small type-room', 'aria-hidden': 'true' }, '#'),
        h('span', { class: 'result-text' }, r.name, h('span', { class: 'username' }, ` ${t('finder-members-join', { n })}`))],
      pick: async () => {
        try {
          await api.joinRoom(r.id);
          rooms = null;
          await onJoined(r.id);
        } catch (err) {
          error.textContent = t('finder-could-not-join-name-message', { name: r.name, message: err.message });
        }
      },
    };
  }

  function personItem(u) {
    return {
      testid: 'user-result', attrs: { 'data-user-id': u.id },
      content: [h('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(userName(u))),
        h('span', { class: 'result-text' }, h('bdi', null, userName(u)), h('span', { class: 'username' }, ` @${u.username}`), statusLine(u.status))],
      pick: async () => {
        try {
          onChat(await directChatWith(u));
        } catch (err) {
          error.textContent = t('finder-could-not-start-the-chat', { message: err.message });
        }
      },
    };
  }

  const box = combobox({
    testid: 'new-dm-search',
    label: t('finder-search-chats-rooms-and-people'),
    placeholder: t('finder-search-chats-rooms-people'),
    search,
  });
  return { el: h('div', { class: 'sidebar-search', role: 'search' }, box.el, error), clear: box.clear, input: box.input };
}

/** People only (for adding to a group); excludes `except(id)` and the signed-in user. */
export function peopleSearch({ me, testid, label, except = () => false, onPick }) {
  return combobox({
    testid,
    label,
    placeholder: label,
    emptyText: t('finder-nobody-found'),
    search: async (q) => [{
      label: '',
      items: (await api.searchUsers(q)).filter((u) => !sameId(u.id, me.id) && !except(u.id)).map((u) => ({
        testid: 'user-result', attrs: { 'data-user-id': u.id },
        content: [h('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(userName(u))),
          h('span', { class: 'result-text' }, userName(u), h('span', { class: 'username' }, ` @${u.username}`))],
        pick: () => onPick(u),
      })),
    }],
  });
}
