// The Mentions page (`#mentions`): the messages that name me (`GET /api/mentions/`),
// newest first, a page at a time, the unread ones marked; picking one opens its chat at
// that message (a thread reply: its thread's panel at it); "Mark all read" clears them.
// A reply is shown as the reply it is: a header naming whom it answers and its thread,
// then its own text drawn as the chat draws it (never the quote line it is stored with).
// The list follows `levels`: a mention read anywhere (another tab, the thread's panel)
// loses its unread mark here too.

import * as api from '../api.js';
import { h, userName, chatTitle, debounce, said } from '../dom.js';
import { shortTime, longTime } from '../time.js';
import { filesAsWords } from '../text.js';
import { parseReply } from '../replies.js';
import { messageNodes } from '../messagetext.js';
import { icon } from '../icons.js';
import { pageFrame, section } from './page.js';
import { t } from '../i18n.js';

/** chatOf(id): the chat from the list, if known; onPick(chatId, messageId, threadId);
 *  levels: levels.js. */
export function mentionsPage({ me, chatOf, onPick, onBack, levels }) {
  const list = h('ul', { class: 'admin-list mention-rows', 'data-testid': 'mentions-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mentions-more', hidden: true }, t('mentions-load-more'));
  const markAll = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mentions-mark-all' }, t('mentions-mark-all-read'));
  const part = section(t('mentions-messages-that-mention-you'), 'mentions-section', h('div', { class: 'row' }, markAll), list, more);
  let next = null;
  let shown = 0; // pages shown: a live refresh reads as many again

  // The quote line names its author by username; shown, as every name is, by display name.
  function nameOfUsername(chat, username) {
    const m = ((chat && chat.members) || []).find((x) => x.username === username);
    return m ? userName(m) : username;
  }

  // The header of a reply: whom it answers (the quote line the server wrote) and, for a
  // reply in a thread, that it is one. Null for a plain message.
  function replyHeader(m, reply) {
    if (!reply && m.thread_id == null) return null;
    const inThread = m.thread_id != null && String(m.thread_id) !== String(m.message_id);
    const to = !reply ? null : reply.username === me.username ? t('mentions-to-you')
      : said('mentions-to', { name: nameOfUsername(chatOf(m.chat_id), reply.username) });
    return h('span', { class: 'mention-reply', 'data-testid': 'mention-reply' },
      icon('reply'),
      h('span', null, inThread ? t('mentions-reply-in-a-thread') : t('mentions-reply')),
      to ? h('span', { class: 'reply-author' }, to) : null, // `to`: words, or nodes with the name set apart
      reply && reply.excerpt ? h('span', { class: 'reply-excerpt' }, reply.excerpt) : null);
  }

  function row(m) {
    const chat = chatOf(m.chat_id);
    const where = chat ? chatTitle(chat, me) : t('mentions-chat-chat-id', { chat_id: m.chat_id });
    // Only a real reply's quote line is a header (as in the chat: replyquote.js).
    const parsed = m.reply_to != null ? parseReply(m.content) : null;
    const reply = parsed && String(parsed.messageId) === String(m.reply_to) ? parsed : null;
    const text = reply ? reply.text : m.content;
    const thread = m.thread_id ?? null;
    const pick = () => onPick(m.chat_id, m.message_id, thread);
    const open = h('button', { type: 'button', class: 'mention-open', 'data-testid': 'mention-open', onclick: pick },
      m.read ? null : h('span', { class: 'tag unread-tag', 'data-testid': 'mention-unread' }, t('mentions-unread')),
      h('span', { class: 'result-sender' }, userName(m.sender)),
      h('span', { class: 'username' }, t('mentions-in', { where })),
      h('time', { class: 'chat-time', datetime: m.created_at, title: longTime(m.created_at) }, shortTime(m.created_at)));
    const threadLink = thread != null && String(thread) !== String(m.message_id)
      ? h('a', { href: `#chat/${Number(m.chat_id)}/thread/${Number(thread)}/${Number(m.message_id)}`, class: 'mention-thread',
        'data-testid': 'mention-thread' }, t('mentions-open-the-thread'))
      : null;
    const item = h('div', { class: `mention-row${m.read ? '' : ' unread'}`, 'data-testid': 'mention-item',
      'data-message-id': m.message_id, 'data-chat-id': m.chat_id, 'data-read': String(Boolean(m.read)),
      ...(thread != null ? { 'data-thread-id': thread } : {}) },
    open,
    replyHeader(m, reply),
    h('div', { class: 'msg-content mention-text', dir: 'auto', 'data-testid': 'mention-text' }, ...messageNodes(filesAsWords(text), me.username)),
    threadLink);
    // The whole row opens the message, as its button does; a link in the text stays a link.
    item.addEventListener('click', (e) => { if (!e.target.closest('a, button')) pick(); });
    return h('li', null, item);
  }

  function show(page, append) {
    const rows = ((page && page.results) || []).map(row);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    shown = append ? shown + 1 : 1;
    next = page && page.next;
    more.hidden = !next;
    if (!append) part.say(rows.length ? t('mentions-n-unread', { n: page.unread || 0 }) : t('mentions-nobody-has-mentioned-you-yet'));
  }

  async function load() {
    part.say(t('mentions-loading'));
    try {
      show(await api.listMentions(), false);
    } catch (err) {
      part.say(t('mentions-could-not-list-your-mentions', { message: err.message }));
    }
  }

  // Read again, as many pages as are shown, when the counts change (a mention read or
  // made elsewhere); quietly: the list stays until the new one is in.
  async function refresh() {
    try {
      let page = await api.listMentions();
      const pages = [page];
      for (let i = 1; i < shown && page && page.next; i++) pages.push(page = await api.nextMentions(page.next));
      pages.forEach((p, i) => show(p, i > 0));
    } catch {
      // offline: the list stays as it was; the next change tries again
    }
  }
  const refreshSoon = debounce(refresh, 300);
  const follow = () => {
    if (!frame.isConnected) return levels.offChange(follow); // the page was left
    refreshSoon();
  };
  levels.onChange(follow);

  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      show(await api.nextMentions(next), true);
    } catch (err) {
      part.say(t('mentions-could-not-list-more-mentions', { message: err.message }));
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
      part.say(t('mentions-could-not-mark-them-read', { message: err.message }));
    } finally {
      markAll.disabled = false;
    }
  });

  load();
  const frame = pageFrame(t('mentions-mentions'), 'mentions-page', onBack, part.el);
  return frame;
}
