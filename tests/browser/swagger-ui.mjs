// Swagger UI over natter's OpenAPI document, run by tests/browser.rs:
//
//   node tests/browser/swagger-ui.mjs <base-url> <screenshot-dir>
//
// Alice signs in with the session (POST /accounts/login/) and opens /api/schema/docs/:
// Swagger UI (vendored under static/swagger-ui/) loads /api/schema/?format=json and lists
// the surfaces' tags and their operations. She tries GET /api/auth/me/ from the page
// ("Try it out", "Execute"): the request goes with her session cookie and the live
// answer, 200 with her username, shows on the page. Then she tries POST
// /messages/api/chats/ (an unsafe method: the page's script adds Django's CSRF token)
// and sees the 201. No CSP violation, console error or page error is reported.
// Screenshot: <screenshot-dir>/swagger-ui.png. Every wait is an auto-waiting locator
// with a timeout; no fixed sleeps. Exit code 0 only when every step passed.

import { join } from 'node:path';
import { apiClient, launch, steps, watchProblems } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node swagger-ui.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const alice = `alice_${run}`;
  const ta = (await register(alice, PASSWORD)).token;

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1200, height: 1000 } });
  const page = await context.newPage();
  const noProblems = await watchProblems(context, page);

  await step('alice signs in with the session', async () => {
    const login = await context.request.post('/accounts/login/', { data: { username: alice, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  });

  await step('/api/schema/docs/ opens Swagger UI under the CSP, with every surface\'s tag', async () => {
    const answer = await page.goto(`${origin}/api/schema/docs/`);
    if (answer.status() !== 200) throw new Error(`status ${answer.status()}`);
    if (!answer.headers()['content-security-policy']) throw new Error('no CSP header');
    await page.locator('.swagger-ui .info .title').getByText('natter').waitFor({ timeout: T });
    for (const tag of ['accounts', 'chats', 'rooms', 'inbox', 'dm', 'messenger', 'natter', 'bots']) {
      await page.locator(`#operations-tag-${tag}`).waitFor({ timeout: T });
    }
    noProblems();
  });

  const tryIt = async (id, body) => {
    const tag = id.split('-')[0];
    const op = page.locator(`#operations-${id}`);
    // Tags start closed (`docExpansion: "none"`): open this operation's own.
    if (!(await op.count())) await page.locator(`#operations-tag-${tag}`).click();
    await op.locator('.opblock-summary').first().click();
    await op.getByRole('button', { name: 'Try it out' }).click();
    if (body) await op.locator('textarea.body-param__text').fill(JSON.stringify(body));
    await op.getByRole('button', { name: 'Execute' }).click();
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: T });
    return { status: (await status.innerText()).trim(), body: await op.locator('.live-responses-table tbody .response-col_description').first().innerText() };
  };

  await step('"Try it out" on GET /api/auth/me/ answers 200 with alice, through her session cookie', async () => {
    const { status, body } = await tryIt('accounts-me_get');
    if (status !== '200') throw new Error(`status ${status}: ${body}`);
    if (!body.includes(alice)) throw new Error(`body without ${alice}: ${body}`);
  });

  await step('"Try it out" on POST /messages/api/chats/ creates a chat (CSRF token added by the page\'s script)', async () => {
    const title = `from swagger ${run}`;
    const { status, body } = await tryIt('chats-chats_post', { chat_type: 'group', title, member_ids: [] });
    if (status !== '201') throw new Error(`status ${status}: ${body}`);
    const chats = await call('GET', '/messages/api/chats/', ta);
    if (!chats.results.some((c) => c.title === title)) throw new Error(`not listed: ${JSON.stringify(chats)}`);
    await page.screenshot({ path: join(shotDir, 'swagger-ui.png') });
  });

  await step('no CSP violation, console error or page error was reported', async () => {
    noProblems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'swagger-ui: all steps passed' : `swagger-ui: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
