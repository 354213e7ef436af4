// The image viewer: a modal dialog showing one image of the open chat large (its
// largest thumbnail, the original on "Full size"), with its name, a Download link and
// Close. ArrowLeft/ArrowRight step through the chat's
// loaded images, Escape closes, Tab stays inside, and focus returns to the preview.

import { h } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { t } from '../i18n.js';

/** Opens the viewer on `link` (an image preview's link); the other images are the
 *  previews inside `scope` (the open chat's history), in page order. */
export function openViewer(link, scope) {
  // Rows redraw (a receipt, a reaction) and replace their links: keep to the file id.
  const links = () => [...scope.querySelectorAll('a.image-link')];
  const live = (a) => (a.isConnected ? a : links().find((x) => x.dataset.fileId === a.dataset.fileId) || null);
  let current = link;

  const img = h('img', { class: 'viewer-img', 'data-testid': 'viewer-image', alt: '' });
  const name = h('h2', { class: 'viewer-name', id: 'viewer-name', dir: 'auto', 'data-testid': 'viewer-name' });
  const position = h('span', { class: 'viewer-pos', 'data-testid': 'viewer-position' });
  const note = h('p', { class: 'viewer-note', role: 'alert' });
  const download = h('a', { class: 'button-link secondary', 'data-testid': 'viewer-download' }, t('viewer-download'));
  // A thumbnail is shown first; the original loads only when asked for.
  const full = h('button', { type: 'button', class: 'secondary', 'data-testid': 'viewer-full',
    onclick: () => { img.src = current.getAttribute('href'); full.hidden = true; } }, t('viewer-full-size'));
  const prev = iconButton('prev', t('viewer-previous-image-left-arrow'), { 'data-testid': 'viewer-prev', onclick: () => step(-1) });
  const next = iconButton('next', t('viewer-next-image-right-arrow'), { 'data-testid': 'viewer-next', onclick: () => step(1) });
  const close = iconButton('close', t('viewer-close-escape'), { 'data-testid': 'viewer-close', onclick: () => dialog.close() });
  const dialog = h('dialog', { class: 'viewer', 'data-testid': 'image-viewer', 'aria-labelledby': 'viewer-name' },
    h('div', { class: 'viewer-head' }, name, position, full, download, close),
    h('div', { class: 'viewer-body' }, prev, h('figure', { class: 'viewer-figure' }, img, note), next));

  img.addEventListener('error', () => { note.textContent = t('viewer-this-image-could-not-be'); });
  img.addEventListener('load', () => { note.textContent = ''; });

  function show(a) {
    current = a;
    const preview = a.querySelector('img');
    const label = (preview && preview.alt) || t('viewer-image');
    const all = links();
    const i = all.indexOf(a);
    const large = a.dataset.large;
    img.src = large || a.getAttribute('href');
    full.hidden = !large;
    img.alt = label;
    name.textContent = label;
    position.textContent = all.length > 1 ? t('viewer-position-of-count', { position: i + 1, count: all.length }) : '';
    download.setAttribute('href', a.getAttribute('href'));
    download.setAttribute('download', a.getAttribute('download') || '');
    download.setAttribute('aria-label', t('viewer-download-label', { label }));
    download.replaceChildren(icon('down'), t('viewer-download-2'));
    prev.disabled = i <= 0;
    next.disabled = i < 0 || i >= all.length - 1;
    dialog.dataset.fileId = a.dataset.fileId || '';
  }

  function step(by) {
    const all = links();
    const i = all.indexOf(live(current));
    const to = all[i + by];
    if (i >= 0 && to) show(to);
  }

  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      step(e.key === 'ArrowLeft' ? -1 : 1);
    } else if (e.key === 'Tab') {
      // A modal dialog already makes the page inert; this keeps Tab from leaving for the browser's own bar.
      const stops = [...dialog.querySelectorAll('button:not(:disabled), a[href]')];
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }
  });
  // Escape closes a modal dialog by itself (a `cancel`, then `close`).
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); }); // the backdrop
  dialog.addEventListener('close', () => {
    dialog.remove();
    const back = live(current) || live(link);
    if (back) back.focus();
  });

  show(link);
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  return dialog;
}
