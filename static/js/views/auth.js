// Sign-in and registration forms. Errors are shown in words next to the field they
// belong to; what belongs to no field is shown under the form. The server says who may
// register (open, by invitation, or nobody) and whether it sends mail ("Forgot password?"
// mails a link only then, and says whom to ask otherwise; forgot.js); a join link opens
// sign-up with its code.

import * as api from '../api/signin.js';
import { h } from '../dom.js';
import { field, form, showServerError } from './forms.js';
import { providerButtons } from './providers.js';
import { forgotForm } from './forgot.js';
import { t } from '../i18n.js';

// The server's rule for a new username (`username_problem` in src/domain/people/accounts.rs),
// on the name as the server keeps it (NFKC): 1-150 letters and digits of any script and
// `@.+-_`, nothing invisible (Unicode's Default_Ignorable_Code_Point), not digits alone.
const USERNAME = /^[\p{Alphabetic}\p{N}@.+\-_]{1,150}$/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

/** What is wrong with `typed` as a new username, in words, or '' when the server takes it. */
function usernameProblem(typed) {
  const name = typed.normalize('NFKC');
  if (!USERNAME.test(name) || INVISIBLE.test(name)) return t('auth-use-1-150-letters-digits');
  if (/^[0-9]+$/.test(name)) return t('auth-a-username-needs-at-least');
  return '';
}

/** The signed-out screen; calls onSignedIn(user, {signedUp}) once a session exists
 *  (`signedUp`: the account was just made here).
 *  `inviteCode`: opened from a join link, so sign-up shows first with the code filled in;
 *  `notice`: a sentence to show above the forms ("You were signed out.");
 *  `providerCode`: back from a provider, the account's own two-factor code is owed. */
