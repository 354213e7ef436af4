// The account page's list of linked sign-in providers (OpenID Connect): link one more,
// unlink one while another way in remains. The server does the protocol. Linking asks
// again who is there first, as setting up two-factor sign-in does: the password, or a
// code from the authenticator app; an account with neither needs a recent sign-in, which
// the server checks. Then the browser goes to the provider.

import * as api from '../api.js';
import { h } from '../dom.js';
import { field, form, showServerError } from './forms.js';
import { section } from './page.js';
import { t } from '../i18n.js';
import { signInErrorSentence } from '../signinerrors.js';

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
    const offered = providers.filter((p) => !linked.has(p.name));
    const buttons = () => offered.map((p) => (p.available
      ? linkButton(p)
      : h('button', { type: 'button', class: 'secondary provider', disabled: true }, t('providers-label-is-unavailable', { label: p.label }))));
    function linkButton(p) {
      const button = h('button', { type: 'button', class: 'secondary provider', 'data-testid': `link-${p.name}` },
        t('providers-link-label', { label: p.label }));
      button.addEventListener('click', () => offers.replaceChildren(confirmForm(p)));
      return button;
    }
    function confirmForm(p) {
      const fields = [];
      const password = mine.has_password
        ? field(t('providers-current-password'), 'current_password', 'password', 'link-password', 'current-password') : null;
      const code = mine.two_factor
        ? field(mine.has_password ? t('providers-or-a-code') : t('providers-code-from-the-app'), 'otp', 'text', 'link-code', 'one-time-code')
        : null;
      if (password) fields.push(password);
      if (code) {
        code.input.setAttribute('inputmode', 'numeric');
        fields.push(code);
      }
      const hint = fields.length
        ? t('providers-confirm-to-link', { label: p.label })
        : t('providers-recent-sign-in-links', { label: p.label });
      const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'link-cancel' }, t('providers-cancel'));
      const view = form('link-confirm', '', fields, t('providers-continue-to-label', { label: p.label }),
        { cls: 'page-form', extra: h('p', { class: 'hint' }, hint), footer: cancel });
      cancel.addEventListener('click', () => offers.replaceChildren(...buttons()));
      view.el.addEventListener('submit', async (e) => {
        e.preventDefault();
        const typed = { password: password ? password.input.value : '', code: code ? code.input.value.trim() : '' };
        if (fields.length && !typed.password && !typed.code) {
          const name = password ? 'current_password' : 'otp';
          return view.show({ [name]: t('providers-enter-your-password-or') }, '');
        }
        view.busy(true);
        try {
          const answer = await api.linkIdentity(p.name, typed);
          location.assign(answer.url);
        } catch (err) {
          const failure = err.body && err.body.sign_in_error;
          if (failure) view.show({}, signInErrorSentence(failure, p.name, providers));
          else showServerError(view, fields.map((f) => f.name), err);
          view.busy(false);
        }
      });
      return view.el;
    }
    offers.replaceChildren(...buttons());
  }
  load();
  return { el: part.el, reload: load };
}
