// The client's words: which language (the one chosen on the account page, kept on this
// device, else the best of the six for the browser's languages), its Fluent catalog
// (static/locales/<lang>.ftl, read by the vendored @fluent/bundle), `t(id, args)`,
// `lang` and `dir` on <html>, and Intl's formats in that language. main.js imports this
// module first, so the catalog's fetch starts as the modules finish loading, beside the
// app's first reads, never after them. `?lang=pseudo` (kept for the tab) shows every
// sentence wrapped in ⟦ ⟧ and a third longer: text that bypasses the catalogs, or a
// layout that breaks on longer words, shows at a glance.
import { FluentBundle, FluentResource } from '../vendor/fluent-bundle-0.19.1/fluent-bundle.js';

/** The languages with a catalog, as the account page offers them. */
export const LANGUAGES = ['en', 'de', 'es', 'pt-BR', 'ja', 'ar'];
/** The pseudo-language's name. */
export const PSEUDO = 'pseudo';
/** Where this device keeps the account's choice ('' or absent: the browser's). */
export const LANGUAGE_KEY = 'natter.language';
const RTL = new Set(['ar']);

/** The best of the six for a list of BCP 47 tags (navigator.languages), else English. */
export function bestOf(tags) {
  for (const tag of tags || []) {
    const lower = String(tag).toLowerCase();
    const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const near = LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === base);
    if (near) return near;
  }
  return 'en';
}

function read(storage, key) {
  try { return storage.getItem(key) || ''; } catch { return ''; }
}

/** What this page load asks for: `?lang=` (kept for the tab), the choice kept on this device, the browser's. */
// Outside a browser (the client's modules under node's own tests): English, read from
// the file beside this module, and no <html> to mark.
const inBrowser = typeof location !== 'undefined';

function asked() {
  if (!inBrowser) return 'en';
  const param = new URLSearchParams(location.search).get('lang');
  if (param) {
    try { sessionStorage.setItem(LANGUAGE_KEY, param); } catch { /* no storage */ }
    return param;
  }
  const tab = read(sessionStorage, LANGUAGE_KEY);
  if (tab) return tab;
  const kept = read(localStorage, LANGUAGE_KEY);
  if (kept) return kept;
  return bestOf(navigator.languages || [navigator.language]);
}

const wanted = asked();
const pseudo = wanted === PSEUDO;
/** The language shown: a tag of LANGUAGES (English under the pseudo-language). */
export const language = pseudo ? 'en' : bestOf([wanted]);
let bundle = null;

function catalogUrl(lang) {
  try {
    const listed = JSON.parse(document.getElementById('catalogs')?.textContent || '{}');
    if (listed[lang]) return listed[lang];
  } catch { /* a page without the list */ }
  return `/static/locales/${lang}.ftl`;
}

async function catalogText(lang) {
  if (!inBrowser) {
    const { readFile } = await import('node:fs/promises');
    return readFile(new URL(`../locales/${lang}.ftl`, import.meta.url), 'utf8');
  }
  const response = await fetch(catalogUrl(lang));
  if (!response.ok) throw new Error(`catalog ${lang}: ${response.status}`);
  return response.text();
}

async function fetchBundle(lang) {
  const made = new FluentBundle(lang, { useIsolating: false });
  made.addResource(new FluentResource(await catalogText(lang)));
  return made;
}

/** Settles once the catalog is read (English when the chosen one cannot be); words shown before then are ids. */
export const ready = (async () => {
  try {
    bundle = await fetchBundle(language);
  } catch {
    if (language !== 'en') bundle = await fetchBundle('en').catch(() => null);
  }
  if (!inBrowser) return;
  const root = document.documentElement;
  root.lang = pseudo ? 'en-XA' : language;
  root.dir = RTL.has(language) ? 'rtl' : 'ltr';
})();

const ACCENTED = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú' };

