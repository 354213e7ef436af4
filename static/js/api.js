// REST calls to the natter server, every one the app makes. How a call is made (the
// session cookie, the CSRF header, one ApiError with words to show) is api/request.js;
// the sign-in screen's calls are api/signin.js, re-exported here, so the sign-in form
// loads neither this module nor its words.
// Every path is a fixed string plus ids checked by `seg` (digits only): nothing from the
// hash or from an answer can point a request at another path.

import { parseId, parseSessionKey } from './ids.js';
import {
  ApiError, cookie, get, getAll, localPath, page, post, query, request, say, seg, wordsHeaders,
} from './api/request.js';
import { chatsPath, messagesPath } from './api/signin.js';

export { ApiError, getAll, prefetch, request, useWords } from './api/request.js';
export * from './api/signin.js';

// Accounts and session.
/** Your own display name (`PATCH /api/users/{id}/`); answers the user. */
export const updateUser = async (id, fields) => request('PATCH', `/api/users/${seg(id)}/`, fields);
/** The messenger profile: `{user, profile: {image, bio, friends}, ...}`; `image` is the avatar everywhere. */
export const getProfile = () => get('/profiles/api/profile/');
export const updateProfile = (fields) => request('PATCH', '/profiles/api/profile/', fields);
export const logout = () => post('/accounts/logout/');

// Chats surface (seed 001).
const CHATS = '/messages/api';
/** The first page of the caller's chats, as `listAllChats` reads it first. */
export const listAllChats = () => getAll(chatsPath);
export const getChat = async (id) => get(`${CHATS}/chats/${seg(id)}/`);
export const createChat = (body) => post(`${CHATS}/chats/`, body);
export const searchUsers = async (q) => page(await get(`${CHATS}/users/search/${query({ q })}`)).results;
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
    for (const [name, value] of Object.entries(wordsHeaders())) xhr.setRequestHeader(name, value);
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
/** `{has_password, two_factor, identities: [{provider, label, email, linked_at, last_used_at}]}`. */
export const listIdentities = () => get('/api/account/identities/');
/** Starts linking provider `name` to this account after the password or a two-factor
 *  code (either may be empty): `{url}`, where the browser goes next. */
export const linkIdentity = (name, { password = '', code = '' } = {}) => {
  const body = {};
  if (password) body.current_password = password;
  if (code) body.otp = code;
  return post(`/api/account/identities/${encodeURIComponent(name)}/`, body);
};
export const unlinkIdentity = async (name) => request('DELETE', `/api/account/identities/${encodeURIComponent(name)}/`);
/** `[{id, kind, created_at, current}]`. */
export const listSessions = () => get('/api/account/sessions/');
export const endSession = async (key) => {
  const ok = parseSessionKey(key);
  if (ok === null) throw new ApiError(404, { detail: say('api-not-found', null, 'Not found.') });
  return request('DELETE', `/api/account/sessions/${ok}/`);
};

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
export const sfuGrant = (chatId) => post('/api/calls/sfu/', { chat_id: Number(chatId) });
export const listCalls = async (chatId) => page(await get(`/api/calls/${chatId == null ? '' : query({ chat_id: seg(chatId) })}`));

/** The language the person chose for natter (`{language, available}`; null: the browser's). */
export const myLanguage = () => get(`${CHATS}/me/language/`);
/** Chooses it (a tag of `available`, or null to follow the browser again). */
export const setMyLanguage = (language) => request('PUT', `${CHATS}/me/language/`, { language });
