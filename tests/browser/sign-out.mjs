// Signing out of a shared computer leaves nothing of the person in the browser, run by
// tests/browser.rs:
//
//   node tests/browser/sign-out.mjs <base-url> <shots-dir>
//
// bob, signed in with a session, has a push subscription this browser knows (its id in
// localStorage, the row made with his key, so only the client's own request removes it)
// and an unsent draft. He clicks "Sign out": the sign-in page shows, no draft is left
// in localStorage, nor the subscription's id or the choice to be notified, and the
// server holds no subscription of his. (Headless Chromium here has no push service, so
// the browser's own PushManager subscription cannot be made; pushsub.js ends it too.)
// Every wait is an auto-waiting locator with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { createECDH, randomBytes } from 'node:crypto';
import { apiClient, launch, steps } from './harness.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node sign-out.mjs <base-url> [shots-dir]');
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
  const { call, register: registerWith } = await apiClient(origin);
  const register = (name) => registerWith(name, PASSWORD);
  const alice = `alice_${run}`;
  const bob = `bob_${run}`;
  const ta = (await register(alice)).token;
  const { token: tb, user: { id: bobId } } = await register(bob);
  const chatId = (await call('POST', '/messages/api/chats/', ta, { chat_type: 'dm', member_ids: [bobId] })).id;
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const subscription = await call('POST', '/api/push/subscriptions/', tb, {
    endpoint: `https://push.example.org/bob-${run}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  });

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 } });
  const login = await context.request.post('/accounts/login/', { data: { username: bob, password: PASSWORD } });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  const page = await context.newPage();
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('natter.')));

  await step('bob has a draft in his chat with alice and this browser knows his push subscription', async () => {
    await page.goto(`${origin}/#chat/${chatId}`);
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    await page.evaluate(([id]) => {
      localStorage.setItem('natter.push-subscription', String(id));
      localStorage.setItem('natter.notifications', 'on');
    }, [subscription.id]);
    await page.getByTestId('message-input').fill(`not sent yet ${run}`);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('natter.draft.')),
      null, { timeout: T });
  });

  await step('bob signs out: the sign-in page shows', async () => {
    await page.getByTestId('logout').click({ timeout: T });
    await page.locator('[data-testid="login-form"], [data-testid="register-form"]').first().waitFor({ timeout: T });
  });

  await step('no draft, push subscription id or notification choice is left in this browser', async () => {
    const left = (await stored()).filter((k) => k.startsWith('natter.draft.')
      || k === 'natter.push-subscription' || k === 'natter.notifications');
    if (left.length) throw new Error(`left in localStorage: ${left.join(', ')}`);
  });

  await step('the server holds no push subscription of bob\'s', async () => {
    const mine = await call('GET', '/api/push/', tb);
    if (mine.subscriptions.length) throw new Error(`still subscribed: ${JSON.stringify(mine.subscriptions)}`);
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'sign-out: all steps passed' : `sign-out: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
