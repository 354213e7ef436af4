// Phones: a message's actions (react, reply, thread, edit, delete) stay out of sight
// until the message is tapped or long-pressed, as in phone chat apps, instead of five
// icons beside every message. app.css collapses them on narrow or touch screens and
// shows them for `.show-actions` and while the keyboard is inside them, so keyboard and
// screen reader users reach them as before. One message shows its actions at a time.

// Where the actions are collapsed (app.css: the same query).
const COLLAPSED = '(max-width: 720px), (hover: none)';
// A tap on these does its own thing and leaves the actions as they are.
const OWN_TAP = 'a, button, input, textarea, select, audio, video, summary, [contenteditable], .msg-actions';

let shown = null; // the message row whose actions are out

function hide() {
  if (shown) shown.classList.remove('show-actions');
  shown = null;
}

function show(row) {
  if (shown !== row) hide();
  row.classList.add('show-actions');
  shown = row;
}

let watching = false;
// A tap anywhere else, or Escape, puts them away again.
function watchOnce() {
  if (watching) return;
  watching = true;
  document.addEventListener('click', (e) => {
    if (shown && !shown.contains(e.target)) hide();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
}

/** Makes a tap on `row` (a message) show or hide its actions, and a long press (the
 *  touch screen's context menu) show them; only where app.css collapses them. */
export function actionsOnTap(row) {
  watchOnce();
  const collapsed = () => matchMedia(COLLAPSED).matches;
  row.addEventListener('click', (e) => {
    if (!collapsed() || e.target.closest(OWN_TAP)) return;
    if (String(getSelection() || '').length) return; // selecting text, not asking for actions
    if (shown === row) hide();
    else show(row);
  });
  row.addEventListener('contextmenu', (e) => {
    // A long press on a link or a picture keeps the browser's own menu (open, save).
    if (!matchMedia('(hover: none)').matches || e.target.closest('a, img, video, audio')) return;
    e.preventDefault();
    show(row);
  });
}
