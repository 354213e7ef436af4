// A message's permanent address (`/m/<chat>/<message>`, which the server sends on to
// `#chat/<chat>/message/<message>`) and the quoted preview of such an address pasted in
// a message. The preview is asked of the server by each reader (`GET
// /messages/api/messages/<id>/`), which answers only a member of the message's chat:
// anyone else sees the bare link. The quote is text only (no markup of the message runs).

import * as api from './api.js';
import { h, userName } from './dom.js';
import { ownText } from './replies.js';
import { filesAsWords } from './text.js';
import { t } from './i18n.js';

/** The permanent address of message `messageId` of chat `chatId`. */
export function messageLink(chatId, messageId) {
  return `${location.origin}/m/${Number(chatId)}/${Number(messageId)}`;
}

// Links to this server's messages; ids are digits only.
const LINK = /\/m\/([1-9][0-9]{0,17})\/([1-9][0-9]{0,17})(?![0-9/])/g;

/** Previews shown under a message at most. */
const MAX_PREVIEWS = 3;

/** The characters of the linked text a preview shows. */
const PREVIEW_CHARS = 200;

// message id -> Promise of the message or null (not available to me), per page load;
// and the answers already in, so a row drawn again (a receipt, a reaction) shows its
// quote at once instead of hiding it until the promise settles.
const asked = new Map();
const answered = new Map();

function fetchMessage(id) {
  if (!asked.has(id)) {
    asked.set(id, api.request('GET', `/messages/api/messages/${id}/`).catch(() => null)
      .then((msg) => { answered.set(id, msg); return msg; }));
  }
  return asked.get(id);
}

/** The `[chatId, messageId]` of each link to this server's messages in `text`, once each. */
export function linkedMessages(text) {
  const out = [];
  const origin = location.origin;
  for (const word of String(text || '').split(/\s+/)) {
    if (!word.startsWith(`${origin}/m/`)) continue;
    LINK.lastIndex = origin.length;
    const m = LINK.exec(word);
    if (!m || m.index !== origin.length) continue;
    if (!out.some(([, id]) => id === m[2])) out.push([m[1], m[2]]);
    if (out.length >= MAX_PREVIEWS) break;
  }
  return out;
}

/** Quoted previews of the messages `text` links to, filled in as the server answers:
 *  each element stays empty (and hidden) when the reader may not read the message.
 *  onOpen(chatId, messageId, threadId) opens one. */
export function quotedLinks(text, onOpen) {
  return linkedMessages(text).map(([chatId, id]) => {
    const el = h('blockquote', { class: 'link-preview', 'data-testid': 'link-preview', hidden: true });
    const fill = (msg) => {
      if (!msg || String(msg.chat) !== chatId) return;
      const words = filesAsWords(ownText(msg.content || '')) || t('messagelinks-sent-a-file');
      const short = words.length > PREVIEW_CHARS ? `${words.slice(0, PREVIEW_CHARS)}…` : words;
      const open = h('button', { type: 'button', class: 'link-preview-open', 'data-testid': 'link-preview-open',
        onclick: () => onOpen && onOpen(chatId, id, msg.thread_id) },
      h('span', { class: 'link-preview-sender' }, userName(msg.sender)),
      h('span', { class: 'link-preview-text', 'data-testid': 'link-preview-text' }, short));
      el.replaceChildren(open);
      el.hidden = false;
    };
    if (answered.has(id)) fill(answered.get(id));
    else fetchMessage(id).then(fill);
    return el;
  });
}

/** Asks the server for message `messageId`: the message when the reader may read it
 *  (and it is in chat `chatId`), else null. */
export async function linkedMessage(chatId, messageId) {
  const msg = await api.request('GET', `/messages/api/messages/${Number(messageId)}/`).catch(() => null);
  return msg && String(msg.chat) === String(chatId) ? msg : null;
}
