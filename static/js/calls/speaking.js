// Who is speaking: an AnalyserNode on each participant's audio, read a few times a
// second, so a tile can light up while its person talks. One AudioContext for all.

const TICK_MS = 150;
const LOUD = 0.015; // RMS of the waveform above which someone counts as speaking
const HOLD_TICKS = 4; // stays "speaking" this long after the sound drops, so it does not flicker

export class SpeakingMeter {
  /** onChange(key, speaking) when someone starts or stops speaking. */
  constructor(onChange) {
    this.onChange = onChange;
    this.watched = new Map(); // key -> {source, analyser, stream id, quiet ticks, speaking}
    this.ctx = null;
    this.timer = null;
  }

  /** Listens to `stream`'s audio under `key` (a user id); again with a new stream replaces it. */
  watch(key, stream) {
    const track = stream && stream.getAudioTracks()[0];
    const old = this.watched.get(key);
    if (old && old.trackId === (track && track.id)) return;
    this.unwatch(key);
    if (!track) return;
    try {
      if (!this.ctx) this.ctx = new AudioContext();
      if (this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
      const source = this.ctx.createMediaStreamSource(new MediaStream([track]));
      const analyser = this.ctx.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser); // not to the speakers: the tile's element plays the sound
      this.watched.set(key, { source, analyser, trackId: track.id, quiet: HOLD_TICKS, speaking: false, buf: new Float32Array(analyser.fftSize) });
    } catch {
      return; // no Web Audio here: tiles just never light up
    }
    if (!this.timer) this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  unwatch(key) {
    const w = this.watched.get(key);
    if (!w) return;
    this.watched.delete(key);
    w.source.disconnect();
    if (w.speaking) this.onChange(key, false);
  }

  tick() {
    for (const [key, w] of this.watched) {
      w.analyser.getFloatTimeDomainData(w.buf);
      let sum = 0;
      for (const v of w.buf) sum += v * v;
      const loud = Math.sqrt(sum / w.buf.length) > LOUD;
      w.quiet = loud ? 0 : w.quiet + 1;
      const speaking = w.quiet < HOLD_TICKS;
      if (speaking !== w.speaking) {
        w.speaking = speaking;
        this.onChange(key, speaking);
      }
    }
  }

  close() {
    for (const key of [...this.watched.keys()]) this.unwatch(key);
    clearInterval(this.timer);
    this.timer = null;
    if (this.ctx) this.ctx.close().catch(() => {});
    this.ctx = null;
  }
}
