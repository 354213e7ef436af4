// Ids as the client accepts them: the server's ids are positive integers, so an id is
// only ever digits. Every path the client builds from an id goes through here, so text
// from the hash or from a server answer can never add a segment (`..`, `/`, `?`) to it.

const ID = /^[1-9][0-9]{0,17}$/;

/** `value` (a number or a string) as an id string, or null when it is not one. */
export function parseId(value) {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  return typeof value === 'string' && ID.test(value) ? value : null;
}

// A sign-in's key as the account page lists it (`GET /api/account/sessions/`): 16 hex
// digits, so it too can never add a segment to the path it is put into.
const SESSION_KEY = /^[0-9a-f]{16}$/i;

/** `value` as a session key, or null when it is not one. */
export function parseSessionKey(value) {
  return typeof value === 'string' && SESSION_KEY.test(value) ? value : null;
}
