// "Forgot password?" on the sign-in screen: a username or email address, sent to the
// server, which mails a reset link when such an account has an address. Its answer is
// the same sentence whoever was asked for, and that sentence is what is shown; the
// link in the mail opens the reset page (reset.js). A server that sends no mail gets no
// form: the page says to ask an administrator, whose Admin page makes reset links.

import * as api from '../api/signin.js';
import { h } from '../dom.js';
import { field, form, showServerError } from './forms.js';
import { t } from '../i18n.js';

/** The form that asks for a reset mail, kept in the sign-in card beside the sign-in
 *  form (auth.js swaps them); onBack() returns to signing in. Answers {el, open(login,
 *  mail)}: open() shows it with the field filled (what was typed to sign in) and
 *  focused; with `mail` false (the server sends none) it shows whom to ask instead. */
export function forgotForm({ onBack }) {
  const who = field(t('forgot-username-or-email'), 'login', 'text', 'forgot-login', 'username');
  const back = h('button', { type: 'button', class: 'link', 'data-testid': 'forgot-back', onclick: () => onBack() },
    t('forgot-back-to-sign-in'));
  const sent = h('p', { class: 'notice sent', role: 'status', 'data-testid': 'forgot-sent' });
  const mailed = h('p', { class: 'hint' }, t('forgot-we-mail-a-link-to'));
  // Without mail no link can reach the person: an administrator makes one (Admin page,
  // People, "Reset password") and hands it over.
  const ask = h('p', { class: 'notice', 'data-testid': 'forgot-no-mail' },
    t('forgot-this-server-sends-no-mail')
    + t('forgot-they-make-one-on-the')
    + t('forgot-the-link-lets-you-choose'));
  const view = form('forgot', t('forgot-forgot-your-password'), [who], t('forgot-send-me-a-link'), {
    extra: h('div', null, mailed, ask),
    footer: h('div', null, sent, h('p', { class: 'switch' }, back)),
  });
  view.el.hidden = true;
  sent.hidden = true;
  ask.hidden = true;

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = who.input.value.trim();
    sent.hidden = true;
    sent.textContent = '';
    view.show(login ? {} : { login: t('forgot-enter-your-username-or-email') }, '');
    if (!login) return;
    view.busy(true);
    try {
      const answer = await api.forgotPassword(login);
      // The server's own sentence: it does not say whether the account exists.
      sent.textContent = (answer && typeof answer.detail === 'string' && answer.detail)
        || t('forgot-if-that-account-exists-and');
      sent.hidden = false;
    } catch (err) {
      // A wrong-looking login goes by its field; "this server sends no mail" and "too
      // many requests" belong to no field and go under the form.
      showServerError(view, ['login'], err);
    } finally {
      view.busy(false);
    }
  });

  function open(login, mail = true) {
    who.input.value = login || '';
    view.show({}, '');
    sent.hidden = true;
    mailed.hidden = !mail;
    ask.hidden = mail;
    who.wrap.hidden = !mail;
    view.submit.hidden = !mail;
    view.el.hidden = false;
    (mail ? who.input : back).focus();
  }
  return { el: view.el, open };
}
