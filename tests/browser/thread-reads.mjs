// Thread replies read as messages everywhere, and a removed message leaves its place,
// run by tests/browser.rs:
//
//   node tests/browser/thread-reads.mjs <base-url> <admin-username> <admin-password> [shot-dir]
//
// At 1100 and 390 px, in a group of ann, bob and the administrator:
// - ann starts a thread; bob replies in it (his reply's quote line names ann, so it is her
//   mention). ann's Mentions page shows it as a reply: "Reply in a thread to you" with the
//   first message's excerpt, bob's own words drawn as the chat draws them (bold is bold),
//   no raw "> @ann [#id]:" line, and "Open the thread", a link to the thread at the reply;
// - ann has a second tab on the same session: reading the thread there (its panel open)
//   clears the first tab's Mentions unread mark and count, the chat's @ badge and the
//   Threads badge, live, and the server agrees; the first tab's notification of the reply
//   is closed;
// - an administrator removes bob's message in the chat: "removed by an administrator"
//   stands in its place for ann, live and after a reload, with no actions on it.
// Screenshots go to <shot-dir>: web-client-mentions-reply-<w>.png,
// web-client-removed-message-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node thread-reads.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

// Installed in ann's pages before any script: records the in-tab notifications shown and
// whether each was closed.
function spyOnNotifications() {
  const shown = [];
  window.__shown = shown;
  const Real = window.Notification;
  if (typeof Real !== 'function') return;
  const Spy = function Notification(title, options) {
    const entry = { title, tag: options && options.tag, closed: false };
    shown.push(entry);
    let real;
    try { real = new Real(title, options); } catch { real = { close() {} }; }
    const close = real.close.bind(real);
    real.close = () => { entry.closed = true; close(); };
    return real;
  };
  Spy.requestPermission = (...args) => Real.requestPermission(...args);
  Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
  window.Notification = Spy;
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const admin = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signIn = async (ctx, name) => {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    const yes = page.getByTestId('notify-prompt-yes');
    if (await yes.isVisible().catch(() => false)) await yes.click();
    await page.locator('[data-testid="notify-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  // A second tab of the same browser: the session is the context's.
  const anotherTab = async (ctx) => {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await online(page).waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const mention = (page, id) => page.locator(`[data-testid="mention-item"][data-message-id="${id}"]`);
  const row = (page, id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);
  const mentionsUnread = async () => (await call('GET', '/api/mentions/', ann.token)).unread;

  for (const width of [1100, 390]) {
    const phone = width < 700;
    const group = await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title: `Launch ${width} ${run}`, member_ids: [bob.user.id, admin.user.id] });
    const send = (who, body) => call('POST', `/messages/api/chats/${group.id}/messages/`, who.token, body);
    const root = await send(ann, { content: `Plan for the launch ${width}` });
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    await ctx.grantPermissions(['notifications'], { origin });
    await ctx.addInitScript(spyOnNotifications);
    const pa = await signIn(ctx, ann.user.username);
    const pb = await anotherTab(ctx);
    const tag = `chat-${group.id}`;
    const noteOf = async () => pa.evaluate((t) => (window.__shown || []).filter((n) => n.tag === t).pop() || null, tag);
    // bob answers in ann's thread while she has the chat list and another tab open.
    const reply = await send(bob, { content: `First draft is **ready** ${width}`, thread_id: root.id });
    await until('ann\'s first tab to notify her of the reply', async () => Boolean(await noteOf()));

    await step(`${width}px: the Mentions page shows bob's reply as a reply in a thread, in his own words`, async () => {
      await pa.evaluate(() => { location.hash = '#mentions'; });
      const m = mention(pa, reply.id);
      await m.waitFor({ timeout: T });
      if ((await m.getAttribute('data-read')) !== 'false') throw new Error('the reply is not unread');
      if ((await m.getAttribute('data-thread-id')) !== String(root.id)) throw new Error('the row does not name its thread');
      const header = await m.getByTestId('mention-reply').textContent();
      if (!header.includes('Reply in a thread') || !header.includes('to you') || !header.includes(`Plan for the launch ${width}`)) {
        throw new Error(`the reply's header reads ${JSON.stringify(header)}`);
      }
      const text = m.getByTestId('mention-text');
      if ((await text.textContent()).trim() !== `First draft is ready ${width}`) throw new Error(`the text reads ${JSON.stringify(await text.textContent())}`);
      if ((await text.locator('strong').textContent()) !== 'ready') throw new Error('the reply is not drawn as the chat draws it');
      if ((await m.textContent()).includes('[#')) throw new Error('the quote line is printed raw');
      const link = m.getByTestId('mention-thread');
      if ((await link.getAttribute('href')) !== `#chat/${group.id}/thread/${root.id}/${reply.id}`) throw new Error('no link to the thread');
      await pa.getByTestId('page-back').click();
      await pa.getByTestId('mentions-unread').waitFor({ timeout: T });
      await item(pa, group.id).getByTestId('mention-badge').waitFor({ timeout: T });
      await pa.getByTestId('threads-unread').waitFor({ timeout: T });
      await pa.evaluate(() => { location.hash = '#mentions'; });
      await mention(pa, reply.id).waitFor({ timeout: T });
      await pa.screenshot({ path: join(shotDir, `web-client-mentions-reply-${width}.png`) });
      pa.problems();
    });

    await step(`${width}px: reading the thread in another tab clears the Mentions unread, the @ badge and the Threads badge here`, async () => {
      await pb.evaluate(([chat, thread]) => { location.hash = `#chat/${chat}/thread/${thread}`; }, [group.id, root.id]);
      await pb.locator(`[data-testid="thread-replies"] [data-testid="message"][data-message-id="${reply.id}"]`).waitFor({ timeout: T });
      await until('the server to count the mention read', async () => (await mentionsUnread()) === 0);
      await pa.locator(`[data-testid="mention-item"][data-message-id="${reply.id}"][data-read="true"]`).waitFor({ timeout: T });
      await pa.getByTestId('mentions-section').getByText('0 unread').waitFor({ timeout: T });
      await pa.getByTestId('mentions-unread').waitFor({ state: 'detached', timeout: T });
      await pa.getByTestId('threads-unread').waitFor({ state: 'detached', timeout: T });
      await pa.getByTestId('page-back').click();
      await item(pa, group.id).waitFor({ timeout: T });
      if (await item(pa, group.id).getByTestId('mention-badge').count()) throw new Error('the chat still shows an unread mention');
      await until('the first tab\'s notification of the reply closed', async () => (await noteOf())?.closed === true)
        .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await pa.evaluate(() => window.__shown))}`); });
      pa.problems();
      pb.problems();
    });

    const spam = await send(bob, { content: `buy cheap watches ${width}` });

    await step(`${width}px: a message an administrator removed says so in its place, live and after a reload`, async () => {
      if (phone && await pa.getByTestId('back-button').isVisible().catch(() => false)) await pa.getByTestId('back-button').click();
      await item(pa, group.id).click({ timeout: T });
      await row(pa, spam.id).waitFor({ timeout: T });
      await call('DELETE', `/api/admin/messages/${spam.id}/`, admin.token);
      const placeholder = row(pa, spam.id).getByTestId('message-removed');
      await placeholder.waitFor({ timeout: T });
      if ((await placeholder.textContent()) !== 'removed by an administrator') throw new Error(`it reads ${await placeholder.textContent()}`);
      if ((await row(pa, spam.id).textContent()).includes('watches')) throw new Error('the text is still shown');
      if (await row(pa, spam.id).getByTestId('react-button').isVisible()) throw new Error('a removed message still offers actions');
      await pa.screenshot({ path: join(shotDir, `web-client-removed-message-${width}.png`) });
      await pa.reload();
      await online(pa).waitFor({ timeout: T });
      await row(pa, spam.id).getByTestId('message-removed').waitFor({ timeout: T });
      // Its neighbours are where they were.
      await row(pa, root.id).waitFor({ timeout: T });
      pa.problems();
    });
    await ctx.close();
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'thread-reads: all steps passed' : `thread-reads: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
