// What the browser scripts that test one thing each share (own-routes.mjs, two-tabs.mjs):
// the system Chromium launched headless with the flags this machine needs, named steps
// that print ok/FAIL, and setup calls to natter's API with token credentials.
// Chromium is the system one (/usr/bin/chromium, or $NATTER_CHROMIUM); nothing is downloaded.

import { chromium, request as apiRequest } from 'playwright-core';

/** The system Chromium, headless, without the background networking this machine refuses. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.NATTER_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

/** Named steps: `step(name, fn)` prints `ok` or `FAIL` with the reason and records the
 *  failure in `failures`; with `stopOnFailure` a failed step also throws, so later steps
 *  that build on it do not run. */
export function steps({ stopOnFailure }) {
  const failures = [];
  async function step(name, fn) {
    const started = Date.now();
    try {
      await fn();
      console.log(`ok   - ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      console.log(`FAIL - ${name}: ${String((err && err.message) || err).split('\n').slice(0, 12).join('\n       ')}`);
      failures.push(name);
      if (stopOnFailure) throw new Error(`stopping after failed step: ${name}`);
    }
  }
  return { step, failures };
}

/** natter's API at `origin` with token credentials (no cookies): `call(method, path,
 *  token, data, multipart)` answers the parsed JSON or throws with the status and body;
 *  `register(name, password)` answers `{token, user}`. */
export async function apiClient(origin) {
  const api = await apiRequest.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const call = async (method, path, token, data, multipart) => {
    const res = await api.fetch(path, { method, headers: token ? { Authorization: `Token ${token}` } : {}, data, multipart });
    const body = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()}: ${body}`);
    return body ? JSON.parse(body) : null;
  };
  const register = (name, password) => call('POST', '/api/auth/register/', null,
    { username: name, email: `${name}@example.com`, password });
  return { call, register };
}
