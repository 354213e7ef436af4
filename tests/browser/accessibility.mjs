// Every page and state of the web client checked by axe-core against WCAG 2.1 A and AA, run
// by tests/browser.rs (`every_page_of_the_client_passes_axe_in_the_browser`):
//
//   node tests/browser/accessibility.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px, each state in the light and the dark theme: sign-in, sign-up, the
// two-factor code, the chat list, a room holding every kind of message (text, Markdown, a
// code block, a file, a photo drawn from its thumbnail, reactions, a reply, a thread's
// summary, a pinned message, a topic line, a call's record), the thread panel, the emoji
// picker, the image viewer, search results, the status, profile and new-message dialogs,
// the account, admin, bots, people, mentions, saved and threads pages, a call ringing and
// the call screen. Then the same states once more at 1100 px in Arabic (the browser's
// language, so the page is laid out right to left), and once more in the pseudo-language
// (`?lang=pseudo`, tests/browser/pseudo.mjs), where every visible text and every
// aria-label, title, placeholder and alt must come from the catalogs. Every violation of
// every state is listed before the test fails, so one run shows all there is to fix.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { apiClient, launch, makePng, steps, untilWithin } from './harness.mjs';
import { AXE_VERSION, axeViolations, describeViolations } from './axe.mjs';
import { inPseudoLanguage, unwrapped } from './pseudo.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node accessibility.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

