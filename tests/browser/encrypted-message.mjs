// An encrypted message from a Matrix app, shown in natter's own client, run by
// tests/browser.rs (`an_encrypted_message_is_said_in_the_readers_language_in_the_browser`):
//
//   node tests/browser/encrypted-message.mjs <base-url> <shot-dir>
//
// ann signs in as a Matrix app, makes an encrypted direct chat with bob
// (`m.room.encryption` in `createRoom`'s `initial_state`) and sends `m.room.encrypted`
// there, with its ciphertext. bob reads natter's web client in German (the browser's
// language): the message says, in German, that it is encrypted and is to be opened in a
// Matrix app, in the chat and in the chat list's last line; the ciphertext shows nowhere;
// the message has no edit action, and a message bob then writes in the same chat shows as
// text. Every wait is an auto-waiting locator or a polled condition with a timeout; no
// fixed sleeps.

import { join } from 'node:path';
import { apiClient, launch, signedInThroughForm, steps } from './harness.mjs';

const [base, shotDir = 'target'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node encrypted-message.mjs <base-url> [shot-dir]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const CIPHERTEXT = `AwgAEkBcipher${run}`;
// The German catalog's sentence (static/locales/de.ftl, text-an-encrypted-message-open-it).
const GERMAN = 'Eine verschlüsselte Nachricht';

const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  const { register } = await apiClient(origin);
  const ann = `ann_${run}`;
  const bob = `bob_${run}`;
  await register(ann, PASSWORD);
  await register(bob, PASSWORD);
  const matrix = async (method, path, token, body) => {
    const res = await fetch(`${origin}/_matrix/client/v3${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  let chatId = null;

  await step('ann, as a Matrix app, sends an encrypted message in an encrypted direct chat with bob', async () => {
    const login = await matrix('POST', '/login', null, {
      type: 'm.login.password', identifier: { type: 'm.id.user', user: ann }, password: PASSWORD,
    });
    const server = login.user_id.split(':').slice(1).join(':');
    const made = await matrix('POST', '/createRoom', login.access_token, {
      is_direct: true, invite: [`@${bob}:${server}`],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    const room = encodeURIComponent(made.room_id);
    await matrix('PUT', `/rooms/${room}/send/m.room.encrypted/t1`, login.access_token, {
      algorithm: 'm.megolm.v1.aes-sha2', ciphertext: CIPHERTEXT, sender_key: 'k', session_id: 's', device_id: login.device_id,
    });
    chatId = made.room_id.slice(1).split(':')[0];
  });

  let page = null;
  await step('bob, reading natter in German, is told in German that the message is encrypted, in the chat list and the chat', async () => {
    page = await signedInThroughForm(browser, origin, {
      name: bob, password: PASSWORD, width: 1100, timeout: T, context: { locale: 'de-DE' },
    });
    const item = page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"]`);
    await item.filter({ hasText: GERMAN }).waitFor({ timeout: T });
    await item.click();
    const sealed = page.getByTestId('message-encrypted');
    await sealed.filter({ hasText: GERMAN }).waitFor({ timeout: T });
    await sealed.filter({ hasText: 'Matrix' }).waitFor({ timeout: T });
    await page.screenshot({ path: join(shotDir, 'web-client-encrypted-message.png') });
  });

  await step('the ciphertext shows nowhere, and the encrypted message has no edit action', async () => {
    const shown = await page.locator('body').innerText({ timeout: T });
    if (shown.includes(CIPHERTEXT)) throw new Error('the ciphertext is on the page');
    const row = page.getByTestId('message').filter({ has: page.getByTestId('message-encrypted') });
    if (await row.getByTestId('edit-button').isVisible().catch(() => false)) throw new Error('an edit action on an encrypted message');
  });

  await step('what bob writes in the same chat shows as his text', async () => {
    await page.getByTestId('message-input').fill(`plain words ${run}`);
    await page.getByTestId('message-input').press('Enter');
    await page.getByTestId('message').filter({ hasText: `plain words ${run}` }).waitFor({ timeout: T });
    if (await page.getByTestId('message-encrypted').count() !== 1) throw new Error('more than one message shows as encrypted');
    page.problems();
  });

  exitCode = failures.length ? 1 : 0;
} catch (err) {
  if (!failures.length) console.log(`FAIL - ${err.stack || err}`);
  exitCode = 1;
} finally {
  console.log(exitCode === 0 ? 'encrypted-message: all steps passed' : `encrypted-message: FAILED (${failures.join('; ') || 'see above'})`);
  await browser.close().catch(() => {});
  process.exit(exitCode);
}
