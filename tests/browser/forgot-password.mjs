// "Forgot password?" through real mail, run by tests/browser.rs:
//
//   node tests/browser/forgot-password.mjs <base-url> <mail-dir> <admin> <password> <shots-dir>
//
// natter sends through the API tests' SMTP sink (tests/mail/sink.py), which writes each
// mail it accepts as <mail-dir>/000001.json, ... (subject, text, html, to, rcpt_tos...).
// At 1100 px: alice (signed up through the API, with an email address) asks for a link
// on the sign-in page by her address; the server's sentence shows; the mail reaches the
// sink, its `/reset/<token>` link (to natter's --public-url, which is <base-url>) opens
// the reset page, a new password is set and signs her in; the old password is refused by
// POST /accounts/login/. Her account page has the missed-mail setting, saved through
// PATCH /api/account/. The administrator's invitation goes by mail to two addresses.
// At 390 px: an unknown address gets the very same sentence, and no mail.
// Every wait is an auto-waiting locator or a polled deadline; no fixed sleeps.
// Exit code 0 only when every step passed.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request as apiRequest } from 'playwright-core';
import { apiClient, launch, steps } from './harness.mjs';

const [base, mailDir, adminName, adminPassword, shotDir] = process.argv.slice(2);
if (!base || !mailDir || !adminName || !adminPassword || !shotDir) {
  console.error('usage: node forgot-password.mjs <base-url> <mail-dir> <admin> <password> <shots-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const MAIL_WAIT = 30_000;
const run = Date.now().toString(36);
const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new staple 42';
const problems = [];

/** Every mail the sink has written so far, oldest first. */
async function mails() {
  let names = [];
  try {
    names = (await readdir(mailDir)).filter((n) => /^\d+\.json$/.test(n)).sort();
  } catch {
    return []; // the sink makes the folder with its first mail
  }
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(mailDir, n), 'utf8'))));
}

const sentTo = (mail, address) =>
  [mail.to, ...(mail.rcpt_tos || [])].some((a) => typeof a === 'string' && a.toLowerCase().includes(address.toLowerCase()));

