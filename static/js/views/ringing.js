// The notice of an incoming call: who is calling in which chat, with Answer and
// Decline, shown over whatever is on screen (the ring tone is calls/ringtone.js).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

/** A notice element; `sound`: 'on' | 'off' (the chat is muted) | 'blocked' (the
 *  browser refused). */
export function ringNotice({ caller, chatTitle, isDm, sound, onAnswer, onDecline }) {
  const words = isDm ? t('ringing-caller-is-calling-you', { caller }) : t('ringing-caller-started-a-call-in', { caller, chatTitle });
  const el = h('div', { class: 'ring-notice', role: 'alertdialog', 'aria-label': t('ringing-incoming-call'), 'aria-describedby': 'ring-words',
    'data-testid': 'call-ringing', 'data-sound': sound },
    h('p', { id: 'ring-words', class: 'ring-words' }, icon('phone'), h('span', null, words)),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary ring-answer', 'data-testid': 'call-answer', onclick: onAnswer }, t('ringing-answer')),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'call-decline', onclick: onDecline }, t('ringing-decline'))));
  return el;
}
