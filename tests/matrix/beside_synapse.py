#!/usr/bin/env python3
"""The same Matrix steps on Synapse, the reference homeserver, and on natter, compared.

tests/api/matrix_beside_synapse.rs runs it against the real binary:

    beside_synapse.py NATTER_URL PASSWORD SYNAPSE_PYTHON

natter's `alice` and `bob` exist with PASSWORD. The script starts Synapse with
SYNAPSE_PYTHON (a python with matrix-synapse) on a new SQLite database in a temporary
folder, signs the same two people up there, and then takes each step below on Synapse
first and on natter second, as a Matrix app takes it: sign-in, discovery, filters, a
room made and named, messages sent (a retried transaction id too), read back by event,
context, page, members and state, typing, receipts and read markers, an edit, a
reaction, a redaction, account data, profiles, the user directory, devices, media, and
sign-out.

A step that Synapse answers with success and natter does not is natter's defect; so is a
key Synapse's answer has at its top level that natter's lacks (some keys only Synapse
has, for its own extensions, are left out below, each with why). Prints each step with
both statuses, the differences, and `ok`; exits 1 when there is a difference.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

REQUEST_TIMEOUT = 30
SYNAPSE_START = 120

# Keys at the top of Synapse's answers that natter does not owe: Synapse's own or
# unstable extensions, and what it says of features natter has no counterpart for.
SYNAPSE_ONLY = {
    # An event's age is advisory; natter gives `origin_server_ts`.
    "age",
    # Unstable (MSC) extensions.
    "org.matrix.msc2732.device_unused_fallback_key_types",
    "org.matrix.msc3773.unread_thread_notifications",
    "well_known",
}

# Keys of one step's answer that natter rightly leaves out.
NOT_OWED = {
    # The specification dropped an event's `user_id` (the `sender` says it); Synapse
    # still writes it.
    "event": {"user_id"},
    # `/messages` leaves `end` out once it reached the start of the room, as the
    # specification says; Synapse's room starts with state events natter's history
    # does not page through, so it still had some.
    "messages": {"end"},
}

# Objects inside one step's answer whose keys are compared too.
NESTED = {
    "threads": [("chunk", 0, "unsigned", "m.relations", "m.thread")],
    "event": [("content",)],
    "thread relations": [("chunk", 0, "content", "m.relates_to")],
    "sliding sync": [("lists", "all"), ("rooms", "ROOM"), ("extensions",)],
    "element x room list": [("lists", "all_rooms"), ("rooms", "ROOM"), ("extensions",),
                            ("extensions", "receipts"), ("extensions", "account_data")],
    "element x room list grows": [("lists", "all_rooms")],
    "element x room subscription": [("rooms", "ROOM")],
    "element x encryption sync": [("extensions", "e2ee"), ("extensions", "to_device"),
                                  ("extensions", "e2ee", "device_lists")],
}

# The state Element X asks of every room (the Matrix Rust SDK's room list service,
# `DEFAULT_REQUIRED_STATE`), and what its room subscriptions add.
ELEMENT_X_STATE = [
    ["m.room.name", ""], ["m.room.encryption", ""], ["m.room.member", "$LAZY"],
    ["m.room.member", "$ME"], ["m.room.topic", ""], ["m.room.avatar", ""],
    ["m.room.canonical_alias", ""], ["m.room.power_levels", ""], ["org.matrix.msc3401.call.member", "*"],
    ["m.room.join_rules", ""], ["m.room.tombstone", ""], ["m.room.create", ""],
    ["m.room.history_visibility", ""], ["io.element.functional_members", ""],
    ["m.space.parent", "*"], ["m.space.child", "*"], ["org.matrix.msc3672.beacon_info", "*"],
]
ELEMENT_X_SUBSCRIPTION_STATE = ELEMENT_X_STATE + [["m.room.pinned_events", ""]]

# State types of a room natter has no counterpart for, which Synapse may give and
# natter need not (aliases, guest access: natter's rooms have neither).
STATE_NOT_OWED = {"m.room.canonical_alias", "m.room.guest_access"}

# Steps whose first room's state types are compared: natter gives each type Synapse gives.
STATE_COMPARED = {"element x room list", "element x room subscription"}


def state_types(body):
    """The state event types of the answer's first room, or None."""
    rooms = body.get("rooms") if isinstance(body, dict) else None
    if not isinstance(rooms, dict) or not rooms:
        return None
    room = next(iter(rooms.values()))
    return {e.get("type") for e in room.get("required_state", []) if isinstance(e, dict)}


