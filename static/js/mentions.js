// What an `@name` in a message is, as the server reads it (docs/api.md, "Mentions"): an
// `@` at the start or after a character that cannot be part of a name, then name
// characters (letters, digits and `.+-_@`), a final `.` belonging to the sentence. Used
// to highlight mentions in messages and to tell whether one names me.

import { groupNamed } from './usergroups.js';
import { t } from './i18n.js';

// Every `@name` with the character before it (or the start), so the rule above holds.
const MENTION_RE = /(^|[^\p{L}\p{N}.+\-_@])@([\p{L}\p{N}.+\-_@]+)/gu;

// A name without the final `.`s that belong to the sentence (a loop: `/\.+$/` is
// quadratic on a long run of dots inside the name).
function withoutFinalDots(name) {
  let end = name.length;
  while (end > 0 && name[end - 1] === '.') end--;
  return name.slice(0, end);
}

/** Case- and width-insensitive key of a name (the server folds NFKC and case). */
export function nameKey(name) {
  return String(name || '').normalize('NFKC').toLowerCase();
}

/** The names mentioned in `text` (as written), in order. */
export function mentionedNames(text) {
  const out = [];
  for (const m of String(text ?? '').matchAll(MENTION_RE)) out.push(withoutFinalDots(m[2]));
  return out.filter(Boolean);
}

// The names that call a whole chat (docs/api.md "Mentions"): `@channel` and `@everyone`
// every member, `@here` those active in the last minutes. The server notifies; here they
// are marked and count as naming me.
export const WIDE_NAMES = ['here', 'channel', 'everyone'];

/** Whether `name` (as written after `@`) is one of the wide names. */
export function isWide(name) {
  return WIDE_NAMES.includes(nameKey(name));
}

/** Whether `text` calls me: by `username`, or by a wide name. */
export function mentionsMe(text, username) {
  return mentionedNames(text).some((n) => isWide(n) || (Boolean(nameKey(username)) && nameKey(n) === nameKey(username)));
}

/** Whether `text` mentions `username`. */
export function mentionsName(text, username) {
  const key = nameKey(username);
  return Boolean(key) && mentionedNames(text).some((n) => nameKey(n) === key);
}

/** `text` cut into plain strings and mentions: [string | {name, raw}] where `raw` is
 *  `@name` as written (without a final `.`). */
export function splitMentions(text) {
  const s = String(text ?? '');
  const out = [];
  let last = 0;
  for (const m of s.matchAll(MENTION_RE)) {
    const name = withoutFinalDots(m[2]);
    if (!name) continue;
    const at = m.index + m[1].length;
    if (at > last) out.push(s.slice(last, at));
    out.push({ name, raw: `@${name}` });
    last = at + 1 + name.length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** The `@name` being typed just before the caret in `before` (the text up to the caret):
 *  `{start, query}` (start: the index of the `@`), or null when the caret is not in one. */
export function typedMention(before) {
  const m = /(^|[^\p{L}\p{N}.+\-_@])@([\p{L}\p{N}.+\-_]*)$/u.exec(before);
  if (!m) return null;
  return { start: m.index + m[1].length, query: m[2] };
}

/** Text nodes and `<span class="mention">` for the mentions in `text` (`mine` also on
 *  mentions of `username`, `wide` on `@here`, `@channel` and `@everyone`, `group` on a
 *  user group's `@handle`, titled with its name). */
export function mentionNodes(text, username) {
  const key = nameKey(username);
  return splitMentions(text).map((part) => {
    if (typeof part === 'string') return part;
    const me = nameKey(part.name) === key;
    const wide = isWide(part.name);
    const group = me || wide ? null : groupNamed(part.name);
    const span = document.createElement('span');
    span.className = me ? 'mention mine' : wide ? 'mention wide' : group ? 'mention group' : 'mention';
    if (me) span.dataset.testid = 'mention-me';
    else if (wide) span.dataset.testid = 'mention-wide';
    else if (group) {
      span.dataset.testid = 'mention-group';
      const n = Number(group.member_count) || 0;
      span.title = t('mentions-group-of', { name: group.name, n });
    }
    span.textContent = part.raw;
    return span;
  });
}
