// The page's two live regions, kept outside #app so that no re-render of the app touches
// them: polite for news (a message from someone else in the open chat), assertive for what
// needs a person now (a call ringing) and for errors. Each report replaces the region's
// line with a fresh one, so the same words on a later event are read again, while a view
// that draws the same error again says nothing new.
//
// Errors: the views write them into their own `role="alert"` lines. Those lines stop being
// live regions of their own here (a screen reader would otherwise hear an error twice,
// once from its line and once from this region, or once per re-render of a line drawn
// anew): each new text in one of them is reported once through the assertive region.

const regions = new Map();
// What each error line last reported, and the last error reported and when: a view that
// draws its error line again with the same words within REDRAWN_MS is a re-render.
const relayed = new WeakMap();
let lastError = { text: '', at: 0 };
const REDRAWN_MS = 1500;

function region(politeness) {
  let el = regions.get(politeness);
  if (!el || !el.isConnected) {
    el = document.createElement('div');
    el.className = 'visually-hidden';
    el.setAttribute('aria-live', politeness);
    el.setAttribute('aria-atomic', 'true');
    // The polite region keeps the test id tests already read (announce.js made it first).
    el.setAttribute('data-testid', politeness === 'polite' ? 'live-announcer' : 'live-alert');
    document.body.append(el);
    regions.set(politeness, el);
  }
  return el;
}

/** Says `text` to screen-reader users: politely, or at once when `urgent`. */
export function report(text, { urgent = false } = {}) {
  const words = String(text || '').trim();
  if (!words) return;
  const line = document.createElement('p');
  line.textContent = words;
  region(urgent ? 'assertive' : 'polite').replaceChildren(line);
}

function relay(line) {
  // A hidden line says nothing yet; it is read when it shows (the `hidden` watch below).
  if (line.closest('[hidden]')) return;
  const text = (line.textContent || '').trim();
  if (text === (relayed.get(line) || '')) return;
  relayed.set(line, text);
  if (!text) return;
  const now = Date.now();
  if (text === lastError.text && now - lastError.at < REDRAWN_MS) return;
  lastError = { text, at: now };
  report(text, { urgent: true });
}

function adopt(node) {
  if (node.nodeType !== 1) return;
  const lines = node.matches('[role="alert"]') ? [node] : [];
  lines.push(...node.querySelectorAll('[role="alert"]'));
  for (const line of lines) {
    line.removeAttribute('role');
    line.setAttribute('data-live-error', '');
    relay(line);
  }
}

function watch() {
  // Both regions exist before anything is said: a region added together with its first
  // words is often not read at all.
  region('polite');
  region('assertive');
  adopt(document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'childList') change.addedNodes.forEach(adopt);
      const target = change.target.nodeType === 1 ? change.target : change.target.parentElement;
      const line = target && target.closest('[data-live-error]');
      if (line) relay(line);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
}

if (document.body) watch();
else document.addEventListener('DOMContentLoaded', watch, { once: true });
