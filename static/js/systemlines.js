// The lines the server leaves in a chat, an arrival (joined.js) and a topic's change
// (topicline.js), in the reader's language: the chat draws them as lines and the chat
// list shows them as a chat's last message, both in these same words.
import { isJoinLine } from './joined.js';
import { topicMessage } from './topicline.js';

/** `{kind: 'join' | 'topic', id, args}` for an arrival or a topic's change, else null:
 *  the catalog's sentence, which dom.js's `said` draws with the name and the topic set
 *  apart. `mine`: the reader is the one who arrived or changed the topic; `name`: that
 *  person's name as shown. */
export function systemLine(msg, mine, name) {
  const topic = topicMessage(msg, mine, name);
  if (topic) return { kind: 'topic', ...topic };
  if (!isJoinLine(msg)) return null;
  return mine ? { kind: 'join', id: 'message-you-joined', args: {} } : { kind: 'join', id: 'message-name-joined', args: { name } };
}
