// Small DOM and formatting helpers shared by the views.
// Text always enters the page as text nodes: nothing here ever parses HTML.

import { iconButton } from './icons.js';
import { t, listOf, parts, listParts } from './i18n.js';

/** Creates an element. `props` become attributes, `on*` become listeners; children are nodes or text. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  // What people type in a box (a title, a name, a message) runs the way its own letters
  // do, not the page's way: "ship it x1!" stays so in an Arabic page.
  if ((tag === 'textarea' || (tag === 'input' && ['text', 'search'].includes(props && props.type))) && !(props && 'dir' in props)) {
    el.setAttribute('dir', 'auto');
  }
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) el.append(child); // strings become text nodes
  }
  return el;
}

/** What someone wrote or is called (a name, a title, a topic) set apart from the
 *  sentence around it: a <bdi>, whose direction is its own letters', so an Arabic name
 *  does not turn an English sentence around, nor an English title an Arabic one. */
export function isolated(value) {
  return h('bdi', null, String(value));
}

/** The sentence `id` of the catalogs as nodes, each string placeholder `isolated`. */
export function said(id, args) {
  return parts(id, args).map((p) => (typeof p === 'string' ? p : isolated(p.value)));
}

/** Names (or other things people wrote) as a list in the language, each `isolated`. */
export function listSaid(items) {
  return listParts(items).map((p) => (typeof p === 'string' ? p : isolated(p.value)));
}

/** The name to show for a user object (display name, else username), marked
 *  "(deactivated)" when the server says an administrator deactivated them. */
export function userName(user) {
  if (!user) return t('dom-someone');
  const name = user.display_name || user.username || t('dom-user-id', { id: user.id });
  return user.is_active === false ? t('dom-name-deactivated', { name }) : name;
}

/** One or two letters standing in for an avatar: the first letter (any script's, never
 *  a bracket, digit or sign) of the first two words that have one ("Ana (IT)" is "AI"). */
export function initials(name) {
  const letters = String(name || '').trim().split(/\s+/)
    .map((w) => (w.match(/\p{L}/u) || [''])[0]).filter(Boolean);
  return ((letters[0] || '') + (letters[1] || '')).toLocaleUpperCase() || '?';
}

// How many members name a group that has no title before the rest are counted.
const NAMED_MEMBERS = 3;

/** The names of a chat's members other than `me`, a list in the page's language: "Ann,
 *  Bob, Cy, and 2 more". */
export function membersTitle(chat, me) {
  const names = (chat.members || []).filter((m) => !sameId(m.id, me.id)).map(userName);
  if (!names.length) return '';
  if (names.length <= NAMED_MEMBERS) return listOf(names);
  return listOf([...names.slice(0, NAMED_MEMBERS), t('dom-n-more', { n: names.length - NAMED_MEMBERS })]);
}

/** The title of a chat as the signed-in user sees it: a DM is named after the other
 *  person, a group without a title after its other members. */
export function chatTitle(chat, me) {
  if (chat.chat_type === 'dm') {
    const other = (chat.members || []).find((m) => !sameId(m.id, me.id));
    if (other) return userName(other);
  }
  if ((chat.untitled || !chat.title) && chat.chat_type === 'group') {
    const named = membersTitle(chat, me);
    if (named) return named;
  }
  return chat.title || (chat.chat_type === 'room' ? t('dom-room-id', { id: chat.id }) : t('dom-chat-id', { id: chat.id }));
}

/** A byte count in words. */
export function fileSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return t('dom-value-b', { value: String(n) });
  if (n < 1024 * 1024) return t('dom-value-kb', { value: (n / 1024).toFixed(1) });
  return t('dom-value-mb', { value: (n / 1024 / 1024).toFixed(1) });
}

/** Delays `fn` until `ms` pass without another call. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Ids compare as strings so "7" from a hash and 7 from JSON are the same chat. */
export function sameId(a, b) {
  return a != null && b != null && String(a) === String(b);
}

/** A modal <dialog> with a title and a close button; removed from the page when closed. */
export function modal(title, testid, ...body) {
  const heading = h('h2', { id: `${testid}-title` }, title);
  const dialog = h('dialog', { class: 'modal', 'data-testid': testid, 'aria-labelledby': heading.id },
    h('div', { class: 'modal-head' },
      heading,
      iconButton('close', t('dom-close'), { 'data-testid': 'dialog-close', onclick: () => dialog.close() })),
    ...body);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
