// Pictures in chats, run by tests/browser.rs:
//
//   node tests/browser/pictures.mjs <base-url> <admin-username> <admin-password> [shot-dir]
//
// At 1100 and 390 px, in a group of ann and bob:
// - bob sent four large photos (noise, about 2.9 MB each as PNG) and a PDF. ann's history
//   page draws each photo from its thumbnail in a box whose size is set before it loads
//   (the box does not change when it does); the PDF is a file card. The bytes the page
//   downloads for the pictures, counted from the browser's own responses, are at least
//   ten times fewer than the originals the same page would fetch (fetched here too, and
//   counted the same way);
// - the viewer opens on the largest thumbnail and fetches the original only on "Full size".
// Custom emoji: the administrator adds `:shipit:` on the Admin page (1100 px); at both
// widths bob's `:shipit:` and his `:shipit:` reaction are drawn as its image, ann picks
// it from the composer's picker (a Custom group), then from the `:` autocomplete (`:shi`,
// custom first, Enter) beside a standard one (`:tad`, a click), and sends them; once the administrator
// removes it, the messages read `:shipit:` as text.
// Screenshots go to <shot-dir>: web-client-thumbnails-<w>.png, web-client-custom-emoji-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { launch, steps, apiClient, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node pictures.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

/** A `w` x `h` PNG of noise over a gradient (noise does not compress: a photo's weight). */
function noisyPng(w, h, seed) {
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
  head[8] = 8;
  head[9] = 2;
  const rows = Buffer.alloc(h * (w * 3 + 1));
  let s = seed;
  let i = 0;
  for (let y = 0; y < h; y++) {
    rows[i++] = 0;
    for (let x = 0; x < w; x++) {
      s = (s * 1103515245 + 12345) >>> 0;
      rows[i++] = (x * 255 / w + (s & 63)) & 255;
      rows[i++] = (y * 255 / h + ((s >>> 8) & 63)) & 255;
      rows[i++] = (128 + ((s >>> 16) & 63)) & 255;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head),
    chunk('IDAT', deflateSync(rows, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const admin = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');
  const upload = (who, name, mimeType, buffer) => call('POST', '/api/files/upload/', who.token, undefined,
    { file: { name, mimeType, buffer } });

  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signIn = async (ctx, name) => {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
    page.problems = () => { if (errors.length) throw new Error(`script errors:\n${errors.join('\n')}`); };
    return page;
  };
  const row = (page, id) => page.locator(`[data-testid="messages"] [data-testid="message"][data-message-id="${id}"]`);

  // The photos, uploaded once: each width's group gets its own message holding them.
  const photos = [];
  for (let n = 0; n < 4; n++) photos.push(await upload(bob, `photo-${n}.png`, 'image/png', noisyPng(1600, 1200, n + 1)));
  const pdf = await upload(bob, 'minutes.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% natter test\n'));
  const originalBytes = photos.reduce((sum, f) => sum + f.size, 0);

  for (const width of [1100, 390]) {
    const group = await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title: `Photos ${width} ${run}`, member_ids: [bob.user.id, admin.user.id] });
    const sent = await call('POST', `/messages/api/chats/${group.id}/messages/`, bob.token,
      { content: `Site visit ${width}`, attachment_ids: [...photos.map((f) => f.id), pdf.id] });
    if (sent.attachments.some((f) => f.content_type === 'image/png' && f.thumbnails.length !== 2)) {
      throw new Error(`the photos have no thumbnails: ${JSON.stringify(sent.attachments)}`);
    }
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 900 } });
    const pa = await signIn(ctx, ann.user.username);
    // Every byte of a file the page receives, by address.
    const received = new Map();
    const requested = [];
    pa.on('request', (req) => requested.push(new URL(req.url()).pathname));
    pa.on('response', async (res) => {
      const path = new URL(res.url()).pathname;
      if (!path.startsWith('/api/files/')) return;
      try { received.set(path, (received.get(path) || 0) + (await res.body()).length); } catch { /* a cancelled load */ }
    });

    await step(`${width}px: the photos are drawn from their thumbnails in boxes sized before they load`, async () => {
      await pa.evaluate((id) => { location.hash = `#chat/${id}`; }, group.id);
      const previews = row(pa, sent.id).getByTestId('image-preview');
      await until('four previews', async () => (await previews.count()) === 4);
      const before = await previews.evaluateAll((imgs) => imgs.map((i) => {
        const r = i.getBoundingClientRect();
        return [Math.round(r.width), Math.round(r.height), i.complete && i.naturalWidth > 0];
      }));
      for (const [w, h] of before) {
        if (w < 100 || h < 75 || Math.abs(w / h - 4 / 3) > 0.02) throw new Error(`a box is ${w} x ${h} before it loaded`);
      }
      await row(pa, sent.id).scrollIntoViewIfNeeded();
      await until('the previews to load', () => previews.evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)));
      const after = await previews.evaluateAll((imgs) => imgs.map((i) => {
        const r = i.getBoundingClientRect();
        return [Math.round(r.width), Math.round(r.height)];
      }));
      if (JSON.stringify(after) !== JSON.stringify(before.map(([w, h]) => [w, h]))) {
        throw new Error(`the boxes moved when the pictures loaded: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      }
      const sources = await previews.evaluateAll((imgs) => imgs.map((i) => i.currentSrc));
      if (!sources.every((s) => /\/api\/files\/\d+\/thumbnail\/\d+\/$/.test(s))) throw new Error(`drawn from ${sources}`);
      await row(pa, sent.id).getByTestId('file-card').waitFor({ timeout: T });
      if (!(await row(pa, sent.id).getByTestId('file-card').textContent()).includes('minutes.pdf')) throw new Error('no PDF card');
      await pa.screenshot({ path: join(shotDir, `web-client-thumbnails-${width}.png`) });
      pa.problems();
    });

    await step(`${width}px: the page downloads at least ten times fewer bytes than the originals`, async () => {
      const thumbs = [...received].filter(([p]) => p.includes('/thumbnail/'));
      const shown = thumbs.reduce((sum, [, n]) => sum + n, 0);
      if (thumbs.length < 4 || !shown) throw new Error(`thumbnails received: ${JSON.stringify(thumbs)}`);
      if ([...received.keys()].some((p) => p.endsWith('/download/'))) throw new Error('an original was fetched');
      // The same page drawing originals would fetch each of them: counted the same way.
      const originals = await pa.evaluate(async (ids) => {
        let n = 0;
        for (const id of ids) n += (await (await fetch(`/api/files/${id}/download/`)).arrayBuffer()).byteLength;
        return n;
      }, photos.map((f) => f.id));
      if (originals !== originalBytes) throw new Error(`the originals came to ${originals} bytes, not ${originalBytes}`);
      console.log(`       ${width}px: thumbnails ${shown} bytes, originals ${originals} bytes (${(originals / shown).toFixed(1)}x)`);
      if (shown * 10 > originals) throw new Error(`thumbnails took ${shown} bytes against ${originals}`);
      received.clear();
    });

    await step(`${width}px: the viewer shows the large thumbnail and loads the original on demand`, async () => {
      requested.length = 0;
      await row(pa, sent.id).getByTestId('image-preview').first().click();
      const viewer = pa.getByTestId('image-viewer');
      await viewer.waitFor({ timeout: T });
      const img = viewer.getByTestId('viewer-image');
      await until('the large thumbnail', async () => /\/thumbnail\/1280\/$/.test(await img.getAttribute('src')));
      await until('it to load', () => img.evaluate((i) => i.complete && i.naturalWidth > 0));
      if (requested.some((p) => p.endsWith('/download/'))) throw new Error('the original loaded before it was asked for');
      await viewer.getByTestId('viewer-full').click();
      await until('the original', async () => /\/download\/$/.test(await img.getAttribute('src')));
      await until('the original to load', () => img.evaluate((i) => i.complete && i.naturalWidth === 1600));
      await viewer.getByTestId('viewer-close').click();
      pa.problems();
    });
    await ctx.close();
  }

  // Custom emoji.
  const adminCtx = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 900 } });
  await step('1100px: the administrator adds :shipit: on the Admin page', async () => {
    const page = await adminCtx.newPage();
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(adminName, { timeout: T });
    await page.getByTestId('login-password').fill(adminPassword);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
    await page.evaluate(() => { location.hash = '#admin'; });
    await page.getByTestId('emoji-name').fill('shipit', { timeout: T });
    await page.getByTestId('emoji-file').setInputFiles({ name: 'shipit.png', mimeType: 'image/png', buffer: noisyPng(200, 200, 9) });
    await page.getByTestId('emoji-add').click();
    await page.locator('[data-testid="emoji-row"][data-name="shipit"] img').waitFor({ timeout: T });
  });
  const shipit = (await call('GET', '/api/emoji/', ann.token)).results.find((e) => e.name === 'shipit');
  if (!shipit) throw new Error('the emoji is not listed');

  for (const width of [1100, 390]) {
    const group = await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title: `Ship ${width} ${run}`, member_ids: [bob.user.id] });
    const said = await call('POST', `/messages/api/chats/${group.id}/messages/`, bob.token, { content: `ready :shipit: ${width}` });
    await call('POST', `/messages/api/messages/${said.id}/reactions/`, bob.token, { emoji: ':shipit:' });
    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 900 } });
    const pa = await signIn(ctx, ann.user.username);
    await step(`${width}px: :shipit: is drawn as its image in text and reactions, and picked from the picker`, async () => {
      await pa.evaluate((id) => { location.hash = `#chat/${id}`; }, group.id);
      const text = row(pa, said.id).getByTestId('message-content').getByTestId('custom-emoji');
      await text.waitFor({ timeout: T });
      if ((await text.getAttribute('alt')) !== ':shipit:') throw new Error('the image does not say its name');
      await until('the image to load', () => text.evaluate((i) => i.complete && i.naturalWidth === 128));
      await row(pa, said.id).getByTestId('reaction').getByTestId('custom-emoji').waitFor({ timeout: T });
      await pa.getByTestId('emoji-button').click();
      const cell = pa.getByTestId('emoji-picker').locator('[data-emoji=":shipit:"]');
      await cell.waitFor({ timeout: T });
      await cell.click();
      const input = pa.getByTestId('message-input');
      if (!(await input.inputValue()).includes(':shipit:')) throw new Error(`the message box reads ${await input.inputValue()}`);
      await input.press('End');
      await input.type(` from ann ${width}`);
      // The `:` autocomplete: custom emoji first, picked with Enter; standard ones with Tab.
      await input.type(' :shi');
      await pa.locator('[data-testid="emoji-option"][data-name="shipit"]').waitFor({ timeout: T });
      const list = pa.getByTestId('emoji-list');
      if ((await input.getAttribute('aria-controls')) !== (await list.getAttribute('id'))
        || (await input.getAttribute('aria-expanded')) !== 'true') throw new Error('the box does not name the open emoji list');
      const first = pa.getByTestId('emoji-option').first();
      if ((await first.getAttribute('data-name')) !== 'shipit') throw new Error('the custom emoji is not offered first');
      await input.press('Enter');
      if (!(await input.inputValue()).endsWith(':shipit: ')) throw new Error(`after Enter the box reads ${await input.inputValue()}`);
      await input.type(':tad');
      await pa.locator('[data-testid="emoji-option"][data-name="tada"]').waitFor({ timeout: T });
      await pa.locator('[data-testid="emoji-option"][data-name="tada"]').click();
      if (!(await input.inputValue()).endsWith('🎉 ')) throw new Error(`after a click the box reads ${await input.inputValue()}`);
      if (!(await list.isHidden()) || (await input.getAttribute('aria-expanded')) !== 'false') throw new Error('the list stays open');
      await pa.getByTestId('send-button').click();
      const mine = pa.locator('[data-testid="message"]', { hasText: `from ann ${width}` });
      await until('both :shipit: drawn as images', async () => (await mine.getByTestId('custom-emoji').count()) === 2);
      if (!(await mine.getByTestId('message-content').textContent()).includes('🎉')) throw new Error('the picked standard emoji is not sent');
      await pa.screenshot({ path: join(shotDir, `web-client-custom-emoji-${width}.png`) });
      pa.problems();
    });
    if (width === 390) {
      await step(`${width}px: once removed, :shipit: reads as text`, async () => {
        await call('DELETE', `/api/emoji/${shipit.id}/`, admin.token);
        await pa.reload();
        await online(pa).waitFor({ timeout: T });
        const message = row(pa, said.id);
        await until('the name as text', async () => (await message.getByTestId('message-content').textContent()).includes('ready :shipit:'));
        if (await message.getByTestId('custom-emoji').count()) throw new Error('the image is still drawn');
        pa.problems();
      });
    }
    await ctx.close();
  }
  await adminCtx.close();
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'pictures: all steps passed' : `pictures: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
