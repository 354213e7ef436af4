// The account page's "Mail about what you miss": a checkbox, the account's `missed_mail`,
// and how long a mention or direct message waits unread before it is mailed, the
// account's `missed_mail_delay` (the server's delay, 10 minutes or 1 hour); each saved as
// soon as it changes. Shown only when the server sends mail (`/api/registration/`'s
// `mail`) and the account says where the settings stand.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { t } from '../i18n.js';

/** A delay in seconds as words: `10 minutes`, `1 hour`, `30 seconds`. */
function spoken(secs) {
  const n = Number(secs);
  if (n >= 3600 && n % 3600 === 0) return t('missedmail-hours', { n: n / 3600 });
  if (n >= 60 && n % 60 === 0) return t('missedmail-minutes', { n: n / 60 });
  return t('missedmail-seconds', { n });
}

/** The section, hidden until the server says it sends mail: a setting for a mail that
 *  never comes would only mislead. */
export function missedMailSection() {
  const box = h('input', { type: 'checkbox', 'data-testid': 'missed-mail', disabled: true,
    'aria-describedby': 'missed-mail-hint' });
  const delay = h('select', { 'data-testid': 'missed-mail-delay', disabled: true });
  const hint = h('p', { class: 'hint', id: 'missed-mail-hint' });
  const part = section(t('missedmail-mail-about-what-you-miss'), 'missed-mail-section',
    h('label', { class: 'row' }, box, t('missedmail-email-me-about-mentions-and')),
    h('label', { class: 'row' }, t('missedmail-after'), delay),
    hint);
  part.el.hidden = true;
  const describe = () => {
    const after = spoken(delay.value || delay.dataset.serverDelay);
    hint.textContent = t('missedmail-sent-to-your-email-address', { after });
  };

  Promise.all([api.registration(), api.account()]).then(([reg, a]) => {
    if (!(reg && reg.mail === true) || typeof (a && a.missed_mail) !== 'boolean') return;
    const server = Number(a.missed_mail_default_delay) > 0 ? Number(a.missed_mail_default_delay) : 600;
    delay.dataset.serverDelay = String(server);
    delay.replaceChildren(
      h('option', { value: '' }, t('missedmail-spoken-the-server-s-setting', { spoken: spoken(server) })),
      h('option', { value: '600' }, t('missedmail-10-minutes')),
      h('option', { value: '3600' }, t('missedmail-1-hour')));
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
      part.say(box.checked ? t('missedmail-saved-you-get-a-mail') : t('missedmail-saved-no-mail-about-what'));
    } catch (err) {
      box.checked = !want;
      part.say(t('missedmail-could-not-save-it-message', { message: err.message }));
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
      part.say(t('missedmail-saved-mail-after-spoken', { spoken: spoken(delay.value || delay.dataset.serverDelay) }));
    } catch (err) {
      if (saved != null) delay.value = saved;
      part.say(t('missedmail-could-not-save-it-message', { message: err.message }));
    } finally {
      delay.disabled = !box.checked;
      describe();
    }
  });
  return part.el;
}
