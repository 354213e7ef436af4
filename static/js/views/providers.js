// Sign-in through OpenID Connect providers: a button per provider on the sign-in and join
// pages (the account page's list of linked providers is identities.js, so the sign-in
// form carries none of it). The server does the protocol; these are plain links to it.

import * as api from '../api/signin.js';
import { h } from '../dom.js';
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
