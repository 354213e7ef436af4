// A message's files: images previewed inline (lazy, in a bounded box shaped to the
// picture once it loads; a click opens the viewer), videos and sounds played inline,
// other files as a download link with their size. Links are built from the file id,
// never from a server-sent URL.

import { fileUrl } from '../api.js';
import { h, fileSize } from '../dom.js';
import { icon } from '../icons.js';
import { openViewer } from './viewer.js';

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

function preview(f) {
  const name = f.name || `image ${f.id}`;
  const img = h('img', { class: 'img-preview', src: fileUrl(f.id), alt: name, loading: 'lazy', decoding: 'async',
    width: BOX_W, height: BOX_H, 'data-testid': 'image-preview' });
  img.addEventListener('load', () => {
    const scale = Math.min(1, BOX_W / img.naturalWidth, BOX_H / img.naturalHeight);
    if (!Number.isFinite(scale) || scale <= 0) return;
    img.style.width = `${Math.max(1, Math.round(img.naturalWidth * scale))}px`;
    img.style.height = `${Math.max(1, Math.round(img.naturalHeight * scale))}px`;
  }, { once: true });
  img.addEventListener('error', () => img.classList.add('broken'), { once: true });
  const a = h('a', { href: fileUrl(f.id), download: f.name || '', class: 'image-link', 'data-testid': 'attachment-link',
    'data-file-id': f.id, title: `View ${name}`, 'aria-label': `View ${name}`, 'aria-haspopup': 'dialog' }, img);
  // The viewer steps through the images of the chat this preview is in.
  a.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // the browser's own "open elsewhere"
    e.preventDefault();
    openViewer(a, a.closest('[data-testid="messages"]') || document);
  });
  return h('li', { class: 'file image' }, a, h('span', { class: 'file-size' }, `${name} · ${fileSize(f.size)}`));
}

// A video or a sound plays where it is; the download link stays beside it.
function player(f, kind) {
  const name = f.name || `${kind} ${f.id}`;
  const media = h(kind, { class: `media-${kind}`, src: fileUrl(f.id), controls: true, preload: 'metadata',
    'aria-label': name, 'data-testid': `${kind}-player`, 'data-file-id': f.id });
  const note = h('span', { class: 'field-error', role: 'alert' });
  media.addEventListener('error', () => { note.textContent = `This ${kind} cannot be played here; download it instead.`; }, { once: true });
  return h('li', { class: `file media ${kind}` }, media, note, link(f, 'span'));
}

function link(f, tag = 'li') {
  const name = f.name || `file ${f.id}`;
  return h(tag, { class: 'file' },
    h('a', { href: fileUrl(f.id), download: f.name || '', 'data-testid': 'attachment-link', 'data-file-id': f.id },
      icon('file'), name),
    h('span', { class: 'file-size' }, ` ${fileSize(f.size)}`));
}

/** Items for the files list of a message (a file without a proper id is left out). */
export function fileItems(files) {
  return files.filter((f) => f && fileUrl(f.id) !== null).map((f) => {
    if (isImage(f)) return preview(f);
    const kind = mediaKind(f);
    return kind ? player(f, kind.toLowerCase()) : link(f);
  });
}
