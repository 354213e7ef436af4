// Link previews in the web client, run by tests/browser.rs:
//
//   node tests/browser/link-previews.mjs <base-url> <site-url> <screenshot-dir>
//
// <site-url> is a website the test runs (a page with Open Graph tags and a picture) that
// natter may fetch from. alice sends its address to a group she shares with bob; at
// 1100 px (alice) and 390 px (bob) the card arrives live under the message (site, title,
// description, picture), its picture drawn at its size before it loads (no jump) and
// loaded from natter, never from the site; the card fits the phone's width; only alice
// has a remove button, and removing it takes the card away on both pages.
// Every wait is an auto-waiting locator or a polled condition with a timeout.

import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, site, shots] = process.argv.slice(2);
if (!base || !site) {
  console.error('usage: node link-previews.mjs <base-url> <site-url> [screenshot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const siteOrigin = new URL(site).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const alice = `alice_${run}`;
  const bob = `bob_${run}`;
  const ta = (await register(alice, PASSWORD)).token;
  const bobId = (await register(bob, PASSWORD)).user.id;
  const chatId = (await call('POST', '/messages/api/chats/', ta,
    { chat_type: 'group', title: 'Design', member_ids: [bobId] })).id;

  const siteRequests = [];
  const open = async (name, width) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    const login = await context.request.post('/accounts/login/', { data: { username: name, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    const page = await context.newPage();
    page.on('request', (r) => { if (r.url().startsWith(siteOrigin)) siteRequests.push(r.url()); });
    await page.goto(`${origin}/#chat/${chatId}`);
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    return page;
  };
  const desk = await open(alice, 1100);
  const phone = await open(bob, 390);
  const text = `The new design: ${site}/doc`;

  await step('the message shows at once; its card arrives live on both pages', async () => {
    await call('POST', `/messages/api/chats/${chatId}/messages/`, ta, { content: text });
    for (const page of [desk, phone]) {
      await page.getByTestId('message-content').filter({ hasText: 'The new design:' }).first().waitFor({ timeout: T });
      const card = page.getByTestId('link-preview');
      await card.waitFor({ timeout: T });
      const title = await card.getByTestId('link-preview-title').textContent();
      if (title !== 'Design <b>doc</b> v2') throw new Error(`title ${JSON.stringify(title)}`);
      if (await card.locator('b').count()) throw new Error('markup in the card became elements');
      const siteName = await card.getByTestId('link-preview-site').textContent();
      if (siteName !== 'Example Docs') throw new Error(`site ${siteName}`);
      const href = await card.getByTestId('link-preview-title').getAttribute('href');
      if (href !== `${site}/doc`) throw new Error(`href ${href}`);
    }
  });

  await step('the picture is drawn at its size before it loads, from natter', async () => {
    for (const page of [desk, phone]) {
      const img = page.getByTestId('link-preview-image');
      const attrs = await img.evaluate((el) => ({ src: el.getAttribute('src'), w: el.getAttribute('width'), h: el.getAttribute('height') }));
      if (!attrs.src.startsWith('/messages/api/link-previews/')) throw new Error(`src ${attrs.src}`);
      if (!(Number(attrs.w) > 0 && Number(attrs.h) > 0)) throw new Error(`no size: ${JSON.stringify(attrs)}`);
      const ratio = Number(attrs.w) / Number(attrs.h);
      const box = await until('the picture loaded', () => img.evaluate((el) => el.complete && el.naturalWidth > 0
        && { w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height }));
      if (Math.abs(box.w / box.h - ratio) > 0.05) throw new Error(`drawn ${box.w}x${box.h}, sized ${attrs.w}x${attrs.h}`);
    }
    if (siteRequests.length) throw new Error(`the browser contacted the site: ${siteRequests.join(', ')}`);
  });

  await step('on the phone the card fits the screen and has no remove button (bob did not send it)', async () => {
    const right = await phone.getByTestId('link-preview').evaluate((el) => el.getBoundingClientRect().right);
    if (right > 390) throw new Error(`the card reaches ${right} px`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth);
    if (overflow > 390) throw new Error(`the page scrolls sideways: ${overflow}`);
    if (await phone.getByTestId('link-preview-remove').count()) throw new Error('bob may remove it');
    if (shots) await phone.screenshot({ path: `${shots}/link-preview-390.png` });
    if (shots) await desk.screenshot({ path: `${shots}/link-preview-1100.png` });
  });

  await step('alice removes the card: it goes on both pages, the message stays', async () => {
    await desk.getByTestId('link-preview').hover();
    await desk.getByTestId('link-preview-remove').click({ timeout: T });
    for (const page of [desk, phone]) {
      await page.getByTestId('link-preview').waitFor({ state: 'detached', timeout: T });
      await page.getByTestId('message-content').filter({ hasText: 'The new design:' }).first().waitFor({ timeout: T });
    }
    const msg = (await call('GET', `/messages/api/chats/${chatId}/messages/`, ta)).results
      .find((m) => m.content === text);
    if (!msg || msg.previews) throw new Error(`the message: ${JSON.stringify(msg)}`);
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'link-previews: all steps passed' : `link-previews: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
