// Administration, invitations: make one (how many uses, how long it lasts) and get its
// link to send, or have the server mail it (inviteemails.js, when it sends mail); the
// list shows uses, expiry and whether each still works, with Revoke.

import * as api from '../api.js';
import { h } from '../dom.js';
import { longTime } from '../time.js';
import { copyLink, section } from './page.js';
import { joinLink } from '../links.js';
import { inviteEmailsField } from './inviteemails.js';
import { whoMayJoin } from './whojoins.js';
import { t, listOf } from '../i18n.js';

// How long a new invitation lasts, as the server reads it (null: until revoked).
const EXPIRY = [['30m', t('admininvites-30-minutes')], ['12h', t('admininvites-12-hours')], ['24h', t('admininvites-1-day')], ['7d', t('admininvites-7-days')], ['30d', t('admininvites-30-days')], ['', t('admininvites-never')]];

/** onChanged() after an invitation was made or revoked. */
export function invitationsSection({ onChanged }) {
  const usesError = h('p', { class: 'field-error', id: 'invite-uses-error', 'aria-live': 'polite' });
  const uses = h('input', { id: 'invite-uses', type: 'number', min: '1', step: '1', value: '1', inputmode: 'numeric',
    'data-testid': 'invite-uses', 'aria-describedby': 'invite-uses-hint invite-uses-error' });
  const expiry = h('select', { id: 'invite-expiry', 'data-testid': 'invite-expiry' },
    ...EXPIRY.map(([value, text]) => h('option', { value, selected: value === '7d' }, text)));
  const emails = inviteEmailsField();
  const create = h('button', { type: 'submit', class: 'primary', 'data-testid': 'invite-create' }, t('admininvites-make-invitation'));
  const made = h('div', { class: 'invite-made', 'data-testid': 'invite-made' });
  const list = h('ul', { class: 'admin-list', 'data-testid': 'invite-list' });
  const formEl = h('form', { class: 'page-form invite-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: uses.id }, t('admininvites-uses')),
      h('p', { class: 'hint', id: 'invite-uses-hint' }, t('admininvites-how-many-accounts-it-can')), uses, usesError),
    h('div', { class: 'field' }, h('label', { for: expiry.id }, t('admininvites-expires-after')), expiry),
    emails.wrap,
    create);
  const part = section(t('admininvites-invitations'), 'admin-invitations', formEl, made, h('h3', null, t('admininvites-made-so-far')), list);

  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    part.say('');
    usesError.textContent = '';
    uses.removeAttribute('aria-invalid');
    const raw = uses.value.trim();
    const maxUses = raw === '' ? null : Number(raw);
    if (maxUses !== null && !(Number.isInteger(maxUses) && maxUses >= 1)) {
      usesError.textContent = t('admininvites-enter-a-whole-number-of');
      uses.setAttribute('aria-invalid', 'true');
      uses.focus();
      return;
    }
    emails.fail('');
    const to = emails.read();
    if (to.error) {
      emails.fail(to.error);
      return;
    }
    create.disabled = true;
    try {
      const inv = await api.createInvitation(maxUses, expiry.value || null, to.emails);
      const mailed = Array.isArray(inv.mailed) ? inv.mailed.filter((a) => typeof a === 'string') : [];
      made.replaceChildren(
        h('p', { class: 'search-note' }, t('admininvites-invitation-made-send-this-link', { describe: describe(inv) })),
        copyLink(joinLink(inv.code), 'invite-link'),
        mailed.length ? h('p', { class: 'search-note', role: 'status', 'data-testid': 'invite-mailed' },
          t('admininvites-sent-by-mail', { list: listOf(mailed) })) : '');
      emails.clear();
      await reload();
      onChanged();
    } catch (err) {
      if (err.fields.max_uses) {
        usesError.textContent = err.fields.max_uses;
        uses.setAttribute('aria-invalid', 'true');
        uses.focus();
      } else if (err.fields.emails) {
        emails.fail(err.fields.emails);
      } else {
        part.say(t('admininvites-could-not-make-the-invitation', { value: err.fields.expires_in || err.message }));
      }
    } finally {
      create.disabled = false;
    }
  });

  function row(inv) {
    const state = stateOf(inv);
    const item = h('li', { class: 'admin-row', 'data-testid': 'invite-row', 'data-state': state.key },
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, h('code', { class: 'invite-code' }, String(inv.code)),
          h('span', { class: `tag${state.key === 'valid' ? ' ok' : ''}` }, state.text)),
        h('span', { class: 'admin-meta' }, describe(inv))));
    if (!inv.revoked) {
      const revoke = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'invite-revoke',
        'aria-label': t('admininvites-revoke-invitation-code', { code: inv.code }) }, t('admininvites-revoke'));
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        try {
          await api.revokeInvitation(inv.id);
          part.say(t('admininvites-invitation-revoked-its-link-no'));
          await reload();
          onChanged();
        } catch (err) {
          revoke.disabled = false;
          part.say(t('admininvites-could-not-revoke-it-message', { message: err.message }));
        }
      });
      item.append(revoke);
    }
    if (state.key === 'valid') item.append(copyLink(joinLink(inv.code), 'invite-row-link'));
    return item;
  }

  async function reload() {
    try {
      const all = await api.listInvitations();
      list.replaceChildren(...all.map(row));
      if (!all.length) list.replaceChildren(h('li', { class: 'search-note' }, t('admininvites-none-yet')));
    } catch (err) {
      part.say(t('admininvites-could-not-list-invitations-message', { message: err.message }));
    }
  }
  reload();
  // The address field only where the server sends mail; without an answer, no field.
  const mode = h('div', { class: 'who-may-join' });
  formEl.before(mode);
  api.registration().then((answer) => {
    emails.show(Boolean(answer && answer.mail === true));
    mode.replaceChildren(whoMayJoin(answer && answer.mode) || '');
  }, () => {});
  return part.el;
}

/** Uses and expiry in words. */
function describe(inv) {
  const used = Number(inv.uses) || 0;
  const uses = inv.max_uses == null ? t('admininvites-used-no-limit', { n: used })
    : t('admininvites-used-used-of-max-uses', { used, max_uses: inv.max_uses });
  const expires = inv.expires_at ? t('admininvites-expires-longtime', { longTime: longTime(inv.expires_at) }) : t('admininvites-never-expires');
  const by = inv.created_by && inv.created_by.username ? t('admininvites-made-by-username', { username: inv.created_by.username }) : '';
  return listOf([uses, expires, by].filter(Boolean), 'unit');
}

/** Whether it still works, and if not, why. */
function stateOf(inv) {
  if (inv.revoked) return { key: 'revoked', text: t('admininvites-revoked') };
  if (inv.valid) return { key: 'valid', text: t('admininvites-valid') };
  if (inv.max_uses != null && Number(inv.uses) >= Number(inv.max_uses)) return { key: 'used', text: t('admininvites-used-up') };
  if (inv.expires_at && new Date(inv.expires_at) <= new Date()) return { key: 'expired', text: t('admininvites-expired') };
  return { key: 'invalid', text: t('admininvites-not-valid') };
}
