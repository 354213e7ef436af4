// A topic's change: the server leaves a message with this text and the topic after it
// (domain/messaging/topics.rs, TOPIC_TEXT), or the cleared text. The web client draws it as a line
// ("Ann set the topic: …"), as it draws an arrival (joined.js).
/** The start of a new topic's message. */
export const TOPIC_TEXT = '📝 set the topic: ';
/** A cleared topic's message. */
export const TOPIC_CLEARED_TEXT = '📝 cleared the topic';

/** The catalog's sentence for a topic's change with the person in it ("Ann set the topic:
 *  Ship it", "You cleared the topic") as `{ id, args }`, or null when `msg` is no topic
 *  change (a plain one: no files, no reply, no thread). `mine`: the reader made the
 *  change; `name`: the maker's name as shown. One sentence per language, as each language
 *  orders its words (Japanese puts the topic before its verb). */
export function topicMessage(msg, mine, name) {
  if (!msg || (msg.attachments || []).length || msg.thread_id != null) return null;
  const text = String(msg.content || '');
  if (text === TOPIC_CLEARED_TEXT) {
    return mine ? { id: 'topicline-you-cleared-the-topic', args: {} } : { id: 'topicline-name-cleared-the-topic', args: { name } };
  }
  if (text.startsWith(TOPIC_TEXT) && text.length > TOPIC_TEXT.length) {
    const topic = text.slice(TOPIC_TEXT.length);
    return mine ? { id: 'topicline-you-set-the-topic', args: { topic } } : { id: 'topicline-name-set-the-topic', args: { name, topic } };
  }
  return null;
}
