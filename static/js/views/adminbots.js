// Administration, bots (`#admin/bots`): make a bot (its key and key hook URL
// are shown once, to copy then), and per bot its outgoing webhook, a new key, deletion,
// and the groups and rooms it is in, each with the hook URL that posts there.

import * as api from '../api.js';
import { h, chatTitle, sameId, userName } from '../dom.js';
import { longTime, shortTime } from '../time.js';
import { copyLink, pageFrame, section } from './page.js';
import { field, form, showServerError } from './forms.js';
import { adminNav } from './admin.js';
import { botBadge } from './message.js';
import { t } from '../i18n.js';

/** bots: the registry (bots.js), told of every change; chats(): my chats (the chat list),
 *  for "Add to"; onBack() returns to the chats. */
export function botsPage({ me, bots, chats, onBack }) {
  const body = h('div', { class: 'page-body' }, h('p', { class: 'search-note', role: 'status' }, t('adminbots-loading')));
  const el = pageFrame(t('adminbots-bots'), 'bots-page', onBack, adminNav('bots'), body);
  api.account().then((a) => {
    if (!a || !a.is_admin) {
      body.replaceChildren(h('p', { class: 'notice', 'data-testid': 'admin-refused' }, t('adminbots-only-administrators-can-see-this')));
      return;
    }
    // A key shown by the form is dropped once it stops working (a new key, the bot deleted).
    const create = createSection({ onMade: (bot) => list.reload(bot.id) });
    const list = botList({ me, bots, chats, onKeyGone: create.forget });
    body.replaceChildren(create.el, list.el);
  }, (err) => {
    body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('adminbots-could-not-load-the-page', { message: err.message })));
  });
  return el;
}

/** The key of a bot, shown once: a warning, the key and its hook URL with Copy buttons,
 *  and a button that hides them. */
function keyOnce(answer, who, onDone) {
  const heading = h('p', { class: 'key-once-title', id: `key-once-${answer.id || 'new'}`, tabindex: '-1' },
    h('strong', null, t('adminbots-the-key-of-who-copy', { who })));
  const box = h('div', { class: 'key-once', role: 'group', 'aria-labelledby': heading.id, 'data-testid': 'bot-key-once' },
    heading,
    h('p', { class: 'hint' }, t('adminbots-it-lets-a-program-post')),
    copyLink(answer.key || '', 'bot-key', t('adminbots-bot-key')),
    answer.key_hook_url ? copyLink(answer.key_hook_url, 'bot-key-hook', t('adminbots-hook-url-of-the-key')) : null,
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'bot-key-done', onclick: () => { box.remove(); onDone(); } },
      t('adminbots-i-have-copied-it')));
  return { box, focus: () => heading.focus() };
}

/** The form that makes a bot; onMade(bot) after. Answers {el, forget(botId)}: forget
 *  hides the key shown for that bot. */
