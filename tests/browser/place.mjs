// "The web client a team keeps open all day" in a real browser, run by
// tests/browser.rs:
//
//   node tests/browser/place.mjs <base-url> <screenshot-dir>
//
// Run once at 1100 px and once at 390 px wide, each with its own alice and bob. Alice sends
// bob 130 messages through the API (three pages of history); bob has read the first 60.
// - Where you left off: bob opens the chat at a "New messages" divider with message 61 in
//   view; the API shows his unread count moved only by the rows on screen, and reaching 0
//   only once he scrolls down; "Jump to first unread" brings the divider back; a message
//   arriving while he is scrolled up shows "1 new message below" (and stays unread) until
//   he clicks it.
// - Quote-reply: bob replies to message 5 (Escape cancels a first try); the sent text is
//   `> @alice [#id]: excerpt` + empty line + reply (read back through the API); alice,
//   whose page holds only the newest page, clicks the reply header: older pages load and
//   message 5 is highlighted in view. A reply to a message deleted since says it is gone.
// - The image viewer: two PNGs and a WAV sent by alice; bob clicks the first preview: a
//   modal dialog with its name and a Download link; ArrowRight/ArrowLeft move, Tab stays
//   inside, Escape closes and focus returns to the preview. The WAV plays inline (an
//   <audio controls> that loads its metadata).
// - `/` (outside text fields) puts keyboard focus in the message search box, with a chat
//   open, at both widths (at 390 px the chat list comes back first).
// Screenshots go to <screenshot-dir>: web-client-unread-{1100,390}.png,
// web-client-reply-{1100,390}.png, web-client-viewer-{1100,390}.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { join } from 'node:path';
import { launch, steps, apiClient, assertContrast, makePng, untilWithin } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node place.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const TOTAL = 130;
const READ = 60;

