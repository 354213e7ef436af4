// DRF's browsable pages in a real browser, run by tests/browser.rs:
//
//   node tests/browser/browsable.mjs <base-url> <screenshot-dir>
//
// Alice signs in with the session (POST /accounts/login/, as the web client does) and
// opens /messages/api/chats/ as a page: the pretty JSON, its status and headers, and the
// POST form. She posts a new group chat with bob through that form (fetch from
// /static/browsable.js with the session cookie and X-CSRFToken) and the 201 answer shows
// on the page, its URLs as links; the chat is really there (read back with her token).
// She opens the chat's page from the list and renames it through its PATCH form. The
// page's stylesheet and script load under natter's Content-Security-Policy, and no CSP
// violation, console error or page error is reported at any point.
// Screenshot: <screenshot-dir>/browsable-api.png.
// Every wait is an auto-waiting locator with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { join } from 'node:path';
import { apiClient, launch, steps, watchProblems } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node browsable.mjs <base-url> <screenshot-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const alice = `alice_${run}`;
  const ta = (await register(alice, PASSWORD)).token;
  const bobId = (await register(`bob_${run}`, PASSWORD)).user.id;

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  // Nothing here fetches a 4xx on purpose: every console error is a problem.
  const noProblems = await watchProblems(context, page);
  const response = page.getByTestId('response');
  const request = page.getByTestId('request');

  await step('alice signs in with the session (sessionid and csrftoken cookies)', async () => {
    const login = await context.request.post('/accounts/login/', { data: { username: alice, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
    const names = (await context.cookies()).map((c) => c.name);
    for (const name of ['sessionid', 'csrftoken']) {
      if (!names.includes(name)) throw new Error(`no ${name} cookie: ${names}`);
    }
  });

  await step('/messages/api/chats/ opens as the browsable page: request, status, headers, pretty JSON, a POST form', async () => {
    const answer = await page.goto(`${origin}/messages/api/chats/`);
    if (answer.status() !== 200) throw new Error(`status ${answer.status()}`);
    const type = answer.headers()['content-type'];
    if (type !== 'text/html; charset=utf-8') throw new Error(`content-type ${type}`);
    if (!answer.headers()['content-security-policy']) throw new Error('no CSP header');
    await page.getByRole('heading', { name: 'Chat List' }).waitFor({ timeout: T });
    const shown = await response.innerText();
    for (const want of ['HTTP 200 OK', 'Allow: GET, POST, HEAD, OPTIONS', 'Content-Type: application/json', 'Vary: Accept', '"count": 0', '"results": []']) {
      if (!shown.includes(want)) throw new Error(`the answer shown lacks ${JSON.stringify(want)}:\n${shown}`);
    }
    if ((await request.innerText()) !== 'GET /messages/api/chats/') throw new Error(`request line: ${await request.innerText()}`);
    await page.getByTestId('form-post').locator('textarea').waitFor({ timeout: T });
    if (await page.locator('form[data-method="PUT"], form[data-method="DELETE"]').count()) throw new Error('forms for methods the list does not allow');
  });

  await step('the stylesheet and the script are loaded from /static under the CSP', async () => {
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('button.method')).borderRadius);
    if (styled !== '6px') throw new Error(`browsable.css not applied (button radius ${styled})`);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src || `inline: ${s.textContent.slice(0, 40)}`));
    if (scripts.length !== 1 || !scripts[0].endsWith('/static/browsable.js')) throw new Error(`scripts: ${scripts}`);
    noProblems();
  });

  const title = `made on the page ${run}`;
  let chatId;
  await step('alice posts a new group chat with bob through the POST form and sees the 201 answer on the page', async () => {
    await page.getByTestId('form-post').locator('textarea').fill(JSON.stringify({ chat_type: 'group', title, member_ids: [bobId] }, null, 2));
    await page.getByTestId('form-post').getByRole('button', { name: 'POST' }).click();
    await page.locator('[data-testid="response"][data-status="201"]').waitFor({ timeout: T });
    const shown = await response.innerText();
    for (const want of ['HTTP 201', 'Allow: GET, POST, HEAD, OPTIONS', 'Content-Type: application/json', 'Vary: Accept', `"title": ${JSON.stringify(title)}`, '"chat_type": "group"']) {
      if (!shown.includes(want)) throw new Error(`the answer shown lacks ${JSON.stringify(want)}:\n${shown}`);
    }
    const line = await request.innerText();
    if (line !== 'POST /messages/api/chats/') throw new Error(`request line: ${line}`);
    chatId = JSON.parse(shown.slice(shown.indexOf('{'))).id;
    noProblems();
  });

  await step('the chat is really there: alice\'s token sees it with bob in it', async () => {
    const chat = await call('GET', `/messages/api/chats/${chatId}/`, ta);
    if (chat.title !== title) throw new Error(`title ${chat.title}`);
    if (!chat.members.some((m) => m.id === bobId)) throw new Error(`members ${JSON.stringify(chat.members)}`);
  });

  await step('the list now shows it, its next page a link; the chat\'s page has PUT, PATCH and DELETE forms', async () => {
    await call('POST', '/messages/api/chats/', ta, { chat_type: 'group', title: `second ${run}`, member_ids: [bobId] });
    await page.goto(`${origin}/messages/api/chats/?page_size=1`);
    const next = response.getByRole('link', { name: /page=2/ });
    await next.waitFor({ timeout: T });
    await next.click();
    await page.waitForURL(/page=2/, { timeout: T });
    await response.getByText(title).waitFor({ timeout: T });
    await page.goto(`${origin}/messages/api/chats/${chatId}/`);
    await page.getByRole('heading', { name: 'Chat Instance' }).waitFor({ timeout: T });
    for (const method of ['put', 'patch', 'delete']) await page.getByTestId(`form-${method}`).waitFor({ timeout: T });
    const put = await page.getByTestId('form-put').locator('textarea').inputValue();
    if (JSON.parse(put).title !== title || !put.includes('\n    "title"')) throw new Error(`PUT starts from ${put}`);
  });

  await step('alice renames the chat through the PATCH form', async () => {
    const renamed = `renamed ${run}`;
    await page.getByTestId('form-patch').locator('textarea').fill(JSON.stringify({ title: renamed }));
    await page.getByTestId('form-patch').getByRole('button', { name: 'PATCH' }).click();
    await page.locator('[data-testid="response"][data-status="200"]').waitFor({ timeout: T });
    await response.getByText(`"${renamed}"`).waitFor({ timeout: T });
    const chat = await call('GET', `/messages/api/chats/${chatId}/`, ta);
    if (chat.title !== renamed) throw new Error(`title ${chat.title}`);
    await page.screenshot({ path: join(shotDir, 'browsable-api.png'), fullPage: true });
  });

  await step('no CSP violation, console error or page error was reported', async () => {
    noProblems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'browsable: all steps passed' : `browsable: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
