// A direct chat's other person, as their status and quiet hours say: their status emoji
// beside the chat's title, and a line above the composer when they are in quiet hours
// (with the time where they are) or have a status, read again each time the chat opens
// so the writer knows before writing.

import { h, userName, sameId, said } from '../dom.js';
import { statuses, statusWords } from '../statuses.js';
import { t } from '../i18n.js';

export class ChatPresence {
  constructor(me) {
    this.me = me;
    this.other = null;
    this.line = h('p', { class: 'quiet-line', role: 'status', 'data-testid': 'quiet-line', hidden: true });
    statuses.onChange((id) => { if (!id || (this.other && sameId(id, this.other.id))) this.render(); });
  }

  /** The chat now shown, and its title element (the badge goes after the title's text). */
  show(chat, title) {
    const other = chat && chat.chat_type === 'dm' ? (chat.members || []).find((m) => !sameId(m.id, this.me.id)) : null;
    const changed = !other || !this.other || !sameId(other.id, this.other.id);
    this.other = other || null;
    if (other) {
      title.append(' ', statuses.badge(other.id));
      if (changed) statuses.refresh(other.id);
    }
    this.render();
  }

  render() {
    const p = this.other ? statuses.get(this.other.id) : null;
    const name = this.other ? userName(this.other) : '';
    const words = p ? statusWords(p.status) : '';
    // The name and the status's words set apart from the sentences (dom.js's `said`).
    const parts = [];
    if (p && p.quiet) {
      const at = p.local_time ? t('chatpresence-it-is-local-time-for', { local_time: p.local_time }) : '';
      parts.push(...said('chatpresence-name-is-in-quiet-hours', { name, at }));
    } else if (p && p.local_time && p.time_zone) {
      parts.push(...said('chatpresence-it-is-local-time-for-2', { local_time: p.local_time, name }));
    }
    if (words) parts.push(...(parts.length ? [' '] : []), ...said('chatpresence-status-words', { words }));
    this.line.replaceChildren(...parts);
    this.line.hidden = !(p && (p.quiet || words));
    this.line.classList.toggle('is-quiet', Boolean(p && p.quiet));
  }
}
