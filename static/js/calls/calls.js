// Calls in the web client: who is in a call in which of my chats (call_state frames,
// and GET /api/calls/ on load and after a reconnect), the one call this tab is in
// (media.js, mesh.js, views/call.js), and ringing for calls that start (ringtone.js,
// views/ringing.js), loud or not by the chat's notification level.

import * as api from '../api.js';
import { chatTitle, sameId } from '../dom.js';
import { iceConfig } from './ice.js';
import { LocalMedia } from './media.js';
import { PeerMesh } from './mesh.js';
import { SfuCall } from './sfu.js';
import { SpeakingMeter } from './speaking.js';
import { ring } from './ringtone.js';
import { CallView } from '../views/call.js';
import { ringNotice } from '../views/ringing.js';
import { statuses } from '../statuses.js';
import { announce } from '../announce.js';
import { report } from '../a11y/livereport.js';
import { t } from '../i18n.js';

const RING_MS = 45_000; // an unanswered ring stops after this; the chat's Join bar stays
const SIGNALS = new Set(['offer', 'answer', 'ice_candidate']);
// localStorage key that makes the open call's peer connections reachable from the page
// as window.__natterCall (the browser tests read their getStats()); nothing else reads it.
const DEBUG_KEY = 'natter.callDebug';

export class Calls {
  /**
   * me; send(frame): over the live socket, answers whether it went; chatOf(id): a chat
   * the list knows; levelOf(chat): its notification level (levels.js); open(chatId):
   * show that chat.
   */
  constructor({ me, send, chatOf, levelOf, open }) {
    this.me = me;
    this.sendFrame = send;
    this.chatOf = chatOf;
    this.levelOf = levelOf;
    this.open = open;
    this.states = new Map(); // chat id (string) -> [{user_id, username}]
    this.listeners = new Set();
    this.current = null; // the call this tab is in
    this.ringing = null; // {chatId, el, tone, timer}
    // Calls that started in a chat the list has not loaded yet (a page that just opened,
    // a group made a moment ago): chat id -> caller, rung once the chat is known.
    this.unrung = new Map();
    // Chats whose current call this tab has rung or joined: a listing that comes later
    // does not ring it again. Forgotten when the call ends.
    this.handled = new Set();
    this.socketUp = false; // whether the live socket is open (a call is joined through it)
    this.trace = null; // with the debug key: the call frames this tab received, in order
    try {
      if (localStorage.getItem(DEBUG_KEY) === '1') {
        this.trace = [];
        window.__natterCall = this.debugHook();
      }
    } catch {
      // no storage: no hook
    }
  }

  onChange(fn) {
    this.listeners.add(fn);
  }

  changed() {
    for (const fn of this.listeners) fn();
  }

  participants(chatId) {
    return this.states.get(String(chatId)) || [];
  }

  /** Whether this tab is in `chatId`'s call, and whether its view is minimised. */
  mine(chatId) {
    return Boolean(this.current && sameId(this.current.chatId, chatId));
  }

  minimised() {
    return Boolean(this.current && this.current.view.el.hidden);
  }

  /** The calls in progress in all my chats (a tab opened mid-call shows "Join"). */
  async load() {
    try {
      const page = await api.listCalls();
      const fresh = new Map();
      for (const c of page.results) if (c && c.active) fresh.set(String(c.chat_id), c);
      // A call_state frame may have come while this was on its way: it is newer.
      for (const [id, c] of fresh) {
        if (!this.states.has(id)) this.states.set(id, c.participants || []);
        // Its start came before this tab was listening, or its first frame did not reach
        // this tab: it still rings, as it rings on a tab that saw the start.
        const people = this.participants(id);
        if (!this.handled.has(id) && this.justStarted(c, people)) this.ring(id, people[0]);
      }
      for (const id of [...this.states.keys()]) if (!fresh.has(id) && !this.mine(id)) this.states.delete(id);
      this.changed();
    } catch {
      // an older server without calls: no Join bars
    }
  }

  /** Whether a listed call is one that would still be ringing here: someone in it but
   *  not me (a group's call rings on after the first person answers), started within
   *  the ring's time, and not declined by me. */
  justStarted(call, people) {
    if (!people.length || people.some((p) => sameId(p.user_id, this.me.id)) || this.mine(call.chat_id)) return false;
    if ((call.declined || []).some((p) => sameId(p.id, this.me.id))) return false;
    const age = Date.now() - Date.parse(call.started_at);
    return Number.isFinite(age) && age < RING_MS;
  }

