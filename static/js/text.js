// Message text to DOM nodes: plain text, with http(s) addresses made into links that
// open in a new tab without giving the page a handle on us. No HTML is ever parsed.
import { t } from './i18n.js';

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = new Set('.,;:!?)]}\'"'); // punctuation after a link belongs to the sentence

// The run of such punctuation ending `raw` (a loop, not a regex
// ending in `+$`, which is quadratic on a long run of them inside the text).
function trailing(raw) {
  let n = 0;
  while (n < raw.length && TRAILING.has(raw[raw.length - 1 - n])) n++;
  return raw.slice(raw.length - n);
}

/** A safe link for `text`, or null when it is not an http(s) URL. */
export function safeLink(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const a = document.createElement('a');
  a.href = url.href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.className = 'msg-link';
  a.textContent = text;
  return a;
}

/** Text and link nodes for a message's content. */
export function richText(content) {
  const text = String(content ?? '');
  const out = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let raw = match[0];
    // Keep a closing bracket that has its opening one inside the link (wiki-style URLs).
    const tail = trailing(raw);
    if (tail && !(tail === ')' && raw.includes('('))) raw = raw.slice(0, -tail.length);
    const link = safeLink(raw);
    if (!link) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(link);
    last = match.index + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** What a message an administrator removed (`is_deleted` from the server) says in its place. */
export const REMOVED_TEXT = t('text-removed-by-an-administrator');

/** What an encrypted message from a Matrix app (`encrypted` from the server) says in its
 *  place: natter holds no key to it, and its text from the server only says so in English. */
export const SEALED_TEXT = t('text-an-encrypted-message-open-it');

/** A file sent without text is captioned "📎 name"; say it in words (no emoji font needed). */
export function filesAsWords(content) {
  return String(content ?? '').replace(/^📎 (.*)$/gm, t('text-file-1'));
}
