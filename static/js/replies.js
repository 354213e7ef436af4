// Quote-replies carried in the message text, so every seed surface's clients still read a
// plain quote: the server writes a reply's first line `> @<username> [#<message id>]:
// <excerpt>`, an empty line, then the reply (docs/api.md, "Replies"), and marks the
// message with `reply_to`. This module reads that line (and makes the reply bar's excerpt).

const EXCERPT_MAX = 80;
// The username alphabet is natter's (letters, digits, @.+-_); the id is digits only.
const REPLY_LINE = /^> @([\p{L}\p{N}@.+_-]{1,150}) \[#([1-9][0-9]{0,17})\]: ([^\n]*)(?:\n\n?|$)/u;

/** `{username, messageId, excerpt, text}` when `content` starts with a reply line (`text`
 *  is the rest, the reply itself), else null. */
export function parseReply(content) {
  const m = REPLY_LINE.exec(String(content ?? ''));
  if (!m) return null;
  return { username: m[1], messageId: m[2], excerpt: m[3], text: String(content).slice(m[0].length) };
}

/** The text of a message without its reply line (what it says itself). */
export function ownText(content) {
  const reply = parseReply(content);
  return reply ? reply.text : String(content ?? '');
}

/** The excerpt of a quoted text: its first line, without `[#`, cut to 80 characters with `…`. */
export function excerptOf(content) {
  const first = ownText(content).split('\n').find((l) => l.trim()) || '';
  const clean = first.replaceAll('[#', '').replace(/\s+/g, ' ').trim();
  const chars = [...clean]; // by code point, so an emoji is never cut in half
  return chars.length <= EXCERPT_MAX ? clean : `${chars.slice(0, EXCERPT_MAX - 1).join('').trimEnd()}…`;
}
