// "Notify me" for one chat, in its details dialog: all messages, mentions only, nothing
// (muted), or the chat's default (`PUT /api/notifications/{chat}/`). A refusal is said
// in words and the choice goes back to what the server holds.

import { h } from '../dom.js';
import { LEVEL_WORDS } from '../levels.js';
import { t } from '../i18n.js';

let serial = 0;

/** levels: levels.js; chat: the chat object. Answers the fieldset. */
export function notifyLevelPicker({ levels, chat }) {
  const name = `notify-level-${++serial}`;
  const status = h('p', { class: 'search-note', role: 'status', 'data-testid': 'notify-level-status' });
  const choices = () => [
    ['all', LEVEL_WORDS.all],
    ['mentions', LEVEL_WORDS.mentions],
    ['off', LEVEL_WORDS.off],
    ['default', t('notifylevel-default-value', { value: LEVEL_WORDS[levels.defaultOf(chat)].toLowerCase() })],
  ];
  const group = h('div', { class: 'level-choices', role: 'radiogroup', 'aria-labelledby': `${name}-legend` });
  const el = h('fieldset', { class: 'notify-level', 'data-testid': 'notify-level' },
    h('legend', { id: `${name}-legend` }, t('notifylevel-notify-me')), group, status);

  function current() {
    return levels.chosen(chat.id) ? levels.levelOf(chat) : 'default';
  }

  function render() {
    const now = current();
    group.replaceChildren(...choices().map(([value, words]) => {
      const input = h('input', { type: 'radio', name, value, id: `${name}-${value}`, 'data-testid': `notify-level-${value}`,
        checked: value === now });
      input.addEventListener('change', () => choose(value));
      return h('label', { for: input.id, class: 'level-choice' }, input, words);
    }));
  }

  async function choose(value) {
    status.textContent = t('notifylevel-saving');
    try {
      await levels.set(chat.id, value === 'default' ? null : value);
      status.textContent = t('notifylevel-saved-value', { value: LEVEL_WORDS[levels.levelOf(chat)].toLowerCase() });
    } catch (err) {
      status.textContent = t('notifylevel-could-not-change-it-message', { message: err.message });
    }
    render();
  }

  render();
  return el;
}
