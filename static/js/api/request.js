// How the client talks to the natter server, the one way every call goes: auth is the
// session cookie; every unsafe request carries the CSRF header; every failure becomes one
// ApiError with words to show. The calls themselves are in signin.js (the sign-in
// screen's) and ../api.js (the app's), which both build on this.

import { parseId } from '../ids.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The page's words for this module's own sentences, given by main.js once the catalog is
// read (i18n.js): this module does not import it, so the first screen's reads (early.js)
// go out before the catalog arrives. Until then, and for an id no catalog has, English.
let speak = (id, args, english) => english;
let language = '';

/** A sentence of the API's own (`id` in the catalogs, `english` until they are read). */
export function say(id, args, english) {
  return speak(id, args, english);
}

/** Words for the API's own sentences (`t` of i18n.js), and the language natter's own API is
 *  asked to word its errors in (`Accept-Language`). */
export function useWords(t, lang) {
  speak = (id, args, english) => {
    const text = t(id, args);
    return text === id ? english : text;
  };
  language = lang || '';
}
/** The headers that have the server word its errors in the page's language: natter's own
 *  client names itself (`X-Natter-Client`), so the five apps' routes answer it in that
 *  language too; their own clients compare the English, and never send it. */
export function wordsHeaders() {
  const headers = { 'X-Natter-Client': 'web' };
  if (language) headers['Accept-Language'] = language;
  return headers;
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

/** A cookie of this page by name (the CSRF token), or "". */
export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

/** One request; resolves to the parsed JSON body (null when empty), throws ApiError. */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json', ...wordsHeaders() };
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
export function seg(id) {
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

/** GET `path`, taking an answer `prefetch` started for it when there is a fresh one. */
export const get = (path) => {
  const held = early.get(path);
  if (!held) return request('GET', path);
  early.delete(path);
  return Date.now() - held.at < EARLY_MS ? held.answer : request('GET', path);
};
/** POST `body` (an empty object when none) to `path`. */
export const post = (path, body) => request('POST', path, body ?? {});

/** A list answer as {results, next}, whether the server sent a page envelope or a bare array. */
export function page(data) {
  if (Array.isArray(data)) return { results: data, next: null };
  return { results: (data && data.results) || [], next: (data && data.next) || null };
}

/** A `next` link (absolute) as a same-origin path, so host aliases do not matter. */
export function localPath(url) {
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

/** `?k=v&...` of the params that have a value, or "". */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
