// Bots and their hooks in a real browser, run by tests/browser.rs:
//
//   node tests/browser/bots.mjs <base-url> <admin-username> <admin-password> <screenshot-dir>
//
// The administrator (made with `natter create-user --admin`) owns a room with bob in it.
// At 1100 px and at 390 px wide, with a bot and a room of its own each time:
// - the administrator opens Administration, then its Bots page, and makes a bot: its key
//   and the key's hook URL are shown once, with "copy it now", and the focus on them; the
//   page opened afresh shows the bot but never its key again;
// - adds the bot to the room from the select of their own groups and rooms, with the
//   keyboard (the focus ring shows), and copies the room's hook URL with its Copy button
//   (the clipboard holds it);
// - this script POSTs Slack's `{"text":"*deploy* done"}` to that URL; the message shows up
//   live in the administrator's open room by the bot's name with a "BOT" badge (text) and a
//   bold "deploy", and in bob's (not an administrator, signed in with the room open since
//   before the bot existed) too;
// - WCAG AA contrast in both themes on the Bots page and in the room.
// At 1100 px also: the outgoing webhook URL is edited (a private address refused in the
// server's words first); a new key is made after a question (shown once; the old hook URL
// answers 404 and the new one posts). At 390 px: the bot leaves the room (its hook URL
// stops) and is deleted after a question.
// Screenshots go to <screenshot-dir>: web-client-bots-<w>.png, web-client-bot-message-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, assertContrast, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir] = process.argv.slice(2);
if (!base || !adminName || !adminPassword || !shotDir) {
  console.error('usage: node bots.mjs <base-url> <admin-username> <admin-password> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const KEY = /^[1-9][0-9]*-[0-9a-f]{64}$/;

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;

/** POSTs `payload` as JSON to a hook URL from here (not the browser): `{status, text}`. */
async function hook(url, payload) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: res.status, text: (await res.text()).trim() };
}

