// Polite announcements for the whole app: screen readers hear new messages and other
// changes that happen away from the focus, without the history itself being a live region.
// The region itself is a11y/livereport.js's, shared with the urgent reports.

import { report } from './a11y/livereport.js';

/** Says `text` to screen-reader users (visually hidden). */
export function announce(text) {
  report(text);
}
