#!/bin/bash
# Ready pages against the build before them: the latest page of a 1,000-message chat on
# the chats surface, the inbox's message list (seed 000's `GET /api/messages/`) over a
# 1,000-message direct chat, and the chat list, each beside two floors of the same server
# in the same round: `GET /healthz` (a 2-byte answer) and a small static file of the web
# client whose brotli form (779 B) is the size of the chats page's (754 B), so the
# second floor also counts sending a page's bytes. The server runs on core 0 and wrk (1 thread,
# 16 keep-alive connections) on core 1; the two builds alternate, each round on a fresh
# copy of one seeded database. Prints each round, then per route and build the median
# pages/s with the spread and the median p99, the ratio of the two builds and of each to
# its floor (read first and last in the round). ENCODING (default `gzip, deflate, br`) is the `Accept-Encoding` sent, as browsers and the
# phone apps send it; `ENCODING=identity` reads plain pages. Usage:
#   BEFORE=path/to/older/natter bench/scripts/ready-pages.sh [ROUNDS] [SECS]
# On PostgreSQL: PG="host=<socket dir> user=<role>" (a role that may CREATE DATABASE;
# natter_ready_seed and natter_ready_run are made and dropped; psql needed).
# default 5 rounds of 5 s per route. NATTER overrides target/release/natter (the build
# measured); BEFORE defaults to it too (a build against itself, to read the noise).
# Needs wrk, taskset, curl and python3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${1:-5}
secs=${2:-5}
after=$(realpath "${NATTER:-target/release/natter}")
before=$(realpath "${BEFORE:-$after}")
encoding=${ENCODING:-gzip, deflate, br}
dir=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"' EXIT

pg=${PG:-}
if [ -n "$pg" ]; then
    seed_db="$pg dbname=natter_ready_seed"
    run_db="$pg dbname=natter_ready_run"
    admin() { psql "$pg dbname=postgres" -qAt -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
    admin "DROP DATABASE IF EXISTS natter_ready_run WITH (FORCE)"
    admin "DROP DATABASE IF EXISTS natter_ready_seed WITH (FORCE)"
    admin "CREATE DATABASE natter_ready_seed"
    trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir";
          admin "DROP DATABASE IF EXISTS natter_ready_run WITH (FORCE)";
          admin "DROP DATABASE IF EXISTS natter_ready_seed WITH (FORCE)"' EXIT
else
    seed_db="$dir/seed.db"
    run_db="$dir/run.db"
fi
# fresh_copy: the seeded database as the next round's own.
fresh_copy() {
    if [ -n "$pg" ]; then
        admin "DROP DATABASE IF EXISTS natter_ready_run WITH (FORCE)"
        admin "CREATE DATABASE natter_ready_run TEMPLATE natter_ready_seed"
    else
        cp "$dir/seed.db" "$dir/run.db"
        rm -f "$dir/run.db-wal" "$dir/run.db-shm"
    fi
}

start() { # start BINARY DB NAME: natter pinned to core 0; sets $url and $pid
    taskset -c 0 "$1" --listen 127.0.0.1:0 --db "$2" --media-dir "$dir/media" --log warn \
        --rate-limits off >"$dir/$3.out" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_listening "$dir/$3.out"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

# Two people, a group chat and a direct chat of 1,000 messages each, seeded by the
# build before (the newer build migrates its copy when it starts).
start "$before" "$seed_db" seed
people=$("$before" --db "$seed_db" --media-dir "$dir/media" --log warn seed-people \
    --prefix ready --count 2)
read -r reader_id _ key <<<"$(sed -n 1p <<<"$people")"
read -r other_id _ other_key <<<"$(sed -n 2p <<<"$people")"
post() { curl -sf -H "Authorization: Token $1" -H 'Content-Type: application/json' -d "$3" "$url$2"; }
group=$(post "$key" /messages/api/chats/ "{\"chat_type\":\"group\",\"title\":\"ready\",\"member_ids\":[$other_id]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
post "$other_key" /api/messages/ "{\"receiver\":$reader_id,\"content\":\"hello\"}" >/dev/null
# The direct chat the inbox reads.
direct=$(curl -sf -H "Authorization: Token $key" "$url/messages/api/chats/" |
    python3 -c "import json,sys; print([c['id'] for c in json.load(sys.stdin)['results'] if c['chat_type'] in ('dm', 'direct')][0])")
for chat in "$group" "$direct"; do
    "$before" --db "$seed_db" --media-dir "$dir/media" --log warn seed-messages \
        --chat "$chat" --user "$other_id" --count 1000
done
stop

# Each floor is read first and last in each round, and each page's share of it is taken
# against the mean of the two, so a host that speeds up or slows down within a round
# moves both alike.
routes=(healthz static chats inbox chatlist static healthz)
path_of() {
    case $1 in
        healthz) echo /healthz ;;
        static) echo /static/js/replies.js ;;
        chats) echo "/messages/api/chats/$group/messages/" ;;
        inbox) echo /api/messages/ ;;
        chatlist) echo /messages/api/chats/ ;;
    esac
}
measure() { # measure BUILD-NAME ROUTE ROUND: one wrk run, appends "build route pages/s p99-ms round"
    taskset -c 1 wrk -t1 -c16 -d"${secs}s" --latency -H "Authorization: Token $key" \
        -H "Accept-Encoding: $encoding" \
        "$url$(path_of "$2")" >"$dir/wrk"
    python3 - "$1" "$2" "$dir/wrk" "$3" >>"$dir/results" <<'PY'
import re, sys
build, route, out, round_ = sys.argv[1:]
text = open(out).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    sys.exit(f"{build} {route}: {bad.group(1)} answers were not 2xx")
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
p99 = float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]
print(build, route, f"{rate:.0f}", f"{p99:.3f}", round_)
PY
    tail -1 "$dir/results"
}
for round in $(seq "$rounds"); do
    for build in before after; do
        fresh_copy
        binary=$before
        [ "$build" = after ] && binary=$after
        start "$binary" "$run_db" "$build-$round"
        for route in "${routes[@]}"; do
            curl -sf -o /dev/null -H "Authorization: Token $key" "$url$(path_of "$route")"
            measure "$build" "$route" "$round"
        done
        stop
    done