  /** The chat list learned chats: a call that started in one of them rings now. */
  chatsKnown() {
    for (const [id, caller] of [...this.unrung]) {
      if (!this.chatOf(id)) continue;
      this.unrung.delete(id);
      const people = this.participants(id);
      if (people.length && !people.some((p) => sameId(p.user_id, this.me.id)) && !this.mine(id)) this.ring(id, caller);
    }
  }

  /** The live socket (re)opened. Its closing took me out of the call on the server:
   *  join again, and the others get fresh offers from me. */
  onSocketOpen() {
    this.socketUp = true;
    this.load();
    const cur = this.current;
    if (!cur || cur.over || !cur.mesh) return; // still starting: join() sends join_call itself
    cur.mesh.close();
    cur.mesh = cur.connect();
    cur.joined = false;
    cur.view.setState('joining', t('calls-reconnecting-to-the-call'));
    this.send(cur.chatId, 'join_call', cur.joinData);
  }

  /** The live socket closed (it reopens by itself; onSocketOpen follows). */
  onSocketDown() {
    this.socketUp = false;
  }

  send(chatId, type, data) {
    return this.sendFrame({ type, chat_id: Number(chatId), data });
  }

  onEvent(frame) {
    if (!frame || typeof frame.type !== 'string') return;
    if (frame.type === 'error') return this.onError(frame);
    const chatId = frame.chat_id;
    if (chatId == null) return;
    const data = frame.data && typeof frame.data === 'object' ? frame.data : {};
    const cur = this.mine(chatId) && !this.current.over ? this.current : null;
    switch (frame.type) {
      case 'call_state':
        if (this.trace) this.trace.push({ chatId, people: (data.participants || []).length });
        this.onState(chatId, Array.isArray(data.participants) ? data.participants : []);
        break;
      case 'user_left':
        if (cur && data.user_id != null) cur.mesh.drop(data.user_id);
        break;
      case 'member_left':
        // Taken out of the chat (or it was deleted): the server took me out of its call.
        if (cur && sameId(frame.user_id, this.me.id)) this.end(cur, t('calls-you-are-no-longer-in'));
        break;
      case 'call_declined':
        if (cur) {
          const who = data.display_name || data.username || t('calls-someone');
          // A one-to-one call the other person declined is over: say so, not "Waiting".
          const alone = !this.participants(chatId).some((p) => !sameId(p.user_id, this.me.id));
          if (cur.chat.chat_type === 'dm' && alone) {
            this.send(chatId, 'leave_call', {});
            this.end(cur, t('calls-who-declined', { who }));
          } else {
            cur.view.note(t('calls-who-declined-the-call', { who }));
          }
          announce(t('calls-who-declined-the-call', { who }));
        }
        break;
      default:
        if (SIGNALS.has(frame.type) && cur && cur.joined) cur.mesh.signal(frame.type, data);
    }
  }

  onError(frame) {
    const cur = this.current;
    const code = frame.error || (frame.data && frame.data.code);
    if (!cur || cur.over) return;
    // A refused call frame names its chat: another chat's refusal is not this call's.
    if (frame.chat_id != null && !this.mine(frame.chat_id)) return;
    if (code === 'call_full' && !cur.joined) {
      this.end(cur, t('calls-this-call-is-full-it'));
    }
  }

  onState(chatId, people) {
    const key = String(chatId);
    const known = this.states.has(key);
    const before = this.participants(chatId);
    this.states.set(key, people);
    const meIn = people.some((p) => sameId(p.user_id, this.me.id));
    const cur = this.mine(chatId) && !this.current.over ? this.current : null;
    if (cur) {
      if (meIn && !cur.joined) {
        // The state that follows my join: I offer to everyone already here.
        cur.joined = true;
        this.sayMedia(cur); // a device missing or turned off before the join shows crossed
        for (const p of people) if (!sameId(p.user_id, this.me.id)) cur.mesh.call(p.user_id, p);
        if (cur.mesh.start) cur.mesh.start();
      }
      if (cur.joined) {
        for (const key2 of [...cur.mesh.peers.keys()]) if (!people.some((p) => sameId(p.user_id, key2))) cur.mesh.drop(key2);
        for (const p of people) {
          if (!sameId(p.user_id, this.me.id)) cur.view.tile({ id: p.user_id, username: p.username, display_name: p.display_name });
          cur.view.setMedia(p.user_id, { microphoneOn: p.microphone_on !== false, cameraOn: p.camera_on !== false });
        }
        for (const key2 of [...cur.view.tiles.keys()]) {
          if (!sameId(key2, this.me.id) && !people.some((p) => sameId(p.user_id, key2))) cur.view.removeTile(key2);
        }
        const others = people.length - 1;
        cur.view.setState('in-call', others > 0 ? t('calls-value-people-in-the-call', { value: others + 1 }) : t('calls-waiting-for-others-to-join'));
      }
    }
    // A call that starts rings (a state never seen with one person in it counts as a start).
    const started = people.length > 0 && (known ? before.length === 0 : people.length === 1);
    if (started && !meIn && !cur) this.ring(chatId, people[0]);
    if (this.ringing && sameId(this.ringing.chatId, chatId) && (!people.length || meIn)) this.stopRing();
    if (!people.length || meIn) this.unrung.delete(key);
    if (!people.length) this.handled.delete(key);
    else if (meIn) this.handled.add(key);
    this.changed();
  }

