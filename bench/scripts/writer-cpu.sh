#!/bin/bash
# CPU time of natter's SQLite writer thread per acknowledged send (user + system, in
# microseconds), over one `natter-bench send` run: the writer is what limits sends, and
# its CPU per send is steadier on this shared machine than sends/s. Compare builds by
# alternating runs. Usage:
#   bench/scripts/writer-cpu.sh [rest|socket] [send flags...]      e.g. rest --secs 6
# NATTER / BENCH override target/release/natter and target/release/natter-bench.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
transport=${1:-rest}
shift || true
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
    --rate-limits off --sync full >"$dir/natter.out" &
pid=$!
wait_listening "$dir/natter.out"
"$bench" send --url "$url" --db "$dir/n.db" --transport "$transport" "$@" >"$dir/out" 2>&1
writer=$(ps -T -p "$pid" | awk '/natter-writer/ {print $2}')
ticks=$(awk '{print $14 + $15}' "/proc/$pid/task/$writer/stat")
acked=$(grep -o '"acked_total":[0-9.]*' "$dir/out" | cut -d: -f2)
rate=$(grep -o "\"${transport}_msgs_per_s\":[0-9.]*" "$dir/out" | cut -d: -f2)
hz=$(getconf CLK_TCK)
awk -v t="$ticks" -v a="$acked" -v hz="$hz" -v r="$rate" \
    'BEGIN { printf "writer_us_per_send %.2f  msgs_per_s %s\n", t * 1e6 / hz / a, r }'
