// How a message that quotes another is drawn: the quote line (replies.js)
// becomes a header naming the quoted person and excerpt; activating it shows the
// original. Kept apart so message.js has one hook for replies, next to its text rendering.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { parseReply } from '../replies.js';

/** `{quote, text}`: the header for `content`'s reply line (null without one) and the rest
 *  of the text, to be rendered as usual. ctx.onOpenQuote(messageId) shows the original. */
export function quoted(content, ctx) {
  const reply = parseReply(content);
  if (!reply) return { quote: null, text: content };
  // The quote names its author by username; shown, as every name is, by display name.
  const name = ctx.nameOfUsername ? ctx.nameOfUsername(reply.username) : reply.username;
  const quote = h('button', {
    type: 'button',
    class: 'reply-quote',
    'data-testid': 'reply-quote',
    'data-reply-to': reply.messageId,
    'aria-label': `In reply to ${name}: ${reply.excerpt || 'a message'}. Show the original`,
    title: 'Show the original message',
    onclick: () => ctx.onOpenQuote && ctx.onOpenQuote(reply.messageId),
  },
  icon('reply'),
  h('span', { class: 'reply-author', 'data-testid': 'reply-author' }, name),
  h('span', { class: 'reply-excerpt' }, reply.excerpt || '…'));
  return { quote, text: reply.text };
}
