// Administration, people: a searchable list with last seen, storage used and state, and
// per person Deactivate/Reactivate, Make admin/Remove admin (never on one's own row) and
// a password-reset link.

import * as api from '../api.js';
import { h, fileSize, sameId, userName } from '../dom.js';
import { longTime, shortTime } from '../time.js';
import { copyLink, searchedList } from './page.js';
import { resetLink } from '../links.js';

/** onChanged() after any change to a person. */
export function peopleSection({ me, onChanged }) {
  function personRow(p) {
    const you = sameId(p.id, me.id);
    const note = h('div', { class: 'row-note', role: 'status' });
    const item = h('li', { class: 'admin-row', 'data-testid': 'admin-person', 'data-username': p.username });
    const label = `${userName(p)} (@${p.username})`;
    const button = (text, testid, action) => {
      const b = h('button', { type: 'button', class: 'secondary', 'data-testid': testid, 'aria-label': `${text}: ${label}` }, text);
      b.addEventListener('click', () => act(b, action));
      return b;
    };

    async function act(b, action) {
      b.disabled = true;
      note.replaceChildren();
      try {
        if (action === 'password-reset') {
          const answer = await api.passwordResetFor(p.id);
          const token = answer && answer.token;
          note.replaceChildren(
            h('p', { class: 'search-note' }, `Send this link to ${userName(p)}; it works once${answer && answer.expires_at ? `, until ${longTime(answer.expires_at)}` : ''}.`),
            token ? copyLink(resetLink(token), 'admin-reset-link') : h('p', { class: 'form-error' }, 'The server sent no link.'));
          b.disabled = false;
        } else {
          const changed = await api.personAction(p.id, action);
          const fresh = personRow(changed && changed.id ? changed : p);
          item.replaceWith(fresh);
          const again = fresh.querySelector(`[data-testid="${OPPOSITE[action]}"]`);
          if (again) again.focus(); // keep the keyboard where it was
        }
        onChanged();
      } catch (err) {
        b.disabled = false;
        note.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, err.message));
      }
    }

    const tags = [
      you ? h('span', { class: 'tag current' }, 'You') : null,
      p.is_admin ? h('span', { class: 'tag' }, 'Administrator') : null,
      p.email && p.email_confirmed === false
        ? h('span', { class: 'tag bad', 'data-testid': 'admin-email-unconfirmed',
          title: 'No mail with messages goes to this address; no import or sign-in provider matches it' },
        'Email unconfirmed')
        : null,
      p.is_active === false
        ? h('span', { class: 'tag bad', 'data-testid': 'admin-person-state' }, 'Deactivated')
        : h('span', { class: 'tag', 'data-testid': 'admin-person-state' }, 'Active'),
    ];
    const seen = p.last_seen ? `last seen ${shortTime(p.last_seen)}` : 'never seen';
    item.append(
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, userName(p), h('span', { class: 'username' }, ` @${p.username}`), ...tags),
        h('span', { class: 'admin-meta' }, [p.email, seen, `${fileSize(p.storage_bytes)} stored`].filter(Boolean).join(' · '))),
      h('div', { class: 'row admin-actions' },
        // Never on one's own row: another administrator deactivates or demotes you (the
        // server refuses it too).
        you ? null : p.is_active === false
          ? button('Reactivate', 'admin-reactivate', 'reactivate')
          : button('Deactivate', 'admin-deactivate', 'deactivate'),
        you ? null : p.is_admin ? button('Remove admin', 'admin-demote', 'demote') : button('Make admin', 'admin-promote', 'promote'),
        button('Reset password', 'admin-reset-password', 'password-reset')),
      note);
    if (p.last_seen) item.querySelector('.admin-meta').title = `Last seen ${longTime(p.last_seen)}`;
    return item;
  }

  return searchedList({
    title: 'People', ids: 'admin-people', searchId: 'admin-search', label: 'Search people',
    placeholder: 'Name, username or email', moreText: 'More people', load: (q) => api.listPeople(q),
    row: personRow, empty: 'Nobody matches.', what: 'people',
  });
}

// After an action, the button that undoes it takes the focus.
const OPPOSITE = {
  deactivate: 'admin-reactivate', reactivate: 'admin-deactivate', promote: 'admin-demote', demote: 'admin-promote',
};
