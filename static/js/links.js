// The links people are sent, and the only page paths besides `/`: `/join/<CODE>`
// (an invitation), `/reset/<TOKEN>` (a password reset) and `/confirm/<TOKEN>` (an
// address's confirmation). The code or token is read
// from one path segment and only ever sent in a JSON body; a link built here encodes it.

const LINK = /^\/(join|reset|confirm)\/([^/]{1,512})\/?$/;

/** What the page's path asks for: {kind: 'join', code} | {kind: 'reset' | 'confirm', token} | null. */
export function linkInPath(pathname = location.pathname) {
  const m = LINK.exec(pathname);
  if (!m) return null;
  let value;
  try {
    value = decodeURIComponent(m[2]);
  } catch {
    return null; // a malformed escape is no code at all
  }
  value = value.trim();
  if (!value) return null;
  return m[1] === 'join' ? { kind: 'join', code: value } : { kind: m[1], token: value };
}

/** The invitation link for `code`, on the origin this page came from. */
export const joinLink = (code) => `${location.origin}/join/${encodeURIComponent(String(code))}`;

/** The password-reset link for `token`, on the origin this page came from. */
export const resetLink = (token) => `${location.origin}/reset/${encodeURIComponent(String(token))}`;

/** Leaves a link path for `/` (keeping nothing of it), so a reload does not reuse it. */
export function leaveLinkPath() {
  if (location.pathname !== '/') history.replaceState(null, '', '/');
}
