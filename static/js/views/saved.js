// Saved messages: "Save for later" in a message's menu (with an optional reminder), the
// Saved page (`#saved`) listing them across chats, most recently saved first, each with
// its reminder, a way to open it and to take it off the list; one whose chat I left (or
// that was deleted) shows as not available, without its text. A due reminder arrives as
// the socket's `reminder` frame (and as a push or mail when no tab is open). The list
// comes a page at a time: the next page is read when the end of the list scrolls into
// view (or "More saved messages" is pressed).

import * as api from '../api.js';
import { h, userName, chatTitle, modal } from '../dom.js';
import { shortTime, longTime } from '../time.js';
import { filesAsWords } from '../text.js';
import { ownText } from '../replies.js';
import { pageFrame, section } from './page.js';
import { t } from '../i18n.js';

const SAVED = '/messages/api/saved/';

/** The sidebar's link to the Saved page. */
export function savedLink() {
  return h('a', { href: '#saved', class: 'button-link secondary', 'data-testid': 'saved-link',
    'aria-label': t('saved-saved-messages') }, t('saved-saved'));
}

/** A `datetime-local` value (the browser's own zone) for `date`. */
function localValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The reminder choices Slack offers, as times from now. */
function choices() {
  const now = new Date();
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    ['none', t('saved-no-reminder'), null],
    ['20m', t('saved-in-20-minutes'), new Date(now.getTime() + 20 * 60000)],
    ['1h', t('saved-in-1-hour'), new Date(now.getTime() + 3600000)],
    ['3h', t('saved-in-3-hours'), new Date(now.getTime() + 3 * 3600000)],
    ['tomorrow', t('saved-tomorrow-at-9-00'), tomorrow],
  ];
}

/** The reminder fields: preset choices and a time of one's own; `read()` gives an ISO
 *  time or null, or throws with a sentence. */
function reminderFields(current) {
  const select = h('select', { 'data-testid': 'remind-choice', 'aria-label': t('saved-remind-me') },
    ...choices().map(([value, label]) => h('option', { value }, label)),
    h('option', { value: 'custom' }, t('saved-at-a-time-i-choose')));
  const custom = h('input', { type: 'datetime-local', 'data-testid': 'remind-at', 'aria-label': t('saved-reminder-time'), hidden: true });
  if (current) {
    select.value = 'custom';
    custom.value = localValue(new Date(current));
    custom.hidden = false;
  }
  select.addEventListener('change', () => { custom.hidden = select.value !== 'custom'; if (!custom.hidden) custom.focus(); });
  const read = () => {
    if (select.value === 'custom') {
      const at = new Date(custom.value);
      if (!custom.value || Number.isNaN(at.getTime())) throw new Error(t('saved-choose-a-day-and-a'));
      return at.toISOString();
    }
    const found = choices().find(([value]) => value === select.value);
    return found && found[2] ? found[2].toISOString() : null;
  };
  return { el: h('label', { class: 'field' }, h('span', null, t('saved-remind-me')), select, custom), read };
}

/** The dialog that saves `msg` (or changes its reminder); onSaved(item) after. */
export function openSaveDialog(msg, { onSaved = () => {} } = {}) {
  const fields = reminderFields(null);
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'save-error' });
  const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'save-confirm' }, t('saved-save'));
  const dialog = modal(t('saved-save-for-later'), 'save-dialog',
    h('p', null, t('saved-only-you-see-your-saved')), fields.el, error, h('div', { class: 'row' }, save));
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const item = await api.request('POST', SAVED, { message_id: Number(msg.id), remind_at: fields.read() });
      dialog.close();
      onSaved(item);
    } catch (err) {
      error.textContent = err.message;
      save.disabled = false;
    }
  });
}

