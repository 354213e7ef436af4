// "Never miss a message" in a real browser, run by tests/browser.rs:
//
//   node tests/browser/notify.mjs <base-url> <screenshot-dir>
//
// Alice, bob and carol share a group; alice and bob also a direct chat. Alice mentions bob
// and carol through the message box's `@` list (once with the keyboard, once with the
// pointer); bob sees the mention highlighted, counted, and listed on his Mentions page,
// and it becomes read when he opens the chat from there. Bob sets the group to `off` (a
// quiet grey badge, a muted mark, no count in the title, no desktop notification), then to
// `mentions` (quiet until a mention, then loud, counted and notified). The manifest is
// served and parsed and its icons load; the service worker registers, controls the page
// and holds every file the page loaded; a push is shown as a notification and its click
// opens the chat; with natter stopped, a reload still opens the app, which says it is offline.
//
// What Chromium does not allow here, and how it is covered instead:
// - Subscribing to pushes: headless Chromium in this sandbox has no push service, so
//   `pushManager.subscribe` fails (or never answers). The test checks that the account
//   page then says "Push unavailable …" while in-tab notifications keep working, and
//   delivers a push straight to the service worker through the DevTools protocol
//   (`ServiceWorker.deliverPushMessage`) with the payload the server sends.
// - Clicking a notification: there is no notification UI to click in headless mode. The
//   test dispatches a `notificationclick` event in the service worker with the shown
//   notification (`worker.evaluate`); such an event is untrusted, so the worker cannot
//   focus a window with it (focusing needs the click's permission) but does send the page
//   to the chat, which is what is checked.
// - The permission prompt: `context.grantPermissions(['notifications'])` answers it.
//
// Stopping natter is done by the process that started it (tests/browser.rs), over stdio:
// this script prints `STOP` and waits for `STOPPED` on stdin.
// Screenshots go to <screenshot-dir>: web-client-mention-autocomplete.png,
// web-client-mentions.png, web-client-notify-level.png, web-client-notify-settings.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node notify.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

// The driver's answers on stdin (only `STOPPED` here).
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

