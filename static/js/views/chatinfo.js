// A chat's details: its members (with who is an admin), and, as the API allows, renaming
// and adding or removing people (admins of groups and rooms) and leaving (anyone but in
// a direct chat). A server administrator may also take anyone out of a group or room,
// archive it (read-only) and delete it (moderation, /api/admin/).

import * as api from '../api.js';
import { h, modal, userName, chatTitle, sameId, said, isolated } from '../dom.js';
import { statuses } from '../statuses.js';
import { iconButton } from '../icons.js';
import { avatar } from '../avatar.js';
import { peopleSearch } from './finder.js';
import { notifyLevelPicker } from './notifylevel.js';
import { botBadge } from './message.js';
import { confirmAction } from './confirm.js';
import { topicForm, archiveButton } from './roomsettings.js';
import { t } from '../i18n.js';

/** onChanged(chat) after a rename or member change; onLeft(chatId) after leaving;
 *  levels: the notification levels (levels.js), for "Notify me"; isBot(user): bots are
 *  marked in the member list. */
export function openChatInfo({ me, chat, onChanged, onLeft, levels, isBot = () => false }) {
  // The messages choose their words by it: 'group', 'room' (anything else: a chat).
  const kind = chat.chat_type;
  const status = h('p', { class: 'list-status', role: 'status' }, t('chatinfo-loading'));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'chat-info-error' });
  const body = h('div', { class: 'chat-info' });
  // Asked for no details: shown at once, above what loads.
  const notify = notifyLevelPicker({ levels, chat });
  const dialog = modal(chatTitle(chat, me), 'chat-info-dialog', notify, status, body, error);
  dialog.querySelector('h2').dir = 'auto'; // the chat's title, as its people wrote it
  let current = chat;

  const isAdmin = () => (current.admins || []).some((id) => sameId(id, me.id));

  async function reload() {
    current = { ...chat, ...(await api.getChat(chat.id)) };
    status.textContent = '';
    render();
  }

  function renameForm() {
    const input = h('input', { id: 'chat-rename', type: 'text', maxlength: 255, 'data-testid': 'chat-rename-input', autocomplete: 'off' });
    input.value = current.title || '';
    const saveBtn = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'chat-rename-save' }, t('chatinfo-rename'));
    const form = h('form', { class: 'field', novalidate: true },
      h('label', { for: input.id }, t('chatinfo-name-of-the-kind', { kind })), h('div', { class: 'inline-form' }, input, saveBtn));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const title = input.value.trim();
      error.textContent = '';
      if (!title) { error.textContent = t('chatinfo-give-the-kind-a-name', { kind }); return input.focus(); }
      saveBtn.disabled = true;
      try {
        current = { ...current, ...(await api.updateChat(chat.id, { title })) };
        dialog.querySelector('h2').textContent = chatTitle(current, me);
        onChanged(current);
      } catch (err) {
        error.textContent = err.fields.title || err.message;
      } finally {
        saveBtn.disabled = false;
      }
    });
    return form;
  }

  function memberItem(m) {
    const admin = (current.admins || []).some((id) => sameId(id, m.id));
    const you = sameId(m.id, me.id);
    // A chat admin removes as one; a server administrator who is not one, as moderation.
    const canRemove = chat.chat_type !== 'dm' && (isAdmin() || me.is_admin) && !you;
    return h('li', { class: 'member', 'data-testid': 'member', 'data-user-id': m.id },
      avatar(m, 'small'),
      h('span', { class: 'member-name' }, you ? said('chatinfo-name-you', { name: userName(m) }) : isolated(userName(m)), statuses.badge(m.id), h('span', { class: 'username' }, ` @${m.username}`)),
      isBot(m) ? botBadge() : null,
      admin && chat.chat_type !== 'dm' ? h('span', { class: 'tag' }, t('chatinfo-admin')) : null,
      canRemove ? iconButton('close', t('chatinfo-remove-username', { userName: userName(m) }), { 'data-testid': 'member-remove', onclick: async () => {
        error.textContent = '';
        try {
          await (isAdmin() ? api.removeMember(chat.id, m.id) : api.moderateMember(chat.id, m.id));
          await reload();
          onChanged(current);
        } catch (err) { error.textContent = t('chatinfo-could-not-remove-username', { userName: userName(m), message: err.message }); }
      } }) : null);
  }

  function leaveControls() {
    const leave = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'chat-leave' }, t('chatinfo-leave-kind', { kind }));
    const confirm = h('button', { type: 'button', class: 'danger-fill', 'data-testid': 'chat-leave-confirm', hidden: true }, t('chatinfo-yes-leave'));
    const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, t('chatinfo-stay'));
    const ask = (on) => {
      leave.hidden = on;
      confirm.hidden = !on;
      cancel.hidden = !on;
      (on ? confirm : leave).focus();
    };
    leave.addEventListener('click', () => ask(true));
    cancel.addEventListener('click', () => ask(false));
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        await api.removeMember(chat.id, me.id);
        dialog.close();
        onLeft(chat.id);
      } catch (err) {
        error.textContent = t('chatinfo-could-not-leave', { message: err.message });
        confirm.disabled = false;
      }
    });
    return h('div', { class: 'row leave' }, leave, confirm, cancel);
  }

  // A server administrator's: archive (read-only) or unarchive, or delete the group or
  // room for everyone.
  function moderationControls() {
    const archived = Boolean(current.is_archived);
    const archive = h('button', { type: 'button', class: 'secondary', 'data-testid': archived ? 'chat-unarchive' : 'chat-archive' },
      archived ? t('chatinfo-unarchive-kind', { kind }) : t('chatinfo-archive-kind', { kind }));
    archive.addEventListener('click', async () => {
      archive.disabled = true;
      error.textContent = '';
      try {
        const answer = await api.archiveChat(chat.id, !archived);
        current = { ...current, is_archived: Boolean(answer && answer.is_archived) };
        onChanged(current);
        render();
        dialog.querySelector(`[data-testid="${archived ? 'chat-archive' : 'chat-unarchive'}"]`)?.focus();
      } catch (err) {
        error.textContent = archived ? t('chatinfo-could-not-unarchive', { message: err.message }) : t('chatinfo-could-not-archive', { message: err.message });
        archive.disabled = false;
      }
    });
    const remove = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'chat-moderate-delete' },
      t('chatinfo-delete-kind-for-everyone', { kind }));
    remove.addEventListener('click', () => confirmAction({
      title: t('chatinfo-delete-this-kind', { kind }),
      question: t('chatinfo-chattitle-is-deleted-for-all', { chatTitle: chatTitle(current, me), value: (current.members || []).length }),
      action: t('chatinfo-delete-kind', { kind }),
      run: async () => {
        await api.moderateChat(chat.id);
        dialog.close();
        onLeft(chat.id);
      },
    }));
    return h('div', { class: 'row moderation' }, h('span', { class: 'hint' }, t('chatinfo-administrator')), archive, remove);
  }

  function render() {
    const members = current.members || [];
    const parts = [];
    if (chat.chat_type !== 'dm' && isAdmin()) {
      parts.push(renameForm(), topicForm({ chat, current: () => current, error,
        onSaved: (answer) => { current = { ...current, ...answer }; onChanged(current); } }));
    }
    else if (chat.chat_type !== 'dm') parts.push(h('p', { class: 'hint' }, t('chatinfo-only-admins-can-rename-the', { kind })));
    parts.push(h('h3', null, t('chatinfo-members-length', { length: members.length })),
      h('ul', { class: 'member-list', 'data-testid': 'member-list' }, ...members.map(memberItem)));
    if (chat.chat_type !== 'dm' && isAdmin()) {
      const add = peopleSearch({
        me,
        testid: 'member-add-search',
        label: t('chatinfo-add-people'),
        except: (id) => members.some((m) => sameId(m.id, id)),
        onPick: async (u) => {
          error.textContent = '';
          try {
            await api.addMembers(chat.id, [u.id]);
            await reload();
            onChanged(current);
            dialog.querySelector('[data-testid="member-add-search"]')?.focus();
          } catch (err) { error.textContent = t('chatinfo-could-not-add-username', { userName: userName(u), message: err.message }); }
        },
      });
      parts.push(h('div', { class: 'field' }, add.el));
    }
    if (chat.chat_type !== 'dm') parts.push(leaveControls());
    if (chat.chat_type !== 'dm' && me.is_admin) parts.push(moderationControls());
    else if (chat.chat_type !== 'dm' && isAdmin()) {
      parts.push(archiveButton({ chat, current: () => current, kind, error,
        onDone: (answer) => { current = { ...current, is_archived: Boolean(answer && answer.is_archived) }; onChanged(current); render(); } }));
    }
    body.replaceChildren(...parts);
  }

  reload().catch((err) => { status.textContent = t('chatinfo-could-not-load-the-details', { message: err.message }); });
}
