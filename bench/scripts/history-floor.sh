#!/bin/bash
# natter's history pages next to the floor's (bench/floor: the least work a page can cost
# on natter's stack), on one database and under one load generator, wrk, alternating; the
# floor both reading on its async workers and handing reads to 4 reader threads.
# Prints pages/s and CPU per page of each server and of wrk. Usage:
#   bench/scripts/history-floor.sh [ROUNDS] [SECS]      default: 3 rounds of 5 s each
# Seeds a 1,000,000-message chat with natter-bench, then reads 50-message pages before
# random ids of it over 8 keep-alive connections. NATTER / BENCH override
# target/release/natter and target/release/natter-bench. Needs wrk, curl, GNU time and python3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${1:-3}
secs=${2:-5}
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
cargo build --release --quiet --manifest-path bench/floor/Cargo.toml
floor=$(realpath bench/floor/target/release/history-floor)
dir=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"' EXIT

start_natter() { # start_natter NAME: starts natter on the database, sets $url and $pid
    "$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
        --rate-limits off >"$dir/$1.out" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_listening "$dir/$1.out"
}

# Users, a 1,000-message chat (1) and a 1,000,000-message chat (2), as `history` makes them.
start_natter seed
"$bench" --natter "$natter" --url "$url" --db "$dir/n.db" history --secs 0.2 >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true

# A key of our own for the reader (the bench's keys are not printed), stored as natter does.
key=$(python3 - "$dir/n.db" <<'PY'
import hashlib, secrets, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
chat, first, last = c.execute(
    "SELECT chat_id, min(id), max(id) FROM messages GROUP BY chat_id ORDER BY count(*) DESC"
).fetchone()
reader = c.execute("SELECT max(user_id) FROM chat_members WHERE chat_id = ?", (chat,)).fetchone()[0]
key = secrets.token_hex(20)
c.execute("INSERT INTO api_tokens (key_hash, user_id, created_at) VALUES (?, ?, '2026-01-01')",
          (hashlib.sha256(key.encode()).digest(), reader))
c.commit()
print(key, chat, first, last)
PY
)
read -r key chat first last <<<"$key"
cat >"$dir/pages.lua" <<LUA
wrk.headers["Authorization"] = "Token $key"
math.randomseed(os.time())
request = function()
  local before = math.random($first + 50, $last + 1)
  return wrk.format("GET", "/messages/api/chats/$chat/messages/?before=" .. before .. "&page_size=50")
end
LUA

start_natter natter
natter_url=$url natter_pid=$pid
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
floor_port=$(free_port)
"$floor" "$dir/n.db" "$floor_port" &
floor_pid=$!
pids+=("$floor_pid")
# The same floor handing each read to one of 4 reader threads, as natter does.
handoff_port=$(free_port)
"$floor" "$dir/n.db" "$handoff_port" 4 &
handoff_pid=$!
pids+=("$handoff_pid")
for port in "$floor_port" "$handoff_port"; do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
done

measure() { # measure NAME PID URL
    read -r t0 < <(awk '{print $14 + $15}' "/proc/$2/stat")
    /usr/bin/time -f "%U %S" -o "$dir/time" wrk -t2 -c8 -d"${secs}s" -s "$dir/pages.lua" "$3" >"$dir/wrk"
    read -r t1 < <(awk '{print $14 + $15}' "/proc/$2/stat")
    python3 - "$1" "$((t1 - t0))" "$(getconf CLK_TCK)" "$secs" $(cat "$dir/time") "$dir/wrk" <<'PY'
import re, sys
name, ticks, tck, secs, wu, ws, out = sys.argv[1:]
text = open(out).read()
pages = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
us = lambda s: float(s) * 1e6 / pages
print(f"{name}: {pages / float(secs):.0f} pages/s, server {us(int(ticks) / int(tck)):.0f} us/page, "
      f"wrk {us(float(wu) + float(ws)):.0f} us/page, non-2xx {bad.group(1) if bad else 0}")
PY
}
for _ in $(seq "$rounds"); do
    measure natter "$natter_pid" "$natter_url"
    measure floor "$floor_pid" "http://127.0.0.1:$floor_port"
    measure floor-readers "$handoff_pid" "http://127.0.0.1:$handoff_port"
done
