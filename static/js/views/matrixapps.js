// The account page's "Use natter in an app": the homeserver address to type into a Matrix
// app (this page's own origin, as the browser reached natter), the person's Matrix id
// (the account's `matrix_id`, which the server makes from the username and its Matrix
// server name), and what Element, Element X, FluffyChat, nheko and NeoChat each need:
// Element X and NeoChat sign in only over https (README, "Native apps"), so a page served
// over plain http says that they cannot sign in here yet.

import * as api from '../api.js';
import { h } from '../dom.js';
import { copyLink, section } from './page.js';
import { t } from '../i18n.js';

/** The section; the Matrix id shows once the account says it. */
export function matrixAppsSection() {
  const address = location.origin;
  const idPart = h('div', { hidden: true },
    h('h3', null, t('matrixapps-matrix-id')));
  const needs = h('ul', null,
    h('li', null, t('matrixapps-element-fluffychat-nheko')),
    h('li', null, t('matrixapps-element-x-neochat')));
  const plain = location.protocol === 'https:' ? null
    : h('p', { class: 'hint', 'data-testid': 'matrix-apps-not-https' }, t('matrixapps-not-https'));
  const part = section(t('matrixapps-use-natter-in-an-app'), 'matrix-apps',
    h('p', { class: 'hint' }, t('matrixapps-intro')),
    h('h3', null, t('matrixapps-homeserver-address')),
    copyLink(address, 'account-homeserver', t('matrixapps-homeserver-address')),
    idPart,
    h('h3', null, t('matrixapps-what-each-app-needs')),
    needs, plain);
  api.account().then((a) => {
    if (!a || typeof a.matrix_id !== 'string' || !a.matrix_id) return;
    idPart.append(copyLink(a.matrix_id, 'account-matrix-id', t('matrixapps-matrix-id')));
    idPart.hidden = false;
  }, (err) => part.say(t('accountpage-could-not-load-your-account', { message: err.message })));
  return part.el;
}
