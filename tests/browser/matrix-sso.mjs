// A Matrix app signing in through natter's sign-in page (Matrix's `m.login.sso`), run by
// tests/browser.rs:
//
//   node tests/browser/matrix-sso.mjs <base-url> <out-dir>
//
// alice signs up through the API and turns two-factor sign-in on. "Her app" sends the
// browser to `/_matrix/client/v3/login/sso/redirect?redirectUrl=<base>/healthz?from=matrix`:
// natter's sign-in page (the `matrix_sso` query gone from the address bar) asks her
// password and her code, then, instead of the chats, asks whether the app at <base>'s
// origin may sign in as her (her display name and username), its heading focused and no
// WCAG 2.1 A or AA violation (axe-core) in the light or the dark theme. "Continue" sends
// the browser to the app's address with a `loginToken`, which POST
// /_matrix/client/v3/login (`m.login.token`) trades for a device once; a second time it
// is refused (403 M_FORBIDDEN). An address the server refuses is said in words (an
// alert), the buttons kept. Sent again while signed in, she is asked again, and "Cancel"
// opens her chats with no `matrix_sso` in the address bar. Every wait is an auto-waiting
// locator or a polled condition with a timeout; no fixed sleeps. Exit code 0 only when
// every step passed.

import { join } from 'node:path';
import { apiClient, launch, steps, totp, untilWithin } from './harness.mjs';
import { AXE_VERSION, expectNoViolations } from './axe.mjs';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node matrix-sso.mjs <base-url> <out-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const DISPLAY_NAME = 'Alice Matrix';
// Where main.js keeps the app's address for the tab while she signs in.
const KEY = 'natter.matrixSso';
// "The app": any address of natter's own origin answers, and the browser's address bar
// shows where it was sent.
const APP_URL = `${origin}/healthz?from=matrix`;
const SSO_REDIRECT = `${origin}/_matrix/client/v3/login/sso/redirect?redirectUrl=${encodeURIComponent(APP_URL)}`;
const LOGIN = `${origin}/_matrix/client/v3/login`;


/** POST /_matrix/client/v3/login with `body`, from node (no browser, no cookie):
 *  `{status, json}`. */
