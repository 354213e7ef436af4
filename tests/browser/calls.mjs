// Calls in the web client, run by tests/browser.rs:
//
//   node tests/browser/calls.mjs <base-url> <shots-dir> mesh     (natter with --call-max-participants 3)
//   node tests/browser/calls.mjs <base-url> <shots-dir> relay    (natter with --turn, coturn beside it)
//   node tests/browser/calls.mjs <base-url> <shots-dir> sfu      (natter with --sfu and --turn, Janus and coturn beside it)
//   node tests/browser/calls.mjs <base-url> <shots-dir> sfu-nodes <second-node-url>   (two nodes, one Janus)
//
// Chromium runs with a fake camera and microphone (harness.mjs launch({media: true})).
// Each person is a browser context of their own. The pages set localStorage
// 'natter.callDebug' = '1', which makes the client expose the open call's peer
// connections as window.__natterCall.peers() (calls/calls.js); media flowing is read
// from their getStats(): inbound video with framesDecoded > 0 and inbound audio with
// packets received, on both ends.
//
// mesh: ann calls bob in their direct chat (bob on a phone-sized screen: rung, answers,
// the call view fills the screen), minimising, a dropped live socket rejoining by
// itself, speaking lights, microphone, camera and screen controls, leaving,
// the call line in the timeline; a declined call; three people in a group, one leaves and
// the other two go on; a fourth is refused (call full) politely; a muted chat rings
// silently; natter's client and a seed-003 client (its own /ws/call/<room>/ socket and a
// minimal peer in the page) call each other in a room, both ways round; a call forced
// through a relay the server does not have says so.
// relay: ann and bob with localStorage 'natter.iceTransportPolicy' = 'relay'; both ends'
// selected candidate pairs are relay candidates (through the coturn the test started).
// sfu: ann, bob and cy call in a room through the SFU: each receives the other two, each
// sends one audio and one video stream on one connection (to the SFU); microphone, camera
// and screen go on that one sender; dan joins with a seed-003 client that speaks only the
// mesh and everyone hears and sees everyone; when dan and cy leave the other two go on;
// forced through the TURN relay (coturn beside it) a call through the SFU still connects.
// sfu-nodes: ann on the first node calls bob and cy on the second through the SFU; each
// receives the other two; bob leaves and ann and cy go on.
// Every wait is a locator or a polled condition with a timeout; no fixed sleeps.

import { apiClient, assertContrast, launch, steps, untilWithin } from './harness.mjs';

const [base, shots = '.', mode = 'mesh', otherBase] = process.argv.slice(2);
if (!base || (mode === 'sfu-nodes' && !otherBase)) {
  console.error('usage: node calls.mjs <base-url> [shots-dir] [mesh|relay|sfu|sfu-nodes <second-node-url>]');
  process.exit(2);
}
const origin = new URL(base).origin;
const T = 15_000;
const MEDIA_T = 30_000; // connecting and the first decoded frames
const until = untilWithin(MEDIA_T);
const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery';
const { step, failures } = steps({ stopOnFailure: true });

