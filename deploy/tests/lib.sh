# Shared by the recipe checks in this folder (sourced, not run): a temporary folder, a
# real natter on a free port, the recipe blocks read out of docs/deploy.md itself (so a
# check tests the text an operator copies, not a copy of it), and loud SKIPPED lines.
#
# NATTER_BIN: the natter binary to run (default: target/debug/natter, then
# target/release/natter, under CARGO_TARGET_DIR or the checkout's target/).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# DEPLOY_MD: another copy of the guide to test (e.g. an older one, to see its recipe fail).
DEPLOY_MD=${DEPLOY_MD:-$ROOT/docs/deploy.md}
CHECK=$(basename "$0" .sh)

if [ -z "${NATTER_BIN:-}" ]; then
  target=${CARGO_TARGET_DIR:-$ROOT/target}
  for candidate in "$target/debug/natter" "$target/release/natter"; do
    if [ -x "$candidate" ]; then
      NATTER_BIN=$candidate
      break
    fi
  done
fi
if [ -z "${NATTER_BIN:-}" ] || [ ! -x "$NATTER_BIN" ]; then
  echo "$CHECK: FAILED: no natter binary (set NATTER_BIN, or cargo build first)" >&2
  exit 1
fi
NATTER_BIN=$(cd "$(dirname "$NATTER_BIN")" && pwd)/$(basename "$NATTER_BIN")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/natter-$CHECK.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${KEEP_WORK:-0}" = 1 ]; then
    echo "$CHECK: work folder kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

say() { echo "$CHECK: $*"; }
fail() {
  echo "$CHECK: FAILED: $*" >&2
  exit 1
}
# A loud line for what cannot run here; a check that runs nothing then exits 77 (run-all
# counts it as skipped), one that runs the rest goes on.
skipped() { echo "*** $CHECK: SKIPPED: $* ***"; }

# Installs Debian packages that are missing (as root; CI is root). Returns non-zero if
# they could not be installed.
have_or_install() {
  local command=$1
  shift
  command -v "$command" >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || return 1
  (apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null)) ||
    return 1
  command -v "$command" >/dev/null 2>&1
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until http://127.0.0.1:$1/ answers, at most 20 s.
wait_http() {
  local i
  for i in $(seq 1 200); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  return 1
}

# The body of the first fenced block of language $2 after the line equal to $1 (a
# heading) in docs/deploy.md.
recipe_block() {
  awk -v heading="$1" -v fence="\`\`\`$2" '
    $0 == heading { inside_section = 1; next }
    inside_section && !in_block && $0 == fence { in_block = 1; next }
    in_block && $0 == "```" { exit }
    in_block { print }
  ' "$DEPLOY_MD"
}

# Waits (at most 10 s: natter's log may be written off the request path) until natter's
# log holds the fixed string $1.
wait_log() {
  local i
  for i in $(seq 1 100); do
    grep -qF -- "$1" "$WORK/natter.log" && return 0
    sleep 0.1
  done
  return 1
}

# Starts natter in the background on 127.0.0.1:$NATTER_PORT with the given extra flags;
# its stdout and stderr go to $WORK/natter.log. Sets NATTER_PID.
start_natter() {
  NATTER_PORT=${NATTER_PORT:-$(free_port)}
  "$NATTER_BIN" --listen "127.0.0.1:$NATTER_PORT" "$@" >>"$WORK/natter.log" 2>&1 &
  NATTER_PID=$!
  PIDS+=("$NATTER_PID")
  wait_http "$NATTER_PORT" || {
    cat "$WORK/natter.log" >&2
    fail "natter did not start"
  }
}

# Stops natter with SIGTERM (as systemctl stop does) and checks it exited 0.
stop_natter() {
  kill -TERM "$NATTER_PID"
  local status=0
  wait "$NATTER_PID" || status=$?
  [ "$status" = 0 ] || fail "natter exited $status on SIGTERM"
}

# Registers $1 (password correct-horse) at base URL $2 with curl options after it;
# prints the DRF token.
register() {
  local name=$1 base=$2
  shift 2
  curl -sS --fail-with-body "$@" -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$name\",\"email\":\"$name@example.org\",\"password\":\"correct-horse\"}" \
    "$base/api/auth/register/" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
