// The administration page (`#admin`): people, invitations and the audit log, each in
// its own file. Shown only to administrators; the server refuses everyone else anyway.

import * as api from '../api.js';
import { h } from '../dom.js';
import { pageFrame } from './page.js';
import { peopleSection } from './adminpeople.js';
import { invitationsSection } from './admininvites.js';
import { auditSection } from './adminaudit.js';

/** onBack() returns to the chats. */
export function adminPage({ me, onBack }) {
  const body = h('div', { class: 'page-body' }, h('p', { class: 'search-note', role: 'status' }, 'Loading…'));
  const el = pageFrame('Administration', 'admin-page', onBack, body);
  api.account().then((a) => {
    if (!a || !a.is_admin) {
      body.replaceChildren(h('p', { class: 'notice', 'data-testid': 'admin-refused' }, 'Only administrators can see this page.'));
      return;
    }
    // Every change shows up in the audit log: read it again after one.
    const audit = auditSection();
    body.replaceChildren(
      peopleSection({ me, onChanged: () => audit.reload() }),
      invitationsSection({ onChanged: () => audit.reload() }),
      audit.el);
  }, (err) => {
    body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `Could not load the page: ${err.message}`));
  });
  return el;
}
