// The mesh of a call: one RTCPeerConnection to each other participant, negotiated over
// natter's socket (offer / answer / ice_candidate frames with target_user_id). Who
// offers: the one who joins offers to everyone already there; the others answer. Later
// changes (an ICE restart) are negotiated either way with the "perfect negotiation"
// pattern, the lower user id being the polite peer that gives way when both offer at once.

import { sameId } from '../dom.js';

// ICE may never report 'failed' (no candidate pair at all: a relay forced with none to
// use, every path filtered), so a connection not up by then counts as failed too.
const CONNECT_TIMEOUT_MS = 20_000;
const UP = new Set(['connected', 'completed']);

class Peer {
  constructor(mesh, userId, offering) {
    this.mesh = mesh;
    this.userId = userId;
    this.polite = Number(mesh.me.id) < Number(userId);
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.restarted = false;
    this.chain = Promise.resolve(); // incoming signals, one after another
    this.stream = new MediaStream(); // what they send, as one stream for their tile
    const pc = new RTCPeerConnection(mesh.config);
    this.pc = pc;
    this.wasUp = false;
    this.timedOut = false;
    this.timer = setTimeout(() => {
      if (this.wasUp || pc.signalingState === 'closed') return;
      this.timedOut = true;
      mesh.onPeerState(userId, 'failed');
    }, CONNECT_TIMEOUT_MS);
    pc.ontrack = (e) => {
      if (!this.stream.getTracks().includes(e.track)) this.stream.addTrack(e.track);
      e.track.addEventListener('ended', () => this.stream.removeTrack(e.track));
      mesh.onRemote(userId, this.stream);
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send('ice_candidate', { candidate: candidate.toJSON() });
    };
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        this.send('offer', { sdp: pc.localDescription.sdp });
      } catch {
        // the connection was closed meanwhile, or a newer offer won
      } finally {
        this.makingOffer = false;
      }
    };
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (UP.has(state)) {
        this.wasUp = true;
        this.timedOut = false;
      }
      // One ICE restart from the side that offered first, in case the network changed;
      // the view says the connection failed either way until it comes back.
      if (state === 'failed' && offering && !this.restarted) {
        this.restarted = true;
        pc.restartIce();
      }
      mesh.onPeerState(userId, state);
    };
    if (offering) {
      // Both kinds always, with or without a device: the other side's media then always
      // has somewhere to arrive, and a shared screen can take the video sender later.
      const { audio, video, stream } = mesh.media;
      pc.addTransceiver(audio || 'audio', { direction: 'sendrecv', streams: [stream] });
      pc.addTransceiver(video || 'video', { direction: 'sendrecv', streams: [stream] });
    }
  }

  /** Whether this connection failed (or never came up in time). */
  failed() {
    return this.pc.iceConnectionState === 'failed' || (this.timedOut && !UP.has(this.pc.iceConnectionState));
  }

  send(type, data) {
    this.mesh.send(type, { target_user_id: this.userId, ...data });
  }

  // After their offer created our transceivers: ours to send on, one of each kind.
  attachLocal() {
    const { audio, video, stream } = this.mesh.media;
    const done = new Set();
    for (const t of this.pc.getTransceivers()) {
      const kind = t.receiver.track && t.receiver.track.kind;
      if (!kind || done.has(kind) || t.stopped || t.sender.track) continue;
      done.add(kind);
      const track = kind === 'audio' ? audio : video;
      if (track) t.sender.replaceTrack(track).catch(() => {});
      if (t.sender.setStreams) t.sender.setStreams(stream);
      t.direction = 'sendrecv';
    }
  }

  async description(type, sdp) {
    const pc = this.pc;
    const collision = type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    if (type === 'answer' && pc.signalingState !== 'have-local-offer') return; // a stale answer
    await pc.setRemoteDescription({ type, sdp });
    if (type === 'offer') {
      this.attachLocal();
      await pc.setLocalDescription();
      this.send('answer', { sdp: pc.localDescription.sdp });
    }
  }

  async candidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch {
      // a candidate of an offer we ignored, or of a connection that is gone
    }
  }

  /** The video sender's track becomes `track` (camera or screen) without a new offer. */
  replaceVideo(track) {
    for (const t of this.pc.getTransceivers()) {
      const kind = (t.sender.track && t.sender.track.kind) || (t.receiver.track && t.receiver.track.kind);
      if (kind === 'video' && !t.stopped && t.direction !== 'recvonly' && t.direction !== 'inactive') {
        t.sender.replaceTrack(track).catch(() => {});
        return;
      }
    }
  }

  close() {
    clearTimeout(this.timer);
    this.pc.close();
    for (const t of this.stream.getTracks()) this.stream.removeTrack(t);
  }
}

export class PeerMesh {
  /**
   * me: {id}; media: LocalMedia (media.js); config: RTCConfiguration (ice.js);
   * send(type, data): a signalling frame to the call's chat;
   * onRemote(userId, stream): their media arrived (the same stream grows);
   * onPeerState(userId, iceConnectionState); onGone(userId): their connection closed.
   */
  constructor({ me, media, config, send, onRemote, onPeerState, onGone = () => {} }) {
    this.me = me;
    this.media = media;
    this.config = config;
    this.send = send;
    this.onRemote = onRemote;
    this.onPeerState = onPeerState;
    this.onGone = onGone;
    this.peers = new Map(); // user id (string) -> Peer
  }

  /** Offers a connection to `userId` (I joined after them). */
  call(userId) {
    if (sameId(userId, this.me.id) || this.peers.has(String(userId))) return;
    this.peers.set(String(userId), new Peer(this, Number(userId), true));
  }

  /** An offer, answer or ice_candidate frame's data from another participant. */
  signal(type, data) {
    const from = data && data.from_user_id;
    if (from == null || sameId(from, this.me.id)) return;
    const key = String(from);
    let peer = this.peers.get(key);
    if (!peer) {
      if (type !== 'offer') return; // for a connection already closed
      peer = new Peer(this, Number(from), false);
      this.peers.set(key, peer);
    }
    peer.chain = peer.chain.then(() => this.handle(peer, type, data));
  }

  async handle(peer, type, data) {
    if (this.peers.get(String(peer.userId)) !== peer) return; // dropped meanwhile
    if (type === 'ice_candidate') {
      if (data.candidate && typeof data.candidate === 'object') await peer.candidate(data.candidate);
      return;
    }
    if (typeof data.sdp !== 'string') return;
    try {
      await peer.description(type, data.sdp);
    } catch {
      if (type !== 'offer') return;
      // An offer the old connection cannot take (they left and came back, a new
      // session): start afresh with it.
      this.drop(peer.userId);
      const fresh = new Peer(this, peer.userId, false);
      this.peers.set(String(peer.userId), fresh);
      try {
        await fresh.description('offer', data.sdp);
      } catch {
        this.drop(peer.userId);
      }
    }
  }

  drop(userId) {
    const key = String(userId);
    const peer = this.peers.get(key);
    if (!peer) return;
    this.peers.delete(key);
    peer.close();
    this.onGone(Number(userId));
  }

  replaceVideo(track) {
    for (const peer of this.peers.values()) peer.replaceVideo(track);
  }

  close() {
    for (const key of [...this.peers.keys()]) this.drop(key);
  }
}
