// Everyone's status, quiet mark and local time, as `GET /messages/api/statuses/` lists
// them, kept current by the socket's `status` and `quiet` frames. A quiet mark also flips
// by the clock (a pause ends, quiet hours begin): the server says when
// (`quiet_changes_at`) and that person is read again then; the local time is worked out
// here from their zone. Views put `badge(id)` (and `quietMark(id)`) beside a name; a
// change redraws every badge of that person in place, so no view re-renders.
// Also: this browser's time zone sent once when the account has none, and "I am here"
// (`{"type": "active"}`) sent at most once a minute while the person types, clicks or
// scrolls, so the server does not show them away.

import { h } from './dom.js';
import { request } from './api.js';
import { t } from './i18n.js';

const STATUSES = '/messages/api/statuses/';
const QUIET = '/messages/api/me/quiet-hours/';
// A flip is read again this long after the server's time for it, so the server agrees.
const FLIP_MARGIN_MS = 1000;
// setTimeout's longest wait; a later flip is read again when this one passes.
const LONGEST_WAIT_MS = 2 ** 31 - 1;
const ACTIVE_EVERY_MS = 60 * 1000;

/** What to show of a status: the person's own emoji, else a call's or nothing. */
export function emojiOf(status) {
  if (!status) return '';
  if (status.emoji) return status.emoji;
  if (status.text) return '💬';
  if (status.in_call) return '📞';
  return '';
}

/** The words a status reads as (its text, a call, away). */
export function statusWords(status) {
  if (!status) return '';
  const parts = [];
  if (status.text) parts.push(status.text);
  if (status.in_call) parts.push(t('statuses-in-a-call'));
  if (status.away) parts.push(t('statuses-away'));
  return parts.join(' · ');
}

/** The time (HH:MM) in IANA zone `zone` now, or '' when this browser does not know it. */
function localTime(zone) {
  if (!zone) return '';
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  } catch { return ''; }
}

class Statuses {
  constructor() {
    this.people = new Map(); // user id (string) -> {status, quiet, time_zone, local_time}
    this.listeners = new Set();
    this.flips = new Map(); // user id (string) -> the timer that reads them at their next flip
    // A frame or a save that lands while a read is in flight is newer than its answer:
    // the answer must not put the older status back (`fresher`). Counted, not timed.
    this.changes = 0;
    this.changedAt = new Map(); // user id (string) -> this.changes when it last changed
  }

