// Live regions, reduced motion and small screens, run by tests/browser.rs
// (`announcements_motion_and_zoom_in_the_browser`):
//
//   node tests/browser/announcements-motion-zoom.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// - Announcements: every line written into the page's live regions is logged from the
//   page's start (a MutationObserver added before the client runs). A message from bob in
//   ann's open chat is said once in the polite region, however often the chat redraws it
//   (an edit, a reaction); bob's call ringing is said once in the assertive region; a send
//   that fails is said once in the assertive region, and the error line itself is no
//   second live region. On a German page, someone's arrival in a room is said in German
//   ("Eve Ray ist beigetreten"), as the chat draws it, not as the server's "👋 joined".
// - Motion: with `prefers-reduced-motion: reduce` no element has an animation or a
//   transition (without it the message actions do fade, so the check sees a difference),
//   and no script scrolls smoothly while a search result is opened.
// - Zoom: at 320 px wide, and at 640 x 400 drawn twice as large (a 1280 x 800 screen at
//   200 %), the chat list, a chat with its message box, and the account page never scroll
//   sideways, every control shown lies within the width, and a chat is opened and a
//   message sent there.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { apiClient, launch, steps, untilWithin } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node announcements-motion-zoom.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: false });
const browser = await launch({ media: true });
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });
  const ann = await person('ann', 'Ann Lee');
  const bob = await person('bob', 'Bob Stone');
  const dm = await call('POST', '/messages/api/chats/', bob.token, { chat_type: 'dm', member_ids: [ann.user.id] });
  const send = (token, content) => call('POST', `/messages/api/chats/${dm.id}/messages/`, token, { content });
  await send(bob.token, `Hello Ann ${run}`);

  const signedIn = async (who, options = {}) => {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 }, permissions: ['camera', 'microphone'], ...options });
    // Every line the live regions receive, in order, from before the client's first module.
    await context.addInitScript(() => {
      window.__live = [];
      new MutationObserver((changes) => {
        for (const c of changes) {
          const region = c.target.nodeType === 1 && c.target.closest('[aria-live]');
          if (!region || region.closest('[data-live-error]')) continue;
          for (const n of c.addedNodes) {
            const text = (n.textContent || '').trim();
            if (text) window.__live.push({ politeness: region.getAttribute('aria-live'), testid: region.dataset.testid || '', text });
          }
        }
      }).observe(document, { childList: true, subtree: true });
      // Scripts' scrolling, to see whether any asks for smooth scrolling.
      window.__scrolls = [];
      for (const name of ['scrollIntoView', 'scrollTo', 'scrollBy']) {
        const original = Element.prototype[name];
        Element.prototype[name] = function (...args) {
          const opts = args[0] && typeof args[0] === 'object' ? args[0] : {};
          window.__scrolls.push({ name, behavior: opts.behavior || getComputedStyle(this).scrollBehavior });
          return original.apply(this, args);
        };
      }
    });
    const login = await context.request.post('/accounts/login/', { data: { username: who.user.username, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login ${who.user.username}: ${login.status()}`);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`[${who.user.username} page error] ${err.message}`));
    await page.goto(`${origin}/`);
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    const no = page.getByTestId('notify-prompt-no');
    if (await no.isVisible().catch(() => false)) await no.click();
    return page;
  };
  const said = (page) => page.evaluate(() => window.__live);
  const saidTimes = async (page, text, politeness) => (await said(page)).filter((l) => l.text === text && l.politeness === politeness).length;
  const region = (page, politeness) => page.locator(`[aria-live="${politeness}"][data-testid="${politeness === 'polite' ? 'live-announcer' : 'live-alert'}"]`);

  const pa = await signedIn(ann);
  await pa.evaluate((id) => { location.hash = `#chat/${id}`; }, dm.id);
  await pa.getByTestId('messages').waitFor({ timeout: T });

  await step('the two regions are there from the start, outside the app, one polite and one assertive', async () => {
    for (const politeness of ['polite', 'assertive']) {
      const where = await region(pa, politeness).evaluate((el) => ({ inApp: Boolean(el.closest('#app')), atomic: el.getAttribute('aria-atomic') }));
      if (where.inApp) throw new Error(`the ${politeness} region is inside #app, which redraws`);
    }
    const alerts = await pa.locator('[role="alert"]').count();
    if (alerts) throw new Error(`${alerts} element(s) still have role="alert" (a second live region for errors)`);
  });

  await step('a message from bob in the open chat is said once, politely, though the chat redraws it', async () => {
    const msg = await send(bob.token, `Lunch at noon ${run}?`);
    const words = `Bob Stone: Lunch at noon ${run}?`;
    await region(pa, 'polite').filter({ hasText: words }).waitFor({ state: 'attached', timeout: T });
    // Redraws of the same message: an edit and a reaction.
    await call('PATCH', `/messages/api/messages/${msg.id}/`, bob.token, { content: `Lunch at noon ${run}? (edited)` }).catch(async () =>
      call('PUT', `/messages/api/messages/${msg.id}/`, bob.token, { content: `Lunch at noon ${run}? (edited)` }));
    await pa.locator(`[data-testid="message"][data-message-id="${msg.id}"]`, { hasText: '(edited)' }).waitFor({ timeout: T });
    await call('POST', `/messages/api/messages/${msg.id}/reactions/`, bob.token, { emoji: '👍' });
    await pa.locator(`[data-testid="message"][data-message-id="${msg.id}"] [data-testid="reaction"]`).waitFor({ timeout: T });
    // A later message marks the end: by then every redraw of the first has happened.
    await send(bob.token, `See you there ${run}`);
    await region(pa, 'polite').filter({ hasText: `Bob Stone: See you there ${run}` }).waitFor({ state: 'attached', timeout: T });
    const times = await saidTimes(pa, words, 'polite');
    if (times !== 1) throw new Error(`"${words}" was said ${times} times: ${JSON.stringify(await said(pa))}`);
    const mine = await send(ann.token, `Sure ${run}`);
    await pa.locator(`[data-testid="message"][data-message-id="${mine.id}"]`).waitFor({ timeout: T });
    if ((await said(pa)).some((l) => l.text.includes(`Sure ${run}`))) throw new Error('ann\'s own message was announced to her');
  });

  await step('bob\'s call ringing is said once, in the assertive region', async () => {
    const bobContext = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 760 }, permissions: ['camera', 'microphone'] });
    try {
      const login = await bobContext.request.post('/accounts/login/', { data: { username: bob.user.username, password: PASSWORD } });
      if (!login.ok()) throw new Error(`bob's login: ${login.status()}`);
      const pb = await bobContext.newPage();
      await pb.goto(`${origin}/#chat/${dm.id}`);
      await pb.getByTestId('call-start').click({ timeout: T });
      await pa.getByTestId('call-ringing').waitFor({ timeout: T });
      const words = 'Bob Stone is calling you';
      await region(pa, 'assertive').filter({ hasText: words }).waitFor({ state: 'attached', timeout: T });
      await pa.getByTestId('call-decline').click();
      await pa.getByTestId('call-ringing').waitFor({ state: 'detached', timeout: T });
      await pb.getByTestId('call-leave').click({ timeout: T }).catch(() => {});
      const times = await saidTimes(pa, words, 'assertive');
      if (times !== 1) throw new Error(`"${words}" was said ${times} times`);
      if ((await said(pa)).some((l) => l.text === words && l.politeness === 'polite')) throw new Error('the ringing was also said politely');
    } finally {
      await bobContext.close();
    }
  });

  await step('a send that fails is said once, in the assertive region', async () => {
    await pa.route('**/messages/api/chats/*/messages/', (route) => (route.request().method() === 'POST'
      ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ content: ['This text cannot be sent right now.'] }) })
      : route.continue()));
    try {
      await pa.getByTestId('message-input').fill(`will fail ${run}`);
      await pa.getByTestId('message-input').press('Enter');
      const line = pa.getByTestId('send-error');
      await until('the error under the message box', async () => (await line.textContent()).trim());
      const text = (await line.textContent()).trim();
      await region(pa, 'assertive').filter({ hasText: text }).waitFor({ state: 'attached', timeout: T });
      // The chat redraws (a new message from bob) while the error stands.
      await send(bob.token, `Still there ${run}?`);
      await region(pa, 'polite').filter({ hasText: `Bob Stone: Still there ${run}?` }).waitFor({ state: 'attached', timeout: T });
      const times = (await said(pa)).filter((l) => l.text === text).length;
      if (times !== 1) throw new Error(`"${text}" was said ${times} times: ${JSON.stringify(await said(pa))}`);
      const live = await line.evaluate((el) => el.getAttribute('role') || el.getAttribute('aria-live'));
      if (live) throw new Error(`the error line is a live region itself (${live}): it would be said twice`);
    } finally {
      await pa.unroute('**/messages/api/chats/*/messages/');
    }
  });

  await step('in German, an arrival is said in German as the chat draws it, never in the server\'s English text', async () => {
    // lena arrives by herself (general, a default room, is made for her) and reads it in
    // German; eve arrives there after her.
    const newcomer = (name, display) => call('POST', '/api/auth/register/', null,
      { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display, join_default_rooms: true });
    const lena = await newcomer('lena', 'Lena Berg');
    const listed = await call('GET', '/messages/api/chats/', lena.token);
    const general = (Array.isArray(listed) ? listed : listed.results).find((c) => c.chat_type === 'room');
    if (!general) throw new Error(`lena landed in no room: ${JSON.stringify(listed)}`);
    const pl = await signedIn(lena, { locale: 'de-DE' });
    try {
      await pl.evaluate((id) => { location.hash = `#chat/${id}`; }, general.id);
      await pl.getByTestId('messages').waitFor({ timeout: T });
      await until('the page is in German', () => pl.evaluate(() => document.documentElement.lang === 'de'));
      await newcomer('eve', 'Eve Ray');
      const words = 'Eve Ray ist beigetreten';
      await region(pl, 'polite').filter({ hasText: words }).waitFor({ state: 'attached', timeout: T });
      const english = (await said(pl)).filter((l) => /joined|👋/u.test(l.text));
      if (english.length) throw new Error(`the arrival was said in the server's words: ${JSON.stringify(english)}`);
    } finally {
      await pl.context().close();
    }
  });

  await step('with reduced motion nothing animates, fades or scrolls smoothly; without it the actions fade', async () => {
    const row = pa.locator('[data-testid="message"]').last();
    const fade = () => row.locator('.msg-actions').evaluate((el) => getComputedStyle(el).transitionDuration);
    await pa.emulateMedia({ reducedMotion: 'no-preference' });
    if ((await fade()) === '0s') throw new Error('the message actions do not fade even without reduced motion: the check would see nothing');
    await pa.emulateMedia({ reducedMotion: 'reduce' });
    const moving = await pa.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
          const cs = getComputedStyle(el, pseudo);
          const durations = cs.transitionDuration.split(',').map((d) => parseFloat(d));
          if (cs.animationName !== 'none' || durations.some((d) => d > 0) || cs.scrollBehavior === 'smooth') {
            out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}: animation ${cs.animationName}, transition ${cs.transitionDuration}, scroll ${cs.scrollBehavior}`);
          }
        }
      }
      return out;
    });
    if (moving.length) throw new Error(`still moving under reduced motion:\n${moving.slice(0, 10).join('\n')}`);
    // Opening a search result scrolls to it: instantly.
    await pa.evaluate(() => { window.__scrolls = []; });
    await pa.getByTestId('message-search').fill(`noon ${run}`);
    await pa.getByTestId('message-result').first().click({ timeout: T });
    await until('a script scrolled to the result', () => pa.evaluate(() => window.__scrolls.length > 0));
    const smooth = (await pa.evaluate(() => window.__scrolls)).filter((s) => s.behavior === 'smooth');
    if (smooth.length) throw new Error(`smooth scrolling under reduced motion: ${JSON.stringify(smooth)}`);
    await pa.emulateMedia({ reducedMotion: 'no-preference' });
  });

  /** What lies outside the width: the page's own sideways scroll, and shown controls. */
  const sideways = (page) => page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push(`the page is ${document.documentElement.scrollWidth} px wide in ${innerWidth}`);
    for (const el of document.querySelectorAll('button, a[href], input:not([type="file"]), textarea, select, [tabindex="0"]')) {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      let shown = true;
      for (let e = el; e && shown; e = e.parentElement) {
        const cs = getComputedStyle(e);
        // A message's actions stay folded away until the message is tapped or focused.
        if (cs.visibility === 'hidden' || Number(cs.opacity) < 0.5 || cs.clipPath.startsWith('inset(50%')) shown = false;
      }
      if (shown && (r.left < -1 || r.right > innerWidth + 1)) out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid || el.getAttribute('aria-label') || ''}] at ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return out;
  });
  const fits = async (page, what) => {
    const out = await sideways(page);
    if (out.length) throw new Error(`${what}: ${out.slice(0, 10).join('; ')}`);
  };

  for (const [width, height, scale, label] of [[320, 640, 1, '320 px'], [640, 400, 2, '200 % zoom (640 x 400 at 2x)']]) {
    await step(`${label}: the chat list, a chat and its message box, and the account page fit and work`, async () => {
      const page = await signedIn(ann, { viewport: { width, height }, deviceScaleFactor: scale });
      try {
        const tag = `${width}-${scale}x`;
        await page.getByTestId('chat-list').locator('[data-testid="chat-item"]').first().waitFor({ timeout: T });
        await fits(page, `${label}, chat list`);
        await page.screenshot({ path: join(shotDir, `a11y-zoom-list-${tag}.png`) });
        const item = page.locator(`[data-testid="chat-item"][data-chat-id="${dm.id}"]`);
        await item.click({ timeout: T });
        await page.getByTestId('messages').waitFor({ timeout: T });
        await fits(page, `${label}, chat`);
        const input = page.getByTestId('message-input');
        await input.fill(`From a small screen ${run} ${tag}`);
        await page.getByTestId('send-button').click({ timeout: T });
        await page.locator('[data-testid="message"]', { hasText: `From a small screen ${run} ${tag}` }).waitFor({ timeout: T });
        await fits(page, `${label}, chat after sending`);
        await page.screenshot({ path: join(shotDir, `a11y-zoom-chat-${tag}.png`) });
        await page.goto(`${origin}/#account`);
        await page.getByTestId('account-page').waitFor({ timeout: T }).catch(() => page.locator('.page').first().waitFor({ timeout: T }));
        await fits(page, `${label}, account page`);
        // Its last control can be scrolled to and lies within the screen.
        const last = page.locator('.page').first().locator('button:visible, input:visible, a[href]:visible').last();
        await last.scrollIntoViewIfNeeded();
        const box = await last.boundingBox();
        if (!box || box.x < 0 || box.x + box.width > width + 1 || box.y < 0 || box.y + box.height > height + 1) throw new Error(`the account page's last control is at ${JSON.stringify(box)}`);
        await page.screenshot({ path: join(shotDir, `a11y-zoom-account-${tag}.png`) });
      } finally {
        await page.context().close();
      }
    });
  }

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
  console.log(exitCode === 0 ? 'announcements, motion and zoom: all steps passed' : `announcements, motion and zoom: FAILED (${failures.join('; ') || 'see above'})`);
  process.exit(exitCode);
}
