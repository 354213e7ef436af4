// The lines the server leaves in a chat, an arrival (joined.js) and a topic's change
// (topicline.js), in the reader's language: the chat draws them as lines and the chat
// list shows them as a chat's last message, both in these same words.
import { isJoinLine } from './joined.js';
import { topicSentence } from './topicline.js';
import { t } from './i18n.js';

/** `{kind: 'join' | 'topic', text}` for an arrival or a topic's change, else null.
 *  `mine`: the reader is the one who arrived or changed the topic; `name`: that person's
 *  name as shown. */
export function systemLine(msg, mine, name) {
  const topic = topicSentence(msg, mine, name);
  if (topic) return { kind: 'topic', text: topic };
  if (!isJoinLine(msg)) return null;
  return { kind: 'join', text: mine ? t('message-you-joined') : t('message-name-joined', { name }) };
}