def element_x_list(ranges):
    """The room list request Element X makes (the Rust SDK's room list service)."""
    return {"conn_id": "room-list", "txn_id": "t" + str(ranges[0][1]),
            "lists": {"all_rooms": {"ranges": ranges, "required_state": ELEMENT_X_STATE,
                                    "timeline_limit": 1, "filters": {}}},
            "extensions": {"account_data": {"enabled": True},
                           "receipts": {"enabled": True, "rooms": ["*"]},
                           "typing": {"enabled": True}}}


def inside(body, path):
    """The object at `path` in `body`, or None; `ROOM` is the answer's first room."""
    for key in path:
        if key == "ROOM" and isinstance(body, dict) and body:
            key = next(iter(body))
        try:
            body = body[key]
        except (KeyError, IndexError, TypeError):
            return None
    return body if isinstance(body, dict) else None


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5274fb6"
    "0000000049454e44ae426082"
)


class Server:
    """One homeserver as a Matrix app reaches it."""

    def __init__(self, name, base):
        self.name = name
        self.base = base.rstrip("/")

    def call(self, method, path, token=None, body=None, raw=None, content_type=None):
        """(status, parsed JSON or raw bytes) of one request."""
        url = self.base + path
        data = None
        headers = {}
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if raw is not None:
            data = raw
            headers["Content-Type"] = content_type or "application/octet-stream"
        if token:
            headers["Authorization"] = "Bearer " + token
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as e:
            status, payload = e.code, e.read()
        try:
            return status, json.loads(payload)
        except ValueError:
            return status, payload


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_synapse(python, folder):
    """Starts Synapse on a new SQLite database in `folder`; returns (process, url)."""
    port = free_port()
    subprocess.run(
        [python, "-m", "synapse.app.homeserver", "--generate-config", "--server-name", "localhost",
         "--config-path", "homeserver.yaml", "--data-directory", folder, "--report-stats=no"],
        cwd=folder, check=True, stdout=subprocess.DEVNULL,
    )
    with open(os.path.join(folder, "log.yaml"), "w") as f:
        f.write("version: 1\nformatters: {plain: {format: '%(name)s %(levelname)s %(message)s'}}\n"
                "handlers: {console: {class: logging.StreamHandler, formatter: plain}}\n"
                "root: {level: WARNING, handlers: [console]}\ndisable_existing_loggers: false\n")
    settings = {
        "listeners": [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                       "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
        "database": {"name": "sqlite3", "args": {"database": os.path.join(folder, "homeserver.db")}},
        "log_config": os.path.join(folder, "log.yaml"),
        "enable_registration": True,
        "enable_registration_without_verification": True,
        "bcrypt_rounds": 4,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "url_preview_enabled": False,
        # A step that sends dozens of messages is not slowed by Synapse's message limit.
        "rc_message": {"per_second": 1000, "burst_count": 1000},
    }
    # Appended as JSON, which YAML reads: later keys win over the generated ones.
    with open(os.path.join(folder, "homeserver.yaml"), "a") as f:
        # The generated file ends in a comment with no line break.
        f.write("\n")
        for key, value in settings.items():
            f.write(f"{key}: {json.dumps(value)}\n")
    process = subprocess.Popen(
        [python, "-m", "synapse.app.homeserver", "-c", "homeserver.yaml"],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, "err"), "w"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + SYNAPSE_START
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("Synapse exited:\n" + open(os.path.join(folder, "err")).read())
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"Synapse did not answer /health within {SYNAPSE_START} s")


def sign_up(server, name, password):
    """Signs `name` up on Synapse through /register's dummy stage."""
    body = {"username": name, "password": password, "inhibit_login": True}
    status, first = server.call("POST", "/_matrix/client/v3/register", body=body)
    if status == 401:
        body["auth"] = {"type": "m.login.dummy", "session": first["session"]}
        status, first = server.call("POST", "/_matrix/client/v3/register", body=body)
    assert status == 200, f"Synapse sign-up of {name}: {status} {first}"


