// "Forgot password?" on the sign-in screen: a username or email address, sent to the
// server, which mails a reset link when such an account has an address. Its answer is
// the same sentence whoever was asked for, and that sentence is what is shown; the
// link in the mail opens the reset page (reset.js).

import * as api from '../api.js';
import { h } from '../dom.js';
import { field, form, showServerError } from './forms.js';

/** The form that asks for a reset mail, kept in the sign-in card beside the sign-in
 *  form (auth.js swaps them); onBack() returns to signing in. Answers {el, open(login)}:
 *  open() shows it with the field filled (what was typed to sign in) and focused. */
export function forgotForm({ onBack }) {
  const who = field('Username or email', 'login', 'text', 'forgot-login', 'username');
  const back = h('button', { type: 'button', class: 'link', 'data-testid': 'forgot-back', onclick: () => onBack() },
    'Back to sign in');
  const sent = h('p', { class: 'notice sent', role: 'status', 'data-testid': 'forgot-sent' });
  const view = form('forgot', 'Forgot your password?', [who], 'Send me a link', {
    extra: h('p', { class: 'hint' }, 'We mail a link to choose a new password to the address of your account.'),
    footer: h('div', null, sent, h('p', { class: 'switch' }, back)),
  });
  view.el.hidden = true;
  sent.hidden = true;

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = who.input.value.trim();
    sent.hidden = true;
    sent.textContent = '';
    view.show(login ? {} : { login: 'Enter your username or email.' }, '');
    if (!login) return;
    view.busy(true);
    try {
      const answer = await api.forgotPassword(login);
      // The server's own sentence: it does not say whether the account exists.
      sent.textContent = (answer && typeof answer.detail === 'string' && answer.detail)
        || 'If that account exists and has an email address, a mail with a link is on its way.';
      sent.hidden = false;
    } catch (err) {
      // A wrong-looking login goes by its field; "this server sends no mail" and "too
      // many requests" belong to no field and go under the form.
      showServerError(view, ['login'], err);
    } finally {
      view.busy(false);
    }
  });

  function open(login) {
    who.input.value = login || '';
    view.show({}, '');
    sent.hidden = true;
    view.el.hidden = false;
    who.input.focus();
  }
  return { el: view.el, open };
}
