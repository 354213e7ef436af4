// Two-factor sign-in in the web client, run by tests/browser.rs:
//
//   node tests/browser/two-factor.mjs <base-url> <shots-dir>
//
// alice turns it on from her account page: the password, then a QR code and the key,
// then a code from "her app" (this script computes it from the key shown, as RFC 6238
// says an authenticator app does) turns it on and shows ten recovery codes. Signed out,
// her password alone brings the code field, not the chats; a wrong code is said so in
// words; a recovery code signs her in. Every wait is an auto-waiting locator with a
// timeout; no fixed sleeps. Exit code 0 only when every step passed.

import { join } from 'node:path';
import { apiClient, launch, steps, totp } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node two-factor.mjs <base-url> <shots-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';


const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { register } = await apiClient(origin);
  const alice = `alice_${run}`;
  await register(alice, PASSWORD);
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  let secret = '';
  let recovery = [];

  const signIn = async () => {
    await page.getByTestId('login-username').fill(alice);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
  };

  await step('alice signs in with her password and opens her account page', async () => {
    await page.goto(origin);
    await signIn();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    await page.getByTestId('account-page-link').click();
    await page.getByTestId('two-factor-off').waitFor({ timeout: T });
  });

  await step('setting up asks for her password, then shows a QR code and the key', async () => {
    await page.getByTestId('two-factor-password').fill('not her password');
    await page.getByTestId('two-factor-start-submit').click();
    await page.getByTestId('two-factor-password-error').filter({ hasText: /incorrect/ }).waitFor({ timeout: T });
    await page.getByTestId('two-factor-password').fill(PASSWORD);
    await page.getByTestId('two-factor-start-submit').click();
    await page.getByTestId('two-factor-qr').waitFor({ timeout: T });
    const loaded = await page.getByTestId('two-factor-qr').evaluate((img) => img.complete && img.naturalWidth > 0);
    if (!loaded) throw new Error('the QR code image did not load');
    secret = (await page.getByTestId('two-factor-secret').textContent()).trim();
    if (!/^[A-Z2-7]{32}$/.test(secret)) throw new Error(`the key is ${JSON.stringify(secret)}`);
    await page.screenshot({ path: join(shotDir, 'web-client-two-factor-setup.png') });
  });

  await step('a code from the app turns it on and shows ten recovery codes once', async () => {
    await page.getByTestId('two-factor-code').fill('000000');
    await page.getByTestId('two-factor-confirm-submit').click();
    await page.getByTestId('two-factor-code-error').filter({ hasText: /wrong/ }).waitFor({ timeout: T });
    await page.getByTestId('two-factor-code').fill(totp(secret));
    await page.getByTestId('two-factor-confirm-submit').click();
    await page.getByTestId('two-factor-codes').waitFor({ timeout: T });
    recovery = await page.getByTestId('recovery-code').allTextContents();
    if (recovery.length !== 10) throw new Error(`${recovery.length} recovery codes`);
    await page.getByTestId('two-factor-codes-done').click();
    await page.getByTestId('two-factor-state').filter({ hasText: 'On. 10 recovery codes left.' }).waitFor({ timeout: T });
  });

  await step('signed out, her password alone asks for the code; a wrong one is told in words', async () => {
    await page.getByTestId('page-back').click();
    await page.getByTestId('logout').click({ timeout: T });
    await page.getByTestId('login-form').waitFor({ timeout: T });
    await signIn();
    await page.getByTestId('login-code').waitFor({ timeout: T });
    if (await page.getByTestId('chat-list').isVisible()) throw new Error('the chats show without the code');
    await page.getByTestId('login-code').fill('000000');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-code-error').filter({ hasText: /wrong, expired or already used/ }).waitFor({ timeout: T });
    await page.screenshot({ path: join(shotDir, 'web-client-two-factor-sign-in.png') });
  });

  await step('a recovery code signs her in, and her account page then counts nine left', async () => {
    await page.getByTestId('login-code').fill(recovery[0]);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    await page.getByTestId('account-page-link').click();
    await page.getByTestId('two-factor-state').filter({ hasText: 'On. 9 recovery codes left.' }).waitFor({ timeout: T });
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'two-factor: all steps passed' : `two-factor: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
