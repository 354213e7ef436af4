// REST calls to the natter server. Auth is the session cookie; every unsafe request
// carries the CSRF header; every failure becomes one ApiError with words to show.
// Every path is a fixed string plus ids checked by `seg` (digits only): nothing from the
// hash or from an answer can point a request at another path.

import { parseId, parseSessionKey } from './ids.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The page's words for this module's own sentences, given by main.js once the catalog is
// read (i18n.js): this module does not import it, so the first screen's reads (early.js)
// go out before the catalog arrives. Until then, and for an id no catalog has, English.
let say = (id, args, english) => english;
let language = '';

/** Words for the API's own sentences (`t` of i18n.js), and the language natter's own API is
 *  asked to word its errors in (`Accept-Language`). */
export function useWords(t, lang) {
  say = (id, args, english) => {
    const text = t(id, args);
    return text === id ? english : text;
  };
  language = lang || '';
}
// Keys of an error body that are not field names.
const NOT_FIELDS = new Set(['detail', 'error', 'message', 'non_field_errors', 'status', 'code', 'details']);

/** A failed request: `status` (0 = network), a message in words, and per-field messages. */
export class ApiError extends Error {
  constructor(status, body) {
    const fields = fieldErrors(body);
    super(summary(status, body, fields));
    this.status = status;
    this.body = body;
    this.fields = fields;
  }
}

function words(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
  return '';
}

// Field errors come either in the rooms envelope ({details: {field: [..]}}) or bare ({field: [..]}).
function fieldErrors(body) {
  const out = {};
  if (!body || typeof body !== 'object') return out;
  const source = body.details && typeof body.details === 'object' ? body.details : body;
  for (const [key, value] of Object.entries(source)) {
    if (NOT_FIELDS.has(key)) continue;
    const text = words(value);
    if (text) out[key] = text;
  }
  return out;
}