/** The first mail to `address` that `which` accepts, polled for until MAIL_WAIT passes. */
async function mailTo(address, which = () => true) {
  const deadline = Date.now() + MAIL_WAIT;
  for (;;) {
    const found = (await mails()).find((m) => sentTo(m, address) && which(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${MAIL_WAIT} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether `POST /accounts/login/` lets `username` in with `password` (a context of its own). */
async function logsIn(username, password) {
  const api = await apiRequest.newContext({ baseURL: origin });
  try {
    const res = await api.post('/accounts/login/', { data: { username, password } });
    return res.ok();
  } finally {
    await api.dispose();
  }
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { register } = await apiClient(origin);
  const alice = `alice_${run}`;
  const aliceEmail = `${alice}@example.com`; // what harness.register gives her
  const nobody = `nobody_${run}@example.com`;
  await register(alice, OLD_PASSWORD);

  const context = (width) => browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
  const watch = (page, who) => {
    page.on('pageerror', (err) => problems.push(`${who}: uncaught in page: ${err.message}`));
    // A 401 is the page asking "who am I" before anyone signed in.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) problems.push(`${who}: console error: ${msg.text()}`);
    });
  };
  const online = (page) => page.locator('[data-testid="connection-status"][data-state="online"]');
  const signIn = async (page, username, password) => {
    await page.getByTestId('login-username').fill(username, { timeout: T });
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await online(page).waitFor({ timeout: T });
  };
  const ask = async (page, login) => {
    await page.getByTestId('forgot-login').fill(login, { timeout: T });
    await page.getByTestId('forgot-submit').click();
    const sent = page.getByTestId('forgot-sent');
    await sent.waitFor({ state: 'visible', timeout: T });
    return (await sent.textContent()).trim();
  };

  const wide = await context(1100);
  const page = await wide.newPage();
  watch(page, 'alice (1100)');
  let sentence = '';
  let link = '';

  await step('the sign-in page offers "Forgot password?"; an empty field is told in words by the field', async () => {
    await page.goto(`${origin}/`);
    await page.getByTestId('forgot-link').click({ timeout: T });
    await page.getByTestId('forgot-form').waitFor({ timeout: T });
    if (await page.getByTestId('login-form').isVisible()) throw new Error('the sign-in form still shows');
    await page.getByTestId('forgot-login').fill('');
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-login-error').filter({ hasText: 'Enter your username or email.' }).waitFor({ timeout: T });
    const described = await page.getByTestId('forgot-login').getAttribute('aria-describedby');
    const errorId = await page.getByTestId('forgot-login-error').getAttribute('id');
    if (described !== errorId) throw new Error('the error line is not tied to its field');
  });

  await step('asked by her email address, the page shows the server\'s sentence as a status', async () => {
    sentence = await ask(page, aliceEmail);
    if (!/mail/i.test(sentence)) throw new Error(`the status says ${JSON.stringify(sentence)}`);
    if (await page.getByTestId('forgot-sent').getAttribute('role') !== 'status') throw new Error('the sentence is no status');
    if (await page.getByTestId('forgot-login-error').textContent()) throw new Error('an error shows beside the sentence');
    await page.screenshot({ path: join(shotDir, 'web-client-forgot-password.png') });
  });

  await step('the mail reaches her, with a /reset/ link to natter itself in its text', async () => {
    // Her sign-up was mailed its confirmation link first; this is the reset's mail.
    const mail = await mailTo(aliceEmail, (m) => String(m.text || '').includes('/reset/'));
    if (!mail.subject) throw new Error('the mail has no subject');
    const text = String(mail.text || '');
    const found = text.match(/https?:\/\/[^\s<>"]+\/reset\/[A-Za-z0-9_-]+/);
    if (!found) throw new Error(`no /reset/ link in the text:\n${text}`);
    link = found[0];
    if (!link.startsWith(`${origin}/reset/`)) throw new Error(`the link ${link} is not to ${origin}`);
  });

  await step('the link opens the reset page; the new password is set, and signs her in', async () => {
    await page.goto(link);
    await page.getByTestId('reset-form').waitFor({ timeout: T });
    await page.getByTestId('reset-password').fill(NEW_PASSWORD);
    await page.getByTestId('reset-password-again').fill(NEW_PASSWORD);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('auth-notice').filter({ hasText: 'Your new password is set' }).waitFor({ timeout: T });
    if (new URL(page.url()).pathname !== '/') throw new Error(`the address is still ${page.url()}`);
    await signIn(page, alice, NEW_PASSWORD);
  });

  await step('POST /accounts/login/ refuses the old password and takes the new one', async () => {
    if (await logsIn(alice, OLD_PASSWORD)) throw new Error('the old password still signs in');
    if (!await logsIn(alice, NEW_PASSWORD)) throw new Error('the new password does not sign in');
  });

  await step('the used link is refused in words', async () => {
    const again = await wide.newPage();
    // Its 400 is the answer under test, so only uncaught errors count on this page.
    again.on('pageerror', (err) => problems.push(`alice (used link): uncaught in page: ${err.message}`));
    await again.goto(link);
    await again.getByTestId('reset-password').fill('yet another password 7', { timeout: T });
    await again.getByTestId('reset-password-again').fill('yet another password 7');
    await again.getByTestId('reset-submit').click();
    const said = again.getByTestId('reset-error');
    await said.filter({ hasText: /\w/ }).waitFor({ timeout: T });
    await again.close();
  });

  // Her account as the server has it, read with the page's own session (setting the new
  // password ended every other sign-in, the API token of her sign-up too).
  const missedMail = async () => {
    const res = await page.request.get('/api/account/');
    if (!res.ok()) throw new Error(`GET /api/account/ -> ${res.status()}`);
    return (await res.json()).missed_mail;
  };

  await step('her account page has "Email me about mentions and direct messages I miss", saved when changed', async () => {
    const before = await missedMail();
    if (typeof before !== 'boolean') throw new Error(`GET /api/account/ has missed_mail ${JSON.stringify(before)}`);
    await page.getByTestId('account-page-link').click({ timeout: T });
    const box = page.getByTestId('missed-mail');
    await box.waitFor({ state: 'visible', timeout: T });
    await page.getByLabel('Email me about mentions and direct messages I miss').waitFor({ timeout: T });
    if (await box.isChecked() !== before) throw new Error('the checkbox does not show the account\'s setting');
    await box.click();
    await page.getByTestId('missed-mail-section-status').filter({ hasText: 'Saved' }).waitFor({ timeout: T });
    const after = await missedMail();
    if (after !== !before) throw new Error(`missed_mail is ${after} after the click (was ${before})`);
    await page.getByTestId('missed-mail-section').screenshot({ path: join(shotDir, 'web-client-missed-mail.png') });
    await box.click();
    await page.getByTestId('missed-mail-section-status').filter({ hasText: before ? /you get a mail/ : /no mail/ })
      .waitFor({ timeout: T });
    if (await missedMail() !== before) throw new Error('the setting did not go back');
  });

  await step('at 390 px an unknown address gets the very same sentence; "Back to sign in" returns', async () => {
    const narrow = await context(390);
    const p = await narrow.newPage();
    watch(p, 'nobody (390)');
    await p.goto(`${origin}/`);
    await p.getByTestId('forgot-link').click({ timeout: T });
    const said = await ask(p, nobody);
    if (said !== sentence) throw new Error(`an unknown address got ${JSON.stringify(said)}, a known one ${JSON.stringify(sentence)}`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) throw new Error(`the page is ${overflow} px wider than the screen`);
    await p.screenshot({ path: join(shotDir, 'web-client-forgot-password-390.png') });
    await p.getByTestId('forgot-back').click();
    await p.getByTestId('login-form').waitFor({ timeout: T });
    if (await p.getByTestId('forgot-form').isVisible()) throw new Error('the forgot form still shows');
    await narrow.close();
  });

  await step('the administrator mails an invitation to two addresses; the page says to whom', async () => {
    const adminCtx = await context(1100);
    const a = await adminCtx.newPage();
    watch(a, 'admin');
    await a.goto(`${origin}/`);
    await signIn(a, adminName, adminPassword);
    await a.getByTestId('admin-page-link').click({ timeout: T });
    const emails = a.getByTestId('invite-emails');
    await emails.waitFor({ state: 'visible', timeout: T });
    await emails.fill('not an address');
    await a.getByTestId('invite-create').click();
    await a.getByTestId('invite-emails-error').filter({ hasText: 'not an email address' }).waitFor({ timeout: T });
    const ana = `ana_${run}@example.org`;
    const ben = `ben_${run}@example.org`;
    await emails.fill(`${ana},\n${ben}`);
    await a.getByTestId('invite-create').click();
    const mailed = a.getByTestId('invite-mailed');
    await mailed.waitFor({ timeout: T });
    const said = await mailed.textContent();
    if (!said.includes(ana) || !said.includes(ben)) throw new Error(`the page says ${JSON.stringify(said)}`);
    const joinUrl = await a.getByTestId('invite-link').inputValue();
    const code = joinUrl.split('/join/')[1].replace(/\/$/, '');
    for (const to of [ana, ben]) {
      const mail = await mailTo(to);
      if (!String(mail.text || '').includes(`/join/${code}`)) throw new Error(`the mail to ${to} has no /join/${code} link`);
    }
    if (await emails.inputValue()) throw new Error('the addresses stay in the field after sending');
    await a.getByTestId('admin-invitations').screenshot({ path: join(shotDir, 'web-client-invitation-mailed.png') });
    await adminCtx.close();
  });

  await step('no mail went to the unknown address, and the page logged no error', async () => {
    const stray = (await mails()).filter((m) => sentTo(m, nobody));
    if (stray.length) throw new Error(`${stray.length} mail(s) to ${nobody}`);
    if (problems.length) throw new Error(problems.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'forgot-password: all steps passed' : `forgot-password: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
