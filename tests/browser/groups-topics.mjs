// User groups, topics and the rooms browser in a real browser, run by tests/browser.rs
// (`user_groups_topics_and_the_rooms_browser_in_the_browser`):
//
//   node tests/browser/groups-topics.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px: the administrator makes a group on the People page and adds ann
// from its members' search; bob, in a room with ann, types `@` and the start of the
// handle, picks the group from the list and sends: ann sees the group's mention marked
// and has it in her mentions; the room's admin sets a topic in the chat's details: bob's
// header shows it and a line says it was set, live; the rooms dialog lists the room with
// its topic, its member count and "you are in it".
// Screenshots go to <shot-dir>: web-client-groups-<w>.png, web-client-topic-<w>.png,
// web-client-rooms-browser-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node groups-topics.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
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

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const logIn = async (page, name, password = PASSWORD) => {
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
  };
  const signIn = async (name, width, password) => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await logIn(page, name, password);
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const toList = async (page) => {
    if (await page.getByTestId('page-back').isVisible().catch(() => false)) await page.getByTestId('page-back').click();
    if (await page.getByTestId('back-button').isVisible()) await page.getByTestId('back-button').click();
  };
  const openChat = async (page, chatId) => {
    await toList(page);
    await item(page, chatId).click({ timeout: T });
    await page.getByTestId('messages').waitFor({ timeout: T });
  };

  for (const width of [1100, 390]) {
    const handle = `design_${run}_${width}`;
    const topic = `Ship the ${width} release by Friday`;
    const room = await call('POST', '/api/rooms/', admin.token, { name: `launch ${run} ${width}`, description: 'The launch' });
    for (const who of [ann, bob]) await call('POST', `/api/rooms/${room.id}/join/`, who.token, {});
    await call('POST', `/messages/api/chats/${room.id}/messages/`, admin.token, { content: `Welcome to launch ${width}` });
    const pboss = await signIn(adminName, width, adminPassword);

    await step(`${width}px: the administrator makes @${handle} on the People page and adds ann`, async () => {
      await pboss.goto(`${origin}/#people`);
      await pboss.getByTestId('group-handle').fill(handle, { timeout: T });
      await pboss.getByTestId('group-name-input').fill(`Design ${width}`);
      await pboss.getByTestId('group-create').click();
      const row = pboss.locator(`[data-testid="group-row"][data-handle="${handle}"]`);
      await row.waitFor({ timeout: T });
      await row.getByTestId('group-open').click();
      await row.getByTestId('group-add-search').fill(`ann_${run}`);
      await row.getByTestId('user-result').filter({ hasText: 'Ann Lee' }).click({ timeout: T });
      await row.locator(`[data-testid="group-member"][data-username="${ann.user.username}"]`).waitFor({ timeout: T });
      await until('the group counts one person', async () =>
        (await row.getByTestId('group-meta').textContent()).startsWith('1 person'));
      await pboss.screenshot({ path: join(shotDir, `web-client-groups-${width}.png`) });
    });

    const pa = await signIn(ann.user.username, width);
    const pb = await signIn(bob.user.username, width);

    await step(`${width}px: bob picks the group from the @ list; ann sees it marked and is mentioned`, async () => {
      await openChat(pb, room.id);
      await openChat(pa, room.id);
      const input = pb.getByTestId('message-input');
      await input.fill(`Review at 3, @design_${run}`);
      const option = pb.locator(`[data-testid="mention-option"][data-group="true"][data-username="${handle}"]`);
      await option.click({ timeout: T });
      await until('the handle written', async () => (await input.inputValue()).includes(`@${handle} `));
      await pb.getByTestId('send-button').click();
      await pa.locator('[data-testid="messages"] [data-testid="mention-group"]', { hasText: `@${handle}` }).waitFor({ timeout: T });
      await until('ann mentioned', async () => {
        const page = await call('GET', '/api/mentions/', ann.token);
        return page.results.some((m) => m.content.includes(`@${handle}`));
      });
    });

    await step(`${width}px: the admin sets the topic; bob's header shows it and a line tells it, live`, async () => {
      await openChat(pboss, room.id);
      await pboss.getByTestId('chat-info-button').click();
      await pboss.getByTestId('chat-topic-input').fill(topic, { timeout: T });
      await pboss.getByTestId('chat-topic-save').click();
      await pb.locator('[data-testid="chat-subtitle"]:visible', { hasText: topic }).waitFor({ timeout: T });
      await pb.locator('[data-testid="topic-line"]', { hasText: `set the topic: ${topic}` }).waitFor({ timeout: T });
      const chat = await call('GET', `/messages/api/chats/${room.id}/`, bob.token);
      if (chat.topic !== topic) throw new Error(JSON.stringify(chat));
      // The header keeps to one line on a phone: the topic is cut, not wrapped.
      const box = await pb.locator('[data-testid="chat-subtitle"]:visible').boundingBox();
      if (!box || box.height > 30 || box.x + box.width > width) throw new Error(`subtitle box ${JSON.stringify(box)}`);
      await pb.screenshot({ path: join(shotDir, `web-client-topic-${width}.png`) });
    });

    await step(`${width}px: the rooms dialog lists the room with its topic, size and membership`, async () => {
      await toList(pb);
      await pb.getByTestId('rooms-browse').click({ timeout: T });
      const listed = pb.locator(`[data-testid="room-item"][data-room-id="${room.id}"]`);
      await listed.getByTestId('room-topic').filter({ hasText: topic }).waitFor({ timeout: T });
      const meta = await listed.getByTestId('room-meta').textContent();
      if (!meta.includes('3 members') || !meta.includes('you are in it')) throw new Error(meta);
      await pb.screenshot({ path: join(shotDir, `web-client-rooms-browser-${width}.png`) });
    });

    for (const page of [pboss, pa, pb]) {
      page.problems();
      await page.context().close();
    }
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'groups-topics: all steps passed' : `groups-topics: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