function createSection({ onMade }) {
  const username = field(t('adminbots-username'), 'username', 'text', 'bot-username', 'off');
  const displayName = field(t('adminbots-display-name-optional'), 'display_name', 'text', 'bot-display-name', 'off');
  const webhook = field(t('adminbots-outgoing-webhook-url-optional'), 'webhook_url', 'url', 'bot-webhook', 'off');
  username.input.maxLength = 150;
  username.input.spellcheck = false;
  webhook.input.spellcheck = false;
  webhook.input.placeholder = 'https://example.com/natter-hook';
  const hint = h('p', { class: 'hint', id: 'bot-webhook-hint' },
    t('adminbots-natter-posts-to-it-when'));
  webhook.input.setAttribute('aria-describedby', `${hint.id} ${webhook.error.id}`);
  webhook.wrap.insertBefore(hint, webhook.input);
  const fields = [username, displayName, webhook];
  const view = form('bot-create', null, fields, t('adminbots-make-bot'), { cls: 'page-form bot-form' });
  const made = h('div', { class: 'bot-made', 'data-testid': 'bot-made' });
  const part = section(t('adminbots-new-bot'), 'bot-create-section',
    h('p', { class: 'hint' }, t('adminbots-a-bot-cannot-sign-in')),
    view.el, made);

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = username.input.value.trim();
    if (!name) return view.show({ username: t('adminbots-give-the-bot-a-username') }, '');
    view.show({}, '');
    view.busy(true);
    const body = { username: name };
    if (displayName.input.value.trim()) body.display_name = displayName.input.value.trim();
    if (webhook.input.value.trim()) body.webhook_url = webhook.input.value.trim();
    try {
      const bot = await api.createBot(body);
      for (const f of fields) f.input.value = '';
      const once = keyOnce(bot, `@${bot.username}`, () => username.input.focus());
      made.replaceChildren(once.box);
      made.dataset.botId = bot.id;
      // The focus goes with the key as it shows, not after the list below is read again
      // (a slow list left it on the form meanwhile).
      once.focus();
      await onMade(bot);
    } catch (err) {
      showServerError(view, fields.map((f) => f.name), err);
    } finally {
      view.busy(false);
    }
  });
  const forget = (botId) => {
    if (sameId(made.dataset.botId, botId)) made.replaceChildren();
  };
  return { el: part.el, forget };
}

/** The list of bots; answers {el, reload(focusId)}; onKeyGone(botId) when a bot's key
 *  stops working. */
