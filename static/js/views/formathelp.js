// "Formatting" beside the message box: a toggle showing the Markdown the messages render
// (markdown.js) and the shortcuts that write it, so nobody has to guess the syntax.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

const ROWS = [
  [t('formathelp-bold-syntax'), t('formathelp-bold-ctrl-b')],
  [t('formathelp-italic-syntax'), t('formathelp-italic-ctrl-i')],
  [t('formathelp-code-syntax'), t('formathelp-code')],
  [t('formathelp-block-syntax'), t('formathelp-a-block-of-code')],
  [t('formathelp-link-syntax'), t('formathelp-a-link')],
  [t('formathelp-list-syntax'), t('formathelp-a-list')],
  [t('formathelp-quote-syntax'), t('formathelp-a-quote')],
  ['\\*', t('formathelp-a-that-stays-a')],
];

/** `{button, panel}`: the toggle and what it shows (placed by the composer); `prefix`
 *  goes before its id and test ids (a thread's message box has one of its own). */
export function formatHelp(prefix = '') {
  const panel = h('div', { class: 'format-help', id: `${prefix}format-help`, hidden: true, 'data-testid': `${prefix}format-help` },
    h('table', null,
      h('caption', { class: 'visually-hidden' }, t('formathelp-formatting')),
      h('tbody', null, ...ROWS.map(([syntax, result]) =>
        h('tr', null, h('td', null, h('code', null, syntax)), h('td', null, result))))),
    h('p', { class: 'hint' }, t('formathelp-messages-are-sent-as-typed')));
  const button = h('button', { type: 'button', class: 'icon-button format-toggle', 'aria-expanded': 'false',
    'aria-controls': panel.id, 'aria-label': t('formathelp-formatting-help'), title: t('formathelp-formatting-help'),
    'data-testid': `${prefix}format-help-button` }, icon('format'));
  const toggle = (open) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => toggle(panel.hidden));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { toggle(false); button.focus(); }
  });
  button.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); toggle(false); }
  });
  return { button, panel };
}
