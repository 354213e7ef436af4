// Who may make an account on this server, said plainly with how to change it: the mode is
// the server's `--registration` flag, so the way to change it is the flag, named here.

import { h } from '../dom.js';
import { t } from '../i18n.js';

const SAY = {
  open: ['Open to anyone: whoever reaches this server\'s address can create an account, with or without a join link. ',
    t('whojoins-to-admit-people-by-invitation')],
  invite: ['By invitation: only people with a valid join link can create an account. ',
    t('whojoins-to-let-anyone-in-start')],
  closed: ['Closed: nobody can create an account here, join links included; accounts come from natter create-user. ',
    t('whojoins-to-admit-people-by-join')],
};

/** A paragraph saying who may join (`mode`: the server's registration mode), or null for
 *  a mode this client does not know. */
export function whoMayJoin(mode) {
  const words = SAY[mode];
  if (!words) return null;
  return h('p', { class: 'search-note', 'data-testid': 'who-may-join', 'data-mode': mode },
    h('strong', null, words[0]), words[1]);
}
