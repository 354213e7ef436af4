// How a message that replies to another is drawn: the quote line the server wrote
// (replies.js) becomes a header naming the quoted person and excerpt; activating it shows
// the original. Only a real reply gets one: `reply_to` set and the quote line naming that
// very message; any other text starting `> @x [#n]: …` is an ordinary Markdown quote.
// Kept apart so message.js has one hook for replies, next to its text rendering.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { parseReply } from '../replies.js';
import { t } from '../i18n.js';

/** `{quote, text}` for message `msg`: the header of a real reply (null otherwise) and the
 *  text to render as usual. ctx.onOpenQuote(messageId) shows the original; in a thread's
 *  panel (ctx.threadRoot) a reply to the root itself shows no header, only its own text. */
export function quoted(msg, ctx) {
  const content = msg.content;
  const reply = msg.reply_to != null ? parseReply(content) : null;
  if (!reply || String(reply.messageId) !== String(msg.reply_to)) return { quote: null, text: content };
  if (ctx.threadRoot != null && String(msg.reply_to) === String(ctx.threadRoot)) return { quote: null, text: reply.text };
  // The quote names its author by username; shown, as every name is, by display name.
  const name = ctx.nameOfUsername ? ctx.nameOfUsername(reply.username) : reply.username;
  const quote = h('button', {
    type: 'button',
    class: 'reply-quote',
    'data-testid': 'reply-quote',
    'data-reply-to': reply.messageId,
    'aria-label': t('replyquote-in-reply-to', { name, excerpt: reply.excerpt || t('replyquote-a-message') }),
    title: t('replyquote-show-the-original-message'),
    onclick: () => ctx.onOpenQuote && ctx.onOpenQuote(reply.messageId),
  },
  icon('reply'),
  h('span', { class: 'reply-author', 'data-testid': 'reply-author' }, name), ' ',
  h('span', { class: 'reply-excerpt' }, reply.excerpt || '…'));
  return { quote, text: reply.text };
}
