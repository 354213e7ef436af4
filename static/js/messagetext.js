// A message's text as page nodes: the Markdown subset (markdown.js) around plain
// stretches, whose http(s) addresses become links (text.js), whose `:name:`s of custom
// emoji become their images (customemoji.js) and whose `@name`s are marked (mentions.js,
// `@me` too). One function, so the message row and the rendering-time
// test in the browser use exactly the same path.

import { renderMarkdown } from './markdown.js';
import { richText } from './text.js';
import { mentionNodes } from './mentions.js';
import { withCustomEmoji } from './customemoji.js';

/** Nodes for `text` as seen by `username` (whose mentions are marked as theirs). */
export function messageNodes(text, username) {
  return renderMarkdown(text, (plain) => richText(plain).flatMap((part) =>
    (typeof part === 'string'
      ? withCustomEmoji(part).flatMap((p) => (typeof p === 'string' ? mentionNodes(p, username) : [p]))
      : [part])));
}
