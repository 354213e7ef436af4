// A page of an older build meets an upgraded server, run by tests/browser.rs:
//
//   node tests/browser/upgrade.mjs <base-url> [shots-dir]
//
// natter names every file of the web client by its content's version (`?v=`) and answers
// a version it does not hold with a 404, so that a page never runs modules of two
// builds. Two builds of natter cannot run side by side in the suite, so the page of the
// older build is made from this one's: its navigation answer is the real page with the
// versions of some files changed to one this server does not hold, which is what a page
// fetched just before an upgrade names. The server, its answers to every file and the
// browser are real. Then:
// 1. a page whose every module is of the older build (fetched a moment before the
//    upgrade) reloads itself once and shows the sign-in form of the new build;
// 2. a page left open at the sign-in form whose app modules and style sheet are of the
//    older build:
//    signing in ends with the chat list of the new build, after one clean reload;
// 3. in neither was any module run from two versions, and the browser reported no
//    problem beyond the expected 404s;
// 4. a warm visit fetches no file of the client again: each is kept as immutable.
// A changed module is fetched again because its address changes with its content
// (tests/api/page_modules.rs checks that each `?v=` is its content's version).
// Every wait is an auto-waiting locator or event with a timeout; no fixed sleeps.
// Exit code 0 only when every step passed.

import { createHash } from 'node:crypto';
import { apiClient, launch, steps } from './harness.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node upgrade.mjs <base-url> [shots-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const OLD = '000000000000';

const { step, failures } = steps({ stopOnFailure: true });

/// The page as the older build served it: every `?v=` of a file whose path `older`
/// matches names the version this server does not hold. Its import map is then another
/// text, whose hash the older build's policy named: `policy` is this one's with it.
function olderPage(html, policy, older) {
  const mapOf = (page) => page.split('<script type="importmap">')[1].split('</script>')[0];
  const hash = (text) => createHash('sha256').update(text).digest('base64');
  const body = html.replace(/(\/static\/[A-Za-z0-9_./-]+)\?v=([0-9a-f]{12})/g,
    (whole, path) => (older.test(path) ? `${path}?v=${OLD}` : whole));
  const [was, now] = [hash(mapOf(html)), hash(mapOf(body))];
  return { body: body.replaceAll(was, now), policy: policy.replaceAll(was, now) };
}

/// `route` answered with the older build's page.
async function fulfillOlder(route, older) {
  const real = await route.fetch();
  const headers = real.headers();
  const page = olderPage(await real.text(), headers['content-security-policy'] || '', older);
  return route.fulfill({ response: real, body: page.body, headers: { ...headers, 'content-security-policy': page.policy } });
}

/// Serves the older page for the next navigation of `page` to `/`, once.
async function nextPageIsOlder(page, older) {
  let served = false;
  await page.route((url) => url.pathname === '/', async (route) => {
    if (served || route.request().resourceType() !== 'document') return route.continue();
    served = true;
    return fulfillOlder(route, older);
  });
}

/// Every module and style sheet answered 200 under each version, and how often the page
/// was loaded.
function watchLoads(page) {
  const versions = new Map();
  const notFound = [];
  const asked = []; // every file of the client asked for (a refused style sheet has no response event)
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations += 1; });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/static/')) asked.push(url.pathname + url.search);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/static/js/') && !url.pathname.endsWith('.css')) return;
    if (response.status() === 404) notFound.push(url.pathname + url.search);
    if (response.status() !== 200) return;
    const seen = versions.get(url.pathname) || new Set();
    seen.add(url.searchParams.get('v'));
    versions.set(url.pathname, seen);
  });
  return {
    notFound,
    asked,
    navigations: () => navigations,
    mixed: () => [...versions].filter(([, seen]) => seen.size > 1).map(([path, seen]) => `${path}: ${[...seen]}`),
  };
}

/// Console errors other than the 404s the older page is expected to meet.
function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    // The 404s are the older build's files (a style sheet's is refused as not CSS); a 401
    // is the page asking who is signed in before anyone is.
    if (msg.type() === 'error' && !/status of 40[14]|Failed to fetch dynamically imported module|Refused to apply style from '[^']*\?v=000000000000'/.test(msg.text())) {
      errors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return errors;
}

