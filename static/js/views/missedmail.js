// The account page's "Mail about what you miss": one checkbox, the account's
// `missed_mail`, saved as soon as it changes. Shown only when the server sends mail
// (`/api/registration/`'s `mail`) and the account says where the setting stands.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';

/** The section, hidden until the server says it sends mail: a setting for a mail that
 *  never comes would only mislead. */
export function missedMailSection() {
  const box = h('input', { type: 'checkbox', 'data-testid': 'missed-mail', disabled: true,
    'aria-describedby': 'missed-mail-hint' });
  const part = section('Mail about what you miss', 'missed-mail-section',
    h('label', { class: 'row' }, box, 'Email me about mentions and direct messages I miss'),
    h('p', { class: 'hint', id: 'missed-mail-hint' },
      'Sent to your email address when a mention or direct message is still unread after 10 minutes; at most one mail every 10 minutes.'));
  part.el.hidden = true;

  Promise.all([api.registration(), api.account()]).then(([reg, a]) => {
    if (!(reg && reg.mail === true) || typeof (a && a.missed_mail) !== 'boolean') return;
    box.checked = a.missed_mail;
    box.disabled = false;
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
    }
  });
  return part.el;
}
