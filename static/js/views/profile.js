// The profile dialog: your display name (what others see instead of your username) and
// your picture (uploaded as a file, then set as the profile image).

import * as api from '../api.js';
import { h, modal, userName } from '../dom.js';
import { avatar } from '../avatar.js';
import { t } from '../i18n.js';

const DEFAULT_IMAGE = '/media/user_images/default.jpg';

/** onSaved(user) after a change, with the fields the rest of the page shows. */
export function openProfile({ me, onSaved }) {
  const nameError = h('p', { class: 'field-error', id: 'profile-name-error', 'data-testid': 'profile-display-name-error', 'aria-live': 'polite' });
  const name = h('input', { id: 'profile-display-name', type: 'text', maxlength: 150, autocomplete: 'name',
    'data-testid': 'profile-display-name', 'aria-describedby': nameError.id });
  name.value = me.display_name && me.display_name !== me.username ? me.display_name : '';
  name.placeholder = me.username;
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'profile-save' }, t('profile-save-name'));
  const saved = h('p', { class: 'search-note', role: 'status', 'data-testid': 'profile-status' });

  const picture = h('div', { class: 'profile-picture', 'data-testid': 'profile-avatar' }, avatar(me, 'large'));
  const pick = h('input', { id: 'profile-avatar-input', type: 'file', accept: 'image/*', 'data-testid': 'profile-avatar-input' });
  const remove = h('button', { type: 'button', class: 'secondary', 'data-testid': 'profile-avatar-remove' }, t('profile-remove-picture'));
  const pictureNote = h('p', { class: 'search-note', role: 'status' });

  const showPicture = (url) => {
    me.avatar_url = url && url !== DEFAULT_IMAGE ? url : null;
    picture.replaceChildren(avatar(me, 'large'));
    remove.hidden = !me.avatar_url;
  };

  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: name.id }, t('profile-display-name')),
      h('p', { class: 'hint' }, t('profile-shown-to-others-instead-of', { username: me.username })),
      name, nameError),
    save, saved);
  const pictureSection = h('section', { class: 'field' },
    h('h3', null, t('profile-picture')),
    h('div', { class: 'row' }, picture, h('div', { class: 'stack' },
      h('label', { for: pick.id, class: 'label' }, t('profile-choose-an-image')), pick, remove)),
    pictureNote);
  modal(t('profile-your-profile'), 'profile-dialog', pictureSection, form);
  name.focus();

  api.getProfile().then((p) => showPicture(p && p.profile ? p.profile.image : null), () => { remove.hidden = true; });

  name.addEventListener('input', () => { nameError.textContent = ''; name.removeAttribute('aria-invalid'); saved.textContent = ''; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      const user = await api.updateUser(me.id, { display_name: name.value.trim() });
      me.display_name = (user && user.display_name) || name.value.trim() || me.username;
      saved.textContent = t('profile-saved-others-now-see-you', { userName: userName(me) });
      onSaved(me);
    } catch (err) {
      nameError.textContent = err.fields.display_name || err.message;
      name.setAttribute('aria-invalid', 'true');
    } finally {
      save.disabled = false;
    }
  });

  pick.addEventListener('change', async () => {
    const file = pick.files[0];
    pick.value = '';
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      pictureNote.textContent = t('profile-choose-an-image-file-png');
      return;
    }
    pictureNote.textContent = t('profile-uploading');
    try {
      const meta = await api.uploadFile(file);
      const url = api.fileUrl(meta && meta.id);
      if (!url) throw new Error(t('profile-the-server-did-not-name'));
      await api.updateProfile({ image: url });
      showPicture(url);
      pictureNote.textContent = t('profile-picture-saved');
      onSaved(me);
    } catch (err) {
      pictureNote.textContent = t('profile-could-not-save-the-picture', { message: err.message });
    }
  });
  remove.addEventListener('click', async () => {
    try {
      await api.updateProfile({ image: '' });
      showPicture(null);
      pictureNote.textContent = t('profile-picture-removed');
      onSaved(me);
    } catch (err) {
      pictureNote.textContent = t('profile-could-not-remove-the-picture', { message: err.message });
    }
  });
}
