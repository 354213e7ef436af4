// A team's own server in a real browser, run by tests/browser.rs:
//
//   node tests/browser/team.mjs <base-url> <admin-username> <admin-password>
//
// natter serves with `--registration invite`; its one account, an administrator, was made
// with `natter create-user --admin`. Someone without an invitation is refused in the
// server's words. The administrator signs in, makes an invitation on the admin page and
// reads its link; a newcomer opens the link in another browser, signs up with the code
// already filled in and lands in the app, online. The administrator deactivates the
// newcomer, and the newcomer's open tab drops to the sign-in screen by itself, saying
// why. Reactivated, the newcomer sets a new password through a reset link the
// administrator made, and signs in with it. Every wait is an auto-waiting locator with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { launch, steps } from './harness.mjs';

const [base, adminName, adminPassword] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node team.mjs <base-url> <admin-username> <admin-password>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
// How soon a deactivated person's open tab must show the sign-in screen.
const SIGNED_OUT_WITHIN = 5_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;
try {
  const context = () => browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true, viewport: { width: 1100, height: 800 } });
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const fill = async (page, values) => {
    for (const [testid, value] of Object.entries(values)) await page.getByTestId(testid).fill(value, { timeout: T });
  };
  const stranger = `stranger_${run}`;
  const newcomer = `newcomer_${run}`;

  await step('invite mode: the first page says an invitation is needed, and a wrong code shows the server\'s refusal', async () => {
    // What the server says to a registration without a code, to compare with the page.
    const probe = await fetch(`${origin}/api/auth/register/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `probe_${run}`, email: `probe_${run}@example.com`, password: PASSWORD }),
    });
    if (probe.status !== 403) throw new Error(`register without a code answered ${probe.status}, not 403`);
    const refusal = await probe.json();
    // The rooms surface's envelope says it in `message` ({error, message, details}).
    const sentence = refusal.message || refusal.detail;
    if (!sentence) throw new Error(`the refusal has no sentence: ${JSON.stringify(refusal)}`);
    // Said in people's words: no field names.
    if (/invite_code|_/.test(sentence)) throw new Error(`the refusal speaks of fields: ${sentence}`);

    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${origin}/`);
    // The first page says an invitation is needed instead of offering a form to fail.
    await page.getByTestId('register-by-invitation').filter({ hasText: 'join link' }).waitFor({ timeout: T });
    if (await page.getByTestId('register-link').isVisible()) throw new Error('"Create an account" is offered without an invitation');
    // A link with a code the server does not know: the form, then the server's refusal.
    await page.goto(`${origin}/join/not-a-code-${run}`);
    await page.getByTestId('register-invite-code').waitFor({ timeout: T });
    await fill(page, {
      'register-username': stranger, 'register-email': `${stranger}@example.com`, 'register-password': PASSWORD,
    });
    await page.getByTestId('register-submit').click();
    const error = page.getByTestId('register-error');
    await error.filter({ hasText: /invitation/i }).waitFor({ timeout: T });
    if (await online(page).count()) throw new Error('the stranger got into the app');
    await ctx.close();
  });

  const adminCtx = await context();
  const admin = await adminCtx.newPage();
  await step('the administrator signs in and opens the admin page from the account tools', async () => {
    await admin.goto(`${origin}/`);
    await fill(admin, { 'login-username': adminName, 'login-password': adminPassword });
    await admin.getByTestId('login-submit').click();
    await online(admin).waitFor({ timeout: T });
    await admin.getByTestId('admin-page-link').click({ timeout: T });
    await admin.getByTestId('admin-page').waitFor({ timeout: T });
    await admin.locator(`[data-testid="admin-person"][data-username="${adminName}"]`).waitFor({ timeout: T });
  });

  let link;
  await step('the administrator makes an invitation (one use, 7 days) and reads its link', async () => {
    await admin.getByTestId('invite-uses').fill('1');
    await admin.getByTestId('invite-expiry').selectOption('7d');
    await admin.getByTestId('invite-create').click();
    const field = admin.getByTestId('invite-link');
    await field.waitFor({ timeout: T });
    link = await field.inputValue();
    if (!link.startsWith(`${origin}/join/`)) throw new Error(`unexpected invitation link ${link}`);
    await admin.locator('[data-testid="invite-row"][data-state="valid"]').first().waitFor({ timeout: T });
    await admin.locator('[data-testid="audit-row"][data-action="invitation.create"]').first().waitFor({ timeout: T });
  });

  const newCtx = await context();
  const tab = await newCtx.newPage();
  await step('the newcomer opens the link: sign-up shows, says they were invited, with the code filled in', async () => {
    await tab.goto(link);
    await tab.getByTestId('invite-notice').waitFor({ timeout: T });
    await tab.getByTestId('register-form').waitFor({ timeout: T });
    const code = decodeURIComponent(new URL(link).pathname.split('/')[2]);
    const filled = await tab.getByTestId('register-invite-code').inputValue();
    if (filled !== code) throw new Error(`invitation code field holds ${JSON.stringify(filled)}, not ${JSON.stringify(code)}`);
  });

  await step('the newcomer signs up and lands in the app at `/`, online', async () => {
    await fill(tab, {
      'register-username': newcomer, 'register-email': `${newcomer}@example.com`, 'register-password': PASSWORD,
    });
    await tab.getByTestId('register-submit').click();
    await online(tab).waitFor({ timeout: T });
    const path = new URL(tab.url()).pathname;
    if (path !== '/') throw new Error(`the app runs at ${path}, not /`);
    if (await tab.getByTestId('admin-page-link').isVisible()) throw new Error('a newcomer is shown the admin page link');
  });

  await step('the administrator finds the newcomer by search and deactivates them', async () => {
    await admin.getByTestId('admin-search').fill(newcomer);
    // The search has answered when the administrator's own row has gone from the list.
    await admin.locator(`[data-testid="admin-person"][data-username="${adminName}"]`).waitFor({ state: 'detached', timeout: T });
    const row = admin.locator(`[data-testid="admin-person"][data-username="${newcomer}"]`);
    await row.getByTestId('admin-deactivate').click({ timeout: T });
    await admin.locator(`[data-testid="admin-person"][data-username="${newcomer}"]`)
      .getByTestId('admin-reactivate').waitFor({ timeout: T });
    await admin.locator('[data-testid="audit-row"][data-action="user.deactivate"]').first().waitFor({ timeout: T });
  });

  await step(`the newcomer's open tab shows the sign-in screen by itself within ${SIGNED_OUT_WITHIN / 1000} s, saying why`, async () => {
    await tab.getByTestId('login-form').waitFor({ timeout: SIGNED_OUT_WITHIN });
    await tab.getByTestId('auth-notice').filter({ hasText: 'signed out' }).waitFor({ timeout: T });
    if (await online(tab).count()) throw new Error('the deactivated tab still says it is online');
  });

  await step('the administrator is offered no Deactivate or Remove admin on their own row', async () => {
    await admin.getByTestId('admin-search').fill(adminName);
    await admin.locator(`[data-testid="admin-person"][data-username="${newcomer}"]`).waitFor({ state: 'detached', timeout: T });
    const row = admin.locator(`[data-testid="admin-person"][data-username="${adminName}"]`);
    await row.getByTestId('admin-reset-password').waitFor({ timeout: T });
    for (const testid of ['admin-deactivate', 'admin-demote']) {
      if (await row.getByTestId(testid).count()) throw new Error(`their own row offers ${testid}`);
    }
  });

  await step('the administrator reactivates the newcomer and makes a password-reset link; the newcomer sets a new password through it and signs in', async () => {
    await admin.getByTestId('admin-search').fill(newcomer);
    await admin.locator(`[data-testid="admin-person"][data-username="${adminName}"]`).waitFor({ state: 'detached', timeout: T });
    const row = admin.locator(`[data-testid="admin-person"][data-username="${newcomer}"]`);
    await row.getByTestId('admin-reactivate').click({ timeout: T });
    await row.getByTestId('admin-deactivate').waitFor({ timeout: T });
    await row.getByTestId('admin-reset-password').click();
    const resetLink = await row.getByTestId('admin-reset-link').inputValue({ timeout: T });
    if (!resetLink.startsWith(`${origin}/reset/`)) throw new Error(`unexpected reset link ${resetLink}`);
    const fresh = 'a fresh password 2';
    await tab.goto(resetLink);
    await fill(tab, { 'reset-password': fresh, 'reset-password-again': fresh });
    await tab.getByTestId('reset-submit').click();
    await tab.getByTestId('auth-notice').filter({ hasText: 'new password is set' }).waitFor({ timeout: T });
    if (new URL(tab.url()).pathname !== '/') throw new Error(`still at ${tab.url()} after the reset`);
    await fill(tab, { 'login-username': newcomer, 'login-password': fresh });
    await tab.getByTestId('login-submit').click();
    await online(tab).waitFor({ timeout: T });
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'team: all steps passed' : `team: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
