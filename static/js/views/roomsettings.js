// What a group's or room's own admins set besides its name (chatinfo.js): its topic
// (shown in the chat's header; each change is a line in the chat), its purpose (the
// chat's description) and whether it is archived (read-only for everyone).

import * as api from '../api.js';
import { request } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** The topic and purpose form. current(): the chat as known now; onSaved(fields) with
 *  the chat's answer; error: the dialog's error line. */
export function topicForm({ chat, current, onSaved, error }) {
  const topic = h('input', { id: 'chat-topic', type: 'text', maxlength: 250, 'data-testid': 'chat-topic-input', autocomplete: 'off' });
  topic.value = current().topic || '';
  const purpose = h('textarea', { id: 'chat-purpose', rows: 2, maxlength: 500, 'data-testid': 'chat-purpose-input' });
  purpose.value = current().description || '';
  const save = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'chat-topic-save' }, t('roomsettings-save-topic-and-purpose'));
  const form = h('form', { class: 'dialog-form room-settings', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: topic.id }, t('roomsettings-topic-shown-under-the-name')), topic),
    h('div', { class: 'field' }, h('label', { for: purpose.id }, t('roomsettings-purpose')), purpose),
    save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    save.disabled = true;
    try {
      onSaved(await api.updateChat(chat.id, { topic: topic.value, description: purpose.value.trim() }));
    } catch (err) {
      error.textContent = err.fields.topic || err.fields.description || err.message;
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/** Archive or unarchive, as one of the chat's admins; kind: the chat's type ('group', 'room');
 *  onDone({is_archived}). */
export function archiveButton({ chat, current, kind, onDone, error }) {
  const archived = Boolean(current().is_archived);
  const button = h('button', { type: 'button', class: 'secondary', 'data-testid': archived ? 'chat-admin-unarchive' : 'chat-admin-archive' },
    archived ? t('roomsettings-unarchive-kind', { kind }) : t('roomsettings-archive-kind', { kind }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      onDone(await request(archived ? 'DELETE' : 'POST', `/messages/api/chats/${encodeURIComponent(chat.id)}/archive/`));
    } catch (err) {
      error.textContent = archived ? t('roomsettings-could-not-unarchive', { message: err.message }) : t('roomsettings-could-not-archive', { message: err.message });
      button.disabled = false;
    }
  });
  return h('div', { class: 'row' }, button,
    h('span', { class: 'hint' }, archived ? t('roomsettings-archived-read-only-for-everyone') : t('roomsettings-archived-it-is-read-only')));
}
