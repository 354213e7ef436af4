// Registers natter's service worker (/sw.js): it keeps the app shell for opening
// offline and shows pushes. The page works without it (an old browser, a certificate
// the browser does not trust): nothing here ever throws. A click on a push notification
// reaches this page as a message `{type: 'open-chat', chat_id, message_id}`: the page
// opens that chat at that message (a thread's panel for a thread reply).

let openMessage = (chatId) => { location.hash = `#chat/${chatId}`; };

/** fn(chatId, messageId | null): what a notification click opens (main.js sets it). */
export function onOpenMessage(fn) {
  openMessage = fn;
}

import { parseId } from './ids.js';

let registration = Promise.resolve(null);

export function startWorker() {
  if (!('serviceWorker' in navigator)) return;
  registration = navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (e.origin && e.origin !== location.origin) return;
    const data = e.data || {};
    const id = data.type === 'open-chat' ? parseId(data.chat_id) : null;
    if (id) openMessage(id, parseId(data.message_id));
  });
  navigator.serviceWorker.startMessages();
}

/** Closes this browser's push notifications of chat `chatId` whose message `read(id)`
 *  says was read (a push names the newest message of its chat). Quietly does nothing
 *  where there is no worker. */
export async function closeReadPushes(chatId, read) {
  try {
    const reg = await workerReady();
    if (!reg || typeof reg.getNotifications !== 'function') return;
    for (const n of await reg.getNotifications({ tag: `chat-${chatId}` })) {
      const id = Number(n.data && n.data.message_id);
      if (id && read(id)) n.close();
    }
  } catch {
    // no worker, or notifications not allowed: nothing shown to close
  }
}

/** The worker's registration once it is active, or null when there is none. */
export async function workerReady() {
  const reg = await registration;
  if (!reg) return null;
  return navigator.serviceWorker.ready;
}
