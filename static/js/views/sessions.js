// Where you are signed in (the account page): each browser session and API key, this
// one marked, the others with an "End" button that signs that one out at once. Named
// for a person: a key is what an app, a bot's script or a seed app's client signed in
// with (the web client ends the key its own sign-up answered with, api.dropKey).

import * as api from '../api.js';
import { h } from '../dom.js';
import { longTime } from '../time.js';
import { section } from './page.js';

const KIND = { session: 'Web browser', token: 'An app or script, signed in with a key' };

/** Answers {el, reload}. */
export function sessionsSection() {
  const list = h('ul', { class: 'admin-list', 'data-testid': 'session-list' });
  const part = section('Where you are signed in', 'sessions', list);

  function row(s) {
    const when = s.created_at ? `signed in ${longTime(s.created_at)}` : 'sign-in time unknown';
    const item = h('li', { class: 'admin-row', 'data-testid': 'session-row', 'data-current': s.current ? 'true' : 'false' },
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, KIND[s.kind] || 'Sign-in', s.current ? h('span', { class: 'tag current' }, 'This browser') : null),
        h('span', { class: 'admin-meta' }, when)));
    if (!s.current) {
      const end = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'session-end',
        'aria-label': `End ${(KIND[s.kind] || 'sign-in').toLowerCase()}, ${when}` }, 'End');
      end.addEventListener('click', async () => {
        end.disabled = true;
        try {
          await api.endSession(s.id);
          item.remove();
          part.say('Signed out there.');
        } catch (err) {
          end.disabled = false;
          part.say(`Could not end it: ${err.message}`);
        }
      });
      item.append(end);
    }
    return item;
  }

  async function reload() {
    try {
      const all = await api.listSessions();
      const rows = Array.isArray(all) ? all : (all && all.results) || [];
      // This browser first, then the newest.
      rows.sort((a, b) => Number(b.current) - Number(a.current) || String(b.created_at || '').localeCompare(String(a.created_at || '')));
      list.replaceChildren(...rows.map(row));
    } catch (err) {
      part.say(`Could not list your sign-ins: ${err.message}`);
    }
  }
  reload();
  return { el: part.el, reload };
}