function botList({ me, bots, chats, onKeyGone }) {
  const list = h('ul', { class: 'admin-list', 'data-testid': 'bot-list' });
  const part = section(t('adminbots-bots'), 'bot-list-section', list);

  // My groups and rooms (a bot can be added only where I am a member), not yet the bot's.
  const addable = (bot) => chats()
    .filter((c) => c.chat_type === 'group' || c.chat_type === 'room')
    .filter((c) => !(bot.chats || []).some((b) => sameId(b.id, c.id)));

  function row(bot) {
    const label = `${userName(bot)} (@${bot.username})`;
    const note = h('div', { class: 'row-note', 'data-testid': 'bot-note' });
    const item = h('li', { class: 'admin-row bot-row', 'data-testid': 'bot-row', 'data-username': bot.username, 'data-bot-id': bot.id });
    const say = (text) => note.replaceChildren(text ? h('p', { class: 'form-error', role: 'alert' }, text) : '');
    const button = (text, testid, cls = 'secondary') => h('button', { type: 'button', class: cls, 'data-testid': testid,
      'aria-label': t('page-action-on-whom', { action: text, whom: label }) }, text);

    // A question with Yes and Cancel in place of the buttons that asked it.
    function confirmIn(actions, question, yesText, testid, act) {
      const yes = h('button', { type: 'button', class: 'danger-fill', 'data-testid': `${testid}-confirm` }, yesText);
      const no = h('button', { type: 'button', class: 'secondary', 'data-testid': `${testid}-cancel` }, t('adminbots-cancel'));
      const ask = h('div', { class: 'confirm', role: 'group', 'aria-label': question },
        h('p', { class: 'confirm-text' }, question), h('div', { class: 'row' }, yes, no));
      const back = (focusTestid) => {
        ask.replaceWith(actions);
        actions.querySelector(`[data-testid="${focusTestid}"]`)?.focus();
      };
      no.addEventListener('click', () => back(testid));
      ask.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); back(testid); }
      });
      yes.addEventListener('click', async () => {
        yes.disabled = true;
        say('');
        try {
          await act();
        } catch (err) {
          yes.disabled = false;
          say(err.message);
        }
      });
      actions.replaceWith(ask);
      yes.focus();
    }

    const edit = button(t('adminbots-edit-webhook'), 'bot-edit-webhook');
    const rotate = button(t('adminbots-new-key'), 'bot-rotate');
    const remove = button(t('adminbots-delete'), 'bot-delete', 'secondary danger');
    const actions = h('div', { class: 'row admin-actions' }, edit, rotate, remove);

    edit.setAttribute('aria-expanded', 'false');
    edit.addEventListener('click', () => {
      const open = item.querySelector('.webhook-form');
      if (open) { open.remove(); edit.setAttribute('aria-expanded', 'false'); return; }
      edit.setAttribute('aria-expanded', 'true');
      const formEl = webhookForm(bot, {
        done: async (changed) => {
          edit.setAttribute('aria-expanded', 'false');
          if (changed) await reload(bot.id, null, 'bot-edit-webhook');
          else edit.focus();
        },
      });
      actions.after(formEl);
      formEl.querySelector('input').focus();
    });
    rotate.addEventListener('click', () => confirmIn(actions,
      t('adminbots-make-a-new-key-for', { label }),
      t('adminbots-yes-make-a-new-key'), 'bot-rotate', async () => {
        const answer = await api.rotateBotKey(bot.id);
        onKeyGone(bot.id);
        await reload(bot.id, answer);
      }));
    remove.addEventListener('click', () => confirmIn(actions,
      t('adminbots-delete-label-its-key-and', { label }),
      t('adminbots-yes-delete'), 'bot-delete', async () => {
        await api.deleteBot(bot.id);
        onKeyGone(bot.id);
        await reload();
        part.say(t('adminbots-label-was-deleted', { label }));
        const heading = part.el.querySelector('h2');
        heading.tabIndex = -1;
        heading.focus();
      }));

    const hook = bot.webhook_url
      ? h('span', { class: 'admin-meta', 'data-testid': 'bot-webhook-url' }, t('adminbots-outgoing-webhook'), h('code', { class: 'url' }, bot.webhook_url))
      : h('span', { class: 'admin-meta', 'data-testid': 'bot-webhook-url' }, t('adminbots-no-outgoing-webhook-mentions-are'));
    const made = [bot.owner && bot.owner.username ? t('adminbots-made-by-username', { username: bot.owner.username }) : '',
      bot.created_at ? shortTime(bot.created_at) : ''].filter(Boolean).join(', ');
    const meta = h('span', { class: 'admin-meta' }, made);
    if (bot.created_at) meta.title = t('adminbots-made-longtime', { longTime: longTime(bot.created_at) });

    item.append(
      h('div', { class: 'admin-main' },
        h('span', { class: 'admin-name' }, userName(bot), h('span', { class: 'username' }, ` @${bot.username}`), botBadge()),
        made ? meta : null, hook),
      actions,
      note,
      chatsPart(bot, label, say));
    return item;
  }

  function webhookForm(bot, { done }) {
    const id = `bot-${bot.id}-webhook`;
    const input = h('input', { id, type: 'url', 'data-testid': 'bot-webhook-input', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'https://example.com/natter-hook', 'aria-describedby': `${id}-hint ${id}-error` });
    input.value = bot.webhook_url || '';
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': 'bot-webhook-input-error', 'aria-live': 'polite' });
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'bot-webhook-save' }, t('adminbots-save'));
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'bot-webhook-cancel' }, t('adminbots-cancel'));
    const el = h('form', { class: 'field webhook-form', novalidate: true },
      h('label', { for: id }, t('adminbots-outgoing-webhook-url-of-username', { username: bot.username })),
      h('p', { class: 'hint', id: `${id}-hint` }, t('adminbots-leave-it-empty-to-stop')),
      h('div', { class: 'inline-form' }, input, save, cancel), error);
    const close = (changed) => { el.remove(); done(changed); };
    cancel.addEventListener('click', () => close(false));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); close(false); }
    });
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      save.disabled = true;
      try {
        await api.updateBot(bot.id, { webhook_url: input.value.trim() });
        close(true);
      } catch (err) {
        save.disabled = false;
        error.textContent = err.fields.webhook_url || err.message;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    });
    return el;
  }

  // The bot's groups and rooms, each with its hook URL and Remove; then "Add to".
  function chatsPart(bot, label, say) {
    const joined = bot.chats || [];
    const items = joined.map((c) => {
      const name = c.name || t('adminbots-kind-id', { kind: c.kind, id: c.id });
      const drop = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'bot-chat-remove',
        'aria-label': t('adminbots-remove-username-from-name', { username: bot.username, name }) }, t('adminbots-remove'));
      drop.addEventListener('click', async () => {
        drop.disabled = true;
        say('');
        try {
          await api.removeBotFromChat(bot.id, c.id);
          await reload(bot.id, null, 'bot-add-chat');
        } catch (err) {
          drop.disabled = false;
          say(t('adminbots-could-not-remove-it-from', { name, message: err.message }));
        }
      });
      return h('li', { class: 'bot-chat', 'data-testid': 'bot-chat', 'data-chat-id': c.id },
        h('div', { class: 'bot-chat-head' },
          h('span', { class: 'bot-chat-name' }, name, h('span', { class: 'username' }, ` ${t('adminbots-kind', { kind: c.kind })}`)), drop),
        c.hook_url ? copyLink(c.hook_url, 'bot-hook-url', t('adminbots-hook-url-of-username-in', { username: bot.username, name })) : null);
    });

    const options = addable(bot);
    const selectId = `bot-${bot.id}-add`;
    const select = h('select', { id: selectId, 'data-testid': 'bot-add-chat', disabled: options.length ? null : true },
      ...(options.length
        ? options.map((c) => h('option', { value: c.id }, t('adminbots-title-kind', { title: chatTitle(c, me), kind: c.chat_type })))
        : [h('option', { value: '' }, t('adminbots-no-other-group-or-room'))]));
    const add = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'bot-add-chat-submit',
      disabled: options.length ? null : true }, t('adminbots-add'));
    const addForm = h('form', { class: 'field bot-add', novalidate: true },
      h('label', { for: selectId }, t('adminbots-add-username-to-a-group', { username: bot.username })),
      h('div', { class: 'inline-form' }, select, add));
    addForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!select.value) return;
      add.disabled = true;
      say('');
      try {
        await api.addBotToChat(bot.id, select.value);
        await reload(bot.id, null, 'bot-hook-url-copy');
      } catch (err) {
        add.disabled = false;
        say(t('adminbots-could-not-add-it-message', { message: err.message }));
      }
    });

    return h('div', { class: 'bot-chats' },
      h('h3', null, joined.length ? t('adminbots-in-chats', { n: joined.length }) : t('adminbots-in-no-chat-yet')),
      items.length ? h('ul', { class: 'bot-chat-list', 'data-testid': 'bot-chats' }, ...items) : null,
      addForm);
  }

  /**
   * Reads the list again and tells the registry. `focusId`: the bot whose row keeps the
   * focus; `key`: a new key for it, shown once in its row; `focusTestid`: what in that
   * row takes the focus (its last such control), else its first button.
   */
  async function reload(focusId, key, focusTestid) {
    let all;
    try {
      all = await api.listBots();
    } catch (err) {
      part.say(t('adminbots-could-not-list-the-bots', { message: err.message }));
      return;
    }
    list.replaceChildren(...all.map(row));
    part.say(all.length ? '' : t('adminbots-no-bots-yet'));
    bots.reload(all);
    const item = focusId != null && list.querySelector(`[data-bot-id="${CSS.escape(String(focusId))}"]`);
    if (!item) return;
    if (key) {
      const bot = all.find((b) => sameId(b.id, focusId));
      const once = keyOnce({ ...key, id: focusId }, bot ? `@${bot.username}` : t('adminbots-the-bot'),
        () => item.querySelector('[data-testid="bot-rotate"]')?.focus());
      item.querySelector('[data-testid="bot-note"]').replaceChildren(once.box);
      once.focus();
    } else if (focusTestid) {
      const found = [...item.querySelectorAll(`[data-testid="${focusTestid}"]`)].filter((x) => !x.disabled);
      (found[found.length - 1] || item.querySelector('button')).focus();
    }
  }

  reload();
  return { el: part.el, reload };
}