const browser = await launch();
let exitCode = 1;
try {
  const { register } = await apiClient(origin);
  const alice = `alice_${run}`;
  await register(alice, PASSWORD);

  await step('a file asked for under another build\'s version is a 404 that says why', async () => {
    const answer = await fetch(`${origin}/static/js/main.js?v=${OLD}`);
    const text = await answer.text();
    if (answer.status !== 404 || !/natter was upgraded/.test(text)) {
      throw new Error(`${answer.status}: ${text}`);
    }
  });

  await step('a page whose modules are all of the older build reloads once and shows the sign-in form', async () => {
    const context = await browser.newContext({ baseURL: origin, serviceWorkers: 'block' });
    const page = await context.newPage();
    const loads = watchLoads(page);
    const errors = watchErrors(page);
    await nextPageIsOlder(page, /^\/static\/js\//);
    await page.goto(origin);
    await page.getByTestId('login-form').waitFor({ timeout: T });
    if (loads.navigations() !== 2) throw new Error(`loaded ${loads.navigations()} time(s), not 2`);
    if (!loads.notFound.some((u) => u.includes(`?v=${OLD}`))) throw new Error('no file of the older build was asked for');
    if (loads.mixed().length) throw new Error(`modules run from two versions: ${loads.mixed().join('; ')}`);
    if (errors.length) throw new Error(`reported in the browser:\n${errors.join('\n')}`);
    await context.close();
  });

  await step('a sign-in form left open from the older build signs in, connected, after one clean reload', async () => {
    const context = await browser.newContext({ baseURL: origin, serviceWorkers: 'block' });
    const page = await context.newPage();
    const loads = watchLoads(page);
    const errors = watchErrors(page);
    // The sign-in screen's modules are the same in both builds; the app's modules and its
    // style sheet changed.
    const signInModules = /^\/static\/js\/(main|api\/request|api\/signin|dom|drafts|early|hashes|i18n|icons|ids|leaving|links|notice|pushsub|signedin|signinerrors|worker|a11y\/livereport|views\/(auth|forgot|forms|providers|reset))\.js$/;
    await nextPageIsOlder(page, {
      test: (p) => (p.startsWith('/static/js/') && !signInModules.test(p)) || p === '/static/app.css',
    });
    const preloadFailed = page.waitForResponse((r) => r.url().includes(`?v=${OLD}`) && r.status() === 404, { timeout: T });
    await page.goto(origin);
    await page.getByTestId('login-form').waitFor({ timeout: T });
    // The app's preloads fail under the form, which stays as it is while someone types.
    await preloadFailed;
    if (loads.navigations() !== 1) throw new Error(`the sign-in form reloaded under the person (${loads.navigations()} loads)`);
    await page.getByTestId('login-username').fill(alice);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    if (loads.navigations() !== 2) throw new Error(`loaded ${loads.navigations()} time(s), not 2`);
    if (!loads.notFound.length) throw new Error('no file of the older build was asked for');
    if (!loads.asked.includes(`/static/app.css?v=${OLD}`)) throw new Error('the older app\'s style sheet was not asked for');
    if (loads.mixed().length) throw new Error(`modules run from two versions: ${loads.mixed().join('; ')}`);
    if (errors.length) throw new Error(`reported in the browser:\n${errors.join('\n')}`);

    await context.close();
  });

  await step('a warm visit of the signed-in page fetches no file of the client again', async () => {
    // A context of its own: a routed page has no HTTP cache.
    const context = await browser.newContext({ baseURL: origin, serviceWorkers: 'block' });
    const login = await context.request.post('/accounts/login/', { data: { username: alice, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    const online = page.locator('[data-testid="connection-status"][data-state="online"]');
    await page.goto(origin);
    await online.waitFor({ timeout: T });
    await page.goto(`${origin}/?again`);
    await online.waitFor({ timeout: T });
    // A file taken from the browser's cache has no bytes transferred; an immutable one is
    // not even revalidated.
    const files = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ path: new URL(e.name).pathname, bytes: e.transferSize }))
      .filter((e) => e.path.startsWith('/static/')));
    if (files.length < 10) throw new Error(`the page used only ${files.length} file(s) of the client`);
    const fetched = files.filter((e) => e.bytes > 0).map((e) => e.path);
    if (fetched.length) throw new Error(`fetched again from the server: ${fetched.join(', ')}`);
    await context.close();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
} finally {
  await browser.close();
  console.log(exitCode === 0 ? 'upgrade: all steps passed' : `upgrade: FAILED (${failures.join('; ') || 'see above'})`);
}
process.exit(exitCode);
