// The account page (`#account`): your display name and email, the storage your uploads
// take, mail about what you miss (missedmail.js, when the server sends mail), your
// password, two-factor sign-in (twofactor.js), where you are signed in (sessions.js), how
// to use natter in a Matrix app (matrixapps.js), and a download of your own data.
// Field errors from the server go next to their field.

import * as api from '../api.js';
import { fileSize, h } from '../dom.js';
import { checkNewPassword, field, form, showServerError } from './forms.js';
import { pageFrame, section } from './page.js';
import { sessionsSection } from './sessions.js';
import { notifySettings } from './notifysettings.js';
import { twoFactorSection } from './twofactor.js';
import { identitiesSection } from './identities.js';
import { missedMailSection } from './missedmail.js';
import { quietSettings } from './quietsettings.js';
import { languageSettings } from './languagesettings.js';
import { matrixAppsSection } from './matrixapps.js';
import { t } from '../i18n.js';

/** onBack() returns to the chats; onSaved() after `me`'s name changed; notifier: notify.js. */
export function accountPage({ me, notifier, onBack, onSaved }) {
  const sessions = sessionsSection();
  // A first password is a second way in: the providers' Unlink buttons then work.
  let providers = null;
  const password = passwordSection(() => { sessions.reload(); if (providers) providers.reload(); });
  providers = identitiesSection({ onPassword: password.hasPassword });
  return pageFrame(t('accountpage-your-account'), 'account-page', onBack,
    detailsSection(me, onSaved), languageSettings(), notifySettings({ notifier }), missedMailSection(), quietSettings(), password.el, twoFactorSection(),
    providers.el, sessions.el, matrixAppsSection(), dataSection());
}

/** "Your data": a download of everything of yours the server keeps (a zip; the session
 *  cookie goes with the link, so it needs no script). */
function dataSection() {
  const link = h('a', { href: '/api/account/export/', download: '', 'data-testid': 'account-export' }, t('accountpage-download-my-data'));
  return section(t('accountpage-your-data'), 'account-data',
    h('p', {}, t('accountpage-your-account-the-chats-you')),
    h('p', {}, link)).el;
}

function detailsSection(me, onSaved) {
  const name = field(t('accountpage-display-name'), 'display_name', 'text', 'account-display-name', 'name');
  const email = field(t('accountpage-email'), 'email', 'email', 'account-email', 'email');
  name.input.maxLength = 150;
  name.input.placeholder = me.username;
  const view = form('account-details', '', [name, email], t('accountpage-save'), { cls: 'page-form' });
  const storage = h('p', { class: 'hint', 'data-testid': 'account-storage' });
  const confirmation = h('p', { class: 'hint', 'data-testid': 'account-email-state' });
  const part = section(t('accountpage-name-and-email'), 'account-details', h('p', { class: 'hint' },
    t('accountpage-your-username-is-username-others', { username: me.username })), view.el,
  confirmation, storage);
  const showConfirmation = (a) => confirmation.replaceChildren(...emailState(a, part));
  view.busy(true);
  api.account().then((a) => {
    name.input.value = a.display_name && a.display_name !== a.username ? a.display_name : '';
    email.input.value = a.email || '';
    storage.textContent = storageText(a);
    showConfirmation(a);
    view.busy(false);
  }, (err) => part.say(t('accountpage-could-not-load-your-account', { message: err.message })));

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    part.say('');
    const fields = { display_name: name.input.value.trim(), email: email.input.value.trim() };
    const errors = {};
    if (fields.display_name.length > 150) errors.display_name = t('accountpage-use-at-most-150-characters');
    if (!/^[^\s@]+@[^\s@]+$/.test(fields.email)) errors.email = t('accountpage-enter-a-valid-email-address');
    view.show(errors, '');
    if (Object.keys(errors).length) return;
    view.busy(true);
    try {
      const a = await api.updateAccount(fields);
      me.display_name = (a && a.display_name) || fields.display_name || me.username;
      me.email = (a && a.email) || fields.email;
      if (a) showConfirmation(a);
      part.say(t('accountpage-saved'));
      onSaved();
    } catch (err) {
      showServerError(view, ['display_name', 'email'], err);
    } finally {
      view.busy(false);
    }
  });
  return part.el;
}

/** Whether the address is confirmed; an unconfirmed one gets a button for a new link
 *  (the server says when mail is off). */
function emailState(a, part) {
  if (!a.email) return [];
  if (a.email_confirmed) return [t('accountpage-email-confirmed')];
  const again = h('button', { type: 'button', class: 'link', 'data-testid': 'account-email-send' }, t('accountpage-send-a-new-link'));
  again.addEventListener('click', async () => {
    again.disabled = true;
    try {
      await api.sendEmailConfirmation();
      part.say(t('accountpage-a-confirmation-link-is-on'));
    } catch (err) {
      part.say(err.message);
    } finally {
      again.disabled = false;
    }
  });
  return [t('accountpage-email-unconfirmed'), ' ', again];
}

/** "Storage: X MB of Y MB used", or "no limit" when the server sets none. */
function storageText(a) {
  const used = fileSize(a.storage_used_bytes);
  return a.storage_quota_bytes == null
    ? t('accountpage-storage-used-used-no-limit', { used })
    : t('accountpage-storage-used-of-filesize-used', { used, fileSize: fileSize(a.storage_quota_bytes) });
}

/** onChanged() after the password changed (the other sessions are gone). Answers
 *  {el, hasPassword(has)}: an account a sign-in provider made has none yet, and sets its
 *  first without the current one. */
function passwordSection(onChanged) {
  let has = true;
  const current = field(t('accountpage-current-password'), 'current_password', 'password', 'password-current', 'current-password');
  const next = field(t('accountpage-new-password'), 'new_password', 'password', 'password-new', 'new-password');
  const again = field(t('accountpage-the-new-password-again'), 'again', 'password', 'password-again', 'new-password');
  const view = form('password', '', [current, next, again], t('accountpage-change-password'), { cls: 'page-form' });
  const part = section(t('accountpage-password'), 'password-section',
    h('p', { class: 'hint' }, t('accountpage-changing-it-signs-you-out')), view.el);

  view.el.addEventListener('submit', async (e) => {
    e.preventDefault();
    part.say('');
    const errors = checkNewPassword(next.input.value, again.input.value);
    if (has && !current.input.value) errors.current_password = t('accountpage-enter-your-current-password');
    view.show(errors, '');
    if (Object.keys(errors).length) return;
    view.busy(true);
    try {
      const answer = await api.changePassword(current.input.value, next.input.value);
      for (const f of [current, next, again]) f.input.value = '';
      setHas(true);
      const ended = Number(answer && answer.ended) || 0;
      part.say(ended === 0 ? t('accountpage-password-changed')
        : t('accountpage-password-changed-ended', { n: ended }));
      onChanged();
    } catch (err) {
      showServerError(view, ['current_password', 'new_password'], err);
    } finally {
      view.busy(false);
    }
  });
  function setHas(value) {
    has = value;
    current.wrap.hidden = !has;
    view.submit.textContent = has ? t('accountpage-change-password') : t('accountpage-set-password');
  }
  return { el: part.el, hasPassword: setHas };
}
