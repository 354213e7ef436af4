// Real-browser end-to-end test of natter's web client (static/), run by tests/browser.rs.
//
//   node tests/browser/e2e.mjs http://127.0.0.1:PORT <screenshot.png>
//
// Two people (two browser contexts, so two cookie jars) register through the UI, start a
// direct chat and use it: live delivery with an unread badge, edit, react, delete, read
// receipt, typing, a file up and down, and a server restart in the middle of the chat.
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

const [base, shotPath] = process.argv.slice(2);
if (!base || !shotPath) {
  console.error('usage: node e2e.mjs <base-url> <screenshot.png>');
  process.exit(2);
}
const CHROMIUM = process.env.NATTER_CHROMIUM || '/usr/bin/chromium';
const T = 10_000; // default wait for anything the UI should show
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

/** Polls `fn` until it returns something truthy (like expect.poll); throws after `timeout`. */
async function until(what, fn, timeout = T) {
  const end = Date.now() + timeout;
  let last = 'condition never held';
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (${last})`);
    await new Promise((r) => setTimeout(r, 100)); // polling interval, not a wait for the app
  }
}

const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

// ---------------------------------------------------------------- page helpers

const status = (page, state) => page.locator(`[data-testid="connection-status"][data-state="${state}"]`);
const messageById = (page, id) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);
const messageWith = (page, text) => page.getByTestId('message')
  .filter({ has: page.getByTestId('message-content').filter({ hasText: exact(text) }) });

async function register(page, username, password) {
  await page.goto(base);
  await page.getByTestId('register-link').click({ timeout: T });
  await page.getByTestId('register-username').fill(username);
  await page.getByTestId('register-email').fill(`${username}@example.com`);
  await page.getByTestId('register-password').fill(password);
  await page.getByTestId('register-submit').click();
  await page.getByTestId('current-user').filter({ hasText: username }).waitFor({ timeout: T });
  await status(page, 'online').waitFor({ timeout: T });
}

async function send(page, text) {
  const input = page.getByTestId('message-input');
  await input.fill(text);
  await input.press('Enter');
  await messageWith(page, text).waitFor({ timeout: T });
}

/** The message texts shown in `page`, in display order. */
const shownTexts = (page) => page.getByTestId('message-content').allTextContents();

// ---------------------------------------------------------------- the test

const run = Date.now().toString(36);
const alice = `alice_${run}`;
const bob = `bob_${run}`;
const password = 'correct horse battery';
const FILE_NAME = 'notes.txt';
const FILE_BYTES = Buffer.from(`natter file ${run}\nline two: é ✓ 🎉\n\u0000binary tail\r\n`, 'utf8');

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
  const pa = await ctxA.newPage();
  const pb = await ctxB.newPage();
  pages = [['alice', pa], ['bob', pb]];
  watch(pa, 'alice');
  watch(pb, 'bob');

  let bobId = null;
  let chatId = null;
  const first = `hello ${bob}, it is ${alice}`;
  const edited = `hello ${bob} (edited)`;
  const reply = `reply from ${bob}`;
  const doomed = `this one will be deleted ${run}`;
  const fileCaption = `a file for you ${run}`;
  const offline = `typed while the server was down ${run}`;
  const viaRest = `sent through the REST API after the restart ${run}`;
  const expected = [edited, reply]; // what both should see at the end, in order
  let fileSent = false;

  await step('both people register through the form and go online', async () => {
    await Promise.all([register(pa, alice, password), register(pb, bob, password)]);
  });

  await step('alice finds bob (new-dm-search / user-result) and opens a direct chat', async () => {
    await pa.getByTestId('new-dm-search').fill(bob);
    const result = pa.getByTestId('user-result').filter({ hasText: bob });
    await result.waitFor({ timeout: T });
    bobId = await result.getAttribute('data-user-id');
    await result.click();
    await pa.getByTestId('chat-header-title').filter({ hasText: bob }).waitFor({ timeout: T });
    chatId = await until('the chat id in the URL hash', async () => {
      const m = /^#chat\/(.+)$/.exec(await pa.evaluate(() => location.hash));
      return m && decodeURIComponent(m[1]);
    });
    await pa.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`).waitFor({ timeout: T });
  });

  await step('alice sends; bob sees it live in his chat list with an unread badge', async () => {
    await send(pa, first);
    const item = pb.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
    await item.getByTestId('chat-preview').filter({ hasText: first }).waitFor({ timeout: T });
    await item.getByTestId('unread-badge').filter({ hasText: exact('1') }).waitFor({ timeout: T });
    await item.getByTestId('chat-title').filter({ hasText: alice }).waitFor({ timeout: T });
  });

  await step('bob opens the chat: message shown, badge gone', async () => {
    await pb.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`).click();
    await pb.getByTestId('chat-header-title').filter({ hasText: alice }).waitFor({ timeout: T });
    await messageWith(pb, first).and(pb.locator('[data-mine="false"]')).waitFor({ timeout: T });
    const meta = await messageWith(pb, first).locator('.msg-meta').textContent();
    if (/null|undefined/.test(meta)) throw new Error(`the message header reads ${JSON.stringify(meta)}`);
    await pb.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"] [data-testid="unread-badge"]`)
      .waitFor({ state: 'detached', timeout: T });
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

  await step('alice deletes a message; it disappears on both sides', async () => {
    await send(pa, doomed);
    await messageWith(pb, doomed).waitFor({ timeout: T });
    const row = messageWith(pa, doomed);
    await row.hover();
    await row.getByTestId('delete-button').click({ timeout: T });
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
    for (const [who, page] of pages) {
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
    await pb.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"] [data-testid="unread-badge"]`)
      .waitFor({ state: 'detached', timeout: T });
  });

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

  await step(`screenshot of bob's chat view -> ${shotPath}`, async () => {
    await pb.screenshot({ path: shotPath });
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
