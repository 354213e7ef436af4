// Noticing messages in chats that are not on screen: desktop notifications (permission
// is asked only when the person presses the bell, never on load) and an optional short
// sound made with WebAudio (no audio file). Both choices are kept in localStorage.
// With notifications on, this browser is also subscribed to Web Push (pushsub.js), so
// messages are shown while no natter tab is open; if that fails, the in-tab ones still work.

import { subscribe, unsubscribe, pushMissing } from './pushsub.js';
import { t as tx } from './i18n.js';

const NOTIFY_KEY = 'natter.notifications';
const SOUND_KEY = 'natter.sound';
export const BLOCKED = tx('notify-notifications-are-blocked-for-this')
  + tx('notify-the-icon-left-of-the');

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
    this.push = { state: 'off', note: '' }; // off | pending | on | unavailable, and why
    this.listeners = new Set();
    this.shown = new Map(); // tag -> {note, messageId}: the in-tab notification of each chat
    if (this.notifying) this.startPush(); // allowed earlier: make sure this browser is subscribed
  }

  /** fn() whenever the state below changes. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  offChange(fn) {
    this.listeners.delete(fn);
  }

  changed() {
    for (const fn of [...this.listeners]) fn();
  }

  /** What the browser allows: 'unsupported', 'blocked' (denied), 'ask' (not asked yet),
   *  'allowed' (granted and turned on) or 'off' (granted, turned off here). */
  get state() {
    if (!this.supported) return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (Notification.permission !== 'granted') return 'ask';
    return this.wantNotify ? 'allowed' : 'off';
  }

  /** Subscribes to pushes in the background (the bell does not wait for it). */
  async startPush() {
    const missing = pushMissing();
    if (missing) {
      this.push = { state: 'unavailable', note: tx('notify-push-unavailable-in-this-browser', { missing }) };
      return this.changed();
    }
    this.push = { state: 'pending', note: tx('notify-subscribing-this-browser-to-pushes') };
    this.changed();
    const why = await subscribe();
    if (!this.notifying) return; // turned off meanwhile
    this.push = why ? { state: 'unavailable', note: why } : { state: 'on', note: tx('notify-pushes-arrive-even-with-natter') };
    this.changed();
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
    if (!this.supported) return tx('notify-this-browser-cannot-show-notifications');
    if (this.notifying) {
      this.wantNotify = false;
      store(NOTIFY_KEY, false);
      this.push = { state: 'off', note: '' };
      this.changed();
      unsubscribe();
      return '';
    }
    const answer = await Notification.requestPermission();
    this.wantNotify = answer === 'granted';
    store(NOTIFY_KEY, this.wantNotify);
    this.changed();
    if (answer === 'denied') return BLOCKED;
    if (this.wantNotify) this.startPush();
    return '';
  }

  toggleSound() {
    this.wantSound = !this.wantSound;
    store(SOUND_KEY, this.wantSound);
    if (this.wantSound) this.beep(); // a sample, and browsers only let audio start on a click
  }

  /** A message arrived in a chat that is not on screen (`messageId`: which one). */
  message({ title, body, tag, onClick, messageId = null }) {
    if (this.wantSound) this.beep();
    if (!this.notifying) return;
    try {
      const note = new Notification(title, { body, tag });
      // One per chat (a newer one takes the tag); kept after the person dismisses it,
      // as closing a closed notification does nothing.
      this.shown.set(tag, { note, messageId: Number(messageId) || 0 });
      note.onclick = () => {
        window.focus();
        onClick();
        note.close();
      };
    } catch {
      // Some platforms allow notifications only from a service worker: the badge still shows.
    }
  }

  /** Closes the notification shown for `tag` when `read(messageId)` says its message was read. */
  closeRead(tag, read) {
    const shown = this.shown.get(tag);
    if (!shown || !shown.messageId || !read(shown.messageId)) return;
    this.shown.delete(tag);
    try { shown.note.close(); } catch { /* already gone */ }
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