  ring(chatId, caller) {
    const chat = this.chatOf(chatId);
    if (!chat) {
      this.unrung.set(String(chatId), caller);
      return;
    }
    this.unrung.delete(String(chatId));
    this.handled.add(String(chatId));
    this.stopRing();
    // Quiet hours or a pause: the call shows, but nothing rings.
    const muted = this.levelOf(chat) === 'off' || statuses.quietOf(this.me.id);
    const tone = muted ? null : ring();
    const sound = muted ? 'off' : tone.audible ? 'on' : 'blocked';
    const who = (caller && (caller.display_name || caller.username)) || t('calls-someone');
    const el = ringNotice({
      caller: who,
      chatTitle: chatTitle(chat, this.me),
      isDm: chat.chat_type === 'dm',
      sound,
      onAnswer: () => { this.stopRing(); this.open(chatId); this.join(chat); },
      onDecline: () => { this.stopRing(); this.send(chatId, 'decline_call', {}); },
    });
    document.body.append(el);
    const timer = setTimeout(() => this.stopRing(), RING_MS);
    this.ringing = { chatId, el, tone, timer };
    report(chat.chat_type === 'dm' ? t('calls-who-is-calling-you', { who }) : t('calls-who-started-a-call-in', { who, chatTitle: chatTitle(chat, this.me) }), { urgent: true });
    el.querySelector('[data-testid="call-answer"]').focus();
  }

  stopRing() {
    const r = this.ringing;
    if (!r) return;
    this.ringing = null;
    clearTimeout(r.timer);
    if (r.tone) r.tone.stop();
    r.el.remove();
  }

  /** Joins `chat`'s call, starting it when there is none. */
  async join(chat) {
    if (this.current && !this.current.over) {
      if (this.mine(chat.id)) return this.restore();
      this.leave();
    } else if (this.current) {
      this.close(this.current);
    }
    this.stopRing();
    const media = new LocalMedia();
    const cur = { chatId: chat.id, chat, media, joined: false, over: false, turn: false, mesh: null };
    this.current = cur;
    cur.speaking = new SpeakingMeter((userId, on) => cur.view.setSpeaking(userId, on));
    cur.view = new CallView({
      title: chatTitle(chat, this.me),
      onMic: () => { media.setMic(!media.micOn); this.controls(cur); this.sayMedia(cur); },
      onCamera: () => { media.setCamera(!media.cameraOn); this.controls(cur); this.sayMedia(cur); },
      onScreen: () => this.toggleScreen(cur),
      onLeave: () => (cur.over ? this.close(cur) : this.leave()),
      onMinimise: () => { cur.view.el.hidden = true; this.changed(); },
    });
    cur.view.setState('joining', t('calls-starting-your-microphone-and-camera'));
    document.body.append(cur.view.el);
    cur.view.leave.focus(); // the view covers the page: the focus goes into it
    this.changed();
    const [problem, ice] = await Promise.all([media.open(), iceConfig()]);
    if (cur.over) return media.close();
    if (problem) cur.view.note(problem);
    cur.turn = ice.turn;
    media.onScreenEnded = () => { cur.mesh.replaceVideo(media.camera); this.controls(cur); this.showSelf(cur); };
    this.showSelf(cur);
    this.controls(cur);
    const ways = {
      me: this.me,
      media,
      config: ice.config,
      send: (type, data) => this.send(chat.id, type, data),
      onRemote: (userId, stream) => {
        cur.view.setStream(this.person(userId), stream);
        cur.speaking.watch(String(userId), stream);
      },
      onPeerState: (userId, state) => this.peerState(cur, userId, state),
      onGone: (userId) => { cur.speaking.unwatch(String(userId)); cur.view.setConnection(userId, 'new'); this.peerState(cur, userId, 'closed'); },
    };
    // Through the server's SFU when it has one: each side sends its media once (and
    // directly to those in the call who speak only the mesh).
    cur.connect = () => (ice.sfu
      ? new SfuCall({ ...ways, chatId: chat.id, onLost: (why) => {
        // A socket that closed took me out of the call, and so out of the SFU's room:
        // that is no loss, its reopening joins both again (onSocketOpen).
        if (cur.over || (why === 'kicked' && !this.socketUp)) return;
        this.end(cur, t('calls-could-not-reach-the-server-that'));
      } })
      : new PeerMesh(ways));
    cur.joinData = ice.sfu ? { sfu: true } : {};
    cur.mesh = cur.connect();
    cur.view.setState('joining', t('calls-joining-the-call'));
    if (!this.send(chat.id, 'join_call', cur.joinData)) cur.view.setState('joining', t('calls-waiting-for-the-connection-to')); // onSocketOpen joins
  }

