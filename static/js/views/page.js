// The frame of a page that takes the place of the chats (account, administration): a
// heading that takes focus, a way back, and sections, each with its own status line.

import * as api from '../api.js';
import { h, debounce } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

/** A page titled `title`; onBack() returns to the chats (so does Escape). */
export function pageFrame(title, testid, onBack, ...sections) {
  const heading = h('h1', { id: `${testid}-title`, tabindex: '-1' }, title);
  const back = h('a', { href: '#', class: 'back-link with-icon', 'data-testid': 'page-back',
    onclick: (e) => { e.preventDefault(); onBack(); } }, icon('back'), t('page-back-to-chats'));
  const el = h('section', { class: 'page', 'data-testid': testid, 'aria-labelledby': heading.id },
    h('div', { class: 'page-inner' }, h('div', { class: 'page-head' }, back, heading), ...sections));
  el.addEventListener('keydown', (e) => {
    // Escape leaves the page, unless it was meant for a field (clearing a search, say).
    const inField = e.target.closest('input, select, textarea');
    if (e.key === 'Escape' && !e.defaultPrevented && !inField) onBack();
  });
  return el;
}

/** A titled section with a polite status line; answers {el, say}. */
export function section(title, testid, ...body) {
  const heading = h('h2', { id: `${testid}-title` }, title);
  const status = h('p', { class: 'search-note', role: 'status', 'data-testid': `${testid}-status` });
  const el = h('section', { class: 'page-section', 'data-testid': testid, 'aria-labelledby': heading.id },
    heading, ...body, status);
  return { el, say: (text) => { status.textContent = text || ''; } };
}

/** A read-only link with a Copy button (the address is selected if copying is refused);
 *  `label` names the field and, when given, the button ("Copy <label>"). */
export function copyLink(url, testid, label) {
  const input = h('input', { type: 'text', readonly: true, class: 'copy-field', 'data-testid': testid,
    'aria-label': label || t('page-link-to-send'), value: url });
  const done = h('span', { class: 'search-note', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': `${testid}-copy`,
    'aria-label': label ? t('page-copy-label', { label }) : null }, icon('copy'), t('page-copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      done.textContent = t('page-copied');
    } catch {
      input.focus();
      input.select();
      done.textContent = t('page-selected-press-ctrl-c-or');
    }
  });
  return h('div', { class: 'copy-link' }, input, copy, done);
}

/** A section with a search form over a paged list (the admin page's people and chats):
 *  `load(search)` answers the first page, `row(item)` makes an item's element. Only the
 *  latest search's answer is shown. `ids` names the testids: `${ids}-section`, `${ids}`
 *  (the list), `${ids}-more`, and the search box's `searchId` (default `${ids}-search`). */
export function searchedList({ title, ids, searchId = `${ids}-search`, label, placeholder, moreText, load, row, empty, what }) {
  const search = h('input', { id: searchId, type: 'search', 'data-testid': searchId, autocomplete: 'off', placeholder });
  const list = h('ul', { class: 'admin-list', 'data-testid': ids });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': `${ids}-more`, hidden: true }, moreText);
  const part = section(title, `${ids}-section`,
    h('form', { class: 'inline-form', role: 'search', onsubmit: (e) => { e.preventDefault(); reload(); } },
      h('label', { for: search.id, class: 'visually-hidden' }, label), search,
      h('button', { type: 'submit', class: 'secondary' }, t('page-search'))),
    list, more);
  let asked = 0;
  async function reload() {
    const mine = ++asked;
    try {
      const page = await load(search.value.trim());
      if (mine === asked) pages.show(page);
    } catch (err) {
      if (mine === asked) part.say(t('page-could-not-list-what-message', { what, message: err.message }));
    }
  }
  search.addEventListener('input', debounce(reload, 250));
  const pages = pagedList({ list, more, row, say: part.say, empty, what });
  reload();
  return part.el;
}

/** A list filled a page at a time: show(page) fills it anew with `row(item)` (saying
 *  `empty` when there is none); the "more" button appends the server's next page. */
export function pagedList({ list, more, row, say, empty, what }) {
  let next = null;
  function show(page, append = false) {
    const rows = page.results.map(row);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    next = page.next;
    more.hidden = !next;
    if (!append) say(rows.length ? '' : empty);
  }
  more.addEventListener('click', async () => {
    if (!next) return;
    more.disabled = true;
    try {
      show(await api.nextPage(next), true);
    } catch (err) {
      say(t('page-could-not-list-more-what', { what, message: err.message }));
    } finally {
      more.disabled = false;
    }
  });
  return { show };
}
