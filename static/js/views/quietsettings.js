// The account page's "Quiet hours" section: your time zone (sent by this browser when
// the account has none), quiet ranges per weekday in that zone, and "pause
// notifications" for a while. While quiet, no push, mail or ringing reaches you;
// messages still arrive and count as unread, and others see a quiet mark.

import { request } from '../api.js';
import { h } from '../dom.js';
import { section } from './page.js';
import { statuses } from '../statuses.js';
import { t, locale } from '../i18n.js';

const QUIET = '/messages/api/me/quiet-hours/';
const DAYS = [['mon', t('quietsettings-monday')], ['tue', t('quietsettings-tuesday')], ['wed', t('quietsettings-wednesday')], ['thu', t('quietsettings-thursday')],
  ['fri', t('quietsettings-friday')], ['sat', t('quietsettings-saturday')], ['sun', t('quietsettings-sunday')]];
const PAUSES = [[30, t('quietsettings-30-minutes')], [60, t('quietsettings-1-hour')], [120, t('quietsettings-2-hours')], [480, t('quietsettings-8-hours')], [1440, t('quietsettings-24-hours')]];

function zones() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return []; }
}

/** The section, filled once the settings are read. */
export function quietSettings() {
  const note = h('p', { class: 'search-note', role: 'status', 'data-testid': 'quiet-note' });
  const zone = h('input', { id: 'quiet-zone', type: 'text', list: 'quiet-zones', autocomplete: 'off',
    'data-testid': 'quiet-zone', placeholder: t('quietsettings-zone-example') });
  const zoneList = h('datalist', { id: 'quiet-zones' }, ...zones().map((z) => h('option', { value: z })));
  const rows = DAYS.map(([day, label]) => {
    const on = h('input', { type: 'checkbox', id: `quiet-${day}`, 'data-testid': `quiet-${day}` });
    const start = h('input', { type: 'time', value: '22:00', 'aria-label': t('quietsettings-label-quiet-from', { label }), 'data-testid': `quiet-${day}-start` });
    const end = h('input', { type: 'time', value: '07:00', 'aria-label': t('quietsettings-label-quiet-until', { label }), 'data-testid': `quiet-${day}-end` });
    return { day, on, start, end, el: h('div', { class: 'quiet-day row' }, on, h('label', { for: on.id }, label), start, '–', end) };
  });
  const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'quiet-save' }, t('quietsettings-save-quiet-hours'));
  const pauseFor = h('select', { 'data-testid': 'quiet-pause-for', 'aria-label': t('quietsettings-pause-for') },
    ...PAUSES.map(([m, label]) => h('option', { value: String(m) }, label)));
  const pause = h('button', { type: 'button', class: 'secondary', 'data-testid': 'quiet-pause' }, t('quietsettings-pause-notifications'));
  const resume = h('button', { type: 'button', class: 'secondary', 'data-testid': 'quiet-resume', hidden: true }, t('quietsettings-resume-notifications'));
  const paused = h('p', { class: 'search-note', 'data-testid': 'quiet-paused' });

  const show = (s) => {
    zone.value = s.time_zone || '';
    for (const r of rows) {
      const range = (s.quiet_hours || []).find((q) => q.day === r.day);
      r.on.checked = Boolean(range);
      if (range) { r.start.value = range.start; r.end.value = range.end; }
    }
    const until = s.paused_until ? new Date(s.paused_until) : null;
    paused.textContent = until ? t('quietsettings-notifications-paused-until', { until: until.toLocaleString(locale()) }) : '';
    resume.hidden = !until;
    note.textContent = s.quiet ? t('quietsettings-you-are-in-quiet-hours') : '';
  };
  const send = async (body, done) => {
    note.textContent = '';
    try {
      show(await request('PUT', QUIET, body));
      if (done) note.textContent = done;
      statuses.load(); // this tab's own quiet mark (ringing) follows at once
    } catch (err) {
      note.textContent = Object.values(err.fields || {})[0] || err.message;
    }
  };
  save.addEventListener('click', () => send({
    time_zone: zone.value.trim() || undefined,
    quiet_hours: rows.filter((r) => r.on.checked).map((r) => ({ day: r.day, start: r.start.value, end: r.end.value })),
  }, t('quietsettings-quiet-hours-saved')));
  pause.addEventListener('click', () => send({ pause_minutes: Number(pauseFor.value) }));
  resume.addEventListener('click', () => send({ paused_until: null }, t('quietsettings-notifications-are-back-on')));
  request('GET', QUIET).then(show, () => { note.textContent = t('quietsettings-quiet-hours-could-not-be'); });

  return section(t('quietsettings-quiet-hours'), 'quiet-hours',
    h('p', { class: 'hint' }, t('quietsettings-while-quiet-no-push-mail')),
    h('div', { class: 'field' }, h('label', { for: zone.id }, t('quietsettings-time-zone')), zone, zoneList),
    h('fieldset', { class: 'quiet-days' }, h('legend', null, t('quietsettings-quiet-on')), ...rows.map((r) => r.el)),
    save,
    h('div', { class: 'row quiet-pause' }, pauseFor, pause, resume),
    paused, note).el;
}
