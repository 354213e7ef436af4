// A draft per person and chat in localStorage, so text and uploaded attachments survive
// switching chats and reloading: `natter.draft.<user id>.<chat id>` holds
// `{text, files: [{id, name, size, content_type}]}`. Storage may be missing or full:
// then drafts just live as long as the box.

const PREFIX = 'natter.draft.';
const key = (userId, chatId) => `${PREFIX}${userId}.${chatId}`;

/** The saved draft `{text, files}`, or an empty one. */
export function loadDraft(userId, chatId) {
  try {
    const data = JSON.parse(localStorage.getItem(key(userId, chatId)) || 'null');
    if (!data || typeof data !== 'object') return { text: '', files: [] };
    const files = Array.isArray(data.files) ? data.files.filter((f) => f && f.id != null) : [];
    return { text: typeof data.text === 'string' ? data.text : '', files };
  } catch {
    return { text: '', files: [] };
  }
}

/** Saves `{text, files}`; an empty draft is removed. */
export function saveDraft(userId, chatId, draft) {
  try {
    if (!draft.text && !draft.files.length) localStorage.removeItem(key(userId, chatId));
    else localStorage.setItem(key(userId, chatId), JSON.stringify(draft));
  } catch {
    // no storage or no room: the draft stays in the box only
  }
}

/** Removes every draft kept in this browser: signing out of a shared computer leaves
 *  no unsent text behind for the next person. */
export function clearDrafts() {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      if (k && k.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) localStorage.removeItem(k);
  } catch {
    // no storage: no drafts either
  }
}
