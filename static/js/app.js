// The app of a signed-in person: lays it out, and wires the live socket to the chat list
// and the open chat (catching up after drops). main.js loads it once someone is signed in.

import * as api from './api.js';
import { h, userName, chatTitle, sameId } from './dom.js';
import { LiveSocket } from './socket.js';
import { Notifier } from './notify.js';
import { announce } from './announce.js';
import { ChatList } from './views/chatlist.js';
import { filesAsWords } from './text.js';
import { ownText } from './replies.js';
import { ChatView } from './views/chat.js';
import { sidebarSearch } from './views/finder.js';
import { messageSearch } from './views/msgsearch.js';
import { openGroupDialog } from './views/groupdialog.js';
import { openNewMessage } from './views/newmessage.js';
import { notifyPrompt } from './views/notifyprompt.js';
import { Stars } from './stars.js';
import { openRoomsDialog } from './views/rooms.js';
import { openChatInfo } from './views/chatinfo.js';
import { accountTools } from './views/account.js';
import { accountPage } from './views/accountpage.js';
import { adminPage } from './views/admin.js';
import { botsPage } from './views/adminbots.js';
import { Bots } from './bots.js';
import { loadCustomEmoji } from './customemoji.js';
import { loadGroups } from './usergroups.js';
import { parseId } from './ids.js';
import { Levels } from './levels.js';
import { mentionsPage } from './views/mentions.js';
import { forgetThisBrowser, SIGNED_IN_KEY } from './leaving.js';
import { Calls } from './calls/calls.js';
import { peoplePage, peopleLink } from './views/people.js';
import { welcomeText, firstAdminNotice } from './views/firstday.js';
import { Threads } from './threads.js';
import { threadsPage, threadsLink } from './views/threads.js';
import { mentionsMe } from './mentions.js';
import { onOpenMessage, closeReadPushes } from './worker.js';
import { CHAT_HASH, PAGE_HASHES } from './hashes.js';
import { keepNotice, SIGNED_OUT } from './notice.js';
import { isJoinLine } from './joined.js';
import { savedPage, savedLink, reminderWords } from './views/saved.js';
import { linkedMessage } from './messagelinks.js';
import { statuses } from './statuses.js';
import { liveFrames } from './liveframes.js';
import { t as tx, keepChoice, differsFrom } from './i18n.js';

const root = document.getElementById('app');
const STATUS_TEXT = { connecting: tx('app-connecting'), online: tx('app-online'), reconnecting: tx('app-connection-lost-reconnecting') };
const RESYNC_RETRY_MS = 5000;

/** `note`: a sentence to show under the top bar from the start; `signedUp`: the account
 *  was just made, so the team's general room opens first. */
// The language chosen on the account (on another device, perhaps): kept on this one, and
// the page loaded again in it when it is not the one showing. Read after the first
// screen, never before it: a choice that changed elsewhere shows a moment later.
function followAccountLanguage() {
  api.myLanguage().then((answer) => {
    const code = (answer && answer.language) || '';
    keepChoice(code);
    if (differsFrom(code)) location.reload();
  }, () => { /* unknown: this device's choice stands */ });
}

