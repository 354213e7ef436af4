// One polite live region for the whole app: screen readers hear new messages and other
// changes that happen away from the focus, without the history itself being a live region.

let region = null;

/** Says `text` to screen-reader users (visually hidden). */
export function announce(text) {
  if (!region) {
    region = document.createElement('div');
    region.className = 'visually-hidden';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('data-testid', 'live-announcer');
    document.body.append(region);
  }
  // A fresh node each time, so the same words twice are still read twice.
  const line = document.createElement('p');
  line.textContent = text;
  region.replaceChildren(line);
}
