// Administration, custom emoji: add one by name with a picture (the server shrinks it to
// 128 px and keeps an animation), see them all and remove one. Messages that used a
// removed emoji keep its `:name:` as text.

import { request } from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { loadCustomEmoji, customEmojiList, customEmojiImg } from '../customemoji.js';
import { t } from '../i18n.js';

/** onChanged() after an emoji was added or removed (the chat redraws its messages). */
export function customEmojiSection({ onChanged }) {
  const name = h('input', { id: 'emoji-name', type: 'text', required: true, maxlength: 64, autocomplete: 'off',
    'data-testid': 'emoji-name', 'aria-describedby': 'emoji-name-hint', pattern: '[a-z0-9_+\\-]+' });
  const file = h('input', { id: 'emoji-file', type: 'file', required: true, accept: 'image/png,image/jpeg,image/gif,image/webp',
    'data-testid': 'emoji-file' });
  const add = h('button', { type: 'submit', class: 'primary', 'data-testid': 'emoji-add' }, t('adminemoji-add-emoji'));
  const list = h('ul', { class: 'admin-list emoji-admin-list', 'data-testid': 'emoji-list' });
  const formEl = h('form', { class: 'page-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: name.id }, t('adminemoji-name')),
      h('p', { class: 'hint', id: 'emoji-name-hint' }, t('adminemoji-used-as-name-lower-case')), name),
    h('div', { class: 'field' }, h('label', { for: file.id }, t('adminemoji-picture-png-jpeg-gif-or')), file),
    add);
  const part = section(t('adminemoji-custom-emoji'), 'admin-emoji', formEl, h('h3', null, t('adminemoji-on-this-server')), list);

  const draw = () => {
    const all = customEmojiList();
    list.replaceChildren(...(all.length ? all.map((e) => {
      const remove = h('button', { type: 'button', class: 'secondary', 'data-testid': 'emoji-remove',
        'aria-label': t('adminemoji-remove-name', { name: e.name }) }, t('adminemoji-remove'));
      remove.addEventListener('click', async () => {
        part.say('');
        try {
          await request('DELETE', `/api/emoji/${e.id}/`);
          await loadCustomEmoji();
          draw();
          part.say(t('adminemoji-removed-name-messages-that-used', { name: e.name }));
          onChanged();
        } catch (err) {
          part.say(t('adminemoji-could-not-remove-it-message', { message: err.message }));
        }
      });
      return h('li', { class: 'admin-row', 'data-testid': 'emoji-row', 'data-name': e.name },
        customEmojiImg(e, 'cell'), h('span', { class: 'admin-name' }, `:${e.name}:`), remove);
    }) : [h('li', { class: 'search-note' }, t('adminemoji-none-yet'))]));
  };

  formEl.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    part.say('');
    const chosen = file.files && file.files[0];
    if (!name.value.trim() || !chosen) {
      part.say(t('adminemoji-give-a-name-and-a'));
      return;
    }
    const form = new FormData();
    form.append('name', name.value.trim());
    form.append('image', chosen);
    add.disabled = true;
    try {
      const made = await request('POST', '/api/emoji/', form);
      await loadCustomEmoji();
      draw();
      formEl.reset();
      part.say(t('adminemoji-added-name', { name: made.name }));
      onChanged();
    } catch (err) {
      part.say(t('adminemoji-could-not-add-it-message', { message: err.message }));
    } finally {
      add.disabled = false;
    }
  });

  loadCustomEmoji().then(draw, (err) => part.say(t('adminemoji-could-not-load-the-emoji', { message: err.message })));
  return part.el;
}
