// Under a message that has thread replies: "N replies", the avatars of the latest people
// who replied and when the last reply came; activating it opens the thread's panel.

import { h, userName } from '../dom.js';
import { avatar } from '../avatar.js';
import { relativeTime, longTime } from '../time.js';
import { t } from '../i18n.js';

const SHOWN = 5;

/** The summary for `thread` ({reply_count, last_reply_at, participants}), or null when it
 *  has no replies. userOf(id): the person (a chat member), if known; onOpen() opens it. */
export function threadSummary(thread, { userOf, onOpen, unread = 0 }) {
  const n = Number(thread && thread.reply_count) || 0;
  if (!n) return null;
  const people = ((thread.participants || []).slice(0, SHOWN)).map((id) => userOf(id) || { id, username: '?' });
  const words = t('thread-replies', { n });
  const names = people.map((p) => userName(p)).join(', ');
  const when = thread.last_reply_at ? t('threadsummary-last-reply-relativetime', { relativeTime: relativeTime(thread.last_reply_at) }) : '';
  return h('button', {
    type: 'button',
    class: `thread-summary${unread ? ' unread' : ''}`,
    'data-testid': 'thread-summary',
    'data-reply-count': String(n),
    onclick: onOpen,
  },
  // Named by its own words, the rest for screen readers only: an aria-label would leave out
  // of the name what a voice user reads on it (WCAG 2.5.3); the avatars are hidden from both.
  h('span', { class: 'thread-avatars', 'aria-hidden': 'true' }, ...people.map((p) => avatar(p, 'small'))),
  h('span', { class: 'thread-count', 'data-testid': 'thread-reply-count' }, words),
  h('span', { class: 'visually-hidden' }, `${names ? t('threadsummary-from', { names }) : ''}.`), ' ',
  when ? h('time', { class: 'thread-last', datetime: thread.last_reply_at, title: longTime(thread.last_reply_at) }, when) : null,
  h('span', { class: 'visually-hidden' }, `. ${t('threadsummary-open-the-thread')}`));
}
