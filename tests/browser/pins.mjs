// Pinned messages, saved messages and message links in a real browser, run by
// tests/browser.rs (`pins_saved_and_message_links_in_the_browser`):
//
//   node tests/browser/pins.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px, ann and bob share a room; cy is not in it:
// - ann pins a message from its "More actions" menu: "Pinned" shows by it and the header's pin count is
//   1, on her screen and, live, on bob's; bob opens the list and picking the pin shows the
//   message; ann unpins another she pinned and the count follows;
// - ann saves a message ("Save for later"), finds it under Saved, and a reminder set on it
//   comes back as a line above the chats while her tab is open;
// - "Copy link" gives `<site>/m/<room>/<message>`; bob pastes it in a group with cy: bob
//   sees a quoted preview of the message, cy (outside the room) sees only the link, and
//   opening the link tells cy the message is not available, while bob, signed out, signs
//   in and lands on it.
// Screenshots go to <shot-dir>: web-client-pins-<w>.png, web-client-saved-<w>.png,
// web-client-message-menu-<w>.png, web-client-link-preview-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node pins.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

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

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const contextFor = async (width) => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin }).catch(() => {});
    return ctx;
  };
  const logIn = async (page, name) => {
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
  };
  const signIn = async (name, width) => {
    const ctx = await contextFor(width);
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await logIn(page, name);
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const row = (page, id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);
  const openChat = async (page, chatId) => {
    if (await page.getByTestId('page-back').isVisible().catch(() => false)) await page.getByTestId('page-back').click();
    if (await page.getByTestId('back-button').isVisible()) await page.getByTestId('back-button').click();
    await item(page, chatId).click({ timeout: T });
    await page.getByTestId('messages').waitFor({ timeout: T });
  };
  // A message's action in its "More actions" menu: the message hovered (or tapped on a
  // phone) first so its actions show.
  const action = async (page, id, testid, phone, shot = null) => {
    const r = row(page, id);
    await r.waitFor({ timeout: T });
    // A narrow window with a mouse shows them on hover too (app.css); where they stay
    // collapsed to a pixel, a tap on the message brings them out.
    const out = async () => ((await r.locator('.msg-actions').boundingBox()) || { width: 0 }).width > 10;
    await r.hover();
    if (phone && !(await out())) {
      const box = await r.locator('[data-testid="message-content"]').boundingBox();
      await r.locator('[data-testid="message-content"]').click({ position: { x: 4, y: box.height - 4 }, timeout: T });
      await until('the actions out after a tap', out);
    }
    await r.getByTestId('more-actions').click({ timeout: T });
    if (shot) await page.screenshot({ path: shot });
    await page.getByTestId('message-menu').getByTestId(testid).click({ timeout: T });
  };
  const send = (chatId, token, content) => call('POST', `/messages/api/chats/${chatId}/messages/`, token, { content });

  for (const width of [1100, 390]) {
    const phone = width < 640;
    const room = await call('POST', '/api/rooms/', admin.token, { name: `ops ${run} ${width}`, description: 'pins' });
    for (const who of [ann, bob]) await call('POST', `/api/rooms/${room.id}/join/`, who.token, {});
    const checklist = await send(room.id, ann.token, `Release checklist ${width}: tag, build, announce`);
    const wifi = await send(room.id, bob.token, `Wi-Fi ${width}: natter-guest / hunter2`);
    const other = await send(room.id, ann.token, `Standup moved to 10:00 ${width}`);
    const pa = await signIn(ann.user.username, width);
    const pb = await signIn(bob.user.username, width);
    const pc = await signIn(cy.user.username, width);

    await step(`${width}px: ann pins a message; the count shows for her and, live, for bob`, async () => {
      await openChat(pa, room.id);
      await openChat(pb, room.id);
      await action(pa, checklist.id, 'pin-button', phone);
      for (const page of [pa, pb]) {
        await page.locator('[data-testid="pins-button"]:visible [data-testid="pins-count"]', { hasText: '1' }).waitFor({ timeout: T });
        await row(page, checklist.id).getByTestId('pinned-mark').waitFor({ timeout: T });
      }
      const list = await call('GET', `/messages/api/chats/${room.id}/pins/`, bob.token);
      if (list.count !== 1 || String(list.results[0].message_id) !== String(checklist.id)) throw new Error(JSON.stringify(list));
      await action(pa, other.id, 'pin-button', phone);
      await pb.locator('[data-testid="pins-count"]', { hasText: '2' }).waitFor({ timeout: T });
      await action(pa, other.id, 'pin-button', phone);
      await pb.locator('[data-testid="pins-count"]', { hasText: '1' }).waitFor({ timeout: T });
      if (await row(pb, other.id).getByTestId('pinned-mark').count()) throw new Error('an unpinned message still says Pinned');
    });

    await step(`${width}px: bob opens the pinned list and picking the pin shows the message`, async () => {
      await pb.getByTestId('pins-button').click();
      const pin = pb.locator(`[data-testid="pin-item"][data-message-id="${checklist.id}"]`);
      await pin.waitFor({ timeout: T });
      await pb.screenshot({ path: join(shotDir, `web-client-pins-${width}.png`) });
      await pin.click();
      await pb.getByTestId('pins-dialog').waitFor({ state: 'detached', timeout: T });
      await pb.locator(`[data-testid="message"][data-message-id="${checklist.id}"].jump-target`).waitFor({ timeout: T });
    });

    await step(`${width}px: ann saves bob's message, finds it under Saved, and its reminder comes back`, async () => {
      await action(pa, wifi.id, 'save-button', phone);
      await pa.getByTestId('save-dialog').waitFor({ timeout: T });
      await pa.getByTestId('save-confirm').click();
      await pa.getByTestId('save-dialog').waitFor({ state: 'detached', timeout: T });
      if (phone) await pa.getByTestId('back-button').click();
      await pa.getByTestId('saved-link').click();
      const saved = pa.locator(`[data-testid="saved-item"][data-message-id="${wifi.id}"][data-available="true"]`);
      await saved.waitFor({ timeout: T });
      if (!(await saved.textContent()).includes('hunter2')) throw new Error('the saved message shows no text');
      await pa.screenshot({ path: join(shotDir, `web-client-saved-${width}.png`) });
      const soon = new Date(Date.now() + 1500).toISOString();
      await call('PATCH', `/messages/api/saved/${wifi.id}/`, ann.token, { remind_at: soon });
      const note = pa.getByTestId('reminder-note');
      await note.waitFor({ timeout: T });
      if (!(await note.textContent()).includes('hunter2')) throw new Error(`the reminder says ${await note.textContent()}`);
      await pa.getByTestId('reminder-open').click();
      await pa.locator(`[data-testid="message"][data-message-id="${wifi.id}"].jump-target`).waitFor({ timeout: T });
    });

    let link = '';
    await step(`${width}px: "Copy link" gives the message's permanent address`, async () => {
      await action(pa, checklist.id, 'copy-link-button', phone, join(shotDir, `web-client-message-menu-${width}.png`));
      const shown = pa.getByTestId('message-link');
      await Promise.race([
        pa.getByTestId('toast').waitFor({ timeout: T }),
        shown.waitFor({ timeout: T }),
      ]);
      link = (await shown.isVisible().catch(() => false))
        ? await shown.inputValue()
        : await pa.evaluate(() => navigator.clipboard.readText());
      if (link !== `${origin}/m/${room.id}/${checklist.id}`) throw new Error(`the link is ${link}`);
      if (await shown.isVisible().catch(() => false)) await pa.getByTestId('dialog-close').click();
    });

    await step(`${width}px: the link pasted where cy reads: bob sees the quote, cy only the link`, async () => {
      const group = await call('POST', '/messages/api/chats/', bob.token,
        { chat_type: 'group', title: `lobby ${run} ${width}`, member_ids: [cy.user.id] });
      const pasted = await send(group.id, bob.token, `see ${link}`);
      await item(pc, group.id).waitFor({ timeout: 3000 }).catch(async () => {
        await pc.reload();
        await online(pc).waitFor({ timeout: T });
      });
      // cy's page asks for the linked message as it draws the link, and is refused.
      const cyAsked = pc.waitForResponse((r) => r.url().endsWith(`/messages/api/messages/${checklist.id}/`), { timeout: T });
      await openChat(pc, group.id);
      const answer = await cyAsked;
      if (answer.status() !== 404) throw new Error(`cy was answered ${answer.status()}`);
      await row(pc, pasted.id).waitFor({ timeout: T });
      if (await row(pc, pasted.id).getByTestId('link-preview').isVisible()) throw new Error('cy sees a preview');
      await openChat(pb, group.id);
      const quote = row(pb, pasted.id).getByTestId('link-preview-text');
      await until('the quote under bob\'s message', async () => (await quote.textContent().catch(() => '')).includes(`Release checklist ${width}`));
      await pb.screenshot({ path: join(shotDir, `web-client-link-preview-${width}.png`) });
      if ((await row(pc, pasted.id).textContent()).includes('Release checklist')) throw new Error('cy sees the linked text');
    });

    await step(`${width}px: opening the link: cy is told it is not available; bob signs in and lands on it`, async () => {
      await pc.goto(link);
      await until('"not available" for cy', async () =>
        (await pc.getByTestId('app-error').textContent()).includes('not available'));
      if (await pc.getByText(`Release checklist ${width}`).count()) throw new Error('cy sees the message');
      const ctx = await contextFor(width);
      const fresh = await ctx.newPage();
      await fresh.goto(link);
      await logIn(fresh, bob.user.username);
      await fresh.locator(`[data-testid="message"][data-message-id="${checklist.id}"].jump-target`).waitFor({ timeout: T });
      await ctx.close();
    });

    for (const page of [pa, pb, pc]) {
      page.problems();
      await page.context().close();
    }
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'pins: all steps passed' : `pins: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
