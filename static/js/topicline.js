// A topic's change: the server leaves a message with this text and the topic after it
// (domain/messaging/topics.rs, TOPIC_TEXT), or the cleared text. The web client draws it as a line
// ("Ann set the topic: …"), as it draws an arrival (joined.js).
/** The start of a new topic's message. */
export const TOPIC_TEXT = '📝 set the topic: ';
/** A cleared topic's message. */
export const TOPIC_CLEARED_TEXT = '📝 cleared the topic';

/** The catalog's sentence for a topic's change with the person in it ("Ann set the topic:
 *  Ship it", "You cleared the topic") as `say` words it (i18n.js's `t` a string, dom.js's
 *  `said` nodes with the name and topic set apart), or null when `msg` is no topic change
 *  (a plain one: no files, no reply, no thread). `mine`: the reader made the change;
 *  `name`: the maker's name as shown. One sentence per language, as each language orders
 *  its words (Japanese puts the topic before its verb). */
export function topicSentence(msg, mine, name, say) {
  if (!msg || (msg.attachments || []).length || msg.thread_id != null) return null;
  const text = String(msg.content || '');
  if (text === TOPIC_CLEARED_TEXT) {
    return mine ? say('topicline-you-cleared-the-topic') : say('topicline-name-cleared-the-topic', { name });
  }
  if (text.startsWith(TOPIC_TEXT) && text.length > TOPIC_TEXT.length) {
    const topic = text.slice(TOPIC_TEXT.length);
    return mine ? say('topicline-you-set-the-topic', { topic }) : say('topicline-name-set-the-topic', { name, topic });
  }
  return null;
}