/** A sentence as the pseudo-language shows it: accented, a third longer, wrapped in ⟦ ⟧. */
export function pseudoOf(text) {
  if (!text) return text;
  const accented = text.replace(/[aeiouAEIOU]/g, (c) => ACCENTED[c]);
  return `⟦${accented}${'~'.repeat(Math.ceil(text.length / 3))}⟧`;
}

/** The sentence `id` of the catalog with `args` in its placeholders (the id itself if no catalog has it). */
export function t(id, args) {
  const message = bundle && bundle.getMessage(id);
  if (!message || !message.value) return id;
  const text = bundle.formatPattern(message.value, args);
  return pseudo ? pseudoOf(text) : text;
}

// Stand-ins for a sentence's string placeholders while it is formatted (private-use
// characters no catalog holds), so `parts` can put what people wrote back as nodes of its own.
const MARK = '\uE000';
const MARK_RE = /\uE000(\d+)\uE001/;

/** The sentence `id` as pieces: strings of the catalog's words, and `{ value }` for each
 *  string placeholder (a name, a title: what people wrote), which dom.js's `said`
 *  isolates in a <bdi> so a right-to-left name cannot turn a left-to-right sentence around
 *  (and the other way round). Numbers stay in the sentence, as `t` writes them. */
export function parts(id, args = {}) {
  const values = [];
  const marked = {};
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === 'string') {
      marked[key] = `${MARK}${values.length}\uE001`;
      values.push(value);
    } else marked[key] = value;
  }
  const message = bundle && bundle.getMessage(id);
  if (!message || !message.value) return [id];
  const text = bundle.formatPattern(message.value, marked);
  const out = [];
  let rest = text;
  for (let m = MARK_RE.exec(rest); m; m = MARK_RE.exec(rest)) {
    if (m.index) out.push(rest.slice(0, m.index));
    out.push({ value: values[Number(m[1])] });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push(rest);
  // The pseudo-language wraps each stretch of the catalog's words on its own.
  return pseudo ? out.map((p) => (typeof p === 'string' ? pseudoOf(p) : p)) : out;
}

/** Items joined as a list in the language, as pieces (see `parts`): each item a `{ value }`. */
export function listParts(items, type = 'conjunction') {
  const pieces = new Intl.ListFormat(locale(), { style: 'long', type }).formatToParts(items)
    .map((p) => (p.type === 'element' ? { value: p.value } : p.value));
  return pseudo ? pieces.map((p) => (typeof p === 'string' ? pseudoOf(p) : p)) : pieces;
}

/** The language's tag for Intl (the browser's formats for the pseudo-language). */
export function locale() {
  if (pseudo) return undefined;
  // The browser's own tag when it is of the same language (en-GB's dates for English).
  const base = language.toLowerCase().split('-')[0];
  const tags = typeof navigator === 'undefined' ? [] : navigator.languages || [];
  const regional = tags.find((tag) => String(tag).toLowerCase().split('-')[0] === base);
  return regional || language;
}

/** Keeps the account's choice on this device (null or '': follow the browser), for the next page load. */
export function keepChoice(code) {
  try {
    if (code) localStorage.setItem(LANGUAGE_KEY, code);
    else localStorage.removeItem(LANGUAGE_KEY);
  } catch { /* no storage */ }
}

/** Whether the account's choice differs from what this page shows (the page then reloads once in it). */
export function differsFrom(code) {
  if (pseudo || read(sessionStorage, LANGUAGE_KEY)) return false;
  const next = code || bestOf(navigator.languages || [navigator.language]);
  return next !== language;
}

/** Items joined as a list in the language ("a, b and c"). */
export function listOf(items, type = 'conjunction') {
  const words = new Intl.ListFormat(locale(), { style: 'long', type }).format(items);
  return pseudo ? pseudoOf(words) : words;
}

/** A number written in the language. */
export function numberOf(n, options) {
  return new Intl.NumberFormat(locale(), options).format(n);
}

// Every module that speaks imports this one, so none runs before the catalog is read (and
// none needs to wait for it by hand); early.js, which does not speak, runs first.
await ready;
