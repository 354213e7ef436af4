// Dates and times in words, in the reader's locale: list times, message clock times,
// day separators and full tooltips.
import { t, locale } from './i18n.js';

function valid(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A short time: HH:MM today, day and month this year, else the full date. */
export function shortTime(iso) {
  const d = valid(iso);
  if (!d) return '';
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return clockTime(iso);
  if (d.getFullYear() === now.getFullYear()) return d.toLocaleDateString(locale(), { day: 'numeric', month: 'short' });
  return d.toLocaleDateString(locale());
}

/** HH:MM of a message (its day is in the separator above it). */
export function clockTime(iso) {
  const d = valid(iso);
  return d ? d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' }) : '';
}

/** Full local date and time, for tooltips. */
export function longTime(iso) {
  const d = valid(iso);
  return d ? d.toLocaleString(locale()) : '';
}

/** The local calendar day of a time, as a key ('' when unknown). */
export function dayKey(iso) {
  const d = valid(iso);
  return d ? `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}` : '';
}

/** "Today", "Yesterday", else the weekday and date (with the year when not this one). */
export function dayLabel(iso) {
  const d = valid(iso);
  if (!d) return '';
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (d.toDateString() === today.toDateString()) return t('time-today');
  if (d.toDateString() === yesterday.toDateString()) return t('time-yesterday');
  const opts = { weekday: 'long', day: 'numeric', month: 'long' };
  if (d.getFullYear() !== today.getFullYear()) opts.year = 'numeric';
  return d.toLocaleDateString(locale(), opts);
}

/** Minutes between two times (Infinity when either is unknown). */
export function minutesBetween(a, b) {
  const da = valid(a);
  const db = valid(b);
  return da && db ? Math.abs(db - da) / 60000 : Infinity;
}

const RELATIVE_STEPS = [['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600],
  ['day', 24 * 3600], ['hour', 3600], ['minute', 60]];

/** How long ago, in words ("5 minutes ago", "yesterday"); "just now" under a minute. */
export function relativeTime(iso, now = Date.now()) {
  const d = valid(iso);
  if (!d) return '';
  const seconds = Math.round((d.getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return t('time-just-now');
  const words = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= size) return words.format(Math.trunc(seconds / size), unit);
  }
  return t('time-just-now');
}