def steps(s, password):
    """The steps, on one server: yields (name, status, body) and keeps what later steps
    need in `ctx`."""
    V3 = "/_matrix/client/v3"
    ctx = {}

    def step(name, method, path, token=None, body=None, **kw):
        status, answer = s.call(method, path, token, body, **kw)
        ctx["last"] = answer
        return name, status, answer

    yield step("versions", "GET", "/_matrix/client/versions")
    yield step("login flows", "GET", V3 + "/login")
    for who in ("alice", "bob"):
        r = step(f"login {who}", "POST", V3 + "/login", body={
            "type": "m.login.password", "identifier": {"type": "m.id.user", "user": who},
            "password": password, "initial_device_display_name": f"{who}'s laptop"})
        yield r
        ctx[who] = r[2].get("access_token") if isinstance(r[2], dict) else None
        ctx[who + "_id"] = r[2].get("user_id") if isinstance(r[2], dict) else None
        ctx[who + "_device"] = r[2].get("device_id") if isinstance(r[2], dict) else None
    a, b = ctx["alice"], ctx["bob"]
    me, bob_id = ctx["alice_id"], ctx["bob_id"]
    q = urllib.parse.quote
    yield step("whoami", "GET", V3 + "/account/whoami", a)
    yield step("capabilities", "GET", V3 + "/capabilities", a)
    yield step("push rules", "GET", V3 + "/pushrules/", a)
    r = step("filter upload", "POST", f"{V3}/user/{q(me)}/filter", a,
             {"room": {"timeline": {"limit": 5}, "state": {"lazy_load_members": True}}})
    yield r
    filter_id = r[2].get("filter_id", "0") if isinstance(r[2], dict) else "0"
    yield step("filter read", "GET", f"{V3}/user/{q(me)}/filter/{filter_id}", a)
    r = step("first sync", "GET", f"{V3}/sync?filter={filter_id}&timeout=0", a)
    yield r
    since = r[2].get("next_batch", "") if isinstance(r[2], dict) else ""
    r = step("createRoom", "POST", V3 + "/createRoom", a,
             {"name": "Plans", "topic": "what we do next", "preset": "private_chat"})
    yield r
    room = r[2].get("room_id", "!none:x") if isinstance(r[2], dict) else "!none:x"
    rq = q(room)
    yield step("invite", "POST", f"{V3}/rooms/{rq}/invite", a, {"user_id": bob_id})
    yield step("join", "POST", f"{V3}/join/{rq}", b, {})
    r = step("send", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t1", a,
             {"msgtype": "m.text", "body": "lunch at noon?"})
    yield r
    event = r[2].get("event_id", "$none") if isinstance(r[2], dict) else "$none"
    r2 = step("send again (same txn)", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t1", a,
              {"msgtype": "m.text", "body": "lunch at noon?"})
    same = isinstance(r2[2], dict) and r2[2].get("event_id") == event
    yield r2[0], r2[1] if same else 599, r2[2]
    eq = q(event)
    yield step("event", "GET", f"{V3}/rooms/{rq}/event/{eq}", b)
    yield step("context", "GET", f"{V3}/rooms/{rq}/context/{eq}?limit=5", b)
    yield step("messages", "GET", f"{V3}/rooms/{rq}/messages?dir=b&limit=10", b)
    yield step("members", "GET", f"{V3}/rooms/{rq}/members", b)
    yield step("joined_members", "GET", f"{V3}/rooms/{rq}/joined_members", b)
    yield step("state", "GET", f"{V3}/rooms/{rq}/state", b)
    yield step("state name", "GET", f"{V3}/rooms/{rq}/state/m.room.name/", b)
    yield step("set topic", "PUT", f"{V3}/rooms/{rq}/state/m.room.topic/", a, {"topic": "lunch"})
    yield step("joined_rooms", "GET", V3 + "/joined_rooms", b)
    yield step("typing", "PUT", f"{V3}/rooms/{rq}/typing/{q(bob_id)}", b,
               {"typing": True, "timeout": 30000})
    yield step("receipt", "POST", f"{V3}/rooms/{rq}/receipt/m.read/{eq}", b, {})
    yield step("read markers", "POST", f"{V3}/rooms/{rq}/read_markers", b,
               {"m.fully_read": event, "m.read": event})
    r = step("reply", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t2", b,
             {"msgtype": "m.text", "body": "yes",
              "m.relates_to": {"m.in_reply_to": {"event_id": event}}})
    yield r
    yield step("edit", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t3", a,
               {"msgtype": "m.text", "body": "* lunch at one?",
                "m.new_content": {"msgtype": "m.text", "body": "lunch at one?"},
                "m.relates_to": {"rel_type": "m.replace", "event_id": event}})
    r = step("reaction", "PUT", f"{V3}/rooms/{rq}/send/m.reaction/t4", b,
             {"m.relates_to": {"rel_type": "m.annotation", "event_id": event, "key": "👍"}})
    yield r
    reaction = r[2].get("event_id", "$none") if isinstance(r[2], dict) else "$none"
    yield step("redact reaction", "PUT", f"{V3}/rooms/{rq}/redact/{q(reaction)}/t5", b, {})
    yield step("thread reply", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t7", b,
               {"msgtype": "m.text", "body": "in the thread",
                "m.relates_to": {"rel_type": "m.thread", "event_id": event, "is_falling_back": True,
                                 "m.in_reply_to": {"event_id": event}}})
    yield step("relations", "GET", f"/_matrix/client/v1/rooms/{rq}/relations/{eq}", b)
    r = step("thread relations", "GET",
             f"/_matrix/client/v1/rooms/{rq}/relations/{eq}/m.thread?limit=5", b)
    replies = r[2].get("chunk", []) if isinstance(r[2], dict) else []
    told = [e.get("content", {}).get("body") for e in replies]
    yield r[0], r[1] if told == ["in the thread"] else 599, r[2]
    r = step("threads", "GET", f"/_matrix/client/v1/rooms/{rq}/threads", b)
    roots = [e.get("event_id") for e in r[2].get("chunk", [])] if isinstance(r[2], dict) else []
    yield r[0], r[1] if roots == [event] else 599, r[2]
    r = step("sync after", "GET", f"{V3}/sync?since={q(since)}&timeout=0", b)
    yield r
    yield step("sliding sync", "POST",
               "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync?timeout=0", b,
               {"lists": {"all": {"ranges": [[0, 0]], "timeline_limit": 1,
                                  "required_state": [["m.room.name", ""], ["m.room.member", "$ME"]]}},
                "extensions": {"account_data": {"enabled": True}, "receipts": {"enabled": True},
                               "typing": {"enabled": True}}})
    SSS = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"
    r = step("element x room list", "POST", SSS + "?timeout=0", b, element_x_list([[0, 19]]))
    yield r
    pos = r[2].get("pos", "") if isinstance(r[2], dict) else ""
    r = step("element x room list grows", "POST", f"{SSS}?timeout=0&pos={q(pos)}", b,
             element_x_list([[0, 99]]))
    yield r
    pos = r[2].get("pos", "") if isinstance(r[2], dict) else ""
    subscribe = element_x_list([[0, 99]])
    subscribe["room_subscriptions"] = {room: {"required_state": ELEMENT_X_SUBSCRIPTION_STATE,
                                              "timeline_limit": 20}}
    # Nothing changed since `pos`: the room comes because it is newly subscribed.
    yield step("element x room subscription", "POST", f"{SSS}?timeout=0&pos={q(pos)}", b, subscribe)
    yield step("element x encryption sync", "POST", SSS + "?timeout=0", b,
               {"conn_id": "encryption", "txn_id": "e1",
                "extensions": {"to_device": {"enabled": True}, "e2ee": {"enabled": True}}})
    yield step("account data put", "PUT", f"{V3}/user/{q(me)}/account_data/org.example.layout", a,
               {"columns": 2})
    yield step("account data get", "GET", f"{V3}/user/{q(me)}/account_data/org.example.layout", a)
    yield step("room account data", "PUT",
               f"{V3}/user/{q(me)}/rooms/{rq}/account_data/org.example.colour", a, {"colour": "teal"})
    yield step("profile", "GET", f"{V3}/profile/{q(bob_id)}", a)
    yield step("display name", "PUT", f"{V3}/profile/{q(me)}/displayname", a,
               {"displayname": "Alice A."})
    yield step("user directory", "POST", V3 + "/user_directory/search", a,
               {"search_term": "bob", "limit": 10})
    yield step("public rooms", "GET", V3 + "/publicRooms", a)
    yield step("devices", "GET", V3 + "/devices", a)
    yield step("device", "GET", f"{V3}/devices/{q(ctx['alice_device'])}", a)
    yield step("rename device", "PUT", f"{V3}/devices/{q(ctx['alice_device'])}", a,
               {"display_name": "work laptop"})
    yield step("media config", "GET", "/_matrix/client/v1/media/config", a)
    r = step("upload", "POST", "/_matrix/media/v3/upload?filename=dot.png", a,
             raw=PNG, content_type="image/png")
    yield r
    uri = r[2].get("content_uri", "mxc://x/y") if isinstance(r[2], dict) else "mxc://x/y"
    yield step("send image", "PUT", f"{V3}/rooms/{rq}/send/m.room.message/t6", a,
               {"msgtype": "m.image", "body": "dot.png", "url": uri,
                "info": {"mimetype": "image/png", "size": len(PNG)}})
    media = uri[len("mxc://"):]
    yield step("download", "GET", f"/_matrix/client/v1/media/download/{media}", b)
    yield step("thumbnail", "GET",
               f"/_matrix/client/v1/media/thumbnail/{media}?width=32&height=32&method=scale", b)
    yield step("leave", "POST", f"{V3}/rooms/{rq}/leave", b, {})
    yield step("logout", "POST", V3 + "/logout", b, {})
    yield step("whoami after logout", "GET", V3 + "/account/whoami", b)


