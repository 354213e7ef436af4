// The `@` autocomplete of the message box: typing `@` and the start of a name lists the
// open chat's members (an ARIA combobox on the textarea with a listbox); ArrowUp/Down
// move, Enter or Tab pick, Escape closes, a click picks. Picking writes `@username `.
// combobox.js is built for a search input whose whole value is the query; here the
// query is one word before the caret in a textarea, so this is its own small widget.
// In groups and rooms it also offers `@here` and `@channel`, each saying whom it notifies,
// and the server's user groups (usergroups.js), each with its name and size.

import { h, userName, sameId } from './dom.js';
import { avatar } from './avatar.js';
import { statuses } from './statuses.js';
import { typedMention, nameKey } from './mentions.js';
import { userGroups } from './usergroups.js';
import { markActive, caretListKeys } from './views/combobox.js';
import { t } from './i18n.js';

const MAX_SHOWN = 8;
// The wide mentions offered (docs/api.md "Mentions"), and whom each one notifies.
const WIDE = [
  { username: 'here', wide: t('mentionpicker-notifies-everyone-in-this-chat') },
  { username: 'channel', wide: t('mentionpicker-notifies-everyone-in-this-chat-2') },
];
let serial = 0;

/** input: the textarea; members(): the open chat's members; me: who is typing; wide():
 *  whether `@here` and `@channel` are offered (not in a direct chat); prefix: before the
 *  test ids (a thread's box).
 *  Answers {el, close}; `el` goes next to the textarea. */
export function mentionPicker({ input, members, me, wide = () => false, prefix = '' }) {
  const id = `mention-list-${++serial}`;
  const list = h('ul', { class: 'results mention-list', id, role: 'listbox', 'aria-label': t('mentionpicker-people-in-this-chat'),
    'data-testid': `${prefix}mention-list`, hidden: true });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', id);
  let options = []; // [{el, user}]
  let active = -1;
  let token = null; // {start, query} of the `@name` being typed

  function setActive(i) {
    active = i;
    markActive(input, options, i);
  }

  function close() {
    options = [];
    token = null;
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function matches(query) {
    const q = nameKey(query);
    const people = (members() || []).filter((m) => m && m.username && !sameId(m.id, me.id));
    const starts = (s) => nameKey(s).startsWith(q);
    const words = (s) => nameKey(s).split(/\s+/).some((w) => w.startsWith(q));
    const calls = wide() ? WIDE.filter((w) => starts(w.username)) : [];
    const groups = wide()
      ? userGroups().filter((g) => !q || starts(g.handle) || words(g.name)).slice(0, 3).map((g) => {
        const n = Number(g.member_count) || 0;
        return { username: g.handle, wide: t('mentionpicker-group-notifies', { name: g.name, n }), group: true };
      })
      : [];
    return people
      .filter((m) => !q || starts(m.username) || words(m.display_name))
      .sort((a, b) => Number(!starts(a.username)) - Number(!starts(b.username)) || a.username.localeCompare(b.username))
      .slice(0, MAX_SHOWN - calls.length - groups.length)
      .concat(groups, calls);
  }

  function update() {
    const caret = input.selectionStart;
    token = caret === input.selectionEnd ? typedMention(input.value.slice(0, caret)) : null;
    if (!token) return close();
    const found = matches(token.query);
    if (!found.length) return close();
    const keep = token;
    options = found.map((user, n) => {
      const el = h('li', { class: 'result', role: 'option', id: `${id}-o${n}`, 'aria-selected': 'false',
        'data-testid': `${prefix}mention-option`, 'data-username': user.username, 'data-wide': user.wide ? 'true' : null,
        'data-group': user.group ? 'true' : null },
      ...(user.wide
        ? [h('span', { class: 'avatar small wide-mark', 'aria-hidden': 'true' }, '@'),
          h('span', { class: 'result-text' }, `@${user.username}`, h('span', { class: 'username', 'data-testid': 'mention-wide-note' }, ` ${user.wide}`))]
        : [avatar(user, 'small'),
          h('span', { class: 'result-text' }, userName(user), statuses.badge(user.id), h('span', { class: 'username' }, ` @${user.username}`))]));
      // mousedown would take the focus (and the caret) out of the box before the click lands.
      el.addEventListener('mousedown', (e) => e.preventDefault());
      el.addEventListener('click', () => pick(user));
      return { el, user };
    });
    token = keep;
    list.replaceChildren(...options.map((o) => o.el));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(0);
  }

  function pick(user) {
    if (!token) return;
    const caret = input.selectionStart;
    const text = `@${user.username} `;
    input.value = input.value.slice(0, token.start) + text + input.value.slice(caret);
    const at = token.start + text.length;
    close();
    input.focus();
    input.setSelectionRange(at, at);
    input.dispatchEvent(new Event('input', { bubbles: true })); // resize, typing signal
  }

  input.addEventListener('input', update);
  input.addEventListener('click', update);
  input.addEventListener('blur', close);
  caretListKeys(input, {
    state: () => ({ open: !list.hidden, count: options.length, active }),
    move: setActive,
    pick: (i) => pick(options[i].user),
    close,
  });
  input.addEventListener('keyup', (e) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') update();
  });
  return { el: list, close };
}
