// A person's picture: the avatar_url the server gives (a generated initial, or the
// image they chose), falling back to their initials when it cannot be shown here.

import { h, userName, initials } from './dom.js';

// Only pictures this page may load (its own server, or inline); others would break the policy.
const loadable = (url) => typeof url === 'string' && (url.startsWith('data:image/') || (url.startsWith('/') && !url.startsWith('//')));

/** A round avatar for `user`; `size` is '' or 'small' or 'large'. */
export function avatar(user, size = '') {
  const letters = initials(userName(user));
  const el = h('span', { class: `avatar${size ? ` ${size}` : ''}`, 'aria-hidden': 'true' }, letters);
  const url = user && user.avatar_url;
  if (loadable(url)) {
    const img = h('img', { src: url, alt: '', loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', () => el.replaceChildren(letters), { once: true });
    el.replaceChildren(img);
  }
  return el;
}
