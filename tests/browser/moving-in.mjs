// A team moving in from Slack, in a real browser, run by tests/browser.rs:
//
//   node tests/browser/moving-in.mjs <base-url> <screenshot-dir>
//
// natter serves a fresh database with open registration. alice signs up in the web
// client (the first arrival, so `general` is made, empty) with her Slack address, then
// prints `IMPORT` and waits for `IMPORTED` on stdin: the driver confirms her address and
// runs `natter import slack` on the server's database with an export whose general
// channel (`is_general`) Slack renamed `everyone`. Without a reload, her chat list then
// holds one general, with Slack's history and her own last message as its preview (not
// the newer reply kept to a thread), and `random` beside it; `everyone` is not a room of
// its own. In general, her messages say "Sent": the people the import made, who never
// signed in, are not named as having seen them. Screenshots at 1100 and 390 px.
// Every wait is an auto-waiting locator with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { createInterface } from 'node:readline';
import { launch, steps } from './harness.mjs';

const [base, shots] = process.argv.slice(2);
if (!base) {
  console.error('usage: node moving-in.mjs <base-url> [screenshot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const PASSWORD = 'correct horse battery';
const problems = [];

// The driver's answers on stdin (only `IMPORTED` here).
const lines = [];
const waiting = [];
createInterface({ input: process.stdin }).on('line', (line) => {
  const w = waiting.shift();
  if (w) w(line.trim());
  else lines.push(line.trim());
});
function ask(command, answer, timeout = 60_000) {
  console.log(command);
  const next = lines.length ? Promise.resolve(lines.shift()) : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${answer} on stdin within ${timeout} ms`)), timeout);
    waiting.push((line) => { clearTimeout(timer); resolve(line); });
  });
  return next.then((line) => { if (line !== answer) throw new Error(`expected ${answer}, got ${line}`); });
}

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;
try {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
  const online = page.locator('[data-testid="connection-status"][data-state="online"]');
  const rooms = page.locator('[data-testid="chat-item"][data-chat-type="room"]');
  const roomItem = (title) => rooms
    .filter({ has: page.getByTestId('chat-title').filter({ hasText: new RegExp(`^${title}$`) }) });
  const titles = async () => (await rooms.getByTestId('chat-title').allTextContents()).map((t) => t.trim()).sort();

  await step('alice signs up first and lands in an empty general', async () => {
    await page.goto(`${origin}/`);
    await page.getByTestId('register-link').click({ timeout: T });
    await page.getByTestId('register-form').waitFor({ timeout: T });
    for (const [testid, value] of Object.entries({
      'register-username': 'alice', 'register-display-name': 'Alice',
      'register-email': 'alice@example.org', 'register-password': PASSWORD,
    })) await page.getByTestId(testid).fill(value, { timeout: T });
    await page.getByTestId('register-submit').click();
    await online.waitFor({ timeout: T });
    await roomItem('general').waitFor({ timeout: T });
  });

  await step('the Slack export is imported beside the running server', async () => {
    await ask('IMPORT', 'IMPORTED');
  });

  await step('one general, with Slack\'s history, its preview the room\'s own last message', async () => {
    const general = roomItem('general');
    // The import's notes reach the open tab: the list is read again, no reload.
    await general.getByTestId('chat-preview').filter({ hasText: 'Count me in' }).waitFor({ timeout: T });
    await roomItem('random').waitFor({ timeout: T });
    const now = await titles();
    if (JSON.stringify(now) !== JSON.stringify(['general', 'random'])) {
      throw new Error(`the rooms are ${JSON.stringify(now)}, not one general and random`);
    }
    const preview = await general.getByTestId('chat-preview').textContent();
    if (/Only in the thread/.test(preview)) throw new Error(`the preview is the thread's reply: ${preview}`);
  });

  await step('general holds the history; alice\'s messages are not "Seen by" people who never signed in', async () => {
    await roomItem('general').click();
    const messages = page.getByTestId('message');
    await messages.filter({ hasText: 'Welcome, all' }).waitFor({ timeout: T });
    await messages.filter({ hasText: 'Lunch at noon?' }).waitFor({ timeout: T });
    const texts = await messages.allTextContents();
    if (texts.some((t) => /Only in the thread/.test(t))) throw new Error('the reply kept to its thread is in the timeline');
    const receipt = messages.filter({ hasText: 'Count me in' }).getByTestId('read-receipt');
    await receipt.waitFor({ timeout: T });
    const said = (await receipt.textContent()).trim();
    if (said !== 'Sent') throw new Error(`alice's newest message says ${JSON.stringify(said)}, not "Sent"`);
    const all = await page.getByTestId('read-receipt').allTextContents();
    const seen = all.filter((t) => /Seen by/.test(t));
    if (seen.length) throw new Error(`receipts name people who never signed in: ${JSON.stringify(seen)}`);
    if (shots) await page.screenshot({ path: `${shots}/web-client-moving-in-1100.png` });
  });

  await step('on a phone, the list shows the one general and its preview', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${origin}/`);
    await online.waitFor({ timeout: T });
    await roomItem('general').getByTestId('chat-preview').filter({ hasText: 'Count me in' }).waitFor({ timeout: T });
    const now = await titles();
    if (JSON.stringify(now) !== JSON.stringify(['general', 'random'])) {
      throw new Error(`the rooms are ${JSON.stringify(now)} on a phone`);
    }
    if (shots) await page.screenshot({ path: `${shots}/web-client-moving-in-390.png` });
  });

  await step('no error in the page', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'moving-in: all steps passed' : `moving-in: FAILED (${failures.join('; ') || 'see above'})`);
  if (problems.length) console.log(problems.join('\n'));
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
