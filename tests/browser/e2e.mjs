// Real-browser end-to-end test of natter's web client (static/), run by tests/browser.rs.
//
//   node tests/browser/e2e.mjs http://127.0.0.1:PORT <screenshot.png>
//
// Three people (three browser contexts, so three cookie jars; carol's is a 390 px phone)
// register through the UI. Alice and bob use a direct chat: keyboard-only search and send,
// live delivery with an unread badge, edit, react, delete, grouped messages, one read
// receipt, a safe link, an image preview, typing, a file up and down, and a server restart
// in the middle. Then notifications (asked only on a click), a group (errors that clear,
// members added, renamed, left), a room found through the sidebar search, a profile, and
// accessibility checks (Tab order, visible focus, names on icon buttons, AA contrast in
// both themes). Screenshots: <screenshot.png> (desktop) and web-client-390.png beside it.
//
// The restart is done by the process that started natter (tests/browser.rs), over stdio:
//   this script prints `STOP`  and waits for `STOPPED` on stdin (natter is down),
//   this script prints `START` and waits for `STARTED` on stdin (natter is up again,
//   same address, same database).
// Run by hand without that driver, the restart steps wait for those lines and time out.
//
// Chromium is the system one (/usr/bin/chromium, or $NATTER_CHROMIUM); nothing is downloaded.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { lowContrastText, makePng, untilWithin } from './harness.mjs';

const [base, shotPath] = process.argv.slice(2);
if (!base || !shotPath) {
  console.error('usage: node e2e.mjs <base-url> <screenshot.png>');
  process.exit(2);
}
const CHROMIUM = process.env.NATTER_CHROMIUM || '/usr/bin/chromium';
const T = 10_000; // default wait for anything the UI should show
const until = untilWithin(T);
const T_RECONNECT = 30_000; // the socket retries every 5 s at worst

// ---------------------------------------------------------------- stdio protocol

const stdinLines = [];
const stdinWaiters = [];
createInterface({ input: process.stdin }).on('line', (line) => {
  const waiter = stdinWaiters.shift();
  if (waiter) waiter(line.trim());
  else stdinLines.push(line.trim());
});
function nextStdinLine(timeout) {
  if (stdinLines.length) return Promise.resolve(stdinLines.shift());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const i = stdinWaiters.indexOf(done);
      if (i >= 0) stdinWaiters.splice(i, 1);
      reject(new Error(`no answer on stdin within ${timeout} ms`));
    }, timeout);
    const done = (line) => { clearTimeout(timer); resolve(line); };
    stdinWaiters.push(done);
  });
}
async function ask(command, answer, timeout = 60_000) {
  console.log(command);
  const line = await nextStdinLine(timeout);
  if (line !== answer) throw new Error(`sent ${command}, expected ${answer} on stdin, got ${JSON.stringify(line)}`);
}

// ---------------------------------------------------------------- steps and diagnostics

const failures = [];
let pages = [];
const problems = []; // HTTP >= 400 answers to API calls, page errors, console errors

