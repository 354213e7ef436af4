// A Matrix app's sign-in through natter's sign-in page (Matrix's `m.login.sso`): the app
// (Element, say) sent the browser here with its address, main.js kept it while the person
// signed in, and this screen asks them, signed in, whether that app may sign in as them.
// "Continue" has the server make a one-use token and sends the browser to the app's
// address with it; "Cancel" opens natter instead. The app never sees the password or the
// two-factor code.

import * as api from '../api/signin.js';
import { h, said } from '../dom.js';
import { t } from '../i18n.js';

/** Where the app at `address` is, as a person can check it: its origin
 *  (`https://app.element.io`), or for an address of the app's own scheme, which has no
 *  origin (`element://vector/webapp/`, `io.element.app:/callback`), the address up to its
 *  query. */
export function appPlace(address) {
  try {
    const url = new URL(address);
    return url.origin !== 'null' ? url.origin : url.href.split('?')[0];
  } catch {
    return String(address).split('?')[0];
  }
}

/** The question for `me` (the signed-in person) about the app at `address` (`oauth`:
 *  the OAuth 2.0 sign-in it started, whose code it then gets instead of a token).
 *  `onAllowed(to)`: the server answered the app's address with its token, for the
 *  caller to forget the waiting sign-in and go there; `onApp()`: open natter instead
 *  ("Cancel", or "Open natter" when the app's own scheme left this page showing). */
export function matrixSsoView({ me, address, oauth = '', onAllowed, onApp }) {
  const heading = h('h1', { id: 'matrixsso-title', tabindex: '-1' }, t('matrixsso-sign-in-to-an-app'));
  const origin = appPlace(address);
  const username = String(me.username || '');
  const name = me.display_name && me.display_name !== username ? String(me.display_name) : '';
  // What someone wrote (the address, the names) set apart from the sentence (`said`).
  const asks = h('p', { 'data-testid': 'matrixsso-asks' }, name
    ? said('matrixsso-an-app-at-origin-asks', { origin, name, username })
    : said('matrixsso-an-app-at-origin-asks-username', { origin, username }));
  const warning = h('p', { class: 'notice', 'data-testid': 'matrixsso-warning' }, t('matrixsso-continue-only-if-you-started'));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'matrixsso-error' });
  const allow = h('button', { type: 'submit', class: 'primary', 'data-testid': 'matrixsso-continue' }, t('matrixsso-continue'));
  // An app signing in through OAuth is told that the person said no; then natter opens
  // here if the app's own scheme left this page showing.
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'matrixsso-cancel',
    onclick: () => (oauth ? refuse() : onApp()) }, t('matrixsso-cancel'));
  // Shown once the browser was sent to the app: an app of its own scheme (a desktop or a
  // phone app) opens beside this page, which then stays.
  const sent = h('p', { class: 'notice', role: 'status', 'data-testid': 'matrixsso-sent', hidden: true });
  const open = h('button', { type: 'button', class: 'secondary', 'data-testid': 'matrixsso-open-natter', hidden: true,
    onclick: () => onApp() }, t('matrixsso-open-natter'));
  const el = h('form', { class: 'auth-form', novalidate: true, 'data-testid': 'matrixsso-form' },
    heading, asks, warning, error, allow, sent, h('p', { class: 'switch' }, cancel, open));

  const busy = (on) => {
    allow.disabled = on;
    cancel.disabled = on;
  };

  const refuse = async () => {
    busy(true);
    try {
      const answer = await api.matrixLoginToken(address, oauth, { refuse: true });
      if (answer && typeof answer.redirect_to === 'string') return onAllowed(answer.redirect_to);
    } catch {
      // The sign-in ended already: nothing to tell the app.
    }
    onApp();
  };

  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (allow.disabled) return;
    error.textContent = '';
    busy(true);
    let to = '';
    try {
      const answer = await api.matrixLoginToken(address, oauth);
      to = answer && typeof answer.redirect_to === 'string' ? answer.redirect_to : '';
      if (!to) error.textContent = t('matrixsso-the-server-did-not-say');
    } catch (err) {
      // A refused address is the server's sentence by its field (`redirect_url`); any
      // other failure, the error's own words.
      const fields = Object.values((err && err.fields) || {}).filter(Boolean);
      error.textContent = fields.length ? fields.join(' ') : String((err && err.message) || err);
    }
    if (!to) {
      busy(false);
      allow.focus();
      return;
    }
    allow.hidden = true;
    cancel.hidden = true;
    warning.hidden = true;
    sent.textContent = t('matrixsso-you-are-sent-back-to');
    sent.hidden = false;
    open.hidden = false;
    open.focus();
    onAllowed(to);
  });
  queueMicrotask(() => heading.focus()); // once the caller has put it on the page

  return h('main', { class: 'auth', 'data-testid': 'matrixsso' }, h('div', { class: 'auth-card' }, el));
}
