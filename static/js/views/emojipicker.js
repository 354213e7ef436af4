// The emoji picker (message box and "More…" reactions): a search box by name, the
// server's custom emoji first (picked as `:name:`), and the built-in emoji
// (emojidata.js) by category, as a grid of buttons in a popover beside the
// button that opened it. Keyboard: type to filter, Down or Enter from the search box goes
// to the emoji, arrows move by position, Enter picks, Escape closes; focus goes back to
// the button. One picker is open at a time.

import { h } from '../dom.js';
import { EMOJI } from '../emojidata.js';
import { customEmojiList, customEmojiImg } from '../customemoji.js';
import { t } from '../i18n.js';

const GAP_PX = 6;
let current = null;

/** Closes the open picker, if any. */
export function closeEmojiPicker() {
  if (current) current.close(false);
}

/** Opens the picker by `anchor`; `onPick(emoji)` after it closes. `label` names it. */
export function openEmojiPicker({ anchor, label, onPick }) {
  closeEmojiPicker();
  const search = h('input', { type: 'search', class: 'emoji-search', placeholder: t('emojipicker-search-emoji'),
    'aria-label': t('emojipicker-search-emoji-by-name'), 'data-testid': 'emoji-search', autocomplete: 'off' });
  const status = h('p', { class: 'emoji-status', role: 'status' });
  const cells = [];
  const custom = customEmojiList();
  const groups = custom.length
    ? [{ category: t('emojipicker-custom'), custom: true, emoji: custom.map((e) => ({ emoji: `:${e.name}:`, name: e.name, e })) }, ...EMOJI]
    : EMOJI;
  const sections = groups.map((group, n) => {
    const heading = h('h3', { class: 'emoji-category', id: `emoji-cat-${n}` },
      group.custom ? group.category : t('emojipicker-category', { category: group.category }));
    const grid = h('div', { class: 'emoji-grid', role: 'group', 'aria-labelledby': heading.id },
      ...group.emoji.map(({ emoji, name, e }) => {
        // An emoji's name is Unicode's, in English in every language, as Slack's and Zulip's
        // names are: `translate="no"` says it stands as it is.
        const cell = h('button', { type: 'button', class: 'emoji-cell', tabindex: -1, 'data-testid': 'emoji-cell',
          translate: 'no', 'data-emoji': emoji, 'data-name': name, 'aria-label': e ? emoji : name, title: e ? emoji : name },
        e ? customEmojiImg(e, 'cell') : emoji);
        cells.push(cell);
        return cell;
      }));
    return h('section', { class: 'emoji-section' }, heading, grid);
  });
  const scroll = h('div', { class: 'emoji-scroll' }, ...sections);
  const el = h('div', { class: 'emoji-popover', role: 'dialog', 'aria-label': label, 'data-testid': 'emoji-picker' },
    search, status, scroll, h('p', { class: 'visually-hidden' }, t('emojipicker-arrow-keys-move-enter-picks')));

  const visible = () => cells.filter((c) => !c.hidden);
  const focusCell = (cell) => {
    if (!cell) return;
    for (const c of cells) c.tabIndex = -1;
    cell.tabIndex = 0;
    cell.focus();
    cell.scrollIntoView({ block: 'nearest' });
  };
  // The nearest cell in the row above or below (rows are told apart by their top edge).
  const vertical = (from, down) => {
    const r = from.getBoundingClientRect();
    const rows = visible().map((c) => [c, c.getBoundingClientRect()])
      .filter(([, b]) => (down ? b.top > r.top + 2 : b.top < r.top - 2));
    if (!rows.length) return null;
    const top = down ? Math.min(...rows.map(([, b]) => b.top)) : Math.max(...rows.map(([, b]) => b.top));
    const row = rows.filter(([, b]) => Math.abs(b.top - top) < 2);
    row.sort((a, b) => Math.abs(a[1].left - r.left) - Math.abs(b[1].left - r.left));
    return row[0][0];
  };

  const filter = () => {
    const q = search.value.trim().toLowerCase();
    for (const c of cells) c.hidden = Boolean(q) && !c.dataset.name.includes(q);
    for (const s of sections) s.hidden = !s.querySelector('.emoji-cell:not([hidden])');
    const n = visible().length;
    status.textContent = q ? (n ? t('emojipicker-n-emoji-match', { n }) : t('emojipicker-no-emoji-match-that-name')) : '';
  };

  const close = (refocus) => {
    if (current !== picker) return;
    current = null;
    el.remove();
    document.removeEventListener('pointerdown', outside, true);
    window.removeEventListener('resize', place);
    anchor.setAttribute('aria-expanded', 'false');
    if (refocus) anchor.focus();
  };
  const pick = (emoji) => {
    close(true);
    onPick(emoji);
  };
  const outside = (e) => {
    if (!el.contains(e.target) && !anchor.contains(e.target)) close(false);
  };
  const place = () => {
    const a = anchor.getBoundingClientRect();
    const { width, height } = el.getBoundingClientRect();
    const above = a.top - height - GAP_PX;
    const top = above >= GAP_PX ? above : Math.min(a.bottom + GAP_PX, innerHeight - height - GAP_PX);
    const left = Math.min(Math.max(GAP_PX, a.right - width), innerWidth - width - GAP_PX);
    el.style.top = `${Math.max(GAP_PX, top)}px`;
    el.style.left = `${Math.max(GAP_PX, left)}px`;
  };

  search.addEventListener('input', filter);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.isComposing)) {
      e.preventDefault();
      const first = visible()[0];
      if (e.key === 'Enter' && first && search.value.trim()) pick(first.dataset.emoji);
      else focusCell(first);
    }
  });
  scroll.addEventListener('click', (e) => {
    const cell = e.target.closest('.emoji-cell');
    if (cell) pick(cell.dataset.emoji);
  });
  scroll.addEventListener('keydown', (e) => {
    const cell = e.target.closest('.emoji-cell');
    if (!cell) return;
    const list = visible();
    const i = list.indexOf(cell);
    let next = null;
    if (e.key === 'ArrowRight') next = list[i + 1];
    else if (e.key === 'ArrowLeft') next = list[i - 1];
    else if (e.key === 'ArrowDown') next = vertical(cell, true);
    else if (e.key === 'ArrowUp') next = vertical(cell, false) || search;
    else if (e.key === 'Home') next = list[0];
    else if (e.key === 'End') next = list.at(-1);
    else return;
    e.preventDefault();
    if (next === search) search.focus();
    else focusCell(next);
  });
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    }
  });
  el.addEventListener('focusout', (e) => {
    if (e.relatedTarget && !el.contains(e.relatedTarget)) close(false); // Tab left the picker
  });

  const picker = { el, close };
  current = picker;
  document.body.append(el);
  cells[0].tabIndex = 0;
  anchor.setAttribute('aria-expanded', 'true');
  place();
  window.addEventListener('resize', place);
  document.addEventListener('pointerdown', outside, true);
  search.focus();
  return picker;
}
