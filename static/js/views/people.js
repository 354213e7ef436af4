// The people directory (`#people`): everyone active on the server (bots left out), by
// the name people see, with when each was last seen, a search box, and "Message", which
// opens the direct chat with them (the server answers the existing one when there is one),
// and below them the user groups (groupsdirectory.js).

import * as api from '../api.js';
import { h, userName, sameId, isolated } from '../dom.js';
import { relativeTime, longTime } from '../time.js';
import { pageFrame, searchedList } from './page.js';
import { groupsSection } from './groupsdirectory.js';
import { statuses, statusWords } from '../statuses.js';
import { t } from '../i18n.js';

/** Their status words, local time and quiet mark, as the directory lists them. */
function whereTheyAre(person) {
  const parts = [];
  const words = statusWords(person.status);
  // The status's words run the way their own letters do (an English status in an Arabic page).
  if (words) parts.push(isolated(words));
  if (person.local_time) parts.push(t('people-local-time-local-time', { local_time: person.local_time }));
  // Kept current by the socket (a pause begun or ended), not only as the list was read.
  const quiet = statuses.quietMark(person.id, Boolean(person.quiet));
  return h('span', { 'data-testid': 'person-where' }, ...parts.flatMap((p) => [' · ', p]), ' ', quiet);
}

/** The sidebar's way here. */
export function peopleLink() {
  return h('a', { href: '#people', class: 'button-link secondary', 'data-testid': 'people-link',
    'aria-label': t('people-people-everyone-on-this-server') }, t('people-people'));
}

/** onBack() returns to the chats; onChat(chat) opens a direct chat. */
export function peoplePage({ me, onBack, onChat }) {
  function row(person) {
    const name = userName(person);
    const mine = sameId(person.id, me.id);
    const note = h('p', { class: 'form-error', role: 'alert' });
    const seen = person.last_seen_at
      ? h('time', { datetime: person.last_seen_at, title: longTime(person.last_seen_at) }, t('people-last-seen-relativetime', { relativeTime: relativeTime(person.last_seen_at) }))
      : t('people-not-seen-yet');
    const item = h('li', { class: 'admin-row', 'data-testid': 'person-row', 'data-username': person.username, 'data-user-id': String(person.id) },
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name', 'data-testid': 'person-name' }, name, statuses.badge(person.id),
          mine ? h('span', { class: 'tag' }, t('people-you')) : null,
          person.is_admin ? h('span', { class: 'tag' }, t('people-administrator')) : null),
        h('span', { class: 'admin-meta', 'data-testid': 'person-meta' }, `@${person.username} · `, seen, whereTheyAre(person)),
        note));
    if (!mine) {
      const message = h('button', { type: 'button', class: 'secondary', 'data-testid': 'person-message',
        'aria-label': t('people-message-name', { name }) }, t('people-message'));
      message.addEventListener('click', async () => {
        message.disabled = true;
        note.textContent = '';
        try {
          onChat(await api.createChat({ chat_type: 'dm', member_ids: [person.id] }));
        } catch (err) {
          note.textContent = t('people-could-not-open-the-chat', { message: err.message });
          message.disabled = false;
        }
      });
      item.append(h('div', { class: 'row admin-actions' }, message));
    }
    return item;
  }

  const intro = h('p', { class: 'search-note' },
    t('people-everyone-on-this-server-message'));
  return pageFrame(t('people-people'), 'people-page', onBack, intro, searchedList({
    title: t('people-everyone-here'), ids: 'people-directory', label: t('people-search-people-by-name'), placeholder: t('people-name'),
    moreText: t('people-more-people'), load: (q) => api.listDirectory(q), row,
    empty: t('people-nobody-matches'), what: 'people',
  }), groupsSection({ me }));
}
