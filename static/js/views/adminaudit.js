// Administration, the audit log: who did what to whom, newest first (`null` actor: the
// command line), with "Older entries" following the server's pages. People, chats and
// messages are named as the server's `names` give them, never by number alone.

import * as api from '../api.js';
import { h } from '../dom.js';
import { longTime, shortTime } from '../time.js';
import { pagedList, section } from './page.js';
import { t, listOf } from '../i18n.js';

// Each action as one sentence, given `who` did it, the `person` it is about (or what its
// target names), a removed message's `sender`, the chat's `kind` (direct, group, room;
// the messages choose their words by it) and `title`, and the `target`.
const ACTION = {
  'invitation.create': (a) => t('adminaudit-invitation-create', a),
  'invitation.revoke': (a) => t('adminaudit-invitation-revoke', a),
  'user.deactivate': (a) => t('adminaudit-user-deactivate', a),
  'user.reactivate': (a) => t('adminaudit-user-reactivate', a),
  'user.promote': (a) => t('adminaudit-user-promote', a),
  'user.demote': (a) => t('adminaudit-user-demote', a),
  'user.password_reset': (a) => t('adminaudit-user-password-reset', a),
  'user.set_password': (a) => t('adminaudit-user-set-password', a),
  'user.confirm_email': (a) => t('adminaudit-user-confirm-email', a),
  'message.remove': (a) => t('adminaudit-message-remove', a),
  'chat.remove': (a) => t('adminaudit-chat-remove', a),
  'chat.remove_member': (a) => t('adminaudit-chat-remove-member', a),
  'chat.archive': (a) => t('adminaudit-chat-archive', a),
  'chat.unarchive': (a) => t('adminaudit-chat-unarchive', a),
  'chat.default': (a) => t('adminaudit-chat-default', a),
  'chat.not_default': (a) => t('adminaudit-chat-not-default', a),
  'bot.create': (a) => t('adminaudit-bot-create', a),
  'bot.update': (a) => t('adminaudit-bot-update', a),
  'bot.rotate_key': (a) => t('adminaudit-bot-rotate-key', a),
  'bot.delete': (a) => t('adminaudit-bot-delete', a),
  'bot.add_to_chat': (a) => t('adminaudit-bot-add-to-chat', a),
  'bot.remove_from_chat': (a) => t('adminaudit-bot-remove-from-chat', a),
};

// Details the names already say.
const NAMED = new Set(['chat_id', 'sender_id', 'user_id', 'kind', 'title', 'name', 'username']);

const person = (p) => (p.is_active === false ? t('dom-name-deactivated', { name: `@${p.username}` }) : `@${p.username}`);

// A target as the server names it: `user:7 bob`, `invitation:3`, `chat:12 Team`.
const TARGET = /^([a-z_]+):(\d+)(?: (.*))?$/;
const ISO = /^\d{4}-\d\d-\d\dT/;

/** A target in words: a person as @name, anything else by its name, else its number. */
function targetWords(value) {
  if (value == null || value === '') return '';
  if (typeof value === 'object') return value.username ? `@${value.username}` : JSON.stringify(value);
  const m = TARGET.exec(String(value));
  if (!m) return String(value);
  const [, kind, id, name] = m;
  if (kind === 'user') return name ? `@${name}` : t('adminaudit-person-id', { id });
  return name || `#${id}`;
}

/** An entry as one sentence, from its names (the target's own text otherwise). */
function entryWords(e) {
  const names = e.names || {};
  const chat = names.chat;
  const target = targetWords(e.target);
  const chatId = chat ? chat.id : (e.detail && e.detail.chat_id) ?? TARGET.exec(String(e.target || ''))?.[2];
  const args = {
    who: e.actor && e.actor.username ? `@${e.actor.username}` : t('adminaudit-the-command-line'),
    person: names.user ? person(names.user) : target,
    sender: names.sender ? person(names.sender) : t('adminaudit-someone'),
    kind: chat ? chat.kind : 'chat',
    title: (chat && chat.title) || (chatId != null ? `#${chatId}` : ''),
    target,
    action: String(e.action || ''),
  };
  const say = ACTION[e.action];
  return say ? say(args) : t('adminaudit-other', args);
}

/** Details (`{max_uses: 2, expires_at: "..."}`) as "max uses 2, expires at <local time>". */
function detailWords(value) {
  if (value == null || value === '') return '';
  if (typeof value !== 'object') return String(value);
  const items = Object.entries(value).filter(([key]) => !NAMED.has(key)).map(([key, v]) => {
    const shown = v == null ? t('adminaudit-none') : typeof v === 'string' && ISO.test(v) ? longTime(v)
      : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return t('adminaudit-detail', { key, value: shown });
  });
  return items.length ? listOf(items, 'unit') : '';
}

/** Answers {el, reload}. */
export function auditSection() {
  const list = h('ol', { class: 'admin-list', 'data-testid': 'audit-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'audit-more', hidden: true }, t('adminaudit-older-entries'));
  const part = section(t('adminaudit-audit-log'), 'admin-audit', list, more);

  const row = (e) => {
    const time = h('time', { datetime: e.at || '', title: longTime(e.at) }, shortTime(e.at));
    return h('li', { class: 'audit-row', 'data-testid': 'audit-row', 'data-action': String(e.action || '') },
      time, ' ', h('span', null, entryWords(e)),
      detailWords(e.detail) ? h('span', { class: 'admin-meta' }, ` — ${detailWords(e.detail)}`) : null);
  };

  const pages = pagedList({ list, more, row, say: part.say, empty: t('adminaudit-nothing-yet'), what: 'audit' });

  async function reload() {
    try {
      pages.show(await api.listAudit());
    } catch (err) {
      part.say(t('adminaudit-could-not-read-the-audit', { message: err.message }));
    }
  }
  reload();
  return { el: part.el, reload };
}
