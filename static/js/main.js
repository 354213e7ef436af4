// Entry point: decides between the sign-in screen (or a join or reset link's page) and
// the app (app.js, loaded when someone is signed in, so the sign-in screen waits for none
// of its modules). A session that ends lands on sign-in with a sentence why.
import { preloadApp, appStyles } from './early.js';
import * as api from './api/signin.js';
import { useWords } from './api/request.js';
import { t, language } from './i18n.js';
import { h } from './dom.js';
import { authView } from './views/auth.js';
import { linkInPath, leaveLinkPath } from './links.js';
import { SIGNED_IN_KEY } from './signedin.js';
import { takeNotice } from './notice.js';
// The live regions and errors read out once (a11y/livereport.js), from the first screen on.
import './a11y/livereport.js';

const root = document.getElementById('app');
const OFFLINE_RETRY_MS = 5000;
// A Matrix app's sign-in waiting for the person's yes or no, kept for the tab: a sign-in
// through a provider leaves the page and comes back to `/`. Single sign-on keeps the
// app's address (where its token goes)...
const MATRIX_SSO_KEY = 'natter.matrixSso';
let matrixSsoHere = ''; // the same, for a browser that keeps no session storage
// ...an app signing in through Matrix's OAuth 2.0 API only the id of its waiting sign-in:
// what the page shows of it, where its code goes included, is asked of the server.
const MATRIX_OAUTH_KEY = 'natter.matrixOauth';
let matrixOauthHere = '';

// The API's own sentences (an error's words) in the page's language.
useWords(t, language);
// The offline shell and pushes (worker.js), once the first screen is up: the page works
// without it, and the sign-in form waits for none of its modules nor shares the link with
// them (worker.js, and the sign-out's leaving.js, drafts.js and pushsub.js, were four of
// the form's requests).
boot().finally(() => {
  import('./worker.js').then((w) => w.startWorker()).catch(() => { /* offline: the next load */ });
});

async function boot() {
  takeMatrixSso();
  const link = linkInPath();
  if (link && link.kind === 'reset') return showReset(link.token);
  root.replaceChildren(h('p', { class: 'boot' }, t('main-loading')));
  const providerError = await takeSignInError();
  const providerCode = takeProviderCode();
  const notice = providerError || takeNotice();
  const confirming = link && link.kind === 'confirm' ? link.token : '';
  try {
    const me = await api.me();
    leaveLinkPath();
    if (confirming) return startApp(me, await confirmAddress(confirming));
    startApp(me, providerError || (link ? t('main-you-are-already-signed-in') : ''));
  } catch (err) {
    if (err.status === 401 || err.status === 403) {
      try { localStorage.removeItem(SIGNED_IN_KEY); } catch { /* no storage */ }
      if (confirming) {
        return showAuth({ notice: t('main-sign-in-to-the-account'), confirming });
      }
      showAuth({ inviteCode: link && link.kind === 'join' ? link.code : '', notice, providerCode });
    }
    else if (err.status === 0) showOffline();
    else {
      root.replaceChildren(h('div', { class: 'boot' },
        h('p', null, t('main-natter-could-not-start-message', { message: err.message })),
        h('button', { type: 'button', class: 'primary', onclick: boot }, t('main-try-again'))));
    }
  }
}

// A sign-in through a provider that failed comes back as
// `/?sign_in_error=<code>&provider=<name>` (`#account` after a link): the query leaves the
// address bar at once, and the code's own sentence (signinerrors.js) is shown; a code
// natter does not send shows nothing.
async function takeSignInError() {
  const params = new URLSearchParams(location.search);
  const code = params.get('sign_in_error');
  if (code === null) return '';
  const name = params.get('provider');
  params.delete('sign_in_error');
  params.delete('provider');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  let providers = [];
  try { providers = await api.pageSignInProviders(); } catch { /* said without the label */ }
  // Only a page with an error needs its sentences: the form waits for none of them.
  const { signInErrorSentence } = await import('./signinerrors.js');
  return signInErrorSentence(code, name, providers);
}

// A provider sign-in to an account with two-factor sign-in comes back as
// `/?two_factor=provider`: the sign-in form asks only for the code, and the query leaves
// the address bar.
function takeProviderCode() {
  const params = new URLSearchParams(location.search);
  if (params.get('two_factor') !== 'provider') return false;
  params.delete('two_factor');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return true;
}

// A Matrix app (Element, say) that signs in through natter's sign-in page comes as
// `/?matrix_sso=<the app's address>` (Matrix's `m.login.sso`), or through OAuth 2.0 as
// `/?matrix_oauth=<its waiting sign-in>`: the query leaves the address bar at once, and
// the sign-in is kept for the tab until the person, signed in, says yes or no
// (`startApp`). A newer one takes the place of an older one. An address beside
// `matrix_oauth` (an older server's link, or one someone wrote to pass their app off as
// another) is dropped unread: an OAuth code goes where its sign-in registered.
function takeMatrixSso() {
  const params = new URLSearchParams(location.search);
  const given = params.get('matrix_sso');
  const grant = params.get('matrix_oauth') || '';
  if (given === null && !params.has('matrix_oauth')) return;
  params.delete('matrix_sso');
  params.delete('matrix_oauth');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  const address = grant ? '' : given || '';
  if (!address && !grant) return;
  matrixSsoHere = address;
  matrixOauthHere = grant;
  try {
    sessionStorage.setItem(MATRIX_SSO_KEY, address);
    sessionStorage.setItem(MATRIX_OAUTH_KEY, grant);
  } catch { /* no storage: this page's own */ }
}

