// The status picker, opened from the status button beside your picture: an emoji, a
// short text (100 characters), when it clears itself (30 minutes, 1 hour, today, this
// week, a date, or never), and "appear away". Saved with PUT /messages/api/me/status/;
// everyone's socket hears it, so every badge of yours changes at once.

import { request } from '../api.js';
import { h, modal } from '../dom.js';
import { t as tx } from '../i18n.js';

const STATUS = '/messages/api/me/status/';
const QUICK = [
  ['📅', tx('statuspicker-in-a-meeting'), '1h'],
  ['🚌', tx('statuspicker-commuting'), '30m'],
  ['🤒', tx('statuspicker-out-sick'), 'today'],
  ['🌴', tx('statuspicker-on-holiday'), 'week'],
  ['🏠', tx('statuspicker-working-remotely'), 'today'],
];

/** The end a "clear after" choice means, from `now`, as an RFC 3339 time (null: never). */
export function endOf(choice, dateValue, now = new Date()) {
  const at = new Date(now);
  switch (choice) {
    case '30m': return new Date(now.getTime() + 30 * 60 * 1000).toISOString();
    case '1h': return new Date(now.getTime() + 60 * 60 * 1000).toISOString();
    case 'today': at.setHours(23, 59, 59, 0); return at.toISOString();
    case 'week': {
      // The end of Sunday, this person's week (as Slack's "this week").
      const toSunday = (7 - at.getDay()) % 7;
      at.setDate(at.getDate() + toSunday);
      at.setHours(23, 59, 59, 0);
      return at.toISOString();
    }
    case 'date': {
      if (!dateValue) return null;
      const [y, m, d] = dateValue.split('-').map(Number);
      return new Date(y, m - 1, d, 23, 59, 59).toISOString();
    }
    default: return null;
  }
}

/** onSaved(status) after a change. */
export async function openStatusPicker({ onSaved = () => {} } = {}) {
  const emoji = h('input', { id: 'status-emoji', type: 'text', maxlength: 40, class: 'status-emoji-input',
    'data-testid': 'status-emoji-input', 'aria-label': tx('statuspicker-emoji'), placeholder: '💬' });
  const text = h('input', { id: 'status-text', type: 'text', maxlength: 100, 'data-testid': 'status-text',
    placeholder: tx('statuspicker-what-s-your-status'), autocomplete: 'off' });
  const clearAfter = h('select', { id: 'status-clear-after', 'data-testid': 'status-clear-after' },
    ...[['never', tx('statuspicker-don-t-clear')], ['30m', tx('statuspicker-30-minutes')], ['1h', tx('statuspicker-1-hour')], ['today', tx('statuspicker-today')], ['week', tx('statuspicker-this-week')], ['date', tx('statuspicker-choose-a-date')]]
      .map(([value, label]) => h('option', { value }, label)));
  const date = h('input', { type: 'date', 'data-testid': 'status-date', 'aria-label': tx('statuspicker-clear-on-this-date'), hidden: true });
  const away = h('input', { type: 'checkbox', id: 'status-appear-away', 'data-testid': 'status-appear-away' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'status-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'status-save' }, tx('statuspicker-save'));
  const clear = h('button', { type: 'button', class: 'secondary', 'data-testid': 'status-clear' }, tx('statuspicker-clear-status'));
  const quick = h('div', { class: 'status-quick', role: 'group', 'aria-label': tx('statuspicker-suggestions') },
    ...QUICK.map(([e, t, after]) => h('button', { type: 'button', class: 'secondary', 'data-testid': 'status-quick',
      onclick: () => { emoji.value = e; text.value = t; clearAfter.value = after; date.hidden = true; text.focus(); } }, `${e} ${t}`)));

  clearAfter.addEventListener('change', () => { date.hidden = clearAfter.value !== 'date'; });
  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field status-fields' }, h('label', { for: text.id }, tx('statuspicker-status')),
      h('div', { class: 'row' }, emoji, text)),
    quick,
    h('div', { class: 'field' }, h('label', { for: clearAfter.id }, tx('statuspicker-clear-after')), clearAfter, date),
    h('div', { class: 'field row' }, away, h('label', { for: away.id }, tx('statuspicker-appear-away'))),
    error, save, clear);
  const dialog = modal(tx('statuspicker-set-a-status'), 'status-dialog', form);

  // The saved status fills the form as it arrives, but never over what the person has
  // already typed or picked while it was on its way.
  const touched = new Set();
  for (const field of [emoji, text, away]) {
    field.addEventListener('input', () => touched.add(field));
    field.addEventListener('change', () => touched.add(field));
  }
  quick.addEventListener('click', () => { touched.add(emoji); touched.add(text); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    save.disabled = true;
    try {
      const body = { appear_away: away.checked };
      if (emoji.value.trim() || text.value.trim()) {
        body.emoji = emoji.value.trim();
        body.text = text.value.trim();
        body.expires_at = endOf(clearAfter.value, date.value);
      }
      onSaved(await request('PUT', STATUS, body));
      dialog.close();
    } catch (err) {
      error.textContent = Object.values(err.fields || {})[0] || err.message;
    } finally {
      save.disabled = false;
    }
  });
  clear.addEventListener('click', async () => {
    clear.disabled = true;
    try {
      await request('DELETE', STATUS);
      onSaved(null);
      dialog.close();
    } catch (err) {
      error.textContent = err.message;
      clear.disabled = false;
    }
  });
  // Filled once the buttons answer: a click on Save or Clear while the saved status is on
  // its way is not lost.
  try {
    const mine = await request('GET', STATUS);
    if (!touched.has(emoji)) emoji.value = mine.emoji || '';
    if (!touched.has(text)) text.value = mine.text || '';
    if (!touched.has(away)) away.checked = Boolean(mine.appear_away);
  } catch { /* an empty form */ }
  text.focus();
  return dialog;
}
