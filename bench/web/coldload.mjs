// What a cold and a warm load of the web client cost: headless
// Chromium over a simulated slow link (DevTools network emulation: 1.6 Mbit/s down,
// 750 kbit/s up, 150 ms round trip, about a slow 3G phone) opens the sign-in page of a
// natter at <base-url>, and this prints the requests, the bytes that crossed the link
// (transferSize: headers and bodies as sent, compressed or not) and the time until the
// sign-in form shows. Then it loads the page again with the browser's cache, as a
// person who comes back does.
//   node bench/web/coldload.mjs http://127.0.0.1:8000
// playwright-core comes from tests/browser/node_modules (cd tests/browser && npm ci).

import { createRequire } from 'node:module';
const require = createRequire(new URL('../../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.NATTER_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', {
  offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
});
let requests = 0;
let bytes = 0;
cdp.on('Network.requestWillBeSent', () => { requests += 1; });
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
for (const label of ['cold', 'warm']) {
  requests = 0;
  bytes = 0;
  const started = Date.now();
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('form', { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  console.log(JSON.stringify({ load: label, requests, bytes, ms: Date.now() - started }));
}
await browser.close();
