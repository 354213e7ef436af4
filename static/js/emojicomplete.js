// The `:` autocomplete of the message box: typing `:` and two or more letters of a name
// lists the matching emoji, the server's custom ones first, then the standard
// `:shortcode:` names (shortcodes.js, loaded on first need). ArrowUp/Down move, Enter or
// Tab pick, Escape closes, a click picks. A custom emoji is written as `:name: ` (drawn as
// its image when shown), a standard one as its character.
// It shares the textarea with the `@` list (mentionpicker.js): only one is open at a time
// (a word starts with `@` or with `:`), and while this one is open the box's
// `aria-controls` names this list; closing gives the attribute back.

import { h } from './dom.js';
import { markActive, caretListKeys } from './views/combobox.js';
import { customEmojiList, customEmojiImg } from './customemoji.js';
import { loadShortcodes } from './shortcode.js';
import { t } from './i18n.js';

const MAX_SHOWN = 8;
// Two letters at least, as Slack and Zulip do: a lone `:` or `:)` opens nothing.
const TYPED = /(^|[\s(])(:([a-z0-9_+-]{2,50}))$/;
let serial = 0;

/** The `:name` being typed before the caret of `before`, as {start, query}, or null. */
export function typedEmojiName(before) {
  const m = TYPED.exec(before);
  return m ? { start: m.index + m[1].length, query: m[3] } : null;
}

/** Up to `max` emoji whose names match `query` (name starts first, then contains):
 *  custom ones ({custom}) before standard ones ({char}). `standard`: name -> emoji. */
export function emojiMatches(query, custom, standard, max = MAX_SHOWN) {
  const q = String(query).toLowerCase();
  const rank = (name) => (name.startsWith(q) ? 0 : name.includes(q) ? 1 : 2);
  const pick = (items) => items.filter((e) => rank(e.name) < 2)
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.length - b.name.length || a.name.localeCompare(b.name));
  const mine = pick(custom.map((e) => ({ name: e.name, custom: e })));
  const known = standard ? pick([...standard].map(([name, char]) => ({ name, char }))) : [];
  return mine.concat(known).slice(0, max);
}

/** input: the textarea (already the `@` list's combobox); prefix: before the test ids.
 *  Answers {el, close}; `el` goes next to the textarea. */
export function emojiComplete({ input, prefix = '' }) {
  const id = `emoji-list-${++serial}`;
  const list = h('ul', { class: 'results mention-list emoji-list', id, role: 'listbox', 'aria-label': t('emojicomplete-emoji'),
    'data-testid': `${prefix}emoji-list`, hidden: true });
  let standard = null; // name -> emoji, once loaded
  let options = []; // [{el, item}]
  let active = -1;
  let token = null;
  let otherControls = null; // the `@` list's id, given back on close

  const setActive = (i) => { active = i; markActive(input, options, i); };

  function close() {
    const wasOpen = !list.hidden;
    options = [];
    token = null;
    list.replaceChildren();
    list.hidden = true;
    if (!wasOpen) return; // the `@` list may own the box's attributes now
    input.setAttribute('aria-expanded', 'false');
    if (otherControls) input.setAttribute('aria-controls', otherControls);
    input.removeAttribute('aria-activedescendant');
  }

  function show(found) {
    options = found.map((item, n) => {
      const el = h('li', { class: 'result', role: 'option', id: `${id}-o${n}`, 'aria-selected': 'false',
        'data-testid': `${prefix}emoji-option`, 'data-name': item.name },
      item.custom ? customEmojiImg(item.custom) : h('span', { class: 'emoji-char', 'aria-hidden': 'true' }, item.char),
      h('span', { class: 'result-text' }, `:${item.name}:`));
      el.addEventListener('mousedown', (e) => e.preventDefault()); // keep the caret in the box
      el.addEventListener('click', () => pick(item));
      return { el, item };
    });
    list.replaceChildren(...options.map((o) => o.el));
    if (list.hidden) {
      otherControls = input.getAttribute('aria-controls');
      list.hidden = false;
    }
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'true');
    setActive(0);
  }

  function update() {
    const caret = input.selectionStart;
    const typed = caret === input.selectionEnd ? typedEmojiName(input.value.slice(0, caret)) : null;
    if (!typed) return close();
    token = typed;
    const found = emojiMatches(typed.query, customEmojiList(), standard);
    if (found.length) show(found);
    else close();
    token = typed;
    if (!standard) {
      loadShortcodes().then((table) => {
        standard = table;
        if (token === typed) update();
      }, () => {});
    }
  }

  function pick(item) {
    if (!token) return;
    const caret = input.selectionStart;
    const text = item.custom ? `:${item.name}: ` : `${item.char} `;
    input.value = input.value.slice(0, token.start) + text + input.value.slice(caret);
    const at = token.start + text.length;
    close();
    input.focus();
    input.setSelectionRange(at, at);
    input.dispatchEvent(new Event('input', { bubbles: true })); // resize, draft, typing
  }

  input.addEventListener('input', update);
  input.addEventListener('click', update);
  input.addEventListener('blur', close);
  caretListKeys(input, {
    state: () => ({ open: !list.hidden, count: options.length, active }),
    move: setActive,
    pick: (i) => pick(options[i].item),
    close,
  });
  return { el: list, close };
}