try {
  const { call, register } = await apiClient(origin);
  const admin = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const bob = await register(`bob_${run}`, PASSWORD);

  const signIn = async (page, name, password) => {
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').fill(name, { timeout: T });
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  };
  const openChat = async (page, id) => {
    const back = page.getByTestId('back-button');
    if (await back.isVisible()) await back.click();
    await page.locator(`[data-testid="chat-item"][data-chat-id="${id}"]`).click({ timeout: T });
    await page.getByTestId('message-input').waitFor({ timeout: T });
  };

  for (const width of [1100, 390]) {
    const tag = `${run}_${width}`;
    const botName = `deploybot_${tag}`;
    const botShown = `Deploy bot ${width}`;
    const room = await call('POST', '/api/rooms/', admin.token, { name: `Ops ${tag}`, description: 'deploys' });
    await call('POST', `/api/rooms/${room.id}/join/`, bob.token);

    const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await ctx.newPage();
    page.on('pageerror', (err) => console.log(`       page error (admin): ${err.message}`));
    // Bob is in the room before the bot exists: he learns it is a bot when it joins.
    const pageB = await (await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } })).newPage();
    pageB.on('pageerror', (err) => console.log(`       page error (bob): ${err.message}`));
    const botRow = page.locator(`[data-testid="bot-row"][data-username="${botName}"]`);
    let key;
    let hookUrl;

    await step(`${width}px: the administrator reaches the Bots page from Administration`, async () => {
      await signIn(pageB, bob.user.username, PASSWORD);
      await openChat(pageB, room.id);
      await signIn(page, adminName, adminPassword);
      await page.getByTestId('admin-page-link').click({ timeout: T });
      await page.getByTestId('admin-page').waitFor({ timeout: T });
      await page.getByTestId('admin-nav-bots').click({ timeout: T });
      await page.getByTestId('bots-page').waitFor({ timeout: T });
      if ((await page.evaluate(() => location.hash)) !== '#admin/bots') throw new Error('the Bots page is not at #admin/bots');
      const current = await page.getByTestId('admin-nav-bots').getAttribute('aria-current');
      if (current !== 'page') throw new Error(`the Bots link is not marked as the page shown (aria-current=${current})`);
    });

    await step(`${width}px: making a bot shows its key and key hook URL once, saying so, with the focus there`, async () => {
      await page.getByTestId('bot-username').fill(botName);
      await page.getByTestId('bot-display-name').fill(botShown);
      await page.getByTestId('bot-create-submit').click();
      const once = page.getByTestId('bot-key-once');
      await once.waitFor({ timeout: T });
      const words = await once.innerText();
      if (!/copy it now/i.test(words) || !/not be shown again/i.test(words)) throw new Error(`the key is shown without the warning: ${words}`);
      key = await once.getByTestId('bot-key').inputValue();
      if (!KEY.test(key)) throw new Error(`the key shown is ${JSON.stringify(key)}`);
      const keyHook = await once.getByTestId('bot-key-hook').inputValue();
      if (!keyHook.startsWith(`${origin}/hooks/`) || !keyHook.endsWith(key)) throw new Error(`the key's hook URL is ${keyHook}`);
      const focusIn = await once.evaluate((el) => el.contains(document.activeElement));
      if (!focusIn) throw new Error('the focus is not on the key shown');
      await botRow.waitFor({ timeout: T });
      await botRow.getByTestId('bot-badge').filter({ hasText: 'BOT' }).waitFor({ timeout: T });
      await assertContrast(page, 'the Bots page with a key shown');
      // "I have copied it" hides it.
      await once.getByTestId('bot-key-done').click();
      await once.waitFor({ state: 'detached', timeout: T });
    });

    await step(`${width}px: the Bots page opened afresh lists the bot but never shows its key again`, async () => {
      await page.reload();
      await page.getByTestId('bots-page').waitFor({ timeout: T });
      await botRow.waitFor({ timeout: T });
      if (await page.getByTestId('bot-key-once').count()) throw new Error('a key is shown again');
      const html = await page.content();
      if (html.includes(key.split('-')[1])) throw new Error('the key is somewhere in the page');
    });

    await step(`${width}px: the bot is added to the room with the keyboard (focus ring shown) and its hook URL copied`, async () => {
      const select = botRow.getByTestId('bot-add-chat');
      await select.selectOption(String(room.id), { timeout: T });
      await select.focus();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const cs = getComputedStyle(el);
        return { testid: el.dataset.testid, label: el.textContent.trim(), outline: `${cs.outlineStyle} ${cs.outlineWidth}`, ring: el.matches(':focus-visible') };
      });
      if (focused.testid !== 'bot-add-chat-submit') throw new Error(`Tab from the select went to ${JSON.stringify(focused)}`);
      if (!focused.ring || !focused.outline.startsWith('solid')) throw new Error(`no focus ring on Add: ${JSON.stringify(focused)}`);
      await page.keyboard.press('Enter');
      const chatRow = botRow.locator(`[data-testid="bot-chat"][data-chat-id="${room.id}"]`);
      await chatRow.waitFor({ timeout: T });
      hookUrl = await chatRow.getByTestId('bot-hook-url').inputValue();
      if (!hookUrl.startsWith(`${origin}/hooks/`)) throw new Error(`the room's hook URL is ${hookUrl}`);
      const label = await chatRow.getByTestId('bot-hook-url').getAttribute('aria-label');
      if (!label || !label.includes(`Ops ${tag}`)) throw new Error(`the hook URL field is labelled ${JSON.stringify(label)}`);
      await chatRow.getByTestId('bot-hook-url-copy').click();
      await chatRow.getByText('Copied.').waitFor({ timeout: T });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      if (copied !== hookUrl) throw new Error(`the clipboard holds ${JSON.stringify(copied)}, not the hook URL`);
      await page.screenshot({ path: join(shotDir, `web-client-bots-${width}.png`), fullPage: true });
      await assertContrast(page, 'the Bots page with a chat and its hook URL');
    });

    const botMessage = (p) => p.locator('[data-testid="message"][data-bot="true"]')
      .filter({ has: p.getByTestId('message-content').filter({ hasText: 'deploy done' }) });

    await step(`${width}px: a Slack payload POSTed to the hook URL shows up live in the open room, marked BOT, "deploy" bold`, async () => {
      await page.getByTestId('page-back').click();
      await openChat(page, room.id);
      const answer = await hook(hookUrl, { text: '*deploy* done' });
      if (answer.status !== 200 || answer.text !== 'ok') throw new Error(`the hook answered ${answer.status} ${answer.text}`);
      for (const [who, p] of [['the administrator', page], ['bob', pageB]]) {
        const row = botMessage(p);
        await row.waitFor({ timeout: T }).catch(() => { throw new Error(`${who} does not see the bot's message marked as a bot`); });
        const got = await row.evaluate((el) => ({
          sender: el.querySelector('[data-testid="message-sender"]').textContent,
          badge: el.querySelector('[data-testid="bot-badge"]')?.textContent,
          bold: el.querySelector('[data-testid="message-content"] strong')?.textContent,
          mine: el.dataset.mine,
          // Name, badge, time: nothing else in the header.
          meta: [...el.querySelector('.msg-meta').childNodes].map((n) => n.dataset?.testid || n.localName || `text:${n.textContent}`).join(' '),
        }));
        if (got.sender !== botShown || got.badge !== 'BOT' || got.bold !== 'deploy' || got.mine !== 'false'
          || got.meta !== 'message-sender bot-badge time') {
          throw new Error(`${who} sees ${JSON.stringify(got)}`);
        }
      }
      await page.screenshot({ path: join(shotDir, `web-client-bot-message-${width}.png`) });
      await assertContrast(page, 'a bot\'s message in the room');
      await assertContrast(pageB, 'a bot\'s message in bob\'s room');
    });

    await step(`${width}px: the room's details list the bot with its badge`, async () => {
      await page.getByTestId('chat-info-button').click();
      const member = page.getByTestId('chat-info-dialog').getByTestId('member').filter({ hasText: botShown });
      await member.getByTestId('bot-badge').waitFor({ timeout: T });
      await page.getByTestId('chat-info-dialog').getByTestId('dialog-close').click();
    });

    const toBots = async () => {
      await page.evaluate(() => { location.hash = '#admin/bots'; });
      await botRow.waitFor({ timeout: T });
    };

    if (width === 1100) {
      await step(`${width}px: the outgoing webhook URL is edited in place; a refused one is explained by the field`, async () => {
        await toBots();
        await botRow.getByTestId('bot-edit-webhook').click();
        const input = botRow.getByTestId('bot-webhook-input');
        // A private address: the server refuses it (`{"webhook_url": [...]}`), in its words.
        await input.fill('http://127.0.0.1:9/hook');
        await input.press('Enter');
        await botRow.getByTestId('bot-webhook-input-error').filter({ hasText: /\w/ }).waitFor({ timeout: T });
        if ((await input.getAttribute('aria-invalid')) !== 'true') throw new Error('the refused URL is not marked invalid');
        await input.fill('https://example.com/natter-hook');
        await input.press('Enter');
        await botRow.getByTestId('bot-webhook-url').filter({ hasText: 'https://example.com/natter-hook' }).waitFor({ timeout: T });
        const bots = await call('GET', '/api/bots/', admin.token);
        const saved = bots.results.find((b) => b.username === botName);
        if (!saved || saved.webhook_url !== 'https://example.com/natter-hook') throw new Error(`the API says ${JSON.stringify(saved)}`);
      });

      await step(`${width}px: a new key is made after a question, shown once; the old hook URL stops, the new one posts`, async () => {
        await botRow.getByTestId('bot-rotate').click();
        await botRow.getByTestId('bot-rotate-cancel').click();
        await botRow.getByTestId('bot-rotate').click();
        await botRow.getByTestId('bot-rotate-confirm').click();
        const once = botRow.getByTestId('bot-key-once');
        await once.waitFor({ timeout: T });
        const fresh = await once.getByTestId('bot-key').inputValue();
        if (!KEY.test(fresh) || fresh === key) throw new Error(`the new key is ${JSON.stringify(fresh)}`);
        const newHook = await botRow.locator(`[data-testid="bot-chat"][data-chat-id="${room.id}"]`).getByTestId('bot-hook-url').inputValue();
        if (newHook === hookUrl) throw new Error('the room\'s hook URL did not change with the key');
        const old = await hook(hookUrl, { text: 'old hook' });
        if (old.status !== 404) throw new Error(`the old hook URL answered ${old.status} ${old.text}`);
        const now = await hook(newHook, { text: '_again_ fine' });
        if (now.status !== 200) throw new Error(`the new hook URL answered ${now.status} ${now.text}`);
        await assertContrast(page, 'a new key shown once');
      });
    } else {
      await step(`${width}px: the bot leaves the room, then is deleted after a question`, async () => {
        await toBots();
        await botRow.locator(`[data-testid="bot-chat"][data-chat-id="${room.id}"]`).getByTestId('bot-chat-remove').click();
        await botRow.locator(`[data-testid="bot-chat"][data-chat-id="${room.id}"]`).waitFor({ state: 'detached', timeout: T });
        const gone = await hook(hookUrl, { text: 'after leaving' });
        if (gone.status < 400) throw new Error(`the hook URL still posts after the bot left: ${gone.status} ${gone.text}`);
        await botRow.getByTestId('bot-delete').click();
        await botRow.getByTestId('bot-delete-confirm').click();
        await botRow.waitFor({ state: 'detached', timeout: T });
        await page.getByTestId('bot-list-section-status').filter({ hasText: 'was deleted' }).waitFor({ timeout: T });
        const bots = await call('GET', '/api/bots/', admin.token);
        if (bots.results.some((b) => b.username === botName)) throw new Error('the API still lists the bot');
      });
    }
    await ctx.close();
    await pageB.context().close();
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'bots: all steps passed' : `bots: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
