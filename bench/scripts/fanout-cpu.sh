#!/bin/bash
# CPU time per `fanout` delivery, user and system, of natter and of the generator, over
# the delivery phase only (registering the members, which is mostly password hashing,
# is left out). CPU time is what this shared machine's steal disturbs least; compare
# builds by alternating runs. Usage:
#   bench/scripts/fanout-cpu.sh [fanout flags...]      e.g. --members 1000 --messages 1000
# NATTER / BENCH override target/release/natter and target/release/natter-bench.
# Needs ss (iproute2) and GNU time (/usr/bin/time).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
    --rate-limits off >"$dir/natter.out" &
pid=$!
wait_listening "$dir/natter.out"
members=$(echo " $* " | grep -o -- ' --members [0-9]*' | awk '{print $2}' || true)
members=${members:-1000}

/usr/bin/time -f "%U %S" -o "$dir/time" "$bench" fanout "$@" --url "$url" --db "$dir/n.db" \
    >"$dir/out" 2>&1 &
timed=$!
# The delivery phase starts when every member's socket is open (the count also takes in
# the few keep-alive REST connections, so it may start while the last sockets connect).
until [ "$(ss -Htn state established "( sport = :$port )" | wc -l)" -ge "$members" ]; do
    kill -0 "$timed" 2>/dev/null || { cat "$dir/out"; exit 1; }
    sleep 0.05
done
generator=$(pgrep -P "$timed")
read -r su0 ss0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
read -r gu0 gs0 < <(awk '{print $14, $15}' "/proc/$generator/stat")
wait "$timed"
read -r su1 ss1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
# GNU time gives the generator's whole run in seconds; its clock ticks are 1/100 s.
read -r gu1 gs1 < <(awk '{printf "%d %d\n", $1 * 100 + 0.5, $2 * 100 + 0.5}' "$dir/time")

grep -v '^{' "$dir/out" | grep -E 'per_s|_ms|missing|dropped'
deliveries=$(grep -v '^{' "$dir/out" | awk '$1 == "fanout.deliveries" {print $3}')
per() { echo "scale=2; ($1) * 1000000 / $(getconf CLK_TCK) / $deliveries" | bc; }
echo "server CPU per delivery: user $(per "$su1 - $su0") us, system $(per "$ss1 - $ss0") us"
echo "generator CPU per delivery: user $(per "$gu1 - $gu0") us, system $(per "$gs1 - $gs0") us"