  person(userId) {
    const p = this.participants(this.current && this.current.chatId).find((x) => sameId(x.user_id, userId));
    const member = ((this.current && this.current.chat.members) || []).find((m) => sameId(m.id, userId));
    const username = (p && p.username) || (member && member.username);
    // Someone not known yet is named by number; the username stays as it was, for the tile's test id.
    return { id: userId, username: username || `user ${userId}`,
      display_name: (p && p.display_name) || (member && member.display_name) || (username ? '' : t('dom-user-id', { id: userId })) };
  }

  /** Tells the call whether my microphone and camera are on (the server holds it for
   *  the others' tiles, and for whoever joins later). */
  sayMedia(cur) {
    if (!cur.joined || cur.over) return;
    const m = cur.media;
    this.send(cur.chatId, 'media_state', { microphone_on: Boolean(m.micOn), camera_on: Boolean(m.cameraOn || m.screen) });
  }

  showSelf(cur) {
    cur.view.setStream(this.me, cur.media.stream, { self: true });
    cur.speaking.watch(String(this.me.id), cur.media.stream);
  }

  controls(cur) {
    const m = cur.media;
    cur.view.setControls({ micOn: m.micOn, cameraOn: m.cameraOn || Boolean(m.screen), sharing: Boolean(m.screen),
      hasMic: Boolean(m.audio), hasCamera: Boolean(m.camera), canShare: LocalMedia.canShareScreen() });
  }

  async toggleScreen(cur) {
    const m = cur.media;
    if (m.screen) {
      m.stopScreen();
      cur.mesh.replaceVideo(m.camera);
    } else {
      try {
        const track = await m.shareScreen();
        if (track && !cur.over) cur.mesh.replaceVideo(track);
      } catch {
        cur.view.note(t('calls-screen-sharing-was-cancelled-or'));
      }
    }
    if (!cur.over) { this.controls(cur); this.showSelf(cur); }
  }

  // A connection that fails says why when the server has no relay to fall back on.
  peerState(cur, userId, state) {
    cur.view.setConnection(userId, state);
    const failed = [...cur.mesh.peers.values()].some((p) => p.failed());
    if (!failed) cur.view.setProblem('');
    else if (!cur.turn) cur.view.setProblem(t('calls-could-not-connect-to-someone'));
    else cur.view.setProblem(t('calls-could-not-connect-to-someone-2'));
  }

  /** Brings a minimised call view back. */
  restore() {
    if (!this.current) return;
    this.current.view.el.hidden = false;
    this.changed();
  }

  leave() {
    const cur = this.current;
    if (!cur) return;
    if (!cur.over) this.send(cur.chatId, 'leave_call', {});
    this.close(cur);
  }

  // This side's part of the call is over; the view stays to say why.
  end(cur, words) {
    cur.over = true;
    this.teardown(cur);
    cur.view.el.hidden = false;
    cur.view.ended(words);
    cur.view.leave.focus();
    this.changed();
  }

  teardown(cur) {
    if (cur.mesh) cur.mesh.close();
    cur.speaking.close();
    cur.media.close();
  }

  close(cur) {
    cur.over = true;
    this.teardown(cur);
    cur.view.remove();
    if (this.current === cur) this.current = null;
    this.changed();
  }

  debugHook() {
    return {
      chatId: () => this.current && this.current.chatId,
      // what a failing test prints: the states this tab knows, its ring, its frames
      known: () => ({ states: Object.fromEntries(this.states), ringing: this.ringing && this.ringing.chatId, trace: this.trace }),
      joined: () => Boolean(this.current && this.current.joined),
      // [{userId, pc}] of the call this tab is in
      peers: () => (this.current && this.current.mesh ? [...this.current.mesh.peers.values()].map((p) => ({ userId: p.userId, pc: p.pc })) : []),
      // the connection that sends this tab's media to the SFU, when the call goes through one
      sfu: () => (this.current && this.current.mesh instanceof SfuCall ? this.current.mesh.pc || null : null),
    };
  }
}

