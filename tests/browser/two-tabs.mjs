// Signing out in one tab signs out every tab of that session (issue 32, point 10), run by
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

import { chromium, request as apiRequest } from 'playwright-core';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node two-tabs.mjs <base-url>');
  process.exit(2);
}
const origin = new URL(base).origin;
const CHROMIUM = process.env.NATTER_CHROMIUM || '/usr/bin/chromium';
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const failures = [];
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   - ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    console.log(`FAIL - ${name}: ${String((err && err.message) || err).split('\n').slice(0, 12).join('\n       ')}`);
    failures.push(name);
    throw new Error(`stopping after failed step: ${name}`);
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60_000,
});
let exitCode = 1;
try {
  const api = await apiRequest.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const call = async (method, path, token, data) => {
    const res = await api.fetch(path, { method, headers: token ? { Authorization: `Token ${token}` } : {}, data });
    const body = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()}: ${body}`);
    return body ? JSON.parse(body) : null;
  };
  const register = (name) => call('POST', '/api/auth/register/', null,
    { username: name, email: `${name}@example.com`, password: PASSWORD });
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
