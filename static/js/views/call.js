// The call view: a tile per participant (their video, or their initials while there is
// none, their name and a speaking light), the controls (microphone, camera, screen,
// leave) and what is happening in words. It covers the window (on a phone the whole
// screen); "Minimise" hides it while the call goes on. It only draws: calls/calls.js
// decides what happens.

import { h, initials } from '../dom.js';
import { iconButton, icon } from '../icons.js';
import { t as tx } from '../i18n.js';

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
    this.mic = toggle('mic', 'micOff', tx('call-microphone-on-turn-off'), tx('call-microphone-off-turn-on'), 'call-mic', onMic);
    this.camera = toggle('camera', 'cameraOff', tx('call-camera-on-turn-off'), tx('call-camera-off-turn-on'), 'call-camera', onCamera);
    this.screen = toggle('screen', 'screen', tx('call-stop-sharing-your-screen'), tx('call-share-your-screen'), 'call-screen', onScreen, false);
    this.minimise = iconButton('minimise', tx('call-minimise-the-call-it-goes'), { 'data-testid': 'call-minimise', onclick: onMinimise });
    this.leave = iconButton('hangUp', tx('call-leave-the-call'), { class: 'call-control call-leave', 'data-testid': 'call-leave', onclick: onLeave });
    this.el = h('section', { class: 'call-view', 'data-testid': 'call-view', 'aria-labelledby': 'call-title', 'data-state': 'joining' },
      h('header', { class: 'call-head' },
        h('div', null, this.heading, this.status),
        this.minimise),
      this.problem, this.notes, this.grid,
      h('div', { class: 'call-controls', role: 'toolbar', 'aria-label': tx('call-call-controls') },
        this.mic, this.camera, this.screen, this.leave));
    this.setTitle(title);
  }

  setTitle(title) {
    this.heading.textContent = tx('call-call-title', { title });
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
    const name = self ? tx('call-name-you', { name: shown }) : shown;
    const video = h('video', { autoplay: true, playsinline: true, 'aria-hidden': 'true' });
    video.muted = self;
    const el = h('figure', { class: `call-tile${self ? ' self' : ''}`, 'data-testid': `call-tile-${user.username}`,
      'data-user-id': key, 'data-speaking': 'false', 'data-connection': self ? 'connected' : 'connecting', 'data-video': 'false' },
      h('div', { class: 'call-initials', 'aria-hidden': 'true', translate: 'no' }, initials(shown)),
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
    if (!microphoneOn) marks.push(h('span', { role: 'img', 'aria-label': tx('call-microphone-off'), title: tx('call-microphone-off-2'), 'data-testid': 'call-tile-mic-off' }, icon('micOff')));
    if (!cameraOn) marks.push(h('span', { role: 'img', 'aria-label': tx('call-camera-off'), title: tx('call-camera-off-2'), 'data-testid': 'call-tile-camera-off' }, icon('cameraOff')));
    t.el.querySelector('.call-muted').replaceChildren(...marks);
  }

  setConnection(userId, state) {
    const t = this.tiles.get(String(userId));
    if (!t || t.self) return;
    t.el.dataset.connection = state;
    const words = { new: tx('call-connecting'), checking: tx('call-connecting'), failed: tx('call-could-not-connect'), disconnected: tx('call-connection-lost') }[state] || '';
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
    this.leave.setAttribute('aria-label', tx('call-close'));
    this.leave.title = tx('call-close');
    this.leave.replaceChildren(tx('call-close'));
    this.minimise.hidden = true;
  }

  remove() {
    for (const key of [...this.tiles.keys()]) this.removeTile(key);
    this.el.remove();
  }
}
