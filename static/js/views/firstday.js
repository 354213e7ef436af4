// A team's first day in the web client: the words of an empty chat list (what rooms and
// groups are, where to find people and rooms), and, for the server's first administrator,
// a notice pointing at the invitations on the Administration page, shown until dismissed
// (remembered per person in this browser).

import * as api from '../api.js';
import { h, sameId } from '../dom.js';
import { whoMayJoin } from './whojoins.js';
import { t } from '../i18n.js';

const NOTICE_KEY = 'natter.first-admin-notice.';
const FIND_WITHIN_MS = 10_000;

/** The chat list's empty state, as inline content; onRooms() opens the rooms dialog. */
export function welcomeText({ onRooms }) {
  return h('span', { class: 'welcome', 'data-testid': 'chats-welcome' },
    t('firstday-welcome-you-are-in-no'),
    t('firstday-rooms-are-open-conversations-anyone'),
    t('firstday-groups-are-private-only-the'),
    t('firstday-a-direct-chat-is-just'),
    h('button', { type: 'button', class: 'link', 'data-testid': 'welcome-rooms', onclick: onRooms }, t('firstday-browse-the-rooms')),
    t('firstday-or'),
    h('a', { href: '#people', 'data-testid': 'welcome-people' }, t('firstday-see-who-is-here')),
    t('firstday-to-say-hello'));
}

function storageKey(me) {
  return `${NOTICE_KEY}${me.id}`;
}

function dismissed(me) {
  try {
    return localStorage.getItem(storageKey(me)) === 'dismissed';
  } catch {
    return false; // no storage: shown every time, still dismissable for this page
  }
}

function remember(me) {
  try {
    localStorage.setItem(storageKey(me), 'dismissed');
  } catch {
    // no storage: nothing to remember it in
  }
}

/** Whether `me` is the server's first administrator (the active one with the lowest id). */
async function isFirstAdmin(me) {
  const account = await api.account();
  if (!account || !account.is_admin) return false;
  const { results } = await api.allDirectory();
  const admins = results.filter((p) => p.is_admin).map((p) => Number(p.id));
  return admins.length > 0 && sameId(Math.min(...admins), me.id);
}

/** Once the Administration page shows its invitations, scrolls them into view. */
function revealInvitations() {
  const find = () => document.querySelector('[data-testid="admin-invitations"]');
  const show = (el) => el.scrollIntoView({ block: 'start' });
  const found = find();
  if (found) return show(found);
  const watch = new MutationObserver(() => {
    const el = find();
    if (!el) return;
    watch.disconnect();
    show(el);
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), FIND_WITHIN_MS);
}

/** A notice (hidden until it is known to be for `me`) for the first administrator. */
export function firstAdminNotice({ me }) {
  const el = h('div', { class: 'notice first-admin-notice', role: 'status', 'data-testid': 'first-admin-notice', hidden: true });
  if (dismissed(me)) return el;
  const close = () => {
    remember(me);
    el.remove();
  };
  const mode = h('div', { class: 'who-may-join' });
  api.registration().then((answer) => mode.replaceChildren(whoMayJoin(answer && answer.mode) || ''), () => {});
  el.append(
    h('p', null, t('firstday-you-run-this-server-to'),
      t('firstday-the-shield-at-the-top'),
      t('firstday-everyone-who-joins-starts-in')),
    mode,
    h('div', { class: 'row' },
      h('a', { href: '#admin', class: 'button-link', 'data-testid': 'first-admin-invitations',
        onclick: () => { close(); revealInvitations(); } }, t('firstday-go-to-invitations')),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'first-admin-dismiss', onclick: close }, t('firstday-dismiss'))));
  isFirstAdmin(me).then((first) => { if (first && !dismissed(me)) el.hidden = false; }, () => {});
  return el;
}
