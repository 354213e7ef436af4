// Two-factor sign-in on the account page: off (set up with the password: a QR code and
// the secret for an authenticator app, then a code from the app turns it on and the
// recovery codes are shown once, with Copy and Download so they can be kept), or on
// (turned off with the password and a code).

import * as api from '../api.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { field, form, showServerError } from './forms.js';
import { section } from './page.js';

/** The recovery codes as a text file's lines: what they are for and where, then one
 *  code a line, so the file still explains itself when found months later. */
export function recoveryCodesText(codes, host = location.host) {
  return [
    `natter recovery codes for ${host}`,
    'Each code signs you in once, in place of a code from your authenticator app.',
    'Keep this file somewhere safe, away from your phone.',
    '',
    ...codes,
    '',
  ].join('\n');
}

export function twoFactorSection() {
  const body = h('div', { 'data-testid': 'two-factor-body' });
  const part = section('Two-factor sign-in', 'two-factor-section',
    h('p', { class: 'hint' },
      'After your password, natter also asks for a code from an authenticator app on your phone ' +
      '(Google Authenticator, Authy, 1Password, FreeOTP…), so a stolen password is not enough.'), body);

  function show(state) {
    part.say('');
    if (state.enabled) body.replaceChildren(onView(state));
    else body.replaceChildren(offView(state));
  }

  function load() {
    api.twoFactor().then(show, (err) => part.say(`Could not load two-factor sign-in: ${err.message}`));
  }

  function offView(state) {
    const current = field('Current password', 'current_password', 'password', 'two-factor-password', 'current-password');
    const view = form('two-factor-start', '', [current], 'Set up two-factor sign-in', { cls: 'page-form' });
    const required = state.required
      ? h('p', { class: 'notice', 'data-testid': 'two-factor-required' },
        'Administrators of this server must turn this on before using the Admin page.')
      : null;
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!current.input.value) return view.show({ current_password: 'Enter your current password.' }, '');
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
      h('p', { 'data-testid': 'two-factor-state' }, 'Off.'), required, view.el);
  }

  function confirmView(setup) {
    const qr = h('img', { class: 'qr-code', alt: 'QR code for your authenticator app', width: 200, height: 200,
      'data-testid': 'two-factor-qr', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qr_svg)}` });
    const code = field('Code from the app', 'otp', 'text', 'two-factor-code', 'one-time-code');
    code.input.setAttribute('inputmode', 'numeric');
    const view = form('two-factor-confirm', '', [code], 'Turn on', { cls: 'page-form' });
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!code.input.value.trim()) return view.show({ otp: 'Enter the code the app shows.' }, '');
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
      h('p', null, 'Scan this with your authenticator app, or type the key below into it, then enter the code it shows.'),
      qr, h('p', null, 'Key: ', h('code', { 'data-testid': 'two-factor-secret' }, setup.secret)), view.el);
  }

  function codesView(codes) {
    const done = h('button', { type: 'button', class: 'secondary', 'data-testid': 'two-factor-codes-done' },
      'I have kept them');
    done.addEventListener('click', load);
    const list = h('ul', { class: 'recovery-codes' },
      ...codes.map((c) => h('li', null, h('code', { 'data-testid': 'recovery-code' }, c))));
    const said = h('span', { class: 'search-note', role: 'status', 'data-testid': 'recovery-codes-said' });
    const text = recoveryCodesText(codes);
    const copy = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': 'recovery-codes-copy' },
      icon('copy'), 'Copy');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        said.textContent = 'Copied.';
      } catch {
        // No clipboard (an insecure origin, or refused): select them for Ctrl+C.
        getSelection().selectAllChildren(list);
        said.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
      }
    });
    // A file made here: the codes never go back to the server.
    const download = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': 'recovery-codes-download' },
      icon('download'), 'Download');
    download.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const a = h('a', { href: url, download: `natter-recovery-codes-${location.hostname || 'natter'}.txt`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0); // after the click has started the download
      said.textContent = 'Downloaded.';
    });
    return h('div', { 'data-testid': 'two-factor-codes' },
      h('p', { 'data-testid': 'two-factor-state' }, 'On.'),
      h('p', null, 'Keep these recovery codes somewhere safe. Each one signs you in once, in place of a code, ' +
        'if you lose your phone. They are not shown again.'),
      list,
      h('div', { class: 'row' }, copy, download, said),
      done);
  }

  function onView(state) {
    const current = field('Current password', 'current_password', 'password', 'two-factor-off-password', 'current-password');
    const code = field('Code from the app (or a recovery code)', 'otp', 'text', 'two-factor-off-code', 'one-time-code');
    const view = form('two-factor-off', '', [current, code], 'Turn off', { cls: 'page-form' });
    view.el.addEventListener('submit', async (e) => {
      e.preventDefault();
      const errors = {};
      if (!current.input.value) errors.current_password = 'Enter your current password.';
      if (!code.input.value.trim()) errors.otp = 'Enter a code.';
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
        `On. ${left} recovery ${left === 1 ? 'code' : 'codes'} left.`), view.el);
  }

  load();
  return part.el;
}
