// A sentence for the sign-in screen that must outlive the reload that drops the app
// (why someone was signed out), kept for this tab only.
import { t } from './i18n.js';

const NOTICE_KEY = 'natter.signin-notice';
export const SIGNED_OUT = t('notice-you-were-signed-out-sign');

/** Keeps `text` for the next sign-in screen in this tab (none for empty). */
export function keepNotice(text) {
  try {
    if (text) sessionStorage.setItem(NOTICE_KEY, text);
    else sessionStorage.removeItem(NOTICE_KEY);
  } catch {
    // no storage: the sign-in screen just has no sentence
  }
}

/** The kept sentence, once. */
export function takeNotice() {
  try {
    const text = sessionStorage.getItem(NOTICE_KEY) || '';
    sessionStorage.removeItem(NOTICE_KEY);
    return text;
  } catch {
    return '';
  }
}

