// A search box with a list of results (the ARIA combobox pattern): typing searches,
// ArrowDown/ArrowUp move through the results, Enter picks the highlighted one (or the
// first), Escape clears. Results are clickable too. Used by every "find" box.

import { h } from '../dom.js';
import { t } from '../i18n.js';

const DELAY_MS = 200;
let serial = 0;

/**
 * search(q) -> Promise<[{label, items: [{testid, attrs, content: [nodes], pick()}]}]>
 * (a section label may be '' for a single unlabelled list).
 */
export function combobox({ testid, label, placeholder, search, emptyText = t('combobox-nothing-found'), delay = DELAY_MS, onEscape = null }) {
  const id = `combo-${++serial}`;
  const input = h('input', {
    type: 'search', placeholder, 'aria-label': label, 'data-testid': testid, autocomplete: 'off',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': `${id}-list`,
  });
  const list = h('div', { class: 'results', id: `${id}-list`, role: 'listbox', 'aria-label': label, hidden: true });
  const note = h('p', { class: 'search-note', 'aria-live': 'polite' });
  let options = []; // [{el, item}]
  let active = -1;
  let seq = 0;
  let timer = null;
  let pickWhenReady = false;
  let shown = ''; // the query the results on screen answer

  function setActive(i) {
    active = i;
    markActive(input, options, i);
  }

  function clear() {
    seq++; // drop answers still on their way
    clearTimeout(timer);
    pickWhenReady = false;
    options = [];
    shown = '';
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
    note.textContent = '';
  }

  function pick(option) {
    input.value = '';
    clear();
    option.item.pick();
  }

  function render(q, sections) {
    options = [];
    shown = q;
    const groups = sections.filter((s) => s.items.length).map((section, g) => {
      const head = section.label ? h('div', { class: 'results-label', id: `${id}-g${g}`, role: 'presentation' }, section.label) : null;
      const els = section.items.map((item) => {
        const el = h('div', { class: `result ${item.class || ''}`, role: 'option', id: `${id}-o${options.length}`,
          'aria-selected': 'false', 'data-testid': item.testid, ...item.attrs }, ...item.content);
        const option = { el, item };
        // mousedown would move focus off the box before the click lands.
        el.addEventListener('mousedown', (e) => e.preventDefault());
        el.addEventListener('click', () => pick(option));
        options.push(option);
        return el;
      });
      return h('div', { role: 'group', 'aria-labelledby': head ? head.id : null }, head, ...els);
    });
    list.replaceChildren(...groups);
    list.hidden = !options.length;
    input.setAttribute('aria-expanded', options.length ? 'true' : 'false');
    note.textContent = options.length ? t('combobox-results', { n: options.length }) : emptyText;
    note.classList.toggle('quiet', options.length > 0);
    setActive(options.length ? 0 : -1);
  }

  async function run() {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return clear();
    const mine = ++seq;
    try {
      const sections = await search(q);
      if (mine !== seq) return;
      render(q, sections);
      if (pickWhenReady && options.length) pick(options[0]);
    } catch (err) {
      if (mine === seq) note.textContent = err.message;
    } finally {
      if (mine === seq) pickWhenReady = false;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  });
  // Results fold away when the focus leaves (a pick keeps the focus: see mousedown) and come back with it.
  input.addEventListener('blur', () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  });
  input.addEventListener('focus', () => {
    if (!options.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  });
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    const n = options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!n) { if (input.value.trim()) run(); return; }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + n) % n);
    } else if (e.key === 'Enter') {
      if (!input.value.trim()) return; // nothing typed: let a form submit
      e.preventDefault();
      if (n && shown === input.value.trim()) pick(options[Math.max(active, 0)]);
      else { pickWhenReady = true; run(); } // results not here yet (or stale): pick the first when they are
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault(); // clear the box, do not close a dialog around it
      input.value = '';
      clear();
    } else if (e.key === 'Escape' && onEscape) {
      onEscape(e); // an empty box: let the owner put the focus back
    }
  });
  return { el: h('div', { class: 'combobox' }, input, note, list), input, clear };
}

/** Marks option `i` of `options` (`[{el}]`) as the highlighted one of `input`'s listbox,
 *  scrolled into view; none when `i` is out of range. Shared with the `@` and `:` lists. */
export function markActive(input, options, i) {
  options.forEach((o, n) => o.el.setAttribute('aria-selected', n === i ? 'true' : 'false'));
  const el = options[i] && options[i].el;
  if (el) {
    input.setAttribute('aria-activedescendant', el.id);
    el.scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

/** The keys of a list that opens at the caret of a textarea (the `@` and `:` lists):
 *  ArrowUp/Down move, Enter (without Shift) or Tab pick the highlighted option, Escape
 *  closes; other keys, and every key while the list is shut, reach the box. Register it
 *  before the composer's own keydown (Enter sends), so an open list takes these first.
 *  `state()` answers {open, count, active}; `move(i)`, `pick(i)` and `close()` act. */
export function caretListKeys(input, { state, move, pick, close }) {
  input.addEventListener('keydown', (e) => {
    const { open, count, active } = state();
    if (!open || !count || e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      move((active + (e.key === 'ArrowDown' ? 1 : -1) + count) % count);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      pick(Math.max(active, 0));
    } else if (e.key === 'Escape') {
      close();
    } else {
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
  });
}
