// Statuses and quiet hours in a real browser, run by tests/browser.rs
// (`statuses_and_quiet_hours_in_the_browser`):
//
//   node tests/browser/status.mjs <base-url> <admin-username> <admin-password> <shot-dir>
//
// At 1100 and 390 px, ann and bob share a direct chat:
// - the browser's time zone reaches ann's account by itself;
// - ann sets a status from the picker beside her picture ("On holiday", cleared after
//   this week); her status emoji shows beside her name on bob's screen, live, in the
//   sidebar and the chat's header, and in the directory;
// - bob pauses his notifications on the account page; when ann opens their chat, the line
//   above her message box says bob is in quiet hours, with the time where he is;
// - ann clears her status and the emoji goes from bob's screen, live.
// Screenshots go to <shot-dir>: web-client-status-<w>.png, web-client-quiet-line-<w>.png,
// web-client-quiet-hours-<w>.png.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no fixed sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient, untilWithin, signedInThroughForm } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node status.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const ZONE = 'Asia/Tokyo';

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const person = (name, display) => call('POST', '/api/auth/register/', null,
    { username: `${name}_${run}`, email: `${name}_${run}@example.com`, password: PASSWORD, display_name: display });

  const signIn = (name, width) => signedInThroughForm(browser, origin, { name, password: PASSWORD, width, timeout: T, context: { timezoneId: ZONE } });
  const item = (page, chatId) => page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const openChat = async (page, chatId) => {
    if (await page.getByTestId('back-button').isVisible()) await page.getByTestId('back-button').click();
    await item(page, chatId).click({ timeout: T });
    await page.getByTestId('messages').waitFor({ timeout: T });
  };
  const badgeIn = (locator) => locator.locator('[data-testid="status-emoji"]:not([hidden])');

  for (const width of [1100, 390]) {
    const ann = await person(`ann${width}`, `Ann ${width}`);
    const bob = await person(`bob${width}`, `Bob ${width}`);
    const dm = await call('POST', '/messages/api/chats/', ann.token, { chat_type: 'dm', member_ids: [bob.user.id] });
    await call('POST', `/messages/api/chats/${dm.id}/messages/`, bob.token, { content: `hello ${width}` });
    const pa = await signIn(ann.user.username, width);
    const pb = await signIn(bob.user.username, width);

    await step(`${width}px: the browser's time zone reaches the account by itself`, async () => {
      await until('the zone saved', async () =>
        (await call('GET', '/messages/api/me/quiet-hours/', ann.token)).time_zone === ZONE);
    });

    await step(`${width}px: ann sets a status; bob sees its emoji beside her name, live`, async () => {
      await pa.getByTestId('status-button').click();
      await pa.getByTestId('status-dialog').waitFor({ timeout: T });
      await pa.getByTestId('status-emoji-input').fill('🌴');
      await pa.getByTestId('status-text').fill('On holiday');
      await pa.getByTestId('status-clear-after').selectOption('week');
      await pa.screenshot({ path: join(shotDir, `web-client-status-${width}.png`) });
      await pa.getByTestId('status-save').click();
      await pa.getByTestId('status-dialog').waitFor({ state: 'detached', timeout: T });
      await badgeIn(pa.getByTestId('status-button')).waitFor({ timeout: T });
      const mine = await call('GET', '/messages/api/me/status/', ann.token);
      if (mine.text !== 'On holiday' || !mine.expires_at) throw new Error(JSON.stringify(mine));
      const badge = badgeIn(item(pb, dm.id));
      await badge.waitFor({ timeout: T });
      if ((await badge.textContent()) !== '🌴') throw new Error(`badge: ${await badge.textContent()}`);
      if (!(await badge.getAttribute('title')).includes('On holiday')) throw new Error('no words in the title');
      await openChat(pb, dm.id);
      await badgeIn(pb.getByTestId('chat-header-title')).waitFor({ timeout: T });
    });

    await step(`${width}px: bob pauses notifications; ann sees he is quiet before she writes`, async () => {
      await pb.goto(`${origin}/#account`);
      await pb.getByTestId('quiet-hours').waitFor({ timeout: T });
      await pb.getByTestId('quiet-pause-for').selectOption('60');
      await pb.getByTestId('quiet-pause').click();
      await pb.getByTestId('quiet-resume').waitFor({ timeout: T });
      await pb.getByTestId('quiet-hours').screenshot({ path: join(shotDir, `web-client-quiet-hours-${width}.png`) });
      const quiet = await call('GET', '/messages/api/me/quiet-hours/', bob.token);
      if (!quiet.quiet) throw new Error(JSON.stringify(quiet));
      await openChat(pa, dm.id);
      const line = pa.getByTestId('quiet-line');
      await until('the quiet line', async () => (await line.isVisible()) && (await line.textContent()).includes('quiet hours'));
      const text = await line.textContent();
      if (!/it is \d\d:\d\d for them/.test(text)) throw new Error(`no local time: ${text}`);
      await pa.screenshot({ path: join(shotDir, `web-client-quiet-line-${width}.png`) });
    });

    await step(`${width}px: the directory shows ann's status and bob's quiet mark`, async () => {
      await pb.goto(`${origin}/#people`);
      const annRow = pb.locator(`[data-testid="person-row"][data-user-id="${ann.user.id}"]`);
      await badgeIn(annRow).waitFor({ timeout: T });
      await pa.goto(`${origin}/#people`);
      const bobRow = pa.locator(`[data-testid="person-row"][data-user-id="${bob.user.id}"]`);
      await bobRow.getByTestId('person-quiet').waitFor({ timeout: T });
      await pb.goto(`${origin}/#`);
      await item(pb, dm.id).waitFor({ timeout: T });
    });

    await step(`${width}px: ann clears her status and the emoji goes from bob's screen, live`, async () => {
      await pa.goto(`${origin}/#`);
      await pa.getByTestId('status-button').click();
      await pa.getByTestId('status-clear').click();
      await pa.getByTestId('status-dialog').waitFor({ state: 'detached', timeout: T });
      await until('the badge gone', async () => (await badgeIn(item(pb, dm.id)).count()) === 0);
    });

    for (const page of [pa, pb]) {
      page.problems();
      await page.context().close();
    }
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'status: all steps passed' : `status: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
