// Search operators and "Send later" in a real browser, run by tests/browser.rs
// (`search_operators_and_send_later_in_the_browser`):
//
//   node tests/browser/search-later.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px, in a browser whose zone is Europe/Berlin, ann and bob share a group:
// - the search box lists its operators while it has the focus; typing `from:@bo` offers
//   bob, picking him searches `from:@bob` alone and finds only bob's messages; `in:#`
//   offers the group and finds its messages;
// - ann writes a message, chooses "Send later" then "Tomorrow at 9:00": the box empties,
//   the note says when, and the server holds the instant that is 9:00 tomorrow in Berlin;
// - "Scheduled messages" lists it; "Cancel sending" cancels it.
// Screenshots go to <shot-dir>: web-client-search-operators-<w>.png,
// web-client-send-later-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin, signedInThroughForm } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node search-later.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const ZONE = 'Europe/Berlin';

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');

  const signIn = (name, width) => signedInThroughForm(browser, origin, { name, password: PASSWORD, width, timeout: T, context: { timezoneId: ZONE } });
  const send = (chatId, token, content) => call('POST', `/messages/api/chats/${chatId}/messages/`, token, { content });
  const results = (page) => page.getByTestId('message-result');
  const bobsIds = new Set(); // bob's messages of every width so far

  for (const width of [1100, 390]) {
    const title = `Ops ${width} ${run}`;
    const group = await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title, member_ids: [bob.user.id] });
    const bobs = await send(group.id, bob.token, `rollout ${width} done, see the dashboard`);
    bobsIds.add(String(bobs.id));
    await send(group.id, ann.token, `thanks ${width}`);
    const pa = await signIn(ann.user.username, width);
    const box = pa.getByTestId('message-search');

    await step(`${width}px: the operators show under the focused box; from:@ offers bob and finds his messages`, async () => {
      await box.click({ timeout: T });
      await pa.getByTestId('search-operators').waitFor({ state: 'visible', timeout: T });
      await box.pressSequentially('from:@bob_');
      const offer = pa.locator(`[data-testid="search-completion"][data-value="${bob.user.username}"]`);
      await offer.waitFor({ timeout: T });
      await pa.screenshot({ path: join(shotDir, `web-client-search-operators-${width}.png`) });
      await offer.click();
      await until('the box holds the operator', async () => (await box.inputValue()) === `from:@${bob.user.username} `);
      await until('bob\'s message found', async () =>
        (await results(pa).count()) > 0
        && (await results(pa).first().getAttribute('data-message-id')) === String(bobs.id));
      const ids = await results(pa).evaluateAll((els) => els.map((e) => e.dataset.messageId));
      if (ids.some((id) => !bobsIds.has(id))) throw new Error(`not only bob's: ${ids}`);
    });

    await step(`${width}px: in:# offers the group and finds its messages`, async () => {
      await box.fill('');
      await box.pressSequentially(`in:#ops-${width}`);
      const offer = pa.getByTestId('search-completion').first();
      await offer.waitFor({ timeout: T });
      await offer.click();
      await until('the group\'s two messages found', async () => (await results(pa).count()) === 2);
      await box.fill('');
      await box.press('Escape');
    });

    await step(`${width}px: "Send later" → "Tomorrow at 9:00" schedules 9:00 tomorrow in Berlin`, async () => {
      if (await pa.getByTestId('back-button').isVisible().catch(() => false)) await pa.getByTestId('back-button').click();
      await pa.locator(`[data-testid="chat-item"][data-chat-id="${group.id}"]`).click({ timeout: T });
      const input = pa.getByTestId('message-input');
      await input.fill(`the report, ${width}`);
      await pa.getByTestId('send-later-button').click({ timeout: T });
      await pa.getByTestId('send-later-menu').waitFor({ state: 'visible', timeout: T });
      await pa.screenshot({ path: join(shotDir, `web-client-send-later-${width}.png`) });
      const menu = await pa.getByTestId('send-later-menu').boundingBox();
      if (!menu || menu.x < 0 || menu.x + menu.width > width + 1) throw new Error(`the menu leaves the screen: ${JSON.stringify(menu)}`);
      await pa.getByTestId('send-later-tomorrow').click();
      await until('the note says when', async () => (await pa.getByTestId('send-later-note').textContent()).includes('Scheduled for'));
      if (await input.inputValue()) throw new Error('the box still holds the text');
      const rows = (await call('GET', '/messages/api/scheduled/', ann.token)).results;
      const row = rows.find((r) => r.content === `the report, ${width}` && r.state === 'scheduled');
      if (!row) throw new Error(`not scheduled: ${JSON.stringify(rows)}`);
      const at = new Date(row.send_at);
      const hour = at.toLocaleString('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
      if (hour !== '09:00') throw new Error(`sent at ${hour} in Berlin, not 09:00 (${row.send_at})`);
      const day = (d) => d.toLocaleDateString('en-CA', { timeZone: ZONE });
      const [y, m, d] = day(new Date()).split('-').map(Number);
      const want = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
      if (day(at) !== want) throw new Error(`scheduled for ${day(at)} in Berlin, not ${want}`);
    });

    await step(`${width}px: "Scheduled messages" lists it and "Cancel sending" cancels it`, async () => {
      await pa.getByTestId('send-later-button').click();
      await pa.getByTestId('send-later-list').click();
      const item = pa.locator('[data-testid="scheduled-item"][data-state="scheduled"]', { hasText: `the report, ${width}` });
      await item.waitFor({ timeout: T });
      await item.getByTestId('scheduled-cancel').click();
      await pa.locator('[data-testid="scheduled-item"][data-state="cancelled"]', { hasText: `the report, ${width}` })
        .waitFor({ timeout: T });
      await pa.getByTestId('scheduled-dialog').getByTestId('dialog-close').click();
    });

    pa.problems();
    await pa.context().close();
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'search-later: all steps passed' : `search-later: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
