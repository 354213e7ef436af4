// Calls speak like the rest of the client, run by tests/browser.rs
// (a_call_names_people_shows_muted_tiles_and_knows_other_tabs):
//
//   node tests/browser/call-words.mjs <base-url> <shots-dir>
//
// Chromium with a fake camera and microphone. Ann ("Ann Lee") calls Bob ("Bob Stone")
// in their direct chat: ringing names her by display name; Bob declines and Ann's call
// ends with "Bob Stone declined". She calls again and Bob answers: her tile for him says
// "Bob Stone"; he turns his microphone off and her tile for him shows it crossed. Bob's
// second tab offers no "Join call" but says he is in the call in another tab. The call
// line says "with you" in lower case. Every wait is a locator with a timeout.

import { apiClient, launch, steps } from './harness.mjs';

const [base, shots = '.'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node call-words.mjs <base-url> [shots-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 20_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch({ media: true });
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const people = {};
  for (const [name, shown] of [['ann', 'Ann Lee'], ['bob', 'Bob Stone']]) {
    const username = `${name}_${run}`;
    const made = await register(username, PASSWORD);
    await call('PATCH', '/api/account/', made.token, { display_name: shown });
    people[name] = { username, token: made.token, id: made.user.id, shown };
  }
  const { ann, bob } = people;
  const dm = (await call('POST', '/messages/api/chats/', ann.token, { chat_type: 'dm', member_ids: [bob.id] })).id;

  const device = async (who) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 }, permissions: ['camera', 'microphone'] });
    const login = await context.request.post('/accounts/login/', { data: { username: who.username, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login ${who.username}: ${login.status()}`);
    const tab = async () => {
      const page = await context.newPage();
      page.on('pageerror', (err) => console.log(`[${who.username} page error] ${err.message}`));
      await page.goto(`${origin}/`);
      await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
      return page;
    };
    return { context, page: await tab(), tab, who };
  };
  // Waits for this chat to be the one marked open: the header of the chat before stays
  // until it is shown.
  const openChat = async (page, chatId) => {
    await page.evaluate((id) => { location.hash = `#chat/${id}`; }, chatId);
    await page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"][aria-current="true"]`).waitFor({ state: 'attached', timeout: T });
    await page.locator('[data-testid="chat-header-title"]').waitFor({ timeout: T });
  };
  const tid = (page, id) => page.locator(`[data-testid="${id}"]`);

  const a = await device(ann);
  const b = await device(bob);
  await openChat(a.page, dm);

  await step('the ring names the caller by display name; declined, the caller reads "Bob Stone declined"', async () => {
    await tid(a.page, 'call-start').click();
    await tid(b.page, 'call-ringing').filter({ hasText: 'Ann Lee is calling you' }).waitFor({ timeout: T });
    await tid(b.page, 'call-decline').click();
    await a.page.locator('[data-testid="call-view"][data-state="ended"]').waitFor({ timeout: T });
    await tid(a.page, 'call-status').filter({ hasText: 'Bob Stone declined' }).waitFor({ timeout: T });
    await tid(a.page, 'call-leave').click();
  });

  await step('answered, the tile says "Bob Stone"; his microphone off shows crossed on it', async () => {
    await tid(a.page, 'call-start').click();
    await tid(b.page, 'call-answer').click({ timeout: T });
    const tile = tid(a.page, `call-tile-${bob.username}`);
    await tile.filter({ hasText: 'Bob Stone' }).waitFor({ timeout: T });
    await tid(b.page, 'call-mic').click({ timeout: T });
    await tile.locator('[data-testid="call-tile-mic-off"]').waitFor({ timeout: T });
    await a.page.screenshot({ path: `${shots}/call-words-muted.png` });
  });

  await step("Bob's second tab says he is in the call in another tab, with no Join call", async () => {
    const second = await b.tab();
    await openChat(second, dm);
    await second.locator('[data-testid="call-bar"][data-elsewhere="true"]').filter({ hasText: 'another tab' }).waitFor({ timeout: T });
    if (await tid(second, 'call-join').isVisible()) throw new Error('"Join call" offered in the second tab');
    await second.close();
  });

  await step('the call line names people and says "with you" in lower case', async () => {
    await tid(b.page, 'call-leave').click();
    await tid(a.page, 'call-leave').click();
    await openChat(b.page, dm);
    const line = b.page.locator('[data-testid="call-record"][data-kind="done"]');
    await line.filter({ hasText: 'Ann Lee called' }).filter({ hasText: 'with you' }).waitFor({ timeout: T });
  });
  exitCode = failures.length ? 1 : 0;
} catch (e) {
  console.log(`FAIL ${e && e.stack ? e.stack : e}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
