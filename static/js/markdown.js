// A small Markdown subset for message text, rendered as DOM nodes (never HTML): **bold**,
// *italic* / _italic_, `code`, ``` fenced blocks ```, [text](https://…) links, - and 1.
// lists, > quotes, and \ escapes. Messages are stored as typed; only the web client
// renders them. Plain stretches go to a callback (links and mentions), so a message
// without markup renders exactly as its text, newlines included (the box is pre-wrap).

const FENCE = /^ {0,3}```/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}[-*+] +(\S.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)] +(\S.*)$/;
const ESCAPABLE = '\\`*_[]()>#+-.!~';
const WORD = /[\p{L}\p{N}]/u;
const MAX_DEPTH = 4; // quotes in quotes, bold in italics: deeper stays text

const el = (tag, cls, children) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  e.append(...children);
  return e;
};

/** Nodes for `content`; `plain(text)` turns a stretch without markup into nodes. */
export function renderMarkdown(content, plain = (s) => [s]) {
  return blocks(String(content ?? '').split('\n'), plain, 0);
}

function blocks(lines, plain, depth) {
  const out = [];
  let run = [];
  // Lines of text keep their newlines; a block (a list, a quote) breaks lines itself, so
  // the newline beside it is dropped.
  const flush = () => {
    if (run.length) out.push(...inline(run.join('\n'), plain, 0));
    run = [];
  };
  const take = (i, re) => {
    const got = [];
    while (i < lines.length && re.test(lines[i])) got.push(re.exec(lines[i++]));
    return got;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (FENCE.test(line)) {
      let end = i + 1;
      while (end < lines.length && !FENCE.test(lines[end])) end++;
      flush();
      const code = el('code', null, [lines.slice(i + 1, end).join('\n')]);
      const pre = el('pre', 'md-pre', [code]);
      pre.setAttribute('tabindex', '0'); // a long line scrolls sideways: the keyboard can scroll it too
      out.push(pre);
      i = end + 1;
    } else if (depth < MAX_DEPTH && QUOTE.test(line)) {
      const got = take(i, QUOTE);
      flush();
      out.push(el('blockquote', 'md-quote', blocks(got.map((m) => m[1]), plain, depth + 1)));
      i += got.length;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const numbered = !BULLET.test(line);
      const got = take(i, numbered ? NUMBERED : BULLET);
      flush();
      const list = el(numbered ? 'ol' : 'ul', 'md-list',
        got.map((m) => el('li', null, inline(m[numbered ? 2 : 1], plain, 0))));
      if (numbered && got[0][1] !== '1') list.start = Number(got[0][1]);
      out.push(list);
      i += got.length;
    } else {
      run.push(line);
      i++;
    }
  }
  flush();
  return out;
}

// Where a closing delimiter for an opener at `from` is, or -1. `noneAfter` remembers
// where a search found nothing, so a message full of lone `*` stays linear.
function closer(text, from, delim, noneAfter) {
  if (noneAfter[delim] !== undefined && from >= noneAfter[delim]) return -1;
  for (let j = text.indexOf(delim, from); j >= 0; j = text.indexOf(delim, j + 1)) {
    if (/\s/.test(text[j - 1])) continue;
    if (delim === '_' && (WORD.test(text[j + 1] || '') || text[j + 1] === '_' || text[j - 1] === '_')) continue;
    if (delim === '*' && text[j + 1] === '*') { j++; continue; } // part of a `**`
    return j;
  }
  noneAfter[delim] = from;
  return -1;
}

// Where each run of backticks closes: a run of n backticks opens a code span that ends at
// the next run of exactly n. Built on the first backtick of a text and read in order, so
// a text full of runs of growing length stays linear (each length keeps a cursor).
function codeRuns(text, from) {
  const byLength = new Map(); // length -> {at: [start, ...], next: cursor}
  for (let i = text.indexOf('`', from); i >= 0; i = text.indexOf('`', i)) {
    let j = i;
    while (text[j] === '`') j++;
    const n = j - i;
    if (!byLength.has(n)) byLength.set(n, { at: [], next: 0 });
    byLength.get(n).at.push(i);
    i = j;
  }
  return {
    /** Where the run of `n` backticks at `i` closes, or -1. */
    closeOf(i, n) {
      const runs = byLength.get(n);
      if (!runs) return -1;
      while (runs.next < runs.at.length && runs.at[runs.next] <= i) runs.next++;
      return runs.next < runs.at.length ? runs.at[runs.next] : -1;
    },
  };
}

