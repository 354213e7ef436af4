// Entry point: decides between the sign-in screen (or a join or reset link's page) and
// the app (app.js, loaded when someone is signed in, so the sign-in screen waits for none
// of its modules). A session that ends lands on sign-in with a sentence why.
import * as api from './api.js';
import { h } from './dom.js';
import { authView } from './views/auth.js';
import { resetView } from './views/reset.js';
import { linkInPath, leaveLinkPath } from './links.js';
import { startWorker } from './worker.js';
import { SIGNED_IN_KEY } from './leaving.js';
import { CHAT_HASH } from './hashes.js';
import { takeNotice } from './notice.js';
import { signInErrorSentence } from './signinerrors.js';
// The live regions and errors read out once (a11y/livereport.js), from the first screen on.
import './a11y/livereport.js';

const root = document.getElementById('app');
const OFFLINE_RETRY_MS = 5000;
let appPreloaded = false; // the app's modules were asked for (preloadApp)

startWorker(); // the offline shell and pushes (worker.js); the page works without it
askEarly();
boot();

// Someone signed in here before: their first screen's reads go out with the page, side
// by side (who they are, their chats, the open chat's newest messages), instead of each
// after the one before. Signed out, only who they are (which says so).
function askEarly() {
  api.prefetch('/api/auth/me/');
  let signedIn = false;
  try { signedIn = localStorage.getItem(SIGNED_IN_KEY) === '1'; } catch { /* no storage */ }
  if (!signedIn || linkInPath()) return;
  preloadApp();
  api.prefetch(api.chatsPath);
  const opening = CHAT_HASH.exec(location.hash);
  if (opening) api.prefetch(api.messagesPath(opening[1], { channel: true }));
}

async function boot() {
  const link = linkInPath();
  if (link && link.kind === 'reset') return showReset(link.token);
  root.replaceChildren(h('p', { class: 'boot' }, 'Loading…'));
  const providerError = await takeSignInError();
  const providerCode = takeProviderCode();
  const notice = providerError || takeNotice();
  const confirming = link && link.kind === 'confirm' ? link.token : '';
  try {
    const me = await api.me();
    leaveLinkPath();
    if (confirming) return startApp(me, await confirmAddress(confirming));
    startApp(me, providerError || (link ? 'You are already signed in, so the invitation was not used.' : ''));
  } catch (err) {
    if (err.status === 401 || err.status === 403) {
      try { localStorage.removeItem(SIGNED_IN_KEY); } catch { /* no storage */ }
      if (confirming) {
        return showAuth({ notice: 'Sign in to the account to confirm its email address.', confirming });
      }
      showAuth({ inviteCode: link && link.kind === 'join' ? link.code : '', notice, providerCode });
    }
    else if (err.status === 0) showOffline();
    else {
      root.replaceChildren(h('div', { class: 'boot' },
        h('p', null, `natter could not start: ${err.message}`),
        h('button', { type: 'button', class: 'primary', onclick: boot }, 'Try again')));
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

// The server could not be reached (the page itself may have come from the offline
// cache, sw.js): say so, and start as soon as it answers again.
function showOffline() {
  const retry = () => { clearInterval(timer); window.removeEventListener('online', retry); boot(); };
  const timer = setInterval(retry, OFFLINE_RETRY_MS);
  window.addEventListener('online', retry);
  root.replaceChildren(h('div', { class: 'boot', 'data-testid': 'offline' },
    h('p', { role: 'status' }, 'You are offline: natter cannot reach its server. It will start by itself once it can.'),
    h('button', { type: 'button', class: 'primary', onclick: retry }, 'Try again')));
}

// A confirmation link (`/confirm/<TOKEN>`) works for the account it was mailed for,
// signed in: the sentence to show once it was tried.
async function confirmAddress(token) {
  try {
    await api.confirmEmail(token);
    return 'Your email address is confirmed.';
  } catch (err) {
    const said = err.body && err.body.token;
    return Array.isArray(said) ? String(said[0]) : `Your email address was not confirmed: ${err.message}`;
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

function showReset(token) {
  root.replaceChildren(resetView({
    token,
    onDone: () => {
      leaveLinkPath();
      showAuth({ notice: 'Your new password is set. Sign in with it.' });
    },
    onCancel: () => {
      leaveLinkPath();
      boot();
    },
  }));
}

// The modules the app needs besides these (listed in the page when natter was built):
// asked for now, side by side, so the app starts without waiting for one after another.
function preloadApp() {
  if (appPreloaded) return;
  appPreloaded = true;
  let later = [];
  try { later = JSON.parse(document.getElementById('app-modules')?.textContent || '[]'); } catch { /* none listed */ }
  for (const href of later) {
    if (typeof href !== 'string' || !href.startsWith('/static/js/')) continue;
    // `data-later`: the page's reload guard leaves these be (a failed one means an
    // upgrade, which startApp answers with a reload once someone has signed in).
    document.head.append(h('link', { rel: 'modulepreload', href, 'data-later': true }));
  }
}

/** `note`: a sentence to show under the top bar from the start; `signedUp`: the
 *  account was just made in this page. */
async function startApp(me, note = '', { signedUp = false } = {}) {
  preloadApp();
  let app;
  try {
    app = await import('./app.js');
  } catch {
    // A page of an older build after an upgrade: its modules are gone; start afresh.
    location.reload();
    return;
  }
  app.startApp(me, note, { signedUp });
}
