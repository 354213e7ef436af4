#!/usr/bin/env python3
"""What an attack round found, checked on Synapse, the reference homeserver, and on natter.

tests/api/matrix_clients.rs (`attacks_synapse_holds_natter_holds_too`) runs it against
the real binary, with the python of Synapse's virtualenv (it signs keys with Synapse's
own signedjson and PyNaCl):

    attacks_beside_synapse.py NATTER_URL PASSWORD SYNAPSE_PYTHON

natter's `alice` and `bob` exist with PASSWORD. The script starts Synapse as
beside_synapse.py does (its helpers are imported from there), signs the same two people
up, and takes the same steps on each server, Synapse first:

- C: 150 messages from alice's device to bob's come as at most 100 in one sync and the
  rest in the next (Synapse carries 100 to a device at a time).
- A: 200 made-up signatures on alice's device key are answered as failures by
  /keys/signatures/upload (M_INVALID_SIGNATURE) and are not in /keys/query's answer; a
  real signature by her self-signing key is kept and handed out.
- D: a private read receipt (m.read.private) is told to its sender's own sync and to no
  one else's: bob's sync has no receipt of alice's on his message, neither m.read nor
  m.read.private, while alice's carries her m.read.private on it.

Prints each check with what each server did. A check Synapse holds and natter does not
is natter's defect: the script then exits 1. A check Synapse itself does not hold is
printed and not compared.
"""

import base64
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from beside_synapse import Server, sign_up, start_synapse  # noqa: E402

from signedjson.key import decode_signing_key_base64, encode_verify_key_base64, get_verify_key  # noqa: E402
from signedjson.sign import sign_json  # noqa: E402

V3 = "/_matrix/client/v3"
# How long a sync that waits for something may wait: a receipt is told at once on both.
POLL_MS = 10000
TO_DEVICE = 150
MADE_UP = 200


class Key:
    """An ed25519 key an app would make, from a fixed seed so that a failure replays."""

    def __init__(self, seed):
        self.seed = base64.b64encode(bytes([seed]) * 32).decode().rstrip("=")
        self.public = encode_verify_key_base64(get_verify_key(self.signing("")))

    def signing(self, name):
        """The key as signedjson signs with it, as `ed25519:<name>`."""
        return decode_signing_key_base64("ed25519", name, self.seed)

    def sign(self, obj, user_id, name=None):
        """Signs `obj` as `user_id`'s `ed25519:<name>` (the public key when no name is
        given, as cross-signing keys are named)."""
        return sign_json(obj, user_id, self.signing(self.public if name is None else name))


def cross_signing_key(user_id, usage, key):
    return {"user_id": user_id, "usage": [usage], "keys": {"ed25519:" + key.public: key.public}}


def device_keys(user_id, device_id, key):
    keys = {"user_id": user_id, "device_id": device_id,
            "algorithms": ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
            "keys": {"curve25519:" + device_id: "curve", "ed25519:" + device_id: key.public}}
    return key.sign(keys, user_id, device_id)


def login(s, who, password, device):
    status, body = s.call("POST", V3 + "/login", body={
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": who},
        "password": password, "device_id": device})
    assert status == 200, f"{s.name}: login {who}: {status} {body}"
    return body["access_token"], body["user_id"]


def sync(s, token, since=None, timeout=0):
    path = f"{V3}/sync?timeout={timeout}"
    if since:
        path += "&since=" + urllib.parse.quote(since)
    status, body = s.call("GET", path, token)
    assert status == 200, f"{s.name}: sync: {status} {body}"
    return body


def carried(body):
    return [e.get("content", {}).get("i") for e in body.get("to_device", {}).get("events", [])]


def receipts_of(body, room, event, user_id):
    """The receipt types `user_id` has on `event` in `room`'s ephemeral events."""
    found = set()
    room_body = body.get("rooms", {}).get("join", {}).get(room, {})
    for e in room_body.get("ephemeral", {}).get("events", []):
        if e.get("type") != "m.receipt":
            continue
        for kind, readers in e.get("content", {}).get(event, {}).items():
            if user_id in readers:
                found.add(kind)
    return found


