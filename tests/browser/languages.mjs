// The web client in other languages, run by tests/browser.rs:
//
//   node tests/browser/languages.mjs <base-url> <admin-username> <admin-password> <shots-dir>
//
// 1. The pseudo-language (`?lang=pseudo`): the sign-in page, a group chat with messages,
//    reactions and a thread, and the account, people, mentions, saved and threads pages,
//    at 1100 and 390 px; the admin pages (with an invitation and its audit row) and bots
//    page, the status, profile and new-message dialogs, a call ringing, the call screen
//    and the call's line in the timeline, at 1100 px; the chat list's last lines of an
//    arrival and of a topic change. Every visible text node, and every
//    aria-label, title, placeholder and alt, must come from the catalogs (wrapped in ⟦ ⟧);
//    what people wrote (names, titles, messages: shown with dir="auto"), times and
//    numbers are left out. A sentence that bypasses the catalogs fails with its text.
// 2. Arabic (the browser's language `ar`): <html lang="ar" dir="rtl">, the sidebar on
//    the right of the conversation, words from the Arabic catalog.
// 3. German and Japanese (the browser's language): the composer's button and the day
//    separator in the language, a time's tooltip written the language's way; German
//    chosen on the account page of an English browser is stored on the account
//    (`/messages/api/me/language/`) and the page shows German from then on.
// Every wait is an auto-waiting locator or waitForFunction with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { apiClient, launch, steps } from './harness.mjs';
import { unwrapped } from './pseudo.mjs';

