// Entry point: decides between the sign-in screen and the app, lays the app out, and
// wires the live socket to the chat list and the open chat (catching up after drops).

import * as api from './api.js';
import { h, userName } from './dom.js';
import { LiveSocket } from './socket.js';
import { authView } from './views/auth.js';
import { ChatList } from './views/chatlist.js';
import { ChatView } from './views/chat.js';
import { dmSearch, openGroupDialog } from './views/finder.js';
import { openRoomsDialog } from './views/rooms.js';

const root = document.getElementById('app');
const STATUS_TEXT = { connecting: 'Connecting…', online: 'Online', reconnecting: 'Connection lost — reconnecting…' };
const RESYNC_RETRY_MS = 5000;
const CHAT_HASH = /^#chat\/([^/]+)$/;

boot();

async function boot() {
  root.replaceChildren(h('p', { class: 'boot' }, 'Loading…'));
  try {
    startApp(await api.me());
  } catch (err) {
    if (err.status === 401 || err.status === 403) showAuth();
    else {
      root.replaceChildren(h('div', { class: 'boot' },
        h('p', null, `natter could not start: ${err.message}`),
        h('button', { type: 'button', class: 'primary', onclick: boot }, 'Try again')));
    }
  }
}

function showAuth() {
  root.replaceChildren(authView({ onSignedIn: startApp }));
}

function startApp(me) {
  const status = h('span', { class: 'conn', role: 'status', 'data-testid': 'connection-status' });
  const appError = h('p', { class: 'app-error', role: 'alert', 'data-testid': 'app-error' });
  const logout = h('button', { type: 'button', class: 'secondary', 'data-testid': 'logout' }, 'Sign out');
  const layout = h('div', { class: 'layout' });

  const list = new ChatList({ me, onOpen: (id) => go(id), isViewing: (id) => chat.isViewing(id) });
  const chat = new ChatView({ me, list, onBack: () => { location.hash = ''; } });
  const dm = dmSearch({ me, onChat: (c) => { list.upsert(c); go(c.id); } });

  const socket = new LiveSocket({
    onEvent: (frame) => {
      list.onEvent(frame); // first, so unread counting sees whether the chat is on screen
      chat.onEvent(frame);
    },
    onStatus: (state, failures) => {
      status.dataset.state = state;
      status.textContent = STATUS_TEXT[state];
      // A socket that keeps failing may mean the session ended: find out now and then.
      if (state === 'reconnecting' && failures % 4 === 0) checkSession();
    },
    onOpen: () => resync(),
  });

  // What the socket could not tell us while it was down (or before it first opened).
  async function resync() {
    try {
      await list.reload();
      const open = chat.chat && list.get(chat.chat.id);
      if (open) chat.refresh(open);
      await chat.catchUp();
    } catch (err) {
      if (err.status === 401) return signedOut();
      if (socket.ws) setTimeout(resync, RESYNC_RETRY_MS); // still connected: try again, lose nothing
    }
  }

  async function checkSession() {
    try {
      await api.me();
    } catch (err) {
      if (err.status === 401) signedOut();
    }
  }

  function signedOut() {
    socket.stop();
    history.replaceState(null, '', location.pathname);
    location.reload(); // a fresh page is the simplest way to drop every bit of state
  }

  async function openChat(id) {
    let c = list.get(id);
    if (!c) {
      try {
        c = await api.getChat(id);
        list.upsert(c);
      } catch {
        location.hash = '';
        return;
      }
    }
    list.setActive(c.id);
    layout.classList.add('chat-open');
    chat.open(c);
  }

  function route() {
    const m = CHAT_HASH.exec(location.hash);
    if (m) return openChat(decodeURIComponent(m[1]));
    chat.close();
    list.setActive(null);
    layout.classList.remove('chat-open');
  }

  // The hash holds the open chat so reload and the phone's back button work.
  function go(id) {
    const target = `#chat/${id}`;
    if (location.hash === target) route();
    else location.hash = target;
  }

  logout.addEventListener('click', async () => {
    logout.disabled = true;
    appError.textContent = '';
    try {
      await api.logout();
    } catch (err) {
      if (err.status !== 401) {
        appError.textContent = `Could not sign out: ${err.message}`;
        logout.disabled = false;
        return;
      }
    }
    signedOut();
  });

  const newGroup = h('button', { type: 'button', class: 'secondary', 'data-testid': 'new-group',
    onclick: () => { dm.clear(); openGroupDialog({ me, onChat: (c) => { list.upsert(c); go(c.id); } }); } }, 'New group');
  const rooms = h('button', { type: 'button', class: 'secondary', 'data-testid': 'rooms-browse',
    onclick: () => openRoomsDialog({
      isJoined: (id) => (list.get(id) || {}).chat_type === 'room',
      onJoined: async (id) => {
        await list.reload().catch(() => {});
        go(id);
      },
    }) }, 'Rooms');

  layout.append(
    h('aside', { class: 'sidebar' }, h('div', { class: 'sidebar-tools' }, dm.el, h('div', { class: 'row' }, newGroup, rooms)), list.el),
    chat.el);
  root.replaceChildren(
    h('header', { class: 'topbar' },
      h('span', { class: 'brand' }, 'natter'),
      status,
      h('span', { class: 'spacer' }),
      h('span', { class: 'current-user', 'data-testid': 'current-user', title: me.username }, userName(me)),
      logout),
    appError,
    layout);

  window.addEventListener('hashchange', route);
  socket.start();
  list.reload().catch(() => {}).then(route);
}
