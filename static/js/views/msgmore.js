// A message's own actions beyond reacting, replying and editing: pin or unpin it in its
// chat, save it for later (with a reminder), and copy its permanent link; and the
// "Pinned" mark a pinned message shows. The chat view gives the callbacks (ctx.onPin,
// ctx.isPinned, ctx.onSave); the link is messagelinks.js's.

import { h, modal } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { announce } from '../announce.js';
import { messageLink } from '../messagelinks.js';
import { copyLink } from './page.js';

/** The extra action buttons of message row `row` (message.js). */
export function extraActions(row) {
  const ctx = row.ctx;
  row.pinButton = ctx.onPin ? iconButton('pin', 'Pin to this chat', { 'data-testid': 'pin-button',
    'aria-pressed': 'false', onclick: () => ctx.onPin(row.msg) }) : null;
  const save = ctx.onSave ? iconButton('bookmark', 'Save for later', { 'data-testid': 'save-button',
    onclick: () => ctx.onSave(row.msg) }) : null;
  const link = iconButton('link', 'Copy link', { 'data-testid': 'copy-link-button',
    onclick: () => copyMessageLink(row.msg) });
  return [row.pinButton, save, link];
}

/** Marks row `row` pinned or not (after message.js drew its header line). */
export function renderExtras(row) {
  const pinned = Boolean(row.ctx.isPinned && row.ctx.isPinned(row.msg.id));
  row.el.classList.toggle('pinned', pinned);
  if (pinned) {
    row.el.dataset.pinned = 'true';
    row.metaEl.append(h('span', { class: 'pin-mark', 'data-testid': 'pinned-mark' }, icon('pin'), 'Pinned'));
  } else {
    delete row.el.dataset.pinned;
  }
  if (row.pinButton) {
    const label = pinned ? 'Unpin from this chat' : 'Pin to this chat';
    row.pinButton.setAttribute('aria-label', label);
    row.pinButton.title = label;
    row.pinButton.setAttribute('aria-pressed', pinned ? 'true' : 'false');
  }
}

/** Copies the message's permanent link; where the browser refuses, shows it to copy. */
export async function copyMessageLink(msg) {
  const url = messageLink(msg.chat ?? msg.chat_id, msg.id);
  try {
    await navigator.clipboard.writeText(url);
    announce('Link copied');
    toast('Link copied');
  } catch {
    modal('Link to this message', 'message-link-dialog',
      h('p', null, 'People in this chat who open it see the message; anyone else is told it is not available.'),
      copyLink(url, 'message-link', 'link'));
  }
}

// A short line at the foot of the screen that goes by itself.
function toast(text) {
  const el = h('p', { class: 'toast', role: 'status', 'data-testid': 'toast' }, text);
  document.body.append(el);
  setTimeout(() => el.remove(), 2500);
}