def kind(status):
    return "success" if 200 <= status < 300 else f"HTTP {status}"


def main():
    natter_url, password, synapse_python = sys.argv[1], sys.argv[2], sys.argv[3]
    folder = tempfile.mkdtemp(prefix="beside-synapse-")
    process = None
    try:
        process, synapse_url = start_synapse(synapse_python, folder)
        synapse = Server("Synapse", synapse_url)
        for name in ("alice", "bob"):
            sign_up(synapse, name, password)
        natter = Server("natter", natter_url)
        theirs = list(steps(synapse, password))
        ours = list(steps(natter, password))
        differences = []
        for (name, s_status, s_body), (_, n_status, n_body) in zip(theirs, ours):
            print(f"{name}: Synapse {s_status}, natter {n_status}")
            if os.environ.get("BESIDE_SYNAPSE_SHOW") == name:
                print(json.dumps(s_body, indent=1)[:3000])
                print(json.dumps(n_body, indent=1)[:3000])
            success = 200 <= s_status < 300
            if success != (200 <= n_status < 300) and success:
                differences.append(f"{name}: Synapse {kind(s_status)}, natter {kind(n_status)} {n_body}")
                continue
            if not success and (400 <= s_status < 500) != (400 <= n_status < 500):
                differences.append(f"{name}: Synapse {s_status}, natter {n_status} {n_body}")
                continue
            if isinstance(s_body, dict) and isinstance(n_body, dict):
                missing = sorted(set(s_body) - set(n_body) - SYNAPSE_ONLY - NOT_OWED.get(name, set()))
                if missing:
                    differences.append(f"{name}: natter's answer lacks {missing}: {n_body}")
                for path in NESTED.get(name, []):
                    theirs_in, ours_in = inside(s_body, path), inside(n_body, path)
                    if theirs_in is not None and ours_in is None:
                        differences.append(f"{name}: natter's answer has nothing at {path}: {n_body}")
                    elif theirs_in is not None:
                        lacks = sorted(set(theirs_in) - set(ours_in) - SYNAPSE_ONLY)
                        if lacks:
                            differences.append(f"{name}: natter's {path} lacks {lacks}: {ours_in}")
                if name in STATE_COMPARED:
                    theirs_types, ours_types = state_types(s_body), state_types(n_body)
                    if theirs_types is not None:
                        lacks = sorted((theirs_types - (ours_types or set())) - STATE_NOT_OWED)
                        if lacks:
                            differences.append(f"{name}: natter's room state lacks {lacks}")
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
