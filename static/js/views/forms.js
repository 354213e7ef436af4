// Labelled fields and forms shared by the sign-in, reset and account screens: each field
// has its own error line (tied to it by aria-describedby), each form a general one.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** A labelled input with its own error line; `testid` names both (`x`, `x-error`). */
export function field(label, name, type, testid, autocomplete) {
  const id = `f-${testid}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${testid}-error`, 'aria-live': 'polite' });
  const input = h('input', { id, name, type, autocomplete, 'data-testid': testid, 'aria-describedby': error.id });
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, error);
  return { wrap, input, error, name };
}

/** A form with fields, a submit button and a form-level error line; `extra` goes before
 *  the fields (a sentence), `footer` after the button. */
export function form(prefix, title, fields, submitLabel, { footer, extra, heading = 'h1', cls = 'auth-form' } = {}) {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': `${prefix}-error` });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': `${prefix}-submit` }, submitLabel);
  const el = h('form', { class: cls, novalidate: true, 'data-testid': `${prefix}-form` },
    title ? h(heading, null, title) : null, extra, ...fields.map((f) => f.wrap), error, submit, footer);
  const show = (errors, general) => {
    for (const f of fields) {
      const text = errors[f.name] || '';
      f.error.textContent = text;
      if (text) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
    }
    error.textContent = general || '';
    const bad = fields.find((f) => errors[f.name]);
    if (bad) bad.input.focus();
  };
  const busy = (on) => { submit.disabled = on; };
  return { el, show, busy, submit };
}

/** Server field errors go next to their field (`alias` maps a server name to one of
 *  `fields`); any other field's error joins the general line, else the error's words. */
export function showServerError(view, fields, err, alias = {}) {
  const known = {};
  const other = [];
  for (const [key, text] of Object.entries(err.fields || {})) {
    const target = fields.includes(key) ? key : alias[key] && fields.includes(alias[key]) ? alias[key] : null;
    if (target) known[target] = text;
    else other.push(text);
  }
  const general = other.length ? other.join(' ') : Object.keys(known).length ? '' : err.message;
  view.show(known, general);
}

/** A new password typed twice: the words to show per field, empty when both are fine. */
export function checkNewPassword(password, again, name = 'new_password', againName = 'again') {
  const errors = {};
  if (password.length < 8) errors[name] = t('forms-use-at-least-8-characters');
  else if (password !== again) errors[againName] = t('forms-the-two-passwords-differ');
  return errors;
}