function summary(status, body, fields) {
  const b = body && typeof body === 'object' ? body : {};
  // A limit's 429 carries DRF's developer wording; held two-factor codes have their own.
  if (status === 429 && !b.two_factor_held) return say('api-too-many-attempts', null, 'Too many attempts from your network. Try again in about a minute.');
  const said = words(b.detail) || words(b.non_field_errors) || words(b.message) ||
    (b.details ? words(b.details.non_field_errors) : '');
  if (said) return said;
  if (Object.keys(fields).length) return say('api-correct-fields', null, 'Please correct the fields marked below.');
  if (words(b.error)) return words(b.error);
  if (status === 0) return say('api-offline', null, 'Cannot reach the server. Check your connection.');
  if (status === 401) return say('api-sign-in', null, 'Please sign in.');
  if (status === 403) return say('api-forbidden', null, 'You are not allowed to do that.');
  if (status === 404) return say('api-not-found', null, 'Not found.');
  if (status === 413) return say('api-too-large', null, 'That is too large for the server.');
  if (status === 429) return say('api-too-many-requests', null, 'Too many requests. Wait a moment and try again.');
  if (status >= 500) return say('api-server-problem', null, 'The server had a problem. Please try again.');
  return say('api-request-failed', { status }, `Request failed (${status}).`);
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

/** One request; resolves to the parsed JSON body (null when empty), throws ApiError. */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (language) headers['Accept-Language'] = language;
  let payload;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method)) {
    const token = cookie('csrftoken');
    if (token) headers['X-CSRFToken'] = token;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null; // an HTML error page says nothing we can show
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** An id as a path segment; anything but an id is refused before a request is made. */
function seg(id) {
  const ok = parseId(id);
  if (ok === null) throw new ApiError(404, { detail: say('api-not-found', null, 'Not found.') });
  return ok;
}

// Answers asked for while the page loads (`prefetch`), each taken once by the first read
// of the same path within EARLY_MS (a later read asks again: the answer may be stale).
const early = new Map();
const EARLY_MS = 10_000;

/** Starts reading `path` now, for the first `get` of it to take: a returning person's
 *  first screen (who they are, their chats, the open chat's newest messages) is asked for
 *  all at once with the page instead of one request after another. */
export function prefetch(path) {
  if (early.has(path)) return;
  const answer = request('GET', path);
  answer.catch(() => {}); // a failure is the reader's to see, not an unhandled rejection
  early.set(path, { answer, at: Date.now() });
}

const get = (path) => {
  const held = early.get(path);
  if (!held) return request('GET', path);
  early.delete(path);
  return Date.now() - held.at < EARLY_MS ? held.answer : request('GET', path);
};
const post = (path, body) => request('POST', path, body ?? {});

/** A list answer as {results, next}, whether the server sent a page envelope or a bare array. */
function page(data) {
  if (Array.isArray(data)) return { results: data, next: null };
  return { results: (data && data.results) || [], next: (data && data.next) || null };
}

// `next` links are absolute; fetch them same-origin by path so host aliases do not matter.
function localPath(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
}

/** Follows `next` links from `path`, up to `maxPages`; `truncated` says pages were left. */
export async function getAll(path, maxPages = 20) {
  const results = [];
  let next = path;
  for (let i = 0; next && i < maxPages; i++) {
    const p = page(await get(next));
    results.push(...p.results);
    next = p.next ? localPath(p.next) : null;
  }
  return { results, truncated: Boolean(next) };
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

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
/** Your own display name (`PATCH /api/users/{id}/`); answers the user. */
export const updateUser = async (id, fields) => request('PATCH', `/api/users/${seg(id)}/`, fields);
/** The messenger profile: `{user, profile: {image, bio, friends}, ...}`; `image` is the avatar everywhere. */
export const getProfile = () => get('/profiles/api/profile/');
export const updateProfile = (fields) => request('PATCH', '/profiles/api/profile/', fields);
/** `otp`: the authenticator app's code (or a recovery code) for an account with
 *  two-factor sign-in; without it such an account answers 401 with `two_factor_required`. */
export const login = (username, password, otp = '') =>
  post('/accounts/login/', otp ? { username, password, otp } : { username, password });
export const logout = () => post('/accounts/logout/');
/** Finishes a provider sign-in that still owes the account's own code (the callback
 *  left a cookie for this path): `{user, csrftoken}` and a session. */
export const providerCode = (otp) => post('/api/auth/two-factor/', { otp });

// Chats surface (seed 001).
const CHATS = '/messages/api';
/** The first page of the caller's chats, as `listAllChats` reads it first. */
export const chatsPath = `${CHATS}/chats/`;
export const listAllChats = () => getAll(chatsPath);
export const getChat = async (id) => get(`${CHATS}/chats/${seg(id)}/`);
export const createChat = (body) => post(`${CHATS}/chats/`, body);
export const searchUsers = async (q) => page(await get(`${CHATS}/users/search/${query({ q })}`)).results;
export const messagesPath = (chatId, params) => `${CHATS}/chats/${seg(chatId)}/messages/${query(params)}`;
/** One page of messages, newest first; `params` may hold `before` or `after`. */
export const listMessages = async (chatId, params) => page(await get(messagesPath(chatId, params)));
/** The channel's timeline: as listMessages, without thread replies kept to their thread. */
export const listChannel = async (chatId, params) => listMessages(chatId, { ...params, channel: true });

// Threads (natter's own routes, docs/api.md "Threads").
/** Followed threads, newest activity first: `{next, unread, results}`. */
export const listThreads = async (params) => get(`/api/threads/${query({ page_size: 20, ...params })}`);
/** One thread: its summary and `replies` (oldest first), `older` when there are more. */
export const getThread = async (rootId, params) => get(`/api/threads/${seg(rootId)}/${query({ page_size: 100, ...params })}`);
export const nextThreads = async (next) => get(localPath(next));
export const followThread = async (rootId, on) => request(on ? 'POST' : 'DELETE', `/api/threads/${seg(rootId)}/follow/`);
export const readThread = async (rootId, messageId) =>
  post(`/api/threads/${seg(rootId)}/read/`, messageId == null ? {} : { message_id: Number(seg(messageId)) });
/** Full-text search across my chats (natter extension): `{results, next}`, newest first;
 *  each result is a message with `chat` = {id, title, chat_type} and `snippet_parts`
 *  ([{text, mark}], what the client renders; `snippet` is the same as HTML, unused here). */
export const searchMessages = async (q, params) => page(await get(`${CHATS}/search/${query({ q, ...params })}`));
/** `extra`: natter's `reply_to`, `thread_id`, `also_in_channel` (only those given are sent;
 *  the server writes a reply's quote line itself). */
export const sendMessage = async (chatId, content, attachmentIds, extra = {}) => {
  const body = attachmentIds && attachmentIds.length ? { content, attachment_ids: attachmentIds } : { content };
  for (const [key, value] of Object.entries(extra)) if (value != null && value !== false) body[key] = value;
  return post(`${CHATS}/chats/${seg(chatId)}/messages/`, body);
};
export const editMessage = async (id, content) => request('PATCH', `${CHATS}/messages/${seg(id)}/`, { content });
export const deleteMessage = async (id) => request('DELETE', `${CHATS}/messages/${seg(id)}/`);
export const toggleReaction = async (id, emoji) => post(`${CHATS}/messages/${seg(id)}/reactions/`, { emoji });
/** Marks the chat read up to `messageId` (the newest when not given); the marker never moves back. */
export const markRead = async (chatId, messageId) => post(`${CHATS}/chats/${seg(chatId)}/mark-as-read/`,
  messageId ? { message_id: Number(messageId) } : undefined);
export const sendTyping = async (chatId, isTyping) => post(`${CHATS}/chats/${seg(chatId)}/typing/`, { is_typing: isTyping });
/** Rename (admins of groups and rooms); answers the chat with `admins`. */
export const updateChat = async (id, fields) => request('PATCH', `${CHATS}/chats/${seg(id)}/`, fields);
export const addMembers = async (id, userIds) => post(`${CHATS}/chats/${seg(id)}/members/add/`, { user_ids: userIds });
/** Admins remove anyone; anyone removes themselves (leaving). */
export const removeMember = async (id, userId) => request('DELETE', `${CHATS}/chats/${seg(id)}/members/${seg(userId)}/remove/`);

// Rooms and files (seed 003).
export const listRooms = async (params) => page(await get(`/api/rooms/${query(params)}`));
export const nextRooms = async (next) => page(await get(localPath(next)));
export const createRoom = (name, description) => post('/api/rooms/', { name, description });
export const joinRoom = async (id) => post(`/api/rooms/${seg(id)}/join/`);
export function uploadFile(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('POST', '/api/files/upload/', form);
}
/** The same upload through XMLHttpRequest, whose upload reports progress (fetch has no
 *  such event): `onProgress(fraction)` while it goes; answers `{done, abort}`, `done`
 *  resolving to the file or rejecting with an ApiError (status 0 and `aborted` when cancelled). */
export function uploadFileWithProgress(file, onProgress) {
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.open('POST', '/api/files/upload/');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = cookie('csrftoken');
    if (token) xhr.setRequestHeader('X-CSRFToken', token);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable && e.total) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.addEventListener('abort', () => {
      const err = new ApiError(0, { detail: say('api-upload-cancelled', null, 'Upload cancelled.') });
      err.aborted = true;
      reject(err);
    });
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
/** A file's download path, built from its id, never from a server-sent URL, so a link can
 *  only be a download; null when `id` is not an id. */
export const fileUrl = (id) => {
  const ok = parseId(id);
  return ok === null ? null : `/api/files/${ok}/download/`;
};

// Your own account.
/** `{id, username, email, display_name, is_admin, date_joined, last_seen, missed_mail,
 *  missed_mail_delay, missed_mail_default_delay}`; `updateAccount` takes `display_name`,
 *  `email`, `missed_mail` and `missed_mail_delay` (seconds or null; each optional). */
export const account = () => get('/api/account/');
export const updateAccount = (fields) => request('PATCH', '/api/account/', fields);
/** Confirms the signed-in person's address with the token of the link mailed to it. */
export const confirmEmail = (token) => post('/api/account/confirm-email/', { token });
/** Mails the signed-in person's unconfirmed address a new confirmation link. */
export const sendEmailConfirmation = () => post('/api/account/confirm-email/send/');
/** Ends your other sessions: `{detail, ended}`. An account a sign-in provider made sets
 *  its first password without a current one (`current` empty). */
export const changePassword = (current, next) =>
  post('/api/account/password/', current ? { current_password: current, new_password: next } : { new_password: next });
/** `{enabled, recovery_codes_left, required}`: the account's two-factor sign-in. */
export const twoFactor = () => get('/api/account/two-factor/');
/** `{secret, otpauth_url, qr_svg}`, shown once; on only after `confirmTwoFactor`. */
export const startTwoFactor = (current) => post('/api/account/two-factor/', { current_password: current });
/** `{enabled, recovery_codes}`: the recovery codes, shown once. */
export const confirmTwoFactor = (code) => post('/api/account/two-factor/confirm/', { otp: code });
export const turnOffTwoFactor = (current, code) =>
  request('DELETE', '/api/account/two-factor/', { current_password: current, otp: code });
/** Public: `[{name, label, available, start_url}]`, the sign-in providers' buttons. */
export const signInProviders = () => get('/api/auth/providers/');
/** The providers as the page was served with them (a provider can become reachable later:
 *  a page loaded then says so), else as the server says now. */
export const pageSignInProviders = async () => {
  const listed = pageSettings()?.providers;
  return Array.isArray(listed) ? listed : signInProviders();
};
/** `{has_password, identities: [{provider, label, email, linked_at, last_used_at}]}`. */
export const listIdentities = () => get('/api/account/identities/');
export const unlinkIdentity = async (name) => request('DELETE', `/api/account/identities/${encodeURIComponent(name)}/`);
/** Where a provider's button goes: to sign in (with a join link's code), or, with this
 *  browser's CSRF token, to link the provider to the signed-in account. */
export function providerStart(provider, { invite = '', link = false } = {}) {
  const params = new URLSearchParams();
  if (invite) params.set('invite', invite);
  if (link) params.set('link', cookie('csrftoken'));
  const q = params.toString();
  return `${provider.start_url}${q ? `?${q}` : ''}`;
}
/** `[{id, kind, created_at, current}]`. */
export const listSessions = () => get('/api/account/sessions/');
export const endSession = async (key) => {
  const ok = parseSessionKey(key);
  if (ok === null) throw new ApiError(404, { detail: say('api-not-found', null, 'Not found.') });
  return request('DELETE', `/api/account/sessions/${ok}/`);
};
/** Public: a new password for the person a reset link was made for. */
export const resetPassword = (token, password) => post('/api/account/reset/', { token, new_password: password });

// Administrators.
const ADMIN = '/api/admin';
// The only things an administrator can do to a person, each its own fixed path.
const PERSON_ACTIONS = new Set(['deactivate', 'reactivate', 'promote', 'demote']);
/** One page of people: `{results, next}`; `next` is followed with `nextPage`. */
export const listPeople = async (search) => page(await get(`${ADMIN}/users/${query({ search })}`));
/** Every group and room (administrators only), newest first, titles matching `search`. */
export const listChatsAsAdmin = async (search) => page(await get(`${ADMIN}/chats/${query({ search })}`));
/** The page after one already shown (a server `next` link, fetched by path). */
export const nextPage = async (next) => page(await get(localPath(next)));
/** `action` is one of deactivate, reactivate, promote, demote; answers the person. */
export const personAction = async (id, action) => {
  if (!PERSON_ACTIONS.has(action)) throw new ApiError(404, { detail: say('api-not-found', null, 'Not found.') });
  return post(`${ADMIN}/users/${seg(id)}/${action}/`);
};
/** A one-use reset link for someone: `{link, token, expires_at}`. */
export const passwordResetFor = async (id) => post(`${ADMIN}/users/${seg(id)}/password-reset/`);
export const listInvitations = async () => page(await get(`${ADMIN}/invitations/`)).results;
/** `maxUses`: a count, or null for unlimited; `expiresIn`: "7d", "12h", "30m" or null (never);
 *  `emails`: addresses the join link is mailed to (sent only when there are some; the
 *  answer's `mailed` lists those queued). */
export const createInvitation = (maxUses, expiresIn, emails = []) =>
  post(`${ADMIN}/invitations/`, emails.length
    ? { max_uses: maxUses, expires_in: expiresIn, emails }
    : { max_uses: maxUses, expires_in: expiresIn });
export const revokeInvitation = async (id) => request('DELETE', `${ADMIN}/invitations/${seg(id)}/`);
/** Marks (`on`) or unmarks a room as one every newcomer starts in: `{id, is_default}`. */
export const setDefaultRoom = async (id, on) => request(on ? 'POST' : 'DELETE', `${ADMIN}/chats/${seg(id)}/default/`);
export const listAudit = async () => page(await get(`${ADMIN}/audit/`));
/** Moderation (administrators): any message, a group or room, a person out of a chat. */
export const moderateMessage = async (id) => request('DELETE', `${ADMIN}/messages/${seg(id)}/`);
export const moderateChat = async (id) => request('DELETE', `${ADMIN}/chats/${seg(id)}/`);
export const archiveChat = async (id, archived) =>
  request(archived ? 'POST' : 'DELETE', `${ADMIN}/chats/${seg(id)}/archive/`);
export const moderateMember = async (chatId, userId) =>
  request('DELETE', `${ADMIN}/chats/${seg(chatId)}/members/${seg(userId)}/`);

// The people directory: everyone active (bots left out), by the name people see.
/** One page of `{id, username, display_name, last_seen_at, is_admin}`: `{results, next}`. */
export const listDirectory = async (search) => page(await get(`/api/people/${query({ search })}`));
/** Every page of the directory, up to `maxPages` of 200. */
export const allDirectory = (maxPages = 5) => getAll('/api/people/?page_size=200', maxPages);

// Mentions, notification levels and Web Push.
/** One page of my mentions, newest first: `{unread, next, results: [{message_id, chat_id,
 *  sender, content, created_at, read}]}`; `next` is followed with `nextMentions`. */
export const listMentions = async () => get('/api/mentions/');
export const nextMentions = async (next) => get(localPath(next));
/** Marks mentions read: those of `chatId` when given, else all. */
export const markMentionsRead = async (chatId, upTo = null) =>
  post('/api/mentions/read/', { ...(chatId == null ? {} : { chat_id: Number(seg(chatId)) }),
    ...(upTo == null ? {} : { up_to: Number(upTo) }) });
/** `[{chat_id, level, default, chosen, unread_mentions?}]`, every chat of mine. */
export const listNotificationLevels = () => get('/api/notifications/');
/** `level`: 'all' | 'mentions' | 'off', or null for the chat's default. */
export const setNotificationLevel = async (chatId, level) =>
  request('PUT', `/api/notifications/${seg(chatId)}/`, { level });
/** `{public_key, subscriptions: [{id, endpoint, created_at}]}`. */
export const pushInfo = () => get('/api/push/');
/** `subscription`: a PushSubscription's toJSON(); answers `{id, endpoint, created_at}`. */
export const addPushSubscription = (subscription) => post('/api/push/subscriptions/', subscription);
export const removePushSubscription = async (id) => request('DELETE', `/api/push/subscriptions/${seg(id)}/`);

// Bots and their hooks, `/api/bots/`.
/** Every bot: `{count, results: [bot]}`; an administrator's also carry `owner`,
 *  `webhook_url`, `created_at` and `chats: [{id, name, kind, hook_url}]`. Anyone signed in. */
export const listBots = async () => page(await get('/api/bots/')).results;
/** Administrators: `{username, display_name?, webhook_url?}`; answers the bot with its
 *  `key` and `key_hook_url`, shown this once. */
export const createBot = (fields) => post('/api/bots/', fields);
/** Administrators: `display_name`, `webhook_url` ("" clears it). */
export const updateBot = async (id, fields) => request('PATCH', `/api/bots/${seg(id)}/`, fields);
export const deleteBot = async (id) => request('DELETE', `/api/bots/${seg(id)}/`);
/** A new key (every hook URL changes): `{key, key_hook_url}`, shown this once. */
export const rotateBotKey = async (id) => post(`/api/bots/${seg(id)}/key/`);
/** Adds the bot to a group or room of mine: answers `{id, name, kind, hook_url}`. */
export const addBotToChat = async (id, chatId) => post(`/api/bots/${seg(id)}/chats/`, { chat_id: Number(seg(chatId)) });
export const removeBotFromChat = async (id, chatId) => request('DELETE', `/api/bots/${seg(id)}/chats/${seg(chatId)}/`);

// Calls (docs/api.md "Calls"): the ICE servers to connect through, and the call records
// of a chat (or the calls in progress in all of mine).
export const iceServers = () => get('/api/calls/ice-servers/');
export const listCalls = async (chatId) => page(await get(`/api/calls/${chatId == null ? '' : query({ chat_id: seg(chatId) })}`));

/** The language the person chose for natter (`{language, available}`; null: the browser's). */
export const myLanguage = () => get(`${CHATS}/me/language/`);
/** Chooses it (a tag of `available`, or null to follow the browser again). */
export const setMyLanguage = (language) => request('PUT', `${CHATS}/me/language/`, { language });
