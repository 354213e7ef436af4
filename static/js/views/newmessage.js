// "New message": pick one or more people and write to them. One person opens the direct
// chat with them (the one already there, or a new one); several open the group of just
// them and you: an existing group with no title and exactly those members, else a new
// one. Such a group needs no name: it is called after its members (dom.js chatTitle).

import * as api from '../api.js';
import { h, modal, userName } from '../dom.js';
import { iconButton } from '../icons.js';
import { peopleSearch, directChatWith } from './finder.js';
import { t } from '../i18n.js';

/** chats(): the list's chats (to reuse a group); onChat(chat) with the chat to open. */
export function openNewMessage({ me, chats, onChat }) {
  const picked = new Map();
  const chips = h('ul', { class: 'chips', 'aria-label': t('newmessage-to'), 'data-testid': 'new-message-to' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'new-message-error' });
  const open = h('button', { type: 'submit', class: 'primary', 'data-testid': 'new-message-open' }, t('newmessage-open-chat'));
  const hint = h('p', { class: 'search-note', id: 'new-message-hint' },
    t('newmessage-one-person-your-direct-chat'));

  const renderChips = () => {
    chips.replaceChildren(...[...picked.values()].map((u) => h('li', { class: 'chip', 'data-testid': 'new-message-person', 'data-user-id': u.id },
      userName(u),
      iconButton('close', t('newmessage-remove-username', { userName: userName(u) }), { onclick: () => { picked.delete(String(u.id)); renderChips(); search.input.focus(); } }))));
    open.textContent = picked.size > 1 ? t('newmessage-open-group-of-value', { value: picked.size + 1 }) : t('newmessage-open-chat');
  };

  const search = peopleSearch({
    me,
    testid: 'new-message-search',
    label: t('newmessage-to-a-name-or-username'),
    except: (id) => picked.has(String(id)),
    onPick: (u) => {
      picked.set(String(u.id), u);
      error.textContent = '';
      renderChips();
    },
  });
  search.input.setAttribute('aria-describedby', hint.id);

  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('newmessage-to')), chips, search.el, hint),
    error, open);
  const dialog = modal(t('newmessage-new-message'), 'new-message-dialog', form);
  search.input.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!picked.size) {
      error.textContent = t('newmessage-add-at-least-one-person');
      return search.input.focus();
    }
    open.disabled = true;
    try {
      const people = [...picked.values()];
      const chat = people.length === 1 ? await directChatWith(people[0]) : (groupOf(chats(), me, people) || await api.createChat({
        chat_type: 'group',
        member_ids: people.map((u) => u.id),
      }));
      dialog.close();
      onChat(chat);
    } catch (err) {
      error.textContent = t('newmessage-could-not-open-the-chat', { message: err.message });
    } finally {
      open.disabled = false;
    }
  });
}

/** The group with no title whose members are exactly `people` and `me`, if there is one. */
export function groupOf(chats, me, people) {
  const want = new Set([me, ...people].map((u) => String(u.id)));
  return chats.find((c) => c.chat_type === 'group' && (c.untitled || !c.title) && !c.is_archived && (c.members || []).length === want.size
    && c.members.every((m) => want.has(String(m.id)))) || null;
}
