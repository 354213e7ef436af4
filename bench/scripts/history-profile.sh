#!/bin/bash
# Where a history page's time goes, per API surface: pages/s and latency from wrk, the
# server's CPU time per page (from /proc), and a perf profile of the server under the
# same load split into HTTP, the caller check, the database, building views, JSON,
# compression, the allocator and the rest (bench/scripts/perf-buckets.py). Usage:
#   bench/scripts/history-profile.sh [ROUNDS] [SECS]     default: 3 runs of 5 s per route
# Seeds, on one server, a group chat, a room and three direct chats (the inbox's, the dm
# surface's and messenger's, each between two people of its own) of 1,000 messages each,
# then reads each surface's latest history page at its default size, the chat lists, and
# the floor (`GET /healthz`). The server runs on core 0 and wrk (1 thread, 16 keep-alive
# connections) with perf on core 1; the ROUNDS runs of each route go round-robin, then
# one more run per route is profiled (`perf record -F 999 --call-graph dwarf`), so perf
# slows no figure of the table. NATTER overrides target/release/natter. PERF_KEEP=DIR
# keeps each route's perf.data there. Needs wrk, perf, taskset, curl and python3 (and
# the right to profile: root, or kernel.perf_event_paranoid <= 1 for kernel frames).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${1:-3}
secs=${2:-5}
natter=$(realpath "${NATTER:-target/release/natter}")
buckets=$(realpath "$(dirname "$0")/perf-buckets.py")
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

taskset -c 0 "$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" \
    --log warn --rate-limits off >"$dir/natter.out" 2>&1 &
pid=$!
wait_listening "$dir/natter.out"

