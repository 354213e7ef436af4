#!/usr/bin/env bash
# Usage: commander.sh HOMESERVER SERVER_NAME ROOM_ID USER PASSWORD OTHER EARLIER_TEXT EARLIER_FILE
#
# matrix-commander, an unmodified third-party command-line Matrix client (PyPI; built on
# matrix-nio), used against natter as a person would use it from a shell.
# tests/api/matrix_clients.rs runs it against the real binary, after it has made USER and
# OTHER (both with PASSWORD), a group chat ROOM_ID between them, and, through natter's own
# API, OTHER's message EARLIER_TEXT and then a message carrying the file EARLIER_FILE
# (a local copy, with the name it was uploaded under).
#
# Every run of matrix-commander is bounded by `timeout 60`, in a temporary folder that
# holds its credentials file and store (HOME too, so nothing of the machine's own
# matrix-commander setup is read or written). Steps, one line printed each:
#   login     --login password as @USER:SERVER_NAME with a device name and ROOM_ID as the
#             default room; the credentials file names that user, a device and the room
#   devices   --devices lists that device with its name
#   rooms     --joined-rooms lists ROOM_ID
#   text      -m TEXT; prints `text: ok <event id>`
#   markdown  --markdown -m MARKDOWN; prints `markdown: ok <event id>`
#   file      -f plan.txt (uploaded encrypted, its key in the message); `file: ok <event id>`
#   tail      --listen tail --tail 10 --listen-self --download-media: OTHER's EARLIER_TEXT
#             (prints `tail: ok <its event id> ...`), TEXT and MARKDOWN as sent, and
#             EARLIER_FILE downloaded with the same bytes
#   profile   --get-profile and --get-display-name of @OTHER: OTHER's display name
#   name      --set-display-name NEW_NAME, then --get-display-name says NEW_NAME
#   presence  --get-presence after all of the above: online
#   logout    --logout me, and then --joined-rooms is refused: M_UNKNOWN_TOKEN
# Prints `ok` last and exits 0, or says what failed on stderr and exits 1.
#
# tests/api/matrix_clients.rs checks through natter's own API what the steps did, with
# the same TEXT, MARKDOWN, PLAN and NEW_NAME: keep the two alike.
set -euo pipefail

