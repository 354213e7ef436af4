// The account page's "Language" section: the language natter shows (and mails) in, one
// of the six with a catalog, or the browser's. The choice is stored on the account
// (`/messages/api/me/language/`) so mail and other devices follow it, kept on this device
// for the next page load, and shown at once by loading the page again in it (every
// module reads its words when it loads).

import * as api from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { t, LANGUAGES, keepChoice } from '../i18n.js';

// Each language named in itself, as a person looking for their own finds it.
const NAMES = { en: 'English', de: 'Deutsch', es: 'Español', 'pt-BR': 'Português (Brasil)', ja: '日本語', ar: 'العربية' };

/** The section, set to the account's choice once it is read. */
export function languageSettings() {
  const select = h('select', { id: 'language-choice', 'data-testid': 'language-choice', disabled: true },
    h('option', { value: '' }, t('languagesettings-browser')),
    ...LANGUAGES.map((code) => h('option', { value: code, lang: code, dir: 'auto' }, NAMES[code] || code)));
  const part = section(t('languagesettings-title'), 'language-section',
    h('label', { for: 'language-choice' }, t('languagesettings-label')), select,
    h('p', { class: 'hint' }, t('languagesettings-hint')));
  api.myLanguage().then((answer) => {
    select.value = (answer && answer.language) || '';
    select.disabled = false;
  }, (err) => part.say(t('languagesettings-could-not-read', { message: err.message })));
  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      const answer = await api.setMyLanguage(select.value || null);
      keepChoice(answer && answer.language);
      location.reload();
    } catch (err) {
      select.disabled = false;
      part.say(t('languagesettings-could-not-save', { message: err.message }));
    }
  });
  return part.el;
}
