// The first-run prompt: once per person in each browser, a line above the chats asks
// them to turn notifications on ("Turn on" asks the browser, as the bell does; "Not now"
// dismisses it). Either answer, or using the bell, is remembered in localStorage
// (`natter.notify-prompt.<user id>`), so it never comes back; the bell stays for later.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

const keyOf = (me) => `natter.notify-prompt.${me.id}`;

function answered(me) {
  try { return localStorage.getItem(keyOf(me)) === 'answered'; } catch { return true; } // no storage: do not nag
}

function remember(me) {
  try { localStorage.setItem(keyOf(me), 'answered'); } catch { /* private mode */ }
}

/** The prompt for `me`, or null when there is nothing to ask (answered before, the
 *  browser cannot notify or blocks it, or notifications are on). say(text) shows the
 *  browser's refusal under the top bar. */
export function notifyPrompt({ me, notifier, say }) {
  const open = () => notifier.state === 'ask' || notifier.state === 'off';
  if (answered(me) || !open()) return null;
  const yes = h('button', { type: 'button', class: 'primary', 'data-testid': 'notify-prompt-yes' }, t('notifyprompt-turn-on-notifications'));
  const no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'notify-prompt-no' }, t('notifyprompt-not-now'));
  const el = h('section', { class: 'notify-prompt', 'data-testid': 'notify-prompt', 'aria-labelledby': 'notify-prompt-text' },
    icon('bell'),
    h('p', { id: 'notify-prompt-text' }, t('notifyprompt-get-notified-of-new-messages')),
    h('div', { class: 'row' }, yes, no));
  const done = () => {
    remember(me);
    notifier.offChange(follow);
    el.remove();
  };
  // The bell answers it too.
  const follow = () => { if (!open()) done(); };
  notifier.onChange(follow);
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const why = await notifier.toggleNotify();
    say(why);
    done();
  });
  no.addEventListener('click', done);
  return el;
}
