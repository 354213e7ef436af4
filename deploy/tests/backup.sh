#!/usr/bin/env bash
# docs/deploy.md "Backups": the recipe's `natter-backup` script, read out of the doc, run
# for real with rsync on a fresh install: natter serving a new database with no upload yet
# (no media folder) and a destination whose folders do not exist (the first night). Then
# after an upload, and then the recipe's restore, from that destination, into a stopped
# natter. Only `state=` is changed (a temporary folder for /var/lib/natter); `natter` is
# found on PATH as the recipe expects.
source "$(dirname "$0")/lib.sh"

have_or_install rsync rsync || fail "rsync is not installed and apt-get could not install it"
have_or_install sqlite3 sqlite3 || fail "sqlite3 is not installed and apt-get could not install it"
say "$(rsync --version | head -1), natter $NATTER_BIN"

state=$WORK/state
mkdir -p "$state" "$WORK/bin"
ln -s "$NATTER_BIN" "$WORK/bin/natter"
export PATH="$WORK/bin:$PATH"
recipe_block '### `natter backup` on a timer' sh |
  sed -e "s|^state=/var/lib/natter\$|state=$state|" >"$WORK/bin/natter-backup"
grep -q "^state=$state\$" "$WORK/bin/natter-backup" || fail "the recipe's state= line changed"
chmod +x "$WORK/bin/natter-backup"

start_natter --db "$state/natter.db" --media-dir "$state/media"
BASE="http://127.0.0.1:$NATTER_PORT"
TOKEN=$(register alice "$BASE")
[ -e "$state/media" ] && say "note: natter made $state/media before any upload"

# The first night: no upload yet, and nothing at the destination.
export NATTER_BACKUP_DEST=$WORK/offsite/natter
natter-backup >"$WORK/first.log" 2>&1 || fail "first run on a fresh install: exit $? $(cat "$WORK/first.log")"
ls "$NATTER_BACKUP_DEST"/db/natter-*.db >/dev/null || fail "no database copy at the destination"
say "first night (no media folder, new destination): $(cat "$WORK/first.log"); destination: $(cd "$NATTER_BACKUP_DEST" && find . -type f | sort | tr '\n' ' ')"

# After an upload: the media file travels too.
printf 'hello\n' >"$WORK/hello.txt"
file=$(curl -sS --fail-with-body -H "Authorization: Token $TOKEN" -F "file=@$WORK/hello.txt" \
  "$BASE/api/files/upload/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
sleep 1 # the copies are named to the second
natter-backup >"$WORK/second.log" 2>&1 || fail "second run: exit $? $(cat "$WORK/second.log")"
sha=$(sha256sum "$WORK/hello.txt" | cut -d' ' -f1)
[ -f "$NATTER_BACKUP_DEST/media/$sha" ] || fail "the upload did not reach the destination: $(find "$NATTER_BACKUP_DEST")"
copies=$(ls "$NATTER_BACKUP_DEST"/db/natter-*.db | wc -l)
[ "$copies" = 2 ] || fail "expected 2 database copies at the destination, found $copies"
say "after an upload: $(cat "$WORK/second.log"); media/$sha at the destination"

# The recipe's restore, from the destination (a local folder standing in for the other
# machine), after a write that the backup does not hold.
curl -sS --fail-with-body -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d '{"username":"bob","email":"bob@example.org","password":"correct-horse"}' "$BASE/api/auth/register/"
stop_natter
latest=$(ls -1t "$NATTER_BACKUP_DEST"/db/natter-*.db | head -1)
(
  cd "$state"
  mv natter.db natter.db.before-restore
  rm -f natter.db-wal natter.db-shm
  rsync "$latest" natter.db
  rsync -a "$NATTER_BACKUP_DEST/media/" media/
)
unset NATTER_PORT
start_natter --db "$state/natter.db" --media-dir "$state/media"
BASE="http://127.0.0.1:$NATTER_PORT"
me=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Token $TOKEN" "$BASE/api/auth/me/")
[ "$me" = 200 ] || fail "after the restore alice's token: $me"
got=$(curl -sS --fail-with-body -H "Authorization: Token $TOKEN" "$BASE/api/files/$file/download/")
[ "$got" = hello ] || fail "after the restore the upload reads: $got"
bob=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d '{"username":"bob","password":"correct-horse"}' "$BASE/api/auth/login/")
[ "$bob" != 200 ] || fail "bob signed up after the backup, yet logs in after the restore"
say "restore: alice's token works, her file downloads, bob (signed up after the backup) is gone ($bob)"
say "ok"
