// Threads in a real browser, run by tests/browser.rs (`threads_in_the_browser`):
//
//   node tests/browser/threads.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// natter is started with `--webhook-allow-private`, so a bot's outgoing webhook may call
// the small HTTP server this script runs on 127.0.0.1 (it answers `{"text": "..."}`).
// ann, bob and cy share a room (one per width, 1100 and 390 px, with the bot in it):
// - ann opens "Reply in thread" on her message: the panel opens beside the chat (the
//   whole screen at 390 px) and her reply goes into it; bob opens it from the "1 reply"
//   under the message and replies naming cy; both see "2 replies" under the message;
// - the channel's timeline shows neither reply; cy, mentioned, follows the thread: the
//   sidebar's Threads shows it unread, and opening it there reads it (the badge goes);
// - a reply with "Also send to" checked shows in the thread and in the channel;
// - away from the thread, cy (notifications on) is notified of a reply in it, and not of a
//   reply in a thread cy does not follow;
// - cy's mention (a thread reply) opens the thread at it from the Mentions page;
// - message search finds a thread reply, and picking it opens the thread at it;
// - ann names the bot in the thread: its answer comes back into the thread;
// - through a seed surface (`GET /api/rooms/{id}/messages/`) the thread's replies are
//   messages that start with the quote line of the thread's first message;
// - a text `> @boss [#1]: fake` sent without reply_to is an ordinary quote, no reply header;
// - `:tada:` becomes 🎉 as its closing colon is typed, `:+1:` when sent, `:smile:` in code stays.
// Screenshots go to <shot-dir>: web-client-thread-<w>.png, web-client-threads-page-<w>.png,
// web-client-sidebar-<w>.png, web-client-people-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { createServer } from 'node:http';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node threads.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const BOT_ANSWER = `All systems green ${run}`;