# Six people: 0 reads the group chat, the room and the inbox (its direct chat with 1);
# 2 reads the dm surface (with 3); 4 reads messenger (with 5).
seeded() { "$natter" --db "$dir/n.db" --media-dir "$dir/media" --log warn "$@"; }
mapfile -t people < <(seeded seed-people --prefix profile --count 6)
id_of() { cut -f1 <<<"${people[$1]}"; }
name_of() { cut -f2 <<<"${people[$1]}"; }
key_of() { cut -f3 <<<"${people[$1]}"; }
post() { # post KEY PATH JSON: the answer's body
    curl -sf -H "Authorization: Token $1" -H 'Content-Type: application/json' -d "$3" "$url$2"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
group=$(post "$(key_of 0)" /messages/api/chats/ \
    "{\"chat_type\":\"group\",\"title\":\"profile\",\"member_ids\":[$(id_of 1)]}" | field id)
room=$(post "$(key_of 0)" /api/rooms/ '{"name":"profile"}' | field id)
# The inbox's direct chat is made by its first message (the seeded 999 make 1,000).
post "$(key_of 1)" /api/messages/ "{\"receiver\":$(id_of 0),\"content\":\"hello\"}" >/dev/null
inbox=$(curl -sf -H "Authorization: Token $(key_of 0)" "$url/api/chats/" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
dm=$(post "$(key_of 2)" /api/chats/create/ "{\"user_id\":$(id_of 3)}" | field id)
messenger=$(post "$(key_of 4)" /messenger/api/chatrooms/ "{\"recipient\":\"$(name_of 5)\"}" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["id"], r["name"])')
read -r messenger messenger_name <<<"$messenger"
seeded seed-messages --chat "$group" --user "$(id_of 1)" --count 1000 >/dev/null
seeded seed-messages --chat "$room" --user "$(id_of 0)" --count 1000 >/dev/null
seeded seed-messages --chat "$inbox" --user "$(id_of 1)" --count 999 >/dev/null
seeded seed-messages --chat "$dm" --user "$(id_of 3)" --count 1000 >/dev/null
seeded seed-messages --chat "$messenger" --user "$(id_of 5)" --count 1000 >/dev/null

# name|reader|Accept-Encoding|path|path as the table shows it
routes=(
    "floor|0|identity|/healthz|/healthz"
    "chats|0|identity|/messages/api/chats/$group/messages/|/messages/api/chats/{id}/messages/"
    "chats, br|0|br|/messages/api/chats/$group/messages/|the same, Accept-Encoding: br"
    "chats: chat list|0|identity|/messages/api/chats/|/messages/api/chats/"
    "inbox|0|identity|/api/messages/|/api/messages/"
    "dm: chat list|2|identity|/api/chats/|/api/chats/"
    "rooms|0|identity|/api/rooms/$room/messages/|/api/rooms/{id}/messages/"
    "messenger|4|identity|/messenger/api/chatrooms/$messenger_name/messages/|/messenger/api/chatrooms/{name}/messages/"
)
load() { # load ROUTE SECS OUT: one wrk run of ROUTE
    IFS='|' read -r _ who enc path _ <<<"$1"
    taskset -c 1 wrk -t1 -c16 -d"${2}s" --latency -H "Authorization: Token $(key_of "$who")" \
        -H "Accept-Encoding: $enc" "$url$path" >"$3"
}
: >"$dir/runs"
for i in "${!routes[@]}"; do # a first read of each, which must succeed; its size
    IFS='|' read -r _ who enc path _ <<<"${routes[$i]}"
    curl -sf -o /dev/null -w "size $i %{size_download}\n" -H "Authorization: Token $(key_of "$who")" \
        -H "Accept-Encoding: $enc" "$url$path" >>"$dir/runs"
done
for _ in $(seq "$rounds"); do
    for i in "${!routes[@]}"; do
        read -r t0 < <(awk '{print $14 + $15}' "/proc/$pid/stat")
        load "${routes[$i]}" "$secs" "$dir/wrk"
        read -r t1 < <(awk '{print $14 + $15}' "/proc/$pid/stat")
        python3 - "$i" "$dir/wrk" "$((t1 - t0))" "$(getconf CLK_TCK)" >>"$dir/runs" <<'PY'
import re, sys
i, out, ticks, tck = sys.argv[1:]
text = open(out).read()
pages = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    sys.exit(f"route {i}: {bad.group(1)} answers were not 2xx")
ms = lambda q: (lambda v, u: float(v) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[u])(
    *re.search(q + r"%\s+([\d.]+)(us|ms|s)", text).groups())
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print("run", i, f"{rate:.0f}", f"{ms('50'):.3f}", f"{ms('99'):.3f}",
      f"{int(ticks) / int(tck) * 1e6 / pages:.1f}")
PY
    done
done
for i in "${!routes[@]}"; do # one profiled run each, perf beside wrk on core 1
    load "${routes[$i]}" "$((secs + 2))" "$dir/wrk-perf" &
    wrk_pid=$!
    sleep 1
    taskset -c 1 perf record -q -F 999 --call-graph dwarf,16384 -o "$dir/perf-$i.data" \
        -p "$pid" -- sleep "$secs" >/dev/null 2>&1
    wait "$wrk_pid"
    echo "buckets $i $(python3 "$buckets" "$dir/perf-$i.data" --json)" >>"$dir/runs"
    if [ -n "${PERF_KEEP:-}" ]; then mkdir -p "$PERF_KEEP"; mv "$dir/perf-$i.data" "$PERF_KEEP/$i.data"; fi
    rm -f "$dir/perf-$i.data"
done

names=$(printf '%s\n' "${routes[@]}" | cut -d'|' -f1,5)
python3 - "$dir/runs" "$rounds" "$secs" <<PY
import json, statistics, sys
runs, rounds, secs = sys.argv[1], sys.argv[2], sys.argv[3]
names = [line.split("|") for line in """$names""".splitlines()]
size, rate, p50, p99, cpu, share = {}, {}, {}, {}, {}, {}
for line in open(runs):
    kind, i, rest = line.split(" ", 2)
    i = int(i)
    if kind == "size":
        size[i] = int(rest)
    elif kind == "run":
        for d, v in zip((rate, p50, p99, cpu), map(float, rest.split())):
            d.setdefault(i, []).append(v)
    else:
        share[i] = json.loads(rest)
buckets = ["http", "caller", "database", "views", "json", "compression", "allocator", "other"]
heads = ["HTTP", "caller", "database", "views", "JSON", "compr.", "alloc.", "other"]
print(f"{rounds} runs of {secs} s per route (wrk -t1 -c16, server on core 0, wrk on core 1); "
      "% of the server's samples in one more profiled run")
print("| route | path | bytes | pages/s median [min–max] | p50 ms | p99 ms | server CPU µs/page | "
      + " | ".join(heads) + " | samples |")
print("|---|---|--:|--:|--:|--:|--:|" + "--:|" * len(heads) + "--:|")
for i, (name, path) in enumerate(names):
    rs = rate[i]
    s = share[i]["share"]
    shown = path if " " in path else "\`" + path + "\`"
    print(f"| {name} | {shown} | {size[i]:,} | {statistics.median(rs):,.0f} "
          f"[{min(rs):,.0f}–{max(rs):,.0f}] | {statistics.median(p50[i]):.2f} | "
          f"{statistics.median(p99[i]):.2f} | {statistics.median(cpu[i]):.0f} | "
          + " | ".join(f"{s[b]:.0f}" for b in buckets) + f" | {share[i]['samples']:,} |")
PY
