// Link preview cards under a message: its site, title (a link to the page), description
// and picture, as the server made them after the message was sent. Every field is drawn
// as text; the link must be http(s); the picture is natter's own copy, drawn at the size
// the server measured, so the row does not jump when it loads and the reader's browser
// never contacts the site. The sender gets a button that takes a card off.

import { h } from '../dom.js';
import { iconButton } from '../icons.js';
import { request } from '../api.js';
import { t } from '../i18n.js';

/** The card's widest picture, in CSS pixels (the server's copy fits 480 px). */
const IMAGE_W = 360;
const IMAGE_H = 200;

const OWN_IMAGE = /^\/messages\/api\/link-previews\/[0-9a-f]{1,64}\/image\/$/;

/** `url` when it is an http(s) link, else null (nothing else becomes an href). */
function webLink(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The picture's width and height scaled to fit the card's box. */
function fitted(image) {
  const w = Number(image.width);
  const h2 = Number(image.height);
  if (!(w > 0 && h2 > 0)) return null;
  const scale = Math.min(1, IMAGE_W / w, IMAGE_H / h2);
  return [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h2 * scale))];
}

function card(p, onRemove) {
  const href = webLink(p.url);
  if (!href) return null;
  const title = String(p.title || '') || href;
  const size = p.image && OWN_IMAGE.test(String(p.image.url)) ? fitted(p.image) : null;
  const picture = size ? h('img', {
    class: 'preview-image', src: p.image.url, alt: '', loading: 'lazy', decoding: 'async',
    width: size[0], height: size[1], 'data-testid': 'link-preview-image',
  }) : null;
  // The card runs the way its page's words do (an English page's card in an Arabic chat
  // reads left to right), whatever the chat's or the message's direction.
  return h('div', { class: 'link-preview', dir: 'auto', 'data-testid': 'link-preview', 'data-preview-id': p.id },
    h('div', { class: 'preview-text' },
      p.site_name ? h('div', { class: 'preview-site', 'data-testid': 'link-preview-site' }, String(p.site_name)) : null,
      h('a', { class: 'preview-title', href, target: '_blank', rel: 'noopener noreferrer nofollow',
        'data-testid': 'link-preview-title' }, title),
      p.description ? h('p', { class: 'preview-description' }, String(p.description)) : null),
    picture ? h('a', { class: 'preview-picture', href, target: '_blank', rel: 'noopener noreferrer nofollow',
      tabindex: '-1', 'aria-hidden': 'true' }, picture) : null,
    onRemove ? iconButton('close', t('linkpreviews-remove-preview'), { class: 'preview-remove', 'data-testid': 'link-preview-remove',
      onclick: () => onRemove(p) }) : null);
}

/** The cards of message `msg` (none when it has no `previews`); `mine`: the viewer sent it. */
export function previewCards(msg, mine) {
  const previews = Array.isArray(msg.previews) ? msg.previews : [];
  const onRemove = mine
    ? (p) => request('DELETE', `/messages/api/messages/${encodeURIComponent(msg.id)}/previews/${encodeURIComponent(p.id)}/`)
      .catch(() => {}) // the message's edit frame redraws it; a failure leaves the card
    : null;
  return previews.map((p) => card(p, onRemove)).filter(Boolean);
}
