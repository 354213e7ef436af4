#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a fresh natter with its own /api/schema/, the way
# `tests/api/schema_contract.rs` does in `cargo test`; for a developer working on the
# descriptions in `src/api/schema/surfaces/`. Usage:
#   scripts/fuzz-schema.sh [path/to/natter] [more schemathesis flags, e.g. --include-tag chats -n 30]
# Leaves the server's log in $DIR/natter.log (printed at the end).
set -euo pipefail
BIN=${1:-target/debug/natter}
shift || true
DIR=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" --listen 127.0.0.1:$PORT --db "$DIR/natter.db" --media-dir "$DIR/media" --rate-limits off >"$DIR/natter.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; echo "log: $DIR/natter.log"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz/" >/dev/null && break; sleep 0.1; done
register() {
  curl -sf -XPOST "http://127.0.0.1:$PORT/api/auth/register/" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Fuzz-pass-12345\",\"email\":\"$1@example.com\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
TOKEN=$(register fuzzer)
register friend >/dev/null
# Operations that end the caller's credential run last, so the rest run signed in.
ENDING='^/(api/auth/logout/|accounts/logout/|api/account/password/|api/account/sessions/\{session_id\}/|api/admin/users/\{user_id\}/\{action\}/)$'
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
URL="http://127.0.0.1:$PORT/api/schema/?format=json"
schemathesis run "$URL" -H "Authorization: Token $TOKEN" -c $CHECKS --exclude-path-regex "$ENDING" \
  --output-truncate false --suppress-health-check all "$@"
schemathesis run "$URL" -H "Authorization: Token $TOKEN" -c $CHECKS --include-path-regex "$ENDING" \
  --output-truncate false --suppress-health-check all "$@"
