// An administrator moderates from the web client, run by tests/browser.rs:
//
//   node tests/browser/moderation.mjs <base-url> <admin-username> <admin-password>
//
// alice's group holds bob, carol and the administrator. carol posted, then was
// deactivated; bob posted spam.
// - bob (no administrator) is offered no moderation: no delete on others' messages, no
//   "Delete group", no removing people; he sees carol marked "(deactivated)" by her message;
// - the administrator sees carol "(deactivated)" by her message, in the member list, in
//   the `@` list and on the Administration page;
// - removes bob's message from its hover menu after a confirmation ("removed by an
//   administrator" in its place, for bob too, live);
// - takes bob out of the group from its details (the API agrees);
// - archives the group: alice, with it open, sees it read-only at once (no message box, a
//   send refused, her list marks it, her message offers no Edit); unarchived, she writes again;
// - deletes the group after a confirmation (gone from the list; alice gets 404);
// - reads the audit log by name: the message's sender and group, the person removed and
//   the group deleted, with no bare ids;
// - from the admin page's list of groups and rooms (no direct chats), archives and
//   deletes a room it is not in.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node moderation.mjs <base-url> <admin-username> <admin-password>');
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
  const { call, register } = await apiClient(origin);
  const admin = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const alice = await register(`alice_${run}`, PASSWORD);
  const bob = await register(`bob_${run}`, PASSWORD);
  const carol = await register(`carol_${run}`, PASSWORD);
  const title = `Book club ${run}`;
  const group = await call('POST', '/messages/api/chats/', alice.token,
    { chat_type: 'group', title, member_ids: [bob.user.id, carol.user.id, admin.user.id] });
  const send = (who, content) => call('POST', `/messages/api/chats/${group.id}/messages/`, who.token, { content });
  await send(carol, `carol was here ${run}`);
  const spam = await send(bob, `buy cheap watches ${run}`);
  await send(alice, `welcome everyone ${run}`);
  await call('POST', `/api/admin/users/${carol.user.id}/deactivate/`, admin.token, {});

  const signIn = async (name, password) => {
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
    const page = await ctx.newPage();
    // Script errors only: a refused request (the 404 of a deleted chat) is expected here.
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const problems = () => {
      if (errors.length) throw new Error(`script errors in the page:\n${errors.join('\n')}`);
    };
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    return { page, problems };
  };
  const openGroup = async (page) => {
    await page.locator(`[data-testid="chat-item"][data-chat-id="${group.id}"]`).click({ timeout: T });
    await page.getByTestId('message-input').waitFor({ timeout: T });
  };
  const messageRow = (page, id) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);
  const rowWith = (page, text) => page.locator('[data-testid="message"]', { hasText: text });
  const members = (page) => page.getByTestId('member-list').getByTestId('member');

  const { page: bobPage, problems: bobProblems } = await signIn(bob.user.username, PASSWORD);
  await step('bob (no administrator) is offered no moderation, and sees carol marked (deactivated)', async () => {
    await openGroup(bobPage);
    const welcome = rowWith(bobPage, `welcome everyone ${run}`);
    await welcome.hover({ timeout: T });
    await welcome.getByTestId('react-button').waitFor({ timeout: T });
    if (await welcome.getByTestId('moderate-delete-button').isVisible()) throw new Error('bob is offered an administrator\'s delete');
    const carolRow = rowWith(bobPage, `carol was here ${run}`);
    await carolRow.getByTestId('message-sender').filter({ hasText: '(deactivated)' }).waitFor({ timeout: T });
    await bobPage.getByTestId('chat-info-button').click();
    await members(bobPage).first().waitFor({ timeout: T });
    if (await bobPage.getByTestId('chat-moderate-delete').count()) throw new Error('bob is offered "Delete group"');
    if (await bobPage.getByTestId('chat-archive').count()) throw new Error('bob is offered "Archive group"');
    if (await bobPage.getByTestId('member-remove').count()) throw new Error('bob is offered to remove people');
    await bobPage.getByTestId('chat-info-dialog').getByTestId('dialog-close').click();
  });

  const { page, problems } = await signIn(adminName, adminPassword);
  await step('the administrator sees carol marked (deactivated) by her message, in the members, the @ list and the admin page', async () => {
    await openGroup(page);
    await rowWith(page, `carol was here ${run}`).getByTestId('message-sender')
      .filter({ hasText: '(deactivated)' }).waitFor({ timeout: T });
    const input = page.getByTestId('message-input');
    await input.fill('');
    await input.pressSequentially('@carol');
    await page.locator(`[data-testid="mention-option"][data-username="${carol.user.username}"]`)
      .filter({ hasText: '(deactivated)' }).waitFor({ timeout: T });
    await input.press('Escape');
    await input.fill('');
    await page.getByTestId('chat-info-button').click();
    await members(page).filter({ hasText: carol.user.username }).filter({ hasText: '(deactivated)' }).waitFor({ timeout: T });
    const bobMember = members(page).filter({ hasText: bob.user.username });
    if ((await bobMember.textContent()).includes('(deactivated)')) throw new Error('bob is marked (deactivated)');
    await page.getByTestId('chat-info-dialog').getByTestId('dialog-close').click();
  });

  await step('the administrator removes bob\'s message from its hover menu after confirming; its place says so, for bob too', async () => {
    const row = messageRow(page, spam.id);
    await row.hover({ timeout: T });
    await row.getByTestId('moderate-delete-button').click({ timeout: T });
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: T });
    await dialog.getByTestId('confirm-no').click();
    await dialog.waitFor({ state: 'detached', timeout: T });
    if (!(await row.count())) throw new Error('cancelling deleted the message');
    await row.hover();
    await row.getByTestId('moderate-delete-button').click({ timeout: T });
    await page.getByTestId('confirm-dialog').getByTestId('confirm-yes').click({ timeout: T });
    for (const p of [page, bobPage]) {
      const removed = messageRow(p, spam.id).getByTestId('message-removed');
      await removed.waitFor({ timeout: T });
      if ((await removed.textContent()) !== 'removed by an administrator') throw new Error(`the placeholder reads ${await removed.textContent()}`);
    }
    const page1 = await call('GET', `/messages/api/chats/${group.id}/messages/`, alice.token);
    if (JSON.stringify(page1).includes('buy cheap watches')) throw new Error('the API still lists the text');
    const kept = page1.results.find((m) => m.id === spam.id);
    if (!kept || kept.is_deleted !== true) throw new Error(`the API lists it as ${JSON.stringify(kept)}`);
  });

  await step('the administrator takes bob out of the group from its details', async () => {
    await page.getByTestId('chat-info-button').click();
    const bobMember = members(page).filter({ hasText: bob.user.username });
    await bobMember.getByTestId('member-remove').click({ timeout: T });
    await bobMember.waitFor({ state: 'detached', timeout: T });
    const seen = await call('GET', `/messages/api/chats/${group.id}/`, alice.token);
    if (seen.members.some((m) => m.id === bob.user.id)) throw new Error('bob is still a member');
  });

  await step('the administrator archives the group: alice, with it open, sees it read-only at once (marked in her list, no Edit); unarchived, she writes again', async () => {
    const { page: alicePage, problems: aliceProblems } = await signIn(alice.user.username, PASSWORD);
    await openGroup(alicePage);
    const welcome = rowWith(alicePage, `welcome everyone ${run}`);
    const aliceItem = alicePage.locator(`[data-testid="chat-item"][data-chat-id="${group.id}"]`);
    await welcome.hover();
    await welcome.getByTestId('edit-button').waitFor({ timeout: T });
    await page.getByTestId('chat-archive').click({ timeout: T });
    await page.getByTestId('chat-unarchive').waitFor({ timeout: T });
    await alicePage.getByTestId('chat-archived').waitFor({ timeout: T });
    await alicePage.getByTestId('message-input').waitFor({ state: 'hidden', timeout: T });
    await aliceItem.getByTestId('archived-mark').waitFor({ timeout: T });
    await welcome.hover();
    if (await welcome.getByTestId('edit-button').isVisible()) throw new Error('an archived chat offers to edit a message');
    const refused = await send(alice, 'still open?').then(() => null, (err) => err.message);
    if (!refused || !/-> 403/.test(refused) || !refused.includes('archived')) throw new Error(`a send to the archived group: ${refused || 'accepted'}`);
    await page.getByTestId('chat-unarchive').click();
    await page.getByTestId('chat-archive').waitFor({ timeout: T });
    await alicePage.getByTestId('chat-archived').waitFor({ state: 'hidden', timeout: T });
    await aliceItem.getByTestId('archived-mark').waitFor({ state: 'detached', timeout: T });
    await alicePage.getByTestId('message-input').fill(`open again ${run}`);
    await alicePage.getByTestId('message-input').press('Enter');
    await rowWith(page, `open again ${run}`).waitFor({ timeout: T });
    aliceProblems();
  });

  await step('the administrator deletes the group after confirming: it leaves the list, alice gets 404', async () => {
    await page.getByTestId('chat-moderate-delete').click({ timeout: T });
    await page.getByTestId('confirm-dialog').getByTestId('confirm-yes').click({ timeout: T });
    await page.locator(`[data-testid="chat-item"][data-chat-id="${group.id}"]`).waitFor({ state: 'detached', timeout: T });
    await until('the group is gone for alice', async () => {
      try {
        await call('GET', `/messages/api/chats/${group.id}/`, alice.token);
        return false;
      } catch (err) {
        return /-> 404/.test(err.message);
      }
    });
  });

  await step('the audit log names the message\'s sender and group, the person removed and the group deleted', async () => {
    await page.getByTestId('admin-page-link').click({ timeout: T });
    await page.getByTestId('admin-page').waitFor({ timeout: T });
    const entry = (action) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first();
    const expect = async (action, words) => {
      const row = entry(action);
      await row.waitFor({ timeout: T });
      const text = await row.textContent();
      for (const w of words) if (!text.includes(w)) throw new Error(`${action} says "${text}", without "${w}"`);
      if (/\b(id|chat|message|person) \d+/.test(text)) throw new Error(`${action} names something by number: "${text}"`);
    };
    await expect('message.remove', [`@${bob.user.username}`, title]);
    await expect('chat.remove_member', [`@${bob.user.username}`, title]);
    await expect('chat.remove', [title]);
    await expect('chat.archive', [title]);
    await expect('chat.unarchive', [title]);
    await expect('user.deactivate', [`@${carol.user.username} (deactivated)`]);
    await page.getByTestId('admin-search').fill(carol.user.username);
    await page.locator(`[data-testid="admin-person"][data-username="${carol.user.username}"]`)
      .filter({ hasText: '(deactivated)' }).waitFor({ timeout: T });
    problems();
    bobProblems();
  });

  await step('from the admin page, the administrator archives and deletes a room it is not in (direct chats are not listed)', async () => {
    const room = await call('POST', '/api/rooms/', alice.token, { name: `Garden ${run}` });
    await call('POST', '/messages/api/chats/', alice.token, { chat_type: 'dm', member_ids: [bob.user.id] });
    await page.getByTestId('admin-chats-search').fill(`garden ${run}`);
    const row = page.locator(`[data-testid="admin-chat"][data-chat-id="${room.id}"]`);
    await row.waitFor({ timeout: T });
    const shown = await page.getByTestId('admin-chat').count();
    if (shown !== 1) throw new Error(`the search for the room shows ${shown} chats`);
    await row.getByTestId('admin-chat-archive').click();
    await row.getByTestId('admin-chat-archived').waitFor({ timeout: T });
    await until('the room to be archived for alice', async () =>
      (await call('GET', `/messages/api/chats/${room.id}/`, alice.token)).is_archived === true);
    await row.getByTestId('admin-chat-delete').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-yes').click({ timeout: T });
    await row.waitFor({ state: 'detached', timeout: T });
    await until('the room is gone for alice', async () => {
      try {
        await call('GET', `/messages/api/chats/${room.id}/`, alice.token);
        return false;
      } catch (err) {
        return /-> 404/.test(err.message);
      }
    });
    await page.getByTestId('admin-chats-search').fill('');
    // Every group and room is deleted now; alice's direct chat with bob is not listed.
    await page.getByTestId('admin-chats-section').getByText('No group or room matches.').waitFor({ timeout: T });
    const left = await page.getByTestId('admin-chat').count();
    if (left !== 0) throw new Error(`${left} chats listed where only a direct chat is left`);
    problems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'moderation: all steps passed' : `moderation: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
