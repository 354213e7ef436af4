// The reaction emoji drawn as small inline SVGs, so reactions and the picker look the
// same everywhere, with or without an emoji font. The character itself stays in the text
// (visually hidden) for copying, searching and screen readers. A custom emoji's
// `:name:` is drawn as its image while it exists. Unknown emoji stay text.

import { customEmojiOf, customEmojiImg } from './customemoji.js';

const SVG = 'http://www.w3.org/2000/svg';
const YELLOW = '#f6c33b';
const INK = '#5a3d0a';
const face = ['circle', { cx: 12, cy: 12, r: 10, fill: YELLOW }];

const GLYPHS = {
  '👍': [
    ['path', { d: 'M2.5 10.5h4v10h-4z', fill: '#4a7bd8' }],
    ['path', { d: 'M7.5 10.5L11 3.2c1.6 0 2.7 1.2 2.4 2.8l-.6 3.5h5.6a2 2 0 0 1 2 2.4l-1.3 7a2.4 2.4 0 0 1-2.4 1.9H7.5z', fill: YELLOW, stroke: INK, 'stroke-width': 1 }],
  ],
  '❤️': [['path', { d: 'M12 21s-8.5-5.3-8.5-11.2A4.6 4.6 0 0 1 12 7.1a4.6 4.6 0 0 1 8.5 2.7C20.5 15.7 12 21 12 21z', fill: '#e0245e' }]],
  '😂': [face,
    ['path', { d: 'M6.5 9.5l2.5 1-2.5 1M17.5 9.5l-2.5 1 2.5 1', stroke: INK, 'stroke-width': 1.4, fill: 'none', 'stroke-linecap': 'round' }],
    ['path', { d: 'M6.5 13.5h11a5.5 5.5 0 0 1-11 0z', fill: INK }],
    ['path', { d: 'M3 12c-1 2-1.5 3.5 0 4s2-1.5 1.5-3zM21 12c1 2 1.5 3.5 0 4s-2-1.5-1.5-3z', fill: '#5fa8f5' }]],
  '😮': [face,
    ['circle', { cx: 8.5, cy: 9.5, r: 1.3, fill: INK }], ['circle', { cx: 15.5, cy: 9.5, r: 1.3, fill: INK }],
    ['ellipse', { cx: 12, cy: 15.5, rx: 2.4, ry: 3, fill: INK }]],
  '😢': [face,
    ['circle', { cx: 8.5, cy: 10, r: 1.3, fill: INK }], ['circle', { cx: 15.5, cy: 10, r: 1.3, fill: INK }],
    ['path', { d: 'M8 17a5 5 0 0 1 8 0', stroke: INK, 'stroke-width': 1.5, fill: 'none', 'stroke-linecap': 'round' }],
    ['path', { d: 'M16.5 12.5c-.9 1.6-1.3 2.7 0 3.1s1.6-1.1.7-2.5z', fill: '#5fa8f5' }]],
  '🎉': [
    ['path', { d: 'M3 21l4.5-12 7.5 7.5z', fill: '#f39c12', stroke: INK, 'stroke-width': 1, 'stroke-linejoin': 'round' }],
    ['circle', { cx: 15, cy: 5, r: 1.4, fill: '#e0245e' }], ['circle', { cx: 20, cy: 9, r: 1.4, fill: '#4a7bd8' }],
    ['circle', { cx: 18.5, cy: 14.5, r: 1.2, fill: '#2e9d5b' }],
    ['path', { d: 'M11 3.5c1 1.5 0 3 1.5 4M16.5 10.5c1.5-.5 2.5.5 4-.5', stroke: '#8e44ad', 'stroke-width': 1.3, fill: 'none', 'stroke-linecap': 'round' }]],
};

/** Nodes showing `emoji`: an SVG plus the hidden character, or just the character. */
export function emojiNodes(emoji) {
  const custom = customEmojiOf(emoji);
  if (custom) return [customEmojiImg(custom, 'reaction')];
  const shapes = GLYPHS[emoji];
  if (!shapes) return [emoji];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'emoji');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of shapes) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.append(el);
  }
  const text = document.createElement('span');
  text.className = 'visually-hidden';
  text.textContent = emoji;
  return [svg, text];
}
