// The lines the server leaves in a chat, an arrival (joined.js) and a topic's change
// (topicline.js), in the reader's language: the chat draws them as lines and the chat
// list shows them as a chat's last message, both in these same words.
import { isJoinLine } from './joined.js';
import { topicSentence } from './topicline.js';

/** `{kind: 'join' | 'topic', words}` for an arrival or a topic's change, else null; the
 *  words as `say` gives them (dom.js's `said`: nodes, the name and the topic set apart in
 *  a <bdi>). `mine`: the reader is the one who arrived or changed the topic; `name`: that
 *  person's name as shown. */
export function systemLine(msg, mine, name, say) {
  const topic = topicSentence(msg, mine, name, say);
  if (topic) return { kind: 'topic', words: topic };
  if (!isJoinLine(msg)) return null;
  return { kind: 'join', words: mine ? say('message-you-joined') : say('message-name-joined', { name }) };
}
