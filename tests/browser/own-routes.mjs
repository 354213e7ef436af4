// The web client under hostile input, run by tests/browser.rs
// against a plain-HTTP natter and against one serving TLS itself:
//
//   node tests/browser/own-routes.mjs <base-url>
//
// 1. `#chat/..%2F..%2Fapi%2Ftoken` and its cousins (opened fresh and by a hash change)
//    make the client fetch nothing but its own start-up paths: no `/api/token/` (which
//    would mint a key), no request anywhere else; a real `#chat/<id>` fetches only that
//    chat's own paths.
// 2. Avatars: `/\evil.example/a.png`, `//evil.example/a.png`, `https://evil.example/a.png`
//    and other tricks are never put in an <img> (initials instead), no request leaves for
//    another host and no policy violation happens; the client's own upload is shown.
// 3. Message search results holding U+E000/U+E001, `<mark>` and `<img onerror>` text
//    render as text: no <mark> but around the searched word, no <img>, no script run.
// 4. The live socket connects under the page's policy (`connect-src 'self'`), and the
//    page reports no policy violation at all.
//
// The browser watches every request the page makes (and aborts any for another origin);
// a sentinel request marks the point where everything the client did before it has been
// reported, so "nothing else was fetched" is checked without sleeping.
// Exit code 0 only when every step passed.

import { apiClient, launch, steps, makePng, untilWithin } from './harness.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node own-routes.mjs <base-url>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const until = untilWithin(T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

const { step, failures } = steps({ stopOnFailure: false });

// ---------------------------------------------------------------- what the page fetches

/** Paths any page load of a signed-in client fetches, whatever the hash. */
function startUpPath(u) {
  return u.pathname === '/' || u.pathname.startsWith('/static/') || u.pathname === '/favicon.ico' ||
    ['/api/auth/me/', '/messages/api/chats/', '/profiles/api/profile/', '/api/account/',
      // Notification levels and unread mentions; who is a bot.
      '/api/notifications/', '/api/mentions/', '/api/bots/',
      // The server's custom emoji, to draw `:name:` in messages and reactions.
      '/api/emoji/',
      // The user groups the `@` list offers; everyone's status; my zone and quiet hours
      // (the browser's zone is saved once when the account has none).
      '/messages/api/groups/', '/messages/api/statuses/', '/messages/api/me/quiet-hours/',
      // The account's language (the page reloads once in it when another device chose one).
      '/messages/api/me/language/'].includes(u.pathname) ||
    // The threads I follow and their unread replies (the Threads badge), first page.
    (u.pathname === '/api/threads/' && u.search === '?page_size=20') ||
    // The calls in progress in all my chats (a "Join call" bar), no query.
    (u.pathname === '/api/calls/' && u.search === '') ||
    // An administrator's: whether they are the first one, for the notice about invitations.
    (u.pathname === '/api/people/' && u.search === '?page_size=200');
}

// The page's icon: the browser itself asks for it once, whenever it gets to it (not the client).
const FAVICON = '/static/icons/natter.svg';

/** The paths of chat `id` itself. */
const chatPath = (id) => new RegExp(`^/messages/api/chats/${id}/(messages/|mark-as-read/|typing/|pins/)?$`);
/** Which of chat `id`'s messages are calls: its call records, by that chat's id only. */
const chatCalls = (id, u) => u.pathname === '/api/calls/' && u.search === `?chat_id=${id}`;
// What reading a chat may refresh besides it (rows seen mark it read, and the
// read brings the chat list, its levels and mentions up to date): fixed paths, none of
// them made from the hash.
const READ_REFRESHES = new Set(['/messages/api/chats/', '/api/notifications/', '/api/mentions/']);

const SENTINEL = '/api/auth/me/';
let sentinels = 0;

/** Everything the page has asked for up to now: a sentinel request made last is seen last,
 *  so once it is reported, every request made before it has been too. */
async function settle(page, seen) {
  const tag = `sentinel=${++sentinels}`;
  await page.evaluate((url) => fetch(url).then((r) => r.text()), `${SENTINEL}?${tag}`);
  await until('the sentinel request to be reported', () => seen.some((r) => r.url.endsWith(tag)));
  return seen.filter((r) => !r.url.includes('sentinel='));
}

