// A team's first week in a real browser, run by tests/browser.rs:
//
//   node tests/browser/first-week.mjs <base-url> <admin> <password> <screenshot-dir>
//
// natter serves with open registration and no mail; <admin> was made by
// `natter create-user --admin`. At 1100 and 390 px:
//   - the sign-in page offers "Forgot password?" without mail, and it says to ask an
//     administrator for a reset link instead of showing a form that cannot work;
//   - the page's font stack ends with the platforms' colour emoji fonts;
//   - a newcomer who signs up lands in general, opened, where their arrival reads
//     "You joined"; the members with general open see "<name> joined" at once, and the
//     line is a message the API lists;
//   - "Where you are signed in" lists this browser only, named for a person (no key the
//     person never made);
//   - the recovery codes of two-factor setup are copied and downloaded as a .txt;
//   - on a phone (390 px, touch) a message shows no actions until it is tapped or
//     long-pressed, and the administrator's top bar keeps the connection status readable.
// Every wait is an auto-waiting locator or a polled condition with a timeout.
// Screenshots: first-week-general-<w>.png, first-week-actions-390.png,
// first-week-admin-390.png. Exit code 0 only when every step passed.

import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, admin, adminPassword, shotDir] = process.argv.slice(2);
if (!base || !admin || !adminPassword || !shotDir) {
  console.error('usage: node first-week.mjs <base-url> <admin> <password> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const EMOJI_FONTS = ['Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'];

/** RFC 4648 base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit code of `secret` now (RFC 6238). */
function totp(secret) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
const problems = [];
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const boss = await call('POST', '/api/auth/login/', null, { username: admin, password: adminPassword });
  const phoneSize = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
  const context = (width, extra = {}) => browser.newContext({
    baseURL: origin, acceptDownloads: true,
    ...(width < 640 ? phoneSize : { viewport: { width, height: 800 } }), ...extra,
  });
  const watch = (page, who) => {
    page.on('pageerror', (err) => problems.push(`${who}: uncaught in page: ${err.message}`));
    page.on('console', (msg) => {
      // A 401 is the page asking "who am I" before anyone signed in.
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`${who}: console error: ${msg.text()}`);
    });
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signUp = async (page, username, displayName) => {
    await page.goto(`${origin}/`);
    await page.getByTestId('register-link').click({ timeout: T });
    await page.getByTestId('register-username').fill(username);
    await page.getByTestId('register-display-name').fill(displayName);
    await page.getByTestId('register-email').fill(`${username}@example.com`);
    await page.getByTestId('register-password').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
    await online(page).waitFor({ timeout: T });
  };
  const fontsOf = (page, selector) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).fontFamily);
  const assertEmojiFonts = (stack, where) => {
    const missing = EMOJI_FONTS.filter((f) => !stack.includes(f));
    if (missing.length) throw new Error(`${where}: the font stack ${stack} names no ${missing.join(', ')}`);
  };

  for (const width of [1100, 390]) {
    await step(`${width}px: without mail, "Forgot password?" is on the sign-in page and says to ask an administrator`, async () => {
      const ctx = await context(width);
      const page = await ctx.newPage();
      watch(page, `sign-in ${width}`);
      await page.goto(`${origin}/`);
      await page.getByTestId('login-form').waitFor({ timeout: T });
      const registration = await call('GET', '/api/registration/');
      if (registration.mail !== false) throw new Error(`this server says it sends mail: ${JSON.stringify(registration)}`);
      await page.getByTestId('forgot-link').click({ timeout: T });
      const said = page.getByTestId('forgot-no-mail');
      await said.waitFor({ state: 'visible', timeout: T });
      const text = await said.textContent();
      if (!/administrator/.test(text) || !/reset link/.test(text)) throw new Error(`it says: ${text}`);
      if (await page.getByTestId('forgot-login').isVisible()) throw new Error('a form that mails nothing is offered');
      if (await page.getByTestId('forgot-submit').isVisible()) throw new Error('"Send me a link" is offered without mail');
      assertEmojiFonts(await fontsOf(page, 'body'), 'the sign-in page');
      await page.getByTestId('forgot-back').click();
      await page.getByTestId('login-username').waitFor({ state: 'visible', timeout: T });
      await ctx.close();
    });
  }

  const ann = `ann_${run}`;
  const bea = `bea_${run}`;
  const annCtx = await context(1100, { permissions: ['clipboard-read', 'clipboard-write'] });
  const pa = await annCtx.newPage();
  watch(pa, 'ann');
  let generalId;

  await step('1100px: a newcomer who signs up lands in general, opened, with "You joined" in it', async () => {
    await signUp(pa, ann, 'Ann Arrival');
    const hash = await until('a chat opened after sign-up', async () => /^#chat\/\d+$/.test(await pa.evaluate(() => location.hash))
      && pa.evaluate(() => location.hash));
    generalId = Number(hash.slice('#chat/'.length));
    await pa.getByTestId('chat-header-title').filter({ hasText: /^general$/ }).waitFor({ timeout: T });
    await pa.getByTestId('join-line').filter({ hasText: 'You joined' }).waitFor({ timeout: T });
    assertEmojiFonts(await fontsOf(pa, '[data-testid="message-content"]'), 'a message');
    await pa.screenshot({ path: join(shotDir, 'first-week-general-1100.png') });
  });

  const beaCtx = await context(390);
  const pb = await beaCtx.newPage();
  watch(pb, 'bea');
  await step('390px: the next newcomer lands in general too; ann, with it open, reads "Bea Arrival joined" at once', async () => {
    await signUp(pb, bea, 'Bea Arrival');
    await until('bea\'s general opened', async () => (await pb.evaluate(() => location.hash)) === `#chat/${generalId}`);
    await pb.getByTestId('join-line').filter({ hasText: 'You joined' }).waitFor({ timeout: T });
    await pa.getByTestId('join-line').filter({ hasText: 'Bea Arrival joined' }).waitFor({ timeout: T });
    // A message of bea's, as every API's clients read it.
    const page = await call('GET', `/messages/api/chats/${generalId}/messages/?page_size=50`, boss.token);
    const lines = page.results.filter((m) => m.content === '👋 joined').map((m) => m.sender && m.sender.username);
    if (!lines.includes(ann) || !lines.includes(bea)) throw new Error(`general's arrivals: ${JSON.stringify(lines)}`);
    await pb.screenshot({ path: join(shotDir, 'first-week-general-390.png') });
  });

  await step('1100px: "Where you are signed in" lists this browser, named for a person, and no key ann never made', async () => {
    await pa.getByTestId('account-page-link').click({ timeout: T });
    const rows = pa.getByTestId('session-row');
    await rows.first().waitFor({ timeout: T });
    const listed = await (await pa.request.get(`${origin}/api/account/sessions/`)).json();
    if (listed.length !== 1 || listed[0].kind !== 'session') throw new Error(`the server lists ${JSON.stringify(listed)}`);
    const texts = await rows.allTextContents();
    if (texts.length !== 1 || /API key/.test(texts[0]) || !/Web browser/.test(texts[0])) throw new Error(`the page lists ${JSON.stringify(texts)}`);
  });

  await step('1100px: two-factor setup\'s recovery codes are copied and downloaded as a .txt', async () => {
    await pa.getByTestId('two-factor-password').fill(PASSWORD);
    await pa.getByTestId('two-factor-start-submit').click();
    const secret = (await pa.getByTestId('two-factor-secret').textContent({ timeout: T })).trim();
    await pa.getByTestId('two-factor-code').fill(totp(secret));
    await pa.getByTestId('two-factor-confirm-submit').click();
    await pa.getByTestId('two-factor-codes').waitFor({ timeout: T });
    const codes = await pa.getByTestId('recovery-code').allTextContents();
    if (codes.length !== 10) throw new Error(`${codes.length} recovery codes`);
    await pa.getByTestId('recovery-codes-copy').click();
    await pa.getByTestId('recovery-codes-said').filter({ hasText: 'Copied.' }).waitFor({ timeout: T });
    const copied = await pa.evaluate(() => navigator.clipboard.readText());
    const notCopied = codes.filter((c) => !copied.split('\n').includes(c));
    if (notCopied.length) throw new Error(`the clipboard misses ${notCopied.join(', ')}: ${copied}`);
    const [download] = await Promise.all([
      pa.waitForEvent('download', { timeout: T }),
      pa.getByTestId('recovery-codes-download').click(),
    ]);
    const name = download.suggestedFilename();
    if (!/^natter-recovery-codes-.+\.txt$/.test(name)) throw new Error(`the file is named ${name}`);
    const file = await readFile(await download.path(), 'utf8');
    const notSaved = codes.filter((c) => !file.split('\n').includes(c));
    if (notSaved.length) throw new Error(`the file misses ${notSaved.join(', ')}: ${file}`);
    await pa.getByTestId('two-factor-codes-done').click();
    await pa.getByTestId('page-back').click();
  });

  await step('390px, touch: a message shows no actions until tapped; a tap or a long press brings them, over the bubble', async () => {
    // general's id as the administrator's API gives it (the step above read it from the page).
    const general = (await call('GET', '/api/admin/chats/?search=general', boss.token)).results.find((c) => c.title === 'general');
    generalId = general.id;
    if ((await pb.evaluate(() => location.hash)) !== `#chat/${generalId}`) await pb.goto(`${origin}/#chat/${generalId}`);
    const sent = await call('POST', `/messages/api/chats/${generalId}/messages/`, boss.token,
      { content: `Welcome aboard, everyone: a long first message so that the bubble would need the width ${run}` });
    const row = pb.locator(`[data-testid="message"][data-message-id="${sent.id}"]`);
    await row.waitFor({ timeout: T });
    const actions = row.locator('.msg-actions');
    const width = async () => (await actions.boundingBox()).width;
    if (await width() > 2) throw new Error(`the actions take ${await width()} px before any tap`);
    const bubble = await row.locator('.bubble').boundingBox();
    if (bubble.width < 260) throw new Error(`the bubble is squeezed to ${bubble.width} px`);
    await row.locator('[data-testid="message-content"]').tap();
    await until('the actions out after a tap', async () => (await width()) > 60);
    const reply = row.getByTestId('reply-button');
    const box = await reply.boundingBox();
    if (box.x < 0 || box.x + box.width > 390 || box.width < 36) throw new Error(`the reply button sits at ${JSON.stringify(box)}`);
    await pb.screenshot({ path: join(shotDir, 'first-week-actions-390.png') });
    await pb.getByTestId('chat-header-title').tap();
    await until('the actions away after a tap elsewhere', async () => (await width()) <= 2);
    await row.locator('.bubble').dispatchEvent('contextmenu');
    await until('the actions out after a long press', async () => (await width()) > 60);
    await reply.tap();
    await pb.getByTestId('reply-bar').waitFor({ timeout: T });
  });

  await step('390px: the administrator\'s top bar keeps the connection status readable', async () => {
    const ctx = await context(390);
    const page = await ctx.newPage();
    watch(page, 'admin 390');
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(admin, { timeout: T });
    await page.getByTestId('login-password').fill(adminPassword);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    await page.getByTestId('admin-page-link').waitFor({ state: 'visible', timeout: T });
    // Nothing covers it: the account tools start after its end, and its middle is its own.
    const status = await online(page).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const tools = document.querySelector('.account').getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { width: r.width, right: r.right, toolsLeft: tools.left, own: Boolean(hit && el.contains(hit)), text: el.textContent };
    });
    if (status.width < 40 || status.right > status.toolsLeft + 1 || !status.own) {
      throw new Error(`the connection status is squeezed: ${JSON.stringify(status)}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    if (overflow > 390) throw new Error(`the page is ${overflow} px wide`);
    await page.screenshot({ path: join(shotDir, 'first-week-admin-390.png') });
    await ctx.close();
  });

  if (problems.length) throw new Error(problems.join('\n'));
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
