// `:shortcode:` to emoji in the message box (`:tada:` -> 🎉), from the gemoji names of
// shortcodes.js, the set the server's `emojis` crate uses for hooks' text. Unknown names
// and everything inside code (`spans`, ``` blocks) stay as written. The table is loaded
// on first need (a dynamic import), so the sign-in page never pays for it.

let table = null;
let loading = null;

/** The table (name -> emoji), loaded once. */
export function loadShortcodes() {
  if (table) return Promise.resolve(table);
  loading = loading || import('./shortcodes.js').then((m) => { table = m.SHORTCODES; return table; });
  return loading;
}

// The stretches of `text` outside code, as [start, end) pairs: fenced blocks (a line
// starting with ``` opens one, the next such line closes it) and inline spans (a run of
// backticks closed by the next run of the same length). `typing`: the text is being
// typed, so a run not closed yet opens code to the end (`:smile:` typed after a lone
// backtick may be inside a span still to be closed).
function plainStretches(text, typing = false) {
  const out = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i === 0 || text[i - 1] === '\n';
    if (lineStart && text.startsWith('```', i)) {
      if (i > start) out.push([start, i]);
      const close = text.indexOf('\n```', i + 3);
      if (close < 0) return out; // an open block runs to the end
      const after = text.indexOf('\n', close + 4);
      i = after < 0 ? n : after;
      start = i;
      continue;
    }
    if (text[i] === '`') {
      let j = i;
      while (j < n && text[j] === '`') j++;
      const run = text.slice(i, j);
      let k = j;
      let closed = -1;
      while (k < n) {
        const at = text.indexOf(run, k);
        if (at < 0) break;
        let e = at + run.length;
        if (text[at - 1] !== '`' && text[e] !== '`') { closed = e; break; }
        while (e < n && text[e] === '`') e++;
        k = e;
      }
      if (closed < 0 && typing) {
        if (i > start) out.push([start, i]);
        return out;
      }
      if (closed < 0) { i = j; continue; } // a lone run of backticks is text
      if (i > start) out.push([start, i]);
      i = closed;
      start = i;
      continue;
    }
    i++;
  }
  if (start < n) out.push([start, n]);
  return out;
}

// A name: lower-case letters, digits, `_`, `+` and `-` between colons, found one at a
// time so two codes may touch (`:+1::tada:`). The opening colon does not follow a letter,
// a digit or a colon (`a:b:` and `10:30:` are not codes), nor sit in an address.
const NAME = /:([a-z0-9_+-]{1,50}):/g;
const WORDY = /[\p{L}\p{N}]/u;

function replaceIn(part, codes) {
  let out = '';
  let last = 0;
  let prevEnd = -1; // where the last converted code ended
  NAME.lastIndex = 0;
  for (let m = NAME.exec(part); m; m = NAME.exec(part)) {
    const at = m.index;
    const before = part[at - 1];
    const wordStart = Math.max(part.lastIndexOf(' ', at), part.lastIndexOf('\n', at)) + 1;
    const opens = at === 0 || at === prevEnd || (!WORDY.test(before) && before !== ':');
    const emoji = opens && !part.slice(wordStart, at).includes('://') ? codes.get(m[1]) : undefined;
    if (!emoji) {
      NAME.lastIndex = at + 1; // the closing colon may open the next one
      continue;
    }
    out += part.slice(last, at) + emoji;
    last = at + m[0].length;
    prevEnd = last;
  }
  return out + part.slice(last);
}

/** `text` with every known `:shortcode:` outside code replaced by its emoji (`codes`: the
 *  table, given so tests need no import; `typing`: see plainStretches). */
export function convertWith(codes, text, typing = false) {
  const s = String(text ?? '');
  if (!s.includes(':')) return s;
  let out = '';
  let last = 0;
  for (const [a, b] of plainStretches(s, typing)) {
    out += s.slice(last, a) + replaceIn(s.slice(a, b), codes);
    last = b;
  }
  return out + s.slice(last);
}

/** What the composer sends: `text` converted once the table is loaded (loadShortcodes),
 *  as written before (the table could not load: offline). */
export function convertLoaded(text) {
  return table ? convertWith(table, text) : text;
}

/** After a `:` was typed: converts the `:name:` just closed before the caret of the
 *  textarea `input`, if it is a known one outside code. Answers whether it changed. */
export function convertAtCaret(input) {
  const caret = input.selectionStart;
  if (!table || caret !== input.selectionEnd || input.value[caret - 1] !== ':') return false;
  const before = input.value.slice(0, caret);
  if (!/:[a-z0-9_+-]{1,50}:$/.test(before)) return false;
  const converted = convertWith(table, before, true);
  if (converted === before) return false; // unknown, or inside code
  input.setRangeText(converted, 0, caret, 'end');
  return true;
}
