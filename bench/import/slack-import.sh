#!/usr/bin/env bash
# Times `natter import slack` of a generated export beside a serving natter, as an
# operator moving in would run it:
#
#   bench/import/slack-import.sh [MESSAGES] [RUNS]      (defaults: 1000000 and 3)
#
# Builds natter with `--release` (the README's build) unless NATTER names a binary, writes
# the export once (bench/import/make-slack-export.py), then for each run: a fresh
# database, natter serving it on a free port, the import beside it, timed with
# /usr/bin/time; it prints each run's wall time, messages a second and the import's peak
# memory, then the median and the spread.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
messages="${1:-1000000}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "${NATTER:-}" ]; then
  (cd "$root" && cargo build --release --bin natter --quiet)
  NATTER="$root/target/release/natter"
fi
python3 "$here/make-slack-export.py" "$work/export.zip" "$messages" >&2
walls=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/db" && mkdir -p "$work/db"
  "$NATTER" --db "$work/db/natter.db" --media-dir "$work/db/media" --listen 127.0.0.1:0 \
    > "$work/serve.out" 2> "$work/serve.err" &
  server=$!
  for _ in $(seq 1 100); do grep -q '^listening on' "$work/serve.out" && break; sleep 0.1; done
  grep -q '^listening on' "$work/serve.out" || { cat "$work/serve.err" >&2; exit 1; }
  /usr/bin/time -f '%e %M' -o "$work/time" \
    "$NATTER" --db "$work/db/natter.db" --media-dir "$work/db/media" import slack "$work/export.zip" \
    > "$work/import.out" 2> "$work/import.err" || { tail -20 "$work/import.err" >&2; exit 1; }
  read -r wall rss < "$work/time"
  imported=$(awk '$1 == "messages" { print $2; exit }' "$work/import.out")
  kill "$server"; wait "$server" 2>/dev/null || true
  rate=$(python3 -c "print(round($imported / $wall))")
  echo "run $run: $imported messages in ${wall} s ($rate msg/s), import peak RSS $((rss / 1024)) MiB"
  walls+=("$wall")
done
python3 - "${walls[@]}" <<'PY'
import statistics, sys
w = sorted(float(x) for x in sys.argv[1:])
print(f"median {statistics.median(w):.1f} s, spread {w[0]:.1f}-{w[-1]:.1f} s over {len(w)} runs")
PY
