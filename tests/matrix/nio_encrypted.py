#!/usr/bin/env python3
"""matrix-nio, an unmodified Matrix client library, holds an end-to-end encrypted chat.

    nio_encrypted.py BASE_URL PASSWORD

`alice` and `bob` exist on the server with PASSWORD. Each signs in as a nio client with
encryption on (devices ALICE1 and BOB1, each with a fresh store) and uploads device keys
and one-time keys. Alice makes a private, direct, encrypted room with Bob; he joins.
Alice's sync and /keys/changes name Bob as someone whose devices changed. Alice queries
Bob's keys, claims one of his one-time keys, sends him the megolm room key in an olm
to-device message and then an encrypted text. Bob's sync brings the room key and the
event, which nio decrypts; a plain GET of the event shows the server kept it as
m.room.encrypted with a ciphertext that does not hold the text. Bob answers encrypted
and Alice decrypts it. Then Alice calls Bob as Element and nheko make a one-to-one call:
the TURN servers from /voip/turnServer, and m.call.invite, m.call.candidates,
m.call.answer and m.call.hangup, each encrypted in the room and decrypted by the other.

Proves the server stores and relays what E2EE clients need: keys/upload, keys/query,
keys/claim, keys/changes, sendToDevice, to_device and device_lists in /sync, and
m.room.encrypted events kept as sent. Prints `ok - STEP` per step and exits 0, or prints
`FAIL - STEP: REASON` and exits 1.
"""

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from nio import (
    AsyncClient,
    AsyncClientConfig,
    CallAnswerEvent,
    CallCandidatesEvent,
    CallHangupEvent,
    CallInviteEvent,
    JoinedMembersResponse,
    JoinResponse,
    KeysClaimResponse,
    KeysQueryResponse,
    KeysUploadResponse,
    LoginResponse,
    MegolmEvent,
    RoomCreateResponse,
    RoomKeyEvent,
    RoomMessageText,
    RoomSendResponse,
    RoomVisibility,
    ShareGroupSessionResponse,
    SyncResponse,
)

REQUEST_TIMEOUT = 30
STEP_DEADLINE = 30
SYNC_POLL_MS = 2000
MEGOLM = "m.megolm.v1.aes-sha2"


class StepFailed(Exception):
    pass


def expect(resp, cls, what):
    """`resp` if nio parsed it as `cls`; otherwise the step fails with what nio made."""
    if not isinstance(resp, cls):
        transport = getattr(resp, "transport_response", None)
        status = transport.status if transport is not None else None
        raise StepFailed(f"{what}: nio made {type(resp).__name__} (HTTP {status}): {resp}")
    return resp


def check(condition, reason):
    if not condition:
        raise StepFailed(reason)


def quote(segment):
    """A path segment; event and session ids may hold `/` and `+`."""
    return urllib.parse.quote(segment, safe="")