/** The six-digit code of a base32 `secret` now (RFC 6238), for the two-factor sign-in. */
function totp(secret) {
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch).toString(2).padStart(5, '0');
  const key = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) key.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac('sha1', Buffer.from(key)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// Not stopping at the first failed state: the run lists every state's violations.
const { step, failures } = steps({ stopOnFailure: false });
const browser = await launch({ media: true });
let exitCode = 1;
try {
  console.log(`axe-core ${AXE_VERSION}, WCAG 2.1 A and AA`);
  const { call } = await apiClient(origin);
  const boss = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const bob = await person('bob', 'Bob Stone');
  const cy = await person('cy', 'Cy Park');
  // cy signs in with a second factor.
  const started = await call('POST', '/api/account/two-factor/', cy.token, { current_password: PASSWORD });
  await call('POST', '/api/account/two-factor/confirm/', cy.token, { otp: totp(started.secret) });

  // One room holding every kind of message the client draws.
  const room = await call('POST', '/api/rooms/', boss.token, { name: `design ${run}`, description: 'every kind of message' });
  await call('POST', `/api/rooms/${room.id}/join/`, bob.token, {});
  const send = (token, body) => call('POST', `/messages/api/chats/${room.id}/messages/`, token, body);
  const upload = (name, mimeType, buffer) => call('POST', '/api/files/upload/', bob.token, undefined, { file: { name, mimeType, buffer } });
  await call('PATCH', `/messages/api/chats/${room.id}/`, boss.token, { topic: 'Screens for the second version' });
  const first = await send(bob.token, { content: 'Morning! The new screens are ready for review.' });
  await send(boss.token, { content: '**Bold** and _italic_, a list:\n- one\n- two\n\n> a quote\n\nand a link https://example.com/spec' });
  await send(bob.token, { content: 'The build step:\n```\ncargo build --release\n./target/release/natter --listen 0.0.0.0:8000\n```' });
  const photo = await upload('screen.png', 'image/png', makePng(800, 450));
  const pdf = await upload('minutes.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% natter test\n'));
  const shown = await send(bob.token, { content: 'Photo and minutes', attachment_ids: [photo.id, pdf.id] });
  await call('POST', `/messages/api/messages/${first.id}/reactions/`, boss.token, { emoji: '👍' });
  await call('POST', `/messages/api/messages/${first.id}/reactions/`, bob.token, { emoji: '🎉' });
  await send(bob.token, { content: 'Looks good, thanks', thread_id: first.id });
  await send(boss.token, { content: 'One more thing in the thread', thread_id: first.id });
  await send(bob.token, { content: 'Noted', thread_id: first.id }); // unread in Threads
  await send(boss.token, { content: 'Agreed, shipping Friday', reply_to: shown.id });
  const pinned = await send(bob.token, { content: 'Release checklist: tag, build, announce' });
  await call('POST', `/messages/api/messages/${pinned.id}/pin/`, bob.token, {});
  // Something on the Mentions and Saved pages.
  await send(bob.token, { content: `@${adminName} can you sign off the checklist?` });
  await call('POST', '/messages/api/saved/', boss.token, { message_id: pinned.id });
  // A direct chat where bob calls the administrator.
  const dm = await call('POST', '/messages/api/chats/', bob.token, { chat_type: 'dm', member_ids: [boss.user.id] });
  await call('POST', `/messages/api/chats/${dm.id}/messages/`, bob.token, { content: 'Got a minute for a call?' });

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signedIn = async (username, password, viewport, locale) => {
    const context = await browser.newContext({ baseURL: origin, viewport, locale, permissions: ['camera', 'microphone'] });
    if (pseudo) await inPseudoLanguage(context);
    const login = await context.request.post('/accounts/login/', { data: { username, password } });
    if (!login.ok()) throw new Error(`login ${username}: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`[${username} page error] ${err.message}`));
    await page.goto(`${origin}/`);
    await online(page).waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
    return page;
  };

  // Every state's violations, by state, in both themes; the page is left light.
  const found = [];
  // A state's violations are recorded and the step goes on to its next state; the step
  // fails at its end (`clean`) when any of its states had one.
  let pending = [];
  // What people wrote and named, which the pseudo-language leaves as it is.
  const known = [adminName, bob.user.username, cy.user.username, 'Bob Stone', 'Cy Park', `design ${run}`,
    'every kind of message', 'Screens for the second version', 'screen.png', 'minutes.pdf', '@example.com'];
  const check = async (page, what, options) => {
    if (pseudo) {
      // The pseudo-language's pass: every text and attribute from the catalogs (axe ran
      // on these states in the passes before).
      const left = await unwrapped(page, known);
      if (left.length) {
        const text = `${what}: text outside the catalogs:\n${left.map((l) => `    ${l.text}  in ${l.where}`).join('\n')}`;
        found.push(text);
        pending.push(text);
      }
      return;
    }
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page, options);
      if (violations.length) {
        const text = `${what}, ${colorScheme}:\n${describeViolations(violations)}`;
        found.push(text);
        pending.push(text);
        await page.screenshot({ path: join(shotDir, `a11y-${what.replace(/[^a-z0-9]+/gi, '-')}-${colorScheme}.png`) });
      }
      if (rtl && await page.evaluate(() => document.documentElement.dir) !== 'rtl') {
        const text = `${what}: the page is not laid out right to left`;
        found.push(text);
        pending.push(text);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const checked = (name, fn) => step(name, async () => {
    pending = [];
    await fn();
    if (pending.length) throw new Error(pending.join('\n'));
  });
  const tid = (page, id) => page.getByTestId(id);
  const escape = async (page, gone) => {
    await page.keyboard.press('Escape');
    await gone.waitFor({ state: 'hidden', timeout: T });
  };

  // Whether the states being checked are the Arabic ones (check() also asks for dir="rtl"),
  // and whether they are in the pseudo-language (check() then looks for words outside the
  // catalogs instead).
  let rtl = false;
  let pseudo = false;
  for (const pass of [{ width: 1100 }, { width: 390 }, { width: 1100, locale: 'ar' }, { width: 1100, pseudo: true }]) {
    const { width, locale } = pass;
    const phone = width < 640;
    const viewport = { width, height: phone ? 844 : 800 };
    const at = (what) => `${what} at ${width}px${locale ? ` (${locale})` : ''}${pass.pseudo ? ' (pseudo-language)' : ''}`;
    rtl = locale === 'ar';
    pseudo = Boolean(pass.pseudo);

    await checked(at('sign-in, sign-up and the two-factor code'), async () => {
      const context = await browser.newContext({ baseURL: origin, viewport, locale });
      if (pseudo) await inPseudoLanguage(context);
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await tid(page, 'login-username').waitFor({ timeout: T });
      await check(page, at('sign-in'));
      await tid(page, 'register-link').click();
      await tid(page, 'register-form').waitFor({ timeout: T });
      await check(page, at('sign-up'));
      await page.goto(`${origin}/`);
      await tid(page, 'login-username').fill(cy.user.username, { timeout: T });
      await tid(page, 'login-password').fill(PASSWORD);
      await tid(page, 'login-submit').click();
      await tid(page, 'login-code').waitFor({ timeout: T });
      await check(page, at('two-factor code'));
      await context.close();
    });

    const page = await signedIn(adminName, adminPassword, viewport, locale);
    const openChat = async (chatId) => {
      await page.evaluate((id) => { location.hash = `#chat/${id}`; }, chatId);
      await tid(page, 'messages').waitFor({ timeout: T });
    };
    const row = (id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);

    await checked(at('the chat list'), async () => {
      await tid(page, 'chat-list').locator('[data-testid="chat-item"]').first().waitFor({ timeout: T });
      await check(page, at('chat list'));
    });

    await checked(at('a room with every kind of message'), async () => {
      await openChat(room.id);
      await row(pinned.id).getByTestId('pinned-mark').waitFor({ timeout: T });
      await tid(page, 'thread-summary').first().waitFor({ timeout: T });
      await row(shown.id).scrollIntoViewIfNeeded();
      await until('the photo drawn from its thumbnail', () => row(shown.id).getByTestId('image-preview')
        .evaluate((img) => img.complete && img.naturalWidth > 0));
      await page.screenshot({ path: join(shotDir, `a11y-room-${width}${locale ? `-${locale}` : ''}.png`) });
      await check(page, at('room'));
    });

    await checked(at('the emoji picker'), async () => {
      const r = row(first.id);
      await r.hover();
      if (phone) await r.getByTestId('message-content').click({ position: { x: 4, y: 4 } });
      await r.getByTestId('react-button').click({ timeout: T });
      await check(page, at('quick reactions'));
      await r.getByTestId('emoji-more').click({ timeout: T });
      await tid(page, 'emoji-picker').waitFor({ timeout: T });
      await check(page, at('emoji picker'));
      await escape(page, tid(page, 'emoji-picker'));
    });

    await checked(at('the image viewer'), async () => {
      await row(shown.id).getByTestId('image-preview').click({ timeout: T });
      await tid(page, 'image-viewer').waitFor({ timeout: T });
      await check(page, at('image viewer'));
      await escape(page, tid(page, 'image-viewer'));
    });

    await checked(at('the thread panel'), async () => {
      await row(first.id).getByTestId('thread-summary').click({ timeout: T });
      await tid(page, 'thread-panel').locator('[data-testid="message"]').first().waitFor({ timeout: T });
      await check(page, at('thread panel'));
      await tid(page, 'thread-close').click();
      await tid(page, 'thread-panel').waitFor({ state: 'hidden', timeout: T });
    });

    await checked(at('search results'), async () => {
      await page.goto(`${origin}/#chats`);
      await online(page).waitFor({ timeout: T });
      const search = page.locator('[data-testid="message-search"]:visible');
      await search.fill('checklist');
      await tid(page, 'message-result').first().waitFor({ timeout: T });
      await check(page, at('search results'));
      await search.fill('');
    });

    for (const [open, dialog, label] of [['status-button', 'status-dialog', 'status picker'],
      ['profile-button', 'profile-dialog', 'profile dialog'], ['new-message', 'new-message-dialog', 'new-message dialog']]) {
      await checked(at(`the ${label}`), async () => {
        await page.goto(`${origin}/#chats`);
        await online(page).waitFor({ timeout: T });
        await page.locator(`[data-testid="${open}"]:visible`).click({ timeout: T });
        await tid(page, dialog).waitFor({ timeout: T });
        await check(page, at(label));
        await escape(page, tid(page, dialog));
      });
    }

    for (const hash of ['#account', '#admin', '#admin/bots', '#people', '#mentions', '#saved', '#threads']) {
      await checked(at(`the ${hash} page`), async () => {
        await page.goto(`${origin}/${hash}`);
        await online(page).waitFor({ timeout: T });
        await page.locator('.page').first().waitFor({ timeout: T });
        // The page's own list has loaded when its status line is gone or says so.
        // ("جارٍ", "in progress", opens every Arabic "Loading…")
        await until('the page loaded', () => page.evaluate(() => !/Loading|جارٍ/.test(document.querySelector('.page')?.textContent || '')));
        await check(page, at(`${hash} page`));
      });
    }

    await checked(at('a call ringing and the call screen'), async () => {
      const caller = await signedIn(bob.user.username, PASSWORD, { width: 1100, height: 760 }, locale);
      try {
        await page.goto(`${origin}/#chat/${dm.id}`);
        await online(page).waitFor({ timeout: T });
        await caller.evaluate((id) => { location.hash = `#chat/${id}`; }, dm.id);
        await caller.locator('[data-testid="call-start"]:visible').click({ timeout: T });
        await tid(page, 'call-ringing').waitFor({ timeout: T });
        await check(page, at('call ringing'));
        await tid(page, 'call-answer').click();
        await tid(page, 'call-view').waitFor({ timeout: T });
        await until('the call connected', () => page.locator('[data-testid="call-view"]').evaluate((el) => el.dataset.state !== 'joining'));
        await page.screenshot({ path: join(shotDir, `a11y-call-${width}${locale ? `-${locale}` : ''}.png`) });
        await check(page, at('call screen'));
        await tid(page, 'call-leave').click();
        await tid(page, 'call-view').waitFor({ state: 'detached', timeout: T });
      } finally {
        await caller.context().close();
      }
      await openChat(dm.id);
      await tid(page, 'call-record').first().waitFor({ timeout: T });
      await check(page, at('direct chat with a call record'));
    });
    await page.context().close();
  }

  exitCode = failures.length ? 1 : 0;
  if (found.length) console.log(`\nevery violation found:\n${found.join('\n\n')}`);
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
  console.log(exitCode === 0 ? 'accessibility: all steps passed' : `accessibility: FAILED (${failures.join('; ') || 'see above'})`);
  process.exit(exitCode);
}
