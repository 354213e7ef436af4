// A team's first day in a real browser, run by tests/browser.rs:
//
//   node tests/browser/fresh-server.mjs <base-url> <screenshot-dir>
//
// natter serves a fresh database with open registration. The first person signs up in
// the web client, lands in `general` and, as the server's first administrator, sees the
// notice about invitations once (dismissed, it stays away after a reload). They make a
// room and mark it "Newcomers start here" on the Admin page, and make an invitation there.
// A second person opens its link, signs up and lands in both rooms. The people directory
// lists both, its search narrows it, and "Message" opens the direct chat (the same one the
// second time). A third person, signed up through the seed register endpoint (no room),
// sees the empty chat list's welcome with its links to the people and the rooms.
// Every wait is an auto-waiting locator or event wait with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { assertContrast, launch, steps } from './harness.mjs';

const [base, shots] = process.argv.slice(2);
if (!base) {
  console.error('usage: node fresh-server.mjs <base-url> [screenshot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const problems = [];

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;
try {
  const context = () => browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const fill = async (page, values) => {
    for (const [testid, value] of Object.entries(values)) await page.getByTestId(testid).fill(value, { timeout: T });
  };
  const watch = (page, who) => {
    page.on('pageerror', (err) => problems.push(`${who}: uncaught in page: ${err.message}`));
    // A 401 is the page asking "who am I" before anyone signed in.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`${who}: console error: ${msg.text()}`);
    });
  };
  const roomItem = (page, title) => page.locator('[data-testid="chat-item"][data-chat-type="room"]')
    .filter({ has: page.getByTestId('chat-title').filter({ hasText: new RegExp(`^${title}$`) }) });
  const signUp = async (page, username, displayName, invited = false) => {
    if (!invited) await page.getByTestId('register-link').click({ timeout: T });
    await page.getByTestId('register-form').waitFor({ timeout: T });
    await fill(page, {
      'register-username': username, 'register-display-name': displayName,
      'register-email': `${username}@example.com`, 'register-password': PASSWORD,
    });
    await page.getByTestId('register-submit').click();
    await online(page).waitFor({ timeout: T });
  };
  const ann = `ann_${run}`;
  const bea = `bea_${run}`;
  const cid = `cid_${run}`;
  const room = `projects-${run}`;

  const annCtx = await context();
  const pa = await annCtx.newPage();
  watch(pa, 'ann');
  await step('the first person signs up in the web client and lands in general', async () => {
    await pa.goto(`${origin}/`);
    await signUp(pa, ann, 'Ann First');
    await roomItem(pa, 'general').waitFor({ timeout: T });
  });

  await step('the first administrator sees the notice about invitations; dismissed, it stays away after a reload', async () => {
    const notice = pa.getByTestId('first-admin-notice');
    await notice.waitFor({ state: 'visible', timeout: T });
    if (!/invitation/i.test(await notice.textContent())) throw new Error('the notice does not speak of invitations');
    await assertContrast(pa, 'the first administrator\'s notice');
    // Not dismissed, it is there again after a reload, after the chats in the Tab order:
    // a fresh page's first stop is still the search.
    await pa.reload();
    await online(pa).waitFor({ timeout: T });
    await notice.waitFor({ state: 'visible', timeout: T });
    await pa.keyboard.press('Tab');
    const first = await pa.evaluate(() => document.activeElement && document.activeElement.closest('[data-testid]')?.dataset.testid);
    if (first !== 'new-dm-search') throw new Error(`the first Tab stop is ${first}, not the search`);
    await pa.getByTestId('first-admin-dismiss').click();
    await notice.waitFor({ state: 'detached', timeout: T });
    await pa.reload();
    await online(pa).waitFor({ timeout: T });
    // The directory the notice's check reads has answered once the People page lists ann.
    await pa.getByTestId('people-link').click({ timeout: T });
    await pa.locator(`[data-testid="person-row"][data-username="${ann}"]`).waitFor({ timeout: T });
    if (await pa.getByTestId('first-admin-notice').isVisible()) throw new Error('the dismissed notice came back');
    await pa.getByTestId('page-back').click();
  });

  await step('ann makes a room and marks it "Newcomers start here" on the Admin page', async () => {
    await pa.getByTestId('rooms-browse').click({ timeout: T });
    await pa.getByTestId('room-name').fill(room, { timeout: T });
    await pa.getByTestId('room-create').click();
    await roomItem(pa, room).waitFor({ timeout: T });
    await pa.getByTestId('admin-page-link').click({ timeout: T });
    const row = (title) => pa.locator('[data-testid="admin-chat"]')
      .filter({ has: pa.getByTestId('admin-chat-title').filter({ hasText: title }) });
    const generalBox = row('general').getByTestId('admin-chat-default');
    await generalBox.waitFor({ timeout: T });
    if (!(await generalBox.isChecked())) throw new Error('general is not shown as a room newcomers start in');
    const box = row(room).getByTestId('admin-chat-default');
    if (await box.isChecked()) throw new Error('the new room starts out as a default room');
    const answered = pa.waitForResponse((r) => r.url().endsWith('/default/') && r.request().method() === 'POST', { timeout: T });
    await box.check();
    const res = await answered;
    if (res.status() !== 200) throw new Error(`marking answered ${res.status()}`);
    await pa.locator('[data-testid="audit-row"][data-action="chat.default"]').first().waitFor({ timeout: T });
    const listed = await (await pa.request.get(`${origin}/api/admin/chats/?search=${room}`)).json();
    if (!listed.results.some((c) => c.title === room && c.is_default === true)) {
      throw new Error(`the server does not list ${room} as a default room: ${JSON.stringify(listed.results)}`);
    }
  });

  let link;
  await step('ann makes an invitation on the Admin page', async () => {
    await pa.getByTestId('invite-create').click({ timeout: T });
    const field = pa.getByTestId('invite-link');
    await field.waitFor({ timeout: T });
    link = await field.inputValue();
    if (!link.startsWith(`${origin}/join/`)) throw new Error(`unexpected invitation link ${link}`);
  });

  const beaCtx = await context();
  const pb = await beaCtx.newPage();
  watch(pb, 'bea');
  await step('a second person opens the join link, signs up and lands in general and the marked room', async () => {
    await pb.goto(link);
    await pb.getByTestId('invite-notice').waitFor({ timeout: T });
    await signUp(pb, bea, 'Bea Second', true);
    await roomItem(pb, 'general').waitFor({ timeout: T });
    await roomItem(pb, room).waitFor({ timeout: T });
    if (await pb.getByTestId('first-admin-notice').isVisible()) throw new Error('a newcomer sees the administrator\'s notice');
  });

  await step('the people directory lists both, with last seen, and its search narrows it', async () => {
    await pb.getByTestId('people-link').click({ timeout: T });
    await pb.getByTestId('people-page').waitFor({ timeout: T });
    const annRow = pb.locator(`[data-testid="person-row"][data-username="${ann}"]`);
    const beaRow = pb.locator(`[data-testid="person-row"][data-username="${bea}"]`);
    await annRow.waitFor({ timeout: T });
    await beaRow.waitFor({ timeout: T });
    await annRow.getByTestId('person-name').filter({ hasText: 'Ann First' }).waitFor({ timeout: T });
    await annRow.getByTestId('person-meta').filter({ hasText: /last seen|not seen yet/ }).waitFor({ timeout: T });
    if (await beaRow.getByTestId('person-message').count()) throw new Error('bea is offered to message herself');
    if (shots) await pb.screenshot({ path: `${shots}/first-day-people.png` });
    await assertContrast(pb, 'the people directory');
    await pb.getByTestId('people-directory-search').fill('Ann');
    await beaRow.waitFor({ state: 'detached', timeout: T });
    await annRow.waitFor({ timeout: T });
  });

  let dmId;
  await step('"Message" opens the direct chat with ann, and the same one the second time', async () => {
    const annRow = pb.locator(`[data-testid="person-row"][data-username="${ann}"]`);
    await annRow.getByTestId('person-message').click({ timeout: T });
    await pb.waitForURL(/#chat\/\d+$/, { timeout: T });
    dmId = new URL(pb.url()).hash.split('/')[1];
    const item = pb.locator(`[data-testid="chat-item"][data-chat-id="${dmId}"]`);
    await item.and(pb.locator('[data-chat-type="dm"][aria-current="true"]')).waitFor({ timeout: T });
    await pb.getByTestId('message-input').waitFor({ timeout: T });
    await pb.getByTestId('people-link').click();
    await pb.locator(`[data-testid="person-row"][data-username="${ann}"]`).getByTestId('person-message').click({ timeout: T });
    await pb.waitForURL(new RegExp(`#chat/${dmId}$`), { timeout: T });
    const dms = await pb.locator('[data-testid="chat-item"][data-chat-type="dm"]').count();
    if (dms !== 1) throw new Error(`${dms} direct chats in the list, not 1`);
  });

  await step('someone in no chat sees the welcome, which leads to the people directory and the rooms', async () => {
    const made = await fetch(`${origin}/api/auth/register/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: cid, email: `${cid}@example.com`, password: PASSWORD }),
    });
    if (made.status !== 201) throw new Error(`seed sign-up answered ${made.status}`);
    const ctx = await context();
    const pc = await ctx.newPage();
    watch(pc, 'cid');
    await pc.goto(`${origin}/`);
    await fill(pc, { 'login-username': cid, 'login-password': PASSWORD });
    await pc.getByTestId('login-submit').click();
    await online(pc).waitFor({ timeout: T });
    const welcome = pc.getByTestId('chats-welcome');
    await welcome.waitFor({ timeout: T });
    const words = await welcome.textContent();
    if (!/Rooms/.test(words) || !/Groups/.test(words)) throw new Error(`the welcome does not say what rooms and groups are: ${words}`);
    if (shots) await pc.screenshot({ path: `${shots}/first-day-welcome.png` });
    await assertContrast(pc, 'the welcome');
    await pc.getByTestId('welcome-people').click();
    await pc.locator(`[data-testid="person-row"][data-username="${ann}"]`).waitFor({ timeout: T });
    await pc.getByTestId('page-back').click();
    await pc.getByTestId('welcome-rooms').click({ timeout: T });
    await pc.getByTestId('rooms-dialog').locator('[data-testid="room-item"]').first().waitFor({ timeout: T });
    await ctx.close();
  });

  await step('no page error in any tab', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'first-day: all steps passed' : `first-day: FAILED (${failures.join('; ') || 'see above'})`);
  if (problems.length) console.log(problems.join('\n'));
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
