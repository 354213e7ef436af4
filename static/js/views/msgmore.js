// A message's own actions beyond reacting, replying and editing, in its "More actions"
// menu: pin or unpin it in its chat, save it for later (with a reminder), and copy its
// permanent link; and the "Pinned" mark a pinned message shows. The chat view gives the
// callbacks (ctx.onPin, ctx.isPinned, ctx.onSave); the link is messagelinks.js's.

import { h, modal } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { announce } from '../announce.js';
import { messageLink } from '../messagelinks.js';
import { copyLink } from './page.js';
import { t } from '../i18n.js';

/** The "More actions" button of message row `row` (message.js): one icon beside the
 *  others, so the actions that float over a message on a phone stay as wide as before;
 *  it opens a menu of pin or unpin, save for later and copy link. */
export function extraActions(row) {
  const more = iconButton('more', t('msgmore-more-actions'), { 'data-testid': 'more-actions', 'aria-haspopup': 'menu',
    'aria-expanded': 'false', onclick: () => openMenu(row, more) });
  return [more];
}

let openOne = null; // the menu open now: one at a time

/** The menu of row `row`'s further actions, under (or above) `anchor`. */
function openMenu(row, anchor) {
  const wasMine = openOne && openOne.anchor === anchor;
  if (openOne) openOne.close(false);
  if (wasMine) return;
  const ctx = row.ctx;
  const pinned = Boolean(ctx.isPinned && ctx.isPinned(row.msg.id));
  const item = (testid, name, label, run) => h('button', { type: 'button', role: 'menuitem', class: 'menu-item',
    'data-testid': testid, onclick: () => { close(true); run(); } }, icon(name), label);
  const el = h('div', { class: 'msg-menu', role: 'menu', 'aria-label': t('msgmore-more-actions'), 'data-testid': 'message-menu' },
    ctx.onPin && (!ctx.mayPin || ctx.mayPin()) ? item('pin-button', 'pin', pinned ? t('msgmore-unpin-from-this-chat') : t('msgmore-pin-to-this-chat'), () => ctx.onPin(row.msg)) : null,
    ctx.onSave ? item('save-button', 'bookmark', t('msgmore-save-for-later'), () => ctx.onSave(row.msg)) : null,
    item('copy-link-button', 'link', t('msgmore-copy-link'), () => copyMessageLink(row.msg)));
  const items = () => [...el.querySelectorAll('[role="menuitem"]')];
  const outside = (e) => { if (!el.contains(e.target) && !anchor.contains(e.target)) close(false); };
  const close = (refocus) => {
    el.remove();
    document.removeEventListener('pointerdown', outside, true);
    anchor.setAttribute('aria-expanded', 'false');
    if (openOne && openOne.el === el) openOne = null;
    if (refocus) anchor.focus();
  };
  el.addEventListener('keydown', (e) => {
    const all = items();
    const at = all.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); close(true); }
    if (e.key === 'ArrowDown') { e.preventDefault(); all[(at + 1) % all.length].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); all[(at - 1 + all.length) % all.length].focus(); }
  });
  el.addEventListener('focusout', (e) => { if (e.relatedTarget && !el.contains(e.relatedTarget)) close(false); });
  document.body.append(el);
  const a = anchor.getBoundingClientRect();
  const { width, height } = el.getBoundingClientRect();
  const below = a.bottom + 4;
  const top = below + height <= innerHeight - 4 ? below : Math.max(4, a.top - height - 4);
  el.style.top = `${top}px`;
  el.style.left = `${Math.min(Math.max(4, a.right - width), innerWidth - width - 4)}px`;
  document.addEventListener('pointerdown', outside, true);
  anchor.setAttribute('aria-expanded', 'true');
  openOne = { el, anchor, close };
  items()[0].focus();
}

/** Marks row `row` pinned or not (after message.js drew its header line). */
export function renderExtras(row) {
  const pinned = Boolean(row.ctx.isPinned && row.ctx.isPinned(row.msg.id));
  row.el.classList.toggle('pinned', pinned);
  if (pinned) {
    row.el.dataset.pinned = 'true';
    row.metaEl.append(h('span', { class: 'pin-mark', 'data-testid': 'pinned-mark' }, icon('pin'), t('msgmore-pinned')));
  } else {
    delete row.el.dataset.pinned;
  }
}

/** Copies the message's permanent link; where the browser refuses, shows it to copy. */
export async function copyMessageLink(msg) {
  const url = messageLink(msg.chat ?? msg.chat_id, msg.id);
  try {
    await navigator.clipboard.writeText(url);
    announce(t('msgmore-link-copied'));
    toast(t('msgmore-link-copied'));
  } catch {
    modal(t('msgmore-link-to-this-message'), 'message-link-dialog',
      h('p', null, t('msgmore-people-in-this-chat-who')),
      copyLink(url, 'message-link', t('msgmore-message-link')));
  }
}

// A short line at the foot of the screen that goes by itself.
function toast(text) {
  const el = h('p', { class: 'toast', role: 'status', 'data-testid': 'toast' }, text);
  document.body.append(el);
  setTimeout(() => el.remove(), 2500);
}
