// The Mentions page (`#mentions`): the messages that name me (`GET /api/mentions/`),
// newest first, a page at a time, the unread ones marked; picking one opens its chat at
// that message; "Mark all read" clears them.

import * as api from '../api.js';
import { h, userName, chatTitle } from '../dom.js';
import { shortTime, longTime } from '../time.js';
import { filesAsWords } from '../text.js';
import { mentionNodes } from '../mentions.js';
import { pageFrame, section } from './page.js';

/** chatOf(id): the chat from the list, if known; onPick(chatId, messageId); levels: levels.js. */
export function mentionsPage({ me, chatOf, onPick, onBack, levels }) {
  const list = h('ul', { class: 'admin-list mention-rows', 'data-testid': 'mentions-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mentions-more', hidden: true }, 'Load more');
  const markAll = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mentions-mark-all' }, 'Mark all read');
  const part = section('Messages that mention you', 'mentions-section', h('div', { class: 'row' }, markAll), list, more);
  let next = null;

  function row(m) {
    const chat = chatOf(m.chat_id);
    const where = chat ? chatTitle(chat, me) : `Chat ${m.chat_id}`;
    const open = h('button', { type: 'button', class: `mention-row${m.read ? '' : ' unread'}`, 'data-testid': 'mention-item',
      'data-message-id': m.message_id, 'data-chat-id': m.chat_id, 'data-read': String(Boolean(m.read)),
      onclick: () => onPick(m.chat_id, m.message_id, m.thread_id ?? null) },
    h('span', { class: 'result-meta' },
      m.read ? null : h('span', { class: 'tag unread-tag' }, 'unread'),
      h('span', { class: 'result-sender' }, userName(m.sender)),
      h('span', { class: 'username' }, `in ${where}`),
      h('time', { class: 'chat-time', datetime: m.created_at, title: longTime(m.created_at) }, shortTime(m.created_at))),
    h('span', { class: 'result-snippet' }, ...mentionNodes(filesAsWords(m.content), me.username)));
    return h('li', null, open);
  }

  function show(page, append) {
    const rows = ((page && page.results) || []).map(row);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    next = page && page.next;
    more.hidden = !next;
    if (!append) part.say(rows.length ? `${page.unread || 0} unread` : 'Nobody has mentioned you yet.');
  }

  async function load() {
    part.say('Loading…');
    try {
      show(await api.listMentions(), false);
    } catch (err) {
      part.say(`Could not list your mentions: ${err.message}`);
    }
  }

  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      show(await api.nextMentions(next), true);
    } catch (err) {
      part.say(`Could not list more mentions: ${err.message}`);
    } finally {
      more.disabled = false;
    }
  });
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try {
      await api.markMentionsRead();
      levels.readAll();
      await load();
    } catch (err) {
      part.say(`Could not mark them read: ${err.message}`);
    } finally {
      markAll.disabled = false;
    }
  });

  load();
  return pageFrame('Mentions', 'mentions-page', onBack, part.el);
}