def http_get(base, path, token):
    """(status, JSON) of a plain GET, outside nio, to see what the server stored."""
    request = urllib.request.Request(base.rstrip("/") + path, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def new_client(base, user, device_id, store):
    config = AsyncClientConfig(
        encryption_enabled=True,
        store_sync_tokens=False,
        max_timeouts=0,
        max_limit_exceeded=0,
        request_timeout=REQUEST_TIMEOUT,
    )
    return AsyncClient(base, user, device_id=device_id, store_path=store, config=config)


async def sync_until(client, found, what):
    """Syncs `client` until `found(sync)` returns something true; returns that."""
    deadline = time.monotonic() + STEP_DEADLINE
    while time.monotonic() < deadline:
        sync = expect(await client.sync(timeout=SYNC_POLL_MS), SyncResponse, f"{what}: sync")
        result = found(sync)
        if result:
            return result
    raise StepFailed(f"{what}: nothing after {STEP_DEADLINE} s of syncing")


def timeline(sync, room_id):
    room = sync.rooms.join.get(room_id)
    return room.timeline.events if room else []


def decrypted_text(client, room_id, event_id, kind=RoomMessageText):
    """A finder: the event `event_id` of `room_id` as nio decrypted it (an event of nio's
    class `kind`), also when its key came in a later sync than the event itself."""
    held = {}

    def found(sync):
        for event in timeline(sync, room_id):
            if event.event_id == event_id:
                held["event"] = event
        event = held.get("event")
        if isinstance(event, MegolmEvent):
            event = client.decrypt_event(event)
        return event if isinstance(event, kind) else None

    return found


# A description as a browser makes it, short: the server only carries it.
OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"


async def call_event(sender, recipient, room_id, kind, content, nio_class):
    """`sender` sends the call event `kind` in the encrypted room as Element and nheko do
    (encrypted like every event of an encrypted room); `recipient` decrypts it as nio's
    `nio_class`. Returns what the recipient decrypted."""
    sent = expect(
        await sender.room_send(room_id, kind, content, ignore_unverified_devices=True),
        RoomSendResponse,
        f"send {kind}",
    )
    event = await sync_until(
        recipient, decrypted_text(recipient, room_id, sent.event_id, nio_class), f"{recipient.user_id}'s sync for {kind}"
    )
    check(event.call_id == content["call_id"], f"{kind}: call id {event.call_id!r}")
    return event


async def one_to_one_call(alice, bob, room_id, base):
    """The events of a one-to-one call (VoIP v1) between alice and bob, each reaching the
    other decrypted, after the TURN servers the caller asks for first."""
    status, turn = http_get(base, "/_matrix/client/v3/voip/turnServer", alice.access_token)
    check(status == 200 and isinstance(turn, dict), f"voip/turnServer answered {status}: {turn}")
    call = {"call_id": "standup-1", "version": "1"}
    invite = await call_event(
        alice, bob, room_id, "m.call.invite",
        {**call, "party_id": "ALICE1", "lifetime": 60000, "offer": {"type": "offer", "sdp": OFFER_SDP}},
        CallInviteEvent,
    )
    check(invite.offer.get("sdp") == OFFER_SDP, f"the offer arrived changed: {invite.offer}")
    candidate = {"candidate": "candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host", "sdpMid": "0", "sdpMLineIndex": 0}
    await call_event(
        alice, bob, room_id, "m.call.candidates", {**call, "party_id": "ALICE1", "candidates": [candidate]}, CallCandidatesEvent
    )
    answer = await call_event(
        bob, alice, room_id, "m.call.answer",
        {**call, "party_id": "BOB1", "answer": {"type": "answer", "sdp": OFFER_SDP}},
        CallAnswerEvent,
    )
    check(answer.answer.get("type") == "answer", f"the answer arrived changed: {answer.answer}")
    await call_event(bob, alice, room_id, "m.call.hangup", {**call, "party_id": "BOB1"}, CallHangupEvent)


async def sign_in(client, password):
    device_id = client.device_id
    login = expect(await client.login(password, device_name=f"nio {device_id}"), LoginResponse, "login")
    check(login.device_id == device_id, f"asked for device {device_id}, server gave {login.device_id}")
    check(client.olm is not None, "nio has no olm machine: is the e2e extra installed?")
    check(client.should_upload_keys, "nio does not want to upload keys of a new device")
    while client.should_upload_keys:
        expect(await client.keys_upload(), KeysUploadResponse, "keys/upload")
    first = expect(await client.sync(timeout=0), SyncResponse, "first sync")
    return first.next_batch


async def make_room(alice, bob):
    encryption = {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": MEGOLM}}
    made = expect(
        await alice.room_create(
            visibility=RoomVisibility.private,
            name="Secrets",
            is_direct=True,
            invite=[bob.user_id],
            initial_state=[encryption],
        ),
        RoomCreateResponse,
        "createRoom",
    )
    return made.room_id


async def bob_joins(alice, bob, room_id):
    """Bob joins; natter joins invitees at once, so a refused join is fine when he is in."""
    joined = await bob.join(room_id)
    if isinstance(joined, JoinResponse):
        return
    members = expect(await alice.joined_members(room_id), JoinedMembersResponse, "joined_members")
    check(
        any(m.user_id == bob.user_id for m in members.members),
        f"join failed ({joined}) and bob is not among the joined members",
    )


async def alice_sees_bob(alice, room_id, bob_id):
    """Syncs until bob is in the encrypted room and device_lists.changed named him."""
    changed = set()

    def found(sync):
        changed.update(sync.device_list.changed)
        room = alice.rooms.get(room_id)
        return room is not None and room.encrypted and bob_id in room.users and bob_id in changed

    await sync_until(alice, found, "alice's sync with bob in the encrypted room and device_lists.changed")


def keys_changes(base, client, since, bob_id):
    path = "/_matrix/client/v3/keys/changes?" + urllib.parse.urlencode({"from": since, "to": client.next_batch})
    status, body = http_get(base, path, client.access_token)
    check(status == 200, f"keys/changes answered {status}: {body}")
    check(bob_id in body.get("changed", []), f"keys/changes does not name {bob_id}: {body}")


async def send_encrypted(sender, recipient, room_id, body, first_contact):
    """Queries keys, claims one-time keys where no olm session exists yet (always on
    `first_contact`), shares the room key over to-device and sends; returns the event id."""
    if sender.should_query_keys:
        expect(await sender.keys_query(), KeysQueryResponse, "keys/query")
    devices = sender.device_store.active_user_devices(recipient.user_id)
    check(
        any(d.device_id == recipient.device_id for d in devices),
        f"keys/query gave no {recipient.device_id} for {recipient.user_id}",
    )
    missing = sender.get_missing_sessions(room_id)
    check(missing or not first_contact, f"nio wants no olm session with {recipient.device_id}")
    if missing:
        claimed = expect(await sender.keys_claim(missing), KeysClaimResponse, "keys/claim")
        check(recipient.user_id in claimed.one_time_keys, f"keys/claim gave no one-time key: {claimed.one_time_keys}")
    check(not sender.get_missing_sessions(room_id), "still no olm session with every device in the room")
    expect(
        await sender.share_group_session(room_id, ignore_unverified_devices=True),
        ShareGroupSessionResponse,
        "sendToDevice of the room key",
    )
    content = {"msgtype": "m.text", "body": body}
    sent = expect(
        await sender.room_send(room_id, "m.room.message", content, ignore_unverified_devices=True),
        RoomSendResponse,
        "send",
    )
    return sent.event_id


async def receive(recipient, room_id, event_id, sent_body):
    """Syncs until the room key came to-device and the event decrypts to `sent_body`."""
    keys = []

    def found(sync):
        keys.extend(e for e in sync.to_device_events if isinstance(e, RoomKeyEvent) and e.room_id == room_id)
        return keys and decrypted_text(recipient, room_id, event_id)(sync)

    event = await sync_until(recipient, found, f"{recipient.user_id}'s sync for the key and the message")
    check(event.body == sent_body, f"decrypted body {event.body!r}, sent {sent_body!r}")
    check(event.decrypted, "nio did not mark the event as decrypted")
    return keys


def stored_as_sent(base, token, room_id, event_id, sent_body, keys):
    path = f"/_matrix/client/v3/rooms/{quote(room_id)}/event/{quote(event_id)}"
    status, event = http_get(base, path, token)
    check(status == 200, f"GET event answered {status}: {event}")
    check(event.get("type") == "m.room.encrypted", f"stored type is {event.get('type')!r}")
    content = event.get("content", {})
    check(content.get("algorithm") == MEGOLM, f"stored algorithm {content.get('algorithm')!r}")
    ciphertext = content.get("ciphertext")
    check(isinstance(ciphertext, str) and ciphertext, f"no ciphertext in {content}")
    check(sent_body not in ciphertext, "the ciphertext holds the plain text")
    check(
        content.get("session_id") in {k.session_id for k in keys},
        f"session {content.get('session_id')} is not the one the to-device key carried",
    )


async def run(base, password, store):
    async def step(name, action):
        try:
            result = await asyncio.wait_for(action, STEP_DEADLINE + REQUEST_TIMEOUT)
        except Exception as e:
            if not isinstance(e, (StepFailed, asyncio.TimeoutError)):
                traceback.print_exc()
            print(f"FAIL - {name}: {type(e).__name__}: {e}", flush=True)
            raise StepFailed(name) from e
        print(f"ok - {name}", flush=True)
        return result

    alice = new_client(base, "alice", "ALICE1", f"{store}/alice")
    bob = new_client(base, "bob", "BOB1", f"{store}/bob")
    try:
        alice_token = await step(
            "alice signs in as ALICE1 and uploads device and one-time keys", sign_in(alice, password)
        )
        await step("bob signs in as BOB1 and uploads device and one-time keys", sign_in(bob, password))
        room_id = await step("alice creates an encrypted direct room inviting bob", make_room(alice, bob))
        await step("bob joins", bob_joins(alice, bob, room_id))
        await step("alice's sync has bob in the room and in device_lists.changed", alice_sees_bob(alice, room_id, bob.user_id))
        await step("keys/changes names bob", asyncio.to_thread(keys_changes, base, alice, alice_token, bob.user_id))

        hello = "the treasure is under the old oak"
        event_id = await step(
            "alice queries and claims bob's keys, shares the room key, sends encrypted",
            send_encrypted(alice, bob, room_id, hello, first_contact=True),
        )
        keys = await step("bob gets the room key to-device and decrypts the message", receive(bob, room_id, event_id, hello))
        await step(
            "the server stored the event as m.room.encrypted ciphertext",
            asyncio.to_thread(stored_as_sent, base, bob.access_token, room_id, event_id, hello, keys),
        )

        reply = "then we dig at midnight"
        reply_id = await step("bob replies encrypted", send_encrypted(bob, alice, room_id, reply, first_contact=False))
        await step("alice decrypts bob's reply", receive(alice, room_id, reply_id, reply))
        await step(
            "alice calls bob as Element and nheko do: turnServer, then invite, candidates, answer and hangup, each decrypted",
            one_to_one_call(alice, bob, room_id, base),
        )
    finally:
        await alice.close()
        await bob.close()


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: nio_encrypted.py BASE_URL PASSWORD")
    base, password = sys.argv[1], sys.argv[2]
    store = tempfile.mkdtemp(prefix="nio-e2ee-")
    for who in ("alice", "bob"):
        os.makedirs(f"{store}/{who}")
    try:
        asyncio.run(run(base, password, store))
    except StepFailed:
        sys.exit(1)
    except Exception as e:
        traceback.print_exc()
        print(f"FAIL - unexpected: {type(e).__name__}: {e}", flush=True)
        sys.exit(1)
    finally:
        shutil.rmtree(store, ignore_errors=True)


if __name__ == "__main__":
    main()
