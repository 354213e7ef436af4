// Web Push for this browser: subscribes with the server's VAPID key
// (`GET /api/push/`), hands the subscription to the server and keeps its id in
// localStorage so turning notifications off can delete it. Every failure is a sentence
// (a server without push, a browser without a push service): the in-tab notifications
// (notify.js) work either way.

import * as api from './api.js';
import { workerReady } from './worker.js';
import { t } from './i18n.js';

const ID_KEY = 'natter.push-subscription';
const SUBSCRIBE_TIMEOUT_MS = 8000; // a browser without a reachable push service may never answer

function storedId() {
  try { return localStorage.getItem(ID_KEY); } catch { return null; }
}
function storeId(id) {
  try {
    if (id == null) localStorage.removeItem(ID_KEY);
    else localStorage.setItem(ID_KEY, String(id));
  } catch { /* private mode: not kept */ }
}

/** Why this browser cannot take pushes at all, or '' when it can. */
export function pushMissing() {
  if (!('serviceWorker' in navigator)) return t('pushsub-no-service-workers');
  if (typeof PushManager !== 'function') return t('pushsub-no-push-api');
  if (typeof Notification !== 'function') return t('pushsub-no-notifications');
  return '';
}

/** A base64url key as the bytes `applicationServerKey` takes. */
function keyBytes(text) {
  const b64 = String(text).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function withTimeout(promise, ms, words) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(words)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Subscribes this browser. Resolves to '' when pushes will come, else a sentence why not. */
export async function subscribe() {
  const missing = pushMissing();
  if (missing) return t('pushsub-push-unavailable-in-this-browser', { missing });
  let info;
  try {
    info = await api.pushInfo();
  } catch (err) {
    if (err.status === 404) return t('pushsub-push-unavailable-on-this-server');
    return t('pushsub-push-unavailable-message', { message: err.message });
  }
  if (!info || !info.public_key) return t('pushsub-push-unavailable-on-this-server');
  const reg = await workerReady();
  if (!reg) return t('pushsub-push-unavailable-in-this-browser-2');
  let sub;
  try {
    const key = keyBytes(info.public_key);
    sub = await reg.pushManager.getSubscription();
    const sameKey = sub && sub.options.applicationServerKey &&
      new Uint8Array(sub.options.applicationServerKey).join() === key.join();
    if (sub && !sameKey) { await sub.unsubscribe(); sub = null; } // the server's key changed
    if (!sub) {
      sub = await withTimeout(reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
        SUBSCRIBE_TIMEOUT_MS, t('pushsub-its-push-service-did-not'));
    }
  } catch (err) {
    return t('pushsub-push-unavailable-in-this-browser-3', { value: err.message || err });
  }
  const known = (info.subscriptions || []).find((s) => s.endpoint === sub.endpoint);
  if (known) {
    storeId(known.id);
    return '';
  }
  try {
    const saved = await api.addPushSubscription(sub.toJSON());
    storeId(saved && saved.id);
    return '';
  } catch (err) {
    return t('pushsub-push-unavailable-the-server-refused', { message: err.message });
  }
}

/** Ends this browser's subscription here and on the server (quietly: it may be gone). */
export async function unsubscribe() {
  const id = storedId();
  storeId(null);
  if (id) await api.removePushSubscription(id).catch(() => {});
  if (pushMissing()) return;
  try {
    const reg = await navigator.serviceWorker.getRegistration('/');
    const sub = reg && (await reg.pushManager.getSubscription());
    if (sub) await sub.unsubscribe();
  } catch {
    // nothing to end
  }
}
