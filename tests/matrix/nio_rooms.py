#!/usr/bin/env python3
"""matrix-nio, an unmodified third-party Matrix client library, talks in natter's rooms.

tests/api/matrix_clients.rs runs it against the real binary:

    nio_rooms.py HOMESERVER ALICE BOB PASSWORD

Two people sign in as nio clients. Alice makes a group with Bob (createRoom with an
invite), and Bob's next sync finds it joined with its name. Alice sends a message, Bob's
long-polling sync wakes with it. Bob replies, and Alice's incremental sync has the reply
with its relation. Bob reacts, and Alice pages back through /messages. Alice uploads a
file, sends it as m.file, and Bob downloads the same bytes. Every step checks the type of
nio's response object (a shape nio cannot parse becomes an error object and fails
here). Prints `ok` and exits 0, or fails on the first check that does not hold.
"""

import argparse
import asyncio
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    DownloadError,
    LoginResponse,
    RoomCreateResponse,
    RoomMessagesResponse,
    RoomMessageFile,
    RoomMessageText,
    RoomSendResponse,
    SyncResponse,
    UploadResponse,
)

REQUEST_TIMEOUT = 30
SCRIPT_TIMEOUT = 90


def new_client(homeserver, user):
    """A client that gives up on a slow or missing server instead of retrying forever."""
    config = AsyncClientConfig(max_timeouts=0, max_limit_exceeded=0, request_timeout=REQUEST_TIMEOUT)
    return AsyncClient(homeserver, user, config=config)


def expect(resp, cls, what):
    """Asserts nio parsed the answer to `what` as `cls`; returns it."""
    status = resp.transport_response.status if getattr(resp, "transport_response", None) else None
    assert isinstance(resp, cls), f"{what}: expected {cls.__name__}, nio made {type(resp).__name__} (HTTP {status}): {resp}"
    return resp


def texts(sync, room_id):
    """The bodies of the text messages in one room's timeline of a sync."""
    room = sync.rooms.join.get(room_id)
    if room is None:
        return []
    return [e.body for e in room.timeline.events if isinstance(e, RoomMessageText)]


async def run(homeserver, alice_name, bob_name, password):
    alice = new_client(homeserver, alice_name)
    bob = new_client(homeserver, bob_name)
    try:
        expect(await alice.login(password, device_name="nio alice"), LoginResponse, "alice's login")
        expect(await bob.login(password, device_name="nio bob"), LoginResponse, "bob's login")
        a_sync = expect(await alice.sync(timeout=0), SyncResponse, "alice's first sync")
        b_sync = expect(await bob.sync(timeout=0), SyncResponse, "bob's first sync")

        made = expect(
            await alice.room_create(name="Plans", invite=[bob.user_id]), RoomCreateResponse, "createRoom"
        )
        room_id = made.room_id
        b_sync = expect(await bob.sync(timeout=5000, since=b_sync.next_batch), SyncResponse, "bob's sync after createRoom")
        assert room_id in b_sync.rooms.join, f"bob's sync has no {room_id}: {b_sync.rooms.join.keys()}"
        assert bob.rooms[room_id].name == "Plans", f"room name as nio sees it: {bob.rooms[room_id].name!r}"

        # bob waits; alice's message wakes him.
        waiting = asyncio.create_task(bob.sync(timeout=20000, since=b_sync.next_batch))
        await asyncio.sleep(0.3)
        sent = expect(
            await alice.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": "lunch at noon?"}),
            RoomSendResponse,
            "alice's send",
        )
        b_sync = expect(await waiting, SyncResponse, "bob's long poll")
        assert texts(b_sync, room_id) == ["lunch at noon?"], f"bob's long poll saw {texts(b_sync, room_id)}"

        reply = {
            "msgtype": "m.text",
            "body": "yes",
            "m.relates_to": {"m.in_reply_to": {"event_id": sent.event_id}},
        }
        expect(await bob.room_send(room_id, "m.room.message", reply), RoomSendResponse, "bob's reply")
        reaction = {"m.relates_to": {"rel_type": "m.annotation", "event_id": sent.event_id, "key": "👍"}}
        expect(await bob.room_send(room_id, "m.reaction", reaction), RoomSendResponse, "bob's reaction")
        a_sync = expect(await alice.sync(timeout=5000, since=a_sync.next_batch), SyncResponse, "alice's next sync")
        quoted_yes = f"> <{alice.user_id}> lunch at noon?\n\nyes"
        replies = [
            e for e in a_sync.rooms.join[room_id].timeline.events
            # natter gives every reply the quote older apps show (the reply fallback),
            # and the relation that newer apps read in its place.
            if isinstance(e, RoomMessageText) and e.body == quoted_yes
            and e.source["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == sent.event_id
        ]
        assert replies, f"alice's sync has no reply: {texts(a_sync, room_id)}"
        relates = replies[0].source["content"].get("m.relates_to", {})
        assert relates.get("m.in_reply_to", {}).get("event_id") == sent.event_id, f"reply relation: {relates}"

        page = expect(await alice.room_messages(room_id, start=None, limit=10), RoomMessagesResponse, "/messages")
        bodies = [e.body for e in page.chunk if isinstance(e, RoomMessageText)]
        assert bodies[:2] == [quoted_yes, "lunch at noon?"], f"newest first from /messages: {bodies}"

        data = b"the plan, in a file"
        uploaded, _ = await alice.upload(lambda *_: data, content_type="text/plain", filename="plan.txt", filesize=len(data))
        uploaded = expect(uploaded, UploadResponse, "upload")
        content = {"msgtype": "m.file", "body": "plan.txt", "url": uploaded.content_uri}
        expect(await alice.room_send(room_id, "m.room.message", content), RoomSendResponse, "file send")
        b_sync = expect(await bob.sync(timeout=5000, since=b_sync.next_batch), SyncResponse, "bob's sync with the file")
        files = [e for e in b_sync.rooms.join[room_id].timeline.events if isinstance(e, RoomMessageFile)]
        assert files and files[0].url == uploaded.content_uri, f"bob's file events: {files}"
        got = await bob.download(mxc=uploaded.content_uri)
        assert not isinstance(got, DownloadError), f"bob's download: {got}"
        assert got.body == data, f"downloaded {got.body!r}"
    finally:
        await alice.close()
        await bob.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("homeserver")
    parser.add_argument("alice")
    parser.add_argument("bob")
    parser.add_argument("password")
    args = parser.parse_args()
    asyncio.run(asyncio.wait_for(run(args.homeserver, args.alice, args.bob, args.password), SCRIPT_TIMEOUT))
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
