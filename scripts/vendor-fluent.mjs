// Makes static/vendor/fluent-bundle-<version>/fluent-bundle.js, the one module the web
// client imports, from the `esm/` files of the npm package `@fluent/bundle`: each file
// once, the files it imports before it, their relative imports and re-exports dropped
// (they share one scope; no two declare the same top-level name, which this checks).
// One file instead of eight is seven requests fewer before the sign-in form: on HTTP/1.1
// a browser opens six connections, so each six requests are another round trip.
// The documentation comments are left out (terser, neither compressed nor renamed, laid
// out one statement a line): they were half of what the sign-in form's copy of Fluent
// sent, 9,660 B with brotli against 5,044 without them.
//
//   npm pack @fluent/bundle@0.19.1 && tar xzf fluent-bundle-0.19.1.tgz
//   npm install --no-save terser@5.51.4
//   node scripts/vendor-fluent.mjs package/esm static/vendor/fluent-bundle-0.19.1
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node scripts/vendor-fluent.mjs <package/esm> <static/vendor/fluent-bundle-VERSION>');
  process.exit(2);
}
const RELATIVE = /^(import|export)\s[^;]*?from\s+["']\.\/([\w.-]+)["'];?\s*$/gm;
const text = new Map();
for (const name of readdirSync(from).filter((n) => n.endsWith('.js') && n !== 'ast.js')) {
  text.set(name, readFileSync(join(from, name), 'utf8'));
}
const order = [];
const visit = (name, path = []) => {
  if (order.includes(name)) return;
  if (path.includes(name)) throw new Error(`an import cycle: ${[...path, name].join(' -> ')}`);
  for (const [, , needed] of text.get(name).matchAll(RELATIVE)) visit(needed, [...path, name]);
  order.push(name);
};
visit('index.js');
const declared = new Map();
for (const name of order) {
  for (const [, id] of text.get(name).matchAll(/^(?:export\s+)?(?:const|let|var|function|class)\s+([\w$]+)/gm)) {
    if (declared.has(id)) throw new Error(`${id} is declared in ${declared.get(id)} and ${name}`);
    declared.set(id, name);
  }
}
const body = order
  .filter((name) => name !== 'index.js')
  .map((name) => `// ${name}\n${text.get(name).replace(RELATIVE, '').trim()}\n`)
  .join('\n');
const bare = await minify(body, {
  module: true,
  compress: false,
  mangle: false,
  format: { beautify: true, comments: false, indent_level: 2 },
});
writeFileSync(join(to, 'fluent-bundle.js'),
  `// @fluent/bundle's esm/ modules in one, without their comments (scripts/vendor-fluent.mjs); Apache License 2.0, see LICENSE.\n${bare.code}\n`);
console.log(`${join(to, 'fluent-bundle.js')}: ${order.filter((n) => n !== 'index.js').join(', ')}`);