export function startApp(me, note = '', { signedUp = false } = {}) {
  try { localStorage.setItem(SIGNED_IN_KEY, '1'); } catch { /* no storage: no early reads */ }
  followAccountLanguage();
  const status = h('span', { class: 'conn', role: 'status', 'data-testid': 'connection-status' });
  const appError = h('p', { class: 'app-error', role: 'alert', 'data-testid': 'app-error' }, note);
  const layout = h('div', { class: 'layout' });
  // The notice comes after the chats in the Tab order (the first stop stays the search); CSS puts it above them.
  const mainEl = h('main', { class: 'main' }, layout, firstAdminNotice({ me }));
  let page = null; // the account or admin page when one is open
  let leaving = false; // signed out: the page is reloading
  let revoked = false; // the socket was closed with 1008 and has not opened since
  const notifier = new Notifier();
  const levels = new Levels({ me });
  const threads = new Threads({ me }); // followed threads and their unread replies
  const bots = new Bots(); // who is a bot, for the badge by their messages
  // A sender is a bot when the server says so in the message, or it is in the bots' list.
  const isBot = (sender) => Boolean(sender && (sender.is_bot === true || bots.has(sender.id)));

  // Calls go over the live socket made below (frames sent only once it exists).
  const calls = new Calls({ me, send: (frame) => socket.send(frame), chatOf: (id) => list.get(id),
    levelOf: (c) => levels.levelOf(c), open: (id) => go(id) });
  const stars = new Stars(me);
  const list = new ChatList({ me, levels, stars, onOpen: (id) => go(id), isViewing: (id) => chat.isViewing(id),
    emptyState: () => welcomeText({ onRooms: () => rooms.click() }) });
  const chat = new ChatView({ me, list, onBack: () => { location.hash = ''; }, onInfo: (c) => showInfo(c),
    onRead: (id, upTo) => readMentions(id, upTo), isBot, calls, threads,
    onThread: (chatId, rootId, at) => goThread(chatId, rootId, at),
    onCloseThread: (chatId) => go(chatId), onOpenMessage: (c, m, t) => openMessage(c, m, t) });
  bots.onChange(() => chat.redraw());
  // Custom emoji: `:name:` drawn as its image once the list is in.
  loadCustomEmoji().then(() => chat.redraw(), () => {});
  // User groups: `@design` marked as a group and offered by the mention picker.
  loadGroups().then(() => chat.redraw(), () => {});
  // A read that ends before the chat's last message may leave a newer mention unread.
  // Emoji, groups and a scheduled message that failed, from the socket.
  const serverFrame = liveFrames({ me, redraw: () => chat.redraw(), show: (line) => appError.after(line) });
  const readMentions = (id, upTo) => levels.readChat(id, list.covers(id, upTo) ? null : upTo);
  const search = sidebarSearch({
    me,
    chats: () => list.all(),
    onOpen: (id) => go(id),
    onChat: (c) => { list.upsert(c); go(c.id); },
    onJoined: (id) => joined(id),
  });

  const messages = messageSearch({ me, chats: () => list.all(), onPick: openMessage });
  onOpenMessage((chatId, messageId) => (messageId ? openMessage(chatId, messageId) : go(chatId))); // a push clicked

  const socket = new LiveSocket({
    onEvent: (frame) => {
      const viewing = chat.isViewing(frame.chat_id);
      const msg = frame.type === 'new_message' ? frame.message : null;
      // A thread reply kept to its thread is seen only when its panel is on screen.
      const threadOnly = Boolean(msg && msg.in_channel === false);
      const seen = threadOnly ? chat.isViewingThread(msg.thread_id) : viewing;
      if (msg && msg.thread_id != null) threads.noteReply(msg, chat.isViewingThread(msg.thread_id));
      list.onEvent(frame); // first, so unread counting sees whether the chat is on screen
      calls.chatsKnown();
      calls.onEvent(frame);
      chat.onEvent(frame);
      if (frame.type === 'new_message') levels.noteMessage(frame.chat_id, frame.message);
      if (frame.type === 'read' && sameId(frame.user_id, me.id)) readMentions(frame.chat_id, frame.message_id); // here or in another tab
      // A thread read here or in another tab: the server marked my mentions in it read too.
      if (frame.type === 'thread_read' && sameId(frame.user_id, me.id)) { levels.reloadSoon(); threads.reloadSoon(); }
      if ((frame.type === 'read' || frame.type === 'thread_read') && sameId(frame.user_id, me.id)) closeRead(frame);
      if (frame.type === 'new_message' && !seen) notice(frame);
      if (frame.type === 'chat_updated' && list.get(frame.chat_id)) {
        const newest = Number(frame.chat?.last_message?.id ?? 0);
        const shown = chat.chat && sameId(chat.chat.id, frame.chat_id) ? Number(list.get(frame.chat_id).last_message?.id ?? 0) : newest;
        chat.refresh(list.get(frame.chat_id));
        if (newest > shown) chat.catchUp().catch(() => {}); // messages no frame brought (an import)
      }
      if (frame.type === 'member_joined' || frame.type === 'member_left') membersChanged(frame);
      if (frame.type === 'reminder' && sameId(frame.user_id, me.id)) remind(frame);
      statuses.onFrame(frame); // someone's status: every badge of theirs changes in place
      serverFrame(frame);
    },
    onStatus: (state, failures) => {
      status.dataset.state = state;
      status.textContent = STATUS_TEXT[state];
      if (state !== 'online') calls.onSocketDown();
      // A socket that keeps failing may mean the session ended: find out now and then,
      // and at every failure after a revocation.
      if (state === 'reconnecting' && (revoked || failures % 4 === 0)) checkSession();
    },
    onOpen: () => {
      revoked = false;
      statuses.load(); // what changed while the socket was down
      calls.onSocketOpen();
      resync();
    },
    // Closed with 1008: this session was ended (another tab's "Sign out", the account
    // page of another device, an administrator deactivating us). One request (made by
    // onStatus, which follows at once) confirms it, as a password change ends the other
    // sessions, never this one; then we leave at once.
    onRevoked: () => { revoked = true; },
  });
  statuses.noteTimeZone(); // this browser's zone, when the account has none yet
  statuses.trackActivity((frame) => socket.send(frame)); // not away while typing or clicking

  // What the socket could not tell us while it was down (or before it first opened).
  async function resync() {
    try {
      levels.reload(); // on its own: a server without it must not stop the catch-up
      threads.reload().catch(() => {}); // likewise: a server without threads
      bots.reload(); // likewise: bots made while we were away
      await list.reload();
      calls.chatsKnown(); // a call that started before the list came rings now
      const open = chat.chat && list.get(chat.chat.id);
      if (open) chat.refresh(open);
      await chat.catchUp();
    } catch (err) {
      if (err.status === 401) return signedOut(SIGNED_OUT);
      // A 403 may be one chat we left, or the whole session gone: ask which.
      if (err.status === 403 && !(await checkSession())) return;
      if (socket.ws) setTimeout(resync, RESYNC_RETRY_MS); // still connected: try again, lose nothing
    }
  }

  // What I read (here or in another tab) is no news: its notification, in this tab or
  // from a push, is closed. A chat's read covers its messages up to it; a thread's, the
  // replies after its first message up to it (a chat's notification names its newest message).
  function closeRead(frame) {
    const upTo = Number(frame.message_id);
    const after = frame.type === 'thread_read' ? Number(frame.thread_id) : 0;
    const read = (id) => id > after && id <= upTo;
    notifier.closeRead(`chat-${frame.chat_id}`, read);
    closeReadPushes(frame.chat_id, read);
  }

  // A message in a chat that is not on screen: a sound and a desktop notification, if chosen.
  async function notice(frame) {
    const msg = frame.message;
    if (!msg || !msg.sender || sameId(msg.sender.id, me.id)) return;
    if (isJoinLine(msg)) return; // an arrival is news in the room, not a call for attention
    if (!list.get(frame.chat_id)) await list.reload().catch(() => {}); // a chat we were just added to
    const c = list.get(frame.chat_id);
    // A reply kept to its thread: only for a thread I follow, or one that names me.
    const threadOnly = msg.in_channel === false && msg.thread_id != null;
    if (threadOnly && !threads.follows(msg.thread_id) && !mentionsMe(msg.content, me.username)) return;
    // The chat's level decides: off says nothing, mentions only when I am named.
    if (c && !levels.notifies(c, msg.content)) return;
    const who = userName(msg.sender);
    const title = !c || (c.chat_type === 'dm' && !threadOnly) ? who
      : threadOnly ? tx('app-who-in-a-thread-in', { who, chat: chatTitle(c, me) }) : tx('app-who-in-chat', { who, chat: chatTitle(c, me) });
    announce(tx('app-new-message-from-title', { title }));
    const open = threadOnly ? () => goThread(frame.chat_id, msg.thread_id, msg.id) : () => go(frame.chat_id);
    notifier.message({ title, body: filesAsWords(ownText(msg.content)) || tx('app-sent-a-file'), tag: `chat-${frame.chat_id}`, onClick: open, messageId: msg.id });
  }

  // A saved message's reminder is due: a line above the chats (and a notification).
  async function remind(frame) {
    const words = await reminderWords(frame);
    const open = () => { line.remove(); openMessage(frame.chat_id, frame.message_id); };
    const line = h('p', { class: 'notice reminder-note', role: 'status', 'data-testid': 'reminder-note' },
      h('span', null, words), ' ',
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'reminder-open', onclick: open }, tx('app-open')), ' ',
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'reminder-dismiss', onclick: () => line.remove() }, tx('app-dismiss')));
    appError.after(line);
    announce(words);
    notifier.message({ title: tx('app-reminder'), body: words, tag: `reminder-${frame.message_id}`, onClick: open, messageId: frame.message_id });
  }

  async function membersChanged(frame) {
    if (frame.type === 'member_left' && sameId(frame.user_id, me.id)) {
      // We were removed (or left in another tab): the list has dropped the chat; close it.
      if (chat.chat && sameId(chat.chat.id, frame.chat_id)) location.hash = '';
      return;
    }
    bots.reload(); // a bot may have just been added to one of my chats
    await refreshChats();
  }

  async function refreshChats() {
    await list.reload().catch(() => {});
    const open = chat.chat && list.get(chat.chat.id);
    if (open) chat.refresh(open);
  }

  function showInfo(c) {
    openChatInfo({
      me,
      levels,
      chat: c,
      isBot,
      onChanged: (changed) => {
        list.upsert(changed);
        chat.refresh(list.get(changed.id));
      },
      onLeft: () => {
        location.hash = '';
        refreshChats();
      },
    });
  }

  async function joined(id) {
    await list.reload().catch(() => {});
    go(id);
  }

  // Whether this session still holds; when the server says it does not (401, or 403 as
  // DRF answers a request without credentials), leaves for the sign-in screen.
  async function checkSession() {
    try {
      await api.me();
      return true;
    } catch (err) {
      if (err.status !== 401 && err.status !== 403) return true; // offline: not our answer
      signedOut(SIGNED_OUT);
      return false;
    }
  }

  // `notice`: why, shown on the sign-in screen (none when the person signed out). Once:
  // our own "Sign out" also closes our socket with 1008, and the first answer wins.
  function signedOut(notice) {
    if (leaving) return;
    leaving = true;
    socket.stop();
    keepNotice(notice || '');
    history.replaceState(null, '', location.pathname);
    // Also when the session ended elsewhere: this browser keeps nothing of the person.
    forgetThisBrowser().finally(() => location.reload()); // a fresh page drops every bit of state
  }

  // `id` is a checked id (parseId): the only chat paths it can reach are its own; a
  // thread's root (and a reply to show in it) opens the thread's panel too.
  async function openChat(id, threadRoot = null, at = null, focus = true) {
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
    chat.open(c, { focus });
    if (threadRoot) chat.openThread(threadRoot, at);
    else chat.closeThread();
    // Renames and member changes arrive as frames, but not while the socket was down: re-read.
    api.getChat(c.id).then((fresh) => {
      // Its count may predate our own mark-as-read: a chat on screen has nothing unread.
      list.upsert(chat.isViewing(fresh.id) ? { ...fresh, unread_count: 0, channel_unread_count: 0 } : fresh);
      chat.refresh(list.get(fresh.id));
    }, () => {});
  }

  // `#account`, `#mentions`, `#admin` and `#admin/bots` show that page; anything else but `#chat/<id>` (a malformed
  // or hostile hash too) shows the chat list. `focus`: false for the page's first route,
  // which leaves the focus where a fresh page has it.
  function route({ focus = true } = {}) {
    if (PAGE_HASHES.has(location.hash)) return showPage(location.hash);
    closePage();
    const m = CHAT_HASH.exec(location.hash);
    const id = m && parseId(m[1]);
    const message = m && m[4] ? parseId(m[4]) : null;
    if (id && message) {
      // Shown once: the address becomes the chat's, so a reload does not jump again.
      history.replaceState(null, '', `${location.pathname}${location.search}#chat/${id}`);
      return openLinked(id, message);
    }
    if (id) return openChat(id, m[2] ? parseId(m[2]) : null, m[3] ? parseId(m[3]) : null, focus);
    chat.close();
    list.setActive(null);
    layout.classList.remove('chat-open');
  }

  // A message's address (a copied link, a mail): asked of the server first, which answers
  // only a member of its chat; a reply kept to its thread opens in its thread's panel.
  async function openLinked(id, message) {
    const msg = await linkedMessage(id, message);
    if (!msg) {
      appError.textContent = tx('app-that-message-is-not-available');
      if (!list.get(id)) { location.hash = ''; return; }
      return openChat(id);
    }
    appError.textContent = '';
    const threadId = msg.in_channel === false ? msg.thread_id : null;
    if (threadId != null) return goThread(id, threadId, message);
    chat.jump(id, message);
    return openChat(id);
  }

  // A page takes the place of the chats (which keep following the socket, hidden); it is
  // built afresh each time, so it shows what the server says now.
  function showPage(hash) {
    chat.close();
    list.setActive(null);
    layout.classList.remove('chat-open');
    closePage();
    const back = () => { location.hash = ''; };
    if (hash === '#admin') page = adminPage({ me, onBack: back });
    else if (hash === '#admin/bots') page = botsPage({ me, bots, chats: () => list.all(), onBack: back });
    else if (hash === '#people') page = peoplePage({ me, onBack: back, onChat: (c) => { list.upsert(c); go(c.id); } });
    else if (hash === '#threads') page = threadsPage({ me, threads, onBack: back, chatOf: (id) => list.get(id), onPick: (c, root) => goThread(c, root) });
    else if (hash === '#saved') page = savedPage({ me, chatOf: (id) => list.get(id), onPick: openMessage, onBack: back });
    else if (hash === '#mentions') page = mentionsPage({ me, levels, onBack: back, chatOf: (id) => list.get(id), onPick: openMessage });
    else page = accountPage({ me, notifier, onBack: back, onSaved: () => { tools.refresh(); refreshChats(); } });
    layout.hidden = true;
    mainEl.append(page);
    const heading = page.querySelector('h1');
    if (heading) heading.focus();
  }

  function closePage() {
    if (!page) return;
    page.remove();
    page = null;
    layout.hidden = false;
  }

  // A message search result: open its chat at that message (older history loads as needed);
  // a thread reply opens its thread's panel at it.
  function openMessage(chatId, messageId, threadId = null) {
    if (threadId != null && !sameId(threadId, messageId)) return goThread(chatId, threadId, messageId);
    const already = chat.chat && sameId(chat.chat.id, chatId);
    chat.jump(chatId, messageId);
    go(chatId);
    if (already && matchMedia('(hover: hover)').matches) chat.composer.focus();
  }

  // The hash holds the open chat so reload and the phone's back button work.
  function go(raw) {
    const id = parseId(raw);
    if (!id) return;
    const target = `#chat/${id}`;
    if (location.hash === target) route();
    else location.hash = target;
  }

  // A thread: its chat with the thread's panel (`at`: a reply to show there).
  function goThread(chatId, rootId, at = null) {
    const id = parseId(chatId);
    const root = parseId(rootId);
    if (!id || !root) return;
    const target = `#chat/${id}/thread/${root}${at && parseId(at) ? `/${parseId(at)}` : ''}`;
    if (location.hash === target) route();
    else location.hash = target;
  }

  const newMessage = h('button', { type: 'button', class: 'primary', 'data-testid': 'new-message',
    onclick: () => {
      search.clear();
      messages.clear();
      openNewMessage({ me, chats: () => list.all(), onChat: (c) => { list.upsert(c); go(c.id); } });
    } }, tx('app-new-message'));
  const newGroup = h('button', { type: 'button', class: 'secondary', 'data-testid': 'new-group',
    onclick: () => { search.clear(); messages.clear(); openGroupDialog({ me, onChat: (c) => { list.upsert(c); go(c.id); } }); } }, tx('app-new-group'));
  const rooms = h('button', { type: 'button', class: 'secondary', 'data-testid': 'rooms-browse',
    onclick: () => openRoomsDialog({ isJoined: (id) => (list.get(id) || {}).chat_type === 'room', onJoined: joined }) }, tx('app-rooms'));

  // The Mentions page, with how many are unread.
  const mentionsLink = h('a', { href: '#mentions', class: 'button-link secondary', 'data-testid': 'mentions-link' });
  const renderMentionsLink = () => {
    const n = levels.unreadTotal;
    mentionsLink.replaceChildren(tx('app-mentions'), n ? ' ' : '', n ? h('span', { class: 'badge', 'data-testid': 'mentions-unread' }, String(n)) : '');
    mentionsLink.setAttribute('aria-label', n ? tx('app-mentions-n-unread', { n }) : tx('app-mentions'));
  };
  levels.onChange(() => { renderMentionsLink(); list.render(); });
  renderMentionsLink();

  layout.append(
    h('aside', { class: 'sidebar', 'aria-label': tx('app-chats-and-search') },
      h('div', { class: 'sidebar-tools' }, search.el, messages.el, h('div', { class: 'row' }, newMessage, newGroup, rooms, mentionsLink, threadsLink(threads), savedLink(), peopleLink())), list.el),
    chat.el);
  const tools = accountTools({
    me,
    notifier,
    say: (text) => { appError.textContent = text; },
    onSignedOut: () => signedOut(),
    onProfileSaved: refreshChats,
  });
  // Once per person in this browser: ask them to turn notifications on.
  const prompt = notifyPrompt({ me, notifier, say: (text) => { appError.textContent = text; } });
  // After the chats in the page (the search stays the first Tab stop), above them on
  // screen (app.css: order).
  if (prompt) mainEl.append(prompt);
  // Messages and chat details offer an administrator's moderation once the account says
  // so (the server checks every such request anyway).
  api.account().then((a) => {
    if (a && a.is_admin && !me.is_admin) {
      me.is_admin = true;
      chat.redraw();
    }
  }, () => {});
  // The account tools come after the chats in the page (and so in the Tab order) but
  // sit in the top bar on screen: the first Tab stop is the search, not "Sign out".
  root.replaceChildren(
    h('header', { class: 'topbar' },
      h('span', { class: 'brand' }, 'natter'),
      status),
    appError,
    mainEl,
    tools.el);

  window.addEventListener('hashchange', () => route());
  socket.start();
  // A newcomer starts where the team talks, as Slack opens #general: the server's
  // general room is its first room (first_day.rs makes it before any other), so the
  // oldest room they landed in. Anyone else starts where the address says. Asked apart
  // from the list, whose reload the socket's first one may overtake.
  const home = signedUp && !CHAT_HASH.test(location.hash) ? homeRoom() : Promise.resolve(null);
  list.reload().catch(() => {}).then(() => home).then((room) => {
    if (room) history.replaceState(null, '', `${location.pathname}${location.search}#chat/${parseId(room.id)}`);
    route({ focus: false });
  });

  async function homeRoom() {
    try {
      const rooms = (await api.listAllChats()).results.filter((c) => c.chat_type === 'room');
      return rooms.reduce((a, b) => (!a || Number(b.id) < Number(a.id) ? b : a), null);
    } catch {
      return null; // the list as usual
    }
  }
}
