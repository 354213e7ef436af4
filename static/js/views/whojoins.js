// Who may make an account on this server, said plainly with how to change it: the mode is
// the server's `--registration` flag, so the way to change it is the flag, named here.

import { h } from '../dom.js';
import { t } from '../i18n.js';

const SAY = {
  open: [t('whojoins-open'),
    t('whojoins-to-admit-people-by-invitation')],
  invite: [t('whojoins-invite'),
    t('whojoins-to-let-anyone-in-start')],
  closed: [t('whojoins-closed'),
    t('whojoins-to-admit-people-by-join')],
};

/** A paragraph saying who may join (`mode`: the server's registration mode), or null for
 *  a mode this client does not know. */
export function whoMayJoin(mode) {
  const words = SAY[mode];
  if (!words) return null;
  return h('p', { class: 'search-note', 'data-testid': 'who-may-join', 'data-mode': mode },
    h('strong', null, words[0]), ' ', words[1]);
}