// The bot's server: every outgoing webhook call is answered with a Slack-style payload.
const calls = [];
const botServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    try { calls.push(JSON.parse(body)); } catch { calls.push(body); }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ text: BOT_ANSWER }));
  });
});
await new Promise((resolve) => botServer.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${botServer.address().port}/natter-bot`;

// Installed in cy's page before any script: records the in-tab notifications shown.
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
  const { call } = await apiClient(origin);
  const admin = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');
  const cy = await person('cy', 'Cy');
  const bot = await call('POST', '/api/bots/', admin.token, { username: `helper_${run}`, display_name: 'Helper', webhook_url: hookUrl });

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  // `notify`: notifications allowed and turned on, the ones shown counted (window.__shown).
  const signIn = async (name, width, { notify = false } = {}) => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    if (notify) {
      await ctx.grantPermissions(['notifications'], { origin });
      await ctx.addInitScript(spyOnNotifications);
    }
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    // The one-time notifications question is answered, so the pictures show the chats.
    const no = page.getByTestId(notify ? 'notify-prompt-yes' : 'notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
    if (notify) await page.locator('[data-testid="notify-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const row = (page, id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);
  const inTimeline = (page, text) => page.locator('[data-testid="messages"] [data-testid="message"]', { hasText: text });
  const inThread = (page, text) => page.locator('[data-testid="thread-replies"] [data-testid="message"]', { hasText: text });
  const panel = (page) => page.getByTestId('thread-panel');
  const openRoom = async (page, chatId) => {
    if (await page.getByTestId('back-button').isVisible()) await page.getByTestId('back-button').click();
    if (await page.getByTestId('page-back').isVisible().catch(() => false)) await page.getByTestId('page-back').click();
    await item(page, chatId).click({ timeout: T });
    await page.getByTestId('messages').waitFor({ timeout: T });
  };
  const sendInThread = async (page, text, { also = false } = {}) => {
    if (also) await page.getByTestId('thread-also-channel').check();
    await page.getByTestId('thread-message-input').fill(text);
    await page.getByTestId('thread-message-input').press('Enter');
    await inThread(page, text).waitFor({ timeout: T });
  };
  const apiMessages = async (chatId, token, extra = '') =>
    (await call('GET', `/messages/api/chats/${chatId}/messages/?page_size=100${extra}`, token)).results;

  for (const width of [1100, 390]) {
    const phone = width < 640;
    const room = await call('POST', '/api/rooms/', admin.token, { name: `launch ${run} ${width}`, description: 'threads' });
    for (const who of [ann, bob, cy]) await call('POST', `/api/rooms/${room.id}/join/`, who.token, {});
    await call('POST', `/api/bots/${bot.id}/chats/`, admin.token, { chat_id: room.id });
    const root = await call('POST', `/messages/api/chats/${room.id}/messages/`, ann.token, { content: `Plan for the launch ${width}` });
    const pa = await signIn(ann.user.username, width);
    const pb = await signIn(bob.user.username, width);
    const pc = await signIn(cy.user.username, width, { notify: true });
    let rootId = root.id;
    const replies = {};

    await step(`${width}px: ann opens "Reply in thread" on her message; the panel opens and her reply goes there`, async () => {
      await openRoom(pa, room.id);
      await openRoom(pb, room.id);
      const mine = row(pa, rootId);
      await mine.hover({ timeout: T });
      await mine.getByTestId('thread-button').click();
      await panel(pa).waitFor({ timeout: T });
      await until('the thread in the address', async () => (await pa.evaluate(() => location.hash)) === `#chat/${room.id}/thread/${rootId}`);
      await panel(pa).locator('[data-thread-root="true"]', { hasText: `Plan for the launch ${width}` }).waitFor({ timeout: T });
      const box = await panel(pa).boundingBox();
      if (phone && (box.width < width - 2 || box.x > 1)) throw new Error(`the panel is not the whole screen at ${width}px: ${JSON.stringify(box)}`);
      if (!phone && box.x < width / 2) throw new Error(`the panel is not beside the chat: ${JSON.stringify(box)}`);
      await sendInThread(pa, `First reply from ann ${width}`);
      const sent = (await apiMessages(room.id, ann.token)).find((m) => m.content.endsWith(`First reply from ann ${width}`));
      if (!sent || String(sent.thread_id) !== String(rootId) || sent.in_channel !== false) {
        throw new Error(`the API says ${JSON.stringify(sent)}`);
      }
      replies.ann = sent.id;
    });

    await step(`${width}px: bob opens the thread from "1 reply" and replies naming cy; both see "2 replies"`, async () => {
      const summary = row(pb, rootId).getByTestId('thread-summary');
      await until('"1 reply" under the message for bob', async () => (await summary.textContent()).includes('1 reply'));
      await summary.click();
      await inThread(pb, `First reply from ann ${width}`).waitFor({ timeout: T });
      await sendInThread(pb, `Second reply, @${cy.user.username} look ${width}`);
      for (const page of [pa, pb]) {
        if (phone) {
          await page.getByTestId('thread-close').click();
          await panel(page).waitFor({ state: 'hidden', timeout: T });
        }
        await until('"2 replies" under the message', async () =>
          (await row(page, rootId).getByTestId('thread-reply-count').textContent()) === '2 replies');
      }
      // The first reply reached ann's open panel live (at 1100 px it is still open).
      if (!phone) await inThread(pa, `Second reply, @${cy.user.username}`).waitFor({ timeout: T });
    });

    await step(`${width}px: the channel's timeline shows neither reply, nor did they count as unread there`, async () => {
      for (const page of [pa, pb]) {
        if (await inTimeline(page, 'First reply from ann').count()) throw new Error('a thread-only reply is in the timeline');
        if (await inTimeline(page, 'Second reply').count()) throw new Error('a thread-only reply is in the timeline');
      }
      const chat = await call('GET', `/messages/api/chats/${room.id}/`, cy.token);
      if (chat.channel_unread_count !== 1) throw new Error(`cy's channel_unread_count is ${chat.channel_unread_count}, not 1`);
      const channel = await apiMessages(room.id, ann.token, '&channel=true');
      if (channel.some((m) => m.in_channel === false)) throw new Error('?channel=true lists thread-only replies');
    });

    await step(`${width}px: cy, mentioned, sees the thread unread in Threads; opening it reads it`, async () => {
      const badge = pc.getByTestId('threads-unread');
      await until('an unread count on Threads', async () => Number(await badge.textContent()) >= 1);
      await pc.screenshot({ path: join(shotDir, `web-client-sidebar-${width}.png`) });
      await pc.getByTestId('threads-link').click();
      const entry = pc.locator(`[data-testid="thread-item"][data-root-id="${rootId}"]`);
      await entry.waitFor({ timeout: T });
      if ((await entry.getAttribute('data-unread')) === '0') throw new Error('the thread is not unread');
      await pc.screenshot({ path: join(shotDir, `web-client-threads-page-${width}.png`) });
      await entry.click();
      await inThread(pc, `Second reply, @${cy.user.username}`).waitFor({ timeout: T });
      await pc.getByTestId('thread-follow').filter({ hasText: 'Following' }).waitFor({ timeout: T });
      await badge.waitFor({ state: 'detached', timeout: T });
      await until('the server counting nothing unread for cy', async () => (await call('GET', '/api/threads/', cy.token)).unread === 0);
      // Bob's reply, in his open panel (at 1100 px), is seen by cy now: live, by the thread's own receipt.
      if (!phone) {
        const receipt = inThread(pb, 'Second reply').getByTestId('read-receipt');
        await until('"Seen by" cy under bob\'s reply', async () =>
          ((await receipt.getAttribute('data-read-by').catch(() => null)) || '').split(',').includes(String(cy.user.id)));
      }
    });

    await step(`${width}px: a reply also sent to the channel shows in the thread and in the channel`, async () => {
      await row(pa, rootId).getByTestId('thread-summary').click();
      await panel(pa).waitFor({ timeout: T });
      await sendInThread(pa, `Shipping now, for everyone ${width}`, { also: true });
      if (phone) await pb.getByTestId('thread-close').isVisible().then((v) => v && pb.getByTestId('thread-close').click());
      await inTimeline(pb, `Shipping now, for everyone ${width}`).waitFor({ timeout: T });
      await inThread(pc, `Shipping now, for everyone ${width}`).waitFor({ timeout: T });
      await pa.screenshot({ path: join(shotDir, `web-client-thread-${width}.png`) });
    });

    await step(`${width}px: cy follows and unfollows with the toggle (the server agrees)`, async () => {
      const toggle = pc.getByTestId('thread-follow');
      await toggle.click();
      await pc.locator('[data-testid="thread-follow"][aria-pressed="false"]').waitFor({ timeout: T });
      await until('cy no longer follows', async () => !(await call('GET', '/api/threads/', cy.token)).results
        .some((t) => t.root && String(t.root.id) === String(rootId) && t.following !== false));
      await toggle.click();
      await pc.locator('[data-testid="thread-follow"][aria-pressed="true"]').waitFor({ timeout: T });
    });

    await step(`${width}px: away from the thread, cy is notified of a reply in it, not of one in a thread cy does not follow`, async () => {
      await pc.evaluate(() => { location.hash = '#threads'; window.__shown.length = 0; });
      await pc.getByTestId('threads-page').waitFor({ timeout: T });
      const other = await call('POST', `/messages/api/chats/${room.id}/messages/`, ann.token, { content: `Another topic ${width}` });
      await call('POST', `/messages/api/chats/${room.id}/messages/`, bob.token, { content: `not for cy ${width}`, thread_id: other.id });
      await call('POST', `/messages/api/chats/${room.id}/messages/`, bob.token, { content: `for cy's thread ${width}`, thread_id: rootId });
      const shown = await until('a notification for the followed thread', async () => {
        const notes = await pc.evaluate(() => window.__shown);
        return notes.some((n) => String(n.body).includes(`for cy's thread ${width}`)) && notes;
      });
      if (shown.some((n) => String(n.body).includes(`not for cy ${width}`))) throw new Error(`notified of a thread cy does not follow: ${JSON.stringify(shown)}`);
      if (!shown.some((n) => /in a thread in/.test(n.title))) throw new Error(`the title does not say it is a thread: ${JSON.stringify(shown)}`);
    });

    await step(`${width}px: through the rooms surface the replies are messages quoting the first one`, async () => {
      const page = await call('GET', `/api/rooms/${room.id}/messages/?page_size=100`, ann.token);
      const list = page.results || page;
      const first = list.find((m) => String(m.content || '').includes(`First reply from ann ${width}`));
      if (!first) throw new Error('the reply is not listed');
      const quote = `> @${ann.user.username} [#${rootId}]: Plan for the launch ${width}\n\n`;
      if (!first.content.startsWith(quote)) throw new Error(`the reply reads ${JSON.stringify(first.content)}`);
    });

    await step(`${width}px: "> @boss [#1]: fake" without reply_to is an ordinary quote, not a reply header`, async () => {
      if (phone) await pa.getByTestId('thread-close').click().catch(() => {});
      const fake = `> @${adminName} [#1]: fake ${width}`;
      await pa.getByTestId('message-input').fill(fake);
      await pa.getByTestId('message-input').press('Enter');
      const fakeRow = inTimeline(pa, `fake ${width}`);
      await fakeRow.waitFor({ timeout: T });
      if (await fakeRow.getByTestId('reply-quote').count()) throw new Error('a reply header was drawn for a text quote');
      await fakeRow.locator('.md-quote').waitFor({ timeout: T });
      const stored = (await apiMessages(room.id, ann.token)).find((m) => m.content === fake);
      if (!stored || stored.reply_to != null) throw new Error(`stored as ${JSON.stringify(stored)}`);
    });

    await step(`${width}px: cy's mention in the thread opens the thread at it from the Mentions page`, async () => {
      const mention = (await apiMessages(room.id, cy.token)).find((m) => m.content.includes(`Second reply, @${cy.user.username}`));
      await pc.evaluate(() => { location.hash = '#mentions'; });
      await pc.locator(`[data-testid="mention-item"][data-message-id="${mention.id}"]`).click({ timeout: T });
      await panel(pc).waitFor({ timeout: T });
      await pc.locator(`[data-testid="thread-replies"] [data-testid="message"][data-message-id="${mention.id}"][data-highlighted="true"]`)
        .waitFor({ timeout: T });
      if (!(await row(pc, rootId).isVisible()) && !phone) throw new Error('the thread\'s first message is not in the timeline beside it');
    });

    await step(`${width}px: :shortcodes: become emoji as the colon is typed and when sent, code left alone`, async () => {
      const input = pa.getByTestId('message-input');
      await input.click();
      await input.pressSequentially(`ship ${width} :tada:`, { delay: 10 });
      await until('🎉 in the box as the closing colon is typed', async () => (await input.inputValue()) === `ship ${width} 🎉`);
      await input.pressSequentially(' `:smile:` :+1:', { delay: 10 });
      await input.press('Enter');
      const want = `ship ${width} 🎉 \`:smile:\` 👍`;
      await until('the message stored with its emoji', async () => (await apiMessages(room.id, ann.token)).some((m) => m.content === want));
    });

    await step(`${width}px: the people directory`, async () => {
      await pc.evaluate(() => { location.hash = '#people'; });
      await pc.getByTestId('person-row').first().waitFor({ timeout: T });
      await pc.screenshot({ path: join(shotDir, `web-client-people-${width}.png`) });
    });

    await step(`${width}px: the bot named in the thread answers in the thread`, async () => {
      if (!(await panel(pb).isVisible())) await row(pb, rootId).getByTestId('thread-summary').click();
      await panel(pb).waitFor({ timeout: T });
      await sendInThread(pb, `@${bot.username} status? ${width}`);
      await inThread(pb, BOT_ANSWER).waitFor({ timeout: T });
      await inThread(pb, BOT_ANSWER).locator('[data-testid="bot-badge"]').waitFor({ timeout: T });
      const answer = (await apiMessages(room.id, ann.token)).find((m) => m.content.includes(BOT_ANSWER));
      if (!answer || String(answer.thread_id) !== String(rootId)) throw new Error(`the bot's answer is ${JSON.stringify(answer)}`);
      const seen = calls.find((c) => c && c.message && String(c.message.text || '').includes(`status? ${width}`));
      if (!seen || String(seen.message.thread_id) !== String(rootId)) throw new Error(`the webhook was called with ${JSON.stringify(seen)}`);
    });

    await step(`${width}px: message search finds a thread reply and opens the thread at it`, async () => {
      if (await panel(pb).isVisible()) await pb.getByTestId('thread-close').click();
      if (phone) await pb.getByTestId('back-button').click();
      await pb.getByTestId('message-search').fill(`Second reply look ${width}`);
      const hit = pb.locator('[data-testid="message-result"]', { hasText: `look ${width}` }).first();
      await hit.waitFor({ timeout: T });
      await hit.click();
      await panel(pb).waitFor({ timeout: T });
      await pb.locator('[data-testid="thread-replies"] [data-testid="message"][data-highlighted="true"]', { hasText: 'Second reply' })
        .waitFor({ timeout: T });
      if (!(await pb.evaluate(() => location.hash)).startsWith(`#chat/${room.id}/thread/${rootId}/`)) throw new Error('the address does not name the thread');
    });

    for (const page of [pa, pb, pc]) {
      page.problems();
      await page.context().close();
    }
    // What came in this room's thread since is read, so the next width starts with no unread.
    await call('POST', `/api/threads/${rootId}/read/`, cy.token, {});
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'threads: all steps passed' : `threads: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  botServer.close();
  process.exit(exitCode);
}
