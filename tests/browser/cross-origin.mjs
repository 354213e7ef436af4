// A real cross-origin browser client against natter, run by tests/cross_origin_browser.rs.
//
//   node tests/browser/cross-origin.mjs <page-origin> <natter-with-cors> <natter-without-cors>
//
// <page-origin> serves a single-page client (GET / and /client.js; see the Rust test) that
// takes natter's base URL from ?natter= and, with fetch and WebSocket only (token auth),
// registers, logs in, creates and lists a room, exchanges a chat_message over the room
// socket and reads it back from the history. Each step lands in the page's DOM:
// <li data-step=NAME data-state=ok|failed>, <body data-state=done|failed> and
// <pre id="result"> holding JSON.
//
// 1. Against natter started with --cors-origins <page-origin>: every step passes, the
//    registration went through a real preflight that natter granted, and the answers
//    name the page's origin.
// 2. The same page against natter started without it: the first fetch fails with a
//    TypeError, Chromium reports a CORS failure (no Access-Control-Allow-Origin on
//    natter's answer to the preflight), and the registration never reached natter.
//
// Network details come from the DevTools protocol (Network domain), which reports
// preflights and CORS errors that the page itself cannot see.
// Chromium is the system one (/usr/bin/chromium, or $NATTER_CHROMIUM); nothing is downloaded.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { chromium } from 'playwright-core';

const [pageOrigin, allowedNatter, refusedNatter] = process.argv.slice(2);
if (!pageOrigin || !allowedNatter || !refusedNatter) {
  console.error('usage: node cross-origin.mjs <page-origin> <natter-with-cors> <natter-without-cors>');
  process.exit(2);
}
const CHROMIUM = process.env.NATTER_CHROMIUM || '/usr/bin/chromium';
const T_PAGE = 20_000; // for the page to finish every step (its socket step gives up after 10 s)
const PASSWORD = 'correct horse battery';
const run = Date.now().toString(36);

// ---------------------------------------------------------------- steps and diagnostics

