// natter's service worker, served at /sw.js (scope /). Two jobs:
// 1. The app shell offline: the page, its styles, every module and the icons are cached
//    on install under a versioned name, so natter opens (and says it is offline) while
//    the server is down. /api/, /ws/, /media/ and everything else pass straight through,
//    never cached.
// 2. Web Push: a push becomes a notification (one per chat: the tag replaces the last),
//    unless a focused natter window already shows that chat; a click focuses a natter
//    window on that chat, or opens one.

// Named after the build when natter is built (build.rs), so a new build's worker starts
// a fresh cache; the old one is deleted on activate.
const CACHE = 'natter-shell-dev';
// Every module of the client, written in by build.rs from what static/js holds (never a
// hand-kept list that can go stale).
const MODULES = [];
// Every file of the shell.
const SHELL = [
  '/',
  '/manifest.webmanifest',
  '/static/base.css',
  '/static/app.css',
  '/static/icons/natter.svg',
  '/static/icons/natter-maskable.svg',
  '/static/icons/natter-192.png',
  '/static/icons/natter-512.png',
  '/static/icons/natter-maskable-512.png',
  ...MODULES,
];
// The page's own routes (the hash holds the rest): `/`, and join and reset links.
const PAGE_PATH = /^\/((join|reset)\/[^/]+\/?)?$/;
// How long the network may take before the cached shell is served instead.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

// Network first, the cache when the network fails. Why not cache first or
// stale-while-revalidate: natter's files change together with its server (they are
// embedded in the binary), and a page mixing modules of two versions, or an old page
// talking to a new API, breaks in ways no one can see; the server answers these files
// with `no-cache` anyway, so a browser asks it every time in any case. The cache is
// there for when the server cannot be reached, and is refreshed by every answer.
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await timed(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

function timed(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server took too long')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && PAGE_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(request, '/')); // every page route is the one page
  } else if (SHELL.includes(url.pathname) && url.pathname !== '/') {
    event.respondWith(networkFirst(request, url.pathname));
  }
  // Anything else (/api/, /ws/, /media/, files, /sw.js itself): the network only.
});

// The push payload (docs/web-client.md): {title, body, chat_id, message_id, count, url, tag}.
function readPush(event) {
  try {
    return event.data ? event.data.json() : {};
  } catch {
    return { body: event.data ? event.data.text() : '' };
  }
}

// Only this server's own chat addresses: `/#chat/<digits>`.
function chatUrl(data) {
  const id = /^[1-9][0-9]{0,17}$/.test(String(data.chat_id)) ? String(data.chat_id) : null;
  return id ? { id, url: new URL(`/#chat/${id}`, self.location.origin).href } : { id: null, url: new URL('/', self.location.origin).href };
}

async function windows() {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true });
}

async function showPush(data) {
  const { id, url } = chatUrl(data);
  const open = await windows();
  // Someone reading that chat right now needs no notification (the page has shown it).
  if (id && open.some((c) => c.focused && new URL(c.url).hash === `#chat/${id}`)) return;
  const count = Number(data.count) > 1 ? Number(data.count) : 0;
  await self.registration.showNotification(String(data.title || 'natter'), {
    body: `${String(data.body || '')}${count ? ` (${count} messages)` : ''}`,
    tag: String(data.tag || (id ? `chat-${id}` : 'natter')),
    renotify: true,
    icon: '/static/icons/natter-192.png',
    badge: '/static/icons/natter-192.png',
    data: { url, chat_id: id, message_id: /^[1-9][0-9]{0,17}$/.test(String(data.message_id)) ? String(data.message_id) : null },
  });
}

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(readPush(event)));
});

async function openChat(notification) {
  const data = notification.data || {};
  const { id, url } = chatUrl(data);
  const open = (await windows()).filter((c) => new URL(c.url).origin === self.location.origin);
  const client = open.find((c) => c.focused) || open[0];
  if (client) {
    // The page moves to the chat itself (worker.js): a hash change keeps it running.
    if (id) client.postMessage({ type: 'open-chat', chat_id: id, message_id: data.message_id || null });
    try {
      await client.focus();
    } catch {
      // Focusing needs the click's permission; a synthetic click (the test) has none.
    }
    return;
  }
  await self.clients.openWindow(url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const done = openChat(event.notification);
  // waitUntil is refused on an event the page made itself (isTrusted false): the test.
  if (event.isTrusted) event.waitUntil(done);
});
