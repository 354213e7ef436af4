// A call's media through the SFU (natter's --sfu: Janus's VideoRoom), in place of the
// mesh (mesh.js) and with its interface: one connection sends my microphone and camera
// to the SFU once, and one connection per other person receives theirs, however many
// people are in the call. natter gives the way in (POST /api/calls/sfu/): a session
// token, the room, my room token and my id in the room; the SFU checks them. Janus is
// spoken over its HTTP API: requests, and a long poll for its events. Each description
// goes with its candidates gathered, followed by the end of candidates (Janus waits for
// it before it gives up on a path): no candidate is trickled one by one.
// Someone in the call who speaks only the mesh (seed 003's clients: their `call_state`
// entry says `sfu: false`) is connected to directly, as in the mesh, beside the SFU.

import * as api from '../api.js';
import { sameId } from '../dom.js';
import { PeerMesh } from './mesh.js';

const KEEPALIVE_MS = 25_000;
const RENEW_MS = 10 * 60_000; // when the token says no expiry that reads as a time
const GATHER_MS = 3_000; // candidates found by then go; a late relay one is left out
const UP = new Set(['connected', 'completed']);

/** The description of `pc` once its candidates are gathered (or GATHER_MS passed). */
async function gathered(pc) {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, GATHER_MS);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
      });
    });
  }
  return { type: pc.localDescription.type, sdp: pc.localDescription.sdp };
}

/** One other person's media, received from the SFU. */
class Feed {
  constructor(call, userId) {
    this.call = call;
    this.userId = userId;
    this.handle = null;
    this.stream = new MediaStream();
    this.pc = new RTCPeerConnection(call.config);
    this.pc.ontrack = (e) => {
      if (!this.stream.getTracks().includes(e.track)) this.stream.addTrack(e.track);
      call.onRemote(userId, this.stream);
    };
    this.pc.oniceconnectionstatechange = () => call.onPeerState(userId, this.pc.iceConnectionState);
  }

  failed() {
    return this.pc.iceConnectionState === 'failed';
  }

  close() {
    this.pc.close();
    for (const t of this.stream.getTracks()) this.stream.removeTrack(t);
    if (this.handle) this.call.janus(`/${this.call.session}/${this.handle}`, { janus: 'detach' }).catch(() => {});
  }
}

export class SfuCall {
  /** As PeerMesh's (mesh.js), with chatId: the call's chat; onLost(words): the SFU
   *  could not be reached, or ended my part of the call. */
  constructor({ me, media, config, chatId, send, onRemote, onPeerState, onGone = () => {}, onLost = () => {} }) {
    this.me = me;
    this.media = media;
    this.config = config;
    this.chatId = chatId;
    this.onRemote = onRemote;
    this.onPeerState = onPeerState;
    this.onGone = onGone;
    this.onLost = onLost;
    this.feeds = new Map(); // user id (string) -> Feed
    this.mesh = new PeerMesh({ me, media, config, send, onRemote, onPeerState, onGone }); // those on the mesh
    this.closed = false;
    this.pending = new Map(); // transaction -> resolve, for events answering a request
  }

  /** Everyone I receive: through the SFU, and directly from those on the mesh. */
  get peers() {
    return new Map([...this.feeds, ...this.mesh.peers]);
  }