if [[ $# -ne 8 ]]; then
  sed -n '2s/^# //p' "$0" >&2
  exit 2
fi
HOMESERVER=$1 SERVER_NAME=$2 ROOM=$3 USER_NAME=$4 PASSWORD=$5 OTHER=$6
EARLIER_TEXT=$7 EARLIER_FILE=$8

# What this script sends (tests/api/matrix_clients.rs expects the same).
TEXT='hello from matrix-commander'
# shellcheck disable=SC2016 # the backticks are Markdown's, sent as typed
MARKDOWN='**Markdown** from *matrix-commander* with `code`'
PLAN='the plan, sent by matrix-commander'
NEW_NAME='Alice via Commander'
DEVICE='matrix-commander test'

MC=${MATRIX_COMMANDER:-matrix-commander}
ME="@$USER_NAME:$SERVER_NAME"
THEM="@$OTHER:$SERVER_NAME"
# matrix-commander's column separator.
SEP='    '

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export HOME=$work
out='' err='' status=0

fail() {
  echo "commander.sh: FAILED: $1" >&2
  printf -- '--- last matrix-commander exit status: %s\n--- its stdout\n%s\n--- its stderr\n%s\n' \
    "$status" "$out" "$err" >&2
  exit 1
}

# Runs matrix-commander with the arguments, with this folder's credentials and store;
# leaves its stdout in $out, its stderr in $err and its exit status in $status.
mc() {
  status=0
  timeout 60 "$MC" --credentials "$work/credentials.json" --store "$work/store" "$@" \
    >"$work/stdout" 2>"$work/stderr" || status=$?
  out=$(<"$work/stdout")
  err=$(<"$work/stderr")
}

# As mc, and fails unless matrix-commander exited 0.
mc_ok() {
  local what=$1
  shift
  mc "$@"
  [[ $status -eq 0 ]] || fail "$what: matrix-commander exited $status"
}

# Prints the first line of $1 that holds every further argument (fixed strings); fails
# (returns 1) when none does.
line_with() {
  local text=$1 line part
  shift
  while IFS= read -r line; do
    for part in "$@"; do
      [[ $line == *"$part"* ]] || continue 2
    done
    printf '%s\n' "$line"
    return 0
  done <<<"$text"
  return 1
}

# A field of the credentials file matrix-commander wrote.
credential() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$work/credentials.json" "$1"
}

# The event id in a --print-event-id line `<event id>    <room id>    <what was sent>`.
sent_event() {
  local what=$1 sent=$2
  [[ $out == "\$"*"$SEP$ROOM$SEP$sent" ]] || fail "$what: no event id printed for it"
  echo "${out%%"$SEP"*}"
}

mc_ok login --login password --homeserver "$HOMESERVER" --user-login "$ME" \
  --password "$PASSWORD" --device "$DEVICE" --room-default "$ROOM"
[[ -f $work/credentials.json ]] || fail "login: no credentials file written"
[[ $(credential user_id) == "$ME" ]] || fail "login: credentials name $(credential user_id), not $ME"
[[ $(credential room_id) == "$ROOM" ]] || fail "login: default room $(credential room_id), not $ROOM"
device_id=$(credential device_id)
[[ -n $device_id ]] || fail "login: no device id"
[[ -n $(credential access_token) ]] || fail "login: no access token"
echo "login: ok $ME device $device_id"

mc_ok devices --devices
line_with "$out" "$device_id$SEP$DEVICE$SEP" >/dev/null || fail "devices: $device_id named '$DEVICE' not listed"
echo "devices: ok $device_id '$DEVICE'"

mc_ok rooms --joined-rooms
grep -Fxq -- "$ROOM" <<<"$out" || fail "rooms: $ROOM not among the joined rooms"
echo "rooms: ok $ROOM joined"

mc_ok text -m "$TEXT" --print-event-id
text_event=$(sent_event text "$TEXT")
echo "text: ok $text_event"

mc_ok markdown --markdown -m "$MARKDOWN" --print-event-id
markdown_event=$(sent_event markdown "$MARKDOWN")
echo "markdown: ok $markdown_event"

printf '%s\n' "$PLAN" >"$work/plan.txt"
# matrix-commander uploads every file encrypted, its key in the message: natter opens it.
mc_ok file -f plan.txt --print-event-id
file_event=$(sent_event file plan.txt)
echo "file: ok $file_event"

mkdir "$work/media"
mc_ok tail --listen tail --tail 10 --listen-self --print-event-id --download-media "$work/media"
earlier=$(line_with "$out" "[$THEM] | " "| $EARLIER_TEXT") \
  || fail "tail: $THEM's '$EARLIER_TEXT' (sent through natter's API) not listed"
earlier=${earlier%" | $EARLIER_TEXT"}
earlier_event=${earlier##* | }
line_with "$out" "[$ME] | " "| $text_event | $TEXT" >/dev/null || fail "tail: the text sent is not listed as sent"
line_with "$out" "[$ME] | " "| $markdown_event | $MARKDOWN" >/dev/null \
  || fail "tail: the Markdown is not listed as typed"
line_with "$out" "[$ME] | " "| $file_event | " "plan.txt" >/dev/null || fail "tail: plan.txt not listed"
earlier_name=$(basename -- "$EARLIER_FILE")
line_with "$out" "[$THEM] | " "Received file: $earlier_name" >/dev/null \
  || fail "tail: $THEM's file $earlier_name not listed"
[[ -f $work/media/$earlier_name ]] || fail "tail: $earlier_name not downloaded"
cmp -s -- "$work/media/$earlier_name" "$EARLIER_FILE" || fail "tail: $earlier_name downloaded with other bytes"
echo "tail: ok $earlier_event $THEM '$EARLIER_TEXT', the text and the Markdown as sent, $earlier_name downloaded"

mc_ok profile --get-profile "$THEM"
[[ $out == "$OTHER$SEP"* ]] || fail "profile: $THEM's profile does not give the display name $OTHER"
mc_ok profile --get-display-name --user "$THEM"
grep -Fxq -- "$THEM$SEP$OTHER" <<<"$out" || fail "profile: $THEM's display name is not $OTHER"
echo "profile: ok $THEM is '$OTHER'"

mc_ok name --set-display-name "$NEW_NAME"
mc_ok name --get-display-name
grep -Fxq -- "$ME$SEP$NEW_NAME" <<<"$out" || fail "name: the display name read back is not '$NEW_NAME'"
echo "name: ok '$NEW_NAME'"

mc_ok presence --get-presence
[[ $out == "$ME${SEP}online$SEP"* ]] || fail "presence: $ME, who just synced, is not online"
echo "presence: ok online"

mc_ok logout --logout me
mc --joined-rooms
[[ $status -ne 0 ]] || fail "logout: the signed-out device still lists rooms"
grep -Fq M_UNKNOWN_TOKEN <<<"$err" || fail "logout: the signed-out token is not refused as M_UNKNOWN_TOKEN"
echo "logout: ok, the token is refused after"

echo ok
