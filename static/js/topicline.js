// A topic's change: the server leaves a message with this text and the topic after it
// (domain/messaging/topics.rs, TOPIC_TEXT), or the cleared text. The web client draws it as a line
// ("Ann set the topic: …"), as it draws an arrival (joined.js).
import { t, parts } from './i18n.js';

/** The start of a new topic's message. */
export const TOPIC_TEXT = '📝 set the topic: ';
/** A cleared topic's message. */
export const TOPIC_CLEARED_TEXT = '📝 cleared the topic';

/** The line's words after the person's name ("set the topic: Ship it"), or null when
 *  `msg` is no topic change (a plain one: no files, no reply, no thread). */
export function topicWords(msg) {
  if (!msg || (msg.attachments || []).length || msg.thread_id != null) return null;
  const text = String(msg.content || '');
  if (text === TOPIC_CLEARED_TEXT) return t('topicline-cleared-the-topic');
  if (text.startsWith(TOPIC_TEXT) && text.length > TOPIC_TEXT.length) return t('topicline-set-the-topic-slice', { slice: text.slice(TOPIC_TEXT.length) });
  return null;
}

/** `topicWords` as pieces (i18n.js's `parts`): the new topic a `{ value }` of its own, to
 *  be isolated from the sentence around it; null when `msg` is no topic change. */
export function topicParts(msg) {
  if (topicWords(msg) == null) return null;
  const text = String(msg.content || '');
  if (text === TOPIC_CLEARED_TEXT) return [t('topicline-cleared-the-topic')];
  return parts('topicline-set-the-topic-slice', { slice: text.slice(TOPIC_TEXT.length) });
}
