#!/bin/bash
# CPU time per `history` page, of natter (user + system, from /proc) and of the
# generator (user and system, from GNU time), over a whole `history` run against a
# natter started here. CPU time is what this shared machine's steal disturbs least;
# compare builds by alternating runs. Usage:
#   bench/scripts/history-cpu.sh [history flags...]     default: --big 1000 --secs 6
# NATTER / BENCH override target/release/natter and target/release/natter-bench.
# Needs GNU time (/usr/bin/time) and python3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
flags=("$@")
[ ${#flags[@]} -eq 0 ] && flags=(--big 1000 --secs 6)
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
    --rate-limits off >"$dir/natter.out" 2>&1 &
pid=$!
wait_listening "$dir/natter.out"

read -r s0 < <(awk '{print $14 + $15}' "/proc/$pid/stat")
/usr/bin/time -f "%U %S" -o "$dir/time" "$bench" --natter "$natter" --url "$url" \
    --db "$dir/n.db" history "${flags[@]}" >"$dir/out" 2>&1 || { cat "$dir/out"; exit 1; }
read -r s1 < <(awk '{print $14 + $15}' "/proc/$pid/stat")

grep -v '^{' "$dir/out" | grep -E 'pages_per_s|errors'
# Seeding (natter's `seed-messages`, a separate process) is not in natter's time; the
# generator's includes its setup, which is small next to the reading.
grep '^{' "$dir/out" | python3 -c '
import json, sys
f = json.load(sys.stdin)["figures"]
server_ticks, gen_user, gen_sys, tick, secs = (float(a) for a in sys.argv[1:6])
pages = (f["small_pages_per_s"] + f["big_pages_per_s"]) * secs
print(f"server CPU per page: {server_ticks / tick * 1e6 / pages:.0f} us")
print(f"generator CPU per page: user {gen_user * 1e6 / pages:.0f} us, system {gen_sys * 1e6 / pages:.0f} us")
' "$((s1 - s0))" $(cat "$dir/time") "$(getconf CLK_TCK)" \
    "$(echo " ${flags[*]} " | grep -o -- ' --secs [0-9.]*' | awk '{print $2}' || echo 10)"
