// What loading the web client costs on a slow mobile link: headless Chromium with
// DevTools network emulation (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, about a
// slow 3G phone) and the service worker blocked, so every file crosses the link.
//   cold     a fresh browser opens the sign-in page: requests, bytes, ms to the form
//   warm     the same browser opens it again (its cache kept): requests that crossed the
//            link (a file answered from the cache is not one), bytes, ms
//   signed   a signed-in person with a warm cache opens #chat/<id>: ms until the chat's
//            newest message shows
// Each is measured RUNS times (default 3, a fresh browser each) and printed as the
// median with the spread, against its target. Bytes are what crossed the link (headers
// and bodies as sent, compressed or not).
//   node bench/web/coldload.mjs http://127.0.0.1:8000 [RUNS]
// Over TLS with HTTP/2, natter behind a proxy with a certificate of its own (Caddy's
// `tls internal`): NODE_TLS_REJECT_UNAUTHORIZED=0 NATTER_BENCH_SPKI=<its key's sha256,
// base64> node bench/web/coldload.mjs https://localhost:8443; the key's hash:
//   echo | openssl s_client -connect localhost:8443 2>/dev/null | openssl x509 -pubkey
//   -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
// playwright-core comes from tests/browser/node_modules (cd tests/browser && npm ci).
// The natter at <base-url> must accept sign-ups (its default); the bench signs one up.

