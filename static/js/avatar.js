// A person's picture: the avatar_url the server gives when it is one of natter's own
// pictures, falling back to their initials otherwise or when it cannot be shown.

import { h, userName, initials } from './dom.js';

// Where natter keeps pictures: uploads (`/api/files/{id}/download/`) and its media files.
const PICTURE_PATHS = ['/media/', '/api/files/'];
// The picture the messenger surface names for someone who set none: no photo of theirs.
const DEFAULT_IMAGE = '/media/user_images/default.jpg';

/** `url` as a same-origin path under /media/ or /api/files/, or null. Read as the browser
 *  would read it (so `/\evil.example/x`, `//evil.example/x`, `https://…` and `..` tricks
 *  are judged by where they really lead), and refused outright when it has a backslash,
 *  a control character or space, or an encoded slash, backslash or dot. */
export function ownPicture(url) {
  if (typeof url !== 'string' || url.length > 2048) return null;
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  if (/[\\\s\u0000-\u001f\u007f]|%2f|%5c|%2e/i.test(url)) return null;
  let parsed;
  try {
    parsed = new URL(url, location.origin);
  } catch {
    return null;
  }
  if (parsed.origin !== location.origin || parsed.username || parsed.password) return null;
  const path = parsed.pathname;
  if (path.includes('//') || !PICTURE_PATHS.some((p) => path.startsWith(p))) return null;
  return path + parsed.search;
}

/** A round avatar for `user`; `size` is '' or 'small' or 'large'. */
export function avatar(user, size = '') {
  const letters = initials(userName(user));
  const el = h('span', { class: `avatar${size ? ` ${size}` : ''}`, 'aria-hidden': 'true' }, letters);
  const src = ownPicture(user && user.avatar_url);
  if (src && src !== DEFAULT_IMAGE) {
    const img = h('img', { src, alt: '', loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', () => el.replaceChildren(letters), { once: true });
    el.replaceChildren(img);
  }
  return el;
}