const [base, adminName, adminPassword, shots = '.'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node languages.mjs <base-url> <admin-username> <admin-password> [shots-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const { step, failures } = steps({ stopOnFailure: false });

const browser = await launch({ media: true });
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const alice = `alice_${run}`;
  const bob = `bob_${run}`;
  const ta = (await register(alice, PASSWORD)).token;
  const { user: { id: bobId } } = await register(bob, PASSWORD);
  const title = `ops ${run}`;
  const group = await call('POST', '/messages/api/chats/', ta, { chat_type: 'group', title, member_ids: [bobId] });
  const words = [`hello from alice ${run}`, `the deploy is done ${run}`];
  const root = await call('POST', `/messages/api/chats/${group.id}/messages/`, ta, { content: words[0] });
  await call('POST', `/messages/api/chats/${group.id}/messages/`, ta, { content: words[1] });
  await call('POST', `/messages/api/chats/${group.id}/messages/`, ta, { content: `a reply ${run}`, thread_id: root.id });
  // Reactions: their buttons are named (aria-label, title) in words.
  const tb = (await call('POST', '/api/auth/login/', null, { username: bob, password: PASSWORD })).token;
  for (const emoji of ['👍', '❤️', '🎉']) await call('POST', `/messages/api/messages/${root.id}/reactions/`, tb, { emoji });
  // Two more who arrive by themselves (the chat list's step).
  const carol = `carol_${run}`;
  const dave = `dave_${run}`;
  const topicsTitle = `topics ${run}`;
  const topic = `ship it ${run}`;
  const known = [alice, bob, carol, dave, title, ...words, `a reply ${run}`, `${alice}@example.com`,
    `${carol}@example.com`, `${dave}@example.com`, topicsTitle, topic, 'general', adminName, `${adminName}@`];

  const signedIn = async (options, name = alice, password = PASSWORD) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 }, ...options });
    const login = await context.request.post('/accounts/login/', { data: { username: name, password } });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
    return context;
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  const noneUnwrapped = async (page, what) => {
    const left = await unwrapped(page, known);
    if (left.length) throw new Error(`${what}: text outside the catalogs:\n${left.map((l) => `${l.text}  in ${l.where}`).join('\n')}`);
  };

  await step('pseudo-language: the sign-in page has no text outside the catalogs', async () => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    await page.goto(`${origin}/?lang=pseudo`);
    await page.locator('[data-testid="login-form"], [data-testid="register-form"]').first().waitFor({ timeout: T });
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA', null, { timeout: T });
    await noneUnwrapped(page, 'sign-in');
    await page.screenshot({ path: `${shots}/languages-pseudo-sign-in.png` });
    await context.close();
  });

  await step('pseudo-language: the chat list tells an arrival and a topic change in the catalogs\' words', async () => {
    // carol arrives by herself, so general (a default room) is made for her; dave
    // arrives after her: general's last line is his arrival. carol's own group's last
    // line is her topic change.
    for (const name of [carol, dave]) {
      await call('POST', '/api/auth/register/', null,
        { username: name, email: `${name}@example.com`, password: PASSWORD, join_default_rooms: true });
    }
    const tc = (await call('POST', '/api/auth/login/', null, { username: carol, password: PASSWORD })).token;
    const listed = await call('GET', '/messages/api/chats/', tc);
    const general = (Array.isArray(listed) ? listed : listed.results).find((c) => c.chat_type === 'room');
    if (!general || !String(general.last_message?.content).includes('joined')) throw new Error(`no arrival in general: ${JSON.stringify(general)}`);
    const topics = await call('POST', '/messages/api/chats/', tc, { chat_type: 'group', title: topicsTitle, member_ids: [bobId] });
    await call('PATCH', `/messages/api/chats/${topics.id}/`, tc, { topic });
    const context = await signedIn({}, carol);
    const page = await context.newPage();
    await page.goto(`${origin}/?lang=pseudo#chats`);
    await online(page);
    const preview = (id) => page.locator(`[data-testid="chat-item"][data-chat-id="${id}"] [data-testid="chat-preview"]`);
    // The pseudo-language accents what goes into a sentence too: the lines are waited
    // for as drawn, then read.
    await preview(topics.id).waitFor({ timeout: T });
    await preview(general.id).waitFor({ timeout: T });
    for (const [id, english] of [[topics.id, 'set the topic'], [general.id, 'joined']]) {
      const text = await preview(id).textContent();
      if (text.includes(english) || !text.includes('⟦')) throw new Error(`the chat list's line is not the catalogs': ${text}`);
    }
    await context.close();
  });

  for (const width of [1100, 390]) {
    await step(`pseudo-language at ${width} px: the chat, its thread and the pages have no text outside the catalogs`, async () => {
      const context = await signedIn({ viewport: { width, height: 760 } });
      const page = await context.newPage();
      await page.goto(`${origin}/?lang=pseudo#chat/${group.id}`);
      await online(page);
      await page.getByTestId('messages').getByText(words[1]).waitFor({ timeout: T });
      await noneUnwrapped(page, 'the chat');
      await page.screenshot({ path: `${shots}/languages-pseudo-chat-${width}.png` });
      await page.goto(`${origin}/?lang=pseudo#chat/${group.id}/thread/${root.id}`);
      await page.getByTestId('thread-replies').getByText(`a reply ${run}`).waitFor({ timeout: T });
      await noneUnwrapped(page, 'the thread');
      for (const hash of ['#account', '#people', '#mentions', '#saved', '#threads']) {
        await page.evaluate((h) => { location.hash = h; }, hash);
        await page.locator(`[data-testid="${hash.slice(1)}-page"]`).waitFor({ timeout: T });
        // The page's first read has answered (its status or its list is drawn).
        await page.waitForLoadState('networkidle', { timeout: T }).catch(() => {});
        await noneUnwrapped(page, hash);
      }
      await page.screenshot({ path: `${shots}/languages-pseudo-threads-${width}.png` });
      await context.close();
    });
  }

  await step('pseudo-language: the admin pages, the dialogs and a call have no text outside the catalogs', async () => {
    const boss = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
    const bobToken = tb;
    const dm = await call('POST', '/messages/api/chats/', bobToken, { chat_type: 'dm', member_ids: [boss.user.id] });
    // An invitation: a row of the Invitations list and one of the audit log.
    await call('POST', '/api/admin/invitations/', boss.token, { max_uses: 2, expires_in: 3600 });
    const media = { permissions: ['camera', 'microphone'] };
    const context = await signedIn(media, adminName, adminPassword);
    const page = await context.newPage();
    const tid = (id) => page.locator(`[data-testid="${id}"]:visible`);
    await page.goto(`${origin}/?lang=pseudo#chats`);
    await online(page);
    for (const hash of ['#admin', '#admin/bots']) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.locator('.page').first().waitFor({ timeout: T });
      await page.waitForLoadState('networkidle', { timeout: T }).catch(() => {});
      await noneUnwrapped(page, hash);
    }
    for (const [open, dialog] of [['status-button', 'status-dialog'], ['profile-button', 'profile-dialog'], ['new-message', 'new-message-dialog']]) {
      await page.evaluate(() => { location.hash = '#chats'; });
      await tid(open).click({ timeout: T });
      await page.getByTestId(dialog).waitFor({ timeout: T });
      await page.waitForLoadState('networkidle', { timeout: T }).catch(() => {});
      await noneUnwrapped(page, dialog);
      await page.keyboard.press('Escape');
      await page.getByTestId(dialog).waitFor({ state: 'hidden', timeout: T });
    }
    // bob (in English) calls; the pseudo-language page rings, answers, and leaves.
    await page.evaluate((id) => { location.hash = `#chat/${id}`; }, dm.id);
    await page.getByTestId('chat-header-title').waitFor({ timeout: T });
    const caller = await (await signedIn(media, bob)).newPage();
    await caller.goto(`${origin}/#chat/${dm.id}`);
    await online(caller);
    await caller.locator('[data-testid="call-start"]:visible').click({ timeout: T });
    await page.getByTestId('call-ringing').waitFor({ timeout: T });
    await noneUnwrapped(page, 'a call ringing');
    await page.getByTestId('call-answer').click();
    await page.waitForFunction(() => {
      const view = document.querySelector('[data-testid="call-view"]');
      return view && view.dataset.state === 'in-call';
    }, null, { timeout: T });
    await noneUnwrapped(page, 'the call screen');
    await page.screenshot({ path: `${shots}/languages-pseudo-call.png` });
    await page.getByTestId('call-leave').click();
    await caller.locator('[data-testid="call-leave"]:visible').click({ timeout: T }).catch(() => {});
    await page.locator('[data-testid="call-record"][data-kind="done"]').waitFor({ timeout: T });
    await noneUnwrapped(page, 'the call\'s line');
    await caller.context().close();
    await context.close();
  });

  await step('Arabic: the page is right to left, the sidebar on the right, the words Arabic', async () => {
    const context = await signedIn({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    await page.getByTestId('messages').getByText(words[1]).waitFor({ timeout: T });
    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    if (html.lang !== 'ar' || html.dir !== 'rtl') throw new Error(`html: ${JSON.stringify(html)}`);
    const sidebar = await page.locator('.sidebar').boundingBox();
    const chat = await page.locator('.chat').boundingBox();
    if (!(sidebar && chat && sidebar.x > chat.x)) throw new Error(`sidebar at ${sidebar && sidebar.x}, the chat at ${chat && chat.x}`);
    const send = (await page.getByTestId('send-button').textContent()).trim();
    if (send !== 'إرسال') throw new Error(`send button: ${send}`);
    const dirs = await page.locator('[data-testid="message-content"]').evaluateAll((els) => els.map((e) => e.dir));
    if (!dirs.length || dirs.some((d) => d !== 'auto')) throw new Error(`message bodies: ${dirs}`);
    await page.screenshot({ path: `${shots}/languages-arabic.png` });
    await context.close();
  });

  const inLanguage = async (locale, sendWord, today, datePattern) => {
    const context = await signedIn({ locale });
    const page = await context.newPage();
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    await page.getByTestId('messages').getByText(words[1]).waitFor({ timeout: T });
    const send = (await page.getByTestId('send-button').textContent()).trim();
    if (send !== sendWord) throw new Error(`send button: ${send}`);
    const separator = (await page.getByTestId('day-separator').first().textContent()).trim();
    if (separator !== today) throw new Error(`day separator: ${separator}`);
    const titles = await page.locator('time[title]').evaluateAll((els) => els.map((e) => e.title));
    if (!titles.some((t) => datePattern.test(t))) throw new Error(`no time written as ${datePattern}: ${titles.slice(0, 3)}`);
    await page.screenshot({ path: `${shots}/languages-${locale}.png` });
    await context.close();
  };

  await step('German: the words and a date are German', () => inLanguage('de-DE', 'Senden', 'Heute', /^\d{1,2}\.\d{1,2}\.\d{4}/));
  await step('Japanese: the words and a date are Japanese', () => inLanguage('ja-JP', '送信', '今日', /^\d{4}\/\d{1,2}\/\d{1,2}/));

  await step('German chosen on the account page is kept on the account and shown from then on', async () => {
    const context = await signedIn({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${origin}/#account`);
    await page.getByTestId('account-page').waitFor({ timeout: T });
    const choice = page.getByTestId('language-choice');
    await page.waitForFunction(() => !document.querySelector('[data-testid="language-choice"]').disabled, null, { timeout: T });
    await Promise.all([page.waitForEvent('load', { timeout: T }), choice.selectOption('de')]);
    await page.waitForFunction(() => document.documentElement.lang === 'de', null, { timeout: T });
    const stored = await call('GET', '/messages/api/me/language/', ta);
    if (stored.language !== 'de') throw new Error(`stored: ${JSON.stringify(stored)}`);
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    const send = (await page.getByTestId('send-button').textContent()).trim();
    if (send !== 'Senden') throw new Error(`send button after the choice: ${send}`);
    await call('PUT', '/messages/api/me/language/', ta, { language: null });
    await context.close();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
}
if (failures.length) console.log(`failed steps: ${failures.join('; ')}`);
process.exit(exitCode);