// Installed in bob's page before any script: counts the in-tab notifications shown.
function spyOnNotifications() {
  const shown = [];
  window.__shown = shown;
  const Real = window.Notification;
  if (typeof Real !== 'function') return;
  const Spy = function Notification(title, options) {
    shown.push({ title, body: options && options.body, tag: options && options.tag });
    try { return new Real(title, options); } catch { return { close() {} }; }
  };
  Spy.requestPermission = (...args) => Real.requestPermission(...args);
  Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
  window.Notification = Spy;
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const names = { alice: `alice_${run}`, bob: `bob_${run}`, carol: `carol_${run}` };
  const alice = await register(names.alice, PASSWORD);
  const bob = await register(names.bob, PASSWORD);
  const carol = await register(names.carol, PASSWORD);
  const groupTitle = `Launch ${run}`;
  const group = await call('POST', '/messages/api/chats/', alice.token,
    { chat_type: 'group', title: groupTitle, member_ids: [bob.user.id, carol.user.id] });
  const dm = await call('POST', '/messages/api/chats/', alice.token, { chat_type: 'dm', member_ids: [bob.user.id] });
  const say = (chat, content) => call('POST', `/messages/api/chats/${chat.id}/messages/`, alice.token, { content });

  const context = async () => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
    await ctx.grantPermissions(['notifications'], { origin });
    return ctx;
  };
  const signIn = async (page, name) => {
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  };
  const item = (page, chat) => page.locator(`[data-testid="chat-item"][data-chat-id="${chat.id}"]`);

  const aliceCtx = await context();
  const pa = await aliceCtx.newPage();
  const bobCtx = await context();
  await bobCtx.addInitScript(spyOnNotifications);
  const pb = await bobCtx.newPage();
  await step('alice and bob sign in; bob turns on notifications (granted, no prompt)', async () => {
    await signIn(pa, names.alice);
    await signIn(pb, names.bob);
    await pb.getByTestId('notify-toggle').click();
    await pb.locator('[data-testid="notify-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
  });

  const input = pa.getByTestId('message-input');
  await step('@ autocomplete by keyboard: the list is a listbox of the chat\'s members, arrows move, Enter picks', async () => {
    await item(pa, group).click({ timeout: T });
    await pa.getByTestId('chat-header-title').filter({ hasText: groupTitle }).waitFor({ timeout: T });
    await input.click();
    await input.pressSequentially('ready? @', { delay: 20 });
    const list = pa.getByTestId('mention-list');
    await list.waitFor({ timeout: T });
    const options = list.getByTestId('mention-option');
    await until('bob and carol listed, alice not, then @here and @channel saying whom they notify', async () => {
      const users = await options.evaluateAll((els) => els.map((e) => `${e.dataset.username}${e.dataset.wide ? ` ${e.textContent}` : ''}`));
      return users.length === 4 && users.includes(names.bob) && users.includes(names.carol)
        && /^here .*@here Notifies everyone in this chat who was active/.test(users[2]) && /^channel .*@channel Notifies everyone in this chat$/.test(users[3]);
    });
    if ((await input.getAttribute('role')) !== 'combobox' || (await input.getAttribute('aria-expanded')) !== 'true') {
      throw new Error('the message box is not an expanded combobox');
    }
    if ((await list.getAttribute('role')) !== 'listbox') throw new Error('the list is not a listbox');
    await input.pressSequentially('b', { delay: 20 });
    await until('only bob left', async () => (await options.count()) === 1);
    await pa.screenshot({ path: join(shotDir, 'web-client-mention-autocomplete.png') });
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    const active = await input.getAttribute('aria-activedescendant');
    if ((await options.first().getAttribute('id')) !== active) throw new Error('aria-activedescendant is not the highlighted option');
    await input.press('Enter');
    await until('@bob written', async () => (await input.inputValue()) === `ready? @${names.bob} `);
    await list.waitFor({ state: 'hidden', timeout: T });
    if ((await input.getAttribute('aria-expanded')) !== 'false') throw new Error('aria-expanded stayed true');
  });

  await step('@ autocomplete by pointer: a click picks carol; Escape closes the list', async () => {
    await input.pressSequentially('and @ca', { delay: 20 });
    await pa.locator(`[data-testid="mention-option"][data-username="${names.carol}"]`).click({ timeout: T });
    await until('@carol written', async () => (await input.inputValue()) === `ready? @${names.bob} and @${names.carol} `);
    await input.pressSequentially('@', { delay: 20 });
    await pa.getByTestId('mention-list').waitFor({ timeout: T });
    await input.press('Escape');
    await pa.getByTestId('mention-list').waitFor({ state: 'hidden', timeout: T });
    await input.press('Backspace');
    await input.press('Enter'); // the list is closed: Enter sends
    await pa.locator('[data-testid="message"][data-mine="true"]').filter({ hasText: 'ready?' }).waitFor({ timeout: T });
  });

  let mentionId;
  await step('bob: the group shows @ and the Mentions link counts one unread', async () => {
    await item(pb, group).getByTestId('mention-badge').waitFor({ timeout: T });
    await pb.getByTestId('mentions-unread').filter({ hasText: '1' }).waitFor({ timeout: T });
  });

  await step('bob\'s Mentions page lists it, unread; opening it opens the chat at the message, highlighted for him', async () => {
    await pb.getByTestId('mentions-link').click();
    const row = pb.getByTestId('mention-item').first();
    await row.waitFor({ timeout: T });
    if ((await row.getAttribute('data-read')) !== 'false') throw new Error('the mention is not marked unread');
    mentionId = await row.getAttribute('data-message-id');
    await pb.screenshot({ path: join(shotDir, 'web-client-mentions.png') });
    await row.click();
    await until('the group open', async () => (await pb.evaluate(() => location.hash)) === `#chat/${group.id}`);
    const msg = pb.locator(`[data-testid="message"][data-message-id="${mentionId}"]`);
    await msg.and(pb.locator('.mentions-me')).waitFor({ timeout: T });
    const me = await msg.getByTestId('mention-me').textContent();
    if (me !== `@${names.bob}`) throw new Error(`the highlighted name is ${JSON.stringify(me)}`);
    if ((await msg.locator('.mention').count()) !== 2) throw new Error('carol\'s name is not marked as a mention');
  });

  await step('opening the chat marked bob\'s mention read (the server says so; the badges are gone)', async () => {
    await until('the mention read on the server', async () => {
      const list = await call('GET', '/api/mentions/', bob.token);
      const m = list.results.find((r) => String(r.message_id) === mentionId);
      if (!(m && m.read && list.unread === 0)) throw new Error(JSON.stringify(list)); return true;
    });
    await pb.getByTestId('mentions-unread').waitFor({ state: 'detached', timeout: T });
    await item(pb, group).getByTestId('mention-badge').waitFor({ state: 'detached', timeout: T });
  });

  await step('alice\'s own message is not highlighted for her', async () => {
    if (await pa.locator('.msg.mentions-me').count()) throw new Error('alice sees her own message as mentioning her');
  });

  await step('bob sets the group to "Nothing (muted)" in its details', async () => {
    await pb.getByTestId('chat-info-button').click();
    const dialog = pb.getByTestId('chat-info-dialog');
    await dialog.getByTestId('notify-level').waitFor({ timeout: T });
    await dialog.getByTestId('notify-level-off').check();
    await dialog.getByTestId('notify-level-status').filter({ hasText: 'Saved' }).waitFor({ timeout: T });
    await dialog.getByTestId('member-list').waitFor({ timeout: T });
    await pb.screenshot({ path: join(shotDir, 'web-client-notify-level.png') });
    const level = await call('GET', `/api/notifications/${group.id}/`, bob.token);
    if (level.level !== 'off' || !level.chosen) throw new Error(`the server holds ${JSON.stringify(level)}`);
    await dialog.getByTestId('dialog-close').click();
    await item(pb, group).getByTestId('muted-icon').waitFor({ timeout: T });
    await item(pb, dm).click(); // bob looks at another chat
    await pb.getByTestId('chat-header-title').filter({ hasText: names.alice }).waitFor({ timeout: T });
  });

  const shown = () => pb.evaluate(() => window.__shown.length);
  await step('off: a message gives a quiet badge, no count in the title, no notification', async () => {
    const before = await shown();
    await say(group, `plain news ${run}`);
    await item(pb, group).locator('[data-testid="unread-badge"][data-loud="false"]').filter({ hasText: '1' }).waitFor({ timeout: T });
    const title = await pb.title();
    if (title !== 'natter') throw new Error(`the title is ${JSON.stringify(title)}`);
    // A mention of bob in a muted chat stays quiet too.
    await say(group, `@${names.bob} even this ${run}`);
    await item(pb, group).locator('[data-testid="unread-badge"][data-loud="false"]').filter({ hasText: '2' }).waitFor({ timeout: T });
    if ((await pb.title()) !== 'natter') throw new Error(`the title is ${JSON.stringify(await pb.title())}`);
    if (await item(pb, group).getByTestId('mention-badge').count()) throw new Error('a muted chat shows @');
    // The direct chat's message is loud and notified; the muted group's were not.
    await say(dm, `direct ${run}`);
    await pb.locator('[data-testid="message"]').filter({ hasText: `direct ${run}` }).waitFor({ timeout: T });
    await until('the title counts nothing (the direct chat is open)', async () => (await pb.title()) === 'natter');
    if ((await shown()) !== before) throw new Error(`${(await shown()) - before} notifications for a muted chat`);
  });

  await step('mentions: quiet until bob is mentioned, then loud (@, counted in the title) and notified', async () => {
    // Bob's mark-as-read for the group is held until a newer message has arrived, so that
    // the read (its answer and its socket frame) comes after it: the newer message stays unread.
    const readPath = `**/messages/api/chats/${group.id}/mark-as-read/`;
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let arrived;
    const reached = new Promise((resolve) => { arrived = resolve; });
    await pb.route(readPath, async (route) => { arrived(); await held; await route.continue(); });
    await item(pb, group).click();
    await pb.getByTestId('chat-header-title').filter({ hasText: groupTitle }).waitFor({ timeout: T });
    await item(pb, group).getByTestId('unread-badge').waitFor({ state: 'detached', timeout: T }); // read
    await Promise.race([reached, new Promise((_, reject) => setTimeout(() => reject(new Error('no mark-as-read')), T))]);
    await pb.getByTestId('chat-info-button').click();
    await pb.getByTestId('chat-info-dialog').getByTestId('notify-level-mentions').check();
    await pb.getByTestId('chat-info-dialog').getByTestId('notify-level-status').filter({ hasText: 'Saved' }).waitFor({ timeout: T });
    await pb.getByTestId('chat-info-dialog').getByTestId('dialog-close').click();
    await item(pb, dm).click();
    await pb.getByTestId('chat-header-title').filter({ hasText: names.alice }).waitFor({ timeout: T });
    await item(pb, dm).getByTestId('unread-badge').waitFor({ state: 'detached', timeout: T });
    const before = await shown();
    await say(group, `more plain news ${run}`);
    // Counted; loud while the muted step's mention is not yet read (its read is held).
    await item(pb, group).getByTestId('unread-badge').filter({ hasText: '1' }).waitFor({ timeout: T });
    const answered = pb.waitForResponse((r) => r.url().endsWith(`/messages/api/chats/${group.id}/mark-as-read/`), { timeout: T });
    release();
    await answered;
    await pb.unroute(readPath);
    // The read reached only the older messages: the newer one stays counted, now quiet.
    await item(pb, group).locator('[data-testid="unread-badge"][data-loud="false"]').filter({ hasText: '1' }).waitFor({ timeout: T });
    if ((await pb.title()) !== 'natter') throw new Error(`the title is ${JSON.stringify(await pb.title())}`);
    if ((await shown()) !== before) throw new Error('a notification for a message that does not mention bob');
    await say(group, `@${names.bob} your turn ${run}`);
    await item(pb, group).getByTestId('mention-badge').waitFor({ timeout: T });
    await item(pb, group).locator('[data-testid="unread-badge"][data-loud="true"]').filter({ hasText: '2' }).waitFor({ timeout: T });
    await until('the title counts the group', async () => (await pb.title()) === '(2) natter');
    const note = await until('a notification', async () => (await pb.evaluate(() => window.__shown)).at(-1));
    if (!note.title.includes(groupTitle) || !note.body.includes('your turn')) throw new Error(`notification ${JSON.stringify(note)}`);
  });

  await step('the account page says notifications are allowed, and that pushes are unavailable here', async () => {
    await pb.getByTestId('account-page-link').click();
    // The storage line, from /api/account/ with the default quota (1024 MiB).
    await pb.getByTestId('account-storage').filter({ hasText: /^Storage: \d+(\.\d)? [KM]?B of 1024\.0 MB used\.$/ })
      .waitFor({ timeout: T });
    await pb.locator('[data-testid="notify-state"][data-state="allowed"]').waitFor({ timeout: T });
    // This Chromium cannot subscribe (no push service), or the server has no push yet: a sentence either way.
    await pb.locator('[data-testid="push-state"][data-state="unavailable"]').filter({ hasText: /Push unavailable/ })
      .or(pb.locator('[data-testid="push-state"][data-state="on"]')).waitFor({ timeout: 20_000 });
    console.log(`     push state: ${await pb.getByTestId('push-state').textContent()}`);
    await pb.getByTestId('notify-settings').scrollIntoViewIfNeeded();
    await pb.screenshot({ path: join(shotDir, 'web-client-notify-settings.png') });
    await pb.getByTestId('page-back').click();
  });

  await step('the manifest is served as application/manifest+json, parses, and every icon loads at its size', async () => {
    const found = await pb.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      const res = await fetch(link.href);
      const manifest = await res.json();
      const icons = [];
      for (const icon of manifest.icons) {
        const r = await fetch(new URL(icon.src, link.href));
        const blob = await r.blob();
        let size = null;
        if (icon.type === 'image/png') {
          const bitmap = await createImageBitmap(blob);
          size = `${bitmap.width}x${bitmap.height}`;
        }
        icons.push({ ...icon, status: r.status, type: r.headers.get('content-type'), size });
      }
      return { type: res.headers.get('content-type'), manifest, icons };
    });
    const m = found.manifest;
    if (found.type !== 'application/manifest+json') throw new Error(`served as ${found.type}`);
    if (m.name !== 'natter' || m.start_url !== '/' || m.scope !== '/' || m.display !== 'standalone') throw new Error(JSON.stringify(m));
    for (const icon of found.icons) {
      if (icon.status !== 200) throw new Error(`icon ${icon.src}: ${icon.status}`);
      if (icon.size && icon.size !== icon.sizes) throw new Error(`icon ${icon.src} is ${icon.size}, not ${icon.sizes}`);
    }
    const has = (pred) => found.icons.some(pred);
    if (!has((i) => i.sizes === '192x192') || !has((i) => i.sizes === '512x512') || !has((i) => i.sizes === 'any')
      || !has((i) => i.purpose === 'maskable')) throw new Error(`icons ${JSON.stringify(found.icons)}`);
  });

  await step('the service worker registers, controls the page, and holds every file the page loaded', async () => {
    const res = await pb.request.get(`${origin}/sw.js`);
    if (res.headers()['service-worker-allowed'] !== '/') throw new Error(`Service-Worker-Allowed: ${res.headers()['service-worker-allowed']}`);
    if (!/javascript/.test(res.headers()['content-type'])) throw new Error(`sw.js served as ${res.headers()['content-type']}`);
    await pb.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: T });
    const missing = await pb.evaluate(async () => {
      const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('natter-shell-')));
      const held = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
      const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/static/')).map((u) => u.pathname);
      return [...new Set(loaded)].filter((p) => !held.has(p)).concat(held.has('/') ? [] : ['/']);
    });
    if (missing.length) throw new Error(`not in the shell cache: ${missing.join(', ')}`);
  });

  let registrationId;
  const cdp = await bobCtx.newCDPSession(pb);
  await step('a push (delivered through DevTools) shows a notification with the chat\'s title and tag', async () => {
    const registered = new Promise((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    registrationId = await Promise.race([registered,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no registration reported')), T))]);
    const payload = { title: names.alice, body: `pushed ${run}`, chat_id: dm.id, message_id: 1, count: 1, url: `/#chat/${dm.id}`, tag: `chat-${dm.id}` };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });
    const notes = await until('the notification', async () => {
      const list = await pb.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications())
        .map((n) => ({ title: n.title, tag: n.tag, body: n.body, data: n.data })));
      return list.find((n) => n.tag === `chat-${dm.id}`) && list;
    });
    const note = notes.find((n) => n.tag === `chat-${dm.id}`);
    if (note.title !== names.alice || note.body !== payload.body) throw new Error(`notification ${JSON.stringify(note)}`);
  });

  await step('clicking that notification (in the service worker) brings the page to the chat', async () => {
    await item(pb, group).click(); // somewhere else first
    await until('the group open', async () => (await pb.evaluate(() => location.hash)) === `#chat/${group.id}`);
    const worker = bobCtx.serviceWorkers().find((w) => w.url() === `${origin}/sw.js`)
      || await bobCtx.waitForEvent('serviceworker', { timeout: T });
    const clicked = await worker.evaluate(async (tag) => {
      const [notification] = await self.registration.getNotifications({ tag });
      if (!notification) return false;
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
      return true;
    }, `chat-${dm.id}`);
    if (!clicked) throw new Error('the worker has no such notification');
    await until('the direct chat open', async () => (await pb.evaluate(() => location.hash)) === `#chat/${dm.id}`);
    await pb.getByTestId('chat-header-title').filter({ hasText: names.alice }).waitFor({ timeout: T });
  });

  await step('natter stopped: a reload still opens the app from the cache, and it says it is offline', async () => {
    await ask('STOP', 'STOPPED');
    await pb.reload({ waitUntil: 'domcontentloaded', timeout: T });
    await pb.getByTestId('offline').filter({ hasText: 'offline' }).waitFor({ timeout: 15_000 });
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'notify: all steps passed' : `notify: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
