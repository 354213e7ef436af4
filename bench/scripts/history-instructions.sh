#!/bin/bash
# Instructions natter spends per chats history page, counted by callgrind (CPU steal on
# a shared machine does not disturb the count). Usage:
#   bench/scripts/history-instructions.sh [path/to/natter]   (default target/release/natter)
# Seeds a 60-message group chat through the API, then reads 50-message pages with one
# keep-alive client under `valgrind --tool=callgrind`, 300 and 1,300 times; prints
# (instructions at 1,300 - instructions at 300) / 1,000. Needs valgrind and python3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${1:-target/release/natter}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

client() { # client MODE N: MODE seed (register, chat, 60 messages) or read (N pages)
    python3 - "$1" "$2" "$dir/token" "$port" <<'PY'
import http.client, json, sys, time
mode, n, token_file, port = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
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
    token = call("POST", "/api/auth/register/", body={"username": "pages",
        "email": "pages@bench.invalid", "password": "bench-password-1"})["token"]
    chat = call("POST", "/messages/api/chats/", token, {"chat_type": "group", "title": "pages"})["id"]
    for i in range(60):
        call("POST", f"/messages/api/chats/{chat}/messages/", token, {"content": f"bench message {i}"})
    newest = call("GET", f"/messages/api/chats/{chat}/messages/?page_size=1", token)["results"][0]["id"]
    open(token_file, "w").write(f"{token} {chat} {newest}")
else:
    token, chat, newest = open(token_file).read().split()
    for i in range(n):
        page = call("GET", f"/messages/api/chats/{chat}/messages/?before={int(newest) + 1 - i % 5}&page_size=50", token)
        assert len(page["results"]) == 50
PY
}

"$natter" --listen 127.0.0.1:0 --db "$dir/seed.db" --media-dir "$dir/media" --rate-limits off --log warn >"$dir/seed.out" &
pid=$!
wait_listening "$dir/seed.out"
client seed 0
kill -INT $pid; wait $pid || true

count() { # count N: instructions of a natter run that serves N pages (plus one warm-up)
    cp "$dir/seed.db" "$dir/run.db"
    # An older natter may leave its last writes in the log.
    rm -f "$dir/run.db-wal"
    [ -s "$dir/seed.db-wal" ] && cp "$dir/seed.db-wal" "$dir/run.db-wal"
    rm -f "$dir/run.out"
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$natter" --listen 127.0.0.1:0 \
        --db "$dir/run.db" --media-dir "$dir/media" --rate-limits off --log warn >"$dir/run.out" 2>/dev/null &
    local vg=$!
    wait_listening "$dir/run.out" >&2
    client read 1
    client read "$1"
    kill -INT $vg; wait $vg || true
    callgrind_annotate "$dir/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
small=$(count 300)
large=$(count 1300)
echo "instructions per page: $(( (large - small) / 1000 ))"
