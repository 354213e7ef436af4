// A confirmation before something that cannot be undone (an administrator deleting a
// message or a room): a modal naming what happens, "Cancel" focused first, and the
// server's refusal shown in it when there is one.

import { h, modal } from '../dom.js';
import { t } from '../i18n.js';

/** Asks `question` (text under the title); `run()` (a promise) when confirmed with the
 *  `action` button; the dialog closes once it resolves. */
export function confirmAction({ title, question, action, run }) {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'confirm-error' });
  const yes = h('button', { type: 'button', class: 'danger-fill', 'data-testid': 'confirm-yes' }, action);
  const no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'confirm-no' }, t('confirm-cancel'));
  const dialog = modal(title, 'confirm-dialog', h('p', null, question), error, h('div', { class: 'row' }, yes, no));
  no.addEventListener('click', () => dialog.close());
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    error.textContent = '';
    try {
      await run();
      dialog.close();
    } catch (err) {
      error.textContent = err.message;
      yes.disabled = false;
    }
  });
  no.focus();
  return dialog;
}
