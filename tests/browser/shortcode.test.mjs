// Unit tests of the message box's `:shortcode:` conversion (static/js/shortcode.js) under
// Node (`node --test`), with the committed gemoji table. Run by tests/browser.rs
// (`message_text_unit_tests_under_node`), beside markdown.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';

const { convertWith } = await import('../../static/js/shortcode.js');
const { SHORTCODES } = await import('../../static/js/shortcodes.js');
const c = (text) => convertWith(SHORTCODES, text);

test('known shortcodes become their emoji', () => {
  assert.equal(c(':smile:'), '😄');
  assert.equal(c('ship it :+1: :tada:!'), 'ship it 👍 🎉!');
  assert.equal(c('(:heart:)'), '(❤️)');
  assert.equal(c(':-1::thumbsup:'), '👎👍');
  assert.equal(c('line\n:rocket: go'), 'line\n🚀 go');
});

test('unknown names and colons in words stay', () => {
  assert.equal(c(':not_an_emoji_at_all:'), ':not_an_emoji_at_all:');
  assert.equal(c('at 10:30:45 ok'), 'at 10:30:45 ok');
  assert.equal(c('a:b: x'), 'a:b: x');
  assert.equal(c('http://host:8080/:smile:'), 'http://host:8080/:smile:');
  assert.equal(c(':Smile:'), ':Smile:');
  assert.equal(c('no colon'), 'no colon');
});

test('code spans and blocks are left alone', () => {
  assert.equal(c('`:smile:` :smile:'), '`:smile:` 😄');
  assert.equal(c('``a :tada: ` b`` :tada:'), '``a :tada: ` b`` 🎉');
  assert.equal(c('```\n:smile:\n```\n:smile:'), '```\n:smile:\n```\n😄');
  assert.equal(c('```\nopen :smile:'), '```\nopen :smile:');
  assert.equal(c('a lone ` then :smile:'), 'a lone ` then 😄');
});

test('while typing, a backtick not closed yet keeps what follows as it is', () => {
  assert.equal(convertWith(SHORTCODES, 'a `:smile:', true), 'a `:smile:');
  assert.equal(convertWith(SHORTCODES, ':tada: `x` :smile:', true), '🎉 `x` 😄');
  assert.equal(convertWith(SHORTCODES, 'a `:smile:'), 'a `😄');
});

// The `:` autocomplete's pure parts (static/js/emojicomplete.js).
const { typedEmojiName, emojiMatches } = await import('../../static/js/emojicomplete.js');

test('the autocomplete opens on a colon and two letters at a word start', () => {
  assert.deepEqual(typedEmojiName('ship :ta'), { start: 5, query: 'ta' });
  assert.deepEqual(typedEmojiName(':+1'), { start: 0, query: '+1' });
  assert.deepEqual(typedEmojiName('(:sh'), { start: 1, query: 'sh' });
  assert.equal(typedEmojiName('ship :t'), null);
  assert.equal(typedEmojiName('at 10:30'), null);
  assert.equal(typedEmojiName('ship :tada:'), null);
  assert.equal(typedEmojiName('http://x:80'), null);
});

test('custom emoji come first, names that start with the query before those that contain it', () => {
  const found = emojiMatches('ta', [{ id: 1, name: 'metal_tag' }, { id: 2, name: 'tacos' }], SHORTCODES, 6);
  assert.deepEqual(found.slice(0, 2).map((e) => e.name), ['tacos', 'metal_tag']);
  assert.ok(found[0].custom && !found[2].custom);
  assert.ok(found.slice(2).every((e) => typeof e.char === 'string'));
  assert.equal(found.length, 6);
  assert.ok(found[2].name.startsWith('ta'));
  assert.deepEqual(emojiMatches('zzzzzz', [], SHORTCODES), []);
  assert.deepEqual(emojiMatches('shipit', [{ id: 3, name: 'shipit' }], null).map((e) => e.name), ['shipit']);
});
