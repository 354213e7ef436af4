#!/bin/bash
# Memory of natter while one person asks for their own export (GET /api/account/export/)
# several times at once: a person with 4 uploads of 10 MiB that do not compress, then
# COUNT (4) concurrent exports read to the end by curl. Prints the growth over the
# baseline of the peak anonymous memory (RssAnon, sampled every 20 ms) and of the peak
# resident set (VmHWM), the statuses the exports got, and the slowest of another
# person's chat list requests made one after another while they ran.
# Usage:
#   bench/scripts/export-memory.sh [COUNT]
# NATTER overrides target/release/natter (a debug build measures the same allocations).
# Needs curl and jq.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
count=${1:-4}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

"$natter" --listen 127.0.0.1:0 --db "$dir/n.db" --media-dir "$dir/media" --log warn \
    --rate-limits off >"$dir/natter.out" &
pid=$!
wait_listening "$dir/natter.out"
token=$(curl -sf "$url/api/auth/register/" -H 'Content-Type: application/json' \
    -d '{"username": "ann", "email": "ann@example.org", "password": "correct-horse"}' |
    jq -r .token)
bob=$(curl -sf "$url/api/auth/register/" -H 'Content-Type: application/json' \
    -d '{"username": "bob", "email": "bob@example.org", "password": "correct-horse"}' |
    jq -r .token)
for n in 1 2 3 4; do
    head -c $((10 * 1024 * 1024)) /dev/urandom >"$dir/part-$n.bin"
    curl -sf "$url/api/files/upload/" -H "Authorization: Token $token" \
        -F "file=@$dir/part-$n.bin" >/dev/null
done
kib() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
anon0=$(kib RssAnon); hwm0=$(kib VmHWM); peak=$anon0
for n in $(seq "$count"); do
    curl -s -o "$dir/export-$n.zip" -w '%{http_code}\n' \
        -H "Authorization: Token $token" "$url/api/account/export/" >"$dir/status-$n" &
done
while true; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Token $bob" \
        "$url/messages/api/chats/" >>"$dir/bob"
done &
asker=$!
while [ -n "$(jobs -r -p | grep -v -e "^$pid$" -e "^$asker$")" ]; do
    now=$(kib RssAnon); [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.02
done
kill "$asker"
hwm=$(kib VmHWM)
echo "statuses: $(cat "$dir"/status-* | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}')"
echo "zip bytes: $(stat -c %s "$dir"/export-*.zip | sort -n | tail -1)"
echo "another person's requests: $(wc -l <"$dir/bob"), slowest $(sort -n "$dir/bob" | tail -1) s"
echo "RssAnon baseline ${anon0} KiB, peak +$((peak - anon0)) KiB; VmHWM baseline ${hwm0} KiB, peak +$((hwm - hwm0)) KiB"
