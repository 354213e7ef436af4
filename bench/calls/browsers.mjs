// One measured call for bench/scripts/calls-sfu.sh: Chromium pages (fake camera and
// microphone) and synthetic participants (synthetic.py, aiortc) in one group chat's call
// on a running natter, through its SFU or as a mesh, whichever the server does.
//
//   node bench/calls/browsers.mjs   (everything from the environment, below)
//
// The synthetic participants join first, one after another. Then each browser in turn
// clicks "Join" (or "Call" when nobody is in), and its page times, from the click, the
// moment it plays out the first decoded audio of each person already in the call; the
// next browser joins once it hears all of them. With everyone in, after SETTLE seconds,
// a window of WINDOW seconds is measured: each browser's upload (outbound-rtp bytes on
// every connection it has) and the streams it sends, the CPU seconds of natter, Janus,
// Chromium and the synthetic participants (/proc/PID/stat) and of the whole machine
// (/proc/stat), then memory (RssAnon and VmRSS). Lost packets are counted over the whole
// call, on every receiving end. Prints one JSON line.
//
// Environment: BASE (natter's URL), MODE (sfu|mesh), BROWSERS (4), SYNTHETIC (0),
// PER_PROCESS (synthetic participants a Python process holds, 6), VIDEO (theirs,
// 160x120@10 or none), RECEIVE (theirs, all|audio|none), WINDOW (10), SETTLE (5),
// NATTER_PID, JANUS_PID (none in a mesh), PYTHON (with aiortc), CHROMIUM.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../tests/browser/package.json'));
const { chromium, request: apiRequest } = require('playwright-core');

const env = process.env;
const BASE = env.BASE;
const MODE = env.MODE || 'sfu';
const BROWSERS = Number(env.BROWSERS || 4);
const SYNTHETIC = Number(env.SYNTHETIC || 0);
const PER_PROCESS = Number(env.PER_PROCESS || 6);
const WINDOW = Number(env.WINDOW || 10);
const SETTLE = Number(env.SETTLE || 5);
const HEAR_MS = 60_000;
const PASSWORD = 'correct horse battery';
const TICK = 100; // clock ticks a second (/proc/PID/stat)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// /proc ---------------------------------------------------------------------------------

const cpuOf = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK; // utime + stime
  } catch {
    return 0;
  }
};
const memOf = (pid) => {
  const out = { anon: 0, rss: 0 };
  try {
    for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      if (line.startsWith('RssAnon:')) out.anon = Number(line.split(/\s+/)[1]);
      if (line.startsWith('VmRSS:')) out.rss = Number(line.split(/\s+/)[1]);
    }
  } catch {
    // gone
  }
  return out;
};
/** Every descendant of `root`. */
const descendants = (root) => {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(s.split(') ')[1].split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push({ pid: Number(d) });
    } catch {
      // gone
    }
  }
  const out = [];
  const walk = (pid) => { for (const k of kids.get(pid) || []) { out.push(k); walk(k.pid); } };
  walk(root);
  return out;
};
const machineBusy = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  return { busy: f.reduce((a, b) => a + b, 0) - idle, all: f.reduce((a, b) => a + b, 0) };
};

// the call ------------------------------------------------------------------------------

