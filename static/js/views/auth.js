// Sign-in and registration forms. Errors are shown in words next to the field they
// belong to; what belongs to no field is shown under the form.

import * as api from '../api.js';
import { h } from '../dom.js';

const USERNAME = /^[\w.@+-]{1,150}$/;

/** A labelled input with its own error line; `testid` names both (`x`, `x-error`). */
function field(label, name, type, testid, autocomplete) {
  const id = `f-${testid}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${testid}-error`, 'aria-live': 'polite' });
  const input = h('input', { id, name, type, autocomplete, 'data-testid': testid, 'aria-describedby': error.id });
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, error);
  return { wrap, input, error, name };
}

/** A form with fields, a submit button and a form-level error line. */
function form(prefix, title, fields, submitLabel, footer) {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': `${prefix}-error` });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': `${prefix}-submit` }, submitLabel);
  const el = h('form', { class: 'auth-form', novalidate: true, 'data-testid': `${prefix}-form` },
    h('h1', null, title), ...fields.map((f) => f.wrap), error, submit, footer);
  const show = (errors, general) => {
    for (const f of fields) {
      const text = errors[f.name] || '';
      f.error.textContent = text;
      if (text) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
    }
    error.textContent = general || '';
    const bad = fields.find((f) => errors[f.name]);
    if (bad) bad.input.focus();
  };
  const busy = (on) => { submit.disabled = on; };
  return { el, show, busy };
}

// Server field errors go next to their field; any other field's error joins the general line.
function showServerError(view, fields, err) {
  const known = {};
  const other = [];
  for (const [key, text] of Object.entries(err.fields)) {
    const target = fields.includes(key) ? key : key === 'email' && fields.includes('username') ? 'username' : null;
    if (target) known[target] = text;
    else other.push(text);
  }
  const general = other.length ? other.join(' ') : Object.keys(known).length ? '' : err.message;
  view.show(known, general);
}

/** The signed-out screen; calls onSignedIn(user) once a session exists. */
export function authView({ onSignedIn }) {
  const lu = field('Username or email', 'username', 'text', 'login-username', 'username');
  const lp = field('Password', 'password', 'password', 'login-password', 'current-password');
  const ru = field('Username', 'username', 'text', 'register-username', 'username');
  const rd = field('Display name (optional)', 'display_name', 'text', 'register-display-name', 'name');
  const re = field('Email', 'email', 'email', 'register-email', 'email');
  const rp = field('Password', 'password', 'password', 'register-password', 'new-password');

  const toRegister = h('button', { type: 'button', class: 'link', 'data-testid': 'register-link' }, 'Create an account');
  const toLogin = h('button', { type: 'button', class: 'link', 'data-testid': 'login-link' }, 'I already have an account');
  const login = form('login', 'Sign in to natter', [lu, lp], 'Sign in', h('p', { class: 'switch' }, 'New here? ', toRegister));
  const reg = form('register', 'Create your account', [ru, rd, re, rp], 'Create account', h('p', { class: 'switch' }, toLogin));
  reg.el.hidden = true;

  const swap = (showRegister) => {
    login.el.hidden = showRegister;
    reg.el.hidden = !showRegister;
    (showRegister ? ru : lu).input.focus();
  };
  toRegister.addEventListener('click', () => swap(true));
  toLogin.addEventListener('click', () => swap(false));

  async function signIn(username, password) {
    const answer = await api.login(username, password);
    return (answer && answer.user) || api.me();
  }

  login.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = lu.input.value.trim();
    const password = lp.input.value;
    const errors = {};
    if (!username) errors.username = 'Enter your username or email.';
    if (!password) errors.password = 'Enter your password.';
    login.show(errors, '');
    if (Object.keys(errors).length) return;
    login.busy(true);
    try {
      onSignedIn(await signIn(username, password));
    } catch (err) {
      const b = err.body || {};
      const serverSaid = Object.keys(err.fields).length || b.detail || b.message || b.error;
      if (!serverSaid && (err.status === 400 || err.status === 401)) login.show({}, 'Wrong username or password.');
      else showServerError(login, ['username', 'password'], err);
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
    const errors = {};
    if (displayName.length > 150) errors.display_name = 'Use at most 150 characters.';
    if (!USERNAME.test(username)) errors.username = 'Use 1-150 letters, digits or @ . + - _ characters.';
    else if (/^\d+$/.test(username)) errors.username = 'A username needs at least one character that is not a digit.';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'Enter a valid email address.';
    if (password.length < 8) errors.password = 'Use at least 8 characters.';
    reg.show(errors, '');
    if (Object.keys(errors).length) return;
    reg.busy(true);
    try {
      await api.register(username, email, password, displayName);
    } catch (err) {
      showServerError(reg, ['username', 'display_name', 'email', 'password'], err);
      reg.busy(false);
      return;
    }
    try {
      onSignedIn(await signIn(username, password));
    } catch (err) {
      // The account exists; let the person sign in by hand.
      swap(false);
      lu.input.value = username;
      login.show({}, `Your account was created, but signing in failed: ${err.message}`);
    } finally {
      reg.busy(false);
    }
  });

  return h('main', { class: 'auth' }, h('div', { class: 'auth-card' }, login.el, reg.el));
}
