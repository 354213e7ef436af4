#!/bin/bash
# Writes build/startup-order.txt: the functions natter runs from a fresh start (a new
# SQLite database, its first seconds of idling), then those a health check, the page and
# a first visit add (the web client opened, two sign-ups, a chat, its messages, the
# socket: bench/web/coldload.mjs, one run). The linker puts them first, together, in
# that order (build/link.rs), so an idle server maps about 3 MB of its machine code
# instead of most of it. Run it when a start or a first visit does something new, or
# after a Rust or dependency upgrade (the names carry hashes of both); a stale list
# costs memory, never correctness. The names are the release profile's. Needs valgrind
# (callgrind), Chromium and tests/browser's packages (cd tests/browser && npm ci). Usage:
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

# Every function callgrind saw run that natter's own executable defines as code (not
# libc's), each once, step by step.
nm --defined-only "$natter" | awk '$2 ~ /^[tTwW]$/ {print $3}' >"$dir/symbols"
python3 - "$dir/symbols" "$dir"/profile.{1,2,3} "$dir/profile" >build/startup-order.txt <<'EOF'
import re, sys
code = set(open(sys.argv[1]).read().split())
order, seen = [], set()
for profile in sys.argv[2:]:
    step = []
    names = {}
    for line in open(profile, errors="replace"):
        m = re.match(r"c?fn=\((\d+)\)(?: (.+))?$", line.rstrip("\n"))
        if not m:
            continue
        fid, name = m.group(1), m.group(2)
        if name is not None:
            names[fid] = name
        name = names.get(fid)
        if name not in code:
            continue
        # A local function another part of the crate calls is renamed NAME.llvm.<hash
        # of its part's code>, which the next change anywhere in that part changes: the
        # list keeps NAME, and the link takes any such suffix.
        name = re.sub(r"\.llvm\.\d+$", "", name)
        if name not in seen:
            seen.add(name)
            step.append(name)
    # Sorted within a step: the same run twice gives the same list (callgrind's own
    # order varies), and a module's functions sit together.
    order += sorted(step)
print("\n".join(order))
EOF
echo "build/startup-order.txt: $(wc -l <build/startup-order.txt) functions" >&2
