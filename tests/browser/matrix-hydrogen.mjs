// A Matrix client that natter's team did not write, Hydrogen (`hydrogen-view-sdk` from
// npm, pinned in package.json), in Chromium against natter, run by tests/browser.rs:
//
//   node tests/browser/matrix-hydrogen.mjs <base-url> <out-dir>
//
// The SDK's own app (its root view model and view: login screen, room list, room view,
// timeline and composer; tests/browser/matrix-hydrogen/) is served by this script from a
// static server of its own on another port, so the page's origin is not natter's and
// every Matrix request is a cross-origin one. No bundler: an import map names the SDK's
// ES build, and the server hands the SDK's CommonJS dependencies over as ES modules. No
// olm: natter has no end-to-end encryption, and Hydrogen runs without it.
//
// Through natter's REST API, alice and bob sign up and bob makes a group with alice that
// holds more history than a first sync carries. In Hydrogen alice types natter's address
// as the homeserver, signs in with her natter name and password, opens the group from the
// room list, and reads its history back to the first message (Hydrogen fills the gap
// through /messages as the timeline is scrolled up), each message under its sender's
// display name. She sends a message from Hydrogen's composer: natter's REST API has it,
// from her, with her text, and Hydrogen's timeline shows it as natter's event. Bob sends
// one through natter's REST API: it shows up in Hydrogen's open timeline, live. Closed and
// opened again, Hydrogen resumes her session from its storage and catches up on a message
// sent meanwhile. natter refuses none of Hydrogen's requests but the one for an unstable
// extension it does not have. Every wait is an auto-waiting locator or a polled condition
// with a timeout; no fixed sleeps. Steps that later ones build on stop the run when they
// fail; the other checks are all run and said. Exit code 0 only when every one passed.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node matrix-hydrogen.mjs <base-url> <out-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const HISTORY = 25; // more than a first sync's 10 newest messages

const here = dirname(fileURLToPath(import.meta.url));
const pageDir = join(here, 'matrix-hydrogen');
const modules = join(here, 'node_modules');
const SDK = JSON.parse(await readFile(join(modules, 'hydrogen-view-sdk/package.json'), 'utf8').catch(() => {
  console.log('FAIL - tests/browser/node_modules/hydrogen-view-sdk is missing; run `cd tests/browser && npm ci`');
  process.exit(1);
}));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

/** A file under `root` named by the rest of the path, or null (no way out of `root`). */
function under(root, rest) {
  const file = resolve(root, decodeURIComponent(rest));
  return file.startsWith(root + sep) ? file : null;
}

/** The page's server: `/` the page, `/main.js` its script, `/npm/<file>` a file of
 *  node_modules as it is, `/sw.js` the SDK's service worker, `/cjs/<file>` a CommonJS file of node_modules as an ES module
 *  whose default export is its `module.exports`, `/no-olm.js` an empty module for the
 *  SDK's import of olm (not loaded: no encryption). */
