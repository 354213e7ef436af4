// Signing in through an OpenID Connect provider in a real browser, run by tests/browser.rs
// against a natter started with `--oidc test=...` and the provider of tests/oidc:
//
//   node tests/browser/oidc.mjs <base-url> <shots-dir>
//
// The sign-in page shows the provider's button; clicking it leads to the provider's own
// login form, and after it and its consent page the person lands in the chat list,
// signed in. From that browser, seed 000's login with `oauth: "true"` and an empty
// password gives their key. Cancelling at the provider brings the sign-in page back with
// a sentence, not a JSON page. The page says only natter's own sentences: a link's
// `?sign_in_error=<any text>` shows nothing, a code natter sends shows its sentence, and
// either leaves the address bar. Every wait is an auto-waiting locator with a timeout.
// Exit code 0 only when every step passed.

import { launch, steps } from './harness.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node oidc.mjs <base-url> [shots-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const run = Date.now().toString(36);
const person = `brenda${run}`;

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;

/** The sign-in page with the provider's button ready (natter may still be discovering). */
async function providerButton(page) {
  const deadline = Date.now() + T;
  for (;;) {
    await page.goto(`${origin}/`);
    const button = page.getByTestId('provider-test');
    await button.waitFor({ timeout: T });
    if ((await button.evaluate((el) => el.tagName)) === 'A') return button;
    if (Date.now() > deadline) throw new Error('the provider stayed unavailable');
    await page.waitForTimeout(300);
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const page = await context.newPage();

  await step('the sign-in page shows a button for the provider', async () => {
    const button = await providerButton(page);
    const text = await button.textContent();
    if (text !== 'Sign in with Test ID') throw new Error(`button says ${JSON.stringify(text)}`);
  });

  await step('the button leads through the provider\'s form into the chat list', async () => {
    await page.getByTestId('provider-test').click();
    await page.locator('input[name="login"]').fill(person, { timeout: T });
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached', timeout: T });
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${origin}/`, { timeout: T });
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  });

  await step('seed 000\'s oauth login from this browser gives the key', async () => {
    const answer = await page.evaluate(async (name) => {
      const csrf = document.cookie.split(';').map((c) => c.trim().split('='))
        .find(([k]) => k === 'csrftoken')[1];
      const res = await fetch('/api/auth/login/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
        body: JSON.stringify({ username: name, password: '', oauth: 'true' }),
      });
      return { status: res.status, body: await res.json() };
    }, person);
    if (answer.status !== 200 || !/^[0-9a-f]{40}$/.test(answer.body.token || '')) {
      throw new Error(JSON.stringify(answer));
    }
  });

  await step('the account page lists the provider', async () => {
    await page.goto(`${origin}/#account`);
    await page.getByTestId('identities').getByText('Test ID').waitFor({ timeout: T });
  });

  await step('a first password is set without a current one, then the provider can be unlinked', async () => {
    const unlink = page.getByTestId('unlink-test');
    if (!(await unlink.isDisabled())) throw new Error('the only way in could be unlinked');
    if (await page.getByTestId('password-current').isVisible()) throw new Error('asks for a current password');
    await page.getByTestId('password-new').fill('a first password');
    await page.getByTestId('password-again').fill('a first password');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-section-status').getByText('Password changed.').waitFor({ timeout: T });
    await page.waitForFunction(() => !document.querySelector('[data-testid="unlink-test"]').disabled, null, { timeout: T });
    await unlink.click();
    await page.getByTestId('identities-section-status').getByText('Test ID unlinked.').waitFor({ timeout: T });
    await page.getByTestId('link-test').waitFor({ timeout: T });
  });

  await step('linking it again asks for the password first, then goes through the provider', async () => {
    await page.getByTestId('link-test').click();
    await page.getByTestId('link-confirm-submit').click();
    await page.getByTestId('link-password-error').getByText('Enter your password or a code.').waitFor({ timeout: T });
    await page.getByTestId('link-password').fill('not the password');
    await page.getByTestId('link-confirm-submit').click();
    await page.getByTestId('link-password-error').getByText('Your current password was entered incorrectly.', { exact: false })
      .waitFor({ timeout: T });
    await page.getByTestId('link-password').fill('a first password');
    await page.getByTestId('link-confirm-submit').click();
    // The provider still knows this browser: at most its consent is asked again.
    await page.waitForURL((url) => url.origin !== origin || url.hash === '#account', { timeout: T });
    if (new URL(page.url()).origin !== origin) {
      const login = page.locator('input[name="login"]');
      const consent = page.locator('input[name="prompt"][value="consent"]');
      await login.or(consent).first().waitFor({ state: 'attached', timeout: T });
      if (await login.count()) {
        await login.fill(person);
        await page.locator('input[name="password"]').fill('anything');
        await page.locator('button[type="submit"]').click();
        await consent.waitFor({ state: 'attached', timeout: T });
      }
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${origin}/#account`, { timeout: T });
    }
    await page.getByTestId('unlink-test').waitFor({ timeout: T });
  });

  await step('a link\'s own words never show on the sign-in page', async () => {
    const other = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const p2 = await other.newPage();
    for (const said of ['Confirm your password at https://evil.example/natter', '__proto__', 'constructor']) {
      await p2.goto(`${origin}/?sign_in_error=${encodeURIComponent(said)}&provider=test`);
      await p2.getByTestId('login-username').waitFor({ timeout: T });
      if (await p2.getByTestId('auth-notice').isVisible()) {
        throw new Error(`a notice for ${JSON.stringify(said)}: ${await p2.getByTestId('auth-notice').textContent()}`);
      }
      if ((await p2.content()).includes('evil.example')) throw new Error('the text is on the page');
      if (new URL(p2.url()).search !== '') throw new Error(`the query stayed: ${p2.url()}`);
    }
    await other.close();
  });

  await step('a code natter sends shows its own sentence, with a listed provider\'s label only', async () => {
    const other = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const p2 = await other.newPage();
    for (const [query, sentence] of [
      ['sign_in_error=unavailable&provider=test', 'Test ID cannot be reached right now; try again in a minute.'],
      ['sign_in_error=unverified&provider=evil.example', 'Your sign-in provider\'s answer could not be verified, so natter did not sign you in.'],
    ]) {
      await p2.goto(`${origin}/?${query}`);
      const notice = p2.getByTestId('auth-notice');
      await notice.waitFor({ timeout: T });
      const said = await notice.textContent();
      if (said !== sentence) throw new Error(`notice: ${JSON.stringify(said)}`);
      if (new URL(p2.url()).search !== '') throw new Error(`the query stayed: ${p2.url()}`);
    }
    await other.close();
  });

  await step('cancelling at the provider comes back as a sentence on the sign-in page', async () => {
    const other = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const p2 = await other.newPage();
    const button = await providerButton(p2);
    await button.click();
    await p2.getByText('[ Cancel ]').click({ timeout: T });
    const notice = p2.getByTestId('auth-notice');
    await notice.waitFor({ timeout: T });
    const said = await notice.textContent();
    if (!said.includes('cancelled')) throw new Error(`notice: ${said}`);
    if (new URL(p2.url()).search !== '') throw new Error(`the query stayed: ${p2.url()}`);
    await other.close();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
