// Where the web client's bytes go, file by file, as a running natter serves them:
//
//   node bench/web/bytes.mjs <base-url>
//
// Reads the page the way a browser does, then asks for every file it names with
// `Accept-Encoding: br` (what Chromium sends) and prints two Markdown tables: what the
// sign-in form needs (the page, its style sheet, main.js and its preloads, the icons it
// names) and what the app adds once someone is signed in (the page's list of the app's
// modules and the style sheet in its `app-styles` template), each file's bytes as stored
// and as sent, largest first, with totals.

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/web/bytes.mjs <base-url>');
  process.exit(2);
}
const origin = new URL(base).origin;

async function sizes(path) {
  const plain = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' } });
  const body = Buffer.from(await plain.arrayBuffer());
  const packed = await fetch(origin + path, { headers: { 'accept-encoding': 'br' } });
  // Node's fetch decodes what it receives: the length on the wire is the header's.
  const sent = Number(packed.headers.get('content-length')) || body.length;
  if (plain.status !== 200) throw new Error(`${path}: ${plain.status}`);
  return { path: path.split('?')[0], stored: body.length, sent };
}

function table(title, rows) {
  rows.sort((a, b) => b.sent - a.sent);
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const fmt = (n) => n.toLocaleString('en-US');
  console.log(`\n${title}\n`);
  console.log('| file | stored, B | sent (brotli), B |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| \`${r.path}\` | ${fmt(r.stored)} | ${fmt(r.sent)} |`);
  console.log(`| **${rows.length} files** | **${fmt(sum('stored'))}** | **${fmt(sum('sent'))}** |`);
}

const page = await (await fetch(origin + '/', { headers: { 'accept-encoding': 'identity' } })).text();
const versionedIn = (html) => [...html.matchAll(/(?:href|src)="(\/[^"]+\?v=[0-9a-f]{12})"/g)].map((m) => m[1]);
// A template's content is never fetched with the page: the app's style sheet waits there.
const templates = [...page.matchAll(/<template[^>]*>([\s\S]*?)<\/template>/g)].map((m) => m[1]);
const later = templates.flatMap(versionedIn);
const named = versionedIn(page).filter((u) => !later.includes(u));
const appList = [
  ...JSON.parse(page.split('<script type="application/json" id="app-modules">')[1].split('</script>')[0]),
  ...later,
];
const pageRow = await sizes('/');
const signIn = [pageRow, ...(await Promise.all(named.filter((u) => !u.startsWith('/manifest')).map(sizes)))];
table('The sign-in form', signIn);
table('Added once someone is signed in', await Promise.all(appList.map(sizes)));
