// A day's work with the keyboard only, run by tests/browser.rs
// (`a_days_work_with_the_keyboard_only_in_the_browser`):
//
//   node tests/browser/keyboard.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// ann uses nothing but page.keyboard at 1100 px: she signs in, finds bob through "New
// message" and opens their direct chat, sends a message, replies in a thread on bob's
// message, reacts to it, answers bob's call and leaves it, and searches her messages.
// bob, the caller, uses the API and the mouse. After every Tab or Shift+Tab the focused
// element must be on screen with a focus indicator of its own (a computed outline or box
// shadow); the focus never stays trapped in one part of the page, except inside an open
// modal dialog, which Escape closes (the focus going back where it was).
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node keyboard.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const MAX_TABS = 120;

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch({ media: true });
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');
  // A room they share, so that bob is someone ann can find.
  const boss = await call('POST', '/api/auth/login/', null, { username: adminName, password: adminPassword });
  const room = await call('POST', '/api/rooms/', boss.token, { name: `team ${run}`, description: 'keyboard' });
  for (const who of [ann, bob]) await call('POST', `/api/rooms/${room.id}/join/`, who.token, {});

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 }, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.log(`[ann page error] ${err.message}`));
  const keys = page.keyboard;

  /** What has the focus: its test id, tag, label, whether it is on screen and whether it
   *  shows a focus indicator (an outline or a box shadow of its own, or of the label or
   *  wrapper the client draws it on). */
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { none: true };
    const r = el.getBoundingClientRect();
    let shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    for (let e = el; e && shown; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) < 0.5) shown = false;
    }
    const ring = (e) => {
      if (!e) return false;
      const cs = getComputedStyle(e);
      return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
    };
    const modal = el.closest('dialog[open]');
    return {
      testid: el.dataset.testid || '', tag: el.tagName.toLowerCase(), label: el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 40),
      shown, ring: ring(el) || (el.matches('input[type="file"]') && ring(el.closest('label, .attach'))),
      inModal: Boolean(modal), modal: modal ? modal.dataset.testid : null,
      part: (el.closest('dialog[open], [data-testid="thread-panel"], [data-testid="call-view"], .composer, .chats, .topbar, .account, .chat-header, [data-testid="messages"]') || {}).className || '',
    };
  });
  const describe = (f) => `${f.tag}[${f.testid || f.label}]`;
  /** One Tab (or Shift+Tab): the element it reaches must be on screen and show its focus. */
  const tab = async (back = false) => {
    await keys.press(back ? 'Shift+Tab' : 'Tab');
    if ((await focused()).none) return { none: true };
    // A message's actions fade in when focused (a 0.1 s transition): polled, not slept.
    return until('the focused element to be visible with a focus indicator', async () => {
      const f = await focused();
      if (!f.shown) throw new Error(`${describe(f)} is not on screen`);
      if (!f.ring) throw new Error(`${describe(f)} shows no focus indicator`);
      return f;
    }, 2_000);
  };
  /** Tabs until `want(f)` holds for the focused element; fails past MAX_TABS presses. */
  const tabTo = async (what, want, { back = false } = {}) => {
    const seen = [];
    for (let n = 0; n < MAX_TABS; n++) {
      const f = await tab(back);
      if (!f.none && await want(f)) return f;
      seen.push(f.none ? '(page)' : describe(f));
    }
    throw new Error(`${what} not reached in ${MAX_TABS} presses of ${back ? 'Shift+Tab' : 'Tab'}: ${seen.slice(-20).join(' ')}`);
  };
  const byId = (testid) => (f) => f.testid === testid;
  /** From the focus now, Tab must leave `part` (no trap outside a modal dialog). */
  const leaves = async (what) => {
    const start = await focused();
    for (let n = 0; n < MAX_TABS; n++) {
      const f = await tab();
      if (f.none || f.part !== start.part) return;
    }
    throw new Error(`the focus stays in ${what} (${start.part}) for ${MAX_TABS} presses of Tab`);
  };

  await step('ann signs in with the keyboard', async () => {
    await page.goto(`${origin}/`);
    await page.getByTestId('login-username').waitFor({ timeout: T });
    await tabTo('the username field', byId('login-username'));
    await keys.type(ann.user.username);
    await tabTo('the password field', byId('login-password'));
    await keys.type(PASSWORD);
    await keys.press('Enter');
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    if (await page.getByTestId('notify-prompt-no').isVisible().catch(() => false)) {
      await tabTo('"Not now" on the notifications prompt', byId('notify-prompt-no'));
      await keys.press('Enter');
      await page.getByTestId('notify-prompt').waitFor({ state: 'detached', timeout: T });
    }
  });

  await step('"New message" is a modal dialog: Tab stays inside, Escape closes it and the focus comes back', async () => {
    await tabTo('"New message"', byId('new-message'));
    await keys.press('Enter');
    await page.getByTestId('new-message-dialog').waitFor({ timeout: T });
    for (let n = 0; n < 8; n++) {
      const f = await tab();
      if (!f.none && !f.inModal) throw new Error(`Tab left the open dialog for ${describe(f)}`);
    }
    await keys.press('Escape');
    await page.getByTestId('new-message-dialog').waitFor({ state: 'detached', timeout: T });
    await until('the focus back on "New message"', async () => (await focused()).testid === 'new-message');
  });

  await step('ann finds bob through "New message" and opens their direct chat', async () => {
    await keys.press('Enter');
    await page.getByTestId('new-message-dialog').waitFor({ timeout: T });
    await until('the focus in the To field', async () => (await focused()).testid === 'new-message-search');
    await keys.type(bob.user.username);
    await page.locator('[data-testid="new-message-dialog"] [role="option"]').first().waitFor({ timeout: T });
    await keys.press('ArrowDown');
    await keys.press('Enter');
    await page.getByTestId('new-message-person').waitFor({ timeout: T });
    await tabTo('"Open chat"', byId('new-message-open'));
    await keys.press('Enter');
    await page.getByTestId('new-message-dialog').waitFor({ state: 'detached', timeout: T });
    await page.getByTestId('chat-header-title').filter({ hasText: 'Bob Stone' }).waitFor({ timeout: T });
  });

  let dmId;
  await step('ann sends a message; Tab leaves the message box (no trap)', async () => {
    await tabTo('the message box', byId('message-input'));
    await keys.type(`Morning Bob ${run}`);
    await keys.press('Enter');
    await page.locator('[data-testid="message"]', { hasText: `Morning Bob ${run}` }).waitFor({ timeout: T });
    dmId = (await page.evaluate(() => location.hash)).match(/^#chat\/(\d+)/)[1];
    const msgs = (await call('GET', `/messages/api/chats/${dmId}/messages/`, bob.token)).results;
    if (!msgs.some((m) => m.content === `Morning Bob ${run}`)) throw new Error('bob does not have the message');
    await tabTo('the message box again', byId('message-input'), { back: true }).catch(() => {});
    await leaves('the message box');
  });

  let bobs;
  await step('ann replies in a thread on bob\'s message and reacts to it', async () => {
    bobs = await call('POST', `/messages/api/chats/${dmId}/messages/`, bob.token, { content: `Can you review the draft ${run}?` });
    const row = page.locator(`[data-testid="message"][data-message-id="${bobs.id}"]`);
    await row.waitFor({ timeout: T });
    await tabTo('the message box', byId('message-input'));
    await tabTo('"Reply in thread" on bob\'s message', async (f) => f.testid === 'thread-button'
      && await row.getByTestId('thread-button').evaluate((b) => b === document.activeElement), { back: true });
    await keys.press('Enter');
    await page.getByTestId('thread-panel').waitFor({ timeout: T });
    await until('the focus in the thread\'s message box', async () => (await focused()).testid === 'thread-message-input'
      || (await tabTo('the thread\'s message box', byId('thread-message-input'))));
    await keys.type(`On it ${run}`);
    await keys.press('Enter');
    await until('the reply on the server', async () => {
      const thread = await call('GET', `/api/threads/${bobs.id}/`, bob.token);
      if (!thread.replies.some((m) => String(m.content).includes(`On it ${run}`))) throw new Error(JSON.stringify(thread.replies.map((m) => m.content)));
      return true;
    });
    await page.screenshot({ path: join(shotDir, 'keyboard-thread.png') });
    await keys.press('Escape');
    await page.getByTestId('thread-panel').waitFor({ state: 'hidden', timeout: T });
    await tabTo('the message box', byId('message-input'));
    await tabTo('"React" on bob\'s message', async (f) => f.testid === 'react-button'
      && await row.getByTestId('react-button').evaluate((b) => b === document.activeElement), { back: true });
    await keys.press('Enter');
    await until('the focus in the reactions', async () => (await focused()).inModal || /emoji|reaction/.test((await focused()).testid)
      || (await focused()).testid === 'emoji-option');
    await keys.press('Enter');
    await row.getByTestId('reaction').first().waitFor({ timeout: T });
    await until('the reaction on the server', async () => ((await call('GET', `/messages/api/chats/${dmId}/messages/`, bob.token)).results
      .find((m) => String(m.id) === String(bobs.id)).reactions || []).length > 0);
  });

  await step('ann answers bob\'s call and leaves it with the keyboard', async () => {
    const bobContext = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 }, permissions: ['camera', 'microphone'] });
    try {
      const login = await bobContext.request.post('/accounts/login/', { data: { username: bob.user.username, password: PASSWORD } });
      if (!login.ok()) throw new Error(`bob's login: ${login.status()}`);
      const pb = await bobContext.newPage();
      await pb.goto(`${origin}/#chat/${dmId}`);
      await pb.getByTestId('call-start').click({ timeout: T });
      await page.getByTestId('call-ringing').waitFor({ timeout: T });
      await until('the focus on "Answer"', async () => (await focused()).testid === 'call-answer');
      await keys.press('Enter');
      await page.getByTestId('call-view').waitFor({ timeout: T });
      await page.screenshot({ path: join(shotDir, 'keyboard-call.png') });
      await tabTo('"Leave the call"', byId('call-leave'));
      await keys.press('Enter');
      await page.getByTestId('call-view').waitFor({ state: 'detached', timeout: T });
    } finally {
      await bobContext.close();
    }
  });

  await step('ann searches her messages from "/" and opens a result with the arrows and Enter', async () => {
    await tabTo('the message box', byId('message-input'));
    await keys.press('Escape');
    // "/" outside a text box jumps to the search box.
    await tabTo('something that is no text box', (f) => !['input', 'textarea'].includes(f.tag), { back: true });
    await keys.press('/');
    await until('the focus in the message search', async () => (await focused()).testid === 'message-search');
    await keys.type('draft');
    await page.getByTestId('message-result').first().waitFor({ timeout: T });
    // The results are the search box's list: the arrows pick, Enter opens.
    await keys.press('ArrowDown');
    await keys.press('Enter');
    await page.locator(`[data-testid="message"][data-message-id="${bobs.id}"]`).waitFor({ timeout: T });
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
  console.log(exitCode === 0 ? 'keyboard: all steps passed' : `keyboard: FAILED (${failures.join('; ') || 'see above'})`);
  process.exit(exitCode);
}
