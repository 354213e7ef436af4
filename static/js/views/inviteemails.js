// The invitation form's "Send the link to": addresses the new invitation's join link is
// mailed to, separated by commas or new lines. Shown only when the server sends mail
// (admininvites.js asks); the server checks every address again.

import { h } from '../dom.js';
import { t } from '../i18n.js';

// As many addresses as the server takes for one invitation.
export const MAX_EMAILS = 20;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** The field, hidden until show(true). read() answers {emails, error}: the addresses
 *  (trimmed, duplicates dropped) or why they cannot be sent, in words; fail(text) shows
 *  a sentence (ours or the server's) under the field; clear() empties both. */
export function inviteEmailsField() {
  const error = h('p', { class: 'field-error', id: 'invite-emails-error', 'data-testid': 'invite-emails-error',
    'aria-live': 'polite' });
  const input = h('textarea', { id: 'invite-emails', rows: '2', 'data-testid': 'invite-emails', autocomplete: 'off',
    spellcheck: 'false', placeholder: t('inviteemails-example-addresses'),
    'aria-describedby': 'invite-emails-hint invite-emails-error' });
  const wrap = h('div', { class: 'field invite-emails', hidden: true },
    h('label', { for: input.id }, t('inviteemails-send-the-link-to-optional')),
    h('p', { class: 'hint', id: 'invite-emails-hint' },
      t('inviteemails-email-addresses-separated-by-commas', { MAX_EMAILS })),
    input, error);

  function read() {
    if (wrap.hidden) return { emails: [], error: '' };
    const emails = [...new Set(input.value.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean))];
    const bad = emails.filter((e) => !EMAIL.test(e));
    if (bad.length) {
      return { emails, error: t('inviteemails-not-addresses', { n: bad.length, list: bad.join(', ') }) };
    }
    if (emails.length > MAX_EMAILS) return { emails, error: t('inviteemails-give-at-most-max-emails', { MAX_EMAILS, length: emails.length }) };
    return { emails, error: '' };
  }
  function fail(text) {
    error.textContent = text || '';
    if (text) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  function clear() {
    input.value = '';
    fail('');
  }
  return { wrap, read, fail, clear, show: (on) => { wrap.hidden = !on; } };
}
