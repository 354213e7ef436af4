// A call in the timeline: the message a call leaves (its record says who called, how
// long it lasted and who joined) drawn as one call line instead of the message's text.

import * as api from '../api.js';
import { h, sameId } from '../dom.js';
import { icon } from '../icons.js';
import { listOf, t } from '../i18n.js';

function duration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) return t('callrecord-seconds', { s });
  const m = Math.round(s / 60);
  if (m < 60) return t('callrecord-minutes', { m });
  return t('callrecord-floor-h-value-min', { floor: Math.floor(m / 60), value: m % 60 });
}

/** The line for `record` (GET /api/calls/?chat_id= result); `me`: the signed-in user. */
export function callLine(record, me) {
  // "You" opens a sentence; mid-sentence it is "you" (in German "dir", after "mit").
  const who = (u, mid = false) => (u && sameId(u.id, me.id) ? (mid ? t('callrecord-you-mid') : t('callrecord-you')) : (u && (u.display_name || u.username)) || t('callrecord-someone'));
  const caller = who(record.started_by);
  const others = (record.joined || []).filter((u) => !sameId(u.id, record.started_by && record.started_by.id)).map((u) => who(u, true));
  let text;
  let kind;
  if (record.active) {
    kind = 'active';
    text = t('callrecord-caller-started-a-call-in', { caller });
  } else if (!others.length) {
    kind = 'missed';
    text = record.started_by && sameId(record.started_by.id, me.id) ? t('callrecord-you-called-no-one-answered') : t('callrecord-missed-call-from-caller', { caller });
  } else {
    kind = 'done';
    text = t('callrecord-caller-called-duration-with-names', { caller, duration: duration(record.duration_seconds), names: listOf(others) });
  }
  return h('p', { class: `call-record ${kind}`, 'data-testid': 'call-record', 'data-kind': kind }, icon('phone'), h('span', null, text));
}

const RELOAD_MS = 400; // a call's frames come in bursts; one reload after them

/** Which messages of the open chat are calls (GET /api/calls/?chat_id=, newest page),
 *  handed to their rows as they come and go. */
export class CallRecords {
  /** rowOf(messageId): the MessageRow shown for it, if any. */
  constructor(rowOf) {
    this.rowOf = rowOf;
    this.byMessage = new Map(); // message id (string) -> record
    this.chatId = null;
    this.timer = null;
  }

  /** Forgets the last chat's records and reads `chatId`'s (null: none). */
  reset(chatId) {
    clearTimeout(this.timer);
    this.byMessage.clear();
    this.chatId = chatId;
    if (chatId != null) this.load();
  }

  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), RELOAD_MS);
  }

  async load() {
    const chatId = this.chatId;
    if (chatId == null) return;
    let page;
    try {
      page = await api.listCalls(chatId);
    } catch {
      return; // a server without calls: messages stay as they are
    }
    if (!sameId(chatId, this.chatId)) return;
    for (const r of page.results) {
      if (!r || r.message_id == null) continue;
      this.byMessage.set(String(r.message_id), r);
      const row = this.rowOf(r.message_id);
      if (row) row.setCall(r);
    }
  }

  /** A row just made: a call line if its message is a known call. */
  apply(row) {
    const r = this.byMessage.get(String(row.msg.id));
    if (r) row.setCall(r);
  }
}