async function servePage() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://page').pathname;
    let file = null;
    let body = null;
    // Hydrogen's service worker asks for `/` as `/index.html`.
    if (path === '/' || path === '/index.html') file = join(pageDir, 'index.html');
    else if (path === '/main.js') file = join(pageDir, 'main.js');
    else if (path === '/sw.js') file = join(modules, 'hydrogen-view-sdk/lib-build/sw.js');
    else if (path === '/no-olm.js') body = '// olm is not loaded: natter has no end-to-end encryption\n';
    else if (path.startsWith('/npm/')) file = under(modules, path.slice(5));
    else if (path.startsWith('/cjs/')) {
      const source = under(modules, path.slice(5));
      if (source) {
        try {
          body = 'const module = { exports: {} }; const exports = module.exports;\n'
            + `${await readFile(source, 'utf8')}\nexport default module.exports;\n`;
        } catch { body = null; }
      }
    }
    try {
      if (file) body = await readFile(file);
    } catch { body = null; }
    if (body === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || (path === '/' ? TYPES['.html'] : 'application/octet-stream'), 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

// `step`: what later steps build on (a failure stops the run); `check`: a finding that
// later steps do not need (a failure is said and the run goes on, failing at its end).
const { step, failures: stepFailures } = steps({ stopOnFailure: true });
const { step: check, failures: checkFailures } = steps({ stopOnFailure: false });
const failures = { get length() { return stepFailures.length + checkFailures.length; }, join: (sep) => [...stepFailures, ...checkFailures].join(sep) };
const browser = await launch();
const pageServer = await servePage();
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;
let exitCode = 1;
const started = Date.now();
const matrixRequests = []; // every request the page made to natter, with its status
try {
  console.log(`hydrogen-view-sdk ${SDK.version}; the page at ${pageOrigin}, natter at ${origin}`);
  const { call } = await apiClient(origin);
  const alice = { name: `alice_${run}`, display: 'Alice Hydrogen' };
  const bob = { name: `bob_${run}`, display: 'Bob Natter' };
  const title = `Hydrogen lounge ${run}`;
  let chatId = 0;
  const history = []; // {id, text, sender display name}, oldest first
  const fromSync = new Set(); // the event ids in the timeline before it was scrolled

  await step('alice and bob sign up through the API; bob makes a group with alice and they fill its history', async () => {
    for (const who of [alice, bob]) {
      const made = await call('POST', '/api/auth/register/', null,
        { username: who.name, email: `${who.name}@example.com`, password: PASSWORD, display_name: who.display });
      who.id = made.user.id;
      who.token = made.token;
    }
    const chat = await call('POST', '/messages/api/chats/', bob.token, { chat_type: 'group', title, member_ids: [alice.id] });
    chatId = chat.id;
    for (let i = 1; i <= HISTORY; i += 1) {
      const who = i % 3 === 0 ? alice : bob;
      const text = `history ${String(i).padStart(2, '0')} from ${who.name}`;
      const sent = await call('POST', `/messages/api/chats/${chatId}/messages/`, who.token, { content: text });
      history.push({ id: sent.id, text, display: who.display });
    }
  });

  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  const refused = []; // Matrix requests natter answered with an error
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // A refused request is said by the browser too; `refused` below judges those.
    if (/^Failed to load resource/.test(msg.text()) && new URL(msg.location().url || 'about:blank').origin === origin) return;
    problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (url.origin !== origin) return;
    url.searchParams.delete('_cacheBuster'); // Hydrogen's, a new one each request
    const line = `${res.request().method()} ${url.pathname}${url.search} -> ${res.status()}`;
    matrixRequests.push(line);
    if (res.status() >= 400) {
      const text = await res.text().catch(() => '');
      refused.push(`${line}: ${text.slice(0, 300)}`);
    }
  });
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === origin && !/\/sync\b/.test(req.url())) {
      problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
    }
  });

  const timeline = page.locator('.RoomView .Timeline');
  /** Hydrogen's tile of natter's message `id` (its event id is `$m<id>`). */
  const tileOf = (id) => timeline.locator(`li.Timeline_message[data-event-id="$m${id}"]`);
  /** The display name Hydrogen shows above `tile`'s run of messages. */
  const senderAbove = (tile) => tile.evaluate((li) => {
    for (let el = li; el; el = el.previousElementSibling) {
      const sender = el.querySelector(':scope > .Timeline_messageSender');
      if (sender) return sender.textContent.trim();
      if (!el.classList.contains('continuation')) return null;
    }
    return null;
  });

  await step('Hydrogen starts on its sign-in screen, served from another origin than natter\'s', async () => {
    await page.goto(`${pageOrigin}/`);
    await page.locator('#homeserver').waitFor({ state: 'visible', timeout: T });
    if (await page.evaluate(() => document.body.dataset.hydrogen) === 'failed') throw new Error('Hydrogen failed to start');
  });

  await step('natter\'s address typed as the homeserver: Hydrogen finds it and offers a password sign-in', async () => {
    await page.locator('#homeserver').fill(origin);
    await page.locator('#homeserver').press('Tab');
    await page.locator('.LoginView_forwardInfo').filter({ hasText: `You will connect to ${origin}` })
      .waitFor({ state: 'visible', timeout: T });
    await page.locator('#username').waitFor({ state: 'visible', timeout: T });
    const error = page.locator('.PreSessionScreen .error');
    if (await error.count()) throw new Error(`the sign-in screen says ${JSON.stringify(await error.first().textContent())}`);
  });

  await step('alice signs in with her natter name and password; the room list shows the group', async () => {
    await page.locator('#username').fill(alice.name);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log In', exact: true }).click();
    const room = page.locator('.LeftPanel .RoomList li').filter({ hasText: title });
    await room.waitFor({ state: 'visible', timeout: T }).catch(async (err) => {
      const said = await page.locator('.PreSessionScreen, .SessionLoadStatusView').first().textContent().catch(() => '');
      throw new Error(`${err.message}\nthe page says: ${said}`);
    });
  });

  await step('the group opens from the room list: its name in the header, its newest messages in the timeline', async () => {
    await page.locator('.LeftPanel .RoomList li').filter({ hasText: title }).locator('a').click();
    await page.locator('.RoomView .RoomHeader').filter({ hasText: title }).waitFor({ state: 'visible', timeout: T });
    const newest = history[history.length - 1];
    await tileOf(newest.id).filter({ hasText: newest.text }).waitFor({ state: 'visible', timeout: T });
    for (const id of await timeline.locator('li.Timeline_message').evaluateAll((lis) => lis.map((li) => li.dataset.eventId))) {
      fromSync.add(id);
    }
    if (fromSync.size >= history.length) throw new Error(`the first sync already held all ${fromSync.size} messages: no history left to read`);
  });

  await step('scrolled up, Hydrogen reads the group\'s history back to its first message, in order', async () => {
    const first = history[0];
    const scroller = timeline.locator('.Timeline_scroller');
    await scroller.hover();
    // Each turn of the wheel scrolls the timeline up as a person would; Hydrogen fills the
    // gap at the top through /messages when it comes into view.
    await until('the first message of the history to be in the timeline', async () => {
      if (await tileOf(first.id).count()) return true;
      await page.mouse.wheel(0, -2000);
      return false;
    });
    const shown = await timeline.locator('li.Timeline_message').evaluateAll((lis) => lis.map((li) => {
      // The message's text without the time Hydrogen puts after it.
      const body = (li.querySelector('.Timeline_messageBody') || li).cloneNode(true);
      body.querySelectorAll('time').forEach((time) => time.remove());
      return { id: li.dataset.eventId, text: body.textContent.trim() };
    }));
    const want = history.map((m) => ({ id: `$m${m.id}`, text: m.text }));
    const got = shown.filter((m) => want.some((w) => w.id === m.id));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`the timeline shows\n${JSON.stringify(shown, null, 1)}\ninstead of\n${JSON.stringify(want, null, 1)}`);
    }
    if (shown.length !== want.length) throw new Error(`the timeline has ${shown.length} messages, not ${want.length}: ${JSON.stringify(shown)}`);
  });

  await check('each message of the history shows under its sender\'s display name, the older pages\' too', async () => {
    const wrong = [];
    for (const m of history) {
      const name = await senderAbove(tileOf(m.id));
      if (name !== m.display) wrong.push(`"${m.text}" (${fromSync.has(`$m${m.id}`) ? 'from the first sync' : 'read through /messages'}) shows under ${JSON.stringify(name)}, not ${JSON.stringify(m.display)}`);
    }
    if (wrong.length) throw new Error(`${wrong.length} of ${history.length} messages:\n${wrong.join('\n')}`);
  });

  await check('alice sends from Hydrogen\'s composer: natter\'s REST API has her message, and Hydrogen shows natter\'s event', async () => {
    const text = `sent from Hydrogen ${run}`;
    const input = page.locator('.RoomView .MessageComposer_input textarea');
    await input.click();
    await input.fill(text);
    await input.press('Enter');
    const arrived = await until('the message in natter\'s REST API', async () => {
      const after = await call('GET', `/messages/api/chats/${chatId}/messages/?after=${history[history.length - 1].id}`, bob.token);
      return after.results.find((m) => m.content === text);
    });
    if (arrived.sender.id !== alice.id || arrived.sender.username !== alice.name) {
      throw new Error(`natter has it from ${JSON.stringify(arrived.sender)}, not alice`);
    }
    if (arrived.chat !== chatId) throw new Error(`natter has it in chat ${arrived.chat}, not ${chatId}`);
    const tile = tileOf(arrived.id);
    await tile.filter({ hasText: text }).waitFor({ state: 'visible', timeout: T });
    if (await tile.evaluate((li) => li.classList.contains('unsent'))) throw new Error('Hydrogen still shows it unsent');
    const sends = matrixRequests.filter((l) => /^PUT \/_matrix\/client\/(r0|v3)\/rooms\/[^/]+\/send\/m\.room\.message\//.test(l));
    if (sends.length !== 1 || !sends[0].endsWith('-> 200')) throw new Error(`the sends: ${JSON.stringify(sends)}`);
    if (await input.inputValue() !== '') throw new Error(`the composer still holds ${JSON.stringify(await input.inputValue())}`);
  });

  await check('bob sends through natter\'s REST API: it shows up in Hydrogen\'s open timeline, live, under his name', async () => {
    const text = `sent through natter ${run}`;
    const sentAt = Date.now();
    const sent = await call('POST', `/messages/api/chats/${chatId}/messages/`, bob.token, { content: text });
    const tile = tileOf(sent.id);
    await tile.filter({ hasText: text }).waitFor({ state: 'visible', timeout: T });
    console.log(`     (in Hydrogen's timeline ${Date.now() - sentAt} ms after the send)`);
    const name = await senderAbove(tile);
    if (name !== bob.display) throw new Error(`it shows under ${JSON.stringify(name)}, not ${JSON.stringify(bob.display)}`);
    await page.screenshot({ path: join(outDir, 'matrix-hydrogen.png') });
  });

  await check('Hydrogen closed and opened again resumes its session and catches up on a message sent meanwhile', async () => {
    await page.goto('about:blank');
    const text = `sent while Hydrogen was closed ${run}`;
    const sent = await call('POST', `/messages/api/chats/${chatId}/messages/`, bob.token, { content: text });
    await page.goto(`${pageOrigin}/`);
    const room = page.locator('.LeftPanel .RoomList li').filter({ hasText: title });
    await room.waitFor({ state: 'visible', timeout: T });
    if (!await page.locator('.RoomView .RoomHeader').filter({ hasText: title }).isVisible()) await room.locator('a').click();
    await tileOf(sent.id).filter({ hasText: text }).waitFor({ state: 'visible', timeout: T });
    if (await page.locator('#username').count()) throw new Error('Hydrogen asked to sign in again');
  });

  await check('natter refused none of Hydrogen\'s requests, and the page reported no error of its own', async () => {
    // Hydrogen asks for a dehydrated device (MSC2697, unstable); 404 M_UNRECOGNIZED is
    // the answer for an endpoint the server does not have, which Hydrogen takes as "none".
    const expected = (r) => /^GET \/_matrix\/client\/unstable\/org\.matrix\.msc2697\.v2\/dehydrated_device -> 404: .*"M_UNRECOGNIZED"/.test(r);
    const all = [...refused.filter((r) => !expected(r)).map((r) => `natter answered ${r}`), ...problems];
    if (all.length) throw new Error(all.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  if (exitCode !== 0) console.log(`Hydrogen's requests to natter:\n  ${matrixRequests.join('\n  ')}`);
  console.log(exitCode === 0
    ? `matrix-hydrogen: all steps passed (${Date.now() - started} ms)`
    : `matrix-hydrogen: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  pageServer.close();
  process.exit(exitCode);
}
