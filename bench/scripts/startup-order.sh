#!/bin/bash
# Writes build/startup-order.txt: the functions a fresh start of natter runs (on a new
# SQLite database, through its first seconds of idling).
# The linker puts them together at the front of the executable (build/link.rs), so a
# start maps a couple of MB of machine code instead of most of it. Run it when a start
# does something new, or after a Rust or dependency upgrade (the names carry hashes of
# both); a stale list costs memory, never correctness. The names are the release
# profile's. Needs valgrind (callgrind). Usage:
#   bench/scripts/startup-order.sh            builds the release binary first
# NATTER overrides target/release/natter (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
if [ -z "${NATTER:-}" ]; then
    cargo build --release --bin natter
fi
natter=$(realpath "${NATTER:-target/release/natter}")
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

valgrind --tool=callgrind --demangle=no --callgrind-out-file="$dir/profile" \
    "$natter" --listen 127.0.0.1:0 --db "$dir/natter.db" --media-dir "$dir/media" \
    >"$dir/natter.out" 2>"$dir/natter.err" &
pid=$!
wait_listening "$dir/natter.out"
# The idle server's first rounds of its timers.
sleep 5
kill -INT "$pid"
wait "$pid" || true
pid=

# Every function callgrind saw run that natter's own executable defines as code (not
# libc's), each once, as callgrind lists them.
nm --defined-only "$natter" | awk '$2 ~ /^[tTwW]$/ {print $3}' >"$dir/symbols"
python3 - "$dir/profile" "$dir/symbols" >build/startup-order.txt <<'EOF'
import re, sys
profile, symbols = sys.argv[1], sys.argv[2]
code = set(open(symbols).read().split())
names, order, seen = {}, [], set()
for line in open(profile, errors="replace"):
    m = re.match(r"c?fn=\((\d+)\)(?: (.+))?$", line.rstrip("\n"))
    if not m:
        continue
    fid, name = m.group(1), m.group(2)
    if name is not None:
        names[fid] = name
    name = names.get(fid)
    if name in code and name not in seen:
        seen.add(name)
        order.append(name)
print("\n".join(order))
EOF
echo "build/startup-order.txt: $(wc -l <build/startup-order.txt) functions" >&2
