// The account page's "Notifications on this device": what the browser allows (allowed,
// blocked and how to unblock, unsupported, not asked yet), whether pushes reach this
// browser with natter closed and why not, and the same switch as the bell.

import { h } from '../dom.js';
import { section } from './page.js';
import { BLOCKED } from '../notify.js';
import { t } from '../i18n.js';

const WORDS = {
  unsupported: t('notifysettings-unsupported-this-browser-cannot-show'),
  blocked: t('notifysettings-blocked-blocked', { BLOCKED }),
  ask: t('notifysettings-off-turn-them-on-and'),
  off: t('notifysettings-off-allowed-by-the-browser'),
  allowed: t('notifysettings-allowed-you-are-notified-of'),
};

export function notifySettings({ notifier }) {
  const state = h('p', { 'data-testid': 'notify-state' });
  const push = h('p', { class: 'hint', 'data-testid': 'push-state' });
  const toggle = h('button', { type: 'button', class: 'secondary', 'data-testid': 'notify-settings-toggle' });
  const part = section(t('notifysettings-notifications-on-this-device'), 'notify-settings', state, push, h('div', { class: 'row' }, toggle),
    h('p', { class: 'hint' }, t('notifysettings-each-chat-s-details-say')));

  function render() {
    if (!part.el.isConnected && toggle.textContent) return notifier.offChange(render); // the page was left
    const now = notifier.state;
    state.dataset.state = now;
    state.textContent = WORDS[now];
    push.dataset.state = notifier.push.state;
    push.textContent = now === 'allowed' ? notifier.push.note : '';
    push.hidden = !push.textContent;
    toggle.hidden = now === 'unsupported' || now === 'blocked';
    toggle.textContent = now === 'allowed' ? t('notifysettings-turn-off') : t('notifysettings-turn-on');
  }
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    const why = await notifier.toggleNotify();
    part.say(why);
    toggle.disabled = false;
    render();
  });
  notifier.onChange(render);
  render();
  return part.el;
}
