#!/usr/bin/env python3
"""A team's first day in Matrix apps, on Synapse and on natter, through matrix-nio.

tests/api/matrix_clients.rs runs it against the real binary:

    first_day_beside_synapse.py NATTER_URL PASSWORD SYNAPSE_PYTHON

natter's `alice` and `bob` exist with PASSWORD. The script starts Synapse with
SYNAPSE_PYTHON on a new database (beside_synapse.py's start), signs the same two people
up there, and takes each step below on both servers with matrix-nio, a client library
no one on natter's team wrote, as an app does on its first day:

- a direct message made with `createRoom` wakes the other person's waiting sync at once;
- a new room's first sync shows its making in the timeline;
- both people of a direct message have the same power;
- an empty pagination token pages from the newest end;
- a sync where only typing changed is one matrix-nio takes;
- `/event` of a redacted message answers its redacted event;
- paging back from a sliding sync's `prev_batch` misses no message.

Each fact that holds on Synapse must hold on natter. Prints each with both results and
`ok`; exits 1 when one differs.
"""

import asyncio
import json
import shutil
import sys
import tempfile
import time
import urllib.request

from beside_synapse import Server, sign_up, start_synapse
from nio import (
    AsyncClient,
    RedactedEvent,
    RoomCreateEvent,
    RoomGetEventResponse,
    RoomGetStateEventResponse,
    RoomMessagesResponse,
    RoomPreset,
    SyncResponse,
)

# How long a waiting sync may take to wake for a new room: Synapse takes well under 2 s.
WAKE_WITHIN = 5.0
SSS = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"


def sliding(base, token, body, pos=None):
    """One sliding sync request's answer."""
    url = base + SSS + (f"?pos={pos}&timeout=0" if pos else "")
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


async def signed_in(base, name, password):
    client = AsyncClient(base, name)
    await client.login(password, device_name=f"{name}'s first day")
    assert client.access_token, f"{name} could not sign in at {base}"
    return client


async def facts(base, password):
    """The facts of the first day on one server."""
    out = {}
    alice = await signed_in(base, "alice", password)
    bob = await signed_in(base, "bob", password)
    try:
        a_first = await alice.sync(timeout=0, full_state=True)
        b_first = await bob.sync(timeout=0, full_state=True)
        bob_id = bob.user_id

        # A direct message wakes bob's waiting sync.
        waiting = asyncio.ensure_future(bob.sync(timeout=20000, since=b_first.next_batch))
        await asyncio.sleep(0)
        started = time.monotonic()
        made = await alice.room_create(is_direct=True, invite=[bob_id],
                                       preset=RoomPreset.trusted_private_chat)
        room = made.room_id
        woke = await waiting
        took = time.monotonic() - started
        seen = room in woke.rooms.join or room in woke.rooms.invite
        out["a new direct message wakes the other's sync at once"] = seen and took < WAKE_WITHIN
        if room in woke.rooms.invite:
            await bob.join(room)

        # The new room's first events are its making.
        a_sync = await alice.sync(timeout=0, since=a_first.next_batch)
        timeline = a_sync.rooms.join[room].timeline.events if room in a_sync.rooms.join else []
        out["a new room's timeline begins with its making"] = any(
            isinstance(e, RoomCreateEvent) for e in timeline)

        # Both people of a direct message have the same power.
        power = await alice.room_get_state_event(room, "m.room.power_levels")
        users = power.content.get("users", {}) if isinstance(power, RoomGetStateEventResponse) else {}
        out["both people of a direct message have the same power"] = (
            users.get(alice.user_id) is not None and users.get(alice.user_id) == users.get(bob_id))

        # An empty pagination token pages from the newest end.
        await alice.room_send(room, "m.room.message", {"msgtype": "m.text", "body": "hello"})
        status, _ = Server("", base).call(
            "GET", f"/_matrix/client/v3/rooms/{room}/messages?from=&dir=b", alice.access_token)
        out["an empty pagination token is answered"] = status == 200

        # A sync where only typing changed is one matrix-nio takes.
        b_sync = await bob.sync(timeout=0, since=woke.next_batch)
        await alice.room_typing(room, typing_state=True, timeout=10000)
        typed = await bob.sync(timeout=10000, since=b_sync.next_batch)
        out["a sync where only typing changed parses"] = isinstance(typed, SyncResponse)

        # /event of a redacted message is its redacted event.
        sent = await alice.room_send(room, "m.room.message", {"msgtype": "m.text", "body": "oops"})
        await alice.room_redact(room, sent.event_id)
        event = await alice.room_get_event(room, sent.event_id)
        out["/event of a redacted message is its redacted event"] = (
            isinstance(event, RoomGetEventResponse) and isinstance(event.event, RedactedEvent))

        # Paging back from a sliding sync's prev_batch misses nothing.
        ask = {"lists": {"all": {"ranges": [[0, 9]], "timeline_limit": 1, "required_state": []}}}
        pos = sliding(base, alice.access_token, ask)["pos"]
        sent_ids = []
        for n in range(30):
            r = await bob.room_send(room, "m.room.message", {"msgtype": "m.text", "body": f"n{n}"})
            sent_ids.append(r.event_id)
        entry = sliding(base, alice.access_token, ask, pos)["rooms"][room]
        seen_ids = {e["event_id"] for e in entry.get("timeline", [])}
        start = entry.get("prev_batch")
        while start:
            page = await alice.room_messages(room, start=start, limit=7)
            if not isinstance(page, RoomMessagesResponse) or not page.chunk:
                break
            seen_ids.update(e.event_id for e in page.chunk)
            if page.end == start:
                break
            start = page.end
        out["paging back from a sliding sync's prev_batch misses nothing"] = all(
            i in seen_ids for i in sent_ids)
    finally:
        await alice.close()
        await bob.close()
    return out


def main():
    natter_url, password, synapse_python = sys.argv[1], sys.argv[2], sys.argv[3]
    folder = tempfile.mkdtemp(prefix="first-day-beside-synapse-")
    process = None
    try:
        process, synapse_url = start_synapse(synapse_python, folder)
        synapse = Server("Synapse", synapse_url)
        for name in ("alice", "bob"):
            sign_up(synapse, name, password)
        theirs = asyncio.run(facts(synapse_url, password))
        ours = asyncio.run(facts(natter_url, password))
        differences = []
        for fact, holds in theirs.items():
            print(f"{fact}: Synapse {holds}, natter {ours.get(fact)}")
            if holds and not ours.get(fact):
                differences.append(fact)
        if differences:
            print("natter differs from Synapse:\n  " + "\n  ".join(differences))
            return 1
        print("ok")
        return 0
    finally:
        if process is not None:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
