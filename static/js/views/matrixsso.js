// A Matrix app's sign-in through natter's sign-in page: by single sign-on (Matrix's
// `m.login.sso`) the app (Element, say) sent the browser here with its address; through
// OAuth 2.0 with the id of the sign-in it started. main.js kept it while the person signed
// in, and this screen asks them, signed in, whether that app may sign in as them.
// "Continue" has the server make a one-use token (or allow the OAuth sign-in) and sends
// the browser to the app with it; "Cancel" opens natter instead (or tells the OAuth app
// no). The app never sees the password or the two-factor code.
//
// For OAuth the screen shows only what the server keeps of the sign-in: the place the
// code goes back to (the address the app registered, whatever the link to this page
// said), the name the app gives itself, marked as unchecked, the website it names, and
// how new its registration is, with a warning (RFC 9700, 4.1 and 4.11). Nothing on it
// says an app is "verified": a name and a website are the app's own words.

import * as api from '../api/signin.js';
import { h, isolated, said } from '../dom.js';
import { t } from '../i18n.js';
import { relativeTime } from '../time.js';

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

/** Where an OAuth sign-in's code goes, as the server described its registered address
 *  (`redirect_scheme`, `redirect_host`): the host of an https address
 *  (`app.example.com`), the scheme with it otherwise (`http://127.0.0.1:8080`), or an
 *  app's own scheme alone (`io.element:`). */
export function codePlace({ redirect_scheme: scheme, redirect_host: host }) {
  const s = String(scheme || '');
  if (!host) return `${s}:`;
  return s === 'https' ? String(host) : `${s}://${host}`;
}

/** The question for `me` (the signed-in person) about the app at `address` (single
 *  sign-on), or about the OAuth 2.0 sign-in `oauth`, whose code goes to the address it
 *  registered. `onAllowed(to)`: the server answered where the browser goes with the
 *  token or code, for the caller to forget the waiting sign-in and go there; `onApp()`:
 *  open natter instead ("Cancel", or "Open natter" when the app's own scheme left this
 *  page showing). */
export function matrixSsoView({ me, address, oauth = '', onAllowed, onApp }) {
  const heading = h('h1', { id: 'matrixsso-title', tabindex: '-1' }, t('matrixsso-sign-in-to-an-app'));
  const username = String(me.username || '');
  const name = me.display_name && me.display_name !== username ? String(me.display_name) : '';
  // What someone wrote (the address, the names) set apart from the sentence (`said`).
  let asks;
  if (oauth) {
    asks = h('p', { 'data-testid': 'matrixsso-asks' }, name
      ? said('matrixsso-an-app-asks', { name, username })
      : said('matrixsso-an-app-asks-username', { username }));
  } else {
    const origin = appPlace(address);
    asks = h('p', { 'data-testid': 'matrixsso-asks' }, name
      ? said('matrixsso-an-app-at-origin-asks', { origin, name, username })
      : said('matrixsso-an-app-at-origin-asks-username', { origin, username }));
  }
  // An OAuth sign-in: what the server keeps of it, filled in once it answers.
  const facts = h('dl', { 'data-testid': 'matrixsso-facts', hidden: true });
  const recent = h('p', { class: 'notice', 'data-testid': 'matrixsso-new', hidden: true });
  const warning = h('p', { class: 'notice', 'data-testid': 'matrixsso-warning', hidden: Boolean(oauth) },
    oauth ? '' : t('matrixsso-continue-only-if-you-started'));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'matrixsso-error' });
  const allow = h('button', { type: 'submit', class: 'primary', 'data-testid': 'matrixsso-continue', disabled: Boolean(oauth) },
    t('matrixsso-continue'));
  // An app signing in through OAuth is told that the person said no; then natter opens
  // here if the app's own scheme left this page showing.
  let waiting = Boolean(oauth);
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'matrixsso-cancel',
    onclick: () => (oauth && waiting ? refuse() : onApp()) }, t('matrixsso-cancel'));
  // Shown once the browser was sent to the app: an app of its own scheme (a desktop or a
  // phone app) opens beside this page, which then stays.
  const sent = h('p', { class: 'notice', role: 'status', 'data-testid': 'matrixsso-sent', hidden: true });
  const open = h('button', { type: 'button', class: 'secondary', 'data-testid': 'matrixsso-open-natter', hidden: true,
    onclick: () => onApp() }, t('matrixsso-open-natter'));
  const el = h('form', { class: 'auth-form', novalidate: true, 'data-testid': 'matrixsso-form' },
    heading, asks, facts, recent, warning, error, allow, sent, h('p', { class: 'switch' }, cancel, open));

  let loaded = !oauth;
  const busy = (on) => {
    allow.disabled = on || !loaded;
    cancel.disabled = on;
  };

  const refuse = async () => {
    busy(true);
    try {
      const answer = await api.matrixOauthAnswer(oauth, { refuse: true });
      if (answer && typeof answer.redirect_to === 'string') return onAllowed(answer.redirect_to);
    } catch {
      // The sign-in ended already: nothing to tell the app.
    }
    onApp();
  };

  /** One line of what the server keeps of the sign-in: its label, and the value as
   *  someone wrote it, set apart. */
  const fact = (label, value, testid) => [
    h('dt', { class: 'hint' }, label),
    h('dd', { 'data-testid': testid }, isolated(value)),
  ];

  // The OAuth sign-in as the server describes it; until it answers, "Continue" waits.
  if (oauth) {
    api.matrixOauthSignIn(oauth).then((info) => {
      const place = codePlace(info);
      facts.append(...fact(t('matrixsso-sends-you-back-to'), place, 'matrixsso-redirect'));
      if (info.client_name) {
        facts.append(...fact(t('matrixsso-the-name-the-app-gives'), info.client_name, 'matrixsso-client-name'));
      }
      if (info.client_uri_host) {
        facts.append(...fact(t('matrixsso-the-website-the-app-names'), info.client_uri_host, 'matrixsso-client-uri'));
      }
      const secs = Number(info.registered_secs_ago);
      if (info.registered_secs_ago !== null && Number.isFinite(secs)) {
        const when = relativeTime(new Date(Date.now() - secs * 1000).toISOString());
        facts.append(h('dt', { class: 'hint' }, t('matrixsso-registered-here')),
          h('dd', { 'data-testid': 'matrixsso-registered' }, when));
        if (info.recently_registered) {
          recent.replaceChildren(...said('matrixsso-registered-less-than-a-day', { when }));
          recent.hidden = false;
        }
      }
      facts.hidden = false;
      warning.replaceChildren(...said('matrixsso-continue-only-if-you-trust', { place }));
      warning.hidden = false;
      loaded = true;
      busy(false);
    }).catch((err) => {
      if (err && err.status === 404) {
        waiting = false; // nothing is left to tell the app
        error.textContent = t('matrixsso-this-sign-in-has-ended');
        allow.hidden = true;
        cancel.textContent = t('matrixsso-open-natter');
      } else {
        error.textContent = String((err && err.message) || err);
      }
    });
  }

  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (allow.disabled) return;
    error.textContent = '';
    busy(true);
    let to = '';
    try {
      const answer = oauth ? await api.matrixOauthAnswer(oauth) : await api.matrixLoginToken(address);
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
    recent.hidden = true;
    sent.textContent = t('matrixsso-you-are-sent-back-to');
    sent.hidden = false;
    open.hidden = false;
    open.focus();
    onAllowed(to);
  });
  queueMicrotask(() => heading.focus()); // once the caller has put it on the page

  return h('main', { class: 'auth', 'data-testid': 'matrixsso' }, h('div', { class: 'auth-card' }, el));
}
