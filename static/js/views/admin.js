// The administration page (`#admin`): people, invitations, groups and rooms, custom emoji and the
// audit log, each in its own file; bots have a page of their own (`#admin/bots`, adminbots.js), and both
// pages lead to each other. Shown only to administrators; the server refuses everyone
// else anyway.

import * as api from '../api.js';
import { h } from '../dom.js';
import { pageFrame } from './page.js';
import { peopleSection } from './adminpeople.js';
import { invitationsSection } from './admininvites.js';
import { chatsSection } from './adminchats.js';
import { auditSection } from './adminaudit.js';
import { customEmojiSection } from './adminemoji.js';
import { t } from '../i18n.js';

/** onBack() returns to the chats. */
export function adminPage({ me, onBack }) {
  const body = h('div', { class: 'page-body' }, h('p', { class: 'search-note', role: 'status' }, t('admin-loading')));
  const el = pageFrame(t('admin-administration'), 'admin-page', onBack, adminNav('people'), body);
  api.account().then((a) => {
    if (!a || !a.is_admin) {
      body.replaceChildren(h('p', { class: 'notice', 'data-testid': 'admin-refused' }, t('admin-only-administrators-can-see-this')));
      return;
    }
    // Every change shows up in the audit log: read it again after one.
    const audit = auditSection();
    body.replaceChildren(
      peopleSection({ me, onChanged: () => audit.reload() }),
      invitationsSection({ onChanged: () => audit.reload() }),
      chatsSection({ onChanged: () => audit.reload() }),
      customEmojiSection({ onChanged: () => {} }),
      audit.el);
  }, (err) => {
    body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('admin-could-not-load-the-page', { message: err.message })));
  });
  return el;
}

/** The administration pages' links, `current` ('people' or 'bots') marked as the page shown. */
export function adminNav(current) {
  const link = (href, key, text) => h('a', { href, class: 'admin-tab', 'data-testid': `admin-nav-${key}`,
    'aria-current': key === current ? 'page' : null }, text);
  return h('nav', { class: 'admin-nav', 'aria-label': t('admin-administration-pages') },
    link('#admin', 'people', t('admin-people-chats-invitations-and-audit')), link('#admin/bots', 'bots', t('admin-bots')));
}