async function matrixLogin(body) {
  const res = await fetch(LOGIN, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* said below with the text */ }
  if (json === null) throw new Error(`POST ${LOGIN} -> ${res.status}, not JSON: ${text.slice(0, 200)}`);
  return { status: res.status, json };
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  console.log(`axe-core ${AXE_VERSION}, WCAG 2.1 A and AA`);
  const { call } = await apiClient(origin);
  const alice = `alice_${run}`;
  let secret = '';
  let loginToken = '';

  await step('alice signs up through the API and turns two-factor sign-in on', async () => {
    const registration = await call('GET', '/api/registration/');
    if (!registration || registration.mode !== 'open') throw new Error(`GET /api/registration/ says ${JSON.stringify(registration)}`);
    const made = await call('POST', '/api/auth/register/', null,
      { username: alice, email: `${alice}@example.com`, password: PASSWORD, display_name: DISPLAY_NAME });
    const started = await call('POST', '/api/account/two-factor/', made.token, { current_password: PASSWORD });
    secret = started.secret;
    if (!/^[A-Z2-7]+=*$/.test(secret || '')) throw new Error(`the setup answered the key ${JSON.stringify(secret)}`);
    await call('POST', '/api/account/two-factor/confirm/', made.token, { otp: totp(secret) });
  });

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  // The refused address's 400 and the sign-in's 401s are answers under test; only the
  // page's own errors count.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
  const kept = () => page.evaluate((key) => sessionStorage.getItem(key), KEY);
  const question = page.getByTestId('matrixsso');
  const asks = page.getByTestId('matrixsso-asks');

  /** The question names the app's origin and alice by her display name and username. */
  const namesAppAndPerson = async () => {
    await asks.waitFor({ state: 'visible', timeout: T });
    const text = (await asks.textContent()).trim();
    for (const part of [origin, DISPLAY_NAME, `@${alice}`]) {
      if (!text.includes(part)) throw new Error(`the question says ${JSON.stringify(text)}, without ${JSON.stringify(part)}`);
    }
    if (text.includes('healthz') || text.includes('from=matrix')) throw new Error(`the question names more than the origin: ${JSON.stringify(text)}`);
  };

  await step('the app\'s redirect opens the sign-in page; matrix_sso leaves the address bar, kept for the tab', async () => {
    await page.goto(SSO_REDIRECT);
    await page.getByTestId('login-username').waitFor({ timeout: T });
    const at = new URL(page.url());
    if (at.origin !== origin || at.pathname !== '/') throw new Error(`the redirect led to ${page.url()}`);
    await until('matrix_sso to leave the address bar', async () => !new URL(page.url()).searchParams.has('matrix_sso'));
    const stored = await kept();
    if (stored !== APP_URL) throw new Error(`sessionStorage ${KEY} holds ${JSON.stringify(stored)}, not ${JSON.stringify(APP_URL)}`);
  });

  await step('her password, then her code, bring the question instead of the chats', async () => {
    await page.getByTestId('login-username').fill(alice);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-code').waitFor({ state: 'visible', timeout: T });
    // The step after the setup's: the code that turned it on counts as used.
    await page.getByTestId('login-code').fill(totp(secret, 1));
    await page.getByTestId('login-submit').click();
    await question.waitFor({ state: 'visible', timeout: T });
    if (await page.getByTestId('connection-status').count()) throw new Error('the app started beside the question');
  });

  await step('the question names the app\'s origin and alice, its heading focused, two buttons with words', async () => {
    await namesAppAndPerson();
    const heading = question.locator('h1');
    if (await heading.count() !== 1) throw new Error(`${await heading.count()} h1 headings`);
    await until('the heading to have the focus', () => heading.evaluate((el) => document.activeElement === el));
    const allow = page.getByTestId('matrixsso-continue');
    const cancel = page.getByTestId('matrixsso-cancel');
    if ((await allow.textContent()).trim() !== 'Continue') throw new Error(`the first button says ${JSON.stringify(await allow.textContent())}`);
    if ((await cancel.textContent()).trim() !== 'Cancel') throw new Error(`the second button says ${JSON.stringify(await cancel.textContent())}`);
    if (!await allow.evaluate((el) => el.classList.contains('primary'))) throw new Error('"Continue" is not the primary button');
    if (!/only if you started/i.test(await page.getByTestId('matrixsso-warning').textContent())) throw new Error('no warning to continue only from the app');
    await page.screenshot({ path: join(outDir, 'web-client-matrix-sso.png') });
  });

  await step('axe finds no WCAG 2.1 A or AA violation on the question, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await expectNoViolations(page, `the Matrix sign-in question (${colorScheme})`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await step('"Continue" sends the browser to the app\'s address with a loginToken; the tab forgets the app', async () => {
    const prefix = `${APP_URL}&loginToken=`;
    await page.getByTestId('matrixsso-continue').click();
    await page.waitForURL((url) => url.href.startsWith(prefix), { timeout: T });
    loginToken = new URL(page.url()).searchParams.get('loginToken') || '';
    if (!loginToken) throw new Error(`no loginToken in ${page.url()}`);
    const stored = await kept();
    if (stored !== null) throw new Error(`sessionStorage ${KEY} still holds ${JSON.stringify(stored)}`);
  });

  await step('POST /_matrix/client/v3/login trades the token for a device, which whoami names', async () => {
    const { status, json } = await matrixLogin({ type: 'm.login.token', token: loginToken });
    if (status !== 200) throw new Error(`-> ${status}: ${JSON.stringify(json)}`);
    for (const field of ['access_token', 'user_id', 'device_id']) {
      if (typeof json[field] !== 'string' || !json[field]) throw new Error(`no ${field} in ${JSON.stringify(json)}`);
    }
    if (!json.user_id.startsWith(`@${alice}:`)) throw new Error(`user_id ${json.user_id} is not alice's`);
    const res = await fetch(`${origin}/_matrix/client/v3/account/whoami`, { headers: { Authorization: `Bearer ${json.access_token}` } });
    const me = await res.json().catch(() => null);
    if (res.status !== 200 || !me || me.user_id !== json.user_id || me.device_id !== json.device_id) {
      throw new Error(`whoami -> ${res.status}: ${JSON.stringify(me)}`);
    }
  });

  await step('the same token a second time is refused: 403 M_FORBIDDEN', async () => {
    const { status, json } = await matrixLogin({ type: 'm.login.token', token: loginToken });
    if (status !== 403 || json.errcode !== 'M_FORBIDDEN') throw new Error(`-> ${status}: ${JSON.stringify(json)}`);
  });

  await step('an address the server refuses is said in words as an alert, and the buttons stay', async () => {
    // Not an app's address (the redirect refuses it too): only the tab's own storage can
    // hold it, as a page of an older build might have.
    await page.goto(`${origin}/`);
    await page.evaluate((key) => sessionStorage.setItem(key, 'javascript:alert(1)'), KEY);
    await page.reload();
    await question.waitFor({ state: 'visible', timeout: T });
    await page.getByTestId('matrixsso-continue').click();
    const error = page.getByTestId('matrixsso-error');
    await error.filter({ hasText: /not the address of an app/i }).waitFor({ timeout: T });
    // Its `role="alert"` line is read out once through the page's assertive region
    // (a11y/livereport.js takes the role and marks the line `data-live-error`).
    if (await error.getAttribute('data-live-error') === null && await error.getAttribute('role') !== 'alert') {
      throw new Error('the error line is no alert');
    }
    await page.locator('[aria-live="assertive"][data-testid="live-alert"]').filter({ hasText: /not the address of an app/i })
      .waitFor({ state: 'attached', timeout: T });
    await page.getByTestId('matrixsso-continue').waitFor({ state: 'visible', timeout: T });
    await until('the buttons to be enabled again', async () =>
      await page.getByTestId('matrixsso-continue').isEnabled() && await page.getByTestId('matrixsso-cancel').isEnabled());
    if (!page.url().startsWith(`${origin}/`) || page.url().includes('loginToken')) throw new Error(`the page went to ${page.url()}`);
    await page.getByTestId('matrixsso-cancel').click();
    await page.getByTestId('chat-list').waitFor({ state: 'attached', timeout: T });
    if (await kept() !== null) throw new Error(`sessionStorage ${KEY} still holds the address after "Cancel"`);
  });

  await step('sent again while signed in, she is asked again; "Cancel" opens her chats, no matrix_sso left', async () => {
    await page.goto(SSO_REDIRECT);
    await question.waitFor({ state: 'visible', timeout: T });
    await namesAppAndPerson();
    if (new URL(page.url()).searchParams.has('matrix_sso')) throw new Error(`the address bar still says ${page.url()}`);
    await page.getByTestId('matrixsso-cancel').click();
    await page.getByTestId('chat-list').waitFor({ state: 'attached', timeout: T });
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    if (await question.count()) throw new Error('the question still shows');
    if (new URL(page.url()).searchParams.has('matrix_sso')) throw new Error(`the address bar says ${page.url()}`);
    if (await kept() !== null) throw new Error(`sessionStorage ${KEY} still holds the address after "Cancel"`);
  });

  await step('the page reported no error of its own', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'matrix-sso: all steps passed' : `matrix-sso: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
