// Administration, people: a searchable list with last seen, storage used and state, and
// per person Deactivate/Reactivate, Make admin/Remove admin (never on one's own row) and
// a password-reset link.

import * as api from '../api.js';
import { h, fileSize, sameId, userName } from '../dom.js';
import { longTime, shortTime } from '../time.js';
import { copyLink, searchedList } from './page.js';
import { resetLink } from '../links.js';
import { t } from '../i18n.js';

/** onChanged() after any change to a person. */
export function peopleSection({ me, onChanged }) {
  function personRow(p) {
    const you = sameId(p.id, me.id);
    const note = h('div', { class: 'row-note', role: 'status' });
    const item = h('li', { class: 'admin-row', 'data-testid': 'admin-person', 'data-username': p.username });
    const label = `${userName(p)} (@${p.username})`;
    const button = (text, testid, action) => {
      const b = h('button', { type: 'button', class: 'secondary', 'data-testid': testid, 'aria-label': t('page-action-on-whom', { action: text, whom: label }) }, text);
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
            h('p', { class: 'search-note' }, answer && answer.expires_at ? t('adminpeople-send-link-until', { name: userName(p), until: longTime(answer.expires_at) }) : t('adminpeople-send-link', { name: userName(p) })),
            token ? copyLink(resetLink(token), 'admin-reset-link') : h('p', { class: 'form-error' }, t('adminpeople-the-server-sent-no-link')));
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
      you ? h('span', { class: 'tag current' }, t('adminpeople-you')) : null,
      p.is_admin ? h('span', { class: 'tag' }, t('adminpeople-administrator')) : null,
      p.email && p.email_confirmed === false
        ? h('span', { class: 'tag bad', 'data-testid': 'admin-email-unconfirmed',
          title: t('adminpeople-no-mail-with-messages-goes') },
        t('adminpeople-email-unconfirmed'))
        : null,
      p.is_active === false
        ? h('span', { class: 'tag bad', 'data-testid': 'admin-person-state' }, t('adminpeople-deactivated'))
        : h('span', { class: 'tag', 'data-testid': 'admin-person-state' }, t('adminpeople-active')),
    ];
    const seen = p.last_seen ? t('adminpeople-last-seen-shorttime', { shortTime: shortTime(p.last_seen) }) : t('adminpeople-never-seen');
    item.append(
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, userName(p), h('span', { class: 'username' }, ` @${p.username}`), ...tags),
        h('span', { class: 'admin-meta' }, [p.email, seen, t('adminpeople-stored', { size: fileSize(p.storage_bytes) })].filter(Boolean).join(' · '))),
      h('div', { class: 'row admin-actions' },
        // Never on one's own row: another administrator deactivates or demotes you (the
        // server refuses it too).
        you ? null : p.is_active === false
          ? button(t('adminpeople-reactivate'), 'admin-reactivate', 'reactivate')
          : button(t('adminpeople-deactivate'), 'admin-deactivate', 'deactivate'),
        you ? null : p.is_admin ? button(t('adminpeople-remove-admin'), 'admin-demote', 'demote') : button(t('adminpeople-make-admin'), 'admin-promote', 'promote'),
        button(t('adminpeople-reset-password'), 'admin-reset-password', 'password-reset')),
      note);
    if (p.last_seen) item.querySelector('.admin-meta').title = t('adminpeople-last-seen-longtime', { longTime: longTime(p.last_seen) });
    return item;
  }

  return searchedList({
    title: t('adminpeople-people'), ids: 'admin-people', searchId: 'admin-search', label: t('adminpeople-search-people'),
    placeholder: t('adminpeople-name-username-or-email'), moreText: t('adminpeople-more-people'), load: (q) => api.listPeople(q),
    row: personRow, empty: t('adminpeople-nobody-matches'), what: 'people',
  });
}

// After an action, the button that undoes it takes the focus.
const OPPOSITE = {
  deactivate: 'admin-reactivate', reactivate: 'admin-deactivate', promote: 'admin-demote', demote: 'admin-promote',
};
