// The call view: a tile per participant (their video, or their initials while there is
// none, their name and a speaking light), the controls (microphone, camera, screen,
// leave) and what is happening in words. It covers the window (on a phone the whole
// screen); "Minimise" hides it while the call goes on. It only draws: calls/calls.js
// decides what happens.

import { h, initials } from '../dom.js';
import { iconButton, icon } from '../icons.js';

const followed = new WeakSet(); // video tracks whose mute and unmute a tile listens to

function toggle(name, offName, labelOn, labelOff, testid, onclick, device = true) {
  const button = iconButton(name, labelOn, { class: `call-control${device ? ' call-device' : ''}`, 'data-testid': testid, 'aria-pressed': 'true', onclick });
  button.setOn = (on, enabled = true) => {
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.setAttribute('aria-label', on ? labelOn : labelOff);
    button.title = on ? labelOn : labelOff;
    button.replaceChildren(icon(on ? name : offName));
    button.disabled = !enabled;
  };
  return button;
}

export class CallView {
  /** title: the chat's name; handlers: onMic(), onCamera(), onScreen(), onLeave(), onMinimise(). */
  constructor({ title, onMic, onCamera, onScreen, onLeave, onMinimise }) {
    this.tiles = new Map(); // user id (string) -> {el, video, name}
    this.heading = h('h2', { class: 'call-title', id: 'call-title' });
    this.status = h('p', { class: 'call-status', role: 'status', 'data-testid': 'call-status' });
    this.problem = h('p', { class: 'call-problem', role: 'alert', 'data-testid': 'call-problem', hidden: true });
    this.notes = h('ul', { class: 'call-notes', 'aria-live': 'polite', 'data-testid': 'call-notes' });
    this.grid = h('div', { class: 'call-tiles', 'data-testid': 'call-tiles' });
    this.mic = toggle('mic', 'micOff', 'Microphone on: turn off', 'Microphone off: turn on', 'call-mic', onMic);
    this.camera = toggle('camera', 'cameraOff', 'Camera on: turn off', 'Camera off: turn on', 'call-camera', onCamera);
    this.screen = toggle('screen', 'screen', 'Stop sharing your screen', 'Share your screen', 'call-screen', onScreen, false);
    this.minimise = iconButton('minimise', 'Minimise the call (it goes on)', { 'data-testid': 'call-minimise', onclick: onMinimise });
    this.leave = iconButton('hangUp', 'Leave the call', { class: 'call-control call-leave', 'data-testid': 'call-leave', onclick: onLeave });
    this.el = h('section', { class: 'call-view', 'data-testid': 'call-view', 'aria-labelledby': 'call-title', 'data-state': 'joining' },
      h('header', { class: 'call-head' },
        h('div', null, this.heading, this.status),
        this.minimise),
      this.problem, this.notes, this.grid,
      h('div', { class: 'call-controls', role: 'toolbar', 'aria-label': 'Call controls' },
        this.mic, this.camera, this.screen, this.leave));
    this.setTitle(title);
  }

  setTitle(title) {
    this.heading.textContent = `Call · ${title}`;
  }

  setState(state, words) {
    this.el.dataset.state = state;
    this.status.textContent = words;
  }

  setProblem(text) {
    this.problem.textContent = text || '';
    this.problem.hidden = !text;
  }

  /** A line that stays (someone declined, a device was refused). */
  note(text) {
    this.notes.append(h('li', { 'data-testid': 'call-note' }, text));
  }

  /** mic/camera/screen: whether each is on; has*: whether it can be used at all. */
  setControls({ micOn, cameraOn, sharing, hasMic, hasCamera, canShare }) {
    this.mic.setOn(micOn, hasMic);
    this.camera.setOn(cameraOn, hasCamera || sharing);
    this.screen.setOn(sharing);
    this.screen.hidden = !canShare;
  }