/** A valid WAV: 0.3 s of a 440 Hz tone, 8 kHz, 16-bit mono PCM. */
function makeWav() {
  const rate = 8000;
  const n = Math.round(rate * 0.3);
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** The excerpt rule of docs/api.md, written again here so the client is checked against it. */
function excerpt(text) {
  const first = text.split('\n').find((l) => l.trim()) || '';
  const clean = first.replaceAll('[#', '').replace(/\s+/g, ' ').trim();
  return clean.length <= 80 ? clean : `${clean.slice(0, 79).trimEnd()}…`;
}

const textOf = (i) => (i === 5
  ? `Message 5 [#not-a-reference] is long on purpose: ${'abcdefghij'.repeat(10)}\nand has a second line`
  : `Message ${i} of the backlog`);

const { step, failures } = steps({ stopOnFailure: false });
const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);

  for (const width of [1100, 390]) {
    const tag = `${run}${width}`;
    const names = { alice: `alice_${tag}`, bob: `bob_${tag}` };
    const alice = await register(names.alice, PASSWORD);
    const bob = await register(names.bob, PASSWORD);
    const dm = await call('POST', '/messages/api/chats/', alice.token, { chat_type: 'dm', member_ids: [bob.user.id] });
    const ids = [null]; // ids[i] is message i (1-based)
    for (let i = 1; i <= TOTAL; i++) {
      const m = await call('POST', `/messages/api/chats/${dm.id}/messages/`, alice.token, { content: textOf(i) });
      ids.push(m.id);
    }
    await call('POST', `/messages/api/chats/${dm.id}/mark-as-read/`, bob.token, { message_id: ids[READ] });
    const unread = async () => (await call('GET', `/messages/api/chats/${dm.id}/`, bob.token)).unread_count;

    const context = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 }, hasTouch: false });
    const signIn = async (page, name) => {
      await page.goto(`${origin}/`);
      await page.getByTestId('login-username').fill(name, { timeout: T });
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    };
    const pb = await context.newPage();
    const row = (page, id) => page.locator(`[data-testid="message"][data-message-id="${id}"]`);
    // Whether `el` lies within the history's scrolling box (at least partly).
    const inView = (loc) => loc.evaluate((el) => {
      const s = el.closest('.scroller').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.bottom > s.top && r.top < s.bottom;
    });
    const scroller = pb.locator('.chat-pane .scroller');

    await step(`${width}px: bob opens the chat at a "New messages" divider, message ${READ + 1} in view right after it`, async () => {
      if ((await unread()) !== TOTAL - READ) throw new Error(`unread before opening: ${await unread()}`);
      await signIn(pb, names.bob);
      await pb.locator(`[data-testid="chat-item"][data-chat-id="${dm.id}"]`).click({ timeout: T });
      const divider = pb.getByTestId('unread-divider');
      await divider.waitFor({ timeout: T });
      const first = row(pb, ids[READ + 1]);
      await until('the first unread row in view', () => inView(first));
      const next = await divider.evaluate((el) => {
        let n = el.nextElementSibling;
        while (n && !n.dataset.messageId) n = n.nextElementSibling;
        return n && n.dataset.messageId;
      });
      if (next !== String(ids[READ + 1])) throw new Error(`the divider precedes message ${next}, not ${ids[READ + 1]}`);
      if (!(await inView(divider))) throw new Error('the divider is not in view');
      await pb.screenshot({ path: join(shotDir, `web-client-unread-${width}.png`) });
      await assertContrast(pb, 'web-client-unread');
    });

    await step(`${width}px: the read marker moves only with the rows seen: some are read, most stay unread until bob scrolls down`, async () => {
      const n = await until('the rows on screen marked read', async () => { const u = await unread(); return u < TOTAL - READ && u; });
      if (n < 30) throw new Error(`${TOTAL - READ - n} messages were marked read on opening; only a screenful was seen`);
      // Nothing else moves it while bob does not scroll: the next answer agrees.
      await pb.getByTestId('jump-unread').waitFor({ state: 'hidden', timeout: T });
      await scroller.evaluate((s) => { s.scrollTop = s.scrollHeight; });
      await until('every message read after scrolling to the end', async () => (await unread()) === 0);
    });

    await step(`${width}px: "Jump to first unread" brings the divider back into view`, async () => {
      const jump = pb.getByTestId('jump-unread');
      await jump.waitFor({ timeout: T });
      if ((await jump.textContent()).trim() !== 'Jump to first unread') throw new Error(`the control says ${await jump.textContent()}`);
      await jump.click();
      await until('the divider in view', () => inView(pb.getByTestId('unread-divider')));
      await jump.waitFor({ state: 'hidden', timeout: T });
      await until('focus on the divider', () => pb.evaluate(() => document.activeElement?.dataset.testid === 'unread-divider'));
    });

    await step(`${width}px: a message arriving while scrolled up shows "1 new message below" and stays unread; the cue scrolls down`, async () => {
      const sent = await call('POST', `/messages/api/chats/${dm.id}/messages/`, alice.token, { content: `Arrived while up ${tag}` });
      const cue = pb.getByTestId('new-below');
      await cue.filter({ hasText: '1 new message below' }).waitFor({ timeout: T });
      await row(pb, sent.id).waitFor({ state: 'attached', timeout: T });
      if (await inView(row(pb, sent.id))) throw new Error('the new row is already in view');
      if ((await unread()) !== 1) throw new Error(`unread while scrolled up: ${await unread()}`);
      await cue.click();
      await until('the new message in view', () => inView(row(pb, sent.id)));
      await cue.waitFor({ state: 'hidden', timeout: T });
      await until('the new message read once seen', async () => (await unread()) === 0);
    });

    const replyText = `Answering the old one ${tag}`;
    let replyId;
    await step(`${width}px: bob replies to message 5 (Escape cancels a first try); the text carries the quote line`, async () => {
      const old = row(pb, ids[5]);
      await old.scrollIntoViewIfNeeded({ timeout: T });
      await old.hover();
      await old.getByTestId('reply-button').click();
      const bar = pb.getByTestId('reply-bar');
      await bar.waitFor({ timeout: T });
      const said = (await bar.getByTestId('reply-bar-text').textContent()).trim();
      if (said !== `Replying to ${names.alice}: ${excerpt(textOf(5))}`) throw new Error(`the bar says ${JSON.stringify(said)}`);
      const input = pb.getByTestId('message-input');
      await until('focus in the message box', () => pb.evaluate(() => document.activeElement?.dataset.testid === 'message-input'));
      await input.press('Escape');
      await bar.waitFor({ state: 'hidden', timeout: T });
      await old.hover();
      await old.getByTestId('reply-button').click();
      await bar.waitFor({ timeout: T });
      await input.fill(replyText);
      await input.press('Enter');
      await bar.waitFor({ state: 'hidden', timeout: T });
      const page = await call('GET', `/messages/api/chats/${dm.id}/messages/`, bob.token);
      const mine = page.results.find((m) => m.sender && m.sender.id === bob.user.id);
      const want = `> @${names.alice} [#${ids[5]}]: ${excerpt(textOf(5))}\n\n${replyText}`;
      if (!mine || mine.content !== want) throw new Error(`sent ${JSON.stringify(mine && mine.content)}, wanted ${JSON.stringify(want)}`);
      if ([...excerpt(textOf(5))].length !== 80 || excerpt(textOf(5)).includes('[#')) throw new Error('the test\'s excerpt is not cut');
      replyId = mine.id;
      const quote = row(pb, replyId).getByTestId('reply-quote');
      await quote.waitFor({ timeout: T });
      await until('the reply in view', () => inView(quote));
      const shown = await row(pb, replyId).getByTestId('message-content').innerText();
      if (shown.includes('[#')) throw new Error(`the quote line is shown as text: ${JSON.stringify(shown)}`);
      await pb.screenshot({ path: join(shotDir, `web-client-reply-${width}.png`) });
      await assertContrast(pb, 'web-client-reply');
    });

    const pa = await (await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } })).newPage();
    await step(`${width}px: alice clicks the reply header: older pages load and message 5 is shown, highlighted`, async () => {
      if (!replyId) throw new Error('no reply was sent');
      await signIn(pa, names.alice);
      await pa.locator(`[data-testid="chat-item"][data-chat-id="${dm.id}"]`).click({ timeout: T });
      const quote = row(pa, replyId).getByTestId('reply-quote');
      await quote.waitFor({ timeout: T });
      if (await row(pa, ids[5]).count()) throw new Error('message 5 was already loaded; the test would not page');
      const label = await quote.getAttribute('aria-label');
      if (!label.startsWith(`In reply to ${names.alice}:`)) throw new Error(`the header is labelled ${label}`);
      await quote.focus();
      await quote.press('Enter'); // by keyboard
      const target = row(pa, ids[5]);
      await target.and(pa.locator('[data-highlighted="true"]')).waitFor({ timeout: T });
      await until('message 5 in view', () => inView(target));
    });

    await step(`${width}px: a reply to a message that is not in the chat says so`, async () => {
      // A reply (reply_to) to a message deleted since: its header stays, the original is gone.
      const gone = await call('POST', `/messages/api/chats/${dm.id}/messages/`, bob.token, { content: `soon gone ${tag}` });
      await call('POST', `/messages/api/chats/${dm.id}/messages/`, bob.token, { content: `still answering ${tag}`, reply_to: gone.id });
      await call('DELETE', `/messages/api/messages/${gone.id}/`, bob.token);
      const quote = pa.locator(`[data-testid="reply-quote"][data-reply-to="${gone.id}"]`);
      await quote.waitFor({ timeout: T });
      await quote.click();
      await pa.getByTestId('chat-error').filter({ hasText: 'not in this chat' }).waitFor({ timeout: T });
    });

    await step(`${width}px: the image viewer: click opens it, arrows move, Tab stays inside, Escape closes, focus returns`, async () => {
      const files = [];
      for (const [name, mimeType, buffer] of [['first.png', 'image/png', makePng(200, 120)],
        ['second.png', 'image/png', makePng(120, 200)], ['tone.wav', 'audio/wav', makeWav()]]) {
        files.push(await call('POST', '/api/files/upload/', alice.token, undefined, { file: { name, mimeType, buffer } }));
      }
      await call('POST', `/messages/api/chats/${dm.id}/messages/`, alice.token,
        { content: `Two pictures ${tag}`, attachment_ids: [files[0].id, files[1].id] });
      await call('POST', `/messages/api/chats/${dm.id}/messages/`, alice.token,
        { content: `A sound ${tag}`, attachment_ids: [files[2].id] });
      const link = pb.locator(`a.image-link[data-file-id="${files[0].id}"]`);
      await link.waitFor({ timeout: T });
      await scroller.evaluate((s) => { s.scrollTop = s.scrollHeight; });
      await link.click();
      const viewer = pb.getByTestId('image-viewer');
      await viewer.waitFor({ timeout: T });
      const name = viewer.getByTestId('viewer-name');
      if ((await name.textContent()) !== 'first.png') throw new Error(`the viewer shows ${await name.textContent()}`);
      if (!(await viewer.evaluate((d) => d.open && d.matches(':modal')))) throw new Error('the viewer is not a modal dialog');
      const href = await viewer.getByTestId('viewer-download').getAttribute('href');
      if (href !== `/api/files/${files[0].id}/download/`) throw new Error(`Download goes to ${href}`);
      await until('the large image loaded', () => viewer.getByTestId('viewer-image').evaluate((i) => i.complete && i.naturalWidth === 200));
      await pb.screenshot({ path: join(shotDir, `web-client-viewer-${width}.png`) });
      await assertContrast(pb, 'web-client-viewer');
      await pb.keyboard.press('ArrowRight');
      await until('the second image', async () => (await name.textContent()) === 'second.png');
      await pb.keyboard.press('ArrowLeft');
      await until('the first image again', async () => (await name.textContent()) === 'first.png');
      for (let i = 0; i < 6; i++) {
        await pb.keyboard.press('Tab');
        if (!(await viewer.evaluate((d) => d.contains(document.activeElement)))) throw new Error(`Tab ${i + 1} left the viewer`);
      }
      await pb.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached', timeout: T });
      await until('focus back on the preview', () => link.evaluate((a) => document.activeElement === a));
    });

    await step(`${width}px: a WAV plays inline in an <audio controls>; its download link stays`, async () => {
      const audio = pb.getByTestId('audio-player').last();
      await audio.waitFor({ timeout: T });
      if (!(await audio.evaluate((a) => a.controls))) throw new Error('the player has no controls');
      await until('the sound\'s metadata loaded', () => audio.evaluate((a) => a.readyState >= 1 && a.duration > 0.2));
      const row = pb.getByTestId('message').filter({ has: audio });
      await row.getByTestId('attachment-link').filter({ hasText: 'tone.wav' }).waitFor({ timeout: T });
    });

    await step(`${width}px: "/" outside text fields puts keyboard focus in the message search box`, async () => {
      await pb.getByTestId('chat-header-title').click();
      await pb.keyboard.press('/');
      await until('focus in the message search', () => pb.evaluate(() => document.activeElement?.dataset.testid === 'message-search'));
      if (!(await pb.getByTestId('message-search').isVisible())) throw new Error('the focused search box is not visible');
    });
    await context.close();
    await pa.context().close();
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err && err.stack ? err.stack : err}`);
} finally {
  await browser.close();
}
if (failures.length) console.log(`${failures.length} step(s) failed: ${failures.join('; ')}`);
process.exit(exitCode);
