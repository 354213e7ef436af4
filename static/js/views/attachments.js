// A message's files: images previewed inline (lazy, in a bounded box; a click opens the
// viewer), videos and sounds played inline, other files as a card with their name, type
// and size. An image the server made thumbnails of is drawn from them, in a box shaped
// from its known size before anything loads (no jump), the browser choosing the copy
// for the screen's density; the original loads only in the viewer, when asked for. Links
// are built from the file id and the listed sides, never from a server-sent URL.

import { fileUrl } from '../api.js';
import { h, fileSize, isolated } from '../dom.js';
import { icon } from '../icons.js';
import { openViewer } from './viewer.js';
import { t as tx } from '../i18n.js';

const BOX_W = 280;
const BOX_H = 210;

const isImage = (f) => /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)$/i.test(f.content_type || '');
const mediaKind = (f) => (/^(video|audio)\//i.exec(f.content_type || '') || [])[1];

/** The caption the composer gives a file sent without text ("📎 name" per file). */
export function isFileCaption(content, files) {
  if (!files.length) return false;
  const lines = String(content || '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length === files.length && lines.every((l, i) => l === `📎 ${files[i].name || ''}`);
}

const thumbUrl = (id, side) => `/api/files/${Number(id)}/thumbnail/${Number(side)}/`;

/** The thumbnails a file lists that are well formed, smallest first. */
function thumbsOf(f) {
  const ok = (n) => Number.isSafeInteger(n) && n > 0;
  return (Array.isArray(f.thumbnails) ? f.thumbnails : [])
    .filter((t) => t && ok(t.side) && ok(t.width) && ok(t.height))
    .sort((a, b) => a.side - b.side);
}

/** The box a picture of `width` x `height` takes: within BOX_W x BOX_H, its own shape. */
function box(width, height) {
  const scale = Math.min(1, BOX_W / width, BOX_H / height);
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

function preview(f) {
  const thumbs = thumbsOf(f);
  if (thumbs.length && f.width > 0 && f.height > 0) return thumbnailPreview(f, thumbs);
  const name = f.name || tx('attachments-image-id', { id: f.id });
  const img = h('img', { class: 'img-preview', src: fileUrl(f.id), alt: name, loading: 'lazy', decoding: 'async',
    width: BOX_W, height: BOX_H, 'data-testid': 'image-preview' });
  img.addEventListener('load', () => {
    const scale = Math.min(1, BOX_W / img.naturalWidth, BOX_H / img.naturalHeight);
    if (!Number.isFinite(scale) || scale <= 0) return;
    img.style.width = `${Math.max(1, Math.round(img.naturalWidth * scale))}px`;
    img.style.height = `${Math.max(1, Math.round(img.naturalHeight * scale))}px`;
  }, { once: true });
  return framed(f, name, img);
}

// Drawn from its thumbnails at the size the box will have: the page does not move when
// it loads, and a 6 MB photo costs a phone tens of KB.
function thumbnailPreview(f, thumbs) {
  const name = f.name || tx('attachments-image-id', { id: f.id });
  const [w, hgt] = box(f.width, f.height);
  const img = h('img', { class: 'img-preview sized', src: thumbUrl(f.id, thumbs[0].side), alt: name,
    srcset: thumbs.map((t) => `${thumbUrl(f.id, t.side)} ${t.width}w`).join(', '), sizes: `${w}px`,
    loading: 'lazy', decoding: 'async', width: w, height: hgt, 'data-testid': 'image-preview' });
  img.style.width = `${w}px`;
  img.style.height = `${hgt}px`;
  img.addEventListener('error', () => img.classList.add('broken'), { once: true });
  return framed(f, name, img, thumbUrl(f.id, thumbs[thumbs.length - 1].side));
}

// The preview as a link to the original that opens the viewer; `large` is what the
// viewer shows first (the largest thumbnail), the original loading when asked for.
function framed(f, name, img, large) {
  const a = h('a', { href: fileUrl(f.id), download: f.name || '', class: 'image-link', 'data-testid': 'attachment-link',
    'data-file-id': f.id, title: tx('attachments-view-name', { name }), 'aria-label': tx('attachments-view-name', { name }), 'aria-haspopup': 'dialog' }, img);
  if (large) a.dataset.large = large;
  // The viewer steps through the images of the chat this preview is in.
  a.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // the browser's own "open elsewhere"
    e.preventDefault();
    openViewer(a, a.closest('[data-testid="messages"]') || document);
  });
  return h('li', { class: 'file image' }, a, h('span', { class: 'file-size' }, isolated(name), ` · ${fileSize(f.size)}`));
}

// A video or a sound plays where it is; the download link stays beside it.
function player(f, kind) {
  const name = f.name || tx('attachments-media-id', { kind, id: f.id });
  const media = h(kind, { class: `media-${kind}`, src: fileUrl(f.id), controls: true, preload: 'metadata',
    'aria-label': name, 'data-testid': `${kind}-player`, 'data-file-id': f.id });
  const note = h('span', { class: 'field-error', role: 'alert' });
  media.addEventListener('error', () => { note.textContent = tx('attachments-this-kind-cannot-be-played', { kind }); }, { once: true });
  return h('li', { class: `file media ${kind}` }, media, note, link(f, 'span'));
}

function link(f, tag = 'li') {
  const name = f.name || tx('attachments-file-id', { id: f.id });
  return h(tag, { class: 'file' },
    h('a', { href: fileUrl(f.id), download: f.name || '', 'data-testid': 'attachment-link', 'data-file-id': f.id },
      icon('file'), isolated(name)),
    h('span', { class: 'file-size' }, ` ${fileSize(f.size)}`));
}

// A PDF, or any file the browser cannot show inline, as a card: its kind, name and size.
// (No first page or poster frame: that needs a renderer natter does not ship.)
function card(f) {
  const name = f.name || tx('attachments-file-id', { id: f.id });
  const type = String(f.content_type || '').split('/')[1];
  const kind = /pdf$/i.test(f.content_type || '') ? 'PDF' : type ? type.toUpperCase().slice(0, 12) : tx('attachments-file-kind');
  return h('li', { class: 'file file-card', 'data-testid': 'file-card' },
    h('a', { href: fileUrl(f.id), download: f.name || '', 'data-testid': 'attachment-link', 'data-file-id': f.id },
      h('span', { class: 'file-kind', 'aria-hidden': 'true', translate: 'no' }, kind),
      h('span', { class: 'file-card-name', dir: 'auto' }, name),
      h('span', { class: 'file-size' }, fileSize(f.size))));
}

/** Items for the files list of a message (a file without a proper id is left out). */
export function fileItems(files) {
  return files.filter((f) => f && fileUrl(f.id) !== null).map((f) => {
    if (isImage(f)) return preview(f);
    const kind = mediaKind(f);
    if (kind) return player(f, kind.toLowerCase());
    return /^application\/pdf$/i.test(f.content_type || '') ? card(f) : link(f);
  });
}
