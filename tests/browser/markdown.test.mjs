// Unit tests of the web client's message text rendering under Node (`node --test`), with a
// stand-in for the few DOM calls it makes: what it builds for ordinary Markdown, and that
// inputs crafted to be slow render in a few milliseconds. Run by tests/browser.rs
// (`message_text_unit_tests_under_node`); the real-browser timings are markdown.mjs's.

import { test } from 'node:test';
import assert from 'node:assert/strict';

class Node {
  constructor(tag) { this.tag = tag; this.kids = []; this.className = ''; this.dataset = {}; this.attrs = {}; }
  append(...children) { this.kids.push(...children); }
  setAttribute(name, value) { this.attrs[name] = String(value); }
  set textContent(text) { this.kids = [String(text)]; }
}
globalThis.document = { createElement: (tag) => new Node(tag) };
const { messageNodes } = await import('../../static/js/messagetext.js');

// A node tree as compact text: <tag.class href>children</tag>, strings quoted.
const show = (n) => (typeof n === 'string' ? JSON.stringify(n)
  : `<${n.tag}${n.className ? `.${n.className}` : ''}${n.href ? ` ${n.href}` : ''}>${n.kids.map(show).join('')}</${n.tag}>`);
const render = (text) => messageNodes(text, 'me').map(show).join('');

test('ordinary Markdown renders as before', () => {
  assert.equal(render('**b** *i* _i_ `c`'), '<strong>"b"</strong>" "<em>"i"</em>" "<em>"i"</em>" "<code.md-code>"c"</code>');
  assert.equal(render('``a`b``'), '<code.md-code>"a`b"</code>');
  assert.equal(render('a `b'), '"a `b"');
  assert.equal(render('x ```a``'), '"x ```a``"');
  assert.equal(render('[x](https://e.com/a_(b))'), '<a.msg-link https://e.com/a_(b)>"x"</a>');
  assert.equal(render('[[a](https://q.r)'), '<a.msg-link https://q.r/>"[a"</a>');
  assert.equal(render('see http://x.com/a).'), '"see "<a.msg-link http://x.com/a>"http://x.com/a"</a>")."');
  assert.equal(render('hi @bob.'), '"hi "<span.mention>"@bob"</span>"."');
  assert.equal(render('__init__ \\*no\\*'), '"__init__ *no*"');
});

const SIZE = 10_000;
const CASES = {
  'backtick runs of growing length': (n) => { let s = ''; for (let k = 1; s.length < n; k++) s += `${'`'.repeat(k)}a`; return s.slice(0, n); },
  'nested emphasis markers': (n) => '*_'.repeat(n / 2),
  'unclosed brackets': (n) => '['.repeat(n),
  'runs of backslashes': (n) => '\\'.repeat(n),
  'links never closed': (n) => '[text](https://example.com/'.repeat(n / 27),
  'an address full of dots': (n) => `https://a${'.'.repeat(n - 10)}b`,
  'a mention full of dots': (n) => `@a${'.'.repeat(n - 3)}b`,
};
// Processor time of this process (user + system), not wall time: another process on the
// same cores (CI builds and runs tests beside this one) stretches wall time, not this.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const timeOnce = (text) => {
  const t0 = cpuMs();
  messageNodes(text, 'me');
  return cpuMs() - t0;
};
// The fastest of seven of each size, the sizes taken in turn so a slow spell (a garbage
// collection, a busy neighbour) falls on both alike.
const fastestPair = (small, big) => {
  let once = Infinity;
  let four = Infinity;
  for (let k = 0; k < 7; k++) {
    once = Math.min(once, timeOnce(small));
    four = Math.min(four, timeOnce(big));
  }
  return [once, four];
};

// Linear time is told from quadratic by four times the text: about 4x the time against
// 16x. (Twice the text, 2x against 4x, was too close to call on a busy machine: 3.4x
// was seen for linear code while other tests ran.) A ratio over the bound is measured
// again, up to three times in all: quadratic code is over it every time, a linear one
// caught by a slow spell is not (11.8x was once seen for linear code on a loaded CI
// machine, timed by the wall clock).
for (const [name, make] of Object.entries(CASES)) {
  test(`${name}: ${SIZE} characters in a few milliseconds, four times as many in about four times the time`, () => {
    const small = make(SIZE);
    const big = make(4 * SIZE);
    const seen = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [once, four] = fastestPair(small, big);
      seen.push(`${once.toFixed(1)} ms, then ${four.toFixed(1)} ms`);
      if (once < 50 && four / Math.max(once, 1) < 8) return;
    }
    assert.fail(seen.join('; '));
  });
}