  async janus(path, body) {
    const transaction = Math.random().toString(36).slice(2);
    // A plugin message is answered by an event with its transaction, on the long poll,
    // which may bring it before this request's own answer: it is awaited from the start.
    const evented = body.janus === 'message'
      ? new Promise((resolve) => this.pending.set(transaction, resolve))
      : null;
    const answer = await fetch(`${this.grant.server}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, transaction, token: this.grant.token }),
    }).then((r) => r.json()).finally(() => { if (!evented) this.pending.delete(transaction); });
    if (answer.janus === 'error') {
      this.pending.delete(transaction);
      throw new Error((answer.error && answer.error.reason) || 'refused');
    }
    if (answer.janus === 'ack' && evented) return evented;
    this.pending.delete(transaction);
    return answer;
  }

  /** Joins the SFU room of the call I joined: publishes, then receives everyone there. */
  async start() {
    try {
      this.grant = await api.sfuGrant(this.chatId);
      this.session = (await this.janus('', { janus: 'create' })).data.id;
      this.poll();
      this.keepalive = setInterval(() => this.janus(`/${this.session}`, { janus: 'keepalive' }).catch(() => {}), KEEPALIVE_MS);
      this.renewLater();
      this.handle = (await this.janus(`/${this.session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
      const joined = await this.janus(`/${this.session}/${this.handle}`, { janus: 'message', body: {
        request: 'join', ptype: 'publisher', room: this.grant.room, id: this.grant.id,
        token: this.grant.room_token, display: String(this.me.id) } });
      const data = joined.plugindata && joined.plugindata.data;
      if (!data || data.videoroom !== 'joined') throw new Error((data && data.error) || 'not joined');
      this.privateId = data.private_id;
      await this.publish();
      for (const p of data.publishers || []) this.receive(p.id);
    } catch (e) {
      if (!this.closed) this.onLost(String(e && e.message ? e.message : e));
    }
  }

  /** The session token expires (as TURN credentials do): a fresh one is asked for halfway
   *  through its life, while the call lasts, and every request after carries it. */
  renewLater() {
    const left = Date.parse(this.grant.expires_at) - Date.now();
    const wait = Number.isFinite(left) ? Math.max(left / 2, 30_000) : RENEW_MS;
    this.renewal = setTimeout(async () => {
      if (this.closed) return;
      try {
        const fresh = await api.sfuGrant(this.chatId);
        if (!this.closed) this.grant = { ...this.grant, token: fresh.token, expires_at: fresh.expires_at };
      } catch {
        // not in the call any more, or the server is away: the next try says so
      }
      if (!this.closed) this.renewLater();
    }, wait);
  }

  async publish() {
    const pc = new RTCPeerConnection(this.config);
    this.pc = pc;
    const { audio, video, stream } = this.media;
    pc.addTransceiver(audio || 'audio', { direction: 'sendonly', streams: [stream] });
    pc.addTransceiver(video || 'video', { direction: 'sendonly', streams: [stream] });
    pc.oniceconnectionstatechange = () => this.onPeerState(this.me.id, pc.iceConnectionState);
    await pc.setLocalDescription(await pc.createOffer());
    const jsep = await gathered(pc);
    const answer = await this.janus(`/${this.session}/${this.handle}`, { janus: 'message',
      body: { request: 'configure', audio: true, video: true }, jsep });
    if (!answer.jsep) throw new Error('the SFU took no media');
    await this.candidatesDone(this.handle);
    await pc.setRemoteDescription(answer.jsep);
  }

  /** Tells the SFU that the description sent on `handle` held all my candidates. */
  candidatesDone(handle) {
    return this.janus(`/${this.session}/${handle}`, { janus: 'trickle', candidate: { completed: true } });
  }

  /** Receives `userId`'s media, once. */
  async receive(userId) {
    const key = String(userId);
    if (this.closed || sameId(userId, this.me.id) || this.feeds.has(key)) return;
    const feed = new Feed(this, Number(userId));
    this.feeds.set(key, feed);
    try {
      feed.handle = (await this.janus(`/${this.session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
      const attached = await this.janus(`/${this.session}/${feed.handle}`, { janus: 'message', body: {
        request: 'join', ptype: 'subscriber', room: this.grant.room, streams: [{ feed: Number(userId) }],
        private_id: this.privateId, token: this.grant.room_token } });
      if (!attached.jsep || this.feeds.get(key) !== feed) return;
      await feed.pc.setRemoteDescription(attached.jsep);
      await feed.pc.setLocalDescription(await feed.pc.createAnswer());
      const jsep = await gathered(feed.pc);
      await this.janus(`/${this.session}/${feed.handle}`, { janus: 'message', body: { request: 'start' }, jsep });
      await this.candidatesDone(feed.handle);
    } catch {
      if (this.feeds.get(key) === feed) this.onPeerState(Number(userId), 'failed');
    }
  }

  /** The SFU's events, one long poll after another, until the call closes. */
  async poll() {
    while (!this.closed) {
      let events;
      try {
        events = await fetch(`${this.grant.server}/${this.session}?maxev=10&token=${encodeURIComponent(this.grant.token)}`)
          .then((r) => r.json());
      } catch {
        if (!this.closed) this.onLost('the SFU cannot be reached');
        return;
      }
      for (const event of Array.isArray(events) ? events : [events]) this.event(event);
    }
  }

  event(event) {
    const waiting = event.transaction && this.pending.get(event.transaction);
    if (waiting) {
      this.pending.delete(event.transaction);
      waiting(event);
      return;
    }
    const data = event.plugindata && event.plugindata.data;
    if (!data || event.sender !== this.handle) return;
    for (const p of data.publishers || []) this.receive(p.id);
    const gone = data.unpublished != null ? data.unpublished : data.leaving;
    if (gone === 'ok' && data.reason === 'kicked') this.onLost('kicked');
    else if (gone != null && gone !== 'ok') this.drop(gone);
  }

  /** I joined after `person`: offered a connection when they are on the mesh (the SFU
   *  says who publishes through it). */
  call(userId, person) {
    if (!this.closed && person && person.sfu === false) this.mesh.call(userId);
  }

  /** An offer, answer or candidate from someone on the mesh. */
  signal(type, data) {
    if (!this.closed) this.mesh.signal(type, data);
  }

  drop(userId) {
    this.mesh.drop(userId);
    const key = String(userId);
    const feed = this.feeds.get(key);
    if (!feed) return;
    this.feeds.delete(key);
    feed.close();
    this.onGone(Number(userId));
  }

  replaceVideo(track) {
    this.mesh.replaceVideo(track);
    if (!this.pc) return;
    for (const t of this.pc.getTransceivers()) {
      if (t.sender && (t.sender.track ? t.sender.track.kind === 'video' : t.mid === '1')) {
        t.sender.replaceTrack(track).catch(() => {});
        return;
      }
    }
  }

  /** Whether my connection to the SFU is up. */
  up() {
    return Boolean(this.pc && UP.has(this.pc.iceConnectionState));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    clearTimeout(this.renewal);
    for (const key of [...this.feeds.keys()]) this.drop(key);
    this.mesh.close();
    if (this.pc) this.pc.close();
    if (this.session) this.janus(`/${this.session}`, { janus: 'destroy' }).catch(() => {});
  }
}
