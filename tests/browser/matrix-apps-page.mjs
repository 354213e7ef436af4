// What natter's web client shows of Matrix apps and what they send, run by tests/browser.rs
// (`matrix_apps_the_account_page_and_pictures_in_the_browser`):
//
//   node tests/browser/matrix-apps-page.mjs <base-url> <shot-dir>
//
// On a fresh server with open registration: the sign-up form refuses what the server
// refuses ("zoë!", a name with an invisible letter), in its own words, and shows the
// server's words for a name only the server can refuse ("ZOË" once "zoë" exists), but
// takes "zoë", a name with a letter outside ASCII. zoë's account page says her Matrix id,
// the same one a Matrix app's password sign-in answers, and the homeserver address (the
// page's own origin), with "Use natter in an app": Element, FluffyChat and nheko take the
// address as typed, Element X and NeoChat only https, which this plain-http page says
// (the section's words in every catalog, from the catalogs only, zero axe-core
// violations in the light and the dark theme at 1100 and 390 px). bob, in a Matrix app,
// sends zoë a picture without text in a direct chat: her chat list shows it live and
// after a reload as a small picture from its thumbnail and "Picture: <name>". bob's
// photo, set in his profile, is the direct chat's picture in her list and its header;
// cat, who set none, keeps his initials. Every wait is an auto-waiting locator or a
// polled condition with a timeout; no fixed sleeps.

import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient, assertContrast, launch, makePng, signedInThroughForm, steps, untilWithin } from './harness.mjs';
import { expectNoViolations } from './axe.mjs';
import { inPseudoLanguage, unwrapped } from './pseudo.mjs';

