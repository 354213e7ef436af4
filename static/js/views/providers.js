// Sign-in through OpenID Connect providers: a button per provider on the sign-in and join
// pages, and the account page's list of linked providers (link one more, unlink one while
// another way in remains). The server does the protocol; these are plain links to it.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { t } from '../i18n.js';

/** The providers' buttons for the sign-in screen (empty until the server answers, and
 *  when it has none). `inviteCode`: a join link's code, carried to the provider and back. */
export function providerButtons({ inviteCode = '' } = {}) {
  const list = h('div', { class: 'provider-buttons', 'data-testid': 'provider-buttons', hidden: true });
  api.pageSignInProviders().then((providers) => {
    if (!Array.isArray(providers) || providers.length === 0) return;
    for (const p of providers) {
      if (p.available) {
        list.append(h('a', { class: 'button-link provider', href: api.providerStart(p, { invite: inviteCode }),
          'data-testid': `provider-${p.name}` }, t('providers-sign-in-with-label', { label: p.label })));
      } else {
        list.append(h('button', { type: 'button', class: 'secondary provider', disabled: true,
          'data-testid': `provider-${p.name}`, title: t('providers-it-cannot-be-reached-right') },
        t('providers-label-is-unavailable', { label: p.label })));
      }
    }
    list.append(h('p', { class: 'hint' }, t('providers-or-with-your-username-and')));
    list.hidden = false;
  }, () => {});
  return list;
}

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
          part.say(`${i.label} unlinked.`);
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
