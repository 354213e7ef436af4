// The account tools at the right of the top bar: the notification and sound toggles,
// the profile button (picture and name), the account page, administration (shown only
// to administrators) and "Sign out".

import * as api from '../api.js';
import { h, userName } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { avatar } from '../avatar.js';
import { openProfile } from './profile.js';
import { openStatusPicker } from './statuspicker.js';
import { statuses } from '../statuses.js';
import { forgetThisBrowser } from '../leaving.js';
import { t } from '../i18n.js';

const DEFAULT_IMAGE = '/media/user_images/default.jpg';

/** say(text): a line under the top bar ('' clears); onSignedOut(); onProfileSaved().
 *  Answers {el, refresh}: refresh() shows `me`'s name again after it changed elsewhere. */
export function accountTools({ me, notifier, say, onSignedOut, onProfileSaved }) {
  // Each toggle asks the browser for nothing until it is pressed.
  const bell = iconButton('bellOff', t('account-desktop-notifications'), { 'data-testid': 'notify-toggle' });
  const sound = iconButton('soundOff', t('account-sound-for-new-messages'), { 'data-testid': 'sound-toggle' });
  const renderToggles = () => {
    const on = notifier.notifying;
    bell.replaceChildren(icon(on ? 'bell' : 'bellOff'));
    bell.setAttribute('aria-pressed', String(on));
    bell.dataset.state = notifier.state;
    bell.title = {
      unsupported: t('account-this-browser-cannot-show-notifications'),
      blocked: t('account-notifications-are-blocked-in-the'),
    }[notifier.state] || (on ? t('account-desktop-notifications-are-on') : t('account-turn-on-desktop-notifications'));
    sound.replaceChildren(icon(notifier.wantSound ? 'sound' : 'soundOff'));
    sound.setAttribute('aria-pressed', String(notifier.wantSound));
    sound.title = notifier.wantSound ? t('account-sound-for-new-messages-is') : t('account-turn-on-a-sound-for');
  };
  bell.addEventListener('click', async () => {
    say(await notifier.toggleNotify());
    renderToggles();
  });
  sound.addEventListener('click', () => { notifier.toggleSound(); renderToggles(); });
  notifier.onChange(renderToggles);
  renderToggles();

  const profile = h('button', { type: 'button', class: 'profile-button', 'data-testid': 'profile-button' });
  const renderMe = () => {
    // Named by its words, not an aria-label that the avatar's letters would not match
    // (WCAG 2.5.3): "Your profile: <name>" with the first words for screen readers only.
    profile.replaceChildren(avatar(me, 'small'), h('span', { class: 'visually-hidden' }, `${t('account-your-profile-prefix')} `),
      h('span', { class: 'current-user', 'data-testid': 'current-user' }, userName(me)));
    profile.title = t('account-your-profile-username-2', { username: me.username });
  };
  renderMe();
  // The status picker, beside the picture: your status emoji, or a smile to set one.
  const mood = h('button', { type: 'button', class: 'status-button', 'data-testid': 'status-button',
    'aria-label': t('account-set-a-status'), title: t('account-set-a-status') }, statuses.badge(me.id), h('span', { class: 'status-none', 'aria-hidden': 'true' }, '☺'));
  mood.addEventListener('click', () => openStatusPicker({ onSaved: (status) => statuses.set(me.id, status) }));
  profile.addEventListener('click', () => openProfile({ me, onSaved: () => { renderMe(); onProfileSaved(); } }));
  // The picture comes with the profile, not with "who am I".
  api.getProfile().then((p) => {
    const image = p && p.profile && p.profile.image;
    if (image && image !== DEFAULT_IMAGE) { me.avatar_url = image; renderMe(); }
  }, () => {});

  // Pages, not dialogs: `#account` and `#admin` (main.js routes them; Back returns).
  // Labelled in words, so a first-time administrator finds them at a glance; on a phone
  // (app.css, 480 px) the words are left to screen readers so the connection status fits.
  const accountLink = h('a', { href: '#account', class: 'tool-link', 'data-testid': 'account-page-link',
    'aria-label': t('account-account-email-password-and-where'), title: t('account-your-account') },
  icon('settings'), h('span', { class: 'tool-label' }, t('account-account')));
  const adminLink = h('a', { href: '#admin', class: 'tool-link', 'data-testid': 'admin-page-link', hidden: true,
    'aria-label': t('account-admin-people-invitations-bots-and'), title: t('account-administration') },
  icon('shield'), h('span', { class: 'tool-label' }, t('account-admin')));
  // Only the account knows whether we are an administrator; the server checks anyway.
  api.account().then((a) => {
    me.is_admin = Boolean(a && a.is_admin);
    adminLink.hidden = !me.is_admin;
  }, () => {});

  const logout = h('button', { type: 'button', class: 'secondary with-icon', 'data-testid': 'logout' },
    icon('signOut'), h('span', { class: 'btn-label' }, t('account-sign-out')));
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    say('');
    try {
      await forgetThisBrowser();
      await api.logout();
    } catch (err) {
      if (err.status !== 401) {
        say(t('account-could-not-sign-out-message', { message: err.message }));
        logout.disabled = false;
        return;
      }
    }
    onSignedOut();
  });

  const el = h('div', { class: 'account', role: 'group', 'aria-label': t('account-your-account') },
    bell, sound, mood, profile, accountLink, adminLink, logout);
  return { el, refresh: renderMe };
}
