// The message box in a real browser, run by tests/browser.rs:
//
//   node tests/browser/composer.mjs <base-url> <screenshot-dir>
//
// At 1100 px and at 390 px, alice (with bob in a direct chat A and a group B):
// - sends Markdown; bold, italic, code, a list, a quote and a link are elements, while a
//   <script> and an <img onerror> stay text; the API gives back the text as typed;
// - opens the emoji picker by the box, finds "rocket" by name and picks it with the
//   keyboard (it lands at the caret); Escape closes it and gives the focus back;
// - reacts with an emoji beyond the six through "More…" (the API shows it);
// - pastes a PNG (a paste ClipboardEvent holding a DataTransfer with a File): its upload
//   is held by page.route so the progress bar can be seen, then it is sent with the text;
//   a file dropped on the chat area shows up and is removed again;
// - types a draft with an attachment in A; it survives switching to B and back, and a reload;
// - sends it while page.route refuses the POST: the error is shown and the text and the
//   attachment stay; once the route is gone it is sent and the draft is cleared.
// Screenshots go to <screenshot-dir>: web-client-markdown-<w>.png,
// web-client-emoji-picker-<w>.png, web-client-upload-progress-<w>.png (w = 1100, 390).
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, assertContrast, untilWithin } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node composer.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: false });
const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  for (const width of [1100, 390]) {
    const alice = await register(`alice_${width}_${run}`, PASSWORD);
    const bob = await register(`bob_${width}_${run}`, PASSWORD);
    const chatA = await call('POST', '/messages/api/chats/', alice.token, { chat_type: 'dm', member_ids: [bob.user.id] });
    const chatB = await call('POST', '/messages/api/chats/', alice.token,
      { chat_type: 'group', title: `Group ${width} ${run}`, member_ids: [bob.user.id] });
    const latest = async (chat) => {
      const page = await call('GET', `/messages/api/chats/${chat.id}/messages/`, alice.token);
      return (Array.isArray(page) ? page : page.results)[0];
    };

    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    page.on('pageerror', (err) => console.log(`       page error: ${err.message}`));
    const input = page.getByTestId('message-input');
    const openChat = async (chat) => {
      const back = page.getByTestId('back-button');
      if (await back.isVisible()) await back.click();
      await page.locator(`[data-testid="chat-item"][data-chat-id="${chat.id}"]`).click({ timeout: T });
      await input.waitFor({ timeout: T });
      await until(`chat ${chat.id} open`, async () => (await page.evaluate(() => location.hash)) === `#chat/${chat.id}`);
    };
    const mine = (text) => page.locator('[data-testid="message"][data-mine="true"]')
      .filter({ has: page.getByTestId('message-content').filter({ hasText: text }) });

    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(alice.user.username, { timeout: T });
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    await openChat(chatA);

    const raw = `**bold ${run}** and *italic* and \`code\` and [the site](https://example.com/x?y=1)\n- one\n- two\n`
      + `> quoted words\n<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2">`;
    await step(`${width}px: Markdown is rendered as elements, markup stays text, the API keeps the raw text`, async () => {
      await input.fill(raw);
      await input.press('Enter');
      const row = mine(`bold ${run}`);
      await row.waitFor({ timeout: T });
      const got = await row.getByTestId('message-content').evaluate((el) => ({
        strong: el.querySelector('strong')?.textContent,
        em: el.querySelector('em')?.textContent,
        code: el.querySelector('code')?.textContent,
        items: [...el.querySelectorAll('ul > li')].map((li) => li.textContent),
        quote: el.querySelector('blockquote')?.textContent,
        link: el.querySelector('a') && { href: el.querySelector('a').getAttribute('href'), text: el.querySelector('a').textContent,
          rel: el.querySelector('a').rel },
        markup: el.querySelectorAll('script, img').length,
        text: el.textContent,
        pwned: window.__pwned ?? null,
      }));
      const want = { strong: `bold ${run}`, em: 'italic', code: 'code', items: ['one', 'two'], quote: 'quoted words' };
      for (const [k, v] of Object.entries(want)) {
        if (JSON.stringify(got[k]) !== JSON.stringify(v)) throw new Error(`${k}: ${JSON.stringify(got[k])} (all: ${JSON.stringify(got)})`);
      }
      if (!got.link || got.link.href !== 'https://example.com/x?y=1' || got.link.text !== 'the site' || !/noopener/.test(got.link.rel)) {
        throw new Error(`link ${JSON.stringify(got.link)}`);
      }
      const markup = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2">';
      if (got.markup || got.pwned !== null || !got.text.endsWith(markup)) {
        throw new Error(`markup ran or vanished: ${JSON.stringify(got)}`);
      }
      const stored = await latest(chatA);
      if (stored.content !== raw) throw new Error(`the API shows ${JSON.stringify(stored.content)}`);
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shotDir, `web-client-markdown-${width}.png`) });
      await assertContrast(page, 'web-client-markdown');
    });

    await step(`${width}px: the emoji picker inserts at the caret by keyboard; Escape closes it and returns the focus`, async () => {
      await input.fill('lift off !');
      await input.evaluate((el) => el.setSelectionRange(9, 9)); // before the "!"
      await page.getByTestId('emoji-button').click();
      const picker = page.getByTestId('emoji-picker');
      await picker.waitFor({ timeout: T });
      const label = await picker.getAttribute('aria-label');
      if (!label) throw new Error('the picker has no label');
      await page.screenshot({ path: join(shotDir, `web-client-emoji-picker-${width}.png`) });
      await assertContrast(page, 'web-client-emoji-picker');
      await page.getByTestId('emoji-search').fill('rocket');
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement.dataset.emoji);
      if (focused !== '🚀') throw new Error(`the first match focused is ${focused}`);
      await page.keyboard.press('Enter');
      await picker.waitFor({ state: 'detached', timeout: T });
      await until('the rocket in the box', async () => (await input.inputValue()) === 'lift off 🚀!');
      await page.getByTestId('emoji-button').click();
      await picker.waitFor({ timeout: T });
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'detached', timeout: T });
      await until('the focus back on the emoji button', () => page.evaluate(() => document.activeElement.dataset.testid === 'emoji-button'));
      await input.fill('');
    });

    await step(`${width}px: a reaction with an emoji beyond the six, through More…`, async () => {
      const row = mine(`bold ${run}`);
      await row.hover();
      await row.getByTestId('react-button').click({ timeout: T });
      await row.getByTestId('emoji-more').click({ timeout: T });
      await page.getByTestId('emoji-search').fill('rocket');
      await page.keyboard.press('Enter');
      await row.locator('[data-testid="reaction"][data-emoji="🚀"]').waitFor({ timeout: T });
      await until('the API to show the 🚀 reaction', async () => {
        const msg = await latest(chatA);
        return (msg.reactions || []).some((r) => r.emoji === '🚀' && r.count === 1);
      });
    });

    await step(`${width}px: a pasted image shows its upload progress and is sent with the message`, async () => {
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route('**/api/files/upload/', async (route) => { await held; await route.continue(); });
      await input.click();
      await input.evaluate(async (el) => {
        const canvas = document.createElement('canvas');
        canvas.width = 60;
        canvas.height = 40;
        const g = canvas.getContext('2d');
        g.fillStyle = '#e07a1f';
        g.fillRect(0, 0, 60, 40);
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
        const data = new DataTransfer();
        data.items.add(new File([blob], 'pasted.png', { type: 'image/png' }));
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      });
      const chip = page.getByTestId('pending-file').filter({ hasText: 'pasted.png' });
      await chip.getByTestId('upload-progress').waitFor({ timeout: T });
      if (!(await chip.textContent()).includes('uploading')) throw new Error('the chip does not say it is uploading');
      if (!(await page.getByTestId('send-button').isDisabled())) throw new Error('Send is enabled during the upload');
      await page.screenshot({ path: join(shotDir, `web-client-upload-progress-${width}.png`) });
      await assertContrast(page, 'web-client-upload-progress');
      release();
      await chip.getByTestId('upload-progress').waitFor({ state: 'detached', timeout: T });
      await page.unroute('**/api/files/upload/');
      const text = `a picture ${width} ${run}`;
      await input.fill(text);
      await input.press('Enter');
      await mine(text).getByTestId('image-preview').waitFor({ timeout: T });
      const stored = await latest(chatA);
      if (stored.content !== text || (stored.attachments || []).length !== 1) throw new Error(`the API shows ${JSON.stringify(stored)}`);
    });

    await step(`${width}px: a file dropped on the chat area is attached, and can be removed`, async () => {
      await page.locator('.scroller').evaluate((el) => {
        const data = new DataTransfer();
        data.items.add(new File(['dropped words'], 'dropped.txt', { type: 'text/plain' }));
        el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      const chip = page.getByTestId('pending-file').filter({ hasText: 'dropped.txt' });
      await until('the drop uploaded', async () => !(await chip.textContent()).includes('uploading'));
      if ((await page.getByTestId('pending-file').count()) !== 1) throw new Error('the drop was attached more than once');
      await chip.getByTestId('remove-file').click();
      await chip.waitFor({ state: 'detached', timeout: T });
    });

    const draft = `draft for A ${width} ${run}`;
    await step(`${width}px: a draft with an attachment survives switching chats and a reload`, async () => {
      await input.fill(draft);
      await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
      const chip = page.getByTestId('pending-file').filter({ hasText: 'notes.txt' });
      await until('the upload to finish', async () => !(await chip.textContent()).includes('uploading'));
      await openChat(chatB);
      if ((await input.inputValue()) !== '' || (await page.getByTestId('pending-file').count())) throw new Error('B shows A\'s draft');
      await openChat(chatA);
      await until('A\'s draft back', async () => (await input.inputValue()) === draft && (await chip.count()) === 1);
      await page.reload();
      await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
      await input.waitFor({ timeout: T }); // the hash (#chat/<A>) opens A again
      await until('A\'s draft after the reload', async () => (await input.inputValue()) === draft && (await chip.count()) === 1);
    });

    await step(`${width}px: a refused send keeps the text and the attachment; the next one sends and clears the draft`, async () => {
      const path = `**/messages/api/chats/${chatA.id}/messages/`;
      await page.route(path, (route) => (route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ detail: 'Refused for the test.' }) })
        : route.continue()));
      await input.press('Enter');
      await page.getByTestId('send-error').filter({ hasText: 'Not sent: Refused for the test.' }).waitFor({ timeout: T });
      if ((await input.inputValue()) !== draft) throw new Error(`the box holds ${JSON.stringify(await input.inputValue())}`);
      await page.getByTestId('pending-file').filter({ hasText: 'notes.txt' }).waitFor({ timeout: T });
      await page.unroute(path);
      await page.getByTestId('send-button').click();
      await mine(draft).getByTestId('attachment-link').waitFor({ timeout: T });
      await until('the box empty', async () => (await input.inputValue()) === '' && (await page.getByTestId('pending-file').count()) === 0);
      // The draft goes once the POST is answered, which may come after the message's
      // own event on the socket.
      const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('natter.draft.')));
      try {
        await until('the draft removed', async () => (await drafts()).length === 0);
      } catch {
        throw new Error(`drafts left: ${(await drafts()).join(', ')}`);
      }
    });
    await ctx.close();
  }
  exitCode = failures.length ? 1 : 0;
  if (failures.length) console.log(`${failures.length} step(s) failed: ${failures.join('; ')}`);
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
