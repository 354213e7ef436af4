// This side's microphone, camera and screen: one MediaStream whose tracks the peer
// connections send. Turning the microphone or camera off disables the track (the
// connection and its negotiated streams stay, so turning it on again needs no new
// offer); a shared screen takes the camera's place on every video sender (replaceTrack).
import { t as tx } from '../i18n.js';

export class LocalMedia {
  constructor() {
    this.stream = new MediaStream();
    this.audio = null;
    this.camera = null;
    this.screen = null;
    this.micOn = false;
    this.cameraOn = false;
    this.onScreenEnded = () => {};
  }

  /** Asks for the microphone and camera; with no camera (or it refused), the microphone
   *  alone; with neither, nothing (the call still receives). Answers what failed, in words. */
  async open() {
    const md = navigator.mediaDevices;
    if (!md || !md.getUserMedia) return tx('media-this-browser-cannot-use-a');
    let got = null;
    let problem = '';
    try {
      got = await md.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } });
    } catch {
      try {
        got = await md.getUserMedia({ audio: true });
        problem = tx('media-your-camera-is-not-available');
      } catch {
        problem = tx('media-your-microphone-and-camera-are');
      }
    }
    if (got) {
      this.audio = got.getAudioTracks()[0] || null;
      this.camera = got.getVideoTracks()[0] || null;
      for (const t of got.getTracks()) this.stream.addTrack(t);
    }
    this.micOn = Boolean(this.audio);
    this.cameraOn = Boolean(this.camera);
    return problem;
  }

  /** The track video senders should carry now. */
  get video() {
    return this.screen || this.camera;
  }

  setMic(on) {
    this.micOn = Boolean(on && this.audio);
    if (this.audio) this.audio.enabled = this.micOn;
  }

  setCamera(on) {
    this.cameraOn = Boolean(on && this.camera);
    if (this.camera) this.camera.enabled = this.cameraOn;
  }

  static canShareScreen() {
    return Boolean(navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia);
  }

  /** Starts sharing the screen; answers the track, or null when refused or cancelled. */
  async shareScreen() {
    if (this.screen) return this.screen;
    const got = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = got.getVideoTracks()[0];
    if (!track) return null;
    this.screen = track;
    // The browser's own "Stop sharing" ends the track without asking us.
    track.addEventListener('ended', () => {
      if (this.screen === track) {
        this.screen = null;
        this.onScreenEnded();
      }
    });
    this.swapVideo(this.camera, track);
    return track;
  }

  stopScreen() {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    track.stop();
    this.swapVideo(track, this.camera);
  }

  // The local preview shows what is sent.
  swapVideo(from, to) {
    if (from) this.stream.removeTrack(from);
    if (to) this.stream.addTrack(to);
  }

  close() {
    for (const t of [this.audio, this.camera, this.screen]) if (t) t.stop();
    this.audio = null;
    this.camera = null;
    this.screen = null;
    this.stream = new MediaStream();
  }
}
