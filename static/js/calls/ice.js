// Where a call's peer connections find each other: the server's STUN and TURN list
// (GET /api/calls/ice-servers/, fetched afresh for each call because TURN credentials
// expire), and whether a TURN relay exists, so a failed connection can say why.

import * as api from '../api.js';

// Set to 'relay' to force every connection through TURN (the tests do; so can anyone
// checking that their relay works).
const POLICY_KEY = 'natter.iceTransportPolicy';

function forcedPolicy() {
  try {
    return localStorage.getItem(POLICY_KEY) === 'relay' ? 'relay' : 'all';
  } catch {
    return 'all';
  }
}

/** {config: an RTCConfiguration, turn: whether the server has a relay, sfu: whether
 *  its calls' media goes through an SFU (sfu.js) rather than a mesh}. A server that
 *  cannot answer leaves the call with no ICE servers (host candidates still work on one
 *  network) rather than no call. */
export async function iceConfig() {
  let answer = null;
  try {
    answer = await api.iceServers();
  } catch {
    answer = null;
  }
  const servers = answer && Array.isArray(answer.ice_servers) ? answer.ice_servers : [];
  const iceServers = servers.filter((s) => s && (typeof s.urls === 'string' || Array.isArray(s.urls)))
    .map((s) => ({ urls: s.urls, ...(s.username ? { username: s.username } : {}), ...(s.credential ? { credential: s.credential } : {}) }));
  return {
    config: { iceServers, iceTransportPolicy: forcedPolicy() },
    turn: Boolean(answer && answer.turn),
    sfu: Boolean(answer && answer.sfu),
  };
}
