// axe-core (pinned in package.json) run inside a Playwright page against WCAG 2.1 A and AA,
// for the browser tests that check the client's accessibility (accessibility.mjs).
//
// The page's Content-Security-Policy allows only natter's own scripts, so axe is not added
// as a <script> element: its source is evaluated through the DevTools protocol, which the
// policy does not govern, and nothing of the page's own policy is loosened.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets every check runs: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's version as loaded, for the test's first line. */
export const AXE_VERSION = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

/** Loads axe into `page` once per document (a navigation drops it). */
async function inject(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (!present) await page.evaluate(AXE_SOURCE);
}

/** The violations axe finds in `page` as it is now (WCAG 2.1 A and AA), each as
 *  `{ rule, impact, help, nodes: [{ target, summary }] }`. `exclude`: CSS selectors left
 *  out of the run (for content the page does not own). */
export async function axeViolations(page, { exclude = [] } = {}) {
  await inject(page);
  return page.evaluate(async ({ tags, exclude }) => {
    const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
    const result = await window.axe.run(context, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim() })),
    }));
  }, { tags: WCAG_TAGS, exclude });
}

/** A readable list of `violations`: one line per rule, then one per element with axe's
 *  summary of what to fix. */
export function describeViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.rule} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 8)) lines.push(`    ${n.target}\n        ${n.summary.slice(0, 300)}`);
    if (v.nodes.length > 8) lines.push(`    ... and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/** Fails, naming `what` and every violation, unless axe finds none in `page`. */
export async function expectNoViolations(page, what, options) {
  const violations = await axeViolations(page, options);
  if (violations.length) throw new Error(`axe found ${violations.length} WCAG 2.1 A/AA violation(s) on ${what}:\n${describeViolations(violations)}`);
}