/** chatOf(id): the chat from the list, if known; onPick(chatId, messageId, threadId). */
export function savedPage({ me, chatOf, onPick, onBack }) {
  const list = h('ul', { class: 'admin-list saved-rows', 'data-testid': 'saved-list' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'saved-more', hidden: true,
    onclick: () => loadMore() }, t('saved-more-saved-messages'));
  const part = section(t('saved-saved-messages'), 'saved-section', list, more);
  let hasMore = false;
  let loading = null; // the page being read, so scrolling asks once
  let generation = 0; // bumps on a fresh load, so a late page of the old list is dropped
  // The next page as the end of the list comes into view; the button stays for keyboards.
  const seen = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadMore(); }) : null;
  if (seen) seen.observe(more);

  function row(item) {
    const m = item.message;
    const li = h('li', { class: 'saved-row', 'data-testid': 'saved-item', 'data-message-id': item.message_id,
      'data-available': item.available ? 'true' : 'false' });
    if (!item.available || !m) {
      li.append(h('p', { class: 'result-snippet unavailable', 'data-testid': 'saved-unavailable' },
        t('saved-this-message-is-not-available')),
      remove(item, li));
      return li;
    }
    const chat = chatOf(item.chat_id) || { id: item.chat_id, title: item.chat_title };
    const where = chatTitle(chat, me) || item.chat_title || t('saved-a-chat');
    const words = filesAsWords(ownText(m.content || '')) || t('saved-sent-a-file');
    const open = h('button', { type: 'button', class: 'mention-row', 'data-testid': 'saved-open',
      onclick: () => onPick(item.chat_id, m.id, m.in_channel === false ? m.thread_id : null) },
    h('span', { class: 'result-meta' },
      h('span', { class: 'result-sender' }, userName(m.sender)),
      h('span', { class: 'username' }, t('mentions-in', { where })),
      h('time', { class: 'chat-time', datetime: m.created_at, title: longTime(m.created_at) }, shortTime(m.created_at))),
    h('span', { class: 'result-snippet', dir: 'auto' }, words));
    const tools = reminder(item);
    tools.append(remove(item, li));
    li.append(open, tools);
    return li;
  }

  function reminder(item) {
    const when = item.remind_at;
    const sent = item.reminded_at;
    const text = !when ? t('saved-no-reminder')
      : sent ? t('saved-reminded-longtime', { longTime: longTime(when) }) : t('saved-reminder-longtime', { longTime: longTime(when) });
    const line = h('p', { class: 'search-note', 'data-testid': 'saved-reminder', 'data-reminded': sent ? 'true' : 'false' }, text);
    const change = h('button', { type: 'button', class: 'secondary', 'data-testid': 'saved-remind' }, when ? t('saved-change-reminder') : t('saved-remind-me'));
    change.addEventListener('click', () => {
      const fields = reminderFields(when && !sent ? when : null);
      const error = h('p', { class: 'form-error', role: 'alert' });
      const ok = h('button', { type: 'button', class: 'primary', 'data-testid': 'remind-save' }, t('saved-save'));
      const dialog = modal(t('saved-reminder'), 'remind-dialog', fields.el, error, h('div', { class: 'row' }, ok));
      ok.addEventListener('click', async () => {
        ok.disabled = true;
        try {
          await api.request('PATCH', `${SAVED}${Number(item.message_id)}/`, { remind_at: fields.read() });
          dialog.close();
          load();
        } catch (err) {
          error.textContent = err.message;
          ok.disabled = false;
        }
      });
    });
    return h('div', { class: 'row saved-tools' }, line, change);
  }

  function remove(item, li) {
    return h('button', { type: 'button', class: 'secondary', 'data-testid': 'saved-remove', onclick: async () => {
      try {
        await api.request('DELETE', `${SAVED}${Number(item.message_id)}/`);
        li.remove();
        if (!list.children.length) {
          if (hasMore) load(); // the page emptied while more wait: read the list again
          else part.say(t('saved-nothing-saved-save-a-message'));
        }
      } catch (err) {
        part.say(t('saved-could-not-remove-it-message', { message: err.message }));
      }
    } }, t('saved-remove'));
  }

  function showMore(page) {
    hasMore = Boolean(page.next);
    more.hidden = !hasMore;
  }

  async function load() {
    const mine = ++generation;
    part.say(t('saved-loading'));
    try {
      const page = await api.request('GET', SAVED);
      if (mine !== generation) return;
      list.replaceChildren(...page.results.map(row));
      part.say(page.count ? '' : t('saved-nothing-saved-save-a-message'));
      showMore(page);
    } catch (err) {
      part.say(t('saved-could-not-list-your-saved', { message: err.message }));
    }
  }

  // The page after the last row still shown (one removed meanwhile is no cursor).
  function loadMore() {
    if (!hasMore || loading || !list.isConnected) return loading;
    const last = list.lastElementChild;
    if (!last) return null;
    const mine = generation;
    loading = (async () => {
      try {
        const page = await api.request('GET', `${SAVED}?before=${Number(last.dataset.messageId)}`);
        if (mine !== generation) return;
        const have = new Set([...list.children].map((li) => li.dataset.messageId));
        list.append(...page.results.filter((item) => !have.has(String(item.message_id))).map(row));
        showMore(page);
      } catch (err) {
        part.say(t('saved-could-not-list-more', { message: err.message }));
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  load();
  return pageFrame(t('saved-saved'), 'saved-page', onBack, part.el);
}

/** The words a due reminder shows: the message's start, once asked for. */
export async function reminderWords(frame) {
  try {
    const item = await api.request('GET', `${SAVED}${Number(frame.message_id)}/`);
    const m = item.message;
    return m ? t('saved-reminder-of', { name: userName(m.sender), words: filesAsWords(ownText(m.content || '')) || t('saved-sent-a-file') }) : t('saved-reminder');
  } catch {
    return t('saved-reminder');
  }
}
