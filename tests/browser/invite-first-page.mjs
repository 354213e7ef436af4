// An invite-only server's first page, run by tests/browser.rs:
//
//   node tests/browser/invite-first-page.mjs <base-url> <STEP>
//
// natter serves `--registration invite`. With STEP `empty` the database holds no account:
// the sign-in page offers no "Create an account" and says the first administrator's link
// is in the server's log. With STEP `staffed` an administrator exists: it says an
// invitation is needed. At 1100 and 390 px; no fixed sleeps.

import { launch, steps } from './harness.mjs';

const [base, which] = process.argv.slice(2);
if (!base || !['empty', 'staffed'].includes(which)) {
  console.error('usage: node invite-first-page.mjs <base-url> empty|staffed');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 10_000;
const { step, failures } = steps({ stopOnFailure: true });
const browser = await launch();
let exitCode = 1;
try {
  for (const width of [1100, 390]) {
    await step(`the first page says who may join before any form (${which}, ${width} px)`, async () => {
      const ctx = await browser.newContext({ baseURL: origin, viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(`${origin}/`);
      const note = page.getByTestId('register-by-invitation');
      await note.waitFor({ state: 'visible', timeout: T });
      const text = await note.textContent();
      const wanted = which === 'empty' ? /first administrator.*server's log/ : /by invitation.*join link/;
      if (!wanted.test(text)) throw new Error(`the page says: ${text}`);
      if (await page.getByTestId('register-link').isVisible()) throw new Error('"Create an account" is offered to a stranger');
      await ctx.close();
    });
  }
  exitCode = failures.length ? 1 : 0;
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
