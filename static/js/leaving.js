// What signing out leaves behind in this browser: nothing that shows the person's
// messages to whoever uses it next. Their drafts go, and so does this browser's Web Push
// subscription (the server's row while the session still holds, and the browser's own)
// together with the choice to be notified, which the next person makes for themself.

import { clearDrafts } from './drafts.js';
import { unsubscribe } from './pushsub.js';
import { SIGNED_IN_KEY } from './signedin.js';

const NOTIFY_KEY = 'natter.notifications';
// Set while someone is signed in here: the page then asks for their chats as it loads.
export { SIGNED_IN_KEY };
const AT_MOST_MS = 3000; // a push service or server that does not answer holds no one here

/** Forgets this browser's drafts and push subscription; resolves within a few seconds. */
export async function forgetThisBrowser() {
  clearDrafts();
  try { localStorage.removeItem(NOTIFY_KEY); localStorage.removeItem(SIGNED_IN_KEY); } catch { /* no storage */ }
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, AT_MOST_MS); });
  await Promise.race([unsubscribe().catch(() => {}), late]);
  clearTimeout(timer);
}
