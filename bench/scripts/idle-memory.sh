#!/bin/bash
# natter's memory idle after a fresh start: private (anonymous) memory first, the one a
# machine pays for, then RSS and its file-backed part, which are the executable's and the
# C library's pages, shared with the file cache and given back first under pressure.
# Each run starts a binary on a new SQLite database (`--log warn`), waits SECS seconds
# without a request, then reads /proc/PID/status. With several
# binaries the runs alternate (a, b, a, b, ...), so the host's drift falls on both.
# Prints one line a run, then per binary the median and the spread (lowest-highest).
# Usage:
#   bench/scripts/idle-memory.sh [-n RUNS] [-s SECS] [BINARY...]
# RUNS 5, SECS 8, BINARY target/release/natter by default. Figures in KiB:
#   private   RssAnon (anonymous resident pages: heaps, stacks, relocated data)
#   rss       VmRSS; file: RssFile (mapped from the executable and libraries)
#   threads   the process's threads
# (smaps_rollup's Private_Dirty is no substitute for RssAnon: it also counts the
# executable's pages while a freshly built file is still dirty in the page cache.)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
runs=5
secs=8
while getopts n:s: opt; do
    case $opt in
    n) runs=$OPTARG ;;
    s) secs=$OPTARG ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- target/release/natter
bins=()
for b in "$@"; do
    [ -x "$b" ] || { echo "$b is not an executable" >&2; exit 1; }
    bins+=("$(realpath "$b")")
done
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

# field FILE KEY: the KiB figure of KEY in a /proc status-like file
field() { awk -v k="$2:" '$1 == k {print $2; exit}' "$1"; }

for run in $(seq "$runs"); do
    for i in "${!bins[@]}"; do
        work="$dir/$run-$i"
        mkdir -p "$work"
        "${bins[$i]}" --listen 127.0.0.1:0 --db "$work/natter.db" --media-dir "$work/media" \
            --log warn >"$work/out" 2>"$work/err" &
        pid=$!
        wait_listening "$work/out"
        sleep "$secs"
        cp "/proc/$pid/status" "$work/status"
        kill -INT "$pid"
        wait "$pid" || true
        pid=
        line="$i $(field "$work/status" RssAnon) $(field "$work/status" VmRSS)"
        line="$line $(field "$work/status" RssFile) $(field "$work/status" Threads)"
        echo "$line" >>"$dir/lines"
        read -r _ p r f t <<<"$line"
        echo "run $run ${bins[$i]}: private $p rss $r file $f threads $t"
    done
done

# median [spread] of column COL over binary I's lines
summary() {
    awk -v i="$1" -v c="$2" '$1 == i {print $c}' "$dir/lines" | sort -n |
        awk '{v[NR] = $1} END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%d [%d-%d]", m, v[1], v[NR]
        }'
}
for i in "${!bins[@]}"; do
    echo "${bins[$i]} ($runs runs, ${secs} s idle, KiB): private $(summary "$i" 2)," \
        "rss $(summary "$i" 3), file $(summary "$i" 4), threads $(summary "$i" 5)"
done
