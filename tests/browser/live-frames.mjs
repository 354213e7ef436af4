// What the socket tells about the server rather than one message, applied without a
// reload, run by tests/browser.rs (`live_changes_reach_the_open_client_in_the_browser`):
//
//   node tests/browser/live-frames.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px, ann (the admin of a group chat) and bob are signed in; the
// administrator works through the API:
// - ann lets only admins pin: bob's message menu loses "Pin" at once, and gets it back;
// - a custom emoji is added: bob's message naming it turns into its image, live, and
//   back into `:name:` text when it is removed;
// - a user group is made and removed: bob's directory lists it and drops it, live;
// - bob pauses his notifications: ann's directory shows his quiet mark, live, and
//   drops it when he resumes;
// - bob's Saved page shows 50 of his 60 saved messages and the rest once he scrolls;
// - bob's scheduled message fails to send (ann took him out of the chat): a notice
//   says so on bob's screen, live.
// Screenshot: <shot-dir>/web-client-scheduled-failed-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin, makePng, signedInThroughForm } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node live-frames.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
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
  const person = (name) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD });

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signIn = (name, width) => signedInThroughForm(browser, origin, { name, password: PASSWORD, width, timeout: T });
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const openChat = async (page, chatId) => {
    if (await page.getByTestId('back-button').isVisible()) await page.getByTestId('back-button').click();
    await item(page, chatId).click({ timeout: T });
    await page.getByTestId('messages').waitFor({ timeout: T });
  };
  const row = (page, id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);
  // Whether row `id`'s menu offers "Pin" (the menu closed again after looking).
  const offersPin = async (page, id) => {
    const r = row(page, id);
    const out = async () => ((await r.locator('.msg-actions').boundingBox()) || { width: 0 }).width > 10;
    await r.hover();
    if (!(await out())) { // a phone: a tap brings the actions out
      const box = await r.locator('[data-testid="message-content"]').boundingBox();
      await r.locator('[data-testid="message-content"]').click({ position: { x: 4, y: box.height - 4 }, timeout: T });
      await until('the actions out after a tap', out);
    }
    await r.getByTestId('more-actions').click({ timeout: T });
    await page.getByTestId('message-menu').waitFor({ timeout: T });
    const n = await page.getByTestId('message-menu').getByTestId('pin-button').count();
    await page.keyboard.press('Escape');
    await page.getByTestId('message-menu').waitFor({ state: 'detached', timeout: T });
    return n > 0;
  };

  for (const width of [1100, 390]) {
    const ann = await person(`ann${width}`);
    const bob = await person(`bob${width}`);
    const group = await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title: `Live ${width}`, member_ids: [bob.user.id] });
    const emojiName = `parrot${width}_${run}`;
    const named = await call('POST', `/messages/api/chats/${group.id}/messages/`, ann.token, { content: `party :${emojiName}:` });
    const pa = await signIn(ann.user.username, width);
    const pb = await signIn(bob.user.username, width);
    await openChat(pb, group.id);
    await row(pb, named.id).waitFor({ timeout: T });

    await step(`${width}px: only admins may pin now: bob's menu loses Pin at once, and gets it back`, async () => {
      if (!(await offersPin(pb, named.id))) throw new Error('no Pin before the change');
      await call('PATCH', `/messages/api/chats/${group.id}/pins/`, ann.token, { pins_by: 'admins' });
      await until('Pin gone from the menu', async () => !(await offersPin(pb, named.id)));
      await call('PATCH', `/messages/api/chats/${group.id}/pins/`, ann.token, { pins_by: 'members' });
      await until('Pin back in the menu', async () => offersPin(pb, named.id));
    });

    await step(`${width}px: a custom emoji added and removed shows and goes in bob's open chat, live`, async () => {
      const img = row(pb, named.id).locator(`img[data-testid="custom-emoji"][alt=":${emojiName}:"]`);
      if (await img.count()) throw new Error('an image before the emoji exists');
      const emoji = await call('POST', '/api/emoji/', admin.token, undefined,
        { name: emojiName, image: { name: 'e.png', mimeType: 'image/png', buffer: makePng(32, 32) } });
      await img.waitFor({ timeout: T });
      await call('DELETE', `/api/emoji/${emoji.id}/`, admin.token);
      await img.waitFor({ state: 'detached', timeout: T });
      await until('the name back as text', async () => (await row(pb, named.id).textContent()).includes(`:${emojiName}:`));
    });

    await step(`${width}px: a user group made and removed appears and goes in bob's directory, live`, async () => {
      await pb.goto(`${origin}/#people`);
      await pb.getByTestId('group-directory-section').waitFor({ timeout: T });
      const handle = `design${width}${run}`;
      const listed = pb.locator(`[data-testid="group-row"][data-handle="${handle}"]`);
      const made = await call('POST', '/messages/api/groups/', admin.token, { handle, user_ids: [bob.user.id] });
      await listed.waitFor({ timeout: T });
      await until('one person in it', async () => (await listed.getByTestId('group-meta').textContent()).startsWith('1 person'));
      await call('DELETE', `/messages/api/groups/${made.id}/`, admin.token);
      await listed.waitFor({ state: 'detached', timeout: T });
    });

    await step(`${width}px: bob pauses and resumes; ann's directory shows his quiet mark come and go, live`, async () => {
      await pa.goto(`${origin}/#people`);
      const mark = pa.locator(`[data-testid="person-row"][data-user-id="${bob.user.id}"] [data-testid="person-quiet"]`);
      await mark.waitFor({ state: 'attached', timeout: T });
      if (await mark.isVisible()) throw new Error('quiet before the pause');
      await call('PUT', '/messages/api/me/quiet-hours/', bob.token, { pause_minutes: 30 });
      await mark.waitFor({ state: 'visible', timeout: T });
      await call('PUT', '/messages/api/me/quiet-hours/', bob.token, { paused_until: null });
      await mark.waitFor({ state: 'hidden', timeout: T });
    });

    await step(`${width}px: bob's 60 saved messages come a page at a time as he scrolls`, async () => {
      for (let n = 0; n < 60; n += 1) {
        const m = await call('POST', `/messages/api/chats/${group.id}/messages/`, ann.token, { content: `keep ${n}` });
        await call('POST', '/messages/api/saved/', bob.token, { message_id: m.id });
      }
      await pb.goto(`${origin}/#saved`);
      const items = pb.getByTestId('saved-item');
      await until('the first page', async () => (await items.count()) === 50);
      await items.nth(49).scrollIntoViewIfNeeded();
      await until('the rest after scrolling', async () => (await items.count()) === 60);
      if (!(await pb.getByTestId('saved-more').isHidden())) throw new Error('"More" still offered at the end');
      const last = await items.nth(59).textContent();
      if (!last.includes('keep 0')) throw new Error(`the oldest saved is not last: ${last}`);
    });

    await step(`${width}px: bob's scheduled message fails to send and a notice tells him, live`, async () => {
      await pb.goto(`${origin}/#`);
      await online(pb).waitFor({ timeout: T });
      // Due in a few seconds; bob is taken out before then, so the sending round finds him gone.
      await call('POST', '/messages/api/scheduled/', bob.token,
        { chat_id: group.id, content: 'later, maybe', send_at: new Date(Date.now() + 4000).toISOString() });
      await call('DELETE', `/messages/api/chats/${group.id}/members/${bob.user.id}/remove/`, ann.token);
      const note = pb.getByTestId('scheduled-failed-note');
      await note.waitFor({ timeout: 20_000 });
      if (!(await note.textContent()).includes('no longer in this chat')) throw new Error(await note.textContent());
      await pb.screenshot({ path: join(shotDir, `web-client-scheduled-failed-${width}.png`) });
      await pb.getByTestId('scheduled-failed-open').click();
      await pb.locator(`[data-testid="scheduled-item"][data-state="failed"]`).waitFor({ timeout: T });
    });

    for (const page of [pa, pb]) {
      page.problems();
      await page.context().close();
    }
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'live frames: all steps passed' : `live frames: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