export function authView({ onSignedIn, inviteCode = '', notice = '', providerCode = false }) {
  const lu = field(t('auth-username-or-email'), 'username', 'text', 'login-username', 'username');
  const lp = field(t('auth-password'), 'password', 'password', 'login-password', 'current-password');
  // Asked after the password, only of an account with two-factor sign-in.
  const lc = field(t('auth-code-from-your-authenticator-app'), 'otp', 'text', 'login-code', 'one-time-code');
  lc.input.setAttribute('inputmode', 'numeric');
  lc.wrap.hidden = true;
  const ru = field(t('auth-username'), 'username', 'text', 'register-username', 'username');
  const rd = field(t('auth-display-name-optional'), 'display_name', 'text', 'register-display-name', 'name');
  const re = field(t('auth-email'), 'email', 'email', 'register-email', 'email');
  const rp = field(t('auth-password'), 'password', 'password', 'register-password', 'new-password');
  const ri = field(t('auth-invitation-code'), 'invite_code', 'text', 'register-invite-code', 'off');
  ri.input.value = inviteCode;
  ri.wrap.hidden = !inviteCode; // shown by a join link, or when the server asks for invitations

  const toRegister = h('button', { type: 'button', class: 'link', 'data-testid': 'register-link' }, t('auth-create-an-account'));
  const toLogin = h('button', { type: 'button', class: 'link', 'data-testid': 'login-link' }, t('auth-i-already-have-an-account'));
  const toForgot = h('button', { type: 'button', class: 'link', 'data-testid': 'forgot-link' }, t('auth-forgot-password'));
  const forgotten = h('p', { class: 'switch' }, toForgot);
  let mails = true; // until the server says otherwise: its refusal would be shown
  const newHere = h('p', { class: 'switch' }, t('auth-new-here'), toRegister);
  const closed = h('p', { class: 'switch', 'data-testid': 'register-closed', hidden: true },
    t('auth-new-accounts-come-from-an'));
  // An invite-only server says so before anyone fills the form: a stranger needs a join
  // link, and while no account exists, the first administrator's link is in the log.
  const byInvitation = h('p', { class: 'switch', 'data-testid': 'register-by-invitation', hidden: true });
  const invited = inviteCode
    ? h('p', { class: 'notice', 'data-testid': 'invite-notice' },
      t('auth-you-were-invited-to-natter'))
    : null;
  const login = form('login', t('auth-sign-in-to-natter'), [lu, lp, lc], t('auth-sign-in'), { footer: h('div', null, forgotten, newHere, closed, byInvitation) });
  const reg = form('register', t('auth-create-your-account'), [ru, rd, re, rp, ri], t('auth-create-account'),
    { footer: h('p', { class: 'switch' }, toLogin), extra: invited });
  const said = h('p', { class: 'notice', role: 'status', 'data-testid': 'auth-notice' }, notice);
  said.hidden = !notice;
  const forgot = forgotForm({ onBack: () => swap(false) });

  // One form at a time: sign-in, sign-up (showRegister) or "Forgot password?" (forgot.js).
  const swap = (showRegister) => {
    login.el.hidden = showRegister;
    reg.el.hidden = !showRegister;
    forgot.el.hidden = true;
    said.hidden = showRegister || !notice;
    (showRegister ? ru : lu).input.focus();
  };
  toRegister.addEventListener('click', () => swap(true));
  toLogin.addEventListener('click', () => swap(false));
  toForgot.addEventListener('click', () => {
    login.el.hidden = true;
    reg.el.hidden = true;
    said.hidden = true;
    forgot.open(lu.input.value.trim(), mails);
  });
  login.el.hidden = Boolean(inviteCode);
  reg.el.hidden = !inviteCode;
  if (inviteCode) queueMicrotask(() => ru.input.focus()); // once the caller has put it on the page

  // Who may register, and whether mail goes out. Until the server answers (or if it
  // cannot), sign-up is offered as before and "Forgot password?" offers the mail; the
  // server refuses what it does not allow, and that refusal is shown.
  api.registration().then((answer) => {
    const mode = answer && answer.mode;
    mails = Boolean(answer && answer.mail === true);
    if (mode === 'invite') ri.wrap.hidden = false;
    if (mode === 'invite' && !inviteCode) {
      newHere.hidden = true;
      byInvitation.hidden = false;
      byInvitation.replaceChildren(answer.first_admin_pending
        ? t('auth-this-server-has-no-account')
        : t('auth-this-server-is-by-invitation'));
      if (!reg.el.hidden) swap(false);
    }
    if (mode === 'closed' && !inviteCode) {
      newHere.hidden = true;
      closed.hidden = false;
      if (!reg.el.hidden) swap(false);
    }
  }, () => {});

  async function signIn(username, password, otp = '') {
    const answer = await api.login(username, password, otp);
    return (answer && answer.user) || api.me();
  }

  // Back from a provider: only the code is asked, and it finishes that sign-in.
  if (providerCode) {
    lu.wrap.hidden = true;
    lp.wrap.hidden = true;
    lc.wrap.hidden = false;
    newHere.hidden = true;
    said.textContent = t('auth-enter-the-code-from-your');
    said.hidden = false;
    queueMicrotask(() => lc.input.focus());
  }

  async function finishProviderSignIn() {
    const otp = lc.input.value.trim();
    login.show(otp ? {} : { otp: t('auth-enter-the-code-your-authenticator') }, '');
    if (!otp) return;
    login.busy(true);
    try {
      const answer = await api.providerCode(otp);
      onSignedIn((answer && answer.user) || await api.me());
    } catch (err) {
      const b = err.body || {};
      if (err.status === 429 && b.two_factor_held) login.show({ otp: (b.otp && b.otp[0]) || b.detail || err.message }, '');
      else showServerError(login, ['otp'], err);
    } finally {
      login.busy(false);
    }
  }

  login.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (providerCode) return finishProviderSignIn();
    const username = lu.input.value.trim();
    const password = lp.input.value;
    const otp = lc.wrap.hidden ? '' : lc.input.value.trim();
    const errors = {};
    if (!username) errors.username = t('auth-enter-your-username-or-email');
    if (!password) errors.password = t('auth-enter-your-password');
    if (!lc.wrap.hidden && !otp) errors.otp = t('auth-enter-the-code-your-authenticator');
    login.show(errors, '');
    if (Object.keys(errors).length) return;
    login.busy(true);
    try {
      onSignedIn(await signIn(username, password, otp));
    } catch (err) {
      const b = err.body || {};
      if (err.status === 429 && b.two_factor_held) {
        // Too many wrong codes in a row: the server says for how long, and that a
        // recovery code still works.
        lc.wrap.hidden = false;
        login.show({ otp: b.detail || err.message }, '');
        return;
      }
      if (err.status === 401 && b.two_factor_required) {
        // The password was right: the account asks for its second step.
        const first = lc.wrap.hidden;
        lc.wrap.hidden = false;
        login.show(first ? {} : { otp: t('auth-that-code-is-wrong-expired') }, '');
        lc.input.value = '';
        lc.input.focus();
        return;
      }
      const serverSaid = Object.keys(err.fields).length || b.detail || b.message || b.error;
      if (!serverSaid && (err.status === 400 || err.status === 401)) login.show({}, t('auth-wrong-username-or-password'));
      else showServerError(login, ['username', 'password'], err, { email: 'username' });
    } finally {
      login.busy(false);
    }
  });

  reg.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = ru.input.value.trim();
    const email = re.input.value.trim();
    const password = rp.input.value;
    const displayName = rd.input.value.trim();
    const code = ri.input.value.trim();
    const errors = {};
    if (displayName.length > 150) errors.display_name = t('auth-use-at-most-150-characters');
    const nameProblem = usernameProblem(username);
    if (nameProblem) errors.username = nameProblem;
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = t('auth-enter-a-valid-email-address');
    if (password.length < 8) errors.password = t('auth-use-at-least-8-characters');
    reg.show(errors, '');
    if (Object.keys(errors).length) return;
    reg.busy(true);
    let made;
    try {
      made = await api.register(username, email, password, displayName, code);
    } catch (err) {
      // A refusal (403: invitations only, or closed) is the server's own sentence.
      showServerError(reg, ['username', 'display_name', 'email', 'password', 'invite_code'], err);
      reg.busy(false);
      return;
    }
    try {
      const me = await signIn(username, password);
      if (made && typeof made.token === 'string') await api.dropKey(made.token); // a browser session from here on
      onSignedIn(me, { signedUp: true }); // the app opens the team's general room first
    } catch (err) {
      // The account exists; let the person sign in by hand.
      swap(false);
      lu.input.value = username;
      login.show({}, t('auth-your-account-was-created-but', { message: err.message }));
    } finally {
      reg.busy(false);
    }
  });

  // A button per sign-in provider, above both forms (a join link's code goes along).
  const providers = providerButtons({ inviteCode });
  return h('main', { class: 'auth' }, h('div', { class: 'auth-card' }, said, providers, login.el, reg.el, forgot.el));
}
