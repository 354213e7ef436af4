// The "new group" dialog: a name and at least one other person. Each error clears as
// soon as what it complains about is fixed.

import * as api from '../api.js';
import { h, modal, userName } from '../dom.js';
import { iconButton } from '../icons.js';
import { peopleSearch } from './finder.js';
import { t } from '../i18n.js';

/** onChat(chat) with the created group. */
export function openGroupDialog({ me, onChat }) {
  const picked = new Map();
  const titleError = h('p', { class: 'field-error', id: 'group-title-error', 'data-testid': 'group-title-error', 'aria-live': 'polite' });
  const title = h('input', { id: 'group-title', type: 'text', maxlength: 255, 'data-testid': 'group-title',
    'aria-describedby': titleError.id, autocomplete: 'off' });
  const chips = h('ul', { class: 'chips', 'aria-label': t('groupdialog-members') });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-error' });
  const create = h('button', { type: 'submit', class: 'primary', 'data-testid': 'group-create' }, t('groupdialog-create-group'));

  const setTitleError = (text) => {
    titleError.textContent = text;
    if (text) title.setAttribute('aria-invalid', 'true');
    else title.removeAttribute('aria-invalid');
  };
  const renderChips = () => chips.replaceChildren(...[...picked.values()].map((u) => h('li', { class: 'chip', 'data-testid': 'group-member' },
    userName(u),
    iconButton('close', t('groupdialog-remove-username', { userName: userName(u) }), { onclick: () => { picked.delete(String(u.id)); renderChips(); search.input.focus(); } }))));

  const search = peopleSearch({
    me,
    testid: 'group-search',
    label: t('groupdialog-add-people'),
    except: (id) => picked.has(String(id)),
    onPick: (u) => {
      picked.set(String(u.id), u);
      error.textContent = ''; // the only group-level complaint is "add someone"
      renderChips();
    },
  });
  title.addEventListener('input', () => { if (title.value.trim()) setTitleError(''); });

  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'group-title' }, t('groupdialog-group-name')), title, titleError),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('groupdialog-members')), chips, search.el),
    error, create);
  const dialog = modal(t('groupdialog-new-group'), 'group-dialog', form);
  title.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setTitleError(title.value.trim() ? '' : t('groupdialog-give-the-group-a-name'));
    error.textContent = picked.size ? '' : t('groupdialog-add-at-least-one-person');
    if (!title.value.trim()) return title.focus();
    if (!picked.size) return search.input.focus();
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
      setTitleError(err.fields.title || '');
      error.textContent = err.fields.title ? '' : err.message;
    } finally {
      create.disabled = false;
    }
  });
}
