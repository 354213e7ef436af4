// The account page's list of linked sign-in providers (OpenID Connect): link one more,
// unlink one while another way in remains. The server does the protocol; the links here
// are plain links to it.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { t } from '../i18n.js';

/** The account page's "Sign-in providers" section, `{el, reload}`; `onPassword(has)`
 *  learns whether the account has a password (the password form then asks for the
 *  current one). */
export function identitiesSection({ onPassword = () => {} } = {}) {
  const rows = h('ul', { class: 'identities', 'data-testid': 'identities' });
  const offers = h('div', { class: 'provider-buttons' });
  const part = section(t('providers-sign-in-providers'), 'identities-section',
    h('p', { class: 'hint' }, t('providers-accounts-elsewhere-that-sign-you')), rows, offers);
  part.el.hidden = true;

  async function load() {
    let providers;
    let mine;
    try {
      [providers, mine] = await Promise.all([api.signInProviders(), api.listIdentities()]);
    } catch (err) {
      part.say(t('providers-could-not-load-your-sign', { message: err.message }));
      return;
    }
    onPassword(Boolean(mine.has_password));
    part.el.hidden = providers.length === 0 && mine.identities.length === 0;
    const linked = new Set(mine.identities.map((i) => i.provider));
    const waysIn = mine.identities.length + (mine.has_password ? 1 : 0);
    rows.replaceChildren(...mine.identities.map((i) => {
      const unlink = h('button', { type: 'button', class: 'secondary', 'data-testid': `unlink-${i.provider}`,
        disabled: waysIn < 2, title: waysIn < 2 ? t('providers-set-a-password-or-link') : null }, t('providers-unlink'));
      unlink.addEventListener('click', async () => {
        unlink.disabled = true;
        try {
          await api.unlinkIdentity(i.provider);
          part.say(t('providers-label-unlinked', { label: i.label }));
          load();
        } catch (err) {
          part.say((err.body && err.body.detail) || err.message);
          unlink.disabled = false;
        }
      });
      return h('li', null, h('span', null, i.label, i.email ? ` (${i.email})` : ''), ' ', unlink);
    }));
    offers.replaceChildren(...providers.filter((p) => !linked.has(p.name)).map((p) => (p.available
      ? h('a', { class: 'button-link provider', href: api.providerStart(p, { link: true }),
        'data-testid': `link-${p.name}` }, t('providers-link-label', { label: p.label }))
      : h('button', { type: 'button', class: 'secondary provider', disabled: true }, t('providers-label-is-unavailable', { label: p.label })))));
  }
  load();
  return { el: part.el, reload: load };
}
