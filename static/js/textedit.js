// Editing a textarea the way typing would: insert at the caret, wrap the selection in
// Markdown markers (Ctrl/Cmd+B, Ctrl/Cmd+I). Each change fires `input`, so the box grows
// and the draft is saved as for typed text.

/** Puts `text` at the caret (replacing the selection) and leaves the caret after it. */
export function insertAtCaret(input, text) {
  input.focus();
  input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Wraps the selection in `marker` (`**`, `*`); with nothing selected, leaves the caret
 *  between a pair of markers. */
export function wrapSelection(input, marker) {
  const { selectionStart: start, selectionEnd: end, value } = input;
  const picked = value.slice(start, end);
  input.setRangeText(`${marker}${picked}${marker}`, start, end, 'select');
  input.setSelectionRange(start + marker.length, start + marker.length + picked.length);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
