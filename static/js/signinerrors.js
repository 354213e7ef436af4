// What the sign-in page says when a sign-in through a provider failed. The server sends
// the browser back to `/?sign_in_error=<code>&provider=<name>` with a code, never a
// sentence: each code is said here in natter's own words, so a link someone else wrote
// cannot make the page say "confirm your password at" another site. A code not listed
// here says nothing; the provider's name only picks the label of a provider the page
// lists.
import { t } from './i18n.js';

/** The sentence of each code; `label` is the provider's button label. */
const SENTENCES = new Map([
  ['unknown_provider', () => t('signinerrors-that-sign-in-provider-is')],
  ['unavailable', (label) => t('signinerrors-label-cannot-be-reached-right', { label })],
  ['expired', () => t('signinerrors-that-sign-in-link-has')],
  ['cancelled', (label) => t('signinerrors-sign-in-with-label-was', { label })],
  ['denied', (label) => t('signinerrors-label-refused-the-sign-in', { label })],
  ['code_refused', (label) => t('signinerrors-label-did-not-accept-the', { label })],
  ['unverified', (label) => t('signinerrors-label-s-answer-could-not', { label })],
  ['registration_closed', (label) => t('signinerrors-your-label-account-is-not', { label })],
  ['invitation_needed', (label) => t('signinerrors-your-label-account-is-not-2', { label })],
  ['invitation_invalid', () => t('signinerrors-that-invitation-is-invalid-used')],
  ['deactivated', () => t('signinerrors-this-account-is-deactivated')],
  ['linked_elsewhere', (label) => t('signinerrors-that-label-account-is-already', { label })],
  ['already_linked', (label) => t('signinerrors-your-account-already-has-a', { label })],
  ['sign_in_again', () => t('signinerrors-sign-in-again-then-link')],
  ['sign_in_first', () => t('signinerrors-sign-in-first-then-link')],
  ['too_many_attempts', () => t('signinerrors-too-many-unfinished-sign-ins')],
  ['failed', () => t('signinerrors-signing-in-failed-try-again')],
]);

/** The provider's label when no provider of that name is listed. */
const SOME_PROVIDER = t('signinerrors-your-sign-in-provider');

/** The sentence for `code` about the provider named `name` among `providers` (the page's
 *  list, `[{name, label}]`), or '' for a code natter does not send. */
export function signInErrorSentence(code, name, providers) {
  const say = SENTENCES.get(code);
  if (!say) return '';
  const listed = Array.isArray(providers) ? providers.find((p) => p && p.name === name) : null;
  const label = listed && typeof listed.label === 'string' ? listed.label : SOME_PROVIDER;
  const sentence = say(label);
  return listed ? sentence : sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
