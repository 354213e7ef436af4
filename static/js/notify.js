// Noticing messages in chats that are not on screen: desktop notifications (permission
// is asked only when the person presses the bell, never on load) and an optional short
// sound made with WebAudio (no audio file). Both choices are kept in localStorage.

const NOTIFY_KEY = 'natter.notifications';
const SOUND_KEY = 'natter.sound';

function stored(key) {
  try { return localStorage.getItem(key) === 'on'; } catch { return false; }
}
function store(key, on) {
  try { localStorage.setItem(key, on ? 'on' : 'off'); } catch { /* private mode: not kept */ }
}

export class Notifier {
  constructor() {
    this.wantNotify = stored(NOTIFY_KEY);
    this.wantSound = stored(SOUND_KEY);
    this.audio = null;
  }

  get supported() {
    return typeof Notification === 'function';
  }

  /** Whether desktop notifications are on (chosen, and allowed by the browser). */
  get notifying() {
    return this.supported && this.wantNotify && Notification.permission === 'granted';
  }

  /** Turns notifications on (asking the browser) or off. Resolves to a sentence when it could not. */
  async toggleNotify() {
    if (!this.supported) return 'This browser cannot show notifications.';
    if (this.notifying) {
      this.wantNotify = false;
      store(NOTIFY_KEY, false);
      return '';
    }
    const answer = await Notification.requestPermission();
    this.wantNotify = answer === 'granted';
    store(NOTIFY_KEY, this.wantNotify);
    if (answer === 'denied') return 'Notifications are blocked for this site in the browser settings.';
    return '';
  }

  toggleSound() {
    this.wantSound = !this.wantSound;
    store(SOUND_KEY, this.wantSound);
    if (this.wantSound) this.beep(); // a sample, and browsers only let audio start on a click
  }

  /** A message arrived in a chat that is not on screen. */
  message({ title, body, tag, onClick }) {
    if (this.wantSound) this.beep();
    if (!this.notifying) return;
    try {
      const note = new Notification(title, { body, tag });
      note.onclick = () => {
        window.focus();
        onClick();
        note.close();
      };
    } catch {
      // Some platforms allow notifications only from a service worker: the badge still shows.
    }
  }

  /** Two soft notes, about a fifth of a second. */
  beep() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      this.audio = this.audio || new Ctx();
      const ctx = this.audio;
      if (ctx.state === 'suspended') ctx.resume().catch(() => {});
      const t = ctx.currentTime;
      const gain = ctx.createGain();
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.12, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.22);
      gain.connect(ctx.destination);
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(880, t);
      osc.frequency.setValueAtTime(660, t + 0.09);
      osc.connect(gain);
      osc.start(t);
      osc.stop(t + 0.24);
    } catch {
      // no audio device: stay quiet
    }
  }
}
