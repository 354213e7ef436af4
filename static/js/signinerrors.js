// What the sign-in page says when a sign-in through a provider failed. The server sends
// the browser back to `/?sign_in_error=<code>&provider=<name>` with a code, never a
// sentence: each code is said here in natter's own words, so a link someone else wrote
// cannot make the page say "confirm your password at" another site. A code not listed
// here says nothing; the provider's name only picks the label of a provider the page
// lists.

/** The sentence of each code; `label` is the provider's button label. */
const SENTENCES = new Map([
  ['unknown_provider', () => 'That sign-in provider is not configured here.'],
  ['unavailable', (label) => `${label} cannot be reached right now; try again in a minute.`],
  ['expired', () => 'That sign-in link has expired or was not started in this browser; start again.'],
  ['cancelled', (label) => `Sign-in with ${label} was cancelled.`],
  ['denied', (label) => `${label} refused the sign-in.`],
  ['code_refused', (label) => `${label} did not accept the sign-in code (it may have expired or been used already); start again.`],
  ['unverified', (label) => `${label}'s answer could not be verified, so natter did not sign you in.`],
  ['registration_closed', (label) => `Your ${label} account is not linked to an account here, and new accounts come from an administrator.`],
  ['invitation_needed', (label) => `Your ${label} account is not linked to an account here. Open your invitation link first, or sign in with your password and link ${label} from your account page.`],
  ['invitation_invalid', () => 'That invitation is invalid, used up or expired.'],
  ['deactivated', () => 'This account is deactivated.'],
  ['linked_elsewhere', (label) => `That ${label} account is already linked to another account here.`],
  ['already_linked', (label) => `Your account already has a ${label} account linked; unlink it first.`],
  ['sign_in_again', () => 'Sign in again, then link the provider.'],
  ['sign_in_first', () => 'Sign in first, then link the provider from your account page.'],
  ['too_many_attempts', () => 'Too many unfinished sign-ins from your network; try again in a minute.'],
  ['failed', () => 'Signing in failed; try again.'],
]);

/** The provider's label when no provider of that name is listed. */
const SOME_PROVIDER = 'your sign-in provider';

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
