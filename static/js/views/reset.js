// The page a password-reset link opens (`/reset/<TOKEN>`): a new password, typed twice.
// The token is sent in the body only; the server says whether it is still good.

import * as api from '../api/signin.js';
import { h } from '../dom.js';
import { checkNewPassword, field, form, showServerError } from './forms.js';
import { t } from '../i18n.js';

/** onDone() once the password is set (the caller shows sign-in); onCancel() to sign in instead. */
export function resetView({ token, onDone, onCancel }) {
  const pw = field(t('reset-new-password'), 'new_password', 'password', 'reset-password', 'new-password');
  const again = field(t('reset-the-same-password-again'), 'again', 'password', 'reset-password-again', 'new-password');
  const toLogin = h('button', { type: 'button', class: 'link', 'data-testid': 'reset-to-login', onclick: () => onCancel() },
    t('reset-sign-in-instead'));
  const view = form('reset', t('reset-choose-a-new-password'), [pw, again], t('reset-set-password'), {
    extra: h('p', { class: 'hint' }, t('reset-use-at-least-8-characters')),
    footer: h('p', { class: 'switch' }, toLogin),
  });

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors = checkNewPassword(pw.input.value, again.input.value);
    view.show(errors, '');
    if (Object.keys(errors).length) return;
    view.busy(true);
    try {
      await api.resetPassword(token, pw.input.value);
    } catch (err) {
      // `token` (an old or used link) has no field of its own: its words go under the form.
      showServerError(view, ['new_password'], err);
      view.busy(false);
      return;
    }
    onDone();
  });
  queueMicrotask(() => pw.input.focus());

  return h('main', { class: 'auth' }, h('div', { class: 'auth-card' }, view.el));
}