/** The OAuth sign-in the waiting app started, or "" for single sign-on. */
function pendingMatrixOauth() {
  let kept = null;
  try { kept = sessionStorage.getItem(MATRIX_OAUTH_KEY); } catch { /* no storage */ }
  return kept === null ? matrixOauthHere : kept;
}

/** The address of the Matrix app waiting to sign in by single sign-on, or "". */
function pendingMatrixSso() {
  let kept = '';
  try { kept = sessionStorage.getItem(MATRIX_SSO_KEY) || ''; } catch { /* no storage */ }
  return kept || matrixSsoHere;
}

function forgetMatrixSso() {
  matrixSsoHere = '';
  matrixOauthHere = '';
  try {
    sessionStorage.removeItem(MATRIX_SSO_KEY);
    sessionStorage.removeItem(MATRIX_OAUTH_KEY);
  } catch { /* no storage */ }
}

// The server could not be reached (the page itself may have come from the offline
// cache, sw.js): say so, and start as soon as it answers again.
function showOffline() {
  const retry = () => { clearInterval(timer); window.removeEventListener('online', retry); boot(); };
  const timer = setInterval(retry, OFFLINE_RETRY_MS);
  window.addEventListener('online', retry);
  root.replaceChildren(h('div', { class: 'boot', 'data-testid': 'offline' },
    h('p', { role: 'status' }, t('main-you-are-offline-natter-cannot')),
    h('button', { type: 'button', class: 'primary', onclick: retry }, t('main-try-again'))));
}

// A confirmation link (`/confirm/<TOKEN>`) works for the account it was mailed for,
// signed in: the sentence to show once it was tried.
async function confirmAddress(token) {
  try {
    await api.confirmEmail(token);
    return t('main-your-email-address-is-confirmed');
  } catch (err) {
    const said = err.body && err.body.token;
    return Array.isArray(said) ? String(said[0]) : t('main-your-email-address-was-not', { message: err.message });
  }
}

function showAuth({ inviteCode = '', notice = '', providerCode = false, confirming = '' } = {}) {
  // Once the form is painted (the frame after it, then a task): the app's modules, for
  // after sign-in. Asked for any sooner, their bytes and their parsing delayed the form
  // by up to half a second on a slow link (bench/web/coldload.mjs).
  requestAnimationFrame(() => setTimeout(preloadApp, 0));
  root.replaceChildren(authView({
    inviteCode,
    notice,
    providerCode,
    onSignedIn: async (me, { signedUp = false } = {}) => {
      leaveLinkPath();
      startApp(me, confirming ? await confirmAddress(confirming) : '', { signedUp });
    },
  }));
}

// A reset link's page, the one screen that needs views/reset.js: fetched when shown.
async function showReset(token) {
  const { resetView } = await import('./views/reset.js');
  root.replaceChildren(resetView({
    token,
    onDone: () => {
      leaveLinkPath();
      showAuth({ notice: t('main-your-new-password-is-set') });
    },
    onCancel: () => {
      leaveLinkPath();
      boot();
    },
  }));
}

/** `note`: a sentence to show under the top bar from the start; `signedUp`: the
 *  account was just made in this page. A Matrix app waiting to sign in is asked about
 *  first (`showMatrixSso`), and the app starts only if the person says no. */
async function startApp(me, note = '', { signedUp = false } = {}) {
  const oauth = pendingMatrixOauth();
  const address = oauth ? '' : pendingMatrixSso();
  if (oauth || address) return showMatrixSso(me, address, oauth, () => openApp(me, note, { signedUp }));
  return openApp(me, note, { signedUp });
}

// Whether the Matrix app may sign in as `me` (by single sign-on, the app at `address`;
// through OAuth, the sign-in `oauth`, as the server describes it), the one screen that
// needs views/matrixsso.js: fetched when shown. Yes sends the browser to the app with its
// token or code; no (or natter opened after all) starts the app.
async function showMatrixSso(me, address, oauth, start) {
  let view;
  try {
    view = await import('./views/matrixsso.js');
  } catch {
    // As in `openApp`: a page of an older build; the address is kept for the new one.
    location.reload();
    return;
  }
  root.replaceChildren(view.matrixSsoView({
    me,
    address,
    oauth,
    onAllowed: (to) => {
      forgetMatrixSso();
      location.assign(to);
    },
    onApp: () => {
      forgetMatrixSso();
      start();
    },
  }));
}

async function openApp(me, note = '', { signedUp = false } = {}) {
  preloadApp();
  let app;
  try {
    [app] = await Promise.all([import('./app.js'), appStyles()]);
  } catch {
    // A page of an older build after an upgrade: its modules and styles are gone; start
    // afresh.
    location.reload();
    return;
  }
  app.startApp(me, note, { signedUp });
}