const browser = await launch({ media: true });
let exitCode = 1;
try {
  const { call, register } = await apiClient(origin);
  const people = {};
  for (const name of ['ann', 'bob', 'cy', 'dan']) {
    const username = `${name}_${run}`;
    const made = await register(username, PASSWORD);
    people[name] = { username, token: made.token, id: made.user.id };
  }
  const { ann, bob, cy, dan } = people;
  const dm = (await call('POST', '/messages/api/chats/', ann.token, { chat_type: 'dm', member_ids: [bob.id] })).id;

  /** A browser context where `who` is signed in (a phone-sized one when asked), on the
   *  node at `at` (the first one unless said). */
  const device = async (who, { phone = false, relay = false, droppable = false, at = origin } = {}) => {
    const context = await browser.newContext({ baseURL: at,
      viewport: phone ? { width: 390, height: 844 } : { width: 1100, height: 760 }, permissions: ['camera', 'microphone'] });
    // The live socket passes through the test, which can drop it (dropSocket()).
    const live = [];
    if (droppable) {
      await context.routeWebSocket(/\/messages\/ws\/$/, (ws) => {
        ws.connectToServer();
        live.push(ws);
      });
    }
    await context.addInitScript(({ relay }) => {
      localStorage.setItem('natter.callDebug', '1');
      if (relay) localStorage.setItem('natter.iceTransportPolicy', 'relay');
      else localStorage.removeItem('natter.iceTransportPolicy');
    }, { relay });
    const login = await context.request.post('/accounts/login/', { data: { username: who.username, password: PASSWORD } });
    if (!login.ok()) throw new Error(`login ${who.username}: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.log(`[${who.username} page error] ${err.message}`));
    if (mode === 'sfu') page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${who.username} console] ${m.text()}`); });
    await page.goto(`${at}/`);
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
    const dropSocket = async () => { for (const ws of live.splice(0)) await ws.close({ code: 4000, reason: 'dropped by the test' }); };
    return { context, page, who, dropSocket };
  };
  // Waits for p's ring; a ring that never comes says what that tab knew (its socket,
  // the calls it had states for, the call frames it received).
  const rung = async (p) => {
    try {
      await tid(p, 'call-ringing').waitFor({ timeout: T });
    } catch (err) {
      const known = await p.page.evaluate(() => ({
        socket: document.querySelector('[data-testid="connection-status"]')?.dataset.state,
        calls: window.__natterCall ? window.__natterCall.known() : null,
      })).catch((e) => String(e));
      throw new Error(`${p.who.username} was not rung: ${JSON.stringify(known)}; ${err.message}`);
    }
  };
  // The header of the chat open before stays until the new one is shown (a chat not yet
  // in the page's list is asked of the server first): wait for this chat to be the one
  // marked open, or a click on "Call" may start a call in the chat before (CI saw it).
  const openChat = async (p, chatId) => {
    await p.page.evaluate((id) => { location.hash = `#chat/${id}`; }, chatId);
    await p.page.locator(`[data-testid="chat-item"][data-chat-id="${chatId}"][aria-current="true"]`).waitFor({ state: 'attached', timeout: T });
    await p.page.locator('[data-testid="chat-header-title"]').waitFor({ timeout: T });
  };
  const tid = (p, id) => p.page.locator(`[data-testid="${id}"]`);

  // What each of the page's peer connections receives, and its selected candidate pair.
  const media = (p) => p.page.evaluate(async () => {
    const hook = window.__natterCall;
    if (!hook) throw new Error('no window.__natterCall (natter.callDebug not set?)');
    const out = [];
    for (const { userId, pc } of hook.peers()) {
      const stats = await pc.getStats();
      const row = { userId, ice: pc.iceConnectionState, frames: 0, videoBytes: 0, audioPackets: 0, audioBytes: 0, local: null, remote: null };
      stats.forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') { row.frames += r.framesDecoded || 0; row.videoBytes += r.bytesReceived || 0; }
        if (r.type === 'inbound-rtp' && r.kind === 'audio') { row.audioPackets += r.packetsReceived || 0; row.audioBytes += r.bytesReceived || 0; }
        if (r.type === 'transport' && r.selectedCandidatePairId) {
          const pair = stats.get(r.selectedCandidatePairId);
          if (pair) {
            row.local = (stats.get(pair.localCandidateId) || {}).candidateType || null;
            row.remote = (stats.get(pair.remoteCandidateId) || {}).candidateType || null;
          }
        }
      });
      out.push(row);
    }
    return out;
  });
  const flowing = (r) => r.frames > 0 && r.videoBytes > 0 && r.audioPackets > 0 && r.audioBytes > 0;
  /** Waits until `p` receives video and audio from exactly the people `from`; answers the rows. */
  const receivesFrom = (p, from) => until(`${p.who.username} to receive video and audio from ${from.map((x) => x.username).join(', ')}`, async () => {
    const rows = await media(p);
    const ids = rows.map((r) => String(r.userId)).sort();
    const want = from.map((x) => String(x.id)).sort();
    if (JSON.stringify(ids) !== JSON.stringify(want)) throw new Error(`peers ${ids} (want ${want})`);
    if (!rows.every(flowing)) throw new Error(JSON.stringify(rows));
    return rows;
  });
  /** Waits until what `p` has received from `other` grows past `before` (still flowing). */
  const stillFrom = async (p, other, before) => until(`${p.who.username}'s media from ${other.username} to keep coming`, async () => {
    const row = (await media(p)).find((r) => String(r.userId) === String(other.id));
    const was = before.find((r) => String(r.userId) === String(other.id));
    if (!row || !was) throw new Error('no connection');
    if (!(row.frames > was.frames && row.audioPackets > was.audioPackets)) throw new Error(`frames ${was.frames}->${row.frames}, audio ${was.audioPackets}->${row.audioPackets}`);
    return row;
  });
  const callOver = async (p) => tid(p, 'call-view').waitFor({ state: 'detached', timeout: T });
  /** Each of `pages` clicks Leave, then each call view goes. */
  const allLeave = async (...pages) => {
    for (const p of pages) await tid(p, 'call-leave').click();
    for (const p of pages) await callOver(p);
  };

  /** `who` speaking seed 003's rooms socket (`/ws/call/<room>/`) with a minimal WebRTC
   *  peer of their own in a page: the mesh only, offering to everyone there on joining. */
  const seedClient = async (room, who) => {
    const key = (await call('POST', '/api/auth/login/', null, { username: who.username, password: PASSWORD })).token;
    const seedCtx = await browser.newContext({ baseURL: origin, permissions: ['camera', 'microphone'] });
    const seed = await seedCtx.newPage();
    await seed.goto(`${origin}/manifest.webmanifest`); // any page of natter's origin: the peer runs in evaluate
    const seedJoin = () => seed.evaluate(async ({ url, me }) => {
      const stream = window.__seedStream || await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      window.__seedStream = stream;
      const ws = new WebSocket(url);
      const pcs = new Map();
      window.__seed = { ws, pcs, frames: [] };
      const send = (type, data) => ws.send(JSON.stringify({ type, data }));
      const pcFor = (uid) => {
        if (pcs.has(uid)) return pcs.get(uid);
        const pc = new RTCPeerConnection({ iceServers: [] });
        for (const t of stream.getTracks()) pc.addTrack(t, stream);
        pc.onicecandidate = (e) => { if (e.candidate) send('ice_candidate', { target_user_id: uid, candidate: e.candidate.toJSON() }); };
        pcs.set(uid, pc);
        return pc;
      };
      let joined = false;
      ws.onmessage = async (e) => {
        const f = JSON.parse(e.data);
        const d = f.data || {};
        window.__seed.frames.push(f.type);
        if (f.type === 'call_state' && !joined && (d.participants || []).some((p) => p.user_id === me)) {
          joined = true; // the joiner offers to everyone already there
          for (const p of d.participants) {
            if (p.user_id === me) continue;
            const pc = pcFor(p.user_id);
            await pc.setLocalDescription(await pc.createOffer());
            send('offer', { target_user_id: p.user_id, sdp: pc.localDescription.sdp });
          }
        } else if (f.type === 'offer') {
          const pc = pcFor(d.from_user_id);
          await pc.setRemoteDescription({ type: 'offer', sdp: d.sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          send('answer', { target_user_id: d.from_user_id, sdp: pc.localDescription.sdp });
        } else if (f.type === 'answer' && pcs.has(d.from_user_id)) {
          await pcs.get(d.from_user_id).setRemoteDescription({ type: 'answer', sdp: d.sdp });
        } else if (f.type === 'ice_candidate' && pcs.has(d.from_user_id)) {
          await pcs.get(d.from_user_id).addIceCandidate(d.candidate).catch(() => {});
        } else if (f.type === 'user_left' && pcs.has(d.user_id)) {
          pcs.get(d.user_id).close();
          pcs.delete(d.user_id);
        }
      };
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('the rooms call socket did not open')); });
      send('join_call', {});
    }, { url: `${origin.replace(/^http/, 'ws')}/ws/call/${room}/?token=${key}`, me: who.id });
    const seedMedia = () => seed.evaluate(async () => {
      const out = [];
      for (const [userId, pc] of window.__seed.pcs) {
        const row = { userId, frames: 0, videoBytes: 0, audioPackets: 0, audioBytes: 0 };
        (await pc.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') { row.frames += r.framesDecoded || 0; row.videoBytes += r.bytesReceived || 0; }
          if (r.type === 'inbound-rtp' && r.kind === 'audio') { row.audioPackets += r.packetsReceived || 0; row.audioBytes += r.bytesReceived || 0; }
        });
        out.push(row);
      }
      return out;
    });
    /** Waits until the seed client receives video and audio from exactly `from`. */
    const receivesFrom = (from) => until(`the seed-003 client to receive video and audio from ${from.map((x) => x.username).join(', ')}`, async () => {
      const rows = await seedMedia();
      const ids = rows.map((r) => String(r.userId)).sort();
      const want = from.map((x) => String(x.id)).sort();
      if (JSON.stringify(ids) !== JSON.stringify(want) || !rows.every(flowing)) throw new Error(JSON.stringify(rows));
      return true;
    });
    return { join: seedJoin, media: seedMedia, receivesFrom, close: () => seed.evaluate(() => window.__seed.ws.close()) };
  };


  if (mode === 'sfu') {
    // A room (made before the pages open, so that each page's list holds it when its call
    // rings), so that dan can also join its call with seed 003's client on /ws/call/.
    const team = (await call('POST', '/api/rooms/', ann.token, { name: `standup-${run}`, description: 'standup' })).id;
    for (const who of [bob, cy, dan]) await call('POST', `/api/rooms/${team}/join/`, who.token);
    const a = await device(ann, { droppable: true });
    const b = await device(bob);
    const c = await device(cy);
    // What the page's connection to the SFU sends: its senders' tracks, and its selected pair.
    const sending = (p) => p.page.evaluate(async () => {
      const pc = window.__natterCall.sfu();
      if (!pc) return null;
      const out = { audio: 0, video: 0, videoBytes: 0, local: null,
        tracks: pc.getSenders().map((s) => s.track && `${s.track.kind}:${s.track.enabled}`).sort().join(','),
        videoLabel: pc.getSenders().map((s) => (s.track && s.track.kind === 'video' ? s.track.label : '')).join('') };
      const stats = await pc.getStats();
      stats.forEach((r) => {
        if (r.type === 'outbound-rtp') {
          out[r.kind] += 1;
          if (r.kind === 'video') out.videoBytes += r.bytesSent || 0;
        }
        if (r.type === 'transport' && r.selectedCandidatePairId) {
          const pair = stats.get(r.selectedCandidatePairId);
          if (pair) out.local = (stats.get(pair.localCandidateId) || {}).candidateType || null;
        }
      });
      return out;
    });
    await step('the server says its calls go through an SFU (sfu: true)', async () => {
      const ice = await call('GET', '/api/calls/ice-servers/', ann.token);
      if (ice.sfu !== true) throw new Error(JSON.stringify(ice));
    });
    await step('ann starts a call in a room, bob and cy answer: everyone receives everyone through the SFU', async () => {
      await openChat(a, team);
      await tid(a, 'call-start').click();
      await tid(a, 'call-view').waitFor({ timeout: T });
      await tid(b, 'call-answer').click({ timeout: T });
      await tid(c, 'call-answer').click({ timeout: T });
      await receivesFrom(a, [bob, cy]);
      await receivesFrom(b, [ann, cy]);
      await receivesFrom(c, [ann, bob]);
      const state = await call('GET', `/api/rooms/${team}/call-state/`, ann.token);
      if (!state.participants.every((p) => p.sfu === true)) throw new Error(`not all through the SFU: ${JSON.stringify(state)}`);
    });
    await step('each sends one audio and one video stream, on one connection to the SFU', async () => {
      for (const p of [a, b, c]) {
        const out = await until(`${p.who.username} to send to the SFU`, async () => {
          const sent = await sending(p);
          if (!sent || sent.audio !== 1 || sent.video !== 1 || sent.videoBytes === 0) throw new Error(JSON.stringify(sent));
          return sent;
        });
        // The connections that receive send nothing of this side's media.
        const receiving = await p.page.evaluate(async () => {
          let out = 0;
          for (const { pc } of window.__natterCall.peers()) {
            (await pc.getStats()).forEach((r) => { if (r.type === 'outbound-rtp' && (r.bytesSent || 0) > 0) out += 1; });
          }
          return out;
        });
        if (receiving !== 0) throw new Error(`${p.who.username} sends on ${receiving} receiving streams (${JSON.stringify(out)})`);
      }
    });
    await step('ann turns her microphone and camera off and on: her one sender\'s tracks follow, and bob\'s tile of her says so', async () => {
      const mic = tid(a, 'call-mic');
      const cam = tid(a, 'call-camera');
      const tile = (state) => b.page.locator(`[data-testid="call-tile-${ann.username}"][data-microphone="${state}"][data-camera="${state}"]`);
      await mic.click();
      await cam.click();
      if ((await sending(a)).tracks !== 'audio:false,video:false') throw new Error(`senders ${(await sending(a)).tracks}`);
      await tile('off').waitFor({ timeout: T });
      await mic.click();
      await cam.click();
      if ((await sending(a)).tracks !== 'audio:true,video:true') throw new Error(`senders ${(await sending(a)).tracks}`);
      await tile('on').waitFor({ timeout: T });
      const before = await media(b);
      await stillFrom(b, ann, before);
    });
    await step('sharing the screen puts it on the sender to the SFU (or says it cannot)', async () => {
      const screen = tid(a, 'call-screen');
      if (await screen.isHidden()) return console.log('       (no getDisplayMedia in this browser: the button is hidden)');
      const camera = (await sending(a)).videoLabel;
      await screen.click();
      await until('the screen shared or a note why not', async () => (await screen.getAttribute('aria-pressed')) === 'true'
        || (await tid(a, 'call-note').count()) > 0, T);
      if ((await screen.getAttribute('aria-pressed')) === 'true') {
        await until('the sender to the SFU to carry the screen', async () => (await sending(a)).videoLabel !== camera, T);
        const before = await media(b);
        await stillFrom(b, ann, before);
        await screen.click();
        await until('the camera back on the sender', async () => (await sending(a)).videoLabel === camera, T);
        console.log('       (screen shared through the SFU and stopped)');
      } else {
        console.log(`       (not shared here: ${await tid(a, 'call-note').last().textContent()})`);
      }
    });
    await step('ann\'s connection to the server drops mid-call: her tab joins the SFU again by itself and media flows anew', async () => {
      await a.dropSocket();
      await a.page.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor({ timeout: T });
      await a.page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
      await tid(a, 'call-view').waitFor({ timeout: T });
      await receivesFrom(a, [bob, cy]);
      await receivesFrom(b, [ann, cy]);
      await receivesFrom(c, [ann, bob]);
      const state = await tid(a, 'call-view').getAttribute('data-state');
      if (state !== 'in-call') throw new Error(`ann's call view is ${state}: ${await tid(a, 'call-status').textContent()}`);
    });
    const seedDan = await seedClient(team, dan);
    await step('dan joins with seed 003\'s client (the mesh only): everyone hears and sees everyone', async () => {
      await seedDan.join();
      await receivesFrom(a, [bob, cy, dan]);
      await receivesFrom(b, [ann, cy, dan]);
      await receivesFrom(c, [ann, bob, dan]);
      await seedDan.receivesFrom([ann, bob, cy]);
      const state = await call('GET', `/api/rooms/${team}/call-state/`, ann.token);
      const dans = state.participants.find((p) => String(p.user_id) === String(dan.id));
      if (!dans || dans.sfu !== false) throw new Error(`dan should be on the mesh: ${JSON.stringify(state)}`);
    });
    await step('dan and cy leave: ann and bob go on, each receiving only the other', async () => {
      await seedDan.close();
      await tid(c, 'call-leave').click();
      await callOver(c);
      await receivesFrom(a, [bob]);
      await receivesFrom(b, [ann]);
    });
    await step('ann and bob leave; the call is over', async () => {
      await allLeave(a, b);
    });
    await step('forced through the TURN relay, ann and bob call through the SFU: media flows, on relay candidates', async () => {
      const ra = await device(ann, { relay: true });
      const rb = await device(bob, { relay: true });
      await openChat(ra, team);
      await tid(ra, 'call-start').click();
      await tid(rb, 'call-answer').click({ timeout: T });
      try {
        await receivesFrom(ra, [bob]);
        await receivesFrom(rb, [ann]);
      } catch (err) {
        // What the connection to the SFU tried: its state and the SFU's candidates.
        const tried = await ra.page.evaluate(() => {
          const pc = window.__natterCall.sfu();
          return pc ? { ice: pc.iceConnectionState, sfu: (pc.remoteDescription ? pc.remoteDescription.sdp : '').split('\r\n').filter((l) => l.startsWith('a=candidate')) } : null;
        });
        throw new Error(`${err.message}; ann's connection to the SFU: ${JSON.stringify(tried)}`);
      }
      for (const p of [ra, rb]) {
        const rows = await media(p);
        const sent = await sending(p);
        if (!rows.every((r) => r.local === 'relay') || sent.local !== 'relay') {
          throw new Error(`${p.who.username}: receiving ${JSON.stringify(rows)}, sending ${JSON.stringify(sent)}`);
        }
      }
      await allLeave(ra, rb);
    });
    exitCode = failures.length ? 1 : 0;
  } else if (mode === 'sfu-nodes') {
    const other = new URL(otherBase).origin;
    const team = (await call('POST', '/messages/api/chats/', ann.token,
      { chat_type: 'group', title: `two nodes ${run}`, member_ids: [bob.id, cy.id] })).id;
    const a = await device(ann);
    const b = await device(bob, { at: other });
    const c = await device(cy, { at: other });
    await step('ann on one node starts a call, bob and cy on the other answer: everyone receives everyone through the SFU', async () => {
      await openChat(a, team);
      await tid(a, 'call-start').click();
      await tid(a, 'call-view').waitFor({ timeout: T });
      await tid(b, 'call-answer').click({ timeout: T });
      await tid(c, 'call-answer').click({ timeout: T });
      await receivesFrom(a, [bob, cy]);
      await receivesFrom(b, [ann, cy]);
      await receivesFrom(c, [ann, bob]);
      const sent = await a.page.evaluate(() => Boolean(window.__natterCall.sfu()));
      if (!sent) throw new Error('ann sends on no connection to the SFU');
    });
    await step('bob leaves on his node: ann and cy go on, each receiving only the other', async () => {
      await tid(b, 'call-leave').click();
      await callOver(b);
      await receivesFrom(a, [cy]);
      await receivesFrom(c, [ann]);
    });
    await step('ann and cy leave; the call is over', async () => {
      await allLeave(a, c);
    });
    exitCode = failures.length ? 1 : 0;
  } else if (mode === 'relay') {
    const a = await device(ann, { relay: true });
    const b = await device(bob, { relay: true });
    await step('the server hands out TURN credentials (turn: true)', async () => {
      const ice = await call('GET', '/api/calls/ice-servers/', ann.token);
      if (!ice.turn || !ice.ice_servers.some((s) => [].concat(s.urls).some((u) => u.startsWith('turn:')) && s.username && s.credential)) {
        throw new Error(JSON.stringify(ice));
      }
    });
    await step('ann calls bob with both forced through the relay; media flows both ways', async () => {
      await openChat(a, dm);
      await tid(a, 'call-start').click();
      await tid(b, 'call-answer').click({ timeout: T });
      await receivesFrom(a, [bob]);
      await receivesFrom(b, [ann]);
    });
    await step('both ends\' selected candidate pairs are relay candidates', async () => {
      for (const p of [a, b]) {
        const rows = await media(p);
        if (!rows.length || !rows.every((r) => r.local === 'relay' && r.remote === 'relay')) {
          throw new Error(`${p.who.username}: ${JSON.stringify(rows)}`);
        }
      }
    });
    await step('both leave; the call is over', async () => {
      await allLeave(a, b);
    });
    exitCode = failures.length ? 1 : 0;
  } else {
    const a = await device(ann, { droppable: true });
    const b = await device(bob, { phone: true });
    const c = await device(cy);

    await step('ann calls bob from their chat\'s header; bob (on a phone) is rung with sound, and answers', async () => {
      await openChat(a, dm);
      await tid(a, 'call-start').click();
      await tid(a, 'call-view').waitFor({ timeout: T });
      const ring = tid(b, 'call-ringing');
      await ring.waitFor({ timeout: T });
      const words = await ring.textContent();
      if (!words.includes(ann.username)) throw new Error(`ring says ${words}`);
      if ((await ring.getAttribute('data-sound')) !== 'on') throw new Error(`ring sound ${await ring.getAttribute('data-sound')}`);
      await assertContrast(b.page, 'the incoming call notice');
      await tid(b, 'call-answer').click();
      await ring.waitFor({ state: 'detached', timeout: T });
    });

    await step('video and audio arrive on both ends (getStats: frames decoded, audio packets)', async () => {
      await receivesFrom(a, [bob]);
      await receivesFrom(b, [ann]);
    });

    await step('each side shows a tile per person with their name; the phone\'s call view fills the screen, controls in reach', async () => {
      for (const p of [a, b]) {
        for (const who of [ann, bob]) await p.page.locator(`[data-testid="call-tile-${who.username}"][data-video="true"]`).waitFor({ timeout: T });
      }
      const box = await tid(b, 'call-view').boundingBox();
      if (!box || box.x !== 0 || box.y !== 0 || box.width !== 390 || box.height !== 844) throw new Error(`call view ${JSON.stringify(box)}`);
      for (const id of ['call-mic', 'call-camera', 'call-leave']) {
        const r = await tid(b, id).boundingBox();
        if (!r || r.y + r.height > 844 || r.x < 0 || r.x + r.width > 390 || r.height < 40) throw new Error(`${id} at ${JSON.stringify(r)}`);
      }
      await b.page.screenshot({ path: `${shots}/call-phone.png` });
      await a.page.screenshot({ path: `${shots}/call-desktop.png` });
      await assertContrast(b.page, 'the call view on a phone');
    });

    await step('minimised, the call goes on behind the chat: "Return to call" brings it back', async () => {
      await tid(b, 'call-minimise').click();
      await tid(b, 'call-view').waitFor({ state: 'hidden', timeout: T });
      await openChat(b, dm);
      await tid(b, 'call-bar').filter({ hasText: 'You are in a call' }).waitFor({ timeout: T });
      await tid(b, 'call-return').click();
      await tid(b, 'call-view').waitFor({ timeout: T });
      await tid(b, 'call-bar').waitFor({ state: 'hidden', timeout: T });
      await receivesFrom(b, [ann]);
    });

    await step('ann\'s connection to the server drops mid-call: her tab joins again by itself and media flows anew', async () => {
      const before = (await media(a))[0].frames;
      await a.dropSocket();
      await a.page.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor({ timeout: T });
      await a.page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
      // A new connection: counted from zero again, and growing past what the old one had.
      await until('ann\'s new connection to bob to carry media', async () => {
        const rows = await media(a);
        if (rows.length !== 1 || !flowing(rows[0])) throw new Error(JSON.stringify(rows));
        return true;
      });
      await receivesFrom(b, [ann]);
      console.log(`       (old connection had decoded ${before} frames)`);
    });

    await step('the speaking lights follow the sound: bob\'s tile on ann\'s screen, ann\'s own (the fake microphone beeps)', async () => {
      await a.page.locator(`[data-testid="call-tile-${bob.username}"][data-speaking="true"]`).waitFor({ timeout: T });
      await a.page.locator(`[data-testid="call-tile-${ann.username}"][data-speaking="true"]`).waitFor({ timeout: T });
    });

    await step('microphone and camera turn off and on again (aria-pressed, the track disabled)', async () => {
      const mic = tid(a, 'call-mic');
      const cam = tid(a, 'call-camera');
      await mic.click();
      await cam.click();
      if ((await mic.getAttribute('aria-pressed')) !== 'false' || (await cam.getAttribute('aria-pressed')) !== 'false') throw new Error('not pressed off');
      const enabled = () => a.page.evaluate(() => window.__natterCall.peers()[0].pc.getSenders().map((s) => s.track && `${s.track.kind}:${s.track.enabled}`).sort().join(','));
      if (await enabled() !== 'audio:false,video:false') throw new Error(`senders ${await enabled()}`);
      await mic.click();
      await cam.click();
      if (await enabled() !== 'audio:true,video:true') throw new Error(`senders ${await enabled()}`);
    });

    await step('sharing the screen puts it on the video sender (or says it cannot)', async () => {
      const screen = tid(a, 'call-screen');
      if (await screen.isHidden()) return console.log('       (no getDisplayMedia in this browser: the button is hidden)');
      const label = () => a.page.evaluate(() => window.__natterCall.peers()[0].pc.getSenders().map((s) => s.track && s.track.kind === 'video' ? s.track.label : '').join(''));
      const camera = await label();
      await screen.click();
      await until('the screen shared or a note why not', async () => (await screen.getAttribute('aria-pressed')) === 'true'
        || (await tid(a, 'call-note').count()) > 0, T);
      if ((await screen.getAttribute('aria-pressed')) === 'true') {
        await until('the video sender to carry the screen', async () => (await label()) !== camera, T);
        await screen.click();
        await until('the camera back on the video sender', async () => (await label()) === camera, T);
        console.log('       (screen shared and stopped)');
      } else {
        console.log(`       (not shared here: ${await tid(a, 'call-note').last().textContent()})`);
      }
    });

    await step('ann leaves, bob goes on alone; bob leaves; the chat shows the call\'s line (who called, how long, with whom)', async () => {
      await tid(a, 'call-leave').click();
      await callOver(a);
      await until('bob to have no connection', async () => (await media(b)).length === 0, T);
      await tid(b, 'call-status').filter({ hasText: 'Waiting for others' }).waitFor({ timeout: T });
      await tid(b, 'call-leave').click();
      await callOver(b);
      const line = a.page.locator('[data-testid="call-record"][data-kind="done"]');
      await line.waitFor({ timeout: T });
      const text = await line.textContent();
      if (!text.includes('You called') || !text.includes(bob.username)) throw new Error(`line: ${text}`);
      const calls = await call('GET', `/api/calls/?chat_id=${dm}`, bob.token);
      if (!calls.results.length || calls.results[0].active) throw new Error(JSON.stringify(calls));
    });

    await step('bob declines ann\'s next call: ann sees it; the timeline says "Missed call" to bob', async () => {
      await tid(a, 'call-start').click();
      await tid(b, 'call-decline').click({ timeout: T });
      await tid(b, 'call-ringing').waitFor({ state: 'detached', timeout: T });
      // A one-to-one call declined is over for the caller, saying who declined.
      await tid(a, 'call-status').filter({ hasText: `${bob.username} declined` }).waitFor({ timeout: T });
      await tid(a, 'call-leave').click();
      await callOver(a);
      await openChat(b, dm);
      await b.page.locator('[data-testid="call-record"][data-kind="missed"]').filter({ hasText: `Missed call from ${ann.username}` }).waitFor({ timeout: T });
    });

    const group = (await call('POST', '/messages/api/chats/', ann.token, { chat_type: 'group', title: `Calls ${run}`, member_ids: [bob.id, cy.id, dan.id] })).id;
    // dan's page, for the fourth person, opens before the call: three pages sending and
    // decoding video left a page opened during it 10 to 20 s from its first byte to its
    // socket on two cores, which is the browser's own load, not what the step checks.
    let d = null;
    await step('three people in a group call: each receives from the other two', async () => {
      // Their pages load again to list the new group; a call rings only sockets that are
      // open, so the call starts once all are.
      const [, , dans] = await Promise.all([
        ...[b, c].map(async (p) => {
          await p.page.reload();
          await p.page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
        }),
        device(dan),
      ]);
      d = dans;
      await openChat(a, group);
      await tid(a, 'call-start').click();
      await tid(b, 'call-answer').click({ timeout: T });
      // dan lets the ring go; he tries to join once three are in.
      await rung(d);
      await tid(d, 'call-decline').click();
      // cy joins from the chat's bar instead of the ring.
      await rung(c);
      await tid(c, 'call-decline').click();
      await openChat(c, group);
      await tid(c, 'call-join').click({ timeout: T });
      await receivesFrom(a, [bob, cy]);
      await receivesFrom(b, [ann, cy]);
      await receivesFrom(c, [ann, bob]);
    });

    await step('a fourth person is turned away politely (the server allows 3)', async () => {
      if (!d) throw new Error("dan's page did not open");
      await openChat(d, group);
      await tid(d, 'call-join').click({ timeout: T });
      await tid(d, 'call-view').filter({ hasText: 'This call is full' }).waitFor({ timeout: T });
      await d.page.screenshot({ path: `${shots}/call-full.png` });
      await tid(d, 'call-leave').click();
      await callOver(d);
      await d.context.close();
    });

    await step('cy leaves; ann and bob go on (what each receives from the other keeps growing)', async () => {
      const beforeA = await media(a);
      const beforeB = await media(b);
      await tid(c, 'call-leave').click();
      await callOver(c);
      await until('ann and bob to drop cy', async () => (await media(a)).length === 1 && (await media(b)).length === 1, T);
      await stillFrom(a, bob, beforeA);
      await stillFrom(b, ann, beforeB);
      await tid(a, `call-tile-${cy.username}`).waitFor({ state: 'detached', timeout: T });
      await allLeave(a, b);
    });

    await step('a chat set to "Nothing" still shows the call, but rings silently', async () => {
      await call('PUT', `/api/notifications/${group}/`, cy.token, { level: 'off' });
      await c.page.reload();
      await c.page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: T });
      await tid(a, 'call-start').click();
      const ring = tid(c, 'call-ringing');
      await ring.waitFor({ timeout: T });
      if ((await ring.getAttribute('data-sound')) !== 'off') throw new Error(`sound ${await ring.getAttribute('data-sound')}`);
      await tid(b, 'call-decline').click({ timeout: T });
      await tid(c, 'call-decline').click();
      await tid(a, 'call-leave').click();
      await callOver(a);
    });

    await step('a page opened during a call that bob answered still rings, lists it and offers "Join call"', async () => {
      await tid(a, 'call-start').click();
      await tid(a, 'call-view').waitFor({ timeout: T });
      await tid(b, 'call-answer').click({ timeout: T });
      await until('bob to be in the call', async () => (await media(a)).length === 1, T);
      const fresh = await device(cy);
      await rung(fresh);
      await tid(fresh, 'call-decline').click();
      await openChat(fresh, group);
      await tid(fresh, 'call-bar').filter({ hasText: ann.username }).waitFor({ timeout: T });
      await tid(fresh, 'call-join').waitFor({ timeout: T });
      await fresh.context.close();
      await allLeave(a, b);
    });

    // dan speaks seed 003's rooms socket with a minimal WebRTC peer of his own.
    const room = (await call('POST', '/api/rooms/', ann.token, { name: `calls-${run}`, description: 'calls' })).id;
    await call('POST', `/api/rooms/${room}/join/`, dan.token);
    const seedDan = await seedClient(room, dan);
    const seedMedia = seedDan.media;
    const seedReceivesFromAnn = () => seedDan.receivesFrom([ann]);

    await step('natter\'s client calls in a room; a seed-003 client joins on /ws/call/ and offers; media flows both ways', async () => {
      await openChat(a, room);
      await tid(a, 'call-start').click();
      await tid(a, 'call-status').filter({ hasText: 'Waiting for others' }).waitFor({ timeout: T });
      await seedDan.join();
      await receivesFrom(a, [dan]);
      await seedReceivesFromAnn();
      await tid(a, `call-tile-${dan.username}`).waitFor({ timeout: T });
    });

    await step('the other way round: natter\'s client joins the seed-003 client\'s call and offers; media flows both ways', async () => {
      await tid(a, 'call-leave').click();
      await callOver(a);
      await until('the seed client to drop ann', async () => (await seedMedia()).length === 0, T);
      await tid(a, 'call-join').click({ timeout: T });
      await receivesFrom(a, [dan]);
      await seedReceivesFromAnn();
      await tid(a, 'call-leave').click();
      await callOver(a);
      await seedDan.close();
    });

    await step('forced through a relay this server does not have, the call says it could not connect and why', async () => {
      for (const p of [a, b]) await p.page.evaluate(() => localStorage.setItem('natter.iceTransportPolicy', 'relay'));
      await openChat(a, dm);
      await tid(a, 'call-start').click();
      await tid(b, 'call-answer').click({ timeout: T });
      await tid(a, 'call-problem').filter({ hasText: 'no TURN relay configured' }).waitFor({ timeout: 45_000 });
      // Nothing came from bob: his tile shows his initials, not an empty video.
      await a.page.locator(`[data-testid="call-tile-${bob.username}"][data-video="false"][data-connection="failed"]`).waitFor({ timeout: T });
      await a.page.screenshot({ path: `${shots}/call-no-relay.png` });
      await tid(a, 'call-leave').click();
      await tid(b, 'call-leave').click();
    });
    exitCode = failures.length ? 1 : 0;
  }
} catch (err) {
  console.log(`FAIL - ${err.message}`);
} finally {
  await browser.close();
}
process.exit(exitCode);