const LINK_URL = /https?:\/\/[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*\)/iy;
const URL_HERE = /https?:\/\/[^\s<>"']+/iy;
const LINK_TEXT_MAX = 500;

// `[text](https://…)` at `i`: the first `]` after it (remembered, so `[[[[…` stays linear),
// then the address, matched once per `]`. Answers {text, href, end} or null.
function linkFinder(text) {
  let close = -1;
  let newline = -1;
  let urlFor = -1;
  let url = null;
  return (i) => {
    if (close <= i) close = text.indexOf(']', i + 1);
    if (close < 0) { close = text.length; return null; }
    if (close >= text.length) return null;
    if (newline <= i) newline = text.indexOf('\n', i + 1);
    if (newline < 0) newline = text.length;
    const length = close - i - 1;
    if (length < 1 || length > LINK_TEXT_MAX || newline < close || text[close + 1] !== '(') return null;
    if (urlFor !== close) {
      urlFor = close;
      LINK_URL.lastIndex = close + 2;
      const m = LINK_URL.exec(text);
      url = m ? m[0].slice(0, -1) : null;
    }
    return url ? { text: text.slice(i + 1, close), href: url, end: close + 3 + url.length } : null;
  };
}

function inline(text, plain, depth) {
  const out = [];
  const noneAfter = {};
  let code = null;
  const linkAt = linkFinder(text);
  let buf = '';
  const flush = () => {
    if (buf) out.push(...plain(buf));
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const prev = text[i - 1] || ' ';
    if (c === '\\' && ESCAPABLE.includes(text[i + 1] || 'x')) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let j = i;
      while (text[j] === '`') j++;
      code ??= codeRuns(text, i);
      const end = code.closeOf(i, j - i);
      if (end >= 0) {
        flush();
        out.push(el('code', 'md-code', [text.slice(j, end)]));
        i = end + (j - i);
      } else { // no run of the same length follows: the backticks are text
        buf += text.slice(i, j);
        i = j;
      }
      continue;
    }
    if ((c === 'h' || c === 'H') && !WORD.test(prev)) {
      URL_HERE.lastIndex = i;
      const m = URL_HERE.exec(text);
      if (m) { // a bare address is one piece: its `_` and `*` are not emphasis
        buf += m[0];
        i += m[0].length;
        continue;
      }
    }
    if (c === '[') {
      const m = linkAt(i);
      const a = m && link(m.href, inline(m.text, (s) => [s], depth + 1));
      if (a) {
        flush();
        out.push(a);
        i = m.end;
        continue;
      }
    }
    if (c === '_' && text[i + 1] === '_') { // `__` and longer runs (snake__case, __init__) stay text
      let j = i;
      while (text[j] === '_') j++;
      buf += text.slice(i, j);
      i = j;
      continue;
    }
    if (depth < MAX_DEPTH && (c === '*' || c === '_')) {
      const strong = c === '*' && text[i + 1] === '*';
      const delim = strong ? '**' : c;
      const start = i + delim.length;
      const opens = text[start] && !/\s/.test(text[start]) && !(c === '_' && WORD.test(prev));
      const end = opens ? closer(text, start + 1, delim, noneAfter) : -1;
      if (end > start) { // the search starts one past `start`: never empty
        flush();
        out.push(el(strong ? 'strong' : 'em', null, inline(text.slice(start, end), plain, depth + 1)));
        i = end + delim.length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** A link to an http(s) address opening in a new tab without a handle on this page. */
function link(href, children) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const a = el('a', 'msg-link', children);
  a.href = url.href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.title = url.href; // the text may say anything: show where it goes
  return a;
}