const api = await apiRequest.newContext({ baseURL: BASE });
const call = async (method, path, token, data) => {
  const res = await api.fetch(path, { method, headers: token ? { Authorization: `Token ${token}` } : {}, data });
  const body = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()}: ${body}`);
  return body ? JSON.parse(body) : null;
};
const run = Date.now().toString(36);
const people = [];
for (let i = 0; i < BROWSERS + SYNTHETIC; i++) {
  const username = `${i < BROWSERS ? 'b' : 's'}${i}_${run}`;
  const made = await call('POST', '/api/auth/register/', null, { username, email: `${username}@example.com`, password: PASSWORD });
  people.push({ username, id: made.user.id, token: made.token });
}
const chat = (await call('POST', '/messages/api/chats/', people[0].token,
  { chat_type: 'group', title: `bench ${run}`, member_ids: people.slice(1).map((p) => p.id) })).id;
const browsersPeople = people.slice(0, BROWSERS);
const synthPeople = people.slice(BROWSERS);

const natterPid = Number(env.NATTER_PID);
const janusPid = env.JANUS_PID ? Number(env.JANUS_PID) : null;

// synthetic participants: processes of PER_PROCESS each, joined one process after another
const work = mkdtempSync(join(tmpdir(), 'natter-calls-'));
writeFileSync(join(work, 'users'), synthPeople.map((p) => `${p.username} ${PASSWORD}\n`).join(''));
const synths = [];
for (let first = 0; first < SYNTHETIC; first += PER_PROCESS) {
  const child = spawn(env.PYTHON || 'python3', [join(here, 'synthetic.py'), '--base', BASE, '--chat', String(chat),
    '--mode', MODE, '--users', join(work, 'users'), '--first', String(first),
    '--count', String(Math.min(PER_PROCESS, SYNTHETIC - first)), '--video', env.VIDEO || '160x120@10',
    '--receive', env.RECEIVE || 'all'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const queue = [];
  let wake = null;
  lines.on('line', (l) => { queue.push(JSON.parse(l)); if (wake) wake(); });
  child.on('exit', (code) => { if (code) { queue.push({ exited: code }); if (wake) wake(); } });
  const ask = async (word) => {
    if (word) child.stdin.write(`${word}\n`);
    while (!queue.length) await new Promise((r) => { wake = r; });
    const answer = queue.shift();
    if (answer.exited) throw new Error(`synthetic.py exited with ${answer.exited}`);
    return answer;
  };
  synths.push({ child, ask });
}
for (const s of synths) await s.ask(''); // {"ready": true}: signed in, socket open
rmSync(work, { recursive: true, force: true });

// browsers: one Chromium, a context each, pages open before anyone joins
const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
});
const pages = [];
for (const who of browsersPeople) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1100, height: 760 }, permissions: ['camera', 'microphone'] });
  await context.addInitScript(() => localStorage.setItem('natter.callDebug', '1'));
  const login = await context.request.post('/accounts/login/', { data: { username: who.username, password: PASSWORD } });
  if (!login.ok()) throw new Error(`login ${who.username}: ${login.status()}`);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${who.username}] ${err.message}`));
  await page.goto(`${BASE}/`);
  await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: 30_000 });
  await page.evaluate((id) => { location.hash = `#chat/${id}`; }, chat);
  await page.locator(`[data-testid="chat-item"][data-chat-id="${chat}"][aria-current="true"]`).waitFor({ state: 'attached', timeout: 30_000 });
  pages.push({ page, who });
}

// Everyone signed in with a socket open, nobody in the call yet: what natter and Janus
// hold before it, once the sign-ins' password hashing has settled.
await sleep(2000);
const before = { natter: memOf(natterPid), janus: janusPid ? memOf(janusPid) : null };
const synthJoins = [];
for (const s of synths) synthJoins.push(...(await s.ask('join')).joined);

// In the page: clicks "Join" (the chat's bar; the ring's answer or "Call" when there
// is no bar), then records for each of `others`
// when its first audio is played out (decoded samples that are not concealment).
const joinAndHear = (page, others) => page.evaluate(async ({ others, limit }) => {
  const ids = ['call-join', 'call-answer', 'call-start'];
  const button = ids.map((id) => document.querySelector(`[data-testid="${id}"]`)).find((b) => b);
  if (!button) throw new Error('no Join button');
  const t0 = performance.now();
  button.click();
  const heard = {};
  while (Object.keys(heard).length < others.length && performance.now() - t0 < limit) {
    await new Promise((r) => setTimeout(r, 20));
    const hook = window.__natterCall;
    for (const { userId, pc } of hook ? hook.peers() : []) {
      if (heard[userId] !== undefined || !others.includes(String(userId))) continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio' && heard[userId] === undefined
          && (r.totalSamplesReceived || 0) - (r.concealedSamples || 0) > 0) heard[userId] = performance.now() - t0;
      });
    }
  }
  return { heard, clicked: button.dataset.testid };
}, { others, limit: HEAR_MS });

const joined = synthPeople.map((p) => String(p.id));
const browserJoins = [];
for (const { page, who } of pages) {
  const others = [...joined];
  const { heard, clicked } = await joinAndHear(page, others);
  browserJoins.push({ user: who.id, clicked, others: others.length, heard,
    all_ms: Object.keys(heard).length === others.length ? Math.max(0, ...Object.values(heard)) : null });
  joined.push(String(who.id));
}

