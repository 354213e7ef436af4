#!/bin/bash
# CPU time per acknowledged send in the steady state: all of natter's threads, and its
# SQLite writer thread alone, over 4 s in the middle of an 8 s `natter-bench send` run
# (setting up the senders, which is mostly password hashing, and the warm-up are left
# out). Messages are counted in the database. Compare builds by alternating runs.
# Usage:
#   bench/scripts/send-cpu.sh [rest|socket]
# NATTER / BENCH override target/release/natter and target/release/natter-bench.
# Needs sqlite3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
transport=${1:-rest}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
    --rate-limits off --sync full >"$dir/natter.out" &
pid=$!
wait_listening "$dir/natter.out"
"$bench" send --url "$url" --db "$dir/n.db" --transport "$transport" --secs 8 >"$dir/out" 2>&1 &
load=$!
sleep 3.5
writer=$(ps -T -p "$pid" | awk '/natter-writer/ {print $2}')
ticks() { awk '{print $14 + $15}' "$1"; }
sent() { sqlite3 "$dir/n.db" 'SELECT max(id) FROM messages'; }
all1=$(ticks "/proc/$pid/stat"); writer1=$(ticks "/proc/$pid/task/$writer/stat"); sent1=$(sent)
sleep 4
all2=$(ticks "/proc/$pid/stat"); writer2=$(ticks "/proc/$pid/task/$writer/stat"); sent2=$(sent)
wait "$load"
hz=$(getconf CLK_TCK)
awk -v all=$((all2 - all1)) -v w=$((writer2 - writer1)) -v n=$((sent2 - sent1)) -v hz="$hz" \
    'BEGIN { printf "all_threads_us_per_send %.2f  writer_us_per_send %.2f  msgs_per_s %.0f\n",
             all * 1e6 / hz / n, w * 1e6 / hz / n, n / 4 }'
