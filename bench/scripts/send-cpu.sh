#!/bin/bash
# CPU time per acknowledged send in the steady state: all of natter's threads (user and
# kernel apart), its SQLite writer thread alone, and the context switches of all its
# threads, over 4 s in the middle of an 8 s `natter-bench send` run (setting up the
# senders, which is mostly password hashing, and the warm-up are left out). Messages
# are counted in the database. Compare builds by alternating runs.
# Usage:
#   bench/scripts/send-cpu.sh [rest|socket]
# NATTER / BENCH override target/release/natter and target/release/natter-bench.
# PIN=1 runs natter on core 0 and natter-bench on core 1: natter's threads then share
# one core, so each wake-up of another thread is paid in full.
# Needs sqlite3.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
transport=${1:-rest}
server=() load=()
if [[ ${PIN:-0} == 1 ]]; then
    server=(taskset -c 0) load=(taskset -c 1)
fi
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"${server[@]}" "$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" \
    --log info --rate-limits off --sync full >"$dir/natter.out" 2>/dev/null &
pid=$!
wait_listening "$dir/natter.out"
"${load[@]}" "$bench" send --url "$url" --db "$dir/n.db" --transport "$transport" --secs 8 \
    >"$dir/out" 2>&1 &
loadpid=$!
sleep 3.5
writer=$(ps -T -p "$pid" | awk '/natter-writer/ {print $2}')
user() { awk '{print $14}' "$1"; }
kernel() { awk '{print $15}' "$1"; }
# Context switches of the threads alive now (a thread that ended took its count along).
switches() { cat /proc/"$pid"/task/*/status | awk '/ctxt_switches/ {n += $2} END {print n}'; }
sent() { sqlite3 "$dir/n.db" 'SELECT max(id) FROM messages'; }
u1=$(user "/proc/$pid/stat"); k1=$(kernel "/proc/$pid/stat"); cs1=$(switches)
w1=$(($(user "/proc/$pid/task/$writer/stat") + $(kernel "/proc/$pid/task/$writer/stat")))
sent1=$(sent)
sleep 4
u2=$(user "/proc/$pid/stat"); k2=$(kernel "/proc/$pid/stat"); cs2=$(switches)
w2=$(($(user "/proc/$pid/task/$writer/stat") + $(kernel "/proc/$pid/task/$writer/stat")))
sent2=$(sent)
threads=$(ls /proc/"$pid"/task | wc -l)
wait "$loadpid"
hz=$(getconf CLK_TCK)
awk -v u=$((u2 - u1)) -v k=$((k2 - k1)) -v w=$((w2 - w1)) -v cs=$((cs2 - cs1)) \
    -v n=$((sent2 - sent1)) -v hz="$hz" -v threads="$threads" \
    'BEGIN { printf "all_threads_us_per_send %.2f (user %.2f kernel %.2f)  writer_us_per_send %.2f  switches_per_send %.2f  threads %d  msgs_per_s %.0f\n",
             (u + k) * 1e6 / hz / n, u * 1e6 / hz / n, k * 1e6 / hz / n, w * 1e6 / hz / n, cs / n, threads, n / 4 }'
