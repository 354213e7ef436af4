// A team's first day in a real browser, run by tests/browser.rs:
//
//   node tests/browser/first-day.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// Five people share the room "general"; ann ("Ana (IT)") is also in the group "Launch"
// and has a direct chat with cy.
// - ann is asked once to turn notifications on; "Not now" is remembered across a reload;
// - her list has Rooms, Groups and Direct messages as sections; a starred chat moves to
//   "Starred" on top and stays starred after a reload;
// - typing a teammate's name in the sidebar search lists the person before the room they
//   share; their name + Enter opens the direct chat with them, and a message sent there
//   reaches that chat, not the room (checked through the API);
// - "New message" with two people opens a group of them with no title, named after them,
//   and the same two again open the same group; one person opens the direct chat;
// - deleting a message asks once (Cancel keeps it); a reply's header names its author by
//   display name; initials take letters only ("AI");
// - the administrator sees "Account" and "Admin" in words, no Deactivate or Remove admin on
//   their own row, and "Turn on notifications" in the prompt turns the bell on.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node first-day.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
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
  const ann = await person('ann', 'Ana (IT)');
  const bob = await person('bob', 'Bob Stone');
  const cy = await person('cy', '');
  const dee = await person('dee', 'Dee');
  const general = await call('POST', '/api/rooms/', admin.token, { name: `general ${run}`, description: 'everyone' });
  for (const who of [ann, bob, cy, dee]) await call('POST', `/api/rooms/${general.id}/join/`, who.token, {});
  const launchGroup = await call('POST', '/messages/api/chats/', ann.token,
    { chat_type: 'group', title: `Launch ${run}`, member_ids: [bob.user.id, cy.user.id] });
  const withCy = await call('POST', '/messages/api/chats/', ann.token, { chat_type: 'dm', member_ids: [cy.user.id] });
  const messagesOf = async (chatId, token) =>
    (await call('GET', `/messages/api/chats/${chatId}/messages/?page_size=100`, token)).results;

  const signIn = async (name, { permissions = [] } = {}) => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 }, permissions });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(name === adminName ? adminPassword : PASSWORD);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    return { page, problems: () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); } };
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const hashId = async (page) => until('a chat in the address', async () => {
    const m = /^#chat\/(\d+)$/.exec(await page.evaluate(() => location.hash));
    return m && Number(m[1]);
  });
  const sections = (page) => page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="chat-section"]')].map((s) => s.dataset.section));
  const itemIn = (page, section, chatId) =>
    page.locator(`[data-testid="chat-section"][data-section="${section}"] [data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const send = async (page, text) => {
    await page.getByTestId('message-input').fill(text);
    await page.getByTestId('message-input').press('Enter');
    await page.locator('[data-testid="message"]', { hasText: text }).waitFor({ timeout: T });
  };

  // Headless Chromium denies notifications unless granted: granted here, as a browser that asks would.
  const { page: pa, problems: annProblems } = await signIn(ann.user.username, { permissions: ['notifications'] });

  await step('ann is asked once to turn notifications on; "Not now" is remembered after a reload', async () => {
    const prompt = pa.getByTestId('notify-prompt');
    await prompt.waitFor({ timeout: T });
    await prompt.getByRole('button', { name: 'Turn on notifications' }).waitFor({ timeout: T });
    await prompt.getByTestId('notify-prompt-no').click();
    await prompt.waitFor({ state: 'detached', timeout: T });
    await pa.reload();
    await online(pa).waitFor({ timeout: T });
    await pa.locator(`[data-testid="chat-item"][data-chat-id="${general.id}"]`).waitFor({ timeout: T });
    if (await pa.getByTestId('notify-prompt').count()) throw new Error('the prompt came back after "Not now"');
  });

  await step('the chat list has Rooms, Groups and Direct messages as sections', async () => {
    await itemIn(pa, 'room', general.id).waitFor({ timeout: T });
    await itemIn(pa, 'group', launchGroup.id).waitFor({ timeout: T });
    await itemIn(pa, 'dm', withCy.id).waitFor({ timeout: T });
    const order = await sections(pa);
    if (order.join() !== 'room,group,dm') throw new Error(`sections ${order.join()}`);
    for (const label of ['Rooms', 'Groups', 'Direct messages']) {
      await pa.getByRole('heading', { name: label, exact: true }).waitFor({ timeout: T });
    }
  });

  await step('a star puts a chat in "Starred" on top, kept after a reload', async () => {
    const star = pa.locator(`[data-testid="star-toggle"][data-chat-id="${launchGroup.id}"]`);
    if ((await star.getAttribute('aria-pressed', { timeout: T })) !== 'false') throw new Error('starred from the start');
    await star.click();
    await itemIn(pa, 'starred', launchGroup.id).waitFor({ timeout: T });
    if ((await sections(pa)).join() !== 'starred,room,dm') throw new Error(`sections ${(await sections(pa)).join()}`);
    const focused = await pa.evaluate(() => document.activeElement && document.activeElement.dataset.testid);
    if (focused !== 'star-toggle') throw new Error(`the focus left the star for ${focused}`);
    const kept = await pa.evaluate((key) => localStorage.getItem(key), `natter.starred.${ann.user.id}`);
    if (!kept || !JSON.parse(kept).includes(String(launchGroup.id))) throw new Error(`stored stars: ${kept}`);
    await pa.reload();
    await itemIn(pa, 'starred', launchGroup.id).waitFor({ timeout: T });
    await pa.locator(`[data-testid="star-toggle"][data-chat-id="${launchGroup.id}"][aria-pressed="true"]`).waitFor({ timeout: T });
  });

  await step('initials take letters only: "Ana (IT)" is AI', async () => {
    const letters = (await pa.getByTestId('profile-button').locator('.avatar').innerText({ timeout: T })).trim();
    if (letters !== 'AI') throw new Error(`ann's initials are ${JSON.stringify(letters)}`);
  });

  let withBob;
  await step('the sidebar search lists bob himself before the room he shares with ann', async () => {
    const box = pa.getByTestId('new-dm-search');
    await box.fill('Bob');
    const first = pa.locator('[role="listbox"] [role="option"]').first();
    await until('results', async () => (await first.count()) > 0);
    if ((await first.getAttribute('data-user-id')) !== String(bob.user.id)) {
      throw new Error(`the first result is ${await first.innerText()}`);
    }
    const ids = await pa.locator('[role="listbox"] [role="option"]').evaluateAll((els) =>
      els.map((e) => e.dataset.userId ? `user ${e.dataset.userId}` : `chat ${e.dataset.chatId}`));
    if (ids.indexOf(`chat ${general.id}`) >= 0 && ids.indexOf(`chat ${general.id}`) < ids.indexOf(`user ${bob.user.id}`)) {
      throw new Error(`the room comes before bob: ${ids.join(', ')}`);
    }
    await box.press('Escape');
  });

  await step('bob\'s name + Enter opens the direct chat with him; the welcome reaches him alone, not the room', async () => {
    const box = pa.getByTestId('new-dm-search');
    await box.fill('Bob');
    await box.press('Enter'); // before the results arrive: the first one is picked when they do
    await pa.getByTestId('chat-header-title').filter({ hasText: 'Bob Stone' }).waitFor({ timeout: T });
    withBob = await hashId(pa);
    const welcome = `welcome aboard ${run}`;
    await send(pa, welcome);
    const chat = await call('GET', `/messages/api/chats/${withBob}/`, bob.token);
    if (chat.chat_type !== 'dm') throw new Error(`the message went to a ${chat.chat_type}`);
    const members = chat.members.map((m) => m.id).sort();
    if (members.join() !== [ann.user.id, bob.user.id].sort().join()) throw new Error(`members ${members}`);
    await until('the welcome in the direct chat', async () =>
      (await messagesOf(withBob, bob.token)).some((m) => m.content === welcome));
    if ((await messagesOf(general.id, cy.token)).some((m) => m.content === welcome)) throw new Error('the welcome went to the room');
    await itemIn(pa, 'dm', withBob).waitFor({ timeout: T });
  });

  await step('a reply\'s header names its author by display name', async () => {
    const mine = (await messagesOf(withBob, bob.token)).find((m) => m.sender.id === ann.user.id);
    // A real reply (reply_to): the server writes the quote line naming ann.
    await call('POST', `/messages/api/chats/${withBob}/messages/`, bob.token, { content: `thanks ${run}`, reply_to: mine.id });
    const author = pa.getByTestId('reply-author').first();
    await author.waitFor({ timeout: T });
    const name = (await author.innerText()).trim();
    if (name !== 'Ana (IT)') throw new Error(`the reply header says ${JSON.stringify(name)}`);
  });

  await step('deleting a message asks once: Cancel keeps it, Delete removes it for everyone', async () => {
    const oops = `oops wrong chat ${run}`;
    await send(pa, oops);
    const row = pa.locator('[data-testid="message"]', { hasText: oops });
    await row.hover();
    await row.getByTestId('delete-button').click({ timeout: T });
    const dialog = pa.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: T });
    await dialog.getByTestId('confirm-no').click();
    await dialog.waitFor({ state: 'detached', timeout: T });
    if (!(await messagesOf(withBob, bob.token)).some((m) => m.content === oops)) throw new Error('Cancel deleted it');
    await row.hover();
    await row.getByTestId('delete-button').click({ timeout: T });
    await dialog.getByTestId('confirm-yes').click({ timeout: T });
    await row.waitFor({ state: 'detached', timeout: T });
    await until('the message gone on the server', async () =>
      !(await messagesOf(withBob, bob.token)).some((m) => m.content === oops));
  });

  let group;
  await step('"New message" to bob and cy opens a group of them with no title, named after them; again, the same group', async () => {
    const pickIn = async (query, user) => {
      const dialog = pa.getByTestId('new-message-dialog');
      await dialog.getByTestId('new-message-search').fill(query);
      await dialog.locator(`[data-testid="user-result"][data-user-id="${user.id}"]`).click({ timeout: T });
      await dialog.locator(`[data-testid="new-message-person"][data-user-id="${user.id}"]`).waitFor({ timeout: T });
    };
    await pa.getByTestId('new-message').click();
    await pickIn('Bob', bob.user);
    await pickIn(cy.user.username, cy.user);
    await pa.getByTestId('new-message-open').click();
    await pa.getByTestId('chat-header-title').filter({ hasText: `Bob Stone and ${cy.user.username}` }).waitFor({ timeout: T });
    group = await hashId(pa);
    const chat = await call('GET', `/messages/api/chats/${group}/`, ann.token);
    // Stored without a title: seed clients are shown the members' names, natter's says `untitled`.
    if (chat.chat_type !== 'group' || chat.untitled !== true) throw new Error(`made ${chat.chat_type} untitled=${chat.untitled}`);
    if (chat.title !== `Ana (IT), Bob Stone, ${cy.user.username}`) throw new Error(`shown to seed clients as ${JSON.stringify(chat.title)}`);
    const members = chat.members.map((m) => m.id).sort();
    if (members.join() !== [ann.user.id, bob.user.id, cy.user.id].sort().join()) throw new Error(`members ${members}`);
    await itemIn(pa, 'group', group).getByTestId('chat-title').filter({ hasText: `Bob Stone and ${cy.user.username}` }).waitFor({ timeout: T });
    await pa.goto(`${origin}/`); // out of the group, then the same two again
    await online(pa).waitFor({ timeout: T });
    await pa.getByTestId('new-message').click();
    await pickIn(cy.user.username, cy.user);
    await pickIn('Bob', bob.user);
    await pa.getByTestId('new-message-open').click();
    await until('the same group open again', async () => (await hashId(pa)) === group);
    await pa.screenshot({ path: join(shotDir, 'web-client-first-day-1100.png') });
  });

  await step('"New message" to one person opens the direct chat with them', async () => {
    await pa.getByTestId('new-message').click();
    const dialog = pa.getByTestId('new-message-dialog');
    await dialog.getByTestId('new-message-search').fill('Dee');
    await dialog.locator(`[data-testid="user-result"][data-user-id="${dee.user.id}"]`).click({ timeout: T });
    await pa.getByTestId('new-message-open').click();
    await pa.getByTestId('chat-header-title').filter({ hasText: 'Dee' }).waitFor({ timeout: T });
    const chat = await call('GET', `/messages/api/chats/${await hashId(pa)}/`, dee.token);
    if (chat.chat_type !== 'dm') throw new Error(`opened a ${chat.chat_type}`);
    annProblems();
  });

  await step('the administrator sees "Account" and "Admin" in words, and no Deactivate or Remove admin on their own row', async () => {
    const { page, problems } = await signIn(adminName, { permissions: ['notifications'] });
    for (const [testid, words] of [['account-page-link', 'Account'], ['admin-page-link', 'Admin']]) {
      const link = page.getByTestId(testid);
      await link.filter({ hasText: words }).waitFor({ timeout: T });
      const box = await link.locator('.tool-label').boundingBox();
      if (!box || box.width < 10) throw new Error(`${words} is not shown in words: ${JSON.stringify(box)}`);
      await page.getByRole('link', { name: new RegExp(`^${words}\\b`) }).waitFor({ timeout: T });
    }
    // Notifications allowed by the browser: "Turn on notifications" turns the bell on.
    await page.getByTestId('notify-prompt-yes').click({ timeout: T });
    await page.locator('[data-testid="notify-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
    await page.getByTestId('notify-prompt').waitFor({ state: 'detached', timeout: T });
    await page.getByTestId('admin-page-link').click();
    const own = page.locator(`[data-testid="admin-person"][data-username="${adminName}"]`);
    await own.getByTestId('admin-reset-password').waitFor({ timeout: T });
    for (const testid of ['admin-deactivate', 'admin-demote', 'admin-promote']) {
      if (await own.getByTestId(testid).count()) throw new Error(`their own row offers ${testid}`);
    }
    const others = page.locator(`[data-testid="admin-person"][data-username="${bob.user.username}"]`);
    await others.getByTestId('admin-deactivate').waitFor({ timeout: T });
    await others.getByTestId('admin-promote').waitFor({ timeout: T });
    problems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'first-day: all steps passed' : `first-day: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
