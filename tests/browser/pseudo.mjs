// The pseudo-language's check, shared by tests/browser/languages.mjs and
// tests/browser/accessibility.mjs: under `?lang=pseudo` every sentence of the catalogs
// is wrapped in ⟦ ⟧, so a text or an attribute without the brackets did not come from
// them.

/** The tab's language, set before any page of `context` loads: the pseudo-language in
 *  every page of it, however it is reached. */
export async function inPseudoLanguage(context) {
  await context.addInitScript(() => {
    try { sessionStorage.setItem('natter.language', 'pseudo'); } catch { /* no storage */ }
  });
}

/** Visible text nodes whose letters do not all come from the catalogs (⟦…⟧), outside what
 *  people wrote and outside times: `[{text, where}]`. */
export function unwrapped(page, known) {
  return page.evaluate((known) => {
    // `code`: what is typed as it stands (an invitation's code, recovery codes, syntax);
    // `translate="no"`: what the page says stands in every language (a file's kind, an
    // emoji's Unicode name, initials).
    const skip = '[dir="auto"], time, [datetime], .avatar, [lang]:not(html), script, style, noscript, .visually-hidden:not(label):not(span), option, code, [translate="no"]';
    // What is left of `text` once the catalogs' sentences (innermost first: a sentence
    // holds others, ⟦⟦Group⟧ · 2 members⟧), what people wrote and named, handles, rooms
    // and addresses are taken out.
    const leftover = (text) => {
      for (let before = ''; before !== text;) { before = text; text = text.replace(/⟦[^⟦⟧]*⟧/g, ' '); }
      for (const k of known) text = text.split(k).join(' ');
      return text.replace(/@[\w.+-]+|#[\w-]+|natter|https?:\S+/g, ' ');
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(skip)) continue;
      if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      if (/\p{L}{2,}/u.test(leftover(node.textContent))) found.push({ text: node.textContent.trim().slice(0, 80), where: el.outerHTML.slice(0, 120) });
    }
    // What screen readers and tooltips say, of every element, shown or not yet: each must
    // hold the catalogs' words too (a person's own words and names aside).
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-roledescription]')) {
      // A box's own `dir="auto"` is for what people type in it; its placeholder and label
      // are the catalogs' words all the same.
      const host = el.matches('input, textarea') ? el.parentElement : el;
      if (!host || host.closest('[dir="auto"], time, [datetime], script, style, noscript, [translate="no"]')) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
        const value = el.getAttribute(name);
        if (!value) continue;
        if (/\p{L}{2,}/u.test(leftover(value))) found.push({ text: `${name}="${value.slice(0, 80)}"`, where: el.outerHTML.slice(0, 120) });
      }
    }
    return found;
  }, known);
}