import { createRequire } from 'node:module';
const require = createRequire(new URL('../../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2];
const runs = Number(process.argv[3] || 3);
if (!base) {
  console.error('usage: node bench/web/coldload.mjs <base-url> [runs]');
  process.exit(2);
}
const TARGETS = { cold_ms: 1200, cold_bytes: 80_000, warm_ms: 500, warm_requests: 2, signed_ms: 800 };
const browser = await chromium.launch({
  executablePath: process.env.NATTER_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // A proxy's own certificate taken as valid (its key's sha256, base64), not merely let
    // through: Chromium keeps no favicon in its cache from a site whose certificate failed.
    ...(process.env.NATTER_BENCH_SPKI ? [`--ignore-certificate-errors-spki-list=${process.env.NATTER_BENCH_SPKI}`] : [])],
});

// A person with a chat whose newest message the signed-in load waits for.
const run = Date.now().toString(36);
const password = 'correct horse battery';
const api = async (method, path, token, body) => {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Token ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const signUp = async (name) => api('POST', '/api/auth/register/', null, { username: name, email: `${name}@example.com`, password });
const ann = await signUp(`bench_ann_${run}`);
const bob = await signUp(`bench_bob_${run}`);
const chat = await api('POST', '/messages/api/chats/', ann.token, { chat_type: 'dm', member_ids: [bob.user.id] });
const newest = `the newest message ${run}`;
for (let i = 0; i < 30; i++) await api('POST', `/messages/api/chats/${chat.id}/messages/`, ann.token, { content: `message ${i}` });
await api('POST', `/messages/api/chats/${chat.id}/messages/`, ann.token, { content: newest });

async function emulated() {
  const context = await browser.newContext({ serviceWorkers: 'block', ignoreHTTPSErrors: true });
  // When the sign-in form is on screen, by the page's own clock: the frame after it is
  // attached, then a task (about when it is painted). Read from outside, by polling, the
  // moment came late by up to half a second while the page parsed the modules it
  // preloads for after the sign-in.
  await context.addInitScript(() => {
    const seen = () => {
      if (!document.querySelector('form')) return false;
      requestAnimationFrame(() => setTimeout(() => {
        window.natterFormShownAt ??= performance.timeOrigin + performance.now();
      }, 0));
      return true;
    };
    new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
      .observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
  });
  // Requests that crossed the link: one the browser answered from its cache (an
  // immutable file) is not counted; a revalidation (304) is.
  const seen = { requests: 0, bytes: 0, urls: [], finished: [], clock: 0 };
  // The browser's event times are on a clock of its own: its wall time, from a request.
  cdp.on('Network.requestWillBeSent', (e) => { seen.clock = e.wallTime - e.timestamp; });
  const cached = new Set();
  cdp.on('Network.requestServedFromCache', (e) => { cached.add(e.requestId); });
  cdp.on('Network.responseReceived', (e) => {
    const r = e.response;
    if (!cached.has(e.requestId) && !r.fromDiskCache && !r.fromPrefetchCache && !r.fromServiceWorker) {
      seen.requests += 1;
      seen.urls.push(`${r.status} ${new URL(r.url).pathname}`);
    }
  });
  cdp.on('Network.loadingFinished', (e) => {
    seen.bytes += e.encodedDataLength;
    seen.finished.push({ at: (e.timestamp + seen.clock) * 1000, bytes: e.encodedDataLength });
  });
  return { context, page, seen };
}

async function load(page, seen, url, ready) {
  seen.requests = 0;
  seen.bytes = 0;
  seen.urls = [];
  seen.finished = [];
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  // `ready` answers when the thing waited for showed, by the page's clock, or nothing
  // (then: when it was seen from outside).
  const shownAt = (await ready()) || Date.now();
  const ms = Math.round(shownAt - started);
  // Up to the moment it showed; what follows is not on its path.
  const bytes = seen.finished.filter((f) => f.at <= shownAt).reduce((n, f) => n + f.bytes, 0);
  await page.waitForLoadState('networkidle');
  return { ms, requests: seen.requests, bytes, after: seen.bytes, urls: [...seen.urls] };
}

const figures = { cold: [], warm: [], signed: [] };
for (let r = 0; r < runs; r++) {
  const { context, page, seen } = await emulated();
  const form = async () => {
    await page.waitForFunction(() => window.natterFormShownAt, null, { timeout: 60_000 });
    return page.evaluate(() => window.natterFormShownAt);
  };
  figures.cold.push(await load(page, seen, base, form));
  figures.warm.push(await load(page, seen, base, form));
  // Sign in (not timed), then open the chat once to warm the cache.
  const login = await context.request.post(new URL('/accounts/login/', base).href,
    { data: { username: ann.user.username, password } });
  if (!login.ok()) throw new Error(`login: ${login.status()}`);
  await page.goto('about:blank'); // a change of the hash alone would not load the page
  await page.goto(`${base}/#chat/${chat.id}`);
  await page.getByTestId('message-content').filter({ hasText: newest }).waitFor({ timeout: 60_000 });
  await page.goto('about:blank');
  await page.waitForLoadState('networkidle');
  figures.signed.push(await load(page, seen, `${base}/#chat/${chat.id}`,
    () => page.getByTestId('message-content').filter({ hasText: newest }).waitFor({ timeout: 60_000 })));
  await context.close();
}
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs)}-${Math.max(...xs)}`;
const line = (name, value, range, target, unit) => {
  const ok = value <= target ? 'meets' : 'misses';
  console.log(`${name.padEnd(28)} ${String(value).padStart(8)} ${unit.padEnd(8)} (${range}) target <= ${target}: ${ok}`);
};
for (const [name, key] of [['cold', 'cold'], ['warm', 'warm'], ['signed in, warm', 'signed']]) {
  const ms = figures[key].map((f) => f.ms);
  const bytes = figures[key].map((f) => f.bytes);
  const requests = figures[key].map((f) => f.requests);
  const after = figures[key].map((f) => f.after);
  console.log(`${name}: requests ${median(requests)} (${spread(requests)}), bytes until shown ${median(bytes)} (${spread(bytes)}), until idle ${median(after)}, ms ${median(ms)} (${spread(ms)})`);
}
line('cold: ms to the sign-in form', median(figures.cold.map((f) => f.ms)), spread(figures.cold.map((f) => f.ms)), TARGETS.cold_ms, 'ms');
line('cold: bytes until the form shows', median(figures.cold.map((f) => f.bytes)), spread(figures.cold.map((f) => f.bytes)), TARGETS.cold_bytes, 'B');
line('warm: ms to the sign-in form', median(figures.warm.map((f) => f.ms)), spread(figures.warm.map((f) => f.ms)), TARGETS.warm_ms, 'ms');
console.log(`warm: what crossed the link in the last run: ${figures.warm[figures.warm.length - 1].urls.join(', ')}`);
line('warm: requests', median(figures.warm.map((f) => f.requests)), spread(figures.warm.map((f) => f.requests)), TARGETS.warm_requests, '');
line('signed in: ms to the newest', median(figures.signed.map((f) => f.ms)), spread(figures.signed.map((f) => f.ms)), TARGETS.signed_ms, 'ms');
