#!/bin/bash
# Instructions natter spends per durable send, counted by callgrind (CPU steal on a
# shared machine does not disturb the count), with the functions that spend them. Usage:
#   [TRANSPORT=socket|inbox] [TABLE=file] bench/scripts/send-instructions.sh [path/to/natter] [natter flags...]
#     (default target/release/natter; flags default to `--log info`, what a user runs)
# Signs eight people up into one group chat, then one of them sends 300 and 1,300
# messages under `valgrind --tool=callgrind`: with one keep-alive client to
# `POST /messages/api/chats/{id}/messages/`, with TRANSPORT=inbox to the inbox surface's
# `POST /api/messages/` (`{"receiver", "content"}`: the direct chat is looked up per send),
# or with TRANSPORT=socket through the rooms
# socket `/ws/room/{id}/`, where all eight have a socket open, so each send is also
# delivered seven times, as in natter-bench's socket sends (64 senders in 8 chats), and the
# sender waits for its echo. Prints (instructions at 1,300 - at 300) / 1,000 and the 25
# functions whose own instructions grew most per send. Run it on two builds to see where
# a difference lies: with TABLE=file, every function's instructions per send are also
# written there (tab-separated), to be joined with another build's; with
# CALLGRIND_OUT=prefix, callgrind's own outputs are kept as prefix-300 and prefix-1300
# (for `callgrind_annotate --inclusive=yes` or `--tree=caller`). Needs valgrind,
# python3 and, for sockets, Python's `websockets` (pip install websockets).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${1:-target/release/natter}")
shift || true
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(--log info)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

client() { # client MODE N: MODE seed (sign up, make the chat) or send (N messages)
    python3 - "$1" "$2" "$dir/token" "$port" "${TRANSPORT:-rest}" <<'PY'
import asyncio, http.client, json, sys, time
mode, n, token_file, port = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
transport = sys.argv[5]
for _ in range(300):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/healthz")
        c.getresponse().read(); break
    except OSError:
        time.sleep(0.1)
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, auth=None, body=None):
    headers = {"content-type": "application/json"}
    if auth: headers["Authorization"] = "Token " + auth
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = c.getresponse(); data = r.read()
    assert r.status < 300, (r.status, data[:200]); return json.loads(data)
if mode == "seed":
    people = [call("POST", "/api/auth/register/", body={"username": f"sends{i}",
        "email": f"sends{i}@bench.invalid", "password": "bench-password-1"}) for i in range(8)]
    token = people[0]["token"]
    ids = [p["user"]["id"] for p in people[1:]]
    if transport == "inbox":  # the receiver's id stands where a chat's id would
        chat = ids[0]
    elif transport == "rest":
        chat = call("POST", "/messages/api/chats/", token,
                    {"chat_type": "group", "title": "sends", "member_ids": ids})["id"]
    else:  # the rooms socket serves the rooms surface's chats only
        chat = call("POST", "/api/rooms/", token, {"name": "sends"})["id"]
        for p in people[1:]:
            call("POST", f"/api/rooms/{chat}/join/", p["token"], {})
    open(token_file, "w").write(" ".join([str(chat)] + [p["token"] for p in people]))
elif transport == "inbox":
    receiver, token = open(token_file).read().split()[:2]
    for i in range(n):
        call("POST", "/api/messages/", token, {"receiver": int(receiver), "content": f"bench message {i}"})
elif transport == "rest":
    chat, token = open(token_file).read().split()[:2]
    for i in range(n):
        call("POST", f"/messages/api/chats/{chat}/messages/", token, {"content": f"bench message {i}"})
else:
    import websockets
    chat, *tokens = open(token_file).read().split()
    async def send():
        url = f"ws://127.0.0.1:{port}/ws/room/{chat}/?token="
        socks = [await websockets.connect(url + t, max_queue=None) for t in tokens]
        async def drain(s):
            async for _ in s:
                pass
        readers = [asyncio.create_task(drain(s)) for s in socks[1:]]
        for i in range(n):
            content = f"bench message {i}"
            await socks[0].send(json.dumps({"type": "chat_message", "data": {"content": content}}))
            while True:
                frame = json.loads(await socks[0].recv())
                if frame.get("type") == "chat_message" and frame["data"].get("content") == content:
                    break
        for s in socks:
            await s.close()
        await asyncio.gather(*readers, return_exceptions=True)
    asyncio.run(send())
PY
}

"$natter" --listen 127.0.0.1:0 --db "$dir/seed.db" --media-dir "$dir/media" --rate-limits off --log warn >"$dir/seed.out" &
pid=$!
wait_listening "$dir/seed.out"
client seed 0
kill -INT $pid; wait $pid || true

count() { # count N: callgrind's per-function listing of a natter run that sends N messages
    cp "$dir/seed.db" "$dir/run.db"
    # An older natter may leave its last writes in the log.
    rm -f "$dir/run.db-wal"
    [ -s "$dir/seed.db-wal" ] && cp "$dir/seed.db-wal" "$dir/run.db-wal"
    rm -f "$dir/run.out"
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$natter" --listen 127.0.0.1:0 \
        --db "$dir/run.db" --media-dir "$dir/media" --rate-limits off "${flags[@]}" >"$dir/run.out" 2>/dev/null &
    local vg=$!
    wait_listening "$dir/run.out" >&2
    client send 1
    client send "$1"
    kill -INT $vg; wait $vg || true
    callgrind_annotate --auto=no --threshold=100 "$dir/cg.out" 2>/dev/null >"$dir/annotate-$1"
    if [ -n "${CALLGRIND_OUT:-}" ]; then cp "$dir/cg.out" "$CALLGRIND_OUT-$1"; fi
}
count 300
count 1300
python3 - "$dir/annotate-300" "$dir/annotate-1300" "${TABLE:-}" <<'PY'
import re, sys
def read(path):
    total, fns = 0, {}
    for line in open(path):
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?)\s*(?:\[.*\])?$", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in m.group(2):
            total = n
        elif ":" in m.group(2):
            name = m.group(2).split(":", 1)[1]
            fns[name] = fns.get(name, 0) + n
    return total, fns
(t0, f0), (t1, f1) = read(sys.argv[1]), read(sys.argv[2])
print(f"instructions per send: {(t1 - t0) // 1000}")
grew = sorted(((f1.get(k, 0) - f0.get(k, 0)) / 1000, k) for k in set(f0) | set(f1))
if sys.argv[3]:
    with open(sys.argv[3], "w") as out:
        for per, name in reversed(grew):
            out.write(f"{per:.0f}\t{name}\n")
for per, name in reversed(grew[-25:]):
    print(f"{per:10.0f}  {name[:110]}")
PY
