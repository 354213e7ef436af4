// The calls the sign-in screen makes (who is signed in, sign-in, sign-up, a provider's
// buttons, a reset mail, a confirmation link, a Matrix app's sign-in) and the paths a
// returning person's first screen reads early (early.js). ../api.js re-exports them
// beside the app's calls.

import { ApiError, get, post, query, say, seg } from './request.js';

const CHATS = '/messages/api';

/** Your chats, the first screen's list (read early for a returning person). */
export const chatsPath = `${CHATS}/chats/`;
/** A chat's messages; `params` as the messages route takes them. */
export const messagesPath = (chatId, params) => `${CHATS}/chats/${seg(chatId)}/messages/${query(params)}`;

// Accounts and session.
export async function me() {
  const data = await get('/api/auth/me/');
  return data && data.user ? data.user : data; // accept {user: {...}} as well as the bare user
}
/** A new account; `inviteCode` (from a join link or the invitation field) only when given.
 *  natter's own sign-up starts the newcomer in the server's default rooms. */
export function register(username, email, password, displayName, inviteCode) {
  const body = { username, email, password, join_default_rooms: true };
  if (displayName) body.display_name = displayName;
  if (inviteCode) body.invite_code = inviteCode;
  return post('/api/auth/register/', body);
}
/** Ends the key a sign-up answered with: the web client goes on with a browser session,
 *  so the key would only sit unused under "Where you are signed in". Best effort: a key
 *  left behind is listed there and can be ended. */
export async function dropKey(key) {
  try {
    await fetch('/api/auth/logout/', { method: 'POST', credentials: 'omit',
      headers: { Accept: 'application/json', Authorization: `Token ${key}` } });
  } catch { /* offline: it stays listed */ }
}
/** Who may make an account, and whether the server sends mail:
 *  `{mode: 'open' | 'invite' | 'closed', mail: bool}` (public). */
/** What the server wrote into the page for its sign-in screen (`{registration,
 *  providers}`), or null (a page served without them). */
function pageSettings() {
  try {
    return JSON.parse(document.getElementById('sign-in-settings')?.textContent || 'null');
  } catch {
    return null;
  }
}

/** Who may register and whether mail goes out: flags of the server's start, so the
 *  page's copy is as good as the server's answer. */
export const registration = async () => pageSettings()?.registration ?? get('/api/registration/');
/** Public: asks for a mail with a reset link (`login`: a username or an email address).
 *  Answers `{detail}`, the same sentence whether or not such an account exists. */
export const forgotPassword = (login) => post('/api/account/forgot/', { login });

/** `otp`: the authenticator app's code (or a recovery code) for an account with
 *  two-factor sign-in; without it such an account answers 401 with `two_factor_required`. */
export const login = (username, password, otp = '') =>
  post('/accounts/login/', otp ? { username, password, otp } : { username, password });

/** Finishes a provider sign-in that still owes the account's own code (the callback
 *  left a cookie for this path): `{user, csrftoken}` and a session. */
export const providerCode = (otp) => post('/api/auth/two-factor/', { otp });

/** Confirms the signed-in person's address with the token of the link mailed to it. */
export const confirmEmail = (token) => post('/api/account/confirm-email/', { token });

/** A Matrix app's sign-in through this page (`m.login.sso`), allowed by the signed-in
 *  person: a one-use token for the app at `redirectUrl` (the address `/?matrix_sso=`
 *  brought). Answers `{redirect_to}`, that address with its `loginToken`; a refused
 *  address is a 400 `{redirect_url: [sentence]}`. Only a browser session may ask. */
export const matrixLoginToken = (redirectUrl) =>
  post('/api/auth/matrix/login-token/', { redirect_url: redirectUrl });

/** An app's waiting sign-in through Matrix's OAuth 2.0 API (`oauth`, the id
 *  `/?matrix_oauth=` brought), allowed by the signed-in person, or with `refuse` refused:
 *  `{redirect_to}` is the address the sign-in registered, with its code and state (or
 *  OAuth's `access_denied`). The server never reads an address from the page for it. */
export const matrixOauthAnswer = (oauth, { refuse = false } = {}) =>
  post('/api/auth/matrix/login-token/', { oauth, refuse });

/** What the page shows of the waiting OAuth sign-in `oauth`, as the server keeps it:
 *  `{redirect_scheme, redirect_host, client_name, client_uri_host, registered_at,
 *  registered_secs_ago, recently_registered}`; a 404 when it no longer waits. */
export const matrixOauthSignIn = async (oauth) => {
  // The server's ids for a waiting sign-in are `nmg_` and hex: nothing else can add a
  // segment to the path it is put into.
  if (typeof oauth !== 'string' || !/^nmg_[0-9a-f]{1,64}$/.test(oauth)) {
    throw new ApiError(404, { detail: say('api-not-found', null, 'Not found.') });
  }
  return get(`/api/auth/matrix/oauth/${oauth}/`);
};

/** Public: `[{name, label, available, start_url}]`, the sign-in providers' buttons. */
export const signInProviders = () => get('/api/auth/providers/');
/** The providers as the page was served with them (a provider can become reachable later:
 *  a page loaded then says so), else as the server says now. */
export const pageSignInProviders = async () => {
  const listed = pageSettings()?.providers;
  return Array.isArray(listed) ? listed : signInProviders();
};

/** Where a provider's sign-in button goes (with a join link's code). Linking a provider
 *  to the signed-in account starts from `linkIdentity` instead, after the password. */
export function providerStart(provider, { invite = '' } = {}) {
  const params = new URLSearchParams();
  if (invite) params.set('invite', invite);
  const q = params.toString();
  return `${provider.start_url}${q ? `?${q}` : ''}`;
}

/** Public: a new password for the person a reset link was made for. */
export const resetPassword = (token, password) => post('/api/account/reset/', { token, new_password: password });