/** Throws when a request in `requests` is not same-origin or not allowed by `ok(url)`. */
function onlyRequests(requests, ok, what) {
  const bad = requests.filter((r) => {
    const u = new URL(r.url);
    if (u.origin === origin && u.pathname === FAVICON) return false;
    return u.origin !== origin || !ok(u);
  });
  if (bad.length) throw new Error(`${what}: unexpected requests:\n${bad.map((r) => `${r.method} ${r.url}`).join('\n')}`);
  const token = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/token'));
  if (token.length) throw new Error(`${what}: a key was asked for: ${token.map((r) => r.url).join(', ')}`);
}

// ---------------------------------------------------------------- the run

const browser = await launch();
let exitCode = 1;
try {
  // Setup through the API, with token credentials (no cookies).
  const { call, register: registerWith } = await apiClient(origin);
  const register = (name) => registerWith(name, PASSWORD);
  const alice = `alice_${run}`;
  const bob = `bob_${run}`;
  const ra = await register(alice);
  const rb = await register(bob);
  const ta = ra.token;
  const bobId = rb.user.id;
  const dm = await call('POST', '/messages/api/chats/', ta, { chat_type: 'dm', member_ids: [bobId] });
  const chatId = dm.id;
  const first = `first words ${run}`;
  await call('POST', `/messages/api/chats/${chatId}/messages/`, ta, { content: first });
  const upload = await call('POST', '/api/files/upload/', ta, undefined,
    { file: { name: 'me.png', mimeType: 'image/png', buffer: makePng(2, 2) } });
  const ownUpload = `/api/files/${upload.id}/download/`;

  const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true, viewport: { width: 1100, height: 760 } });
  const login = await context.request.post('/accounts/login/', { data: { username: alice, password: PASSWORD } });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  // Every policy violation the page sees, recorded before any of its scripts run.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // Nothing may leave for another origin: such a request is recorded and aborted.
  const foreign = [];
  await context.route((url) => url.origin !== origin, (route) => {
    foreign.push(route.request().url());
    return route.abort();
  });
  // Avatars the server could send: every `avatar_url` and the profile's `image` are
  // replaced by `picture` in the answers the page reads.
  let picture = null;
  const rewrite = (v) => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'avatar_url' || k === 'image' ? picture : rewrite(x);
      return out;
    }
    return v;
  };
  await context.route((url) => url.origin === origin && /^\/(messages\/api\/chats\/|profiles\/api\/profile\/)/.test(url.pathname),
    async (route) => {
      const response = await route.fetch();
      if (picture === null || route.request().method() !== 'GET') return route.fulfill({ response });
      const text = await response.text();
      let json;
      try { json = JSON.parse(text); } catch { return route.fulfill({ response, body: text }); }
      return route.fulfill({ response, json: rewrite(json) });
    });

  const page = await context.newPage();
  const seen = [];
  page.on('request', (r) => seen.push({ method: r.method(), url: r.url() }));
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));

  const chatItem = page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
  const online = page.locator('[data-testid="connection-status"][data-state="online"]');
  /** A fresh load of the client at `hash` (by way of a blank page: a change of the hash
   *  alone would not load the page again), returned once its live socket is open: the
   *  socket's opening reads the chat list, levels, threads and bots again, and on a busy
   *  machine it may open after the chat list is drawn, so a step that counts requests
   *  would count those too. */
  // Returns once the start-up reads are done: some come in a chain (an administrator's
  // account, then the directory for the first-day notice), and under load the second
  // was seen after a step had started watching (CI, over TLS).
  const open = async (hash) => {
    await page.goto('about:blank');
    seen.length = 0;
    await page.goto(`${origin}/${hash}`);
    await chatItem.waitFor({ timeout: T });
    await online.waitFor({ timeout: T });
    await page.waitForLoadState('networkidle', { timeout: T });
  };
  /** Sets the hash in the running page and returns once the client's own handler has run. */
  const changeHash = (hash) => page.evaluate((h) => new Promise((resolve) => {
    addEventListener('hashchange', () => setTimeout(resolve, 0), { once: true });
    location.hash = h;
  }), hash);

  const hostileHashes = [
    '#chat/..%2F..%2Fapi%2Ftoken',
    '#chat/..%2F..%2F..%2Fapi%2Ftoken',
    '#chat/..%2F..%2F..%2F..%2Fapi%2Ftoken%2F',
    '#chat/..%2f..%2fapi%2ftoken%2f',
    `#chat/${chatId}%2F..%2F..%2F..%2Fapi%2Ftoken`,
    '#chat/../../api/token',
    '#chat/%2e%2e%2F%2e%2e%2Fapi%2Ftoken',
    `#chat/${chatId}?x=1`,
    `#chat/${chatId}/`,
    '#chat/0x10',
    '#chat/-1',
  ];

  await step('a hostile #chat/ hash opened fresh fetches only the start-up paths and mints no key', async () => {
    for (const hash of hostileHashes) {
      await open(hash);
      onlyRequests(await settle(page, seen), startUpPath, hash);
      if (await page.locator('.layout.chat-open').count()) throw new Error(`${hash}: a chat opened`);
    }
  });

  await step('a hostile #chat/ hash set in the running page fetches nothing', async () => {
    await open('');
    await settle(page, seen);
    for (const hash of hostileHashes) {
      seen.length = 0;
      await changeHash(hash);
      const requests = await settle(page, seen);
      onlyRequests(requests, () => false, hash);
    }
  });

  await step(`#chat/${chatId} fetches that chat's own paths and nothing else`, async () => {
    await open('');
    await settle(page, seen);
    seen.length = 0;
    await changeHash(`#chat/${chatId}`);
    await page.getByTestId('message-content').filter({ hasText: first }).waitFor({ timeout: T });
    const requests = await settle(page, seen);
    // A direct chat also reads the other person's status and quiet mark, by the id the
    // chat's members give (never the hash's).
    const otherStatus = (u) => u.pathname === `/messages/api/statuses/${bobId}/`;
    onlyRequests(requests, (u) => chatPath(chatId).test(u.pathname) || chatCalls(chatId, u) || READ_REFRESHES.has(u.pathname) || otherStatus(u), `#chat/${chatId}`);
    if (!requests.some((r) => new URL(r.url).pathname === `/messages/api/chats/${chatId}/messages/`)) {
      throw new Error(`the history was not fetched: ${requests.map((r) => r.url).join(', ')}`);
    }
  });

  await step('the live socket connects under connect-src \'self\'', async () => {
    await open(`#chat/${chatId}`);
    await online.waitFor({ timeout: T });
    const policy = (await (await context.request.get('/')).headers())['content-security-policy'] || '';
    const connect = policy.split(';').map((d) => d.trim()).filter((d) => d.startsWith('connect-src'));
    if (connect.join() !== "connect-src 'self'") throw new Error(`the page's policy: ${policy}`);
  });

  await step('avatars load only from natter\'s own /media/ and /api/files/ paths (the check itself)', async () => {
    const cases = await page.evaluate(async () => {
      const { ownPicture } = await import('/static/js/avatar.js');
      const tries = ['/\\evil.example/a.png', '//evil.example/a.png', 'https://evil.example/a.png',
        'http://evil.example/media/a.png', '/\\/evil.example/a.png', '\\\\evil.example/a.png', ' //evil.example/a.png',
        '/media/../api/token/', '/media/%2e%2e/api/token/', '/media/..%2F..%2Fapi%2Ftoken', '/api/files/1/..%5C..%5Capi',
        '/media//evil.example/a.png', 'javascript:alert(1)', 'data:image/svg+xml,<svg/>', '/api/token/',
        '/media\\x.png', '/\tevil.example/a.png', `${location.origin}/media/a.png`, '',
        '/media/user_images/a.png', '/api/files/7/download/'];
      return tries.map((t) => [t, ownPicture(t)]);
    });
    const allowed = new Map([['/media/user_images/a.png', '/media/user_images/a.png'], ['/api/files/7/download/', '/api/files/7/download/']]);
    const wrong = cases.filter(([t, got]) => got !== (allowed.get(t) ?? null));
    if (wrong.length) throw new Error(`ownPicture got these wrong: ${JSON.stringify(wrong)}`);
  });

  await step('a hostile avatar is never loaded: initials instead, no request elsewhere, no violation', async () => {
    const info = page.getByTestId('chat-info-dialog');
    for (const hostile of ['/\\evil.example/a.png', '//evil.example/a.png', 'https://evil.example/a.png', '/media/../api/token/']) {
      picture = hostile;
      await open(`#chat/${chatId}`);
      await page.getByTestId('chat-info-button').click({ timeout: T });
      await info.getByTestId('member').nth(1).waitFor({ timeout: T });
      const imgs = await info.locator('.avatar img').evaluateAll((xs) => xs.map((x) => x.getAttribute('src')));
      if (imgs.length) throw new Error(`${hostile}: avatar images ${JSON.stringify(imgs)}`);
      const letters = await info.locator('.avatar').allTextContents();
      if (letters.length < 2 || letters.some((t) => !t.trim())) throw new Error(`${hostile}: no initials: ${JSON.stringify(letters)}`);
      const mine = await page.getByTestId('profile-button').locator('.avatar img').count();
      if (mine) throw new Error(`${hostile}: the profile button shows an image`);
      const requests = await settle(page, seen);
      const elsewhere = requests.filter((r) => new URL(r.url).origin !== origin || /evil|\/api\/token/.test(r.url));
      if (elsewhere.length || foreign.length) throw new Error(`${hostile}: requests ${JSON.stringify([...elsewhere, ...foreign])}`);
      const violations = await page.evaluate(() => window.__violations);
      if (violations.length) throw new Error(`${hostile}: policy violations ${JSON.stringify(violations)}`);
    }
    // The client's own upload is shown.
    picture = ownUpload;
    await open(`#chat/${chatId}`);
    await page.getByTestId('chat-info-button').click({ timeout: T });
    const img = info.locator(`.avatar img[src="${ownUpload}"]`).first();
    await until('the own upload to load as an avatar', () => img.evaluate((x) => x.complete && x.naturalWidth > 0));
    picture = null;
  });

  await step('search results with marker characters, <mark> and <img onerror> render as text', async () => {
    const word = `zebrafish${run}`;
    const hostile = `\u{E000}evil\u{E001} <img src=x onerror="window.__pwned=1"> <mark>fake</mark> ${word}`;
    const plain = `plain ${word} <img src=y onerror="window.__pwned=2">`;
    const m1 = await call('POST', `/messages/api/chats/${chatId}/messages/`, ta, { content: hostile });
    const m2 = await call('POST', `/messages/api/chats/${chatId}/messages/`, ta, { content: plain });
    await open('');
    const box = page.getByTestId('message-search');
    await box.fill(word);
    const result = (id) => page.locator(`[data-testid="message-result"][data-message-id="${id}"] [data-testid="message-result-snippet"]`);
    await result(m1.id).waitFor({ timeout: T });
    await result(m2.id).waitFor({ timeout: T });
    const shape = (id) => result(id).evaluate((el) => ({
      text: el.textContent,
      marks: [...el.querySelectorAll('mark')].map((m) => m.textContent),
      elements: [...el.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    }));
    const a = await shape(m1.id);
    if (JSON.stringify(a.marks) !== JSON.stringify([word]) || a.elements.join() !== 'mark') {
      throw new Error(`the hostile message's result should mark ${word} only: ${JSON.stringify(a)}`);
    }
    for (const text of ['\u{E000}evil\u{E001}', '<img src=x onerror="window.__pwned=1">', '<mark>fake</mark>', word]) {
      if (!a.text.includes(text)) throw new Error(`${JSON.stringify(text)} is not shown as text: ${JSON.stringify(a)}`);
    }
    const b = await shape(m2.id);
    if (JSON.stringify(b.marks) !== JSON.stringify([word]) || b.elements.join() !== 'mark') {
      throw new Error(`the plain message's result should mark ${word} only: ${JSON.stringify(b)}`);
    }
    if (!b.text.includes('<img src=y onerror="window.__pwned=2">')) throw new Error(`markup not shown as text: ${JSON.stringify(b)}`);
    const pwned = await page.evaluate(() => window.__pwned);
    if (pwned !== undefined) throw new Error(`a script in a message ran: ${pwned}`);
  });

  await step('the page reported no policy violation and no uncaught error', async () => {
    const violations = await page.evaluate(() => window.__violations);
    if (violations.length) throw new Error(`policy violations: ${JSON.stringify(violations)}`);
    if (foreign.length) throw new Error(`requests to other origins: ${foreign.join(', ')}`);
    if (problems.length) throw new Error(problems.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'own-routes: all steps passed' : `own-routes: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
