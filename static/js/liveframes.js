// The socket's frames about the server rather than one chat, applied in place: custom
// emoji added or removed (pickers, autocomplete and drawn `:name:` follow), user groups
// made, changed or removed (the mention picker, marked mentions and the directory
// follow), and a scheduled message of mine that could not be sent (a notice). Statuses
// and quiet marks are statuses.js's; a chat's pin rule is its pin board's.

import { sameId } from './dom.js';
import { onCustomEmojiFrame } from './customemoji.js';
import { onGroupFrame, onGroupsChange } from './usergroups.js';
import { failedNotice } from './views/sendlater.js';
import { announce } from './announce.js';

/** Wires what the frames change to `redraw()` (the open chat's messages), and
 *  `show(line)` (a notice under the top bar); answers the frame handler. */
export function liveFrames({ me, redraw, show }) {
  onGroupsChange(() => redraw());
  return (frame) => {
    if (onCustomEmojiFrame(frame)) { redraw(); return; }
    if (onGroupFrame(frame)) return; // read again; the listener redraws
    if (frame.type === 'scheduled_failed' && sameId(frame.user_id, me.id)) {
      const line = failedNotice(frame);
      show(line);
      announce(line.firstChild.textContent);
    }
  };
}
