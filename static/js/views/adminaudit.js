// Administration, the audit log: who did what to whom, newest first (`null` actor: the
// command line), with "Older entries" following the server's pages. People, chats and
// messages are named as the server's `names` give them, never by number alone.

import * as api from '../api.js';
import { h } from '../dom.js';
import { longTime, shortTime } from '../time.js';
import { pagedList, section } from './page.js';
import { t } from '../i18n.js';

const ACTION = {
  'invitation.create': t('adminaudit-made-the-join-link'),
  'invitation.revoke': t('adminaudit-revoked-the-join-link'),
  'user.deactivate': 'deactivated',
  'user.reactivate': 'reactivated',
  'user.promote': t('adminaudit-made-an-administrator'),
  'user.demote': t('adminaudit-removed-as-administrator'),
  'user.password_reset': t('adminaudit-made-a-password-reset-link'),
  'user.set_password': t('adminaudit-set-the-password-of'),
  'message.remove': t('adminaudit-removed-a-message'),
  'chat.remove': 'deleted',
  'chat.remove_member': 'removed',
  'chat.archive': 'archived',
  'chat.unarchive': 'unarchived',
};

// Where the chat of an entry goes in the sentence, after what it says about the person.
const CHAT_WORD = { 'chat.remove_member': 'from', 'bot.add_to_chat': 'to', 'bot.remove_from_chat': 'from' };
const KIND = { direct: t('adminaudit-direct-chat'), group: 'group', room: 'room' };
// Details the names already say.
const NAMED = new Set(['chat_id', 'sender_id', 'user_id', 'kind', 'title', 'name']);

const person = (p) => `@${p.username}${p.is_active === false ? ' (deactivated)' : ''}`;
const chatWords = (c) => t('adminaudit-the-chat', { kind: KIND[c.kind] || t('adminaudit-chat'), title: c.title || (c.kind === 'direct' ? t('adminaudit-between-two-people') : `#${c.id}`) });

/** What an entry is about, in words from its names (the target's own text otherwise). */
function subjectWords(e) {
  const names = e.names || {};
  const parts = [];
  if (names.user) parts.push(person(names.user));
  else if (!names.chat || String(e.target || '').startsWith('invitation:')) parts.push(targetWords(e.target));
  if (names.sender) parts.push(t('adminaudit-by', { name: person(names.sender) }));
  if (names.chat) parts.push(parts.length ? `${CHAT_WORD[e.action] || 'in'} ${chatWords(names.chat)}` : chatWords(names.chat));
  return parts.filter(Boolean).join(' ');
}

// A target as the server names it: `user:7 bob`, `invitation:3`, `chat:12 Team`.
const TARGET = /^([a-z_]+):(\d+)(?: (.*))?$/;
const ISO = /^\d{4}-\d\d-\d\dT/;

/** A target in words: a person as @name, anything else as its kind, number and name. */
function targetWords(value) {
  if (value == null || value === '') return '';
  if (typeof value === 'object') return value.username ? `@${value.username}` : JSON.stringify(value);
  const m = TARGET.exec(String(value));
  if (!m) return String(value);
  const [, kind, id, name] = m;
  if (kind === 'user') return name ? `@${name}` : t('adminaudit-person-id', { id });
  // After "made the join link": its number, not its kind a second time.
  if (kind === 'invitation') return `#${id}`;
  return `${kind.replace(/_/g, ' ')} ${id}${name ? ` (${name})` : ''}`;
}

/** Details (`{max_uses: 2, expires_at: "..."}`) as "max uses 2, expires at <local time>". */
function detailWords(value) {
  if (value == null || value === '') return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value).filter(([key]) => !NAMED.has(key)).map(([key, v]) => {
    const shown = v == null ? 'none' : typeof v === 'string' && ISO.test(v) ? longTime(v)
      : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `${key.replace(/_/g, ' ')} ${shown}`;
  }).join(', ');
}

/** Answers {el, reload}. */
export function auditSection() {
  const list = h('ol', { class: 'admin-list', 'data-testid': 'audit-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'audit-more', hidden: true }, t('adminaudit-older-entries'));
  const part = section(t('adminaudit-audit-log'), 'admin-audit', list, more);

  const row = (e) => {
    const who = e.actor && e.actor.username ? `@${e.actor.username}` : t('adminaudit-the-command-line');
    const what = ACTION[e.action] || String(e.action || t('adminaudit-did-something'));
    const time = h('time', { datetime: e.at || '', title: longTime(e.at) }, shortTime(e.at));
    return h('li', { class: 'audit-row', 'data-testid': 'audit-row', 'data-action': String(e.action || '') },
      time, ' ', h('span', null, [who, what, subjectWords(e)].filter(Boolean).join(' ')),
      detailWords(e.detail) ? h('span', { class: 'admin-meta' }, ` — ${detailWords(e.detail)}`) : null);
  };

  const pages = pagedList({ list, more, row, say: part.say, empty: t('adminaudit-nothing-yet'), what: 'entries' });

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
