// Finding people: the sidebar search that starts a direct chat, and the dialog that
// creates a group. Both use one user-search box.

import * as api from '../api.js';
import { h, modal, userName, initials, debounce, sameId } from '../dom.js';

/** A search input with a result list; onPick(user) when a result is chosen. */
function userSearch({ me, testid, placeholder, onPick }) {
  const input = h('input', { type: 'search', placeholder, 'aria-label': placeholder, 'data-testid': testid, autocomplete: 'off' });
  const results = h('ul', { class: 'user-results', role: 'listbox' });
  const note = h('p', { class: 'search-note', 'aria-live': 'polite' });
  let seq = 0;

  const clear = () => {
    seq++; // drop answers still on their way
    results.replaceChildren();
    note.textContent = '';
  };
  const run = debounce(async () => {
    const q = input.value.trim();
    if (!q) return clear();
    const mine = ++seq;
    try {
      const users = (await api.searchUsers(q)).filter((u) => !sameId(u.id, me.id));
      if (mine !== seq) return;
      note.textContent = users.length ? '' : 'Nobody found.';
      results.replaceChildren(...users.map((u) => h('li', null,
        h('button', { type: 'button', class: 'user-result', 'data-testid': 'user-result', 'data-user-id': u.id,
          onclick: () => { onPick(u); input.value = ''; clear(); } },
        h('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(userName(u))),
        h('span', null, userName(u), h('span', { class: 'username' }, ` @${u.username}`))))));
    } catch (err) {
      if (mine === seq) note.textContent = err.message;
    }
  }, 250);

  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { input.value = ''; clear(); }
  });
  return { el: h('div', { class: 'user-search' }, input, note, results), input, clear };
}

/** The sidebar's "find a person" box: picking someone opens (or creates) the DM. */
export function dmSearch({ me, onChat }) {
  const error = h('p', { class: 'search-note' });
  const search = userSearch({
    me,
    testid: 'new-dm-search',
    placeholder: 'Find people to message',
    onPick: async (user) => {
      error.textContent = '';
      try {
        // The server answers with the existing DM when there is one.
        onChat(await api.createChat({ chat_type: 'dm', member_ids: [user.id] }));
      } catch (err) {
        error.textContent = `Could not start the chat: ${err.message}`;
      }
    },
  });
  return { el: h('div', { class: 'dm-search' }, search.el, error), clear: search.clear };
}

/** The "new group" dialog; onChat(chat) with the created group. */
export function openGroupDialog({ me, onChat }) {
  const picked = new Map();
  const title = h('input', { id: 'group-title', type: 'text', maxlength: 200, 'data-testid': 'group-title' });
  const titleError = h('p', { class: 'field-error', 'data-testid': 'group-title-error' });
  const chips = h('ul', { class: 'chips', 'aria-label': 'Members' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-error' });
  const create = h('button', { type: 'submit', class: 'primary', 'data-testid': 'group-create' }, 'Create group');

  const renderChips = () => chips.replaceChildren(...[...picked.values()].map((u) => h('li', { class: 'chip', 'data-testid': 'group-member' },
    userName(u),
    h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${userName(u)}`,
      onclick: () => { picked.delete(String(u.id)); renderChips(); } }, '×'))));

  const search = userSearch({
    me,
    testid: 'group-search',
    placeholder: 'Add people',
    onPick: (u) => { picked.set(String(u.id), u); renderChips(); },
  });

  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'group-title' }, 'Group name'), title, titleError),
    h('div', { class: 'field' }, h('label', null, 'Members'), chips, search.el),
    error, create);
  const dialog = modal('New group', 'group-dialog', form);
  title.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    titleError.textContent = title.value.trim() ? '' : 'Give the group a name.';
    error.textContent = picked.size ? '' : 'Add at least one person.';
    if (!title.value.trim() || !picked.size) return;
    create.disabled = true;
    try {
      const chat = await api.createChat({
        chat_type: 'group',
        title: title.value.trim(),
        member_ids: [...picked.values()].map((u) => u.id),
      });
      dialog.close();
      onChat(chat);
    } catch (err) {
      titleError.textContent = err.fields.title || '';
      error.textContent = err.fields.title ? '' : err.message;
    } finally {
      create.disabled = false;
    }
  });
}
