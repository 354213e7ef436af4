#!/bin/bash
# Writes build/startup-order.txt: the functions natter runs from a fresh start (a new
# SQLite database, its first seconds of idling), then those a health check, the page and
# a first visit add (the web client opened, two sign-ups, a chat, its messages, the
# socket: bench/web/coldload.mjs, one run). The linker puts them first, together, in
# that order (build/link.rs), so an idle server maps about 3 MB of its machine code
# instead of most of it. Run it when a start or a first visit does something new, or
# after a Rust or dependency upgrade (the names carry hashes of both); a stale list
# costs memory, never correctness. Each profile names its functions differently: the
# release build's list is build/startup-order.txt, the dist build's (the package)
# build/startup-order-dist.txt. Needs valgrind (callgrind), Chromium and tests/browser's
# packages (cd tests/browser && npm ci). Usage:
#   bench/scripts/startup-order.sh [release|dist]     builds that profile first
# NATTER names a release binary already built (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
profile=${1:-release}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
case "$profile" in
release)
    [ -n "${NATTER:-}" ] || cargo build --release --bin natter
    natter=$(realpath "${NATTER:-target/release/natter}")
    list=build/startup-order.txt
    ;;
dist)
    # Stripped: the linker's map says which function is where (build/link.rs writes it
    # when NATTER_LINK_MAP names a file).
    map=$(realpath -m target/dist/natter.map)
    NATTER_LINK_MAP="$map" cargo build --profile dist --bin natter
    natter=$(realpath target/dist/natter)
    list=build/startup-order-dist.txt
    ;;
*)
    echo "usage: $0 [release|dist]" >&2
    exit 2
    ;;
esac

valgrind --tool=callgrind --demangle=no --callgrind-out-file="$dir/profile" \
    "$natter" --listen 127.0.0.1:0 --db "$dir/natter.db" --media-dir "$dir/media" \
    >"$dir/natter.out" 2>"$dir/natter.err" &
pid=$!
wait_listening "$dir/natter.out"
# Each step's functions go to a file of their own (callgrind counts afresh after a
# dump), so the list holds them step by step: a request touches the code right after
# the start's. profile.1: the start and the idle server's first rounds of its timers;
# .2: a health check (what a supervisor asks first); .3: the page and who is signed in;
# profile: the visit.
sleep 5
callgrind_control --dump "$pid" >/dev/null 2>&1
curl -fsS -o /dev/null "$url/healthz"
callgrind_control --dump "$pid" >/dev/null 2>&1
curl -fsS -o /dev/null -H 'Accept-Encoding: br' "$url/"
curl -sS -o /dev/null "$url/api/auth/me/"
callgrind_control --dump "$pid" >/dev/null 2>&1
node bench/web/coldload.mjs "$url" 1 >"$dir/visit.out" 2>&1 ||
    { cat "$dir/visit.out" >&2; exit 1; }
kill -INT "$pid"
wait "$pid" || true
pid=

# Every function callgrind saw run that natter's own executable defines (not libc's),
# each once, step by step.
if [ "$profile" = release ]; then
    nm --defined-only "$natter" | awk '$2 ~ /^[tTwW]$/ {print $3}' >"$dir/symbols"
    names=(symbols "$dir/symbols")
else
    names=(map "$map" "$natter")
fi
python3 bench/scripts/startup-order.py "${names[@]}" "$dir"/profile.{1,2,3} "$dir/profile" \
    >"$list"
echo "$list: $(wc -l <"$list") functions" >&2