const [base, shotDir = 'target'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node matrix-apps-page.mjs <base-url> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const ZOE = 'zoë';
const PICTURE = `sunset-${run}.png`;

/** The sentence `id` of the client's catalog `lang` (one-line messages only). */
function catalogText(lang, id) {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'static', 'locales', `${lang}.ftl`);
  const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${id} = `));
  if (!line) throw new Error(`${lang}.ftl has no ${id}`);
  return line.slice(id.length + 3);
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const matrix = async (method, path, token, body, headers = {}) => {
    const raw = body instanceof Uint8Array;
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { ...(raw ? {} : { 'Content-Type': 'application/json' }), ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const matrixLogin = (user) => matrix('POST', '/_matrix/client/v3/login', null, {
    type: 'm.login.password', identifier: { type: 'm.id.user', user }, password: PASSWORD,
  });

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  // What goes wrong in the page; a 401 is the page asking "who am I" before the sign-up.
  const seen = [];
  page.on('pageerror', (err) => seen.push(`uncaught in page: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) seen.push(`console error: ${msg.text()}`);
  });
  const problems = () => { if (seen.length) throw new Error(`reported in the browser:\n${seen.join('\n')}`); };
  const online = () => page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
  const usernameError = page.getByTestId('register-username-error');
  let tries = 0;
  const signUp = async (name, where = page) => {
    await where.getByTestId('register-username').fill(name, { timeout: T });
    await where.getByTestId('register-email').fill(`zoe-${run}-${++tries}@example.com`);
    await where.getByTestId('register-password').fill(PASSWORD);
    await where.getByTestId('register-submit').click();
  };

  await step('the sign-up form refuses in its own words the names the server refuses, as the server does', async () => {
    await page.goto(`${origin}/`);
    await page.getByTestId('register-link').click({ timeout: T });
    const words = catalogText('en', 'auth-use-1-150-letters-digits');
    for (const name of ['zoë!', 'zoë\u3164', 'zo ë']) {
      await signUp(name);
      await usernameError.filter({ hasText: words }).waitFor({ timeout: T });
      const refused = await register(name, PASSWORD).then(() => null, (err) => err.message);
      if (!refused || !/ 400: .*username/.test(refused)) throw new Error(`the server took ${JSON.stringify(name)}: ${refused}`);
    }
    await signUp('12345');
    await usernameError.filter({ hasText: catalogText('en', 'auth-a-username-needs-at-least') }).waitFor({ timeout: T });
  });

  await step(`"${ZOE}" signs up through the form, a letter outside ASCII and all`, async () => {
    await signUp(ZOE);
    await online();
    const shown = await page.getByTestId('current-user').textContent({ timeout: T });
    if (shown.trim() !== ZOE) throw new Error(`signed in as ${JSON.stringify(shown)}`);
  });

  await step('a name only the server can refuse ("ZOË", once "zoë" exists) shows the server\'s words', async () => {
    const other = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
    const p2 = await other.newPage();
    await p2.goto(`${origin}/`);
    await p2.getByTestId('register-link').click({ timeout: T });
    await signUp('ZOË', p2);
    await p2.getByTestId('register-username-error').filter({ hasText: 'A user with that username already exists.' }).waitFor({ timeout: T });
    await other.close();
  });

  let matrixId = '';
  await step('the account page says zoë\'s Matrix id, as a Matrix app\'s sign-in answers it, and the homeserver address', async () => {
    const login = await matrixLogin(ZOE);
    matrixId = login.user_id;
    const server = new URL(origin).host;
    if (matrixId !== `@zo=c3=ab:${server}`) throw new Error(`a Matrix app signs in as ${matrixId}`);
    await page.getByTestId('account-page-link').click();
    const section = page.getByTestId('matrix-apps');
    await section.waitFor({ timeout: T });
    await until('the Matrix id on the page', async () => (await page.getByTestId('account-matrix-id').inputValue()) === matrixId);
    const address = await page.getByTestId('account-homeserver').inputValue();
    if (address !== origin) throw new Error(`the homeserver address is ${address}, not ${origin}`);
    const text = await section.innerText();
    for (const app of ['Element', 'Element X', 'FluffyChat', 'nheko', 'NeoChat', 'https']) {
      if (!text.includes(app)) throw new Error(`the section does not name ${app}:\n${text}`);
    }
    await page.getByTestId('matrix-apps-not-https').filter({ hasText: catalogText('en', 'matrixapps-not-https') }).waitFor({ timeout: T });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotDir, 'web-client-matrix-apps.png') });
  });

  await step('the account page passes axe-core and contrast, light and dark, at 1100 and 390 px', async () => {
    for (const width of [1100, 390]) {
      await page.setViewportSize({ width, height: 800 });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectNoViolations(page, `the account page at ${width} px (${scheme})`);
      }
      await assertContrast(page, `the account page at ${width} px`);
    }
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await step('"Use natter in an app" is in every catalog\'s words, and in the pseudo-language nothing is outside them', async () => {
    // A tab of its own: the language chosen here stays with its tab.
    const tab = await signedInThroughForm(browser, origin, { name: ZOE, password: PASSWORD, width: 1100, timeout: T });
    for (const lang of ['de', 'es', 'ja', 'ar', 'pt-BR']) {
      await tab.goto(`${origin}/?lang=${lang}#account`);
      const section = tab.getByTestId('matrix-apps');
      await section.getByRole('heading', { name: catalogText(lang, 'matrixapps-use-natter-in-an-app') }).waitFor({ timeout: T });
      await section.filter({ hasText: catalogText(lang, 'matrixapps-element-x-neochat') }).waitFor({ timeout: T });
      await section.filter({ hasText: catalogText(lang, 'matrixapps-not-https') }).waitFor({ timeout: T });
    }
    await inPseudoLanguage(tab.context());
    await tab.goto(`${origin}/?lang=pseudo#account`);
    await tab.getByTestId('matrix-apps').waitFor({ timeout: T });
    await until('the Matrix id in the pseudo-language', async () => (await tab.getByTestId('account-matrix-id').inputValue()) === matrixId);
    const left = await unwrapped(tab, [ZOE, matrixId, origin, `${ZOE}@example.com`]);
    if (left.length) throw new Error(`words outside the catalogs: ${JSON.stringify(left, null, 1)}`);
    tab.problems();
    await tab.context().close();
  });

  const bob = `bob_${run}`;
  const cat = `cat_${run}`;
  let bobAccount = null;
  let bobChat = null;
  let catChat = null;
  await step('bob, in a Matrix app, sends zoë a picture without text; her list shows it live, small, named', async () => {
    await page.goto(`${origin}/`);
    bobAccount = await register(bob, PASSWORD);
    const login = await matrixLogin(bob);
    const made = await matrix('POST', '/_matrix/client/v3/createRoom', login.access_token, { is_direct: true, invite: [matrixId] });
    bobChat = made.room_id.slice(1).split(':')[0];
    await page.reload();
    await online();
    const item = page.locator(`[data-testid="chat-item"][data-chat-id="${bobChat}"]`);
    await item.waitFor({ timeout: T });
    const upload = await matrix('POST', `/_matrix/media/v3/upload?filename=${encodeURIComponent(PICTURE)}`, login.access_token,
      new Uint8Array(makePng(480, 270)), { 'Content-Type': 'image/png' });
    await matrix('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(made.room_id)}/send/m.room.message/pic1`, login.access_token,
      { msgtype: 'm.image', body: PICTURE, url: upload.content_uri, info: { mimetype: 'image/png', w: 480, h: 270 } });
    await item.getByTestId('chat-preview-text').filter({ hasText: `Picture: ${PICTURE}` }).waitFor({ timeout: T });
    await until('the preview\'s picture to load', () => item.getByTestId('chat-preview-thumb')
      .evaluate((img) => img.complete && img.naturalWidth > 0 && /\/api\/files\/\d+\/thumbnail\/\d+\/$/.test(img.src)));
  });

  await step('after a reload the list reads the picture from the server: its thumbnail and its name', async () => {
    const listed = await page.evaluate(async (id) => {
      const { results } = await (await fetch('/messages/api/chats/')).json();
      return results.find((c) => String(c.id) === id);
    }, bobChat);
    const files = listed && listed.last_message && listed.last_message.attachments;
    if (!Array.isArray(files) || files.length !== 1 || files[0].name !== PICTURE || files[0].content_type !== 'image/png') {
      throw new Error(`the chat list's last message holds no picture: ${JSON.stringify(listed && listed.last_message)}`);
    }
    await page.reload();
    await online();
    const item = page.locator(`[data-testid="chat-item"][data-chat-id="${bobChat}"]`);
    await item.getByTestId('chat-preview-text').filter({ hasText: `Picture: ${PICTURE}` }).waitFor({ timeout: T });
    await until('the preview\'s picture to load after a reload', () => item.getByTestId('chat-preview-thumb')
      .evaluate((img) => img.complete && img.naturalWidth > 0));
    const box = await item.getByTestId('chat-preview-thumb').boundingBox();
    if (!box || box.height > 30 || box.width > 30) throw new Error(`the preview's picture is not small: ${JSON.stringify(box)}`);
    await page.screenshot({ path: join(shotDir, 'web-client-picture-preview.png') });
  });

  await step('bob\'s photo is the direct chat\'s picture in zoë\'s list and its header; cat without one keeps his initials', async () => {
    const { token } = bobAccount;
    const file = await call('POST', '/api/files/upload/', token, undefined,
      { file: { name: 'bob.png', mimeType: 'image/png', buffer: makePng(96, 96) } });
    const photo = `/api/files/${file.id}/download/`;
    await call('PATCH', '/profiles/api/profile/', token, { image: photo });
    await register(cat, PASSWORD);
    const catLogin = await matrixLogin(cat);
    const made = await matrix('POST', '/_matrix/client/v3/createRoom', catLogin.access_token, { is_direct: true, invite: [matrixId] });
    catChat = made.room_id.slice(1).split(':')[0];
    await page.reload();
    await online();
    const bobItem = page.locator(`[data-testid="chat-item"][data-chat-id="${bobChat}"]`);
    await until('bob\'s photo in the list', () => bobItem.locator('[data-testid="chat-avatar"] img')
      .evaluate((img, src) => img.complete && img.naturalWidth > 0 && new URL(img.src).pathname === src, photo));
    const catItem = page.locator(`[data-testid="chat-item"][data-chat-id="${catChat}"]`);
    await catItem.waitFor({ timeout: T });
    if (await catItem.locator('[data-testid="chat-avatar"] img').count()) throw new Error('cat, who set no photo, shows a picture');
    const initials = (await catItem.getByTestId('chat-avatar').textContent()).trim();
    if (initials !== 'C') throw new Error(`cat's initials are ${JSON.stringify(initials)}`);
    await bobItem.click();
    const head = page.getByTestId('chat-header-avatar');
    await until('bob\'s photo in the header', () => head.locator('img')
      .evaluate((img, src) => img.complete && img.naturalWidth > 0 && new URL(img.src).pathname === src, photo));
    await page.screenshot({ path: join(shotDir, 'web-client-dm-photo.png') });
    await catItem.click();
    await page.getByTestId('chat-header-title').filter({ hasText: cat }).waitFor({ timeout: T });
    if (await head.locator('img').count()) throw new Error('cat\'s header shows a picture');
    if ((await head.textContent()).trim() !== 'C') throw new Error('cat\'s header does not show his initials');
    await expectNoViolations(page, 'a direct chat with a photo in the list');
    problems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'matrix-apps-page: all steps passed' : `matrix-apps-page: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
