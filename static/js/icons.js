// Inline SVG icons, drawn with currentColor, so buttons never depend on an emoji font.
// Every icon is aria-hidden: the button that holds it carries the words (aria-label).

const SVG = 'http://www.w3.org/2000/svg';
const CIRCLE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z';

const PATHS = {
  close: 'M6 6l12 12M18 6L6 18',
  back: 'M19 12H5M11 18l-6-6 6-6',
  react: `${CIRCLE}M8.5 14c.9 1.3 2.1 2 3.5 2s2.6-.7 3.5-2M9 9.5h.01M15 9.5h.01`,
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4',
  delete: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  attach: 'M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3L14.5 7',
  info: `${CIRCLE}M12 11v5M12 8h.01`,
  bell: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0',
  bellOff: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0M3 3l18 18',
  sound: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  soundOff: 'M4 9h4l5-4v14l-5-4H4zM17 9.5l5 5M22 9.5l-5 5',
  user: 'M12 12a4 4 0 1 0 0-8a4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  signOut: 'M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10',
  send: 'M4 12l16-8-6 16-3-7-7-1z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  sent: 'M5 12.5l4 4L19 7',
  seen: 'M1.5 12.5l4 4L15 7M10 16l.5.5L20 7',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM16 16l4.5 4.5',
  settings: 'M4 7h9M17 7h3M15 5v4M4 17h3M11 17h9M9 15v4',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9c-4.5-1-8-4-8-9V6z',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  format: 'M4 7V5h10v2M9 5v14M7 19h4M14 13v-1h6v1M17 12v7M16 19h2',
  reply: 'M10 8L5 12l5 4M5 12h9a5 5 0 0 1 5 5v1',
  prev: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  down: 'M12 5v14M6 13l6 6 6-6',
  up: 'M12 19V5M6 11l6-6 6 6',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  hangUp: 'M3 14c5-5 13-5 18 0l-2 3-4-1v-3a12 12 0 0 0-6 0v3l-4 1z',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3',
  micOff: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M3 3l18 18',
  camera: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  cameraOff: 'M3 7h12v10H3zM15 10l6-3v10l-6-3M3 3l18 18',
  screen: 'M3 4h18v12H3zM8 20h8M12 16v4',
  minimise: 'M5 19h14M8 12l4 4 4-4M12 4v12',
  star: 'M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.9-5.2-2.8-5.2 2.8 1-5.9-4.3-4.1 5.9-.8z',
  thread: 'M4 5h16v10H9l-5 4zM8 9h8M8 12h5',
  compose: 'M4 20h4L19 9l-4-4L4 16v4zM13 5H4v6M20 13v7h-7',
  pin: 'M9 4h6M10 4v6l-4 4h12l-4-4V4M12 14v7',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  bookmark: 'M6 3h12v18l-6-4-6 4z',
  link: 'M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2',
};

/** An <svg> for `name` (see PATHS), hidden from screen readers. */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name] || PATHS.info);
  svg.append(path);
  return svg;
}

/** A button showing only an icon; `label` is what screen readers say and the tooltip shows. */
export function iconButton(name, label, props = {}) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `icon-button${props.class ? ` ${props.class}` : ''}`;
  button.setAttribute('aria-label', label);
  button.title = label;
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class' || value == null) continue;
    if (key.startsWith('on')) button.addEventListener(key.slice(2), value);
    else button.setAttribute(key, String(value));
  }
  button.append(icon(name));
  return button;
}
