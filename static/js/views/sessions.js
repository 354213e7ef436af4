// Where you are signed in (the account page): each browser session, Matrix app and API key, this
// one marked, the others with an "End" button that signs that one out at once. Named
// for a person: a key is what an app, a bot's script or a seed app's client signed in
// with (the web client ends the key its own sign-up answered with, api.dropKey).

import * as api from '../api.js';
import { h } from '../dom.js';
import { longTime } from '../time.js';
import { section } from './page.js';
import { t } from '../i18n.js';

const KIND = { session: t('sessions-web-browser'), token: t('sessions-an-app-or-script-signed') };

/** What a sign-in is, for a person: a Matrix app's device carries the name it was given. */
function kindOf(s) {
  if (s.kind === 'device') return t('sessions-matrix-app', { name: s.name || '—' });
  return KIND[s.kind] || t('sessions-sign-in');
}

/** Answers {el, reload}. */
export function sessionsSection() {
  const list = h('ul', { class: 'admin-list', 'data-testid': 'session-list' });
  const part = section(t('sessions-where-you-are-signed-in'), 'sessions', list);

  function row(s) {
    const when = s.created_at ? t('sessions-signed-in-longtime', { longTime: longTime(s.created_at) }) : t('sessions-sign-in-time-unknown');
    const item = h('li', { class: 'admin-row', 'data-testid': 'session-row', 'data-current': s.current ? 'true' : 'false' },
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, kindOf(s), s.current ? h('span', { class: 'tag current' }, t('sessions-this-browser')) : null),
        h('span', { class: 'admin-meta' }, when)));
    if (!s.current) {
      const end = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'session-end',
        'aria-label': t('sessions-end-label', { kind: s.kind, when }) }, t('sessions-end-button'));
      end.addEventListener('click', async () => {
        end.disabled = true;
        try {
          await api.endSession(s.id);
          item.remove();
          part.say(t('sessions-signed-out-there'));
        } catch (err) {
          end.disabled = false;
          part.say(t('sessions-could-not-end-it-message', { message: err.message }));
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
      part.say(t('sessions-could-not-list-your-sign', { message: err.message }));
    }
  }
  reload();
  return { el: part.el, reload };
}
