// The account page's "Mail about what you miss": a checkbox, the account's `missed_mail`,
// and how long a mention or direct message waits unread before it is mailed, the
// account's `missed_mail_delay` (the server's delay, 10 minutes or 1 hour); each saved as
// soon as it changes. Shown only when the server sends mail (`/api/registration/`'s
// `mail`) and the account says where the settings stand.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';

/** A delay in seconds as words: `10 minutes`, `1 hour`, `30 seconds`. */
function spoken(secs) {
  const n = Number(secs);
  const unit = (v, one) => `${v} ${one}${v === 1 ? '' : 's'}`;
  if (n >= 3600 && n % 3600 === 0) return unit(n / 3600, 'hour');
  if (n >= 60 && n % 60 === 0) return unit(n / 60, 'minute');
  return unit(n, 'second');
}

/** The section, hidden until the server says it sends mail: a setting for a mail that
 *  never comes would only mislead. */
export function missedMailSection() {
  const box = h('input', { type: 'checkbox', 'data-testid': 'missed-mail', disabled: true,
    'aria-describedby': 'missed-mail-hint' });
  const delay = h('select', { 'data-testid': 'missed-mail-delay', disabled: true });
  const hint = h('p', { class: 'hint', id: 'missed-mail-hint' });
  const part = section('Mail about what you miss', 'missed-mail-section',
    h('label', { class: 'row' }, box, 'Email me about mentions and direct messages I miss'),
    h('label', { class: 'row' }, 'After ', delay),
    hint);
  part.el.hidden = true;
  const describe = () => {
    const after = spoken(delay.value || delay.dataset.serverDelay);
    hint.textContent = `Sent to your email address when a mention or direct message is still unread after ${after}; at most one mail every ${after}.`;
  };

  Promise.all([api.registration(), api.account()]).then(([reg, a]) => {
    if (!(reg && reg.mail === true) || typeof (a && a.missed_mail) !== 'boolean') return;
    const server = Number(a.missed_mail_default_delay) > 0 ? Number(a.missed_mail_default_delay) : 600;
    delay.dataset.serverDelay = String(server);
    delay.replaceChildren(
      h('option', { value: '' }, `${spoken(server)} (the server's setting)`),
      h('option', { value: '600' }, '10 minutes'),
      h('option', { value: '3600' }, '1 hour'));
    delay.value = a.missed_mail_delay == null ? '' : String(a.missed_mail_delay);
    box.checked = a.missed_mail;
    box.disabled = false;
    delay.disabled = !box.checked;
    describe();
    part.el.hidden = false;
  }, () => {}); // without an answer the page simply has no such section

  box.addEventListener('change', async () => {
    const want = box.checked;
    box.disabled = true;
    part.say('');
    try {
      const a = await api.updateAccount({ missed_mail: want });
      box.checked = a && typeof a.missed_mail === 'boolean' ? a.missed_mail : want;
      part.say(box.checked ? 'Saved: you get a mail about what you miss.' : 'Saved: no mail about what you miss.');
    } catch (err) {
      box.checked = !want;
      part.say(`Could not save it: ${err.message}`);
    } finally {
      box.disabled = false;
      delay.disabled = !box.checked;
    }
  });

  let saved = null;
  delay.addEventListener('focus', () => { saved = delay.value; });
  delay.addEventListener('change', async () => {
    const want = delay.value;
    delay.disabled = true;
    part.say('');
    try {
      const a = await api.updateAccount({ missed_mail_delay: want === '' ? null : Number(want) });
      delay.value = a && a.missed_mail_delay != null ? String(a.missed_mail_delay) : '';
      part.say(`Saved: mail after ${spoken(delay.value || delay.dataset.serverDelay)}.`);
    } catch (err) {
      if (saved != null) delay.value = saved;
      part.say(`Could not save it: ${err.message}`);
    } finally {
      delay.disabled = !box.checked;
      describe();
    }
  });
  return part.el;
}
