// A Matrix app signing in through Matrix's OAuth 2.0 API (MSC2964, MSC2965, MSC2966,
// MSC2967) with natter as the authorization server, run by tests/browser.rs:
//
//   node tests/browser/matrix-oauth.mjs <base-url> <out-dir>
//
// alice signs up through the API and turns two-factor sign-in on. "Her app" reads
// `/_matrix/client/v1/auth_metadata` (every endpoint below is taken from it, none written
// here), registers itself (a public web client, `token_endpoint_auth_method: none`, its
// redirect URI <base>/healthz?from=oauth) and sends the browser to the authorization
// endpoint with a PKCE S256 challenge, a random `state` and the scopes
// `urn:matrix:client:api:*` and `urn:matrix:client:device:OAUTHDEV1`. The authorization
// endpoint sends the browser to natter's page with the sign-in's id alone
// (`/?matrix_oauth=`). natter's sign-in page asks her password and her code, then whether
// the app may sign in as her, naming what the server keeps of the sign-in: the registered
// redirect URI's host, "Test App" as the name the app gives itself, its website and how
// new its registration is, with a warning and no mark of trust (no WCAG 2.1 A or AA
// violation, axe-core, light and dark). "Continue" sends the browser to the redirect URI
// with a `code` and the same `state`. The token endpoint refuses the code with a wrong
// verifier (400 invalid_grant), trades it with the right one for a Bearer access token and
// a refresh token (a fresh authorization if the wrong verifier burned the first code).
// The access token is the device OAUTHDEV1 for whoami and /devices, and the account page
// lists "Test App". A refresh answers new tokens, with which the new access token works;
// revoking that access token makes it 401 M_UNKNOWN_TOKEN and both refresh tokens invalid,
// and the traded code is refused a second time. A lure: another app registered as
// "Element" with its own redirect URI, whose sign-in's id is put in a link to natter's page
// beside `matrix_sso=https://app.element.io/`; the page names that app's registered host
// and never app.element.io, and "Cancel" tells that app `access_denied` at its own
// address. "Cancel" on the question sends the app `access_denied` with its state. An
// authorization asking for a redirect URI the app never registered is an error page
// (400), never a redirect there. Every wait is an auto-waiting locator or a polled
// condition with a timeout; no fixed sleeps. Exit code 0 only when every step passed.

import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { apiClient, launch, steps, totp } from './harness.mjs';
import { AXE_VERSION, expectNoViolations } from './axe.mjs';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node matrix-oauth.mjs <base-url> <out-dir>');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const DISPLAY_NAME = 'Alice OAuth';
const DEVICE = 'OAUTHDEV1';
const SCOPE = `urn:matrix:client:api:* urn:matrix:client:device:${DEVICE}`;
// "The app": any address of natter's own origin answers, and the browser's address bar
// shows where it was sent.
const REDIRECT_URI = `${origin}/healthz?from=oauth`;
// The host the question must name: where the code goes (natter's own origin here).
const REDIRECT_HOST = new URL(REDIRECT_URI).host;
// Another app's, registered under a famous name to pass itself off as that app.
const LURE_URI = `${origin}/healthz?from=lure`;
const METADATA = `${origin}/_matrix/client/v1/auth_metadata`;
const WHOAMI = `${origin}/_matrix/client/v3/account/whoami`;
const DEVICES = `${origin}/_matrix/client/v3/devices`;


/** A PKCE pair (RFC 7636): a 43-character verifier and its S256 challenge, base64url
 *  without padding. */
function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** `fetch` from node (no browser, no cookie) answering `{status, json, headers}`; throws
 *  with the text when the answer is not JSON. */
async function fetchJson(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* said below with the text */ }
  if (json === null) throw new Error(`${init.method || 'GET'} ${url} -> ${res.status}, not JSON: ${text.slice(0, 200)}`);
  return { status: res.status, json, headers: res.headers };
}

/** POST `fields` to `url` as application/x-www-form-urlencoded, as OAuth's token and
 *  revocation endpoints take them. */
const postForm = (url, fields) => fetchJson(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
  body: new URLSearchParams(fields).toString(),
});

/** GET `url` with `token` as its Bearer credential. */
const withToken = (url, token) => fetchJson(url, { headers: { Authorization: `Bearer ${token}` } });

/** Fails unless `answer` is `status` with the OAuth error `error`. */
function expectOAuthError(answer, status, error, what) {
  if (answer.status !== status || !answer.json || answer.json.error !== error) {
    throw new Error(`${what} -> ${answer.status}: ${JSON.stringify(answer.json)}, not ${status} {"error":"${error}"}`);
  }
}

