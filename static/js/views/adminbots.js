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

const KIND = { direct: 'direct chat', group: 'group', room: 'room', dm: 'direct chat' };

/** bots: the registry (bots.js), told of every change; chats(): my chats (the chat list),
 *  for "Add to"; onBack() returns to the chats. */
export function botsPage({ me, bots, chats, onBack }) {
  const body = h('div', { class: 'page-body' }, h('p', { class: 'search-note', role: 'status' }, 'Loading…'));
  const el = pageFrame('Bots', 'bots-page', onBack, adminNav('bots'), body);
  api.account().then((a) => {
    if (!a || !a.is_admin) {
      body.replaceChildren(h('p', { class: 'notice', 'data-testid': 'admin-refused' }, 'Only administrators can see this page.'));
      return;
    }
    // A key shown by the form is dropped once it stops working (a new key, the bot deleted).
    const create = createSection({ onMade: (bot) => list.reload(bot.id) });
    const list = botList({ me, bots, chats, onKeyGone: create.forget });
    body.replaceChildren(create.el, list.el);
  }, (err) => {
    body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `Could not load the page: ${err.message}`));
  });
  return el;
}

/** The key of a bot, shown once: a warning, the key and its hook URL with Copy buttons,
 *  and a button that hides them. */
function keyOnce(answer, who, onDone) {
  const heading = h('p', { class: 'key-once-title', id: `key-once-${answer.id || 'new'}`, tabindex: '-1' },
    h('strong', null, `The key of ${who}. Copy it now: it will not be shown again.`));
  const box = h('div', { class: 'key-once', role: 'group', 'aria-labelledby': heading.id, 'data-testid': 'bot-key-once' },
    heading,
    h('p', { class: 'hint' }, 'It lets a program post as the bot. A payload sent to the key’s hook URL must name its channel; each chat’s own hook URL needs none.'),
    copyLink(answer.key || '', 'bot-key', 'Bot key'),
    answer.key_hook_url ? copyLink(answer.key_hook_url, 'bot-key-hook', 'Hook URL of the key') : null,
    h('button', { type: 'button', class: 'secondary', 'data-testid': 'bot-key-done', onclick: () => { box.remove(); onDone(); } },
      'I have copied it'));
  return { box, focus: () => heading.focus() };
}

/** The form that makes a bot; onMade(bot) after. Answers {el, forget(botId)}: forget
 *  hides the key shown for that bot. */
