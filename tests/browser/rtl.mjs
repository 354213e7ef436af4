// Right to left, all the way, run by tests/browser.rs (`right_to_left_all_the_way_in_the_browser`):
//
//   node tests/browser/rtl.mjs <base-url> <site-url> <screenshot-dir>
//
// <site-url> is a website the test runs (an English page with Open Graph tags) that natter
// may fetch from. On a fresh server alice (English) signs up first and makes `general`;
// salma, whose name is Arabic, arrives there after her. salma makes the group "ship it
// x1!" with alice and gives it a long English topic; alice writes a long English message
// with the site's address. In salma's Arabic page:
// - the chat list's last-message line and the phone header's topic run left to right
//   (computed direction ltr) and their first letter is inside their box (cut at the end,
//   not the start);
// - the English preview card runs left to right;
// - the chat's details dialog and its rename box show "ship it x1!" left to right (the
//   heading and the box have dir=auto);
// and in alice's English page, salma's arrival line holds her name set apart (a <bdi> or
// an element with dir=auto), so it does not turn the sentence around.
// Every wait is an auto-waiting locator or a polled condition with a timeout.

import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, site, shots = 'target'] = process.argv.slice(2);
if (!base || !site) {
  console.error('usage: node rtl.mjs <base-url> <site-url> [screenshot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const SALMA = 'سلمى';
const TITLE = 'ship it x1!';
const TOPIC = 'Backups before Thursday, then the release notes, the changelog and the restore drill for everyone';
const WORDS = `Backups before Thursday please: everyone checks the restore script tonight and reads ${site}/doc`;

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
  const alice = `alice_${run}`;
  const salma = `salma_${run}`;
  const a = await register(alice, 'Alice'); // the first: she makes `general`
  const ta = a.token;
  const ts = (await register(salma, SALMA)).token; // arrives in `general`
  // salma's group (she may rename it), alice's words in it.
  const group = await call('POST', '/messages/api/chats/', ts, { chat_type: 'group', title: TITLE, member_ids: [a.user.id] });
  await call('PATCH', `/messages/api/chats/${group.id}/`, ts, { topic: TOPIC });
  const sent = await call('POST', `/messages/api/chats/${group.id}/messages/`, ta, { content: WORDS });

  const open = async (name, width, locale) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 }, locale });
    const login = await context.request.post('/accounts/login/', { data: { username: name, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    const page = await context.newPage();
    return page;
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });

  // The element's computed direction, whether its text is cut, and whether its first
  // letter is drawn inside its box.
  const startShown = (locator) => locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode();
    const range = document.createRange();
    range.setStart(first, 0);
    range.setEnd(first, 1);
    const letter = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      direction: getComputedStyle(el).direction,
      cut: el.scrollWidth > el.clientWidth,
      inside: letter.left >= box.left - 1 && letter.right <= box.right + 1,
      text: el.textContent.slice(0, 20),
    };
  });
  const ltrAndWhole = (what, seen) => {
    if (seen.direction !== 'ltr') throw new Error(`${what} runs ${seen.direction}: ${JSON.stringify(seen)}`);
    if (!seen.cut) throw new Error(`${what} is not long enough to be cut, the check proves nothing: ${JSON.stringify(seen)}`);
    if (!seen.inside) throw new Error(`${what} lost its start: ${JSON.stringify(seen)}`);
  };

  await step('Arabic, 1100 px: the chat list\'s English line runs left to right and keeps its start', async () => {
    const page = await open(salma, 1100, 'ar');
    await page.goto(`${origin}/#chats`);
    await online(page);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: T });
    const line = page.locator(`[data-testid="chat-item"][data-chat-id="${group.id}"] [data-testid="chat-preview-text"]`);
    await line.filter({ hasText: 'Backups before Thursday' }).waitFor({ timeout: T });
    ltrAndWhole('the chat list\'s line', await startShown(line));
    await page.screenshot({ path: `${shots}/rtl-chat-list.png` });
    await page.context().close();
  });

  await step('Arabic, 390 px: the header\'s English topic runs left to right and keeps its start; the card runs left to right', async () => {
    const page = await open(salma, 390, 'ar');
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    const topic = page.locator('[data-testid="chat-topic"]:visible');
    await topic.filter({ hasText: 'Backups before Thursday' }).waitFor({ timeout: T });
    // The header is drawn again as the chat's details arrive: read it once it stands.
    ltrAndWhole('the header\'s topic', await until('the topic drawn', async () => {
      const seen = await startShown(topic);
      return seen.direction ? seen : null;
    }));
    const card = page.locator(`[data-message-id="${sent.id}"] [data-testid="link-preview"]`);
    await card.waitFor({ timeout: T });
    const direction = await card.evaluate((el) => getComputedStyle(el).direction);
    if (direction !== 'ltr') throw new Error(`the English card runs ${direction}`);
    await page.screenshot({ path: `${shots}/rtl-phone-header.png` });
    await page.context().close();
  });

  await step('Arabic: the details dialog\'s heading and its rename box show "ship it x1!" left to right', async () => {
    const page = await open(salma, 1100, 'ar');
    await page.goto(`${origin}/#chat/${group.id}`);
    await online(page);
    await page.locator('[data-testid="chat-info-button"]:visible').click({ timeout: T });
    const dialog = page.getByTestId('chat-info-dialog');
    await dialog.waitFor({ timeout: T });
    const heading = await dialog.locator('h2').first().evaluate((el) => ({ text: el.textContent, dir: el.dir, direction: getComputedStyle(el).direction }));
    if (heading.text !== TITLE || heading.dir !== 'auto' || heading.direction !== 'ltr') throw new Error(`heading: ${JSON.stringify(heading)}`);
    const box = dialog.getByTestId('chat-rename-input');
    await box.waitFor({ timeout: T });
    const input = await box.evaluate((el) => ({ value: el.value, dir: el.dir, direction: getComputedStyle(el).direction }));
    if (input.value !== TITLE || input.dir !== 'auto' || input.direction !== 'ltr') throw new Error(`rename box: ${JSON.stringify(input)}`);
    await page.screenshot({ path: `${shots}/rtl-details.png` });
    await page.context().close();
  });

  await step('English: salma\'s arrival line holds her Arabic name set apart', async () => {
    const page = await open(alice, 1100, 'en-US');
    const general = (await call('GET', '/messages/api/chats/', ta)).results.find((c) => c.title === 'general');
    if (!general) throw new Error(`no general room: ${JSON.stringify((await call('GET', '/messages/api/chats/', ta)).results.map((c) => [c.title, c.chat_type]))}`);
    await page.goto(`${origin}/#chat/${general.id}`);
    await online(page);
    const line = page.getByTestId('join-line').filter({ hasText: SALMA });
    await line.waitFor({ timeout: T });
    const held = await line.evaluate((el, name) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.includes(name)) continue;
        const holder = node.parentElement;
        return { tag: holder.tagName, dir: holder.getAttribute('dir'), own: holder.textContent === name, line: el.textContent };
      }
      return null;
    }, SALMA);
    if (!held || !held.own || !(held.tag === 'BDI' || held.dir === 'auto')) throw new Error(`the name is not set apart: ${JSON.stringify(held)}`);
    await page.context().close();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