  /** Makes sure `user` has a tile; `self` mutes its sound (no echo of oneself). */
  tile(user, { self = false } = {}) {
    const key = String(user.id);
    let t = this.tiles.get(key);
    if (t) return t;
    const shown = user.display_name || user.username;
    const name = self ? `${shown} (you)` : shown;
    const video = h('video', { autoplay: true, playsinline: true, 'aria-hidden': 'true' });
    video.muted = self;
    const el = h('figure', { class: `call-tile${self ? ' self' : ''}`, 'data-testid': `call-tile-${user.username}`,
      'data-user-id': key, 'data-speaking': 'false', 'data-connection': self ? 'connected' : 'connecting', 'data-video': 'false' },
      h('div', { class: 'call-initials', 'aria-hidden': 'true' }, initials(shown)),
      video,
      h('figcaption', null, h('span', { class: 'call-light', 'aria-hidden': 'true' }), h('span', { class: 'call-name' }, name),
        h('span', { class: 'call-muted', 'data-testid': 'call-tile-muted' }),
        h('span', { class: 'call-conn', 'data-testid': 'call-tile-connection' })));
    t = { el, video, name, self };
    this.tiles.set(key, t);
    this.grid.append(el);
    this.layout();
    return t;
  }

  setStream(user, stream, opts) {
    const t = this.tile(user, opts);
    if (t.video.srcObject !== stream) t.video.srcObject = stream;
    // A remote track is "muted" until its first frames arrive (or while none come):
    // the initials show until then.
    const showVideo = () => {
      const live = stream.getVideoTracks().some((v) => v.readyState === 'live' && !v.muted);
      t.el.dataset.video = live ? 'true' : 'false';
    };
    const follow = (track) => {
      if (track.kind !== 'video' || followed.has(track)) return;
      followed.add(track);
      for (const e of ['mute', 'unmute', 'ended']) track.addEventListener(e, showVideo);
    };
    stream.getVideoTracks().forEach(follow);
    showVideo();
    stream.onaddtrack = (e) => { follow(e.track); showVideo(); };
    stream.onremovetrack = showVideo;
    t.video.play().catch(() => {}); // autoplay refused: the click that started the call usually allows it
  }

  setSpeaking(userId, speaking) {
    const t = this.tiles.get(String(userId));
    if (!t) return;
    t.el.dataset.speaking = speaking ? 'true' : 'false';
    t.el.classList.toggle('speaking', speaking);
  }

  /** Crossed microphone and camera on `userId`'s tile for what they turned off. */
  setMedia(userId, { microphoneOn = true, cameraOn = true } = {}) {
    const t = this.tiles.get(String(userId));
    if (!t) return;
    t.el.dataset.microphone = microphoneOn ? 'on' : 'off';
    t.el.dataset.camera = cameraOn ? 'on' : 'off';
    const marks = [];
    if (!microphoneOn) marks.push(h('span', { role: 'img', 'aria-label': 'microphone off', title: 'Microphone off', 'data-testid': 'call-tile-mic-off' }, icon('micOff')));
    if (!cameraOn) marks.push(h('span', { role: 'img', 'aria-label': 'camera off', title: 'Camera off', 'data-testid': 'call-tile-camera-off' }, icon('cameraOff')));
    t.el.querySelector('.call-muted').replaceChildren(...marks);
  }

  setConnection(userId, state) {
    const t = this.tiles.get(String(userId));
    if (!t || t.self) return;
    t.el.dataset.connection = state;
    const words = { new: 'connecting…', checking: 'connecting…', failed: 'could not connect', disconnected: 'connection lost…' }[state] || '';
    t.el.querySelector('.call-conn').textContent = words;
  }

  removeTile(userId) {
    const key = String(userId);
    const t = this.tiles.get(key);
    if (!t) return;
    t.video.srcObject = null;
    t.el.remove();
    this.tiles.delete(key);
    this.layout();
  }

  layout() {
    this.grid.dataset.count = String(this.tiles.size);
  }

  /** The call is over for this side: tiles go, only Leave (now "Close") stays. */
  ended(words) {
    for (const key of [...this.tiles.keys()]) this.removeTile(key);
    this.setState('ended', words);
    for (const b of [this.mic, this.camera, this.screen]) b.hidden = true;
    this.leave.setAttribute('aria-label', 'Close');
    this.leave.title = 'Close';
    this.leave.replaceChildren('Close');
    this.minimise.hidden = true;
  }

  remove() {
    for (const key of [...this.tiles.keys()]) this.removeTile(key);
    this.el.remove();
  }
}
