// "Send later" beside Send: a menu with "Tomorrow at 9:00", "Monday at 9:00" and a date
// and time picker, each a time in the browser's zone that the client turns into an
// instant (`toISOString`) for `/messages/api/scheduled/`; and "Scheduled messages", a
// list of the person's own to change or cancel while they wait. The server sends each
// once, as its sender, if they are still in the chat then; when it cannot, the socket's
// `scheduled_failed` shows a notice (`failedNotice`) and an open list reads itself again.

import * as api from '../api.js';
import { h, modal } from '../dom.js';
import { iconButton } from '../icons.js';
import { t, locale } from '../i18n.js';

const PATH = '/messages/api/scheduled/';

let openRender = null; // the open list's render, while its dialog is on the page

/** 9:00 local time, `days` days from today. */
function at9(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** The next Monday (a week on when today is Monday) at 9:00 local time. */
function nextMonday() {
  const add = ((8 - new Date().getDay()) % 7) || 7;
  return at9(add);
}

/** A Date as a `datetime-local` input's value (local time, to the minute). */
function localValue(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const shown = (iso) => new Date(iso).toLocaleString(locale(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The server's words for a refused field, else its summary. */
const why = (err) => (err.fields && (err.fields.send_at || err.fields.content || err.fields.state || err.fields.chat_id)) || err.message;

/** The button and menu for `composer` (its `input`, `chatId`, `error`, `autosize`,
 *  `keepDraft`); `note` tells what was scheduled. */
export function sendLater(composer) {
  const note = h('p', { class: 'search-note', role: 'status', 'data-testid': 'send-later-note' });
  const picker = h('input', { type: 'datetime-local', 'aria-label': t('sendlater-date-and-time'), 'data-testid': 'send-later-when' });
  const item = (label, testid, onclick) => h('button', { type: 'button', class: 'secondary', role: 'menuitem', 'data-testid': testid, onclick }, label);
  const menu = h('div', { class: 'send-later-menu', role: 'menu', 'aria-label': t('sendlater-send-later'), hidden: true, 'data-testid': 'send-later-menu' },
    item(t('sendlater-tomorrow-at-9-00'), 'send-later-tomorrow', () => schedule(at9(1))),
    item(t('sendlater-monday-at-9-00'), 'send-later-monday', () => schedule(nextMonday())),
    picker,
    item(t('sendlater-schedule-at-this-time'), 'send-later-at', () => {
      if (!picker.value) { picker.focus(); return; }
      schedule(new Date(picker.value)); // a datetime-local value is read as local time
    }),
    item(t('sendlater-scheduled-messages'), 'send-later-list', () => { close(); openList(); }));
  // An icon beside Send: a word there left a phone's message box too narrow for its placeholder.
  const button = iconButton('clock', t('sendlater-send-later'), { class: 'send-later-button', 'data-testid': 'send-later-button',
    'aria-haspopup': 'menu', 'aria-expanded': 'false' });

  function close() {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }
  button.addEventListener('click', () => {
    const open = menu.hidden;
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      picker.min = localValue(new Date());
      if (!picker.value) picker.value = localValue(at9(1));
      menu.querySelector('button').focus();
    }
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); button.focus(); }
  });
  document.addEventListener('click', (e) => {
    if (!menu.hidden && !el.contains(e.target)) close();
  });

  async function schedule(when) {
    const content = composer.input.value.trim();
    note.textContent = '';
    if (!content) {
      composer.error.textContent = t('sendlater-write-the-message-first-then');
      return;
    }
    try {
      const row = await api.request('POST', PATH, { chat_id: composer.chatId, content, send_at: when.toISOString() });
      close();
      composer.input.value = '';
      composer.error.textContent = '';
      composer.autosize();
      composer.keepDraft();
      note.textContent = t('sendlater-scheduled-for-shown', { shown: shown(row.send_at) });
    } catch (err) {
      composer.error.textContent = t('sendlater-not-scheduled-why', { why: why(err) });
    }
  }

  const el = h('div', { class: 'send-later' }, button, menu);
  return { el, note };
}

/** A scheduled message of mine was not sent (`frame`: the socket's `scheduled_failed`): a
 *  notice saying why, with a way to the list; an open list shows it failed at once. */
export function failedNotice(frame) {
  if (openRender) openRender();
  const line = h('p', { class: 'notice scheduled-failed-note', role: 'status', 'data-testid': 'scheduled-failed-note' },
    h('span', null, t('sendlater-failed-note', { why: frame.reason || t('sendlater-failed-refused') })), ' ',
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'scheduled-failed-open',
      onclick: () => { line.remove(); openList(); } }, t('sendlater-scheduled-messages-2')), ' ',
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'scheduled-failed-dismiss',
      onclick: () => line.remove() }, t('sendlater-dismiss')));
  return line;
}

