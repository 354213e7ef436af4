// A whole office joins by one link, run by tests/browser.rs:
//
//   node tests/browser/joining.mjs <base-url> <admin-username> <admin-password> [shot-dir]
//
// natter serves with the default open registration and one administrator.
// - The Admin page's Invitations and the first administrator's notice say the server is
//   open to anyone, and which flag changes that;
// - a one-use join link made there shows its link with no "null" under it, and the audit
//   log reads "made the join link #N";
// - five walk-in sign-ups from this one address spend the sign-up budget; a sixth person
//   reads the limit in a person's words (never "Request was throttled"); colleagues who
//   follow a join link then sign up at once, and a one-use link counts its use and turns
//   the next person away.
// Every wait is an auto-waiting locator or a polled condition with a timeout; no sleeps.

import { join } from 'node:path';
import { launch, steps, apiClient } from './harness.mjs';

const [base, adminName, adminPassword, shotDir = 'target'] = process.argv.slice(2);
if (!base || !adminName || !adminPassword) {
  console.error('usage: node joining.mjs <base-url> <admin-username> <admin-password> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const DEVELOPER_WORDS = /throttled|Expected available/i;

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call } = await apiClient(origin);
  const context = (width = 1100) => browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signUpForm = async (page, name) => {
    await page.getByTestId('register-form').waitFor({ timeout: T });
    await page.getByTestId('register-username').fill(name);
    await page.getByTestId('register-email').fill(`${name}@example.com`);
    await page.getByTestId('register-password').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
  };

  const adminCtx = await context();
  const admin = await adminCtx.newPage();
  await step('the first administrator\'s notice and the Invitations section say the server is open to anyone, and how to change it', async () => {
    await admin.goto(`${origin}/`);
    // The first page of a fresh browser on a busy machine: more time than a step's.
    await admin.getByTestId('login-username').fill(adminName, { timeout: 3 * T });
    await admin.getByTestId('login-password').fill(adminPassword);
    await admin.getByTestId('login-submit').click();
    await online(admin).waitFor({ timeout: T });
    const notice = admin.getByTestId('first-admin-notice');
    await notice.waitFor({ state: 'visible', timeout: T });
    const said = notice.locator('[data-testid="who-may-join"][data-mode="open"]');
    await said.waitFor({ timeout: T });
    if (!/anyone/i.test(await said.textContent()) || !/--registration invite/.test(await said.textContent())) {
      throw new Error(`the notice says: ${await said.textContent()}`);
    }
    await admin.getByTestId('admin-page-link').click({ timeout: T });
    const section = admin.getByTestId('admin-invitations');
    await section.locator('[data-testid="who-may-join"][data-mode="open"]').waitFor({ timeout: T });
  });

  let link;
  await step('a one-use join link is made: its link, no "null" under it, and the audit log in plain words', async () => {
    await admin.getByTestId('invite-uses').fill('1');
    await admin.getByTestId('invite-create').click();
    const field = admin.getByTestId('invite-link');
    await field.waitFor({ timeout: T });
    link = await field.inputValue();
    if (!link.startsWith(`${origin}/join/`)) throw new Error(`unexpected link ${link}`);
    const made = await admin.getByTestId('invite-made').textContent();
    if (/\bnull\b|undefined/.test(made)) throw new Error(`the new link reads: ${made}`);
    const audit = admin.locator('[data-testid="audit-row"][data-action="invitation.create"]').first();
    await audit.waitFor({ timeout: T });
    const line = await audit.textContent();
    if (!/made the join link #\d+/.test(line) || /invitation invitation/.test(line)) throw new Error(`the audit line reads: ${line}`);
    await admin.screenshot({ path: join(shotDir, 'web-client-joining-admin.png'), fullPage: true });
  });

  await step('a colleague follows the one-use link and joins', async () => {
    const ctx = await context(390);
    const page = await ctx.newPage();
    await page.goto(link);
    await signUpForm(page, `colleague_${run}`);
    await online(page).waitFor({ timeout: T });
    await ctx.close();
  });

  await step('the link counts its use ("used 1 of 1", not valid) and turns the next person away', async () => {
    await admin.reload();
    await online(admin).waitFor({ timeout: T });
    if (!(await admin.getByTestId('admin-page').isVisible().catch(() => false))) {
      await admin.getByTestId('admin-page-link').click({ timeout: T });
    }
    const row = admin.locator('[data-testid="invite-row"]').filter({ hasText: 'used 1 of 1' }).first();
    await row.waitFor({ timeout: T });
    if ((await row.getAttribute('data-state')) === 'valid') throw new Error('a used-up link is shown as valid');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(link);
    await signUpForm(page, `latecomer_${run}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="register-error"]')?.textContent.trim(), null, { timeout: T });
    const text = await page.getByTestId('register-error').textContent();
    if (!/invitation/i.test(text) || DEVELOPER_WORDS.test(text)) throw new Error(`the latecomer reads: ${text}`);
    await ctx.close();
  });

  let open;
  await step('the administrator makes a second join link with no limit', async () => {
    await admin.getByTestId('invite-uses').fill('');
    await admin.getByTestId('invite-create').click();
    await admin.waitForFunction((old) => {
      const v = document.querySelector('[data-testid="invite-link"]')?.value;
      return v && v !== old;
    }, link, { timeout: T });
    open = await admin.getByTestId('invite-link').inputValue();
  });

  await step('five walk-ins from this address spend the sign-up budget', async () => {
    let held = false;
    for (let i = 0; i < 6 && !held; i += 1) {
      try {
        await call('POST', '/api/auth/register/', null,
          { username: `walkin${i}_${run}`, email: `walkin${i}_${run}@example.com`, password: PASSWORD });
      } catch (err) {
        if (!/-> 429/.test(err.message)) throw err;
        held = true;
      }
    }
    if (!held) throw new Error('six sign-ups without a link from one address were not held');
  });

  await step('a sixth stranger reads the limit in a person\'s words, at 1100 and 390 px', async () => {
    for (const width of [1100, 390]) {
      const ctx = await context(width);
      const page = await ctx.newPage();
      await page.goto(`${origin}/`);
      await page.getByTestId('register-link').click({ timeout: T });
      await signUpForm(page, `stranger${width}_${run}`);
      const error = page.getByTestId('register-error');
      await page.waitForFunction(() => document.querySelector('[data-testid="register-error"]')?.textContent.trim(), null, { timeout: T });
      const text = await error.textContent();
      if (!/Too many attempts from your network/.test(text)) throw new Error(`the sign-up form says: ${text}`);
      const body = await page.locator('body').innerText();
      if (DEVELOPER_WORDS.test(body)) throw new Error(`developer wording on the page: ${body.match(DEVELOPER_WORDS)[0]}`);
      if (width === 390) await page.screenshot({ path: join(shotDir, 'web-client-joining-held-390.png') });
      await ctx.close();
    }
  });

  await step('colleagues behind the same address follow the link past the limit and join at once', async () => {
    for (const who of ['dee', 'eli']) {
      const ctx = await context(390);
      const page = await ctx.newPage();
      await page.goto(open);
      await signUpForm(page, `${who}_${run}`);
      await online(page).waitFor({ timeout: T });
      await ctx.close();
    }
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.error(`joining browser test: ${err.stack || err}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
