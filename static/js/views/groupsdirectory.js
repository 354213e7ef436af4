// The directory's user groups (people.js): every group with its handle, name, purpose
// and size; opening one lists its members. Those who may manage groups (administrators,
// or everyone with --user-groups-by-everyone) make one, add and take out people, and
// remove it. A message's `@handle` then notifies its members in that chat.

import { h, userName } from '../dom.js';
import { iconButton } from '../icons.js';
import { peopleSearch } from './finder.js';
import { section } from './page.js';
import {
  loadGroups, onGroupsChange, userGroups, mayManageGroups, createGroup, getGroup, addToGroup, removeFromGroup, deleteGroup,
} from '../usergroups.js';
import { t } from '../i18n.js';

/** The groups' section of the directory, for `me`. */
export function groupsSection({ me }) {
  const list = h('ul', { class: 'admin-list', 'data-testid': 'group-directory' });
  const status = h('p', { class: 'list-status', role: 'status' }, t('groupsdirectory-loading-groups'));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-error' });
  const form = h('div');
  const opened = new Set(); // the groups whose members show, kept across a change

  function members(group, into) {
    into.replaceChildren(h('p', { class: 'list-status' }, t('groupsdirectory-loading')));
    getGroup(group.id).then((full) => {
      const rows = (full.members || []).map((m) => h('li', { class: 'member', 'data-testid': 'group-member', 'data-username': m.username },
        h('span', { class: 'member-name' }, userName(m), h('span', { class: 'username' }, ` @${m.username}`)),
        mayManageGroups() ? iconButton('close', t('groupsdirectory-take-username-out-of-handle', { userName: userName(m), handle: group.handle }), {
          'data-testid': 'group-member-remove',
          onclick: () => change(() => removeFromGroup(group.id, m.id)),
        }) : null));
      const parts = [h('ul', { class: 'member-list' }, ...rows)];
      if (mayManageGroups()) {
        parts.push(peopleSearch({ me, testid: 'group-add-search', label: t('groupsdirectory-add-people-to-handle', { handle: group.handle }),
          except: (id) => (full.members || []).some((m) => String(m.id) === String(id)),
          onPick: (u) => change(() => addToGroup(group.id, [u.id])) }).el);
        const remove = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'group-delete' }, t('groupsdirectory-remove-handle', { handle: group.handle }));
        remove.addEventListener('click', () => change(() => deleteGroup(group.id)));
        parts.push(h('div', { class: 'row admin-actions' }, remove));
      }
      into.replaceChildren(...parts);
    }, (err) => { into.replaceChildren(h('p', { class: 'form-error' }, err.message)); });
  }

  function row(group) {
    const n = Number(group.member_count) || 0;
    const detail = h('div', { hidden: true });
    const open = h('button', { type: 'button', class: 'secondary', 'data-testid': 'group-open', 'aria-expanded': 'false' }, t('groupsdirectory-members'));
    const show = (on) => {
      detail.hidden = !on;
      open.setAttribute('aria-expanded', String(on));
      if (on) opened.add(group.id); else opened.delete(group.id);
      if (on) members(group, detail);
    };
    open.addEventListener('click', () => show(detail.hidden));
    if (opened.has(group.id)) show(true);
    return h('li', { class: 'admin-row', 'data-testid': 'group-row', 'data-handle': group.handle },
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name', 'data-testid': 'group-name' }, `@${group.handle}`, h('span', { class: 'username' }, ` ${group.name}`)),
        h('span', { class: 'admin-meta', 'data-testid': 'group-meta' },
          `${t('groupsdirectory-people', { n })}${group.description ? ` · ${group.description}` : ''}`),
        detail),
      h('div', { class: 'row admin-actions' }, open));
  }

  function renderList() {
    const groups = userGroups();
    list.replaceChildren(...groups.map(row));
    status.textContent = groups.length ? '' : t('groupsdirectory-no-groups-yet');
  }

  function render() {
    renderList();
    form.replaceChildren(...(mayManageGroups() ? [newGroupForm()] : []));
  }

  // Another person's change, told by the socket: the list follows, a form being filled
  // stays, and the list is not redrawn under someone's hands (focus in it: an open
  // group's search for people) but once they leave it.
  let shown = false; // on the page once: leaving it ends the listening
  let owed = false;
  const stop = onGroupsChange(() => {
    if (!list.isConnected) { if (shown) stop(); return; }
    shown = true;
    if (list.contains(document.activeElement)) { owed = true; return; }
    renderList();
  });
  list.addEventListener('focusout', (e) => {
    if (owed && !list.contains(e.relatedTarget)) { owed = false; renderList(); }
  });

  async function change(run) {
    error.textContent = '';
    try {
      await run();
      await loadGroups(true);
      render();
    } catch (err) {
      error.textContent = err.message;
    }
  }

  function newGroupForm() {
    const handle = h('input', { id: 'group-handle', type: 'text', maxlength: 80, 'data-testid': 'group-handle', autocomplete: 'off', placeholder: t('groupsdirectory-handle-example') });
    const name = h('input', { id: 'group-name', type: 'text', maxlength: 100, 'data-testid': 'group-name-input', autocomplete: 'off', placeholder: t('groupsdirectory-design-team') });
    const make = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'group-create' }, t('groupsdirectory-make-group'));
    const f = h('form', { class: 'inline-form group-form', novalidate: true },
      h('label', { for: handle.id }, '@'), handle,
      h('label', { for: name.id, class: 'visually-hidden' }, t('groupsdirectory-name')), name, make);
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!handle.value.trim()) { error.textContent = t('groupsdirectory-give-the-group-a-handle'); return; }
      change(async () => {
        try {
          await createGroup({ handle: handle.value.trim(), name: name.value.trim() });
        } catch (err) {
          throw new Error(err.fields.handle || err.fields.name || err.message);
        }
      });
    });
    return f;
  }

  loadGroups(true).then(render);
  return section(t('groupsdirectory-groups'), 'group-directory-section',
    h('p', { class: 'search-note' }, t('groupsdirectory-mention-a-group-with-and')),
    form, error, status, list).el;
}
