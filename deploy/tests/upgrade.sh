#!/usr/bin/env bash
# docs/deploy.md "Upgrading": the recipe's block, read out of the doc and run as written
# on a fresh install (no backup has run yet, so no backups folder), twice (a second
# upgrade must not trip over the first one's backup). systemd is not here: `systemctl
# stop|start natter` is SIGTERM and a start of the binary at /usr/local/bin/natter's
# stand-in, `sudo -u natter` runs the command as is, `journalctl` prints natter's log;
# /var/lib/natter and /usr/local/bin/natter are temporary paths. Then the rollback the doc
# describes: the backup put back, the old binary started on it.
# NATTER_OLD_BIN: an older natter build to upgrade from; without it the old binary is the
# same build (a loud SKIPPED line says that no schema step was crossed).
source "$(dirname "$0")/lib.sh"

state=$WORK/state
mkdir -p "$state" "$WORK/bin"
if [ -n "${NATTER_OLD_BIN:-}" ]; then
  OLD=$(cd "$(dirname "$NATTER_OLD_BIN")" && pwd)/$(basename "$NATTER_OLD_BIN")
else
  OLD=$NATTER_BIN
  skipped "no NATTER_OLD_BIN: the upgrade is from this build to itself, so no schema step is crossed (src/store/schema.rs's tests cover the steps)"
fi
NEW=$NATTER_BIN
install -m 0755 "$OLD" "$WORK/bin/natter"
cp "$NEW" "$WORK/natter-new"
export PATH="$WORK/bin:$PATH"

# The unit's ExecStart, with this trial's paths.
NATTER_BIN=$WORK/bin/natter
NATTER_PORT=$(free_port)
systemctl() {
  case "$1 $2" in
    "stop natter") stop_natter ;;
    "start natter") start_natter --db "$state/natter.db" --media-dir "$state/media" ;;
    *) fail "systemctl $*: not a step this trial knows" ;;
  esac
}
sudo() {
  [ "$1" = -u ] && [ "$2" = natter ] || fail "sudo $*: not a step this trial knows"
  shift 2
  "$@"
}
journalctl() { tail -n 20 "$WORK/natter.log"; }

recipe_block "## Upgrading" sh |
  sed -e "s|install -m 0755 natter-new /usr/local/bin/natter|install -m 0755 $WORK/natter-new $WORK/bin/natter|" \
    -e "s|/var/lib/natter|$state|g" >"$WORK/upgrade-steps.sh"
grep -q "install -m 0755 $WORK/natter-new" "$WORK/upgrade-steps.sh" || fail "the recipe's install line changed"
grep -q "/usr/local/bin\|/var/lib/natter" "$WORK/upgrade-steps.sh" && fail "a path this trial does not replace: $(cat "$WORK/upgrade-steps.sh")"

start_natter --db "$state/natter.db" --media-dir "$state/media"
BASE="http://127.0.0.1:$NATTER_PORT"
TOKEN=$(register alice "$BASE")

for round in 1 2; do
  : >"$WORK/natter.log"
  # Not under `||`, so that errexit stops at the first step that fails, as in a terminal
  # with `set -e`; the ERR trap says which.
  exec 3>&2
  set -E # the trap also fires inside the shims (functions)
  trap 'echo "upgrade: FAILED: upgrade $round, a step of the recipe failed: $(cat "$WORK/steps.log")" >&3' ERR
  # shellcheck disable=SC1091
  source "$WORK/upgrade-steps.sh" >"$WORK/steps.log" 2>&1
  trap - ERR
  set +E
  grep -q "listening on http://127.0.0.1:$NATTER_PORT" "$WORK/steps.log" ||
    fail "upgrade $round: journalctl shows no 'listening on' line: $(cat "$WORK/steps.log")"
  me=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Token $TOKEN" "$BASE/api/auth/me/")
  [ "$me" = 200 ] || fail "alice's token after upgrade $round: $me"
  say "upgrade $round: $(grep -m1 'backed up to' "$WORK/steps.log"); $(grep -m1 'listening on' "$WORK/steps.log"); alice's token: $me"
  install -m 0755 "$OLD" "$WORK/bin/natter" # the next round upgrades again
  sleep 1                                   # the backups are named to the second
done

# Going back: the first backup taken before, with the old binary.
stop_natter
first=$(ls -1tr "$state"/backups/before-upgrade-*.db | head -1)
mv "$state/natter.db" "$state/natter.db.after-upgrade"
rm -f "$state/natter.db-wal" "$state/natter.db-shm"
cp "$first" "$state/natter.db"
start_natter --db "$state/natter.db" --media-dir "$state/media"
me=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Token $TOKEN" "$BASE/api/auth/me/")
[ "$me" = 200 ] || fail "alice's token after going back: $me"
say "rollback to the old binary on $(basename "$first"): alice's token: $me"
say "ok"
