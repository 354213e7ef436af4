// The message search box (shortcut "/"): full-text search across every chat the person
// is in, as they type. Results are grouped by chat; picking one opens the chat at that
// message (see ChatView.jump). Operators (`from:@name`, `in:#room`, `has:file`, `on:`…)
// are listed under the box while it has the focus; after `from:@`, `in:@` and `in:#` it
// offers names to finish them, and days are read in the browser's zone (`tz`). The snippet is built from the server's `snippet_parts`
// (text, and whether it is a matched word) as text nodes and <mark> elements: nothing
// the server sends is parsed as HTML.

import * as api from '../api.js';
import { h, userName, chatTitle, sameId } from '../dom.js';
import { shortTime, longTime } from '../time.js';
import { combobox } from './combobox.js';
import { t as tx } from '../i18n.js';

const DELAY_MS = 250;
const PAGE_SIZE = 30;
// The operator being typed at the end of the box: `from:@`, `in:@` (people) or `in:#`
// (rooms and groups), and the part of the name typed so far.
const OPERATOR_AT_END = /(?:^|\s)(from:@|in:@|in:#)([^\s]*)$/i;
// What the box understands besides words, listed under it while it has the focus.
const OPERATORS = [
  ['from:@name', tx('msgsearch-sent-by')], ['in:#room', tx('msgsearch-in-a-room')], ['in:@name', tx('msgsearch-in-a-direct-chat')],
  ['has:file', tx('msgsearch-image-link-reaction-pin')], ['before:2026-01-31', tx('msgsearch-also-after-on')],
  ['is:thread', tx('msgsearch-or-is-saved')], ['"exact phrase"', ''], ['-word', tx('msgsearch-without-it')],
];
const zone = () => {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined; } catch { return undefined; }
};

/** The snippet's parts as text nodes, matched words in <mark>; the message text if the
 *  answer has no parts. */
function snippetNodes(m) {
  if (!Array.isArray(m.snippet_parts)) return [typeof m.content === 'string' ? m.content : ''];
  return m.snippet_parts
    .filter((p) => p && typeof p.text === 'string')
    .map((p) => (p.mark === true ? h('mark', null, p.text) : document.createTextNode(p.text)));
}

/** chats(): the list's chats (for titles it knows better); onPick(chatId, messageId,
 *  threadId) (threadId: the root when the message is a thread reply, else null). */
export function messageSearch({ me, chats, onPick }) {
  let before = null; // where the focus was when "/" was pressed

  async function search(q) {
    const typing = box.input.value.match(OPERATOR_AT_END);
    if (typing) return completions(box.input.value, typing[1], typing[2]);
    let page;
    try {
      page = await api.searchMessages(q, { page_size: PAGE_SIZE, tz: zone() });
    } catch (err) {
      // A 400 names the field (`q` or `tz`): show those words rather than the generic summary.
      throw new Error((err.fields && (err.fields.q || err.fields.tz)) || err.message);
    }
    const groups = new Map(); // chat id -> {label, items}, in order of each chat's newest hit
    for (const m of page.results) {
      const c = m.chat || {};
      const key = String(c.id);
      if (!groups.has(key)) {
        const known = chats().find((x) => sameId(x.id, c.id));
        groups.set(key, { label: (known && chatTitle(known, me)) || c.title || tx('msgsearch-chat'), items: [] });
      }
      groups.get(key).items.push(resultItem(m, c));
    }
    return [...groups.values()];
  }

  /** Names to finish the operator at the end of `raw`: people for `@`, the person's
   *  rooms and groups for `#`. Picking one writes it into the box and searches. */
  async function completions(raw, op, part) {
    const start = raw.length - op.length - part.length;
    const want = part.toLowerCase();
    let names;
    if (op.endsWith('#')) {
      names = chats()
        .filter((c) => c.chat_type !== 'dm')
        .map((c) => ({ value: c.name || (c.title || '').trim().replace(/\s+/g, '-'), label: chatTitle(c, me) }))
        .filter((n) => n.value && n.value.toLowerCase().includes(want))
        .slice(0, 8);
    } else {
      const people = part ? await api.searchUsers(part) : [];
      names = people.slice(0, 8).map((u) => ({ value: u.username, label: userName(u) }));
    }
    const items = names.map((n) => ({
      testid: 'search-completion',
      class: 'search-completion',
      attrs: { 'data-value': n.value },
      content: [h('span', { class: 'result-sender' }, `${op}${n.value}`),
        n.label && n.label !== n.value ? h('span', { class: 'username' }, ` ${n.label}`) : null],
      pick: () => {
        box.input.value = `${raw.slice(0, start)}${op}${n.value} `;
        box.input.focus();
        box.input.dispatchEvent(new Event('input'));
      },
    }));
    return [{ label: op.endsWith('#') ? tx('msgsearch-rooms') : tx('msgsearch-people'), items }];
  }

  function resultItem(m, c) {
    const snippet = h('span', { class: 'result-snippet', dir: 'auto', 'data-testid': 'message-result-snippet' }, ...snippetNodes(m));
    const who = m.sender && sameId(m.sender.id, me.id) ? tx('msgsearch-you') : userName(m.sender);
    return {
      testid: 'message-result',
      class: 'message-result',
      attrs: { 'data-message-id': m.id, 'data-chat-id': c.id },
      content: [
        h('span', { class: 'result-meta' },
          h('span', { class: 'result-sender' }, who),
          h('time', { class: 'username', datetime: m.created_at, title: longTime(m.created_at) }, ` ${shortTime(m.created_at)}`)),
        snippet,
      ],
      pick: () => onPick(c.id, m.id, m.thread_id ?? null),
    };
  }

  const box = combobox({
    testid: 'message-search',
    label: tx('msgsearch-search-messages'),
    placeholder: tx('msgsearch-search-messages-2'),
    emptyText: tx('msgsearch-no-messages-found'),
    delay: DELAY_MS,
    search,
    onEscape: () => {
      const back = before;
      before = null;
      if (back && back.isConnected && back !== box.input) back.focus();
      else box.input.blur();
    },
  });
  box.input.setAttribute('aria-keyshortcuts', '/');

  // "/" anywhere but in a text field (or with a dialog open) goes to the box.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], dialog, [role="dialog"]')) return;
    if (document.querySelector('dialog[open]')) return;
    e.preventDefault();
    before = document.activeElement;
    const focus = () => { box.input.focus(); box.input.select(); };
    if (!box.input.getClientRects().length && location.hash) {
      // Phones (and the account pages): the box shows once the app is back on the chat
      // list, which happens on `hashchange`, after this listener's turn: focus a frame later.
      window.addEventListener('hashchange', () => requestAnimationFrame(focus), { once: true });
      location.hash = '';
      return;
    }
    focus();
  });

  const operators = h('ul', { class: 'search-operators', 'data-testid': 'search-operators', 'aria-label': tx('msgsearch-search-operators') },
    ...OPERATORS.map(([op, what]) => h('li', null, h('code', null, op), what ? ` ${what}` : '')));
  return { el: h('div', { class: 'message-search', role: 'search', 'aria-label': tx('msgsearch-messages') }, box.el, operators), input: box.input, clear: box.clear };
}