// What a page sends and receives, summed over its connections.
const pageStats = (page) => page.evaluate(async () => {
  const hook = window.__natterCall;
  const pcs = hook.peers().map((p) => ({ pc: p.pc, userId: p.userId }));
  if (hook.sfu()) pcs.push({ pc: hook.sfu(), userId: null });
  const out = { sentBytes: 0, sentVideo: {}, sentAudio: {}, received: {}, lost: 0, packets: 0, nacks: 0, framesDropped: 0 };
  for (const { pc, userId } of pcs) {
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'outbound-rtp') {
        out.sentBytes += (r.bytesSent || 0) + (r.headerBytesSent || 0);
        (r.kind === 'video' ? out.sentVideo : out.sentAudio)[r.id] = r.bytesSent || 0;
        if (r.kind === 'video') out.sentVideo[`${r.id}:res`] = `${r.frameWidth || 0}x${r.frameHeight || 0}@${Math.round(r.framesPerSecond || 0)}`;
      }
      if (r.type === 'inbound-rtp' && userId != null) {
        const row = out.received[userId] || (out.received[userId] = { audio: 0, frames: 0 });
        if (r.kind === 'audio') row.audio += r.packetsReceived || 0;
        else { row.frames += r.framesDecoded || 0; out.framesDropped += r.framesDropped || 0; }
        out.lost += r.packetsLost || 0;
        out.packets += r.packetsReceived || 0;
        out.nacks += r.nackCount || 0;
      }
    });
  }
  return out;
});
const procs = () => {
  const mine = descendants(process.pid);
  const synthPids = new Set(synths.map((s) => s.child.pid));
  const sum = (list) => list.reduce((a, p) => a + cpuOf(p.pid), 0);
  const memSum = (list) => list.reduce((a, p) => { const m = memOf(p.pid); return { anon: a.anon + m.anon, rss: a.rss + m.rss }; }, { anon: 0, rss: 0 });
  const python = mine.filter((p) => synthPids.has(p.pid));
  const chrome = mine.filter((p) => !synthPids.has(p.pid));
  return { natter: cpuOf(natterPid), janus: janusPid ? cpuOf(janusPid) : 0, chromium: sum(chrome),
    synthetic: sum(python), machine: machineBusy(), chromiumMem: memSum(chrome), syntheticMem: memSum(python) };
};

await sleep(SETTLE * 1000);
const s0 = await Promise.all(pages.map((p) => pageStats(p.page)));
const c0 = procs();
const t0 = performance.now();
await sleep(WINDOW * 1000);
const s1 = await Promise.all(pages.map((p) => pageStats(p.page)));
const c1 = procs();
const secs = (performance.now() - t0) / 1000;
const after = { natter: memOf(natterPid), janus: janusPid ? memOf(janusPid) : null };
const synthStats = [];
for (const s of synths) synthStats.push(...(await s.ask('stats')).stats);

const n = BROWSERS + SYNTHETIC;
const pct = (a, b) => Math.round(((b - a) / secs) * 1000) / 10; // % of one core
const uploads = s0.map((a, i) => {
  const b = s1[i];
  const flowing = (kind) => Object.keys(b[kind]).filter((k) => !k.endsWith(':res') && b[kind][k] > (a[kind][k] || 0)).length;
  return { kbps: Math.round(((b.sentBytes - a.sentBytes) * 8) / secs / 1000), video_streams: flowing('sentVideo'),
    audio_streams: flowing('sentAudio'), video_sizes: Object.entries(b.sentVideo).filter(([k]) => k.endsWith(':res')).map(([, v]) => v) };
});
// everyone receives everyone: each browser decoded audio, and video where it is sent, from each other person
const sendsVideo = (id) => !(env.VIDEO === 'none' && synthPeople.some((p) => String(p.id) === id));
const complete = s1.map((b, i) => people.filter((p) => p.id !== browsersPeople[i].id).map((p) => String(p.id))
  .filter((id) => !(b.received[id] && b.received[id].audio > 0 && (b.received[id].frames > 0 || !sendsVideo(id)))).length);
const result = {
  mode: MODE, browsers: BROWSERS, synthetic: SYNTHETIC, participants: n, window_s: Math.round(secs * 10) / 10,
  upload_kbps: uploads.map((u) => u.kbps), video_streams_sent: uploads.map((u) => u.video_streams),
  audio_streams_sent: uploads.map((u) => u.audio_streams), video_sizes: uploads.map((u) => u.video_sizes),
  missing_flows: complete,
  cpu_pct: { natter: pct(c0.natter, c1.natter), janus: pct(c0.janus, c1.janus), chromium: pct(c0.chromium, c1.chromium),
    synthetic: pct(c0.synthetic, c1.synthetic),
    machine: Math.round(((c1.machine.busy - c0.machine.busy) / (c1.machine.all - c0.machine.all)) * 2000) / 10 },
  mem_kib: { natter: after.natter, natter_before: before.natter, janus: after.janus, janus_before: before.janus,
    chromium: c1.chromiumMem, synthetic: c1.syntheticMem },
  browser_joins: browserJoins, synthetic_joins: synthJoins,
  browser_loss: s1.map((b) => ({ packets: b.packets, lost: b.lost, nacks: b.nacks, frames_dropped: b.framesDropped })),
  synthetic_loss: synthStats.map((s) => ({ packets: s.inbound.packets, lost: s.inbound.lost })),
};
console.log(JSON.stringify(result));

for (const { page } of pages) {
  await page.evaluate(() => document.querySelector('[data-testid="call-leave"]')?.click()).catch(() => {});
}
for (const s of synths) s.child.stdin.write('leave\n');
const exited = (s) => new Promise((r) => { if (s.child.exitCode !== null) r(); else s.child.on('exit', r); });
await Promise.race([Promise.all(synths.map(exited)), sleep(10_000)]);
for (const s of synths) if (s.child.exitCode === null) s.child.kill('SIGKILL');
await Promise.race([browser.close(), sleep(10_000)]);
process.exit(0);
