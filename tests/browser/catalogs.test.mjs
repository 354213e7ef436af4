// The web client's catalogs (static/locales/<lang>.ftl) checked under Node, run by
// tests/browser.rs (`node --test tests/browser/catalogs.test.mjs`): every catalog parses
// with the vendored Fluent, holds every English message and no other, with the same
// placeholders (`{ $name }`); every id the code asks for (`t('…')`, `tx('…')`, api.js's
// `say('…')`) is in English, and every English message is asked for somewhere; no
// attribute a screen reader or a tooltip says (aria-label, title, placeholder, alt) is
// written in the code's own words; i18n.js offers exactly the languages there are
// catalogs for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentResource } from '../../static/vendor/fluent-bundle-0.19.1/fluent-bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const localesDir = join(root, 'static', 'locales');
const catalogs = Object.fromEntries(readdirSync(localesDir)
  .filter((f) => f.endsWith('.ftl'))
  .map((f) => [f.slice(0, -4), readFileSync(join(localesDir, f), 'utf8')]));

/** Each message of a catalog: id -> the sorted placeholders its text uses. */
function messages(source) {
  const out = new Map();
  let current = null;
  for (const line of source.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const head = /^([a-z][a-z0-9-]*) =(.*)$/.exec(line);
    let body = line;
    if (head) {
      assert.ok(!out.has(head[1]), `${head[1]} twice`);
      current = new Set();
      out.set(head[1], current);
      body = head[2];
    }
    for (const m of body.matchAll(/\$([A-Za-z][A-Za-z0-9_-]*)/g)) current.add(m[1]);
  }
  return new Map([...out].map(([id, vars]) => [id, [...vars].sort().join(',')]));
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : name.endsWith('.js') ? [path] : [];
  });
}

const english = messages(catalogs.en);

test('every catalog parses with Fluent', () => {
  for (const [lang, source] of Object.entries(catalogs)) {
    const resource = new FluentResource(source);
    const junk = resource.body.filter((entry) => !entry.id);
    assert.equal(junk.length, 0, `${lang}: ${junk.length} entries do not parse`);
    assert.equal(resource.body.length, messages(source).size, `${lang}: messages the check did not see`);
  }
});

test('every catalog has every English message, no other, with the same placeholders', () => {
  for (const [lang, source] of Object.entries(catalogs)) {
    if (lang === 'en') continue;
    const here = messages(source);
    const missing = [...english.keys()].filter((id) => !here.has(id));
    const extra = [...here.keys()].filter((id) => !english.has(id));
    const differ = [...english].filter(([id, vars]) => here.has(id) && here.get(id) !== vars)
      .map(([id, vars]) => `${id}: English { ${vars} }, ${lang} { ${here.get(id)} }`);
    assert.deepEqual({ missing, extra, differ }, { missing: [], extra: [], differ: [] }, lang);
  }
});

test('every id the code asks for is in the English catalog, and every English message is asked for', () => {
  const asked = new Set();
  for (const file of jsFiles(join(root, 'static', 'js'))) {
    const code = readFileSync(file, 'utf8');
    // A module with a `t` of its own (composer.js names test ids with it) imports `t as tx`.
    // `said` and `parts` (dom.js, i18n.js) ask for a sentence with its placeholders set apart.
    const words = /import \{ t as tx\b/.test(code) ? /\b(?:tx|say|said|parts)\('([a-z][a-z0-9-]*)'/g : /\b(?:t|say|said|parts)\('([a-z][a-z0-9-]*)'/g;
    for (const m of code.matchAll(words)) {
      asked.add(m[1]);
      assert.ok(english.has(m[1]), `${file.slice(root.length)} asks for ${m[1]}, which no catalog has`);
    }
  }
  const unused = [...english.keys()].filter((id) => !asked.has(id));
  assert.deepEqual(unused, [], 'English messages nothing asks for');
});

test('no aria-label, title, placeholder or alt is written in the code\'s own words', () => {
  // `'aria-label': 'Close'` or `title: `${n} unread`` in a module: words a screen reader or
  // a tooltip says that no catalog holds. Values (`${…}`), addresses and punctuation may
  // stand there; letters may not.
  const written = /(?:'aria-label'|'aria-description'|'aria-roledescription'|\btitle|\bplaceholder|\balt)\s*:\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g;
  const found = [];
  for (const file of jsFiles(join(root, 'static', 'js'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(written)) {
      const left = m[2].replace(/\$\{[^}]*\}/g, ' ').replace(/https?:\S*/g, ' ');
      if (/\p{L}{2,}/u.test(left)) found.push(`${file.slice(root.length)}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, [], 'words outside the catalogs');
});

test('i18n.js offers exactly the languages with a catalog', () => {
  const code = readFileSync(join(root, 'static', 'js', 'i18n.js'), 'utf8');
  const listed = /export const LANGUAGES = \[([^\]]*)\]/.exec(code)[1].match(/'[^']+'/g).map((s) => s.slice(1, -1));
  assert.deepEqual([...listed].sort(), Object.keys(catalogs).sort());
});