function createSection({ onMade }) {
  const username = field('Username', 'username', 'text', 'bot-username', 'off');
  const displayName = field('Display name (optional)', 'display_name', 'text', 'bot-display-name', 'off');
  const webhook = field('Outgoing webhook URL (optional)', 'webhook_url', 'url', 'bot-webhook', 'off');
  username.input.maxLength = 150;
  username.input.spellcheck = false;
  webhook.input.spellcheck = false;
  webhook.input.placeholder = 'https://example.com/natter-hook';
  const hint = h('p', { class: 'hint', id: 'bot-webhook-hint' },
    'natter posts to it when someone mentions the bot or writes to it directly; its answer becomes the bot’s reply.');
  webhook.input.setAttribute('aria-describedby', `${hint.id} ${webhook.error.id}`);
  webhook.wrap.insertBefore(hint, webhook.input);
  const fields = [username, displayName, webhook];
  const view = form('bot-create', null, fields, 'Make bot', { cls: 'page-form bot-form' });
  const made = h('div', { class: 'bot-made', 'data-testid': 'bot-made' });
  const part = section('New bot', 'bot-create-section',
    h('p', { class: 'hint' }, 'A bot cannot sign in. Programs post as it through its hook URLs (Slack’s incoming-webhook format).'),
    view.el, made);

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = username.input.value.trim();
    if (!name) return view.show({ username: 'Give the bot a username.' }, '');
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
  const part = section('Bots', 'bot-list-section', list);

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
      'aria-label': `${text}: ${label}` }, text);

    // A question with Yes and Cancel in place of the buttons that asked it.
    function confirmIn(actions, question, yesText, testid, act) {
      const yes = h('button', { type: 'button', class: 'danger-fill', 'data-testid': `${testid}-confirm` }, yesText);
      const no = h('button', { type: 'button', class: 'secondary', 'data-testid': `${testid}-cancel` }, 'Cancel');
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

    const edit = button('Edit webhook', 'bot-edit-webhook');
    const rotate = button('New key', 'bot-rotate');
    const remove = button('Delete', 'bot-delete', 'secondary danger');
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
      `Make a new key for ${label}? The old key and every hook URL of this bot stop working at once.`,
      'Yes, make a new key', 'bot-rotate', async () => {
        const answer = await api.rotateBotKey(bot.id);
        onKeyGone(bot.id);
        await reload(bot.id, answer);
      }));
    remove.addEventListener('click', () => confirmIn(actions,
      `Delete ${label}? Its key and hook URLs stop working at once and it leaves its chats; its messages stay.`,
      'Yes, delete', 'bot-delete', async () => {
        await api.deleteBot(bot.id);
        onKeyGone(bot.id);
        await reload();
        part.say(`${label} was deleted.`);
        const heading = part.el.querySelector('h2');
        heading.tabIndex = -1;
        heading.focus();
      }));

    const hook = bot.webhook_url
      ? h('span', { class: 'admin-meta', 'data-testid': 'bot-webhook-url' }, 'Outgoing webhook: ', h('code', { class: 'url' }, bot.webhook_url))
      : h('span', { class: 'admin-meta', 'data-testid': 'bot-webhook-url' }, 'No outgoing webhook: mentions are not sent anywhere.');
    const made = [bot.owner && bot.owner.username ? `made by @${bot.owner.username}` : '',
      bot.created_at ? shortTime(bot.created_at) : ''].filter(Boolean).join(', ');
    const meta = h('span', { class: 'admin-meta' }, made);
    if (bot.created_at) meta.title = `Made ${longTime(bot.created_at)}`;

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
    const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'bot-webhook-save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'bot-webhook-cancel' }, 'Cancel');
    const el = h('form', { class: 'field webhook-form', novalidate: true },
      h('label', { for: id }, `Outgoing webhook URL of @${bot.username}`),
      h('p', { class: 'hint', id: `${id}-hint` }, 'Leave it empty to stop sending mentions anywhere.'),
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
      const name = c.name || `${KIND[c.kind] || 'chat'} ${c.id}`;
      const drop = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'bot-chat-remove',
        'aria-label': `Remove @${bot.username} from ${name}` }, 'Remove');
      drop.addEventListener('click', async () => {
        drop.disabled = true;
        say('');
        try {
          await api.removeBotFromChat(bot.id, c.id);
          await reload(bot.id, null, 'bot-add-chat');
        } catch (err) {
          drop.disabled = false;
          say(`Could not remove it from ${name}: ${err.message}`);
        }
      });
      return h('li', { class: 'bot-chat', 'data-testid': 'bot-chat', 'data-chat-id': c.id },
        h('div', { class: 'bot-chat-head' },
          h('span', { class: 'bot-chat-name' }, name, h('span', { class: 'username' }, ` ${KIND[c.kind] || ''}`)), drop),
        c.hook_url ? copyLink(c.hook_url, 'bot-hook-url', `Hook URL of @${bot.username} in ${name}`) : null);
    });

    const options = addable(bot);
    const selectId = `bot-${bot.id}-add`;
    const select = h('select', { id: selectId, 'data-testid': 'bot-add-chat', disabled: options.length ? null : true },
      ...(options.length
        ? options.map((c) => h('option', { value: c.id }, `${chatTitle(c, me)} (${KIND[c.chat_type]})`))
        : [h('option', { value: '' }, 'No other group or room of yours')]));
    const add = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'bot-add-chat-submit',
      disabled: options.length ? null : true }, 'Add');
    const addForm = h('form', { class: 'field bot-add', novalidate: true },
      h('label', { for: selectId }, `Add @${bot.username} to a group or room of yours`),
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
        say(`Could not add it: ${err.message}`);
      }
    });

    return h('div', { class: 'bot-chats' },
      h('h3', null, joined.length ? `In ${joined.length} ${joined.length === 1 ? 'chat' : 'chats'}` : 'In no chat yet'),
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
      part.say(`Could not list the bots: ${err.message}`);
      return;
    }
    list.replaceChildren(...all.map(row));
    part.say(all.length ? '' : 'No bots yet.');
    bots.reload(all);
    const item = focusId != null && list.querySelector(`[data-bot-id="${CSS.escape(String(focusId))}"]`);
    if (!item) return;
    if (key) {
      const bot = all.find((b) => sameId(b.id, focusId));
      const once = keyOnce({ ...key, id: focusId }, bot ? `@${bot.username}` : 'the bot',
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
