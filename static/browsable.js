// The browsable API page's forms (the page itself is written by
// src/api/browsable.rs). Each "Raw data" form sends its JSON with fetch, with the
// session cookie and the CSRF token (`X-CSRFToken` from the `csrftoken` cookie, as
// DRF's page does), asking for JSON; the answer then replaces the one shown, written as
// the server writes it. A file of its own because the page's Content-Security-Policy
// allows no inline script.
'use strict';

(() => {
  /** The value of cookie `name`, or null. */
  const cookie = (name) => {
    for (const part of document.cookie.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
    }
    return null;
  };

  /** A new `tag` element with class `cls` and text `text` (text only: never HTML). */
  const make = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const isLink = (s) => /^https?:\/\/[^\s\p{Cc}]+$/iu.test(s) && s.length > 8;

  /** `value` appended to `parent` as JSON indented by 4 spaces, with strings that are
   *  absolute http(s) URLs as links (what the server's page does). */
  const pretty = (parent, value, depth) => {
    const pad = (d) => '\n' + '    '.repeat(d);
    const text = (s) => parent.append(s);
    if (Array.isArray(value) && value.length) {
      text('[');
      value.forEach((item, i) => {
        text((i ? ',' : '') + pad(depth + 1));
        pretty(parent, item, depth + 1);
      });
      text(pad(depth) + ']');
    } else if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
      text('{');
      Object.entries(value).forEach(([key, item], i) => {
        text((i ? ',' : '') + pad(depth + 1));
        parent.append(make('span', 'key', JSON.stringify(key)), ': ');
        pretty(parent, item, depth + 1);
      });
      text(pad(depth) + '}');
    } else if (typeof value === 'string' && isLink(value)) {
      const link = make('a', null, JSON.stringify(value).slice(1, -1));
      link.href = value;
      link.rel = 'nofollow';
      parent.append('"', link, '"');
    } else if (typeof value === 'string') {
      parent.append(make('span', 'str', JSON.stringify(value)));
    } else {
      text(JSON.stringify(value));
    }
  };

  /** This page's URL without `?format=`: the forms always ask for JSON. */
  const target = () => {
    const url = new URL(window.location.href);
    url.searchParams.delete('format');
    return url.pathname + url.search;
  };

  /** Shows `method path` and its answer (`res` with body `body`) where the page's were. */
  const show = (method, path, res, body) => {
    const request = document.querySelector('[data-testid="request"]');
    const response = document.querySelector('[data-testid="response"]');
    request.replaceChildren(make('b', null, method), ' ' + path);
    const meta = make('span', 'meta');
    meta.append(make('b', null, `HTTP ${res.status} ${res.statusText}`.trimEnd()), '\n');
    for (const name of ['Allow', 'Content-Type', 'Location', 'Retry-After', 'Vary', 'WWW-Authenticate']) {
      // The route's `Allow`, as the server's page shows it, when the answer has none.
      const value = res.headers.get(name) ?? (name === 'Allow' && response.dataset.allow ? response.dataset.allow : null);
      if (value === null) continue;
      meta.append(make('b', null, `${name}:`), ' ', make('span', 'lit', value), '\n');
    }
    response.replaceChildren(meta);
    response.dataset.status = String(res.status);
    let parsed;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) response.append(body);
    else pretty(response, parsed, 0);
    response.scrollIntoView({ block: 'nearest' });
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target.closest('form.raw-form');
    if (!form) return;
    event.preventDefault();
    const method = form.dataset.method;
    const area = form.querySelector('textarea');
    const button = form.querySelector('button');
    const headers = { Accept: 'application/json' };
    const token = cookie('csrftoken');
    if (token) headers['X-CSRFToken'] = token;
    let body;
    if (area) {
      headers['Content-Type'] = 'application/json';
      body = area.value;
    }
    const path = target();
    button.disabled = true;
    try {
      const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
      show(method, path, res, await res.text());
    } catch (err) {
      const response = document.querySelector('[data-testid="response"]');
      response.replaceChildren(make('b', 'error', `The request failed: ${err && err.message ? err.message : err}`));
      delete response.dataset.status;
    } finally {
      button.disabled = false;
    }
  });
})();
