// Administration, groups and rooms: every one on the server, whoever is in it (direct
// chats are never listed), searchable by title, each with Archive/Unarchive and Delete
// for everyone (asked once more), so an administrator moderates a chat without joining it.
// A room also has "Newcomers start here": every newcomer starts in the rooms marked so.

import * as api from '../api.js';
import { h } from '../dom.js';
import { shortTime } from '../time.js';
import { searchedList } from './page.js';
import { confirmAction } from './confirm.js';
import { t } from '../i18n.js';

/** onChanged() after any change to a chat. */
export function chatsSection({ onChanged }) {
  function chatRow(c) {
    const kind = c.chat_type; // the messages' selector: 'group' or 'room'
    const note = h('div', { class: 'row-note', role: 'status' });
    const item = h('li', { class: 'admin-row', 'data-testid': 'admin-chat', 'data-chat-id': String(c.id) });
    const fail = (err) => note.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, err.message));

    const archive = h('button', { type: 'button', class: 'secondary', 'data-testid': c.is_archived ? 'admin-chat-unarchive' : 'admin-chat-archive',
      'aria-label': c.is_archived ? t('adminchats-unarchive-kind-title', { kind, title: c.title }) : t('adminchats-archive-kind-title', { kind, title: c.title }) }, c.is_archived ? t('adminchats-unarchive') : t('adminchats-archive'));
    archive.addEventListener('click', async () => {
      archive.disabled = true;
      note.replaceChildren();
      try {
        const answer = await api.archiveChat(c.id, !c.is_archived);
        const fresh = chatRow({ ...c, is_archived: Boolean(answer && answer.is_archived) });
        item.replaceWith(fresh);
        fresh.querySelector('[data-testid^="admin-chat-"][data-testid$="archive"]')?.focus();
        onChanged();
      } catch (err) {
        archive.disabled = false;
        fail(err);
      }
    });
    const remove = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'admin-chat-delete',
      'aria-label': t('adminchats-delete-kind-for-everyone-title', { kind, title: c.title }) }, t('adminchats-delete'));
    remove.addEventListener('click', () => confirmAction({
      title: t('adminchats-delete-this-kind', { kind }),
      question: t('adminchats-title-is-deleted-for-all', { title: c.title, member_count: c.member_count }),
      action: t('adminchats-delete-kind', { kind }),
      run: async () => {
        await api.moderateChat(c.id);
        item.remove();
        onChanged();
      },
    }));

    const starts = c.chat_type === 'room' ? defaultToggle(c, fail, note, onChanged) : null;

    const tags = [
      h('span', { class: 'tag' }, c.chat_type === 'room' ? t('adminchats-room') : t('adminchats-group')),
      c.is_archived ? h('span', { class: 'tag', 'data-testid': 'admin-chat-archived' }, t('adminchats-archived')) : null,
    ];
    const meta = [t('adminchats-members', { n: c.member_count }),
      t('adminchats-messages', { n: c.message_count }), t('adminchats-active', { when: shortTime(c.updated_at) })];
    item.append(
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name', 'data-testid': 'admin-chat-title' }, c.title || t('adminchats-group-with-no-name'), ...tags),
        h('span', { class: 'admin-meta' }, meta.join(' · '))),
      h('div', { class: 'row admin-actions' }, starts, archive, remove),
      note);
    return item;
  }

  return searchedList({
    title: t('adminchats-groups-and-rooms'), ids: 'admin-chats', label: t('adminchats-search-groups-and-rooms'), placeholder: t('adminchats-title'),
    moreText: t('adminchats-more-chats'), load: (q) => api.listChatsAsAdmin(q), row: chatRow,
    empty: t('adminchats-no-group-or-room-matches'), what: 'chats',
  });
}

/** A room's "Newcomers start here" checkbox: marks or unmarks it as a default room. */
function defaultToggle(c, fail, note, onChanged) {
  const box = h('input', { type: 'checkbox', 'data-testid': 'admin-chat-default', checked: Boolean(c.is_default),
    'aria-label': t('adminchats-newcomers-start-here-title', { title: c.title }) });
  box.addEventListener('change', async () => {
    const on = box.checked;
    box.disabled = true;
    note.replaceChildren();
    try {
      const answer = await api.setDefaultRoom(c.id, on);
      c.is_default = Boolean(answer && answer.is_default);
      box.checked = c.is_default;
      onChanged();
    } catch (err) {
      box.checked = !on;
      fail(err);
    } finally {
      box.disabled = false;
    }
  });
  return h('label', { class: 'row', title: t('adminchats-everyone-who-joins-the-server') }, box, t('adminchats-newcomers-start-here'));
}
