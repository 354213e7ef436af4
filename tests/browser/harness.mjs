// What the browser scripts that test one thing each share (own-routes.mjs, two-tabs.mjs):
// the system Chromium launched headless with the flags this machine needs, named steps
// that print ok/FAIL, and setup calls to natter's API with token credentials.
// Chromium is the system one (/usr/bin/chromium, or $NATTER_CHROMIUM); nothing is downloaded.

import { chromium, request as apiRequest } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** The system Chromium, headless, without the background networking this machine refuses.
 *  `media`: fake camera and microphone, granted without asking, and sound allowed before
 *  a click (the calls test). */
export function launch({ media = false } = {}) {
  const mediaArgs = media
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
      '--auto-select-desktop-capture-source=Entire screen']
    : [];
  return chromium.launch({
    executablePath: process.env.NATTER_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...mediaArgs],
    timeout: 60_000,
  });
}

/** Named steps: `step(name, fn)` prints `ok` or `FAIL` with the reason and records the
 *  failure in `failures`; with `stopOnFailure` a failed step also throws, so later steps
 *  that build on it do not run. */
export function steps({ stopOnFailure }) {
  const failures = [];
  async function step(name, fn) {
    const started = Date.now();
    try {
      await fn();
      console.log(`ok   - ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      console.log(`FAIL - ${name}: ${String((err && err.message) || err).split('\n').slice(0, 12).join('\n       ')}`);
      failures.push(name);
      if (stopOnFailure) throw new Error(`stopping after failed step: ${name}`);
    }
  }
  return { step, failures };
}

/** natter's API at `origin` with token credentials (no cookies): `call(method, path,
 *  token, data, multipart)` answers the parsed JSON or throws with the status and body;
 *  `register(name, password)` answers `{token, user}`. */
export async function apiClient(origin) {
  const api = await apiRequest.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const call = async (method, path, token, data, multipart) => {
    const res = await api.fetch(path, { method, headers: token ? { Authorization: `Token ${token}` } : {}, data, multipart });
    const body = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()}: ${body}`);
    return body ? JSON.parse(body) : null;
  };
  const register = (name, password) => call('POST', '/api/auth/register/', null,
    { username: name, email: `${name}@example.com`, password });
  return { call, register };
}

/** Visible text whose contrast with what is behind it is below WCAG AA (4.5:1, 3:1 large). */
export function lowContrastText() {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const cx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (color) => {
    cx.clearRect(0, 0, 1, 1);
    cx.fillStyle = '#000';
    cx.fillStyle = color;
    cx.fillRect(0, 0, 1, 1);
    const d = cx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const lum = (c) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || el.closest('[hidden], [disabled]')) return false;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.visibility === 'hidden' || Number(cs.opacity) < 0.99 || cs.clipPath.startsWith('inset(50%')) return false;
    }
    return true;
  };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!text || !shown(el)) continue;
    const cs = getComputedStyle(el);
    const bg = backdrop(el);
    const fg = over(rgba(cs.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      bad.push(`"${text.slice(0, 30)}" ${ratio.toFixed(2)}:1 (${fg.slice(0, 3).map(Math.round)} on ${bg.slice(0, 3).map(Math.round)})`);
    }
  }
  return bad;
}

/** Fails with the low-contrast texts of `page` as it is now, in the light and the dark
 *  theme (WCAG AA, `lowContrastText`); leaves the page in the light theme. */
export async function assertContrast(page, what) {
  const found = [];
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const bad of await page.evaluate(lowContrastText)) found.push(`${scheme}: ${bad}`);
  }
  if (found.length) throw new Error(`low contrast, ${what}:\n${[...new Set(found)].slice(0, 12).join('\n')}`);
}

/** `until(what, fn[, timeout])` for a script whose waits default to `defaultTimeout` ms:
 *  polls `fn` every 100 ms until it answers something truthy (which it returns), and
 *  throws after `timeout` saying what it waited for and the last error `fn` threw. */
export function untilWithin(defaultTimeout) {
  return async function until(what, fn, timeout = defaultTimeout) {
    const end = Date.now() + timeout;
    let last = 'condition never held';
    for (;;) {
      try {
        const value = await fn();
        if (value) return value;
      } catch (err) {
        last = err && err.message ? err.message : String(err);
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (${last})`);
      await new Promise((r) => setTimeout(r, 100)); // polling interval, not a wait for the app
    }
  };
}

/** A small real PNG (`w`x`h`, a colour gradient), made here so the tests need no asset. */
export function makePng(w = 240, h = 135) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const head = Buffer.alloc(13);
  head.writeUInt32BE(w, 0);
  head.writeUInt32BE(h, 4);
  head[8] = 8; // bit depth
  head[9] = 2; // truecolour
  const rows = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(Math.round((x * 255) / w), Math.round((y * 200) / h), 190 - Math.round((x * 120) / w));
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head),
    chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// Collects every CSP violation (reported by the browser itself, and by a listener that
// runs before the page's own code), console error and page error that `page` meets;
// the function returned throws with them all once there is any.
export async function watchProblems(context, page) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /Content Security Policy|CSP violation|Refused to/i.test(text)) {
      problems.push(`${msg.type()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return () => {
    if (problems.length) throw new Error(`reported in the browser:\n${problems.join('\n')}`);
  };
}

/** A page of a fresh context `width` px wide (800 high; `context` adds to its options)
 *  where `name` signed in through the sign-in form, its socket online and the one-time
 *  notifications question answered "no". `page.problems()` throws with the page errors
 *  it met, if any. */
export async function signedInThroughForm(browser, origin, { name, password, width, timeout, context = {} }) {
  const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 }, ...context });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${origin}/`);
  await page.getByTestId('login-username').fill(name, { timeout });
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout });
  const no = page.getByTestId('notify-prompt-no');
  if (await no.isVisible().catch(() => false)) await no.click();
  page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
  return page;
}

/** RFC 4648 base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The six-digit two-factor code of `secret` (base32) for the 30-second step `steps`
 *  from now (RFC 6238), as an authenticator app shows it. */
export function totp(secret, steps = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
