// The Threads page (`#threads`): the threads I follow, newest activity first
// (`GET /api/threads/`), each with its chat, its first message, how many replies, who
// replied and how many are unread; picking one opens its chat with the thread's panel.
// The sidebar's way here carries the unread count (threadsLink).

import * as api from '../api.js';
import { h, userName, chatTitle } from '../dom.js';
import { shortTime, longTime } from '../time.js';
import { filesAsWords } from '../text.js';
import { ownText, excerptOf } from '../replies.js';
import { avatar } from '../avatar.js';
import { pageFrame, section } from './page.js';
import { t as tx } from '../i18n.js';

/** The sidebar's link to the Threads page, with the unread replies of followed threads
 *  (threads: threads.js); kept current as that count changes. */
export function threadsLink(threads) {
  const link = h('a', { href: '#threads', class: 'button-link secondary', 'data-testid': 'threads-link' });
  const render = () => {
    const n = threads.unread;
    link.replaceChildren(tx('threads-threads'), n ? ' ' : '', n ? h('span', { class: 'badge', 'data-testid': 'threads-unread' }, String(n)) : '');
    link.setAttribute('aria-label', n ? tx('threads-unread-label', { n }) : tx('threads-threads-you-follow'));
  };
  threads.onChange(render);
  render();
  return link;
}

/** chatOf(id): the chat from the list, if known; onPick(chatId, rootId) opens a thread;
 *  threads: threads.js (its count is read again here). */
export function threadsPage({ me, chatOf, onPick, onBack, threads }) {
  const list = h('ul', { class: 'admin-list thread-rows', 'data-testid': 'threads-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'threads-more', hidden: true }, tx('threads-load-more'));
  const part = section(tx('threads-threads-you-follow'), 'threads-section', list, more);
  let next = null;

  function row(t) {
    const chat = chatOf(t.chat && t.chat.id) || t.chat || {};
    const where = chat.id != null ? chatTitle(chat, me) : tx('threads-a-chat');
    const root = t.root;
    const first = root ? filesAsWords(excerptOf(ownText(root.content))) : tx('threads-the-first-message-was-deleted');
    const n = Number(t.reply_count) || 0;
    const unread = Number(t.unread_count) || 0;
    const open = h('button', { type: 'button', class: `mention-row thread-row${unread ? ' unread' : ''}`, 'data-testid': 'thread-item',
      'data-root-id': root ? root.id : '', 'data-chat-id': chat.id, 'data-unread': String(unread),
      onclick: () => root && onPick(chat.id, root.id) },
    h('span', { class: 'result-meta' },
      unread ? h('span', { class: 'tag unread-tag', 'data-testid': 'thread-unread' }, tx('threads-unread', { n: unread })) : null,
      h('span', { class: 'result-sender' }, root ? userName(root.sender) : ''),
      h('span', { class: 'username' }, tx('mentions-in', { where })),
      t.last_reply_at ? h('time', { class: 'chat-time', datetime: t.last_reply_at, title: longTime(t.last_reply_at) }, shortTime(t.last_reply_at)) : null),
    h('span', { class: 'result-snippet', dir: 'auto' }, first),
    h('span', { class: 'thread-summary static' },
      h('span', { class: 'thread-avatars', 'aria-hidden': 'true' }, ...(t.participants || []).slice(0, 5).map((p) => avatar(p, 'small'))),
      h('span', { class: 'thread-count' }, tx('thread-replies', { n }))));
    return h('li', null, open);
  }

  function show(page, append) {
    const rows = ((page && page.results) || []).map(row);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    next = page && page.next;
    more.hidden = !next;
    if (!append) {
      part.say(rows.length ? tx('threads-unread-replies', { n: page.unread || 0 })
        : tx('threads-you-follow-no-thread-yet'));
    }
  }

  async function load() {
    part.say(tx('threads-loading'));
    try {
      show(await api.listThreads(), false);
      threads.reload().catch(() => {});
    } catch (err) {
      part.say(tx('threads-could-not-list-your-threads', { message: err.message }));
    }
  }

  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      show(await api.nextThreads(next), true);
    } catch (err) {
      part.say(tx('threads-could-not-list-more-threads', { message: err.message }));
    } finally {
      more.disabled = false;
    }
  });

  load();
  return pageFrame(tx('threads-threads'), 'threads-page', onBack, part.el);
}
