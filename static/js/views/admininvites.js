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

// How long a new invitation lasts, as the server reads it (null: until revoked).
const EXPIRY = [['30m', '30 minutes'], ['12h', '12 hours'], ['24h', '1 day'], ['7d', '7 days'], ['30d', '30 days'], ['', 'Never']];

/** onChanged() after an invitation was made or revoked. */
export function invitationsSection({ onChanged }) {
  const usesError = h('p', { class: 'field-error', id: 'invite-uses-error', 'aria-live': 'polite' });
  const uses = h('input', { id: 'invite-uses', type: 'number', min: '1', step: '1', value: '1', inputmode: 'numeric',
    'data-testid': 'invite-uses', 'aria-describedby': 'invite-uses-hint invite-uses-error' });
  const expiry = h('select', { id: 'invite-expiry', 'data-testid': 'invite-expiry' },
    ...EXPIRY.map(([value, text]) => h('option', { value, selected: value === '7d' }, text)));
  const emails = inviteEmailsField();
  const create = h('button', { type: 'submit', class: 'primary', 'data-testid': 'invite-create' }, 'Make invitation');
  const made = h('div', { class: 'invite-made', 'data-testid': 'invite-made' });
  const list = h('ul', { class: 'admin-list', 'data-testid': 'invite-list' });
  const formEl = h('form', { class: 'page-form invite-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: uses.id }, 'Uses'),
      h('p', { class: 'hint', id: 'invite-uses-hint' }, 'How many accounts it can make; empty for no limit.'), uses, usesError),
    h('div', { class: 'field' }, h('label', { for: expiry.id }, 'Expires after'), expiry),
    emails.wrap,
    create);
  const part = section('Invitations', 'admin-invitations', formEl, made, h('h3', null, 'Made so far'), list);

  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    part.say('');
    usesError.textContent = '';
    uses.removeAttribute('aria-invalid');
    const raw = uses.value.trim();
    const maxUses = raw === '' ? null : Number(raw);
    if (maxUses !== null && !(Number.isInteger(maxUses) && maxUses >= 1)) {
      usesError.textContent = 'Enter a whole number of at least 1, or leave it empty for no limit.';
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
        h('p', { class: 'search-note' }, `Invitation made. Send this link: ${describe(inv)}.`),
        copyLink(joinLink(inv.code), 'invite-link'),
        mailed.length ? h('p', { class: 'search-note', role: 'status', 'data-testid': 'invite-mailed' },
          `The link was sent by mail to ${mailed.join(', ')}.`) : '');
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
        part.say(`Could not make the invitation: ${err.fields.expires_in || err.message}`);
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
        'aria-label': `Revoke invitation ${inv.code}` }, 'Revoke');
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        try {
          await api.revokeInvitation(inv.id);
          part.say('Invitation revoked: its link no longer works.');
          await reload();
          onChanged();
        } catch (err) {
          revoke.disabled = false;
          part.say(`Could not revoke it: ${err.message}`);
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
      if (!all.length) list.replaceChildren(h('li', { class: 'search-note' }, 'None yet.'));
    } catch (err) {
      part.say(`Could not list invitations: ${err.message}`);
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
  const uses = inv.max_uses == null ? `used ${used} ${used === 1 ? 'time' : 'times'}, no limit`
    : `used ${used} of ${inv.max_uses}`;
  const expires = inv.expires_at ? `expires ${longTime(inv.expires_at)}` : 'never expires';
  const by = inv.created_by && inv.created_by.username ? `, made by @${inv.created_by.username}` : '';
  return `${uses}, ${expires}${by}`;
}

/** Whether it still works, and if not, why. */
function stateOf(inv) {
  if (inv.revoked) return { key: 'revoked', text: 'Revoked' };
  if (inv.valid) return { key: 'valid', text: 'Valid' };
  if (inv.max_uses != null && Number(inv.uses) >= Number(inv.max_uses)) return { key: 'used', text: 'Used up' };
  if (inv.expires_at && new Date(inv.expires_at) <= new Date()) return { key: 'expired', text: 'Expired' };
  return { key: 'invalid', text: 'Not valid' };
}