/** Fails unless `json` is a token answer (RFC 6749 5.1) for the scope asked. */
function expectTokens(answer, what) {
  const { status, json, headers } = answer;
  if (status !== 200) throw new Error(`${what} -> ${status}: ${JSON.stringify(json)}`);
  for (const field of ['access_token', 'refresh_token', 'token_type', 'scope']) {
    if (typeof json[field] !== 'string' || !json[field]) throw new Error(`${what}: no ${field} in ${JSON.stringify(json)}`);
  }
  if (json.token_type !== 'Bearer') throw new Error(`${what}: token_type ${JSON.stringify(json.token_type)}`);
  if (!Number.isInteger(json.expires_in) || json.expires_in <= 0) throw new Error(`${what}: expires_in ${JSON.stringify(json.expires_in)}`);
  const granted = json.scope.split(' ');
  for (const s of SCOPE.split(' ')) {
    if (!granted.includes(s)) throw new Error(`${what}: scope ${JSON.stringify(json.scope)} lacks ${s}`);
  }
  if (json.access_token === json.refresh_token) throw new Error(`${what}: the access and refresh tokens are one`);
  // RFC 6749 5.1: an answer holding tokens MUST NOT be cached.
  if (!/no-store/i.test(headers.get('cache-control') || '')) {
    throw new Error(`${what}: Cache-Control is ${JSON.stringify(headers.get('cache-control'))}, not no-store`);
  }
  return json;
}

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  console.log(`axe-core ${AXE_VERSION}, WCAG 2.1 A and AA`);
  const { call } = await apiClient(origin);
  const alice = `alice_${run}`;
  let secret = '';
  let meta = null;
  let clientId = '';
  let userId = '';
  let tokens = null;

  await step('alice signs up through the API and turns two-factor sign-in on', async () => {
    const registration = await call('GET', '/api/registration/');
    if (!registration || registration.mode !== 'open') throw new Error(`GET /api/registration/ says ${JSON.stringify(registration)}`);
    const made = await call('POST', '/api/auth/register/', null,
      { username: alice, email: `${alice}@example.com`, password: PASSWORD, display_name: DISPLAY_NAME });
    const started = await call('POST', '/api/account/two-factor/', made.token, { current_password: PASSWORD });
    secret = started.secret;
    if (!/^[A-Z2-7]+=*$/.test(secret || '')) throw new Error(`the setup answered the key ${JSON.stringify(secret)}`);
    await call('POST', '/api/account/two-factor/confirm/', made.token, { otp: totp(secret) });
  });

  await step('GET /_matrix/client/v1/auth_metadata names natter\'s endpoints, code flow, S256, query and fragment', async () => {
    const { status, json } = await fetchJson(METADATA);
    if (status !== 200) throw new Error(`-> ${status}: ${JSON.stringify(json)}`);
    if (typeof json.issuer !== 'string' || !json.issuer) throw new Error(`no issuer in ${JSON.stringify(json)}`);
    for (const field of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint']) {
      let url;
      try { url = new URL(json[field]); } catch { throw new Error(`${field} is ${JSON.stringify(json[field])}, not a URL`); }
      if (url.origin !== origin) throw new Error(`${field} ${json[field]} is not on natter's origin ${origin}`);
    }
    const includes = (field, values) => {
      const got = json[field];
      if (!Array.isArray(got) || values.some((v) => !got.includes(v))) throw new Error(`${field} is ${JSON.stringify(got)}, without ${values.join(', ')}`);
    };
    includes('response_types_supported', ['code']);
    includes('grant_types_supported', ['authorization_code', 'refresh_token']);
    includes('code_challenge_methods_supported', ['S256']);
    includes('response_modes_supported', ['query', 'fragment']);
    meta = json;
  });

  await step('the app registers itself: 201 with a client_id and its redirect URI', async () => {
    const body = {
      client_name: 'Test App',
      client_uri: `${origin}/`,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      application_type: 'web',
    };
    const { status, json } = await fetchJson(meta.registration_endpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (status !== 201) throw new Error(`-> ${status}: ${JSON.stringify(json)}`);
    if (typeof json.client_id !== 'string' || !json.client_id) throw new Error(`no client_id in ${JSON.stringify(json)}`);
    if (!Array.isArray(json.redirect_uris) || !json.redirect_uris.includes(REDIRECT_URI)) {
      throw new Error(`redirect_uris echoed as ${JSON.stringify(json.redirect_uris)}`);
    }
    clientId = json.client_id;
  });

  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  // The refused redirect URI's 400 and the sign-in's 401s are answers under test; only
  // the page's own errors count.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
  const question = page.getByTestId('matrixsso');
  const asks = page.getByTestId('matrixsso-asks');

  /** The authorization request's address for `challenge` and `state`, sending back to
   *  `redirectUri`. */
  const authorizeUrl = (challenge, state, redirectUri = REDIRECT_URI) => {
    const url = new URL(meta.authorization_endpoint);
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: SCOPE, state,
      code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'query',
    })) url.searchParams.set(k, v);
    return url.href;
  };

  /** The question names alice by her display name and username, and what the server
   *  keeps of the sign-in: where the code goes (`host`), the name the app gives itself
   *  (`name`), how new it is; never a mark of trust. */
  const namesAppAndPerson = async ({ host = REDIRECT_HOST, name = 'Test App' } = {}) => {
    await asks.waitFor({ state: 'visible', timeout: T });
    const text = (await asks.textContent()).trim();
    for (const part of [DISPLAY_NAME, `@${alice}`]) {
      if (!text.includes(part)) throw new Error(`the question says ${JSON.stringify(text)}, without ${JSON.stringify(part)}`);
    }
    const redirect = page.getByTestId('matrixsso-redirect');
    await redirect.waitFor({ state: 'visible', timeout: T });
    const shown = (await redirect.textContent()).trim();
    if (!shown.includes(host)) throw new Error(`the code's place is shown as ${JSON.stringify(shown)}, not ${host}`);
    const named = (await page.getByTestId('matrixsso-client-name').textContent()).trim();
    if (named !== name) throw new Error(`the app's own name is shown as ${JSON.stringify(named)}, not ${name}`);
    const warned = (await page.getByTestId('matrixsso-warning').textContent()).trim();
    if (!warned.includes(host)) throw new Error(`the warning ${JSON.stringify(warned)} does not name ${host}`);
    // Registered a moment ago: said plainly.
    const recent = page.getByTestId('matrixsso-new');
    await recent.waitFor({ state: 'visible', timeout: T });
    const card = (await question.textContent()).toLowerCase();
    for (const never of ['verified', 'trusted']) {
      if (card.includes(never)) throw new Error(`the question says "${never}": ${card}`);
    }
    if (!(await page.getByTestId('matrixsso-continue').isEnabled())) throw new Error('"Continue" is not offered');
  };

  /** "Continue" on the question: the browser lands on the redirect URI with a code and
   *  the request's `state`, nothing before consent. Answers the code. */
  const continueToApp = async (state) => {
    const prefix = `${REDIRECT_URI}&`;
    await page.getByTestId('matrixsso-continue').click();
    await page.waitForURL((url) => url.href.startsWith(prefix) && url.searchParams.has('code'), { timeout: T });
    const params = new URL(page.url()).searchParams;
    if (params.get('from') !== 'oauth') throw new Error(`the redirect URI's own query was lost: ${page.url()}`);
    if (params.get('state') !== state) throw new Error(`state came back as ${JSON.stringify(params.get('state'))}, not ${JSON.stringify(state)}`);
    if (params.has('error')) throw new Error(`an error beside the code: ${page.url()}`);
    const code = params.get('code');
    if (!code) throw new Error(`an empty code in ${page.url()}`);
    return code;
  };

  /** One more authorization while signed in: the question at once, "Continue", a code. */
  const authorizeSignedIn = async () => {
    const { verifier, challenge } = pkce();
    const state = randomBytes(16).toString('base64url');
    await page.goto(authorizeUrl(challenge, state));
    await question.waitFor({ state: 'visible', timeout: T });
    await namesAppAndPerson();
    return { verifier, code: await continueToApp(state) };
  };

  const first = { ...pkce(), state: randomBytes(16).toString('base64url'), code: '' };

  await step('the authorization endpoint opens natter\'s sign-in page, nothing sent to the app yet', async () => {
    await page.goto(authorizeUrl(first.challenge, first.state));
    await page.getByTestId('login-username').waitFor({ timeout: T });
    const at = new URL(page.url());
    if (at.origin !== origin || page.url().startsWith(REDIRECT_URI)) throw new Error(`the authorization led to ${page.url()}`);
  });

  await step('her password, then her code, bring the question naming where the code goes, the app\'s own name and alice', async () => {
    await page.getByTestId('login-username').fill(alice);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-code').waitFor({ state: 'visible', timeout: T });
    // The step after the setup's: the code that turned it on counts as used.
    await page.getByTestId('login-code').fill(totp(secret, 1));
    await page.getByTestId('login-submit').click();
    await question.waitFor({ state: 'visible', timeout: T });
    if (await page.getByTestId('connection-status').count()) throw new Error('the app started beside the question');
    await namesAppAndPerson();
    await page.screenshot({ path: join(outDir, 'web-client-matrix-oauth.png') });
  });

  await step('axe finds no WCAG 2.1 A or AA violation on the question, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await expectNoViolations(page, `the Matrix OAuth question (${colorScheme})`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await step('"Continue" sends the browser to the redirect URI with a code and the same state', async () => {
    first.code = await continueToApp(first.state);
  });

  await step('the token endpoint refuses the code with a wrong verifier: 400 invalid_grant', async () => {
    const answer = await postForm(meta.token_endpoint, {
      grant_type: 'authorization_code', code: first.code, redirect_uri: REDIRECT_URI, client_id: clientId,
      code_verifier: pkce().verifier,
    });
    expectOAuthError(answer, 400, 'invalid_grant', 'a wrong code_verifier');
  });

  let used = null; // the code and verifier that were traded
  await step('the code with its verifier is traded for Bearer tokens (a fresh authorization if the wrong verifier burned it)', async () => {
    const trade = ({ code, verifier }) => postForm(meta.token_endpoint, {
      grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, code_verifier: verifier,
    });
    let answer = await trade(first);
    used = first;
    if (answer.status === 400 && answer.json && answer.json.error === 'invalid_grant') {
      console.log('       (the wrong verifier burned the first code; authorizing again)');
      used = await authorizeSignedIn();
      answer = await trade(used);
    }
    tokens = expectTokens(answer, 'the code and its verifier');
  });

  await step(`whoami names alice and the device ${DEVICE}`, async () => {
    const { status, json } = await withToken(WHOAMI, tokens.access_token);
    if (status !== 200) throw new Error(`-> ${status}: ${JSON.stringify(json)}`);
    if (typeof json.user_id !== 'string' || !json.user_id.startsWith(`@${alice}:`)) throw new Error(`user_id ${JSON.stringify(json.user_id)} is not alice's`);
    if (json.device_id !== DEVICE) throw new Error(`device_id ${JSON.stringify(json.device_id)}, not ${DEVICE}`);
    userId = json.user_id;
  });

  await step(`GET /devices lists ${DEVICE}, and the account page lists the Matrix app by its name`, async () => {
    const { status, json } = await withToken(DEVICES, tokens.access_token);
    if (status !== 200) throw new Error(`/devices -> ${status}: ${JSON.stringify(json)}`);
    const ids = (json.devices || []).map((d) => d.device_id);
    if (!ids.includes(DEVICE)) throw new Error(`/devices lists ${JSON.stringify(ids)}`);
    // The browser is signed in to natter since the question: its account page.
    await page.goto(`${origin}/#account`);
    await page.getByTestId('session-row').filter({ hasText: /Matrix app/ }).filter({ hasText: 'Test App' }).first()
      .waitFor({ timeout: T });
    const listed = await (await page.request.get(`${origin}/api/account/sessions/`)).json();
    const rows = Array.isArray(listed) ? listed : (listed && listed.results) || [];
    if (!rows.some((s) => s.kind === 'device')) throw new Error(`the server lists ${JSON.stringify(rows)}`);
  });

  const refresh = (token) => postForm(meta.token_endpoint, { grant_type: 'refresh_token', refresh_token: token, client_id: clientId });
  let usedRefresh = '';
  await step('a refresh answers new tokens; the new access token works', async () => {
    const fresh = expectTokens(await refresh(tokens.refresh_token), 'the refresh');
    if (fresh.access_token === tokens.access_token) throw new Error('the refresh answered the same access token');
    if (fresh.refresh_token === tokens.refresh_token) throw new Error('the refresh answered the same refresh token');
    const { status, json } = await withToken(WHOAMI, fresh.access_token);
    if (status !== 200 || json.user_id !== userId || json.device_id !== DEVICE) throw new Error(`whoami -> ${status}: ${JSON.stringify(json)}`);
    usedRefresh = tokens.refresh_token;
    tokens = fresh;
  });

  await step('revoking the access token: 200, then whoami answers 401 M_UNKNOWN_TOKEN and both refresh tokens are refused', async () => {
    const res = await fetch(meta.revocation_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token, client_id: clientId }).toString(),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`revocation -> ${res.status}: ${text.slice(0, 200)}`);
    const { status, json } = await withToken(WHOAMI, tokens.access_token);
    if (status !== 401 || json.errcode !== 'M_UNKNOWN_TOKEN') throw new Error(`whoami -> ${status}: ${JSON.stringify(json)}`);
    expectOAuthError(await refresh(usedRefresh), 400, 'invalid_grant', 'the used refresh token');
    expectOAuthError(await refresh(tokens.refresh_token), 400, 'invalid_grant', 'the newest refresh token');
  });

  await step('the traded code a second time is refused: 400 invalid_grant', async () => {
    const answer = await postForm(meta.token_endpoint, {
      grant_type: 'authorization_code', code: used.code, redirect_uri: REDIRECT_URI, client_id: clientId,
      code_verifier: used.verifier,
    });
    expectOAuthError(answer, 400, 'invalid_grant', 'the code again');
  });

  await step('a link naming app.element.io beside another app\'s sign-in shows that app\'s registered host, and "Cancel" tells it at its own address', async () => {
    const { status, json } = await fetchJson(meta.registration_endpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'Element', client_uri: `${origin}/`, redirect_uris: [LURE_URI],
        token_endpoint_auth_method: 'none', application_type: 'web' }),
    });
    if (status !== 201) throw new Error(`the lure's registration -> ${status}: ${JSON.stringify(json)}`);
    const url = new URL(meta.authorization_endpoint);
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: json.client_id, redirect_uri: LURE_URI, scope: SCOPE, state: 'lure',
      code_challenge: pkce().challenge, code_challenge_method: 'S256',
    })) url.searchParams.set(k, v);
    const started = await fetch(url, { redirect: 'manual' });
    const location = started.headers.get('location') || '';
    const grant = new URL(location, origin).searchParams.get('matrix_oauth');
    if (started.status !== 303 || !grant || location.includes('matrix_sso')) throw new Error(`the authorization sent the browser to ${location}`);
    const lure = new URL('/', origin);
    lure.searchParams.set('matrix_sso', 'https://app.element.io/');
    lure.searchParams.set('matrix_oauth', grant);
    await page.goto(lure.href);
    await question.waitFor({ state: 'visible', timeout: T });
    await namesAppAndPerson({ host: new URL(LURE_URI).host, name: 'Element' });
    const card = await question.textContent();
    if (card.includes('app.element.io')) throw new Error(`the question names the link's address: ${card}`);
    if (page.url().includes('matrix_sso') || page.url().includes('app.element.io')) throw new Error(`the address bar kept ${page.url()}`);
    await page.getByTestId('matrixsso-cancel').click();
    await page.waitForURL((at) => at.href.startsWith(`${LURE_URI}&`), { timeout: T });
    const params = new URL(page.url()).searchParams;
    if (params.get('error') !== 'access_denied' || params.get('state') !== 'lure') throw new Error(`the app was told ${page.url()}`);
  });

  await step('"Cancel" on the question sends the app access_denied with its state, and no code', async () => {
    const state = randomBytes(16).toString('base64url');
    await page.goto(authorizeUrl(pkce().challenge, state));
    await question.waitFor({ state: 'visible', timeout: T });
    await page.getByTestId('matrixsso-cancel').click();
    await page.waitForURL((url) => url.href.startsWith(`${REDIRECT_URI}&`) && url.searchParams.has('error'), { timeout: T });
    const params = new URL(page.url()).searchParams;
    if (params.get('error') !== 'access_denied') throw new Error(`the app was told ${page.url()}`);
    if (params.get('state') !== state) throw new Error(`state came back as ${JSON.stringify(params.get('state'))}`);
    if (params.has('code')) throw new Error(`a code beside the refusal: ${page.url()}`);
  });

  await step('a redirect URI the app never registered is an error page (400), never a redirect there', async () => {
    const elsewhere = `${origin}/healthz?from=elsewhere`;
    const { challenge } = pkce();
    const answer = await page.goto(authorizeUrl(challenge, randomBytes(16).toString('base64url'), elsewhere));
    if (!answer || answer.status() !== 400) throw new Error(`the authorization answered ${answer && answer.status()} at ${page.url()}`);
    if (page.url().startsWith(elsewhere)) throw new Error(`the browser was sent to ${page.url()}`);
    if (new URL(page.url()).origin !== origin) throw new Error(`the browser went to ${page.url()}`);
    const said = (await page.locator('body').innerText({ timeout: T })).trim();
    if (!said) throw new Error('the error page says nothing');
    if (await question.count()) throw new Error('the question was asked for an unregistered redirect URI');
  });

  await step('the page reported no error of its own', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'matrix-oauth: all steps passed' : `matrix-oauth: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