done
python3 - "$dir/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def runs(build, route, i):
    return [float(r[i]) for r in rows if r[0] == build and r[1] == route]
def shares(build, route, floor_route="healthz"):
    """The page's rate over the mean of its round's two floor readings, per round."""
    out = []
    for n in sorted({r[4] for r in rows if r[0] == build}):
        floor = [float(r[2]) for r in rows if r[0] == build and r[1] == floor_route and r[4] == n]
        page = [float(r[2]) for r in rows if r[0] == build and r[1] == route and r[4] == n]
        if floor and page:
            out.append(page[0] / statistics.mean(floor))
    return out
spread = lambda v: f"{statistics.median(v):,.0f} [{min(v):,.0f}-{max(v):,.0f}]"
share = lambda v: f"{statistics.median(v):.2f} [{min(v):.2f}-{max(v):.2f}]"
print(f"{'route':9} {'before pages/s':>24} {'after pages/s':>24} {'after/before':>12} "
      f"{'p99 ms before/after':>20} {'floor share before':>20} {'floor share after':>20} "
      f"{'static share after':>20}")
for route in ["healthz", "static", "chats", "inbox", "chatlist"]:
    b, a = runs("before", route, 2), runs("after", route, 2)
    pb, pa = runs("before", route, 3), runs("after", route, 3)
    ratio = statistics.median(a) / statistics.median(b)
    print(f"{route:9} {spread(b):>24} {spread(a):>24} {ratio:>12.2f} "
          f"{statistics.median(pb):>9.2f}/{statistics.median(pa):<10.2f} "
          f"{share(shares('before', route)):>20} {share(shares('after', route)):>20} "
          f"{share(shares('after', route, 'static')):>20}")
PY
