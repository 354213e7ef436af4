// The rooms dialog: browse public rooms and join one, or create a new room.
// A joined room is a chat with the same id, so the caller just opens that chat.
// The list is natter's rooms browser (/messages/api/rooms/): the latest active first,
// each with its topic, purpose, member count and whether one is in it already.

import * as api from '../api.js';
import { request } from '../api.js';
import { h, modal } from '../dom.js';
import { t } from '../i18n.js';

/** isJoined(id): already a member; onJoined(roomId): refresh the chats and open it. */
export function openRoomsDialog({ isJoined, onJoined }) {
  const list = h('ul', { class: 'room-list', 'data-testid': 'room-list' });
  const status = h('p', { class: 'list-status', 'aria-live': 'polite' }, t('rooms-loading-rooms'));
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'rooms-more', hidden: true }, t('rooms-more-rooms'));

  const name = h('input', { id: 'room-name', type: 'text', maxlength: 100, 'data-testid': 'room-name' });
  const nameError = h('p', { class: 'field-error', 'data-testid': 'room-name-error' });
  const desc = h('input', { id: 'room-description', type: 'text', maxlength: 500, 'data-testid': 'room-description' });
  const createError = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'room-create-error' });
  const create = h('button', { type: 'submit', class: 'primary', 'data-testid': 'room-create' }, t('rooms-create-room'));
  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'room-name' }, t('rooms-new-room-name')), name, nameError),
    h('div', { class: 'field' }, h('label', { for: 'room-description' }, t('rooms-description-optional')), desc),
    createError, create);

  const dialog = modal(t('rooms-rooms'), 'rooms-dialog',
    h('section', null, h('h3', null, t('rooms-join-a-room')), status, list, more),
    h('section', null, h('h3', null, t('rooms-or-start-one')), form));

  const done = async (roomId) => {
    dialog.close();
    await onJoined(roomId);
  };

  function item(room) {
    const note = h('p', { class: 'field-error' });
    const joined = room.is_member || isJoined(room.id);
    const full = room.max_participants && room.member_count >= room.max_participants;
    const join = h('button', { type: 'button', class: joined ? 'secondary' : 'primary', 'data-testid': 'join-room',
      disabled: !joined && full ? true : null }, joined ? t('rooms-open') : full ? t('rooms-full') : t('rooms-join'));
    join.addEventListener('click', async () => {
      if (joined) return done(room.id);
      join.disabled = true;
      try {
        await api.joinRoom(room.id);
        await done(room.id);
      } catch (err) {
        note.textContent = err.message;
        join.disabled = false;
      }
    });
    const count = Number(room.member_count) || 0;
    return h('li', { class: 'room-item', 'data-testid': 'room-item', 'data-room-id': room.id },
      h('div', { class: 'room-text' },
        h('strong', { class: 'room-name' }, room.name),
        room.topic ? h('p', { class: 'room-topic', 'data-testid': 'room-topic' }, room.topic) : null,
        room.purpose ? h('p', { class: 'room-desc' }, room.purpose) : null,
        h('p', { class: 'room-meta', 'data-testid': 'room-meta' }, t('rooms-members', { n: count }),
          joined ? t('rooms-you-are-in-it') : '', room.is_private ? t('rooms-private') : ''),
        note),
      join);
  }

  let next = null;
  async function load(first) {
    more.disabled = true;
    try {
      const page = first ? await request('GET', '/messages/api/rooms/') : await api.nextRooms(next);
      next = page.next;
      list.append(...page.results.map(item));
      status.textContent = list.children.length ? '' : t('rooms-no-public-rooms-yet');
    } catch (err) {
      status.textContent = t('rooms-could-not-load-rooms-message', { message: err.message });
    } finally {
      more.hidden = !next;
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => load(false));
  load(true);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    nameError.textContent = name.value.trim() ? '' : t('rooms-give-the-room-a-name');
    createError.textContent = '';
    if (!name.value.trim()) return;
    create.disabled = true;
    try {
      const room = await api.createRoom(name.value.trim(), desc.value.trim());
      await done(room.id);
    } catch (err) {
      nameError.textContent = err.fields.name || '';
      createError.textContent = err.fields.name ? '' : err.message;
    } finally {
      create.disabled = false;
    }
  });
}
