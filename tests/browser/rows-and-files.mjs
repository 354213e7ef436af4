// Who wrote a message, and a message's files, in a real browser, run by tests/browser.rs
// (`messages_name_their_authors_and_files_keep_their_order_in_the_browser`):
//
//   node tests/browser/rows-and-files.mjs <base-url> <screenshot-dir>
//
// On a fresh server ann signs up first (she makes `general`); bob arrives there after her
// and writes at once. bob makes a group with ann, sets its topic, writes at once, and
// that message is pinned. On ann's page, each of bob's two messages shows his name and
// its time (it does not hang off the arrival or topic line above it as if it went on
// from it), the pinned one its "Pinned" mark too.
// At 390 px, on bob's page:
// - three files picked together (the first the largest, whose upload is held until the
//   others could have finished) are shown in the order they were picked, in the message
//   and after a reload;
// - the picture viewer fills the screen and gives the file's name a line of its own;
// - the sidebar's search shows ann's status (its emoji and words);
// - the "Send later" clock does not cover the history's last line.
// Every wait is an auto-waiting locator or a polled condition with a timeout.

import { apiClient, launch, makePng, steps, untilWithin } from './harness.mjs';

const [base, shots = 'target'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node rows-and-files.mjs <base-url> [screenshot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: false });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  // Signed up as the web client signs up (`join_default_rooms`): a newcomer lands in
  // the default rooms, the first one making `general`.
  const register = async (username, display_name) => {
    const res = await fetch(`${origin}/api/auth/register/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Natter-Client': 'web' },
      body: JSON.stringify({ username, email: `${username}@example.com`, password: PASSWORD, display_name, join_default_rooms: true }),
    });
    if (res.status !== 201) throw new Error(`sign-up of ${username}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const ann = await register(`ann_${run}`, 'Ann');
  const bob = await register(`bob_${run}`, 'Bob Builder'); // arrives in `general`
  const general = (await call('GET', '/messages/api/chats/', bob.token)).results.find((c) => c.title === 'general');
  if (!general) throw new Error('bob did not land in general');
  const afterArrival = await call('POST', `/messages/api/chats/${general.id}/messages/`, bob.token, { content: `hello all, bob here ${run}` });
  const group = await call('POST', '/messages/api/chats/', bob.token, { chat_type: 'group', title: `release ${run}`, member_ids: [ann.user.id] });
  await call('PATCH', `/messages/api/chats/${group.id}/`, bob.token, { topic: 'The release on Friday' });
  const afterTopic = await call('POST', `/messages/api/chats/${group.id}/messages/`, bob.token, { content: `release checklist ${run}` });
  await call('POST', `/messages/api/messages/${afterTopic.id}/pin/`, bob.token);

  const open = async (name, width) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    const login = await context.request.post('/accounts/login/', { data: { username: name, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    return context.newPage();
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  // Drawn at a readable size (not the 1 px a run's folded name keeps for screen readers);
  // polled, since a row is drawn again as the chat's pins arrive.
  const shown = (locator, what) => until(`${what} shown`, async () => {
    const box = await locator.boundingBox({ timeout: 1000 });
    if (!box || box.width < 4 || box.height < 4) throw new Error(`${what}: ${JSON.stringify(box)}`);
    return true;
  });
  // A message of bob's: its name and time are drawn, not folded into the line above it.
  const named = async (page, messageId, what) => {
    const row = page.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
    await row.waitFor({ timeout: T });
    if (await row.evaluate((el) => el.classList.contains('continued'))) throw new Error(`${what} hangs off the line above it`);
    const sender = row.getByTestId('message-sender');
    await sender.filter({ hasText: 'Bob Builder' }).waitFor({ timeout: T });
    await shown(sender, `${what}'s name`);
    await shown(row.locator('time.msg-time'), `${what}'s time`);
    return row;
  };

  await step('a message right after its author\'s arrival line shows his name and time', async () => {
    const page = await open(ann.user.username, 1100);
    await page.goto(`${origin}/#chat/${general.id}`);
    await online(page);
    const arrival = page.getByTestId('join-line').filter({ hasText: 'Bob Builder' });
    await arrival.waitFor({ timeout: T });
    await named(page, afterArrival.id, 'the message after the arrival');
    await page.context().close();
  });

  await step('a pinned message right after its author\'s topic line shows his name, time and "Pinned"', async () => {
    const page = await open(ann.user.username, 1100);
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    await page.getByTestId('topic-line').waitFor({ timeout: T });
    const row = await named(page, afterTopic.id, 'the message after the topic line');
    await shown(row.getByTestId('pinned-mark'), 'the "Pinned" mark');
    await page.screenshot({ path: `${shots}/rows-pinned-after-topic.png` });
    await page.context().close();
  });

  const phone = await open(bob.user.username, 390);
  await phone.goto(`${origin}/#chat/${group.id}`);
  await online(phone);

  await step('390 px: files picked together are shown in the order they were picked', async () => {
    const picked = [
      { name: `zz-large-first-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.alloc(3 * 1024 * 1024, 'a') },
      { name: `mm-second-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from('second') },
      { name: `aa-third-${run}.txt`, mimeType: 'text/plain', buffer: Buffer.from('third') },
    ];
    // The first upload is held until a second one has been answered, or at most 1.5 s
    // (uploads sent one after another send no second while the first is held): the
    // later, small files then could finish first.
    let first = true;
    let released = null;
    const secondAnswered = new Promise((resolve) => { released = resolve; });
    await phone.route('**/api/files/upload/', async (route) => {
      if (first) {
        first = false;
        await Promise.race([secondAnswered, new Promise((r) => setTimeout(r, 1500))]); // bounded hold, see above
        return route.continue();
      }
      const response = await route.fetch();
      await route.fulfill({ response });
      released();
    });
    await phone.locator('.chat-pane [data-testid="file-input"]').setInputFiles(picked);
    await until('the three files uploaded', async () => (await phone.locator('.chat-pane [data-testid="upload-progress"]').count()) === 0
      && (await phone.locator('.chat-pane [data-testid="pending-file"]').count()) === 3);
    await phone.unroute('**/api/files/upload/');
    await phone.locator('.chat-pane [data-testid="send-button"]').click();
    const names = picked.map((f) => f.name);
    const inRow = async () => {
      const row = phone.locator('[data-testid="message"]').filter({ hasText: names[0] }).last();
      await row.waitFor({ timeout: T });
      return row.locator('[data-testid="attachment-link"]').evaluateAll((els) => els.map((e) => e.textContent.trim()));
    };
    const live = await inRow();
    if (JSON.stringify(live) !== JSON.stringify(names)) throw new Error(`shown as ${JSON.stringify(live)}, picked as ${JSON.stringify(names)}`);
    await phone.reload();
    await online(phone);
    const read = await inRow();
    if (JSON.stringify(read) !== JSON.stringify(names)) throw new Error(`after a reload shown as ${JSON.stringify(read)}, picked as ${JSON.stringify(names)}`);
  });

  await step('390 px: the picture viewer fills the screen and the file name has a line of its own', async () => {
    const name = `quarterly-roadmap-screenshot-${run}.png`;
    const file = await call('POST', '/api/files/upload/', bob.token, undefined,
      { file: { name, mimeType: 'image/png', buffer: makePng(480, 270) } });
    await call('POST', `/messages/api/chats/${group.id}/messages/`, bob.token, { content: 'the roadmap', attachment_ids: [file.id] });
    const link = phone.locator(`a.image-link[data-file-id="${file.id}"]`);
    await link.click({ timeout: T });
    const viewer = phone.getByTestId('image-viewer');
    await viewer.waitFor({ timeout: T });
    const box = await viewer.boundingBox();
    if (!box || box.x > 1 || box.y > 1 || box.width < 389 || box.height < 799) throw new Error(`the viewer is not full screen: ${JSON.stringify(box)}`);
    const title = viewer.getByTestId('viewer-name');
    if ((await title.textContent()) !== name) throw new Error(`the viewer names ${await title.textContent()}`);
    const drawn = await title.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return { width: el.getBoundingClientRect().width, lines: range.getClientRects().length };
    });
    if (drawn.width < 300 || drawn.lines > 2) throw new Error(`the name is squeezed: ${JSON.stringify(drawn)}`);
    await phone.screenshot({ path: `${shots}/rows-viewer-390.png` });
    await phone.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', timeout: T });
  });

  await step('390 px: the "Send later" clock does not cover the history\'s last line', async () => {
    const last = await call('POST', `/messages/api/chats/${group.id}/messages/`, bob.token, { content: `the last line ${run}` });
    const row = phone.locator(`[data-testid="message"][data-message-id="${last.id}"]`);
    await row.waitFor({ timeout: T });
    const clock = phone.locator('.chat-pane [data-testid="send-later-button"]');
    await clock.waitFor({ timeout: T });
    await until('the history scrolled to its end', () => phone.evaluate(() => {
      const s = document.querySelector('.chat-pane .scroller');
      s.scrollTop = s.scrollHeight;
      return Math.abs(s.scrollHeight - s.clientHeight - s.scrollTop) < 2;
    }));
    const [r, c] = [await row.locator('.bubble').boundingBox(), await clock.boundingBox()];
    if (!r || !c) throw new Error('the row or the clock is not drawn');
    const overlap = r.x < c.x + c.width && c.x < r.x + r.width && r.y < c.y + c.height && c.y < r.y + r.height;
    if (overlap) throw new Error(`the clock ${JSON.stringify(c)} covers the last line ${JSON.stringify(r)}`);
    await phone.screenshot({ path: `${shots}/rows-send-later-390.png` });
  });

  await step('390 px: the sidebar\'s search shows a person\'s status', async () => {
    await call('PUT', '/messages/api/me/status/', ann.token, { emoji: '🌴', text: 'On holiday' });
    await phone.goto(`${origin}/#chats`);
    await online(phone);
    const search = phone.locator('[data-testid="new-dm-search"]:visible');
    await search.fill('Ann', { timeout: T });
    const result = phone.locator(`[data-testid="user-result"][data-user-id="${ann.user.id}"]`);
    await result.waitFor({ timeout: T });
    const status = result.getByTestId('result-status');
    await status.waitFor({ timeout: T });
    const text = (await status.textContent()).trim();
    if (!text.includes('🌴') || !text.includes('On holiday')) throw new Error(`the result's status reads ${text}`);
    await shown(status, 'the status');
    await phone.screenshot({ path: `${shots}/rows-search-status-390.png` });
  });

  await phone.context().close();
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