async function step(name, fn, { soft = false } = {}) {
  const started = Date.now();
  const mark = problems.length;
  try {
    await fn();
    console.log(`ok   - ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (err) {
    console.log(`FAIL - ${name}: ${String(err && err.message || err).split('\n').slice(0, 6).join('\n       ')}`);
    for (const p of problems.slice(mark)) console.log(`       seen meanwhile: ${p}`);
    failures.push(name);
    await debugShots(name);
    if (!soft) throw new Error(`stopping after failed step: ${name}`);
    return false;
  }
}

async function debugShots(name) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  for (const [who, page] of pages) {
    const file = join(dirname(shotPath), `web-client-fail-${slug}-${who}.png`);
    try {
      await page.screenshot({ path: file, timeout: 5000 });
      console.log(`       screenshot of ${who}: ${file}`);
    } catch {
      // the page may be gone; the failure itself is what matters
    }
  }
}

function watch(page, who) {
  page.on('pageerror', (err) => problems.push(`${who} uncaught in page: ${(err.stack || err.message).split('\n').slice(0, 4).join(' | ')}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${who} console error: ${msg.text()}`);
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (res.status() >= 400 && url.pathname !== '/favicon.ico') {
      problems.push(`${who} ${res.request().method()} ${url.pathname}${url.search} -> HTTP ${res.status()}`);
    }
  });
}

const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

// ---------------------------------------------------------------- page helpers

const status = (page, state) => page.locator(`[data-testid="connection-status"][data-state="${state}"]`);
const messageById = (page, id) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);
const messageWith = (page, text) => page.getByTestId('message')
  .filter({ has: page.getByTestId('message-content').filter({ hasText: exact(text) }) });

async function register(page, username, password, displayName = '') {
  await page.goto(base);
  await page.getByTestId('register-link').click({ timeout: T });
  await page.getByTestId('register-username').fill(username);
  if (displayName) await page.getByTestId('register-display-name').fill(displayName);
  await page.getByTestId('register-email').fill(`${username}@example.com`);
  await page.getByTestId('register-password').fill(password);
  await page.getByTestId('register-submit').click();
  // The name is on the profile button (written out on wide screens, its label on phones).
  // Named by its words ("Your profile: " for screen readers, then the name shown).
  await page.getByRole('button', { name: `Your profile: ${displayName || username}` }).waitFor({ timeout: T });
  await status(page, 'online').waitFor({ timeout: T });
}

async function send(page, text) {
  const input = page.getByTestId('message-input');
  await input.fill(text);
  await input.press('Enter');
  await messageWith(page, text).waitFor({ timeout: T });
}

/** A same-origin API call from `page` (its cookies, its CSRF token); answers {status, body}. */
const apiCall = (page, method, path, body) => page.evaluate(async ({ method, path, body }) => {
  const token = document.cookie.split(';').map((c) => c.trim().split('=')).find(([k]) => k === 'csrftoken');
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { 'X-CSRFToken': decodeURIComponent(token.slice(1).join('=')) } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: json, text: text.slice(0, 300) };
}, { method, path, body });

/** The message texts shown in `page`, in display order. */
const shownTexts = (page) => page.getByTestId('message-content').allTextContents();

/** Whether a person sees `locator` (visually hidden text for screen readers is 1 px or less). */
const seen = async (locator) => (await locator.isVisible()) && locator.evaluate((el) => {
  for (let e = el; e; e = e.parentElement) {
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
  }
  return true;
});
const chatItem = (page, id) => page.locator(`[data-testid="chat-item"][data-chat-id="${id}"]`);
const testidOfFocus = (page) => page.evaluate(() => document.activeElement && document.activeElement.dataset.testid);

/** The message box must have its full one-line height from the start, not only after a key. */
async function composerHeightOk(page, who) {
  const input = page.getByTestId('message-input');
  await input.waitFor({ timeout: T });
  const measure = () => input.evaluate((el) => ({
    height: el.getBoundingClientRect().height, scroll: el.scrollHeight, client: el.clientHeight }));
  const before = await measure();
  await input.fill('x');
  await input.fill('');
  const after = await measure();
  if (before.height < 30 || before.scroll > before.client + 1 || Math.abs(before.height - after.height) > 1) {
    throw new Error(`${who}'s message box on opening: ${JSON.stringify(before)}; after a key: ${JSON.stringify(after)}`);
  }
  return before.height;
}

// Installed in bob's pages before any script: counts permission requests, notifications
// and sounds, so the test can tell that nothing is asked on load.
function spyOnNoticing() {
  const notes = { asked: 0, shown: [], beeps: 0 };
  window.__notes = notes;
  const Real = window.Notification;
  if (typeof Real === 'function') {
    const ask = Real.requestPermission.bind(Real);
    const Spy = function Notification(title, options) {
      notes.shown.push({ title, body: options && options.body });
      try { return new Real(title, options); } catch { return { close() {} }; }
    };
    Spy.requestPermission = (...args) => { notes.asked += 1; return ask(...args); };
    Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
    window.Notification = Spy;
  }
  if (window.AudioScheduledSourceNode) {
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (...args) { notes.beeps += 1; return start.apply(this, args); };
  }
}


// ---------------------------------------------------------------- the test

const run = Date.now().toString(36);
const alice = `alice_${run}`;
const bob = `bob_${run}`;
const carol = `carol_${run}`;
const carolName = `Carol ${run}`;
const password = 'correct horse battery';
const FILE_NAME = 'notes.txt';
const FILE_BYTES = Buffer.from(`natter file ${run}\nline two: é ✓ 🎉\n\u0000binary tail\r\n`, 'utf8');
const PNG_NAME = 'sunset.png';
const PNG = makePng();
const shot390 = join(dirname(shotPath), 'web-client-390.png');

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 60_000,
});
let exitCode = 1;
try {
  const ctxA = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const ctxB = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const ctxC = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await ctxB.addInitScript(spyOnNoticing);
  await ctxB.grantPermissions(['notifications'], { origin: base });
  const pa = await ctxA.newPage();
  const pb = await ctxB.newPage();
  const pc = await ctxC.newPage();
  pages = [['alice', pa], ['bob', pb], ['carol', pc]];
  watch(pa, 'alice');
  watch(pb, 'bob');
  watch(pc, 'carol');

  let bobId = null;
  let chatId = null;
  const first = `hello ${bob}, it is ${alice}`;
  const edited = `hello ${bob} (edited)`;
  const reply = `reply from ${bob}`;
  const grouped1 = `first of two in a row ${run}`;
  const grouped2 = `second of two in a row ${run}`;
  const linkUrl = `https://example.com/read?id=${run}&x=1`;
  const linkText = `see ${linkUrl}, not javascript:alert(1) nor <img src=x onerror=alert(1)>`;
  const doomed = `this one will be deleted ${run}`;
  const fileCaption = `a file for you ${run}`;
  const offline = `typed while the server was down ${run}`;
  const viaRest = `sent through the REST API after the restart ${run}`;
  const expected = [edited, reply, grouped1, grouped2, linkText]; // what both should see at the end, in order
  let fileSent = false;

  await step('three people register through the form (carol on a 390 px phone, with a display name) and go online', async () => {
    await Promise.all([register(pa, alice, password), register(pb, bob, password), register(pc, carol, password, carolName)]);
    // A newcomer lands in general, opened; on her phone carol goes back to her list.
    await pc.getByTestId('chat-header-title').filter({ hasText: /^general$/ }).waitFor({ timeout: T });
    await pc.getByTestId('back-button').click();
    await pc.getByTestId('new-dm-search').waitFor({ state: 'visible', timeout: T });
  });

  await step('nothing asks for notification permission on load; the first Tab stop is the search box', async () => {
    const notes = await pb.evaluate(() => window.__notes);
    if (!notes || notes.asked !== 0) throw new Error(`notification permission asked on load: ${JSON.stringify(notes)}`);
    await pa.evaluate(() => document.activeElement && document.activeElement.blur());
    await pa.keyboard.press('Tab');
    const focused = await testidOfFocus(pa);
    if (focused !== 'new-dm-search') throw new Error(`the first Tab stop is ${focused}, not the search box`);
  });

  await step('keyboard only: alice types, moves to bob with the arrow keys, Enter opens the chat with a full message box', async () => {
    await pa.keyboard.type(run); // matches bob and carol
    await until('two people in the results', async () => (await pa.getByTestId('user-result').count()) >= 2);
    const activeUser = () => pa.evaluate(() => {
      const id = document.activeElement.getAttribute('aria-activedescendant');
      const el = id && document.getElementById(id);
      return el ? el.dataset.userId || el.dataset.chatId || 'other' : null;
    });
    const firstActive = await activeUser();
    await pa.keyboard.press('ArrowDown');
    const secondActive = await activeUser();
    if (!firstActive || firstActive === secondActive) throw new Error(`ArrowDown did not move the highlight (${firstActive} -> ${secondActive})`);
    bobId = await pa.getByTestId('user-result').filter({ hasText: bob }).getAttribute('data-user-id');
    for (let i = 0; i < 4 && (await activeUser()) !== String(bobId); i++) await pa.keyboard.press('ArrowUp');
    if ((await activeUser()) !== String(bobId)) throw new Error('the arrow keys never reached bob');
    await pa.keyboard.press('Enter');
    await pa.getByTestId('chat-header-title').filter({ hasText: bob }).waitFor({ timeout: T });
    chatId = await until('the chat id in the URL hash', async () => {
      const m = /^#chat\/(.+)$/.exec(await pa.evaluate(() => location.hash));
      return m && decodeURIComponent(m[1]);
    });
    await until('the message box to have the focus', async () => (await testidOfFocus(pa)) === 'message-input');
    await composerHeightOk(pa, 'alice');
    await chatItem(pa, chatId).waitFor({ timeout: T });
  });

  await step('keyboard only: alice types and presses Enter; bob sees it live in his list with an unread badge', async () => {
    await pa.keyboard.type(first);
    await pa.keyboard.press('Enter');
    await messageWith(pa, first).waitFor({ timeout: T });
    const item = chatItem(pb, chatId);
    await item.getByTestId('chat-preview').filter({ hasText: first }).waitFor({ timeout: T });
    await item.getByTestId('unread-badge').filter({ hasText: exact('1') }).waitFor({ timeout: T });
    await item.getByTestId('chat-title').filter({ hasText: alice }).waitFor({ timeout: T });
  });

  await step('bob opens the chat: message shown with its time, badge gone, message box full height', async () => {
    await chatItem(pb, chatId).click();
    await pb.getByTestId('chat-header-title').filter({ hasText: alice }).waitFor({ timeout: T });
    await composerHeightOk(pb, 'bob');
    await messageWith(pb, first).and(pb.locator('[data-mine="false"]')).waitFor({ timeout: T });
    const meta = await messageWith(pb, first).locator('.msg-meta').textContent();
    if (/null|undefined/.test(meta)) throw new Error(`the message header reads ${JSON.stringify(meta)}`);
    const time = messageWith(pb, first).locator('.msg-time');
    // The row may be drawn again as the chat settles at its first unread.
    await until('the time written out', async () => (await seen(time)) && /\d/.test(await time.textContent()));
    await pb.getByTestId('day-separator').filter({ hasText: 'Today' }).waitFor({ timeout: T });
    await chatItem(pb, chatId).getByTestId('unread-badge').waitFor({ state: 'detached', timeout: T });
  });

  await step('read receipt: alice\'s message shows "Seen by bob"', async () => {
    const receipt = messageWith(pa, first).getByTestId('read-receipt');
    await receipt.filter({ hasText: `Seen by ${bob}` }).waitFor({ timeout: T });
    const readBy = await receipt.getAttribute('data-read-by');
    if (readBy !== String(bobId)) throw new Error(`data-read-by is ${JSON.stringify(readBy)}, expected ${bobId}`);
  }, { soft: true });

  await step('alice edits her message; both see the new text and the edited mark', async () => {
    // The editor replaces the text while open, so hold on to the row by its id.
    const row = messageById(pa, await messageWith(pa, first).getAttribute('data-message-id', { timeout: T }));
    await row.hover();
    await row.getByTestId('edit-button').click({ timeout: T });
    await row.getByTestId('edit-input').fill(edited);
    await row.getByTestId('edit-save').click();
    for (const page of [pa, pb]) {
      const now = messageWith(page, edited);
      await now.waitFor({ timeout: T });
      await now.getByTestId('edited-mark').waitFor({ timeout: T });
    }
  }, { soft: true });

  await step('bob reacts 👍 through the picker; both see "👍 1"', async () => {
    const id = await pb.getByTestId('message').filter({ hasText: 'hello' }).first().getAttribute('data-message-id', { timeout: T });
    const row = messageById(pb, id);
    await row.hover();
    await row.getByTestId('react-button').click({ timeout: T });
    await row.locator('[data-testid="emoji-option"][data-emoji="👍"]').click({ timeout: T });
    for (const page of [pa, pb]) {
      await messageById(page, id).locator('[data-testid="reaction"][data-emoji="👍"]')
        .filter({ hasText: exact('👍 1') }).waitFor({ timeout: T });
    }
  }, { soft: true });

  await step('typing: bob types, alice sees "is typing…", then bob\'s reply replaces it', async () => {
    const input = pb.getByTestId('message-input');
    await input.click();
    await input.pressSequentially(reply, { delay: 15 });
    const indicator = pa.getByTestId('typing-indicator');
    await indicator.filter({ hasText: `${bob} is typing` }).waitFor({ state: 'visible', timeout: T });
    await input.press('Enter');
    await messageWith(pa, reply).and(pa.locator('[data-mine="false"]')).waitFor({ timeout: T });
    await indicator.waitFor({ state: 'hidden', timeout: T });
  }, { soft: true });

  await step('two messages in a row are grouped under one name and time; screen readers hear them', async () => {
    await send(pa, grouped1);
    await send(pa, grouped2);
    const [g1, g2] = [messageWith(pb, grouped1), messageWith(pb, grouped2)];
    await g2.waitFor({ timeout: T });
    if (!(await seen(g1.getByTestId('message-sender')))) throw new Error('the first of the two shows no name');
    if (!(await seen(g1.locator('.msg-time')))) throw new Error('the first of the two shows no time');
    if (await seen(g2.getByTestId('message-sender'))) throw new Error('the second of the two repeats the name');
    if (await seen(g2.locator('.msg-time'))) throw new Error('the second of the two repeats the time');
    if (!/\bcontinued\b/.test(await g2.getAttribute('class'))) throw new Error('the second is not marked as a continuation');
    if ((await pb.getByTestId('day-separator').count()) !== 1) throw new Error('expected exactly one day separator');
    await pb.getByTestId('live-announcer').filter({ hasText: grouped2 }).waitFor({ state: 'attached', timeout: T });
  }, { soft: true });

  await step('the read receipt is shown once, under the latest message bob has read', async () => {
    await until('one receipt, on the newest own message', async () => {
      const receipts = pa.locator('[data-testid="message"][data-mine="true"] [data-testid="read-receipt"]');
      if ((await receipts.count()) !== 1) throw new Error(`${await receipts.count()} receipts shown`);
      const onLatest = await messageWith(pa, grouped2).getByTestId('read-receipt').count();
      return onLatest === 1 && (await receipts.textContent()).includes(`Seen by ${bob}`);
    });
  }, { soft: true });

  await step('a link is clickable and safe (https only, new tab, noopener noreferrer); markup stays text', async () => {
    await send(pa, linkText);
    const row = messageWith(pb, linkText);
    await row.waitFor({ timeout: T });
    const links = await row.getByTestId('message-content').locator('a').evaluateAll((as) => as.map((a) => ({
      href: a.getAttribute('href'), target: a.target, rel: a.rel, text: a.textContent })));
    if (links.length !== 1) throw new Error(`expected one link, got ${JSON.stringify(links)}`);
    const [a] = links;
    if (a.href !== linkUrl || a.text !== linkUrl || a.target !== '_blank' || !/\bnoopener\b/.test(a.rel) || !/\bnoreferrer\b/.test(a.rel)) {
      throw new Error(`unsafe or wrong link ${JSON.stringify(a)}`);
    }
    if (await row.locator('img, a[href^="javascript"]').count()) throw new Error('message text became markup');
  }, { soft: true });

  await step('alice deletes a message, asked once; it disappears on both sides', async () => {
    await send(pa, doomed);
    await messageWith(pb, doomed).waitFor({ timeout: T });
    const row = messageWith(pa, doomed);
    await row.hover();
    await row.getByTestId('delete-button').click({ timeout: T });
    await pa.getByTestId('confirm-dialog').getByTestId('confirm-yes').click({ timeout: T });
    await messageWith(pa, doomed).waitFor({ state: 'detached', timeout: T });
    await messageWith(pb, doomed).waitFor({ state: 'detached', timeout: T });
  }, { soft: true });

  await step(`alice attaches ${FILE_NAME} (uploaded when picked) and sends it`, async () => {
    await pa.getByTestId('file-input').setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: FILE_BYTES });
    const chip = pa.getByTestId('pending-file').filter({ hasText: FILE_NAME });
    await chip.waitFor({ timeout: T });
    const text = await until('the upload to finish', async () => {
      const t = await chip.textContent();
      return t.includes('uploading') ? null : t;
    });
    if (text.includes('failed')) throw new Error(`upload failed, the chip says: ${text.trim()}`);
    await send(pa, fileCaption);
    await pa.getByTestId('pending-file').waitFor({ state: 'detached', timeout: T });
    fileSent = true;
  }, { soft: true });

  if (fileSent) {
    expected.push(fileCaption);
    await step('bob gets the attachment live and downloads the same bytes', async () => {
      const link = messageWith(pb, fileCaption).getByTestId('attachment-link');
      await link.filter({ hasText: FILE_NAME }).waitFor({ timeout: T });
      const href = await link.getAttribute('href');
      const fileId = await link.getAttribute('data-file-id');
      if (href !== `/api/files/${encodeURIComponent(fileId)}/download/`) throw new Error(`unexpected href ${href}`);
      const got = await pb.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return { status: res.status, type: res.headers.get('content-type'),
          disposition: res.headers.get('content-disposition'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
      }, href);
      if (got.status !== 200) throw new Error(`GET ${href} -> HTTP ${got.status}`);
      if (!Buffer.from(got.bytes).equals(FILE_BYTES)) {
        throw new Error(`downloaded ${got.bytes.length} bytes differ from the ${FILE_BYTES.length} sent`);
      }
      console.log(`       (${href}: ${got.bytes.length} bytes, ${got.type}; ${got.disposition})`);
    }, { soft: true });
  }

  await step(`an image sent without text is previewed inline (lazy, sized), its name written once`, async () => {
    await pa.getByTestId('file-input').setInputFiles({ name: PNG_NAME, mimeType: 'image/png', buffer: PNG });
    const chip = pa.getByTestId('pending-file').filter({ hasText: PNG_NAME });
    await until('the image upload to finish', async () => !(await chip.textContent()).includes('uploading'));
    await pa.getByTestId('send-button').click();
    await pa.getByTestId('pending-file').waitFor({ state: 'detached', timeout: T });
    const row = pb.getByTestId('message').filter({ has: pb.getByTestId('image-preview') }).last();
    const img = row.getByTestId('image-preview');
    await img.waitFor({ timeout: T });
    await img.scrollIntoViewIfNeeded();
    const info = await until('the preview to load', () => img.evaluate((el) => el.complete && el.naturalWidth > 0 && {
      natural: [el.naturalWidth, el.naturalHeight], box: [el.getBoundingClientRect().width, el.getBoundingClientRect().height],
      loading: el.getAttribute('loading'), alt: el.alt }));
    if (info.loading !== 'lazy' || info.natural[0] !== 240 || info.box[0] > 280 || info.box[1] > 210 || info.alt !== PNG_NAME) {
      throw new Error(`preview ${JSON.stringify(info)}`);
    }
    const shown = await row.evaluate((el) => el.innerText);
    if (shown.split(PNG_NAME).length - 1 !== 1) throw new Error(`the file name is written ${shown.split(PNG_NAME).length - 1} times: ${JSON.stringify(shown)}`);
  }, { soft: true });

  await step('server stops: both pages show "Connection lost — reconnecting…"', async () => {
    await ask('STOP', 'STOPPED');
    for (const page of [pa, pb]) {
      await status(page, 'reconnecting').filter({ hasText: 'reconnecting' }).waitFor({ timeout: T });
    }
  });

  await step('a send while the server is down fails and keeps the text in the box', async () => {
    const input = pa.getByTestId('message-input');
    await input.fill(offline);
    await input.press('Enter');
    await pa.getByTestId('send-error').filter({ hasText: 'Not sent' }).waitFor({ timeout: T });
    await until('the text back in the box', async () => (await input.inputValue()) === offline);
  }, { soft: true });

  let bobStateAtRestSend = '?';
  await step('server restarts (same address and database); a REST message is sent at once', async () => {
    await ask('START', 'STARTED');
    const answer = await pa.evaluate(async ({ chat, content }) => {
      const token = document.cookie.split(';').map((c) => c.trim().split('='))
        .find(([k]) => k === 'csrftoken');
      const res = await fetch(`/messages/api/chats/${chat}/messages/`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json',
          ...(token ? { 'X-CSRFToken': decodeURIComponent(token.slice(1).join('=')) } : {}) },
        body: JSON.stringify({ content }),
      });
      return { status: res.status, body: await res.text() };
    }, { chat: chatId, content: viaRest });
    bobStateAtRestSend = await pb.getByTestId('connection-status').getAttribute('data-state');
    if (answer.status !== 201 && answer.status !== 200) {
      throw new Error(`POST messages -> HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
    expected.push(viaRest);
  });

  await step(`both reconnect; bob catches up on the REST message (his socket was ${bobStateAtRestSend} when it was sent)`, async () => {
    for (const page of [pa, pb]) await status(page, 'online').filter({ hasText: 'Online' }).waitFor({ timeout: T_RECONNECT });
    await messageWith(pb, viaRest).waitFor({ timeout: T });
    await messageWith(pa, viaRest).waitFor({ timeout: T });
  });

  await step('after the restart alice sends through the UI and bob receives it live', async () => {
    const input = pa.getByTestId('message-input');
    if ((await input.inputValue()) !== offline) await input.fill(offline); // the kept text (if that step failed)
    await pa.getByTestId('send-button').click();
    await messageWith(pa, offline).waitFor({ timeout: T });
    await until('the send error to clear', async () => (await pa.getByTestId('send-error').textContent()) === '');
    await messageWith(pb, offline).and(pb.locator('[data-mine="false"]')).waitFor({ timeout: T });
    expected.push(offline);
  });

  await step('nothing lost or doubled: both show exactly the surviving messages in order', async () => {
    for (const [who, page] of [['alice', pa], ['bob', pb]]) {
      await until(`${who}'s history to equal ${JSON.stringify(expected)}`, async () => {
        const texts = (await shownTexts(page)).map((t) => t.trim());
        const want = failures.length ? expected.filter((t) => texts.includes(t)) : expected;
        if (JSON.stringify(texts.filter((t) => want.includes(t))) !== JSON.stringify(want)) {
          throw new Error(`${who} shows ${JSON.stringify(texts)}`);
        }
        if (new Set(texts).size !== texts.length) throw new Error(`${who} shows a message twice: ${JSON.stringify(texts)}`);
        if (texts.includes(doomed)) throw new Error(`${who} still shows the deleted message`);
        return true;
      });
    }
    // The list and the unread badge agree after the restart too (bob is looking at the chat).
    await chatItem(pb, chatId).getByTestId('unread-badge').waitFor({ state: 'detached', timeout: T });
  });

  await step('bob turns on desktop notifications and the sound: the browser is asked only on that click', async () => {
    if ((await pb.evaluate(() => window.__notes.asked)) !== 0) throw new Error('asked before the click');
    await pb.getByTestId('notify-toggle').click();
    await pb.locator('[data-testid="notify-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
    const asked = await pb.evaluate(() => window.__notes.asked);
    if (asked !== 1) throw new Error(`asked ${asked} times after one click`);
    await pb.getByTestId('sound-toggle').click();
    await pb.locator('[data-testid="sound-toggle"][aria-pressed="true"]').waitFor({ timeout: T });
    await until('a sample sound', async () => (await pb.evaluate(() => window.__notes.beeps)) >= 1);
  }, { soft: true });

  let groupId = null;
  const groupName = `Crew ${run}`;
  const groupHello = `hello crew ${run}`;
  await step('new group: each error clears once fixed; bob is added with the keyboard (Enter)', async () => {
    await pa.getByTestId('new-group').click();
    const dialog = pa.getByTestId('group-dialog');
    await dialog.getByTestId('group-create').click();
    await dialog.getByTestId('group-title-error').filter({ hasText: /name/ }).waitFor({ timeout: T });
    await dialog.getByTestId('group-error').filter({ hasText: /person/ }).waitFor({ timeout: T });
    await dialog.getByTestId('group-title').fill(groupName);
    await dialog.getByTestId('group-title-error').filter({ hasText: /./ }).waitFor({ state: 'detached', timeout: T });
    if (!(await dialog.getByTestId('group-error').textContent()).trim()) throw new Error('the member error went away before anyone was added');
    await dialog.getByTestId('group-search').fill(bob);
    await dialog.getByTestId('group-search').press('Enter'); // picks the first result once it is there
    await dialog.getByTestId('group-member').filter({ hasText: bob }).waitFor({ timeout: T });
    if ((await dialog.getByTestId('group-error').textContent()).trim()) throw new Error('the member error stayed after bob was added');
    await dialog.getByTestId('group-create').click();
    await pa.getByTestId('chat-header-title').filter({ hasText: groupName }).waitFor({ timeout: T });
    groupId = await until('the group id in the hash', async () => (/^#chat\/(.+)$/.exec(await pa.evaluate(() => location.hash)) || [])[1]);
  });

  await step('a message in a chat bob is not looking at: a desktop notification and a sound', async () => {
    const beeps = await pb.evaluate(() => window.__notes.beeps);
    await send(pa, groupHello);
    await chatItem(pb, groupId).waitFor({ timeout: T });
    const note = await until('a notification', async () => (await pb.evaluate(() => window.__notes.shown)).at(-1));
    if (!note.title.includes(groupName) || note.body !== groupHello) throw new Error(`notification ${JSON.stringify(note)}`);
    await until('another sound', async () => (await pb.evaluate(() => window.__notes.beeps)) > beeps);
  }, { soft: true });

  await step('alice adds carol from the member list and renames the group; carol sees it on her phone, bob live in his list', async () => {
    await pa.getByTestId('chat-info-button').click();
    const info = pa.getByTestId('chat-info-dialog');
    await info.getByTestId('member').nth(1).waitFor({ timeout: T });
    await info.getByTestId('member-add-search').fill(carol);
    await info.getByTestId('user-result').filter({ hasText: carolName }).click({ timeout: T });
    await info.locator(`[data-testid="member"]`).filter({ hasText: carolName }).waitFor({ timeout: T });
    await info.getByTestId('chat-rename-input').fill(`${groupName} renamed`);
    await info.getByTestId('chat-rename-save').click();
    await pa.getByTestId('chat-header-title').filter({ hasText: `${groupName} renamed` }).waitFor({ timeout: T });
    await info.getByTestId('dialog-close').click();
    await chatItem(pc, groupId).waitFor({ timeout: T });
    // The rename's chat_updated frame renames the group in bob's list without a reload.
    await chatItem(pb, groupId).getByTestId('chat-title').filter({ hasText: `${groupName} renamed` }).waitFor({ timeout: T });
  });

  await step('carol finds the group by its title in the sidebar search and opens it: full message box at 390 px', async () => {
    await pc.getByTestId('new-dm-search').fill(groupName.toLowerCase()); // the old and the new title both hold it
    await pc.locator(`[data-testid="chat-result"][data-chat-id="${groupId}"]`).waitFor({ timeout: T });
    await pc.getByTestId('new-dm-search').press('Enter');
    await pc.getByTestId('chat-header-title').filter({ hasText: `${groupName} renamed` }).waitFor({ timeout: T });
    await composerHeightOk(pc, 'carol');
    await messageWith(pc, groupHello).waitFor({ timeout: T });
    await send(pc, `hi all, ${carolName} here on a phone`);
  });

  await step('bob (not an admin) sees the members, cannot rename, and leaves; alice sees 2 members', async () => {
    await chatItem(pb, groupId).click();
    await pb.getByTestId('chat-info-button').click();
    const info = pb.getByTestId('chat-info-dialog');
    await info.getByTestId('member').nth(2).waitFor({ timeout: T });
    if (await info.getByTestId('chat-rename-input').count()) throw new Error('a member who is not an admin is offered renaming');
    await info.getByTestId('chat-leave').click();
    await info.getByTestId('chat-leave-confirm').click();
    await chatItem(pb, groupId).waitFor({ state: 'detached', timeout: T });
    await pa.locator('.chat-sub').filter({ hasText: '2 members' }).waitFor({ timeout: T });
  });

  const roomName = `Book club ${run}`;
  await step('the sidebar search finds a room by its title; Enter joins it', async () => {
    await pa.getByTestId('rooms-browse').click();
    await pa.getByTestId('room-name').fill(roomName);
    await pa.getByTestId('room-create').click();
    await pa.getByTestId('chat-header-title').filter({ hasText: roomName }).waitFor({ timeout: T });
    await pb.getByTestId('new-dm-search').fill('book club');
    await pb.getByTestId('room-result').filter({ hasText: roomName }).waitFor({ timeout: T });
    await pb.getByTestId('new-dm-search').press('Enter');
    await pb.getByTestId('chat-header-title').filter({ hasText: roomName }).waitFor({ timeout: T });
    await pb.locator('.chat-sub').filter({ hasText: '2 members' }).waitFor({ timeout: T });
    // The rooms dialog lists it right under its heading: no empty status line in between.
    await pb.getByTestId('rooms-browse').click();
    const dialog = pb.getByTestId('rooms-dialog');
    const item = dialog.getByTestId('room-item').filter({ hasText: roomName });
    await item.getByTestId('join-room').filter({ hasText: 'Open' }).waitFor({ timeout: T });
    const gap = await item.evaluate((li) => li.getBoundingClientRect().top - li.closest('section').querySelector('h3').getBoundingClientRect().bottom);
    if (gap > 16) throw new Error(`an empty gap of ${Math.round(gap)} px above the room list`);
    await dialog.getByTestId('dialog-close').click();
  });

  await step('alice removes bob from the room: it leaves his list and closes on his screen', async () => {
    const roomId = await until('the room id in bob\'s hash', async () => (/^#chat\/(.+)$/.exec(await pb.evaluate(() => location.hash)) || [])[1]);
    await pa.getByTestId('chat-info-button').click();
    const info = pa.getByTestId('chat-info-dialog');
    await info.locator('[data-testid="member"]').filter({ hasText: bob }).getByTestId('member-remove').click({ timeout: T });
    await info.locator('[data-testid="member"]').filter({ hasText: bob }).waitFor({ state: 'detached', timeout: T });
    await info.getByTestId('dialog-close').click();
    await chatItem(pb, roomId).waitFor({ state: 'detached', timeout: T });
    await pb.getByTestId('chat-header-title').filter({ hasText: roomName }).waitFor({ state: 'hidden', timeout: T });
  });

  const bobName = `Bob ${run}`;
  await step('bob sets a display name and a picture in his profile; alice sees the name and the picture', async () => {
    await pb.getByTestId('profile-button').click();
    const dialog = pb.getByTestId('profile-dialog');
    await dialog.getByTestId('profile-display-name').fill(bobName);
    await dialog.getByTestId('profile-save').click();
    await dialog.getByTestId('profile-status').filter({ hasText: bobName }).waitFor({ timeout: T });
    await dialog.getByTestId('profile-avatar-input').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await dialog.locator('[data-testid="profile-avatar"] img').waitFor({ timeout: T });
    await dialog.getByTestId('dialog-close').click();
    await pb.getByRole('button', { name: `Your profile: ${bobName}` }).locator('img').waitFor({ timeout: T });
    await pa.evaluate((id) => { location.hash = `#chat/${id}`; }, chatId);
    await pa.reload();
    await chatItem(pa, chatId).getByTestId('chat-title').filter({ hasText: bobName }).waitFor({ timeout: T });
    await composerHeightOk(pa, 'alice after a reload');
    // His picture is a file he uploaded; as his profile image anyone signed in may load it.
    await pa.getByTestId('chat-info-button').click();
    const info = pa.getByTestId('chat-info-dialog');
    const picture = info.locator('[data-testid="member"]').filter({ hasText: bobName }).locator('img');
    await until('bob\'s picture loaded on alice\'s page', () => picture.evaluate((img) => img.complete && img.naturalWidth > 0, undefined, { timeout: 1000 }));
    await info.getByTestId('dialog-close').click();
  });

  await step('keyboard: every control is reachable with Tab and shows where the focus is; icon buttons have names', async () => {
    await messageWith(pa, linkText).waitFor({ timeout: T });
    const stops = [];
    await pa.locator('.brand').click(); // Tab goes on from here: the top of the page
    for (let i = 0; i < 200; i++) {
      await pa.keyboard.press('Tab');
      const stop = await pa.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const target = el.matches('input[type="file"]') ? el.closest('label') : el;
        const cs = getComputedStyle(target);
        const img = el.querySelector('img[alt]');
        const name = el.getAttribute('aria-label') || el.textContent.trim() || (img && img.alt) ||
          (el.labels && el.labels[0] && el.labels[0].textContent.trim()) || '';
        return { id: el.dataset.testid || el.tagName.toLowerCase(), name,
          ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
      });
      if (!stop || (stops.length && stop.id === 'new-dm-search')) break;
      stops.push(stop);
    }
    const ids = new Set(stops.map((s) => s.id));
    const need = ['new-dm-search', 'message-search', 'new-group', 'rooms-browse', 'chat-item', 'chat-info-button', 'react-button', 'edit-button',
      'delete-button', 'reaction', 'attachment-link', 'message-input', 'file-input', 'send-button', 'notify-toggle',
      'sound-toggle', 'profile-button', 'logout'];
    const missing = need.filter((id) => !ids.has(id));
    if (missing.length) throw new Error(`not reachable with Tab: ${missing.join(', ')} (stops: ${[...ids].join(', ')})`);
    const noRing = stops.filter((s) => !s.ring).map((s) => s.id);
    if (noRing.length) throw new Error(`no visible focus on: ${[...new Set(noRing)].join(', ')}`);
    const nameless = stops.filter((s) => !s.name).map((s) => s.id);
    if (nameless.length) throw new Error(`controls without a name: ${[...new Set(nameless)].join(', ')}`);
    console.log(`       (${stops.length} Tab stops)`);
  }, { soft: true });

  await step('text contrast passes WCAG AA in the light and the dark theme', async () => {
    const found = [];
    for (const scheme of ['light', 'dark']) {
      for (const [who, page] of [['alice', pa], ['carol', pc]]) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const bad of await page.evaluate(lowContrastText)) found.push(`${scheme}, ${who}: ${bad}`);
      }
    }
    for (const page of [pa, pc]) await page.emulateMedia({ colorScheme: 'light' });
    if (found.length) throw new Error(`low contrast:\n${[...new Set(found)].slice(0, 12).join('\n')}`);
  }, { soft: true });

  // Message search: the word is 60 messages back, beyond the first history page (50).
  const needle = `quokka${run}`;
  const needleText = `the ${needle} lives in the blue drawer, <b>not</b> a tag`;
  let searchChat = null;
  let needleId = null;
  await step('message search setup: alice and carol\'s direct chat holds a distinctive word 60 messages back', async () => {
    const found = await apiCall(pa, 'GET', `/messages/api/users/search/?q=${encodeURIComponent(carol)}`);
    const people = Array.isArray(found.body) ? found.body : (found.body && found.body.results) || [];
    const carolUser = people.find((u) => u.username === carol);
    if (!carolUser) throw new Error(`carol not found: HTTP ${found.status} ${found.text}`);
    const dm = await apiCall(pa, 'POST', '/messages/api/chats/', { chat_type: 'dm', member_ids: [carolUser.id] });
    if (!dm.body || dm.body.id == null) throw new Error(`create DM -> HTTP ${dm.status}: ${dm.text}`);
    searchChat = String(dm.body.id);
    const path = `/messages/api/chats/${searchChat}/messages/`;
    const sent = await apiCall(pa, 'POST', path, { content: needleText });
    if (!sent.body || sent.body.id == null) throw new Error(`POST ${path} -> HTTP ${sent.status}: ${sent.text}`);
    needleId = String(sent.body.id);
    for (let i = 1; i <= 60; i++) {
      const filler = await apiCall(pa, 'POST', path, { content: `filler message ${i} of 60` });
      if (filler.status >= 300) throw new Error(`filler ${i} -> HTTP ${filler.status}: ${filler.text}`);
    }
  });

  const searchRequests = [];
  pa.on('request', (req) => { if (new URL(req.url()).pathname === '/messages/api/search/') searchRequests.push(req.url()); });
  const messageResult = () => pa.locator(`[data-testid="message-result"][data-message-id="${needleId}"]`);
  await step('message search: "/" focuses the box; typing (debounced) finds the word, marked, under carol\'s name; Enter opens the chat scrolled to it, highlighted', async () => {
    if (await messageById(pa, needleId).count()) throw new Error('the message is already on screen before searching');
    await pa.locator('.brand').click(); // the focus in no text field
    await pa.keyboard.press('/');
    await until('the focus in the message search box', async () => (await testidOfFocus(pa)) === 'message-search');
    if (await pa.getByTestId('message-search').inputValue()) throw new Error('the "/" was typed into the box');
    await pa.keyboard.type(needle.toUpperCase()); // case folds
    const result = messageResult();
    await result.waitFor({ timeout: T });
    const mark = (await result.locator('mark').allTextContents()).map((t) => t.toLowerCase());
    if (!mark.includes(needle)) throw new Error(`no <mark>${needle}</mark> in the result (marks: ${JSON.stringify(mark)})`);
    const snippet = await result.getByTestId('message-result-snippet').textContent();
    if (!snippet.includes('<b>not</b>')) throw new Error(`the markup in the message is not shown as text: ${JSON.stringify(snippet)}`);
    if (await result.locator('b').count()) throw new Error('markup from the message became elements');
    const heading = await result.evaluate((el) => {
      const group = el.closest('[role="group"]');
      const id = group && group.getAttribute('aria-labelledby');
      return id ? document.getElementById(id).textContent : '';
    });
    if (!heading.includes(carolName)) throw new Error(`the result is grouped under ${JSON.stringify(heading)}, not carol's chat`);
    if (!(await result.textContent()).includes('You')) throw new Error('the result does not name its sender');
    if (searchRequests.length > 3) throw new Error(`typing ${needle.length} letters sent ${searchRequests.length} searches (no debounce?)`);
    await pa.keyboard.press('Enter');
    await until('carol\'s chat in the hash', async () => (await pa.evaluate(() => location.hash)) === `#chat/${searchChat}`);
    const target = pa.locator(`[data-testid="message"][data-message-id="${needleId}"][data-highlighted="true"]`);
    await target.waitFor({ timeout: T });
    if (!(await target.evaluate((el) => el.classList.contains('jump-target')))) throw new Error('the highlight class is missing');
    await until('the message scrolled into view', () => target.evaluate((el) => {
      const s = el.closest('.scroller').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= s.top - 1 && r.bottom <= s.bottom + 1 && r.height > 0;
    }));
    const shownRows = await pa.getByTestId('message').count();
    if (shownRows < 61) throw new Error(`only ${shownRows} messages loaded, so no older page was loaded`);
    const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
    if (outline === 'none') throw new Error('the highlighted message has no outline');
  });

  await step('message search: results and the highlight pass AA contrast in both themes; a click ends the highlight; empty, too-long and Escape', async () => {
    const found = [];
    const box = pa.getByTestId('message-search');
    await box.fill(needle);
    await messageResult().waitFor({ timeout: T });
    for (const scheme of ['dark', 'light']) {
      await pa.emulateMedia({ colorScheme: scheme });
      for (const bad of await pa.evaluate(lowContrastText)) found.push(`${scheme}, results: ${bad}`);
    }
    await messageResult().click();
    const target = pa.locator(`[data-testid="message"][data-message-id="${needleId}"][data-highlighted="true"]`);
    await target.waitFor({ timeout: T });
    for (const scheme of ['dark', 'light']) {
      await pa.emulateMedia({ colorScheme: scheme });
      for (const bad of await pa.evaluate(lowContrastText)) found.push(`${scheme}, highlight: ${bad}`);
    }
    await pa.getByTestId('chat-header-title').click();
    await target.waitFor({ state: 'detached', timeout: T }); // the attribute is gone
    await box.fill(`nothing like this ${run}`);
    await pa.locator('.message-search .search-note').filter({ hasText: 'No messages found' }).waitFor({ timeout: T });
    await box.fill('x'.repeat(1001));
    await pa.locator('.message-search .search-note').filter({ hasText: /1[,.]?000/ }).waitFor({ timeout: T });
    await box.press('Escape');
    if (await box.inputValue()) throw new Error('Escape did not clear the box');
    if (found.length) throw new Error(`low contrast:\n${[...new Set(found)].slice(0, 12).join('\n')}`);
  }, { soft: true });

  await step('the page is sent unframeable with a script policy, and the client broke none of it', async () => {
    const answer = await pa.request.get(base);
    const headers = answer.headers();
    if (headers['x-frame-options'] !== 'DENY') throw new Error(`X-Frame-Options: ${headers['x-frame-options']}`);
    const policy = headers['content-security-policy'] || '';
    for (const rule of ["frame-ancestors 'none'", "script-src 'self'"]) {
      if (!policy.includes(rule)) throw new Error(`Content-Security-Policy lacks ${rule}: ${policy}`);
    }
    if (headers['referrer-policy'] !== 'same-origin') throw new Error(`Referrer-Policy: ${headers['referrer-policy']}`);
    const refused = problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
    if (refused.length) throw new Error(`the client broke its own policy: ${refused.join('; ')}`);
  });

  await step(`screenshots: bob's direct chat at 1100 x 940 -> ${shotPath}, carol's group at 390 px -> ${shot390}`, async () => {
    await pb.setViewportSize({ width: 1100, height: 940 }); // tall enough for the whole chat
    await chatItem(pb, chatId).click();
    await messageWith(pb, linkText).waitFor({ timeout: T });
    await pb.getByTestId('image-preview').last().evaluate((img) => img.complete || new Promise((r) => { img.onload = r; img.onerror = r; }));
    await pb.getByTestId('messages').evaluate((el) => { el.closest('.scroller').scrollTop = 1e9; });
    await pb.screenshot({ path: shotPath });
    await pc.screenshot({ path: shot390 });
  }, { soft: true });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!String(err.message).startsWith('stopping after failed step')) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  // Uncaught errors in the page do not fail the test (the server being down causes some) but are worth seeing.
  if (exitCode === 0) for (const p of problems.filter((x) => x.includes('uncaught in page'))) console.log(`note: ${p}`);
  if (problems.length && exitCode !== 0) {
    console.log('diagnostics (HTTP errors, page errors):');
    for (const p of problems) console.log(`  ${p}`);
  }
  console.log(exitCode === 0 ? 'browser test: all steps passed'
    : `browser test: FAILED (${failures.length ? failures.join('; ') : 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