  get(id) {
    const p = this.people.get(String(id));
    if (!p) return null;
    const local = localTime(p.time_zone);
    return local ? { ...p, local_time: local } : p;
  }
  statusOf(id) { const p = this.people.get(String(id)); return p ? p.status : null; }
  quietOf(id) { const p = this.people.get(String(id)); return Boolean(p && p.quiet); }
  onChange(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); }

  async load() {
    try {
      const asked = this.changes;
      const body = await request('GET', STATUSES);
      const kept = (body.results || []).map((p) => this.fresher(p, asked));
      this.people.clear();
      for (const p of kept) {
        const key = String(p.user_id);
        this.people.set(key, p);
        this.flipAt(key, p.quiet_changes_at);
      }
      this.redrawAll();
    } catch { /* a server without statuses shows none */ }
  }

  /** Person `p` as a read asked when `this.changes` was `asked` answered them, with the
   *  status this tab holds instead when a frame or a save changed it since. */
  fresher(p, asked, key = String(p.user_id)) {
    const current = this.people.get(key);
    return current && (this.changedAt.get(key) || 0) > asked ? { ...p, status: current.status } : p;
  }

  /** Reads person `key` again just after `at` (an RFC 3339 time, or none: no timer). */
  flipAt(key, at) {
    clearTimeout(this.flips.get(key));
    this.flips.delete(key);
    const when = at ? Date.parse(at) : NaN;
    if (Number.isNaN(when)) return;
    const wait = Math.min(Math.max(when - Date.now() + FLIP_MARGIN_MS, 0), LONGEST_WAIT_MS);
    this.flips.set(key, setTimeout(() => { this.flips.delete(key); this.refresh(key); }, wait));
  }

  /** One person read again (before writing to them: are they quiet now?). */
  async refresh(id) {
    try {
      const asked = this.changes;
      const p = await request('GET', `${STATUSES}${encodeURIComponent(id)}/`);
      const key = String(id);
      this.people.set(key, this.fresher(p, asked, key));
      this.flipAt(key, p.quiet_changes_at);
      this.redraw(id);
      return p;
    } catch { return this.get(id); }
  }

  /** A socket frame; answers whether it was a status or quiet frame. */
  onFrame(frame) {
    if (frame.type === 'quiet') {
      const key = String(frame.user_id);
      const before = this.people.get(key) || { user_id: frame.user_id, status: null, time_zone: null, local_time: null };
      // The zone too (a server before it sent none: the one known stays).
      const zone = frame.time_zone === undefined ? before.time_zone : frame.time_zone;
      this.people.set(key, { ...before, quiet: Boolean(frame.quiet), quiet_changes_at: frame.quiet_changes_at || null, time_zone: zone });
      this.flipAt(key, frame.quiet_changes_at);
      this.redraw(frame.user_id);
      return true;
    }
    if (frame.type !== 'status') return false;
    this.set(frame.user_id, frame.status);
    return true;
  }

  /** A person's status as it now is: from a frame, or from this tab's own save (whose
   * frame may come before the socket is up, or not at all while it is down). */
  set(id, status) {
    const key = String(id);
    const before = this.people.get(key) || { user_id: id, quiet: false, time_zone: null, local_time: null };
    this.people.set(key, { ...before, status });
    this.changedAt.set(key, ++this.changes);
    this.redraw(id);
  }

  /** A small emoji beside a name (empty when nothing shows), kept current in place. */
  badge(id) {
    const el = h('span', { class: 'status-emoji', 'data-status-user': String(id), 'data-testid': 'status-emoji' });
    this.fill(el, id);
    return el;
  }

  /** "Quiet hours" beside a name while the person is quiet (hidden otherwise), kept
   *  current in place; `known` is what the caller's own list said, used until this list
   *  knows them. */
  quietMark(id, known = false) {
    const el = h('span', { class: 'tag quiet-mark', 'data-quiet-user': String(id), 'data-testid': 'person-quiet',
      title: t('people-in-quiet-hours-no-notifications') }, t('people-quiet-hours'));
    el.hidden = !(this.people.has(String(id)) ? this.quietOf(id) : known);
    return el;
  }

  fill(el, id) {
    const status = this.statusOf(id);
    const emoji = emojiOf(status);
    el.textContent = emoji;
    el.hidden = !emoji;
    const words = statusWords(status);
    if (words) { el.title = words; el.setAttribute('aria-label', t('statuses-status-words', { words })); } else { el.removeAttribute('title'); el.removeAttribute('aria-label'); }
  }

  redraw(id) {
    for (const el of document.querySelectorAll(`[data-status-user="${CSS.escape(String(id))}"]`)) this.fill(el, id);
    for (const el of document.querySelectorAll(`[data-quiet-user="${CSS.escape(String(id))}"]`)) el.hidden = !this.quietOf(id);
    for (const fn of this.listeners) fn(String(id));
  }

  redrawAll() {
    for (const el of document.querySelectorAll('[data-status-user]')) this.fill(el, el.dataset.statusUser);
    for (const el of document.querySelectorAll('[data-quiet-user]')) el.hidden = !this.quietOf(el.dataset.quietUser);
    for (const fn of this.listeners) fn(null);
  }

  /** Sends this browser's zone when the account has none yet. */
  async noteTimeZone() {
    try {
      const mine = await request('GET', QUIET);
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (!mine.time_zone && zone) await request('PATCH', QUIET, { time_zone: zone });
    } catch { /* an unknown zone or an older server: the account page can set it */ }
  }

  /** Sends `{"type": "active"}` through `send` at most once a minute while the person acts. */
  trackActivity(send) {
    let last = 0;
    const acted = () => {
      const now = Date.now();
      if (now - last < ACTIVE_EVERY_MS) return;
      last = now;
      send({ type: 'active' });
    };
    for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
      window.addEventListener(type, acted, { passive: true, capture: true });
    }
    document.addEventListener('visibilitychange', () => { if (!document.hidden) acted(); });
  }
}

/** The page's one list of statuses. */
export const statuses = new Statuses();
