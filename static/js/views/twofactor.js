// Two-factor sign-in on the account page: off (set up with the password: a QR code and
// the secret for an authenticator app, then a code from the app turns it on and the
// recovery codes are shown once, with Copy and Download so they can be kept), or on
// (turned off with the password and a code).

import * as api from '../api.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { field, form, showServerError } from './forms.js';
import { section } from './page.js';
import { t } from '../i18n.js';

/** The recovery codes as a text file's lines: what they are for and where, then one
 *  code a line, so the file still explains itself when found months later. */
export function recoveryCodesText(codes, host = location.host) {
  return [
    t('twofactor-natter-recovery-codes-for-host', { host }),
    t('twofactor-each-code-signs-you-in'),
    t('twofactor-keep-this-file-somewhere-safe'),
    '',
    ...codes,
    '',
  ].join('\n');
}

export function twoFactorSection() {
  const body = h('div', { 'data-testid': 'two-factor-body' });
  const part = section(t('twofactor-two-factor-sign-in'), 'two-factor-section',
    h('p', { class: 'hint' },
      t('twofactor-after-your-password-natter-also') +
      t('twofactor-google-authenticator-authy-1password-freeotp')), body);

  function show(state) {
    part.say('');
    if (state.enabled) body.replaceChildren(onView(state));
    else body.replaceChildren(offView(state));
  }

  function load() {
    api.twoFactor().then(show, (err) => part.say(t('twofactor-could-not-load-two-factor', { message: err.message })));
  }

  function offView(state) {
    const current = field(t('twofactor-current-password'), 'current_password', 'password', 'two-factor-password', 'current-password');
    const view = form('two-factor-start', '', [current], t('twofactor-set-up-two-factor-sign'), { cls: 'page-form' });
    const required = state.required
      ? h('p', { class: 'notice', 'data-testid': 'two-factor-required' },
        t('twofactor-administrators-of-this-server-must'))
      : null;
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!current.input.value) return view.show({ current_password: t('twofactor-enter-your-current-password') }, '');
      view.busy(true);
      try {
        const setup = await api.startTwoFactor(current.input.value);
        body.replaceChildren(confirmView(setup));
      } catch (err) {
        showServerError(view, ['current_password'], err, { password: 'current_password' });
      } finally {
        view.busy(false);
      }
    });
    return h('div', { 'data-testid': 'two-factor-off' },
      h('p', { 'data-testid': 'two-factor-state' }, t('twofactor-off')), required, view.el);
  }

  function confirmView(setup) {
    const qr = h('img', { class: 'qr-code', alt: t('twofactor-qr-code-for-your-authenticator'), width: 200, height: 200,
      'data-testid': 'two-factor-qr', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qr_svg)}` });
    const code = field(t('twofactor-code-from-the-app'), 'otp', 'text', 'two-factor-code', 'one-time-code');
    code.input.setAttribute('inputmode', 'numeric');
    const view = form('two-factor-confirm', '', [code], t('twofactor-turn-on'), { cls: 'page-form' });
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!code.input.value.trim()) return view.show({ otp: t('twofactor-enter-the-code-the-app') }, '');
      view.busy(true);
      try {
        const answer = await api.confirmTwoFactor(code.input.value.trim());
        body.replaceChildren(codesView(answer.recovery_codes || []));
      } catch (err) {
        showServerError(view, ['otp'], err);
      } finally {
        view.busy(false);
      }
    });
    return h('div', { 'data-testid': 'two-factor-setup' },
      h('p', null, t('twofactor-scan-this-with-your-authenticator')),
      qr, h('p', null, t('twofactor-key'), h('code', { 'data-testid': 'two-factor-secret' }, setup.secret)), view.el);
  }

  function codesView(codes) {
    const done = h('button', { type: 'button', class: 'secondary', 'data-testid': 'two-factor-codes-done' },
      t('twofactor-i-have-kept-them'));
    done.addEventListener('click', load);
    const list = h('ul', { class: 'recovery-codes' },
      ...codes.map((c) => h('li', null, h('code', { 'data-testid': 'recovery-code' }, c))));
    const said = h('span', { class: 'search-note', role: 'status', 'data-testid': 'recovery-codes-said' });
    const text = recoveryCodesText(codes);
    const copy = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': 'recovery-codes-copy' },
      icon('copy'), t('twofactor-copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        said.textContent = t('twofactor-copied');
      } catch {
        // No clipboard (an insecure origin, or refused): select them for Ctrl+C.
        getSelection().selectAllChildren(list);
        said.textContent = t('twofactor-selected-press-ctrl-c-or');
      }
    });
    // A file made here: the codes never go back to the server.
    const download = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': 'recovery-codes-download' },
      icon('download'), t('twofactor-download'));
    download.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const a = h('a', { href: url, download: `natter-recovery-codes-${location.hostname || 'natter'}.txt`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0); // after the click has started the download
      said.textContent = t('twofactor-downloaded');
    });
    return h('div', { 'data-testid': 'two-factor-codes' },
      h('p', { 'data-testid': 'two-factor-state' }, t('twofactor-on')),
      h('p', null, t('twofactor-keep-these-recovery-codes-somewhere') +
        t('twofactor-if-you-lose-your-phone')),
      list,
      h('div', { class: 'row' }, copy, download, said),
      done);
  }

  function onView(state) {
    const current = field(t('twofactor-current-password'), 'current_password', 'password', 'two-factor-off-password', 'current-password');
    const code = field(t('twofactor-code-from-the-app-or'), 'otp', 'text', 'two-factor-off-code', 'one-time-code');
    const view = form('two-factor-off', '', [current, code], t('twofactor-turn-off'), { cls: 'page-form' });
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      const errors = {};
      if (!current.input.value) errors.current_password = t('twofactor-enter-your-current-password');
      if (!code.input.value.trim()) errors.otp = t('twofactor-enter-a-code');
      view.show(errors, '');
      if (Object.keys(errors).length) return;
      view.busy(true);
      try {
        await api.turnOffTwoFactor(current.input.value, code.input.value.trim());
        load();
      } catch (err) {
        showServerError(view, ['current_password', 'otp'], err);
      } finally {
        view.busy(false);
      }
    });
    const left = Number(state.recovery_codes_left) || 0;
    return h('div', { 'data-testid': 'two-factor-on' },
      h('p', { 'data-testid': 'two-factor-state' },
        t('twofactor-on-codes-left', { n: left })), view.el);
  }

  load();
  return part.el;
}