const failures = [];
const problems = []; // page errors and console errors (the refused run expects some)

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    console.log(`ok   - ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    console.log(`FAIL - ${name}: ${String(err && err.message || err).split('\n').slice(0, 8).join('\n       ')}`);
    failures.push(name);
    throw new Error(`stopping after failed step: ${name}`);
  }
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Polls `fn` until it returns something truthy; throws after `timeout`. */
async function until(what, fn, timeout = 5_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20)); // polling interval, not a wait for the app
  }
}

/**
 * Opens the client page against `natter` in a fresh context and records, through the
 * DevTools protocol, every request to natter: preflights included, with the response's
 * headers and any CORS error. Returns once the page reports done or failed.
 */
async function runPage(browser, natter, user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const console_ = [];
  page.on('console', (msg) => console_.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  const cdp = await context.newCDPSession(page);
  const requests = new Map(); // requestId -> { at, method, url, type, status, headers, failed, cors }
  const seen = (e, more) => {
    const r = requests.get(e.requestId) || {};
    requests.set(e.requestId, { ...r, at: Math.min(r.at ?? Infinity, e.timestamp ?? Infinity), ...more });
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    const preflight = e.initiator && e.initiator.type === 'preflight';
    seen(e, { method: e.request.method, url: e.request.url, type: e.type, preflight,
      preflightFor: preflight ? e.initiator.requestId : undefined });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId) || {};
    seen(e, { type: r.type || e.type, url: r.url || e.response.url, status: e.response.status,
      headers: lower(e.response.headers) });
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    // The raw headers as they came off the wire (for preflights, often the only record).
    const r = requests.get(e.requestId) || {};
    requests.set(e.requestId, { ...r, rawStatus: e.statusCode, rawHeaders: lower(e.headers) });
  });
  cdp.on('Network.loadingFinished', (e) => seen(e, { finished: true }));
  cdp.on('Network.loadingFailed', (e) => {
    seen(e, { failed: e.errorText, cors: e.corsErrorStatus });
  });
  const sockets = new Map(); // requestId -> { url, origin, status }
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
    const h = lower(e.request.headers);
    sockets.set(e.requestId, { ...sockets.get(e.requestId), origin: h.origin, cookie: h.cookie });
  });
  cdp.on('Network.webSocketCreated', (e) => {
    sockets.set(e.requestId, { ...sockets.get(e.requestId), url: e.url });
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    sockets.set(e.requestId, { ...sockets.get(e.requestId), status: e.response.status });
  });
  await cdp.send('Network.enable');

  const url = `${pageOrigin}/?natter=${encodeURIComponent(natter)}&user=${encodeURIComponent(user)}`;
  await page.goto(url);
  await page.locator('body[data-state="done"], body[data-state="failed"]').waitFor({ timeout: T_PAGE });
  const state = await page.locator('body').getAttribute('data-state');
  const result = JSON.parse(await page.locator('#result').textContent());
  const stepStates = Object.fromEntries(await page.locator('#steps li').evaluateAll(
    (lis) => lis.map((li) => [li.dataset.step, li.dataset.state])));
  const host = new URL(natter).host;
  const mine = () => [...requests.values()].filter((r) => r.url && new URL(r.url).host === host);
  // DevTools events travel apart from the page's own: let the last ones arrive.
  await until('DevTools to report every request to natter settled', () => mine().every(
    (r) => r.failed || (r.preflight ? r.status ?? r.rawStatus : r.finished))
    && [...sockets.values()].every((w) => w.status));
  // In the order the page made them, each preflight just before the request it was for.
  const order = (r) => (r.preflightFor && requests.has(r.preflightFor) ? requests.get(r.preflightFor).at - 1e-6 : r.at);
  const toNatter = mine().sort((a, b) => order(a) - order(b));
  await context.close();
  return { state, result, stepStates, requests: toNatter, sockets: [...sockets.values()], console: console_ };
}

function lower(headers) {
  return Object.fromEntries(Object.entries(headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
}

const short = (r) => `${r.method} ${new URL(r.url).pathname} [${r.preflight ? 'preflight' : r.type}] -> `
  + `${r.status ?? r.rawStatus ?? r.failed}${r.cors ? ` ${JSON.stringify(r.cors)}` : ''}`;

// ---------------------------------------------------------------- the test

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  timeout: 30_000,
});
let exitCode = 1;
try {
  const allowedUser = `web_${run}`;
  let allowed;

  await step(`allowed: the page on ${pageOrigin} runs every step against natter --cors-origins ${pageOrigin}`, async () => {
    allowed = await runPage(browser, allowedNatter, allowedUser);
    for (const r of allowed.requests) console.log(`       ${short(r)}`);
    const { result, stepStates } = allowed;
    check(allowed.state === 'done', `the page says ${allowed.state}, at step ${result.failedStep}: `
      + `${JSON.stringify(result.steps[result.failedStep])}; console: ${allowed.console.join(' | ')}`);
    const names = ['register', 'login', 'create-room', 'list-rooms', 'socket', 'history'];
    check(JSON.stringify(stepStates) === JSON.stringify(Object.fromEntries(names.map((n) => [n, 'ok']))),
      `step states ${JSON.stringify(stepStates)}`);
    const s = result.steps;
    check(s.register.user && s.register.user.username === allowedUser && s.register.hasToken,
      `register: ${JSON.stringify(s.register)}`);
    check(typeof s.login.token === 'string' && s.login.user.id === s.register.user.id, `login: ${JSON.stringify(s.login)}`);
    check(Number.isInteger(s['create-room'].id), `create-room: ${JSON.stringify(s['create-room'])}`);
    check(s['list-rooms'].ids.includes(s['create-room'].id), `list-rooms: ${JSON.stringify(s['list-rooms'])}`);
    const frame = s.socket.frame;
    check(frame.type === 'chat_message' && frame.data.room === s['create-room'].id
      && frame.data.author && frame.data.author.id === s.register.user.id
      && frame.data.content === `hello from ${pageOrigin} (${allowedUser})`,
    `socket frame: ${JSON.stringify(frame)}`);
    check(s.history.messages.some((m) => m.id === frame.data.id), `history: ${JSON.stringify(s.history)}`);
    console.log(`       (user ${allowedUser} id ${s.register.user.id}, room ${s['create-room'].id}, message ${frame.data.id} echoed over the socket)`);
  });

  await step('allowed: the registration went through a real preflight that natter granted', async () => {
    const reqs = allowed.requests;
    const preflight = reqs.find((r) => r.preflight && r.method === 'OPTIONS' && new URL(r.url).pathname === '/api/auth/register/');
    check(preflight, `no preflight seen; requests: ${reqs.map(short).join('; ')}`);
    const h = { ...preflight.headers, ...preflight.rawHeaders };
    check((preflight.status ?? preflight.rawStatus) === 200, `preflight status ${preflight.status ?? preflight.rawStatus}`);
    check(h['access-control-allow-origin'] === pageOrigin, `preflight Access-Control-Allow-Origin: ${h['access-control-allow-origin']}`);
    const allowHeaders = (h['access-control-allow-headers'] || '').toLowerCase();
    for (const want of ['content-type', 'authorization']) {
      check(allowHeaders.includes(want), `preflight Access-Control-Allow-Headers lacks ${want}: ${allowHeaders}`);
    }
    check(/\bPOST\b/.test(h['access-control-allow-methods'] || ''), `Access-Control-Allow-Methods: ${h['access-control-allow-methods']}`);
    const post = reqs.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/auth/register/');
    check(post && post.status === 201, `register POST: ${post && short(post)}`);
    const ph = { ...post.headers, ...post.rawHeaders };
    check(ph['access-control-allow-origin'] === pageOrigin, `POST Access-Control-Allow-Origin: ${ph['access-control-allow-origin']}`);
    check(/\borigin\b/i.test(ph.vary || ''), `POST Vary: ${ph.vary}`);
    const failed = reqs.filter((r) => r.failed);
    check(!failed.length, `failed requests: ${failed.map((r) => `${short(r)} ${JSON.stringify(r.cors)}`).join('; ')}`);
    const errors = allowed.console.filter((c) => c.startsWith('error'));
    check(!errors.length, `console errors: ${errors.join(' | ')}`);
  });

  await step('allowed: the socket upgrade came from the page\'s origin and was accepted (token, no cookie)', async () => {
    const ws = allowed.sockets.find((w) => w.url && /\/ws\/room\/\d+\/\?token=/.test(w.url));
    check(ws, `no room socket seen: ${JSON.stringify(allowed.sockets)}`);
    check(ws.origin === pageOrigin, `the upgrade's Origin is ${ws.origin}`);
    check(!ws.cookie, `the upgrade carried a cookie: ${ws.cookie}`);
    check(ws.status === 101, `the upgrade was answered ${ws.status}`);
  });

  const refusedUser = `web_refused_${run}`;
  let refused;
  await step('refused: the same page against natter without --cors-origins fails its first fetch with a TypeError', async () => {
    refused = await runPage(browser, refusedNatter, refusedUser);
    for (const r of refused.requests) console.log(`       ${short(r)}`);
    check(refused.state === 'failed', `the page says ${refused.state}`);
    const { result } = refused;
    check(result.failedStep === 'register', `failed at ${result.failedStep}`);
    const err = result.steps.register.error;
    check(err && err.name === 'TypeError', `register error: ${JSON.stringify(err)}`);
    check(JSON.stringify(refused.stepStates) === JSON.stringify({ register: 'failed' }), `step states ${JSON.stringify(refused.stepStates)}`);
    console.log(`       (the page reports ${err.name}: ${err.message})`);
  });

  await step('refused: Chromium blocked it for CORS; natter\'s answer had no Access-Control-Allow-Origin', async () => {
    const reqs = refused.requests;
    const blocked = reqs.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/auth/register/');
    check(blocked && blocked.failed, `the register POST was not reported failed: ${blocked && short(blocked)}`);
    check(blocked.cors && /AllowOrigin/.test(blocked.cors.corsError), `CORS error status: ${JSON.stringify(blocked.cors)}`);
    const preflight = reqs.find((r) => r.preflight && r.method === 'OPTIONS' && new URL(r.url).pathname === '/api/auth/register/');
    check(preflight, `no preflight seen; requests: ${reqs.map(short).join('; ')}`);
    const h = { ...preflight.headers, ...preflight.rawHeaders };
    // natter answered it as a plain OPTIONS (200, Allow, DRF's metadata), granting nothing.
    check((preflight.status ?? preflight.rawStatus) === 200 && h.allow, `preflight answer: ${short(preflight)} ${JSON.stringify(h)}`);
    check(!Object.keys(h).some((k) => k.startsWith('access-control-')), `the preflight's answer has ${JSON.stringify(h)}`);
    check(reqs.filter((r) => !r.preflight).length === 1, `more than the register POST was tried: ${reqs.map(short).join('; ')}`);
    const said = refused.console.find((c) => /blocked by CORS policy/.test(c) && /Access-Control-Allow-Origin/.test(c));
    check(said, `no CORS message in the console: ${refused.console.join(' | ')}`);
    console.log(`       (console: ${said.slice(0, 300)})`);
    // The same preflight outside the browser: natter answers it as a plain OPTIONS.
    const res = await fetch(`${refusedNatter}/api/auth/register/`, {
      method: 'OPTIONS',
      headers: { Origin: pageOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    const acHeaders = [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));
    check(!acHeaders.length, `natter without --cors-origins answered the preflight with ${acHeaders.join(', ')}`);
    console.log(`       (replayed preflight: HTTP ${res.status}, Allow: ${res.headers.get('allow')}, no Access-Control-* header)`);
  });

  await step('refused: the registration never reached natter (the name is still free)', async () => {
    const res = await fetch(`${refusedNatter}/api/auth/register/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: refusedUser, email: `${refusedUser}@example.com`, password: PASSWORD }),
    });
    check(res.status === 201, `registering ${refusedUser} directly -> HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!String(err.message).startsWith('stopping after failed step')) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  if (problems.length) {
    console.log('diagnostics (page errors):');
    for (const p of problems) console.log(`  ${p}`);
  }
  console.log(exitCode === 0 ? 'cross-origin browser test: all steps passed'
    : `cross-origin browser test: FAILED (${failures.length ? failures.join('; ') : 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
