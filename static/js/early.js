// What the page asks for before anything waits on the catalog: main.js imports this module
// first, and it imports nothing that speaks, so the first screen's reads go out side by
// side with the catalog's fetch (i18n.js) rather than after it. Someone who signed in here
// before gets who they are, their chats and the open chat's newest messages at once, and
// the app's modules preloaded; signed out, only who they are (which says so).
import * as api from './api/signin.js';
import { prefetch } from './api/request.js';
import { linkInPath } from './links.js';
import { SIGNED_IN_KEY } from './signedin.js';
import { CHAT_HASH } from './hashes.js';

let appPreloaded = false; // the app's modules were asked for (preloadApp)
let stylesAdded = null; // the app's style sheet, once added: settles when it has loaded

/** The app's style sheet (app.css, in the page's `app-styles` template, which the browser
 *  does not fetch), added to the page once: the sign-in form waits for base.css alone.
 *  Resolves when it has loaded, rejects when it cannot be (a build since replaced). */
export function appStyles() {
  if (stylesAdded) return stylesAdded;
  const listed = document.getElementById('app-styles')?.content?.querySelector('link[rel="stylesheet"]');
  if (!listed) {
    stylesAdded = Promise.resolve();
    return stylesAdded;
  }
  const sheet = document.importNode(listed, true);
  sheet.setAttribute('data-later', ''); // like the modules below: a failure is startApp's
  stylesAdded = new Promise((resolve, reject) => {
    sheet.addEventListener('load', () => resolve(), { once: true });
    sheet.addEventListener('error', () => reject(new Error('the app\'s style sheet did not load')), { once: true });
  });
  stylesAdded.catch(() => {}); // startApp answers a failure; none goes unhandled before
  document.head.append(sheet);
  return stylesAdded;
}

/** The modules the app needs besides the page's (listed in it when natter was built),
 *  asked for side by side with its style sheet, so the app starts without waiting for
 *  one after another. */
export function preloadApp() {
  if (appPreloaded) return;
  appPreloaded = true;
  appStyles();
  let later = [];
  try { later = JSON.parse(document.getElementById('app-modules')?.textContent || '[]'); } catch { /* none listed */ }
  for (const href of later) {
    if (typeof href !== 'string' || !href.startsWith('/static/js/')) continue;
    // `data-later`: the page's reload guard leaves these be (a failed one means an
    // upgrade, which startApp answers with a reload once someone has signed in).
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    link.setAttribute('data-later', '');
    document.head.append(link);
  }
}

function askEarly() {
  prefetch('/api/auth/me/');
  let signedIn = false;
  try { signedIn = localStorage.getItem(SIGNED_IN_KEY) === '1'; } catch { /* no storage */ }
  if (!signedIn || linkInPath()) return;
  preloadApp();
  prefetch(api.chatsPath);
  const opening = CHAT_HASH.exec(location.hash);
  if (opening) prefetch(api.messagesPath(opening[1], { channel: true }));
}

askEarly();
