// Signing out in one tab signs out every tab of that session, run by
// tests/browser.rs:
//
//   node tests/browser/two-tabs.mjs <base-url>
//
// bob is signed in once (one session cookie) and has the web client open in two tabs,
// and signed in a second time on another "device" (another browser context, another
// session). He clicks "Sign out" in the first tab. The second tab's live socket is
// closed by the server at once (1008), so it shows the sign-in page by itself, without
// a click or a reload; the other device stays online and still receives alice's message.
// Every wait is an auto-waiting locator with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { apiClient, launch, steps } from './harness.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node two-tabs.mjs <base-url>');
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
  const bobId = (await register(bob)).user.id;
  const chatId = (await call('POST', '/messages/api/chats/', ta, { chat_type: 'dm', member_ids: [bobId] })).id;

  /** A browser context (a device) where bob has signed in once. */
  const device = async () => {
    const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true, viewport: { width: 1100, height: 760 } });
    const login = await context.request.post('/accounts/login/', { data: { username: bob, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
    return context;
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signInPage = (page) => page.locator('[data-testid="login-form"], [data-testid="register-form"]').first();
  const open = async (context) => {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await online(page).waitFor({ timeout: T });
    return page;
  };

  const laptop = await device();
  const phone = await device();
  let first;
  let second;
  let other;
  await step('bob has the client open in two tabs of one session and on another device; all three are online', async () => {
    first = await open(laptop);
    second = await open(laptop);
    other = await open(phone);
  });

  await step('bob signs out in the first tab: it shows the sign-in page', async () => {
    await first.getByTestId('logout').click({ timeout: T });
    await signInPage(first).waitFor({ timeout: T });
  });

  await step('the second tab, untouched, drops to the sign-in page by itself at once', async () => {
    await signInPage(second).waitFor({ timeout: T });
    const stillOnline = await online(second).count();
    if (stillOnline) throw new Error('the second tab still says it is online');
  });

  await step('the other device (another session) is still online and receives alice\'s message live', async () => {
    const text = `still here ${run}`;
    await call('POST', `/messages/api/chats/${chatId}/messages/`, ta, { content: text });
    await other.getByText(text).first().waitFor({ timeout: T });
    await online(other).waitFor({ timeout: T });
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'two-tabs: all steps passed' : `two-tabs: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
