// Sign-in through OpenID Connect providers: a button per provider on the sign-in and join
// pages, and the account page's list of linked providers (link one more, unlink one while
// another way in remains). The server does the protocol; these are plain links to it.

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';

/** The providers' buttons for the sign-in screen (empty until the server answers, and
 *  when it has none). `inviteCode`: a join link's code, carried to the provider and back. */
export function providerButtons({ inviteCode = '' } = {}) {
  const list = h('div', { class: 'provider-buttons', 'data-testid': 'provider-buttons', hidden: true });
  api.pageSignInProviders().then((providers) => {
    if (!Array.isArray(providers) || providers.length === 0) return;
    for (const p of providers) {
      if (p.available) {
        list.append(h('a', { class: 'button-link provider', href: api.providerStart(p, { invite: inviteCode }),
          'data-testid': `provider-${p.name}` }, `Sign in with ${p.label}`));
      } else {
        list.append(h('button', { type: 'button', class: 'secondary provider', disabled: true,
          'data-testid': `provider-${p.name}`, title: 'It cannot be reached right now; try again in a minute.' },
        `${p.label} is unavailable`));
      }
    }
    list.append(h('p', { class: 'hint' }, 'or with your username and password:'));
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
  const part = section('Sign-in providers', 'identities-section',
    h('p', { class: 'hint' }, 'Accounts elsewhere that sign you in here.'), rows, offers);
  part.el.hidden = true;

  async function load() {
    let providers;
    let mine;
    try {
      [providers, mine] = await Promise.all([api.signInProviders(), api.listIdentities()]);
    } catch (err) {
      part.say(`Could not load your sign-in providers: ${err.message}`);
      return;
    }
    onPassword(Boolean(mine.has_password));
    part.el.hidden = providers.length === 0 && mine.identities.length === 0;
    const linked = new Set(mine.identities.map((i) => i.provider));
    const waysIn = mine.identities.length + (mine.has_password ? 1 : 0);
    rows.replaceChildren(...mine.identities.map((i) => {
      const unlink = h('button', { type: 'button', class: 'secondary', 'data-testid': `unlink-${i.provider}`,
        disabled: waysIn < 2, title: waysIn < 2 ? 'Set a password or link another provider first.' : null }, 'Unlink');
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
        'data-testid': `link-${p.name}` }, `Link ${p.label}`)
      : h('button', { type: 'button', class: 'secondary provider', disabled: true }, `${p.label} is unavailable`))));
  }
  load();
  return { el: part.el, reload: load };
}