/** The person's scheduled messages in a dialog: waiting ones to change or cancel, then
 *  what was sent, failed (with the reason) or cancelled. */
export async function openList() {
  const list = h('ul', { class: 'scheduled-list', 'data-testid': 'scheduled-list' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  modal(t('sendlater-scheduled-messages-2'), 'scheduled-dialog', error, list);
  const titles = new Map();
  const title = async (id) => {
    if (!titles.has(id)) titles.set(id, api.getChat(id).then((c) => c.title || t('sendlater-a-direct-chat'), () => t('sendlater-a-chat-you-left')));
    return titles.get(id);
  };
  async function render() {
    let rows;
    try {
      rows = (await api.request('GET', PATH)).results;
    } catch (err) {
      error.textContent = err.message;
      return;
    }
    if (!rows.length) {
      list.replaceChildren(h('li', { class: 'search-note' }, t('sendlater-nothing-scheduled')));
      return;
    }
    list.replaceChildren(...await Promise.all(rows.map(async (row) => entry(row, await title(row.chat_id)))));
  }
  openRender = () => (list.isConnected ? render() : null);
  function entry(row, where) {
    const state = {
      scheduled: t('sendlater-sends-shown', { shown: shown(row.send_at) }), sent: t('sendlater-sent-shown', { shown: shown(row.send_at) }),
      failed: t('sendlater-not-sent', { why: row.failure || t('sendlater-refused') }), cancelled: t('sendlater-cancelled'),
    }[row.state] || row.state;
    const li = h('li', { 'data-testid': 'scheduled-item', 'data-state': row.state },
      h('div', { class: 'username' }, t('sendlater-state-in-where', { state, where })),
      h('p', { class: 'scheduled-text' }, row.content));
    if (row.state !== 'scheduled') return li;
    const path = `${PATH}${encodeURIComponent(row.id)}/`;
    const text = h('textarea', { rows: 2, 'aria-label': t('sendlater-message'), 'data-testid': 'scheduled-edit-text' });
    const when = h('input', { type: 'datetime-local', 'aria-label': t('sendlater-date-and-time'), 'data-testid': 'scheduled-edit-when' });
    const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'scheduled-save' }, t('sendlater-save'));
    const form = h('div', { class: 'row', hidden: true }, text, when, save);
    const edit = h('button', { type: 'button', class: 'secondary', 'data-testid': 'scheduled-edit' }, t('sendlater-edit'));
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'scheduled-cancel' }, t('sendlater-cancel-sending'));
    edit.addEventListener('click', () => {
      text.value = row.content;
      when.value = localValue(new Date(row.send_at));
      form.hidden = false;
      text.focus();
    });
    save.addEventListener('click', async () => {
      try {
        await api.request('PATCH', path, { content: text.value, send_at: new Date(when.value).toISOString() });
        await render();
      } catch (err) { error.textContent = why(err); }
    });
    cancel.addEventListener('click', async () => {
      try {
        await api.request('DELETE', path);
        await render();
      } catch (err) { error.textContent = why(err); }
    });
    li.append(h('div', { class: 'row' }, edit, cancel), form);
    return li;
  }
  await render();
}
