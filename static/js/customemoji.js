// The server's custom emoji (`/api/emoji/`), read once after sign-in and kept current by
// the socket's `custom_emoji_added` / `custom_emoji_removed` frames: `:name:` in messages and reactions is drawn as its image
// while the emoji exists, and stays the text `:name:` once it is removed. Images come
// from the emoji's id, never from a server-sent URL.

import { request } from './api.js';
import { parseId } from './ids.js';

let byName = new Map();
let mayAdd = false;

const NAME = /:([a-z0-9_+-]{1,64}):/g;

/** Reads the list again; resolves when it is in. */
export async function loadCustomEmoji() {
  const list = await request('GET', '/api/emoji/');
  const next = new Map();
  for (const e of (list && list.results) || []) {
    const id = parseId(e.id);
    if (id !== null && typeof e.name === 'string') next.set(e.name, { id, name: e.name });
  }
  byName = next;
  mayAdd = Boolean(list && list.may_add);
  return customEmojiList();
}

/** A socket frame; answers whether it changed the list (the caller redraws). */
export function onCustomEmojiFrame(frame) {
  const e = frame && frame.emoji;
  const id = e ? parseId(e.id) : null;
  if (id === null || typeof e.name !== 'string') return false;
  if (frame.type === 'custom_emoji_added') {
    byName.set(e.name, { id, name: e.name });
    return true;
  }
  if (frame.type === 'custom_emoji_removed' && byName.has(e.name) && byName.get(e.name).id === id) {
    byName.delete(e.name);
    return true;
  }
  return false;
}

/** Every custom emoji, by name: `{id, name}`. */
export const customEmojiList = () => [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));

/** Whether the signed-in person may add emoji (the server checks anyway). */
export const mayAddCustomEmoji = () => mayAdd;

/** Where an emoji's image is. */
export const customEmojiUrl = (id) => `/api/emoji/${Number(id)}/image/`;

/** The custom emoji `text` names as `:name:`, if it exists. */
export function customEmojiOf(text) {
  const m = /^:([a-z0-9_+-]{1,64}):$/.exec(String(text || ''));
  return (m && byName.get(m[1])) || null;
}

/** An emoji's image, with its `:name:` as the text to copy and read. */
export function customEmojiImg(e, size = 'inline') {
  const img = document.createElement('img');
  img.className = `custom-emoji custom-emoji-${size}`;
  img.src = customEmojiUrl(e.id);
  img.alt = `:${e.name}:`;
  img.title = `:${e.name}:`;
  img.width = 20;
  img.height = 20;
  img.loading = 'lazy';
  img.dataset.testid = 'custom-emoji';
  return img;
}

/** `text` as strings and images: each `:name:` of an existing emoji becomes its image. */
export function withCustomEmoji(text) {
  const s = String(text ?? '');
  if (!byName.size || !s.includes(':')) return [s];
  const out = [];
  let last = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(s); m; m = NAME.exec(s)) {
    const e = byName.get(m[1]);
    if (!e) {
      NAME.lastIndex = m.index + 1; // the closing colon may open the next one
      continue;
    }
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(customEmojiImg(e));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}