def checks(s, password):
    """The steps on one server: yields (check, held, what was seen)."""
    alice, alice_id = login(s, "alice", password, "ALICEDEV")
    bob, bob_id = login(s, "bob", password, "BOBDEV")
    q = urllib.parse.quote
    status, made = s.call("POST", V3 + "/createRoom", alice,
                          {"preset": "private_chat", "name": "attacks", "invite": [bob_id]})
    assert status == 200, f"{s.name}: createRoom: {status} {made}"
    room = made["room_id"]
    status, joined = s.call("POST", f"{V3}/join/{q(room)}", bob, {})
    assert status == 200, f"{s.name}: join: {status} {joined}"

    # C: 150 messages to bob's device, at most 100 in one sync, the rest in the next.
    since = sync(s, bob)["next_batch"]
    for i in range(TO_DEVICE):
        status, body = s.call("PUT", f"{V3}/sendToDevice/m.test/c{i}", alice,
                              {"messages": {bob_id: {"BOBDEV": {"i": i}}}})
        assert status == 200, f"{s.name}: sendToDevice: {status} {body}"
    first_body = sync(s, bob, since)
    first = carried(first_body)
    second = carried(sync(s, bob, first_body["next_batch"]))
    yield ("C: one sync carries at most 100 messages to a device",
           0 < len(first) <= 100, f"{len(first)} carried")
    yield ("C: the next sync carries the rest, none skipped, in order",
           first + second == list(range(TO_DEVICE)), f"{len(second)} more")

    # A: made-up signatures on a device key are failures and are not handed out.
    user_key, master, ssk, usk = Key(1), Key(11), Key(12), Key(13)
    status, body = s.call("POST", V3 + "/keys/upload", alice,
                          {"device_keys": device_keys(alice_id, "ALICEDEV", user_key)})
    assert status == 200, f"{s.name}: keys/upload: {status} {body}"
    upload = {"master_key": cross_signing_key(alice_id, "master", master),
              "self_signing_key": master.sign(cross_signing_key(alice_id, "self_signing", ssk), alice_id),
              "user_signing_key": master.sign(cross_signing_key(alice_id, "user_signing", usk), alice_id)}
    status, body = s.call("POST", V3 + "/keys/device_signing/upload", alice, upload)
    if status == 401:
        # Older Synapses ask for the password even for the first keys.
        upload["auth"] = {"type": "m.login.password", "session": body.get("session"),
                          "identifier": {"type": "m.id.user", "user": alice_id}, "password": password}
        status, body = s.call("POST", V3 + "/keys/device_signing/upload", alice, upload)
    assert status == 200, f"{s.name}: device_signing/upload: {status} {body}"
    made_up = device_keys(alice_id, "ALICEDEV", user_key)
    for i in range(MADE_UP):
        made_up["signatures"][alice_id][f"ed25519:MADEUP{i}"] = "A" * 86
    status, body = s.call("POST", V3 + "/keys/signatures/upload", alice, {alice_id: {"ALICEDEV": made_up}})
    failure = body.get("failures", {}).get(alice_id, {}).get("ALICEDEV", {}) if status == 200 else {}
    yield ("A: made-up signatures are reported as failures (M_INVALID_SIGNATURE)",
           failure.get("errcode") == "M_INVALID_SIGNATURE", f"{status} {failure}")
    forged = device_keys(alice_id, "ALICEDEV", user_key)
    forged["signatures"][alice_id]["ed25519:" + ssk.public] = "A" * 86
    status, body = s.call("POST", V3 + "/keys/signatures/upload", alice, {alice_id: {"ALICEDEV": forged}})
    failure = body.get("failures", {}).get(alice_id, {}).get("ALICEDEV", {}) if status == 200 else {}
    yield ("A: a made-up signature under the self-signing key's id is a failure",
           failure.get("errcode") == "M_INVALID_SIGNATURE", f"{status} {failure}")
    status, answer = s.call("POST", V3 + "/keys/query", bob, {"device_keys": {alice_id: []}})
    text = repr(answer)
    mine = answer.get("device_keys", {}).get(alice_id, {}).get("ALICEDEV", {}) if status == 200 else {}
    signers = sorted(mine.get("signatures", {}).get(alice_id, {}))
    yield ("A: /keys/query hands out none of the made-up signatures",
           status == 200 and "MADEUP" not in text and ("A" * 86) not in text,
           f"{status}, {len(text)} bytes, alice's signers {signers}")
    real = ssk.sign(device_keys(alice_id, "ALICEDEV", user_key), alice_id)
    status, body = s.call("POST", V3 + "/keys/signatures/upload", alice, {alice_id: {"ALICEDEV": real}})
    yield ("A: a real self-signing signature is accepted",
           status == 200 and body.get("failures") == {}, f"{status} {body}")
    status, answer = s.call("POST", V3 + "/keys/query", bob, {"device_keys": {alice_id: []}})
    mine = answer.get("device_keys", {}).get(alice_id, {}).get("ALICEDEV", {}) if status == 200 else {}
    kept = mine.get("signatures", {}).get(alice_id, {}).get("ed25519:" + ssk.public)
    expected = real["signatures"][alice_id]["ed25519:" + ssk.public]
    yield ("A: the real self-signing signature is handed out",
           kept == expected, f"{sorted(mine.get('signatures', {}).get(alice_id, {}))}")

    # D: a private read receipt reaches its sender's own syncs, and no one else's.
    status, sent = s.call("PUT", f"{V3}/rooms/{q(room)}/send/m.room.message/d1", bob,
                          {"msgtype": "m.text", "body": "read me privately"})
    assert status == 200, f"{s.name}: send: {status} {sent}"
    event = sent["event_id"]
    alice_since = sync(s, alice)["next_batch"]
    bob_since = sync(s, bob)["next_batch"]
    status, body = s.call("POST", f"{V3}/rooms/{q(room)}/receipt/m.read.private/{q(event)}", alice, {})
    yield ("D: the private receipt is taken", status == 200, f"{status} {body}")
    seen = set()
    since = alice_since
    # A long poll returns at the first change: a few, each woken by the next change.
    for _ in range(3):
        body = sync(s, alice, since, POLL_MS)
        seen |= receipts_of(body, room, event, alice_id)
        since = body["next_batch"]
        if "m.read.private" in seen:
            break
    yield ("D: alice's own sync carries her m.read.private on the event",
           "m.read.private" in seen, f"alice sees {sorted(seen)}")
    told = receipts_of(sync(s, bob, bob_since), room, event, alice_id)
    yield ("D: bob's sync has no receipt of alice's on the event (incremental)",
           not told, f"bob sees {sorted(told)}")
    told = receipts_of(sync(s, bob), room, event, alice_id)
    yield ("D: bob's sync has no receipt of alice's on the event (first sync)",
           not told, f"bob sees {sorted(told)}")


def mark(held):
    return "holds" if held else "DOES NOT HOLD"


def main():
    natter_url, password, synapse_python = sys.argv[1], sys.argv[2], sys.argv[3]
    folder = tempfile.mkdtemp(prefix="attacks-beside-synapse-")
    process = None
    try:
        process, synapse_url = start_synapse(synapse_python, folder)
        synapse = Server("Synapse", synapse_url)
        for name in ("alice", "bob"):
            sign_up(synapse, name, password)
        natter = Server("natter", natter_url)
        theirs = list(checks(synapse, password))
        ours = list(checks(natter, password))
        differences = []
        for (name, s_held, s_seen), (_, n_held, n_seen) in zip(theirs, ours):
            print(f"{name}: Synapse {mark(s_held)} ({s_seen}); natter {mark(n_held)} ({n_seen})")
            if s_held and not n_held:
                differences.append(name)
            elif not s_held:
                print("  (Synapse does not hold it: not compared)")
        for d in differences:
            print("DIFFERENCE " + d)
        if differences:
            return 1
        print("ok")
        return 0
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
