#!/usr/bin/env bash
# Usage: schemathesis.sh [-n MAX_EXAMPLES] SPEC_DIR NATTER_BIN [EXTRA SCHEMATHESIS ARGS...]
#
# Property-based tests of natter's Matrix surface against the Matrix specification's own
# OpenAPI files, with schemathesis 4 (`schemathesis` on PATH, as in .ci/run).
#
#   SPEC_DIR    the specification's client-server directory: `data/api/client-server` of a
#               checkout of github.com/matrix-org/matrix-spec (its yaml files $ref
#               `../../event-schemas/...` and `../application-service/...`, so the
#               directory must sit in the checkout's `data/` tree, not be copied alone)
#   NATTER_BIN  a built natter (target/debug/natter)
#
# Starts NATTER_BIN on a new SQLite database in a temporary folder on a free loopback port
# (`--rate-limits off`, `--registration open`, server name `localhost`), makes two
# people with `natter create-user` (alice, bob), signs alice in with POST /login
# (m.login.password) and makes, through the Matrix API, a room of alice's with bob invited
# and one message in it. Those ids go to schemathesis as dictionaries, so that most
# generated requests name a real user, room and event (path.userId, path.roomId,
# path.eventId) and the rest name random ones.
#
# Then runs `schemathesis run` once per specification file that has an operation natter
# serves, restricted to those operations (SERVED below, by operationId), with
# `--origin` so that each file's own basePath (`servers` in the file: /_matrix/client/v3,
# /_matrix/client/v1, /_matrix/client, /_matrix, /.well-known) is kept, and
# `Authorization: Bearer <alice's token>`. POST /logout and /logout/all end the token they
# are called with, so they run last, and with device_management.yaml (DELETE /devices/{id}
# and /delete_devices end the caller's own device when the stateful phase finds its id)
# through a hook (written to the temporary folder) that signs in anew for every request.
#
# With MATRIX_SERVER_URL set, NATTER_BIN is not started (pass `-`): the same runs go to
# that homeserver instead, which must have server name `localhost` and open registration
# without verification (alice and bob are registered there with m.login.dummy). That is
# how the exclusions below were checked against Synapse.
#
# Prints schemathesis' own report per file, then one line per file (ok / FAILED) and exits
# 1 if any file failed. A JUnit report per file is left in $SCHEMATHESIS_REPORTS when that
# is set.
set -euo pipefail

max_examples=25
while getopts n: opt; do
  case $opt in
  n) max_examples=$OPTARG ;;
  *) sed -n '2p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [[ $# -lt 2 ]]; then
  sed -n '2s/^# //p' "$0" >&2
  exit 2
fi
spec=$(realpath "$1")
natter=$2
shift 2
extra=("$@")
[[ -f $spec/sync.yaml ]] || { echo "$spec has no sync.yaml: not the client-server directory" >&2; exit 2; }
[[ -n ${MATRIX_SERVER_URL:-} || -x $natter ]] || { echo "$natter is not an executable" >&2; exit 2; }
command -v schemathesis >/dev/null || { echo "schemathesis is not on PATH" >&2; exit 2; }

# --- Which operations natter serves ----------------------------------------------------
# Every operation of the specification's client-server files, by file: SERVED lists the
# operationIds natter answers (src/surfaces/matrix.rs::route and ::client); the files
# and operations left out are listed after it with the reason.
declare -A SERVED=(
  [account-data.yaml]="setAccountData getAccountData setAccountDataPerRoom getAccountDataPerRoom"
  [administrative_contact.yaml]="getAccount3PIDs"
  [authed-content-repo.yaml]="getContentAuthed getContentOverrideNameAuthed getContentThumbnailAuthed getUrlPreviewAuthed getConfigAuthed"
  [banning.yaml]="ban unban"
  [capabilities.yaml]="getCapabilities"
  [content-repo.yaml]="uploadContent getContent getContentOverrideName getContentThumbnail getConfig"
  [create_room.yaml]="createRoom"
  [device_management.yaml]="getDevices getDevice updateDevice deleteDevice deleteDevices"
  [event_context.yaml]="getEventContext"
  [filter.yaml]="defineFilter getFilter"
  [inviting.yaml]="inviteUser"
  [joining.yaml]="joinRoomById joinRoom"
  [kicking.yaml]="kick"
  [leaving.yaml]="leaveRoom forgetRoom"
  [list_joined_rooms.yaml]="getJoinedRooms"
  [list_public_rooms.yaml]="getPublicRooms queryPublicRooms"
  [login.yaml]="getLoginFlows login"
  [message_pagination.yaml]="getRoomEvents"
  [presence.yaml]="setPresence getPresence"
  [profile.yaml]="getUserProfile getProfileField setProfileField"
  [pusher.yaml]="getPushers postPusher"
  [pushrules.yaml]="getPushRules getPushRulesGlobal getPushRule deletePushRule setPushRule setPushRuleEnabled setPushRuleActions"
  [read_markers.yaml]="setReadMarker"
  [receipts.yaml]="postReceipt"
  [redaction.yaml]="redactEvent"
  [registration.yaml]="register requestTokenToRegisterEmail checkUsernameAvailability"
  [registration_tokens.yaml]="registrationTokenValidity"
  [room_send.yaml]="sendMessage"
  [room_state.yaml]="setRoomStateWithKey"
  [rooms.yaml]="getOneRoomEvent getRoomStateWithKey getRoomState getMembersByRoom getJoinedMembersByRoom"
  [sso_login_redirect.yaml]="redirectToSSO redirectToIdP"
  [sync.yaml]="sync"
  [third_party_lookup.yaml]="getProtocols"
  [third_party_membership.yaml]="inviteBy3PID"
  [typing.yaml]="setTyping"
  [users.yaml]="searchUserDirectory"
  [versions.yaml]="getVersions"
  [wellknown.yaml]="getWellknown"
  [whoami.yaml]="getTokenOwner"
  # Last: each call ends the token it carries (the hook signs in anew per request).
  [logout.yaml]="logout logout_all"
)
# Not served, on purpose (each answers 404 or 405 M_UNRECOGNIZED):
#   keys.yaml, cross_signing.yaml, key_backup.yaml, to_device.yaml
#       end-to-end encryption (docs/api.md "Matrix surface": not answered yet)
#   administrative_contact.yaml (all but GET /account/3pid), password_management.yaml
#   (the requestToken routes), registration.yaml requestTokenToRegisterMSISDN,
#   third_party_lookup.yaml (all but GET /thirdparty/protocols)
#       third-party identifiers and identity servers: accounts are natter's own
#   openid.yaml, login_token.yaml, refresh.yaml, oauth_server_metadata.yaml
#       other sign-in machinery: natter's sign-in is password and its own SSO page
#   appservice_ping.yaml, appservice_room_directory.yaml
#       application services (bridges) are not supported
#   admin.yaml, account_deactivation.yaml, password_management.yaml
#       accounts are looked after through natter's own API and CLI
#   directory.yaml, list_public_rooms.yaml (directory/list/room), room_summary.yaml,
#   knocking.yaml, room_upgrades.yaml, space_hierarchy.yaml
#       room aliases, directory visibility, knocking, upgrades, spaces: no natter
#       counterpart
#   content-repo.yaml createContent, uploadContentToMXC
#       asynchronous uploads
#   relations.yaml, threads_list.yaml, room_event_by_timestamp.yaml, search.yaml,
#   notifications.yaml, tags.yaml, report_content.yaml, mutual_rooms.yaml,
#   room_initial_sync.yaml, old_sync.yaml, peeking_events.yaml, voip.yaml,
#   policy_server.yaml, support.yaml
#       not answered yet
#   profile.yaml deleteProfileField, and getProfileField/setProfileField for keys other
#   than displayname and avatar_url
#       custom profile fields (specification v1.16; natter announces up to v1.11)
#   pushrules.yaml isPushRuleEnabled, getPushRuleActions
#       (405: natter takes PUT there only)

# --- Checks ------------------------------------------------------------------------------
# Every check schemathesis has, but those below (each fails against Synapse 1.163 the
# same way, so it says nothing about natter):
CHECKS=all
EXCLUDED_CHECKS=(
  # Sends TRACE (and other methods a path does not list) and wants 405 with an `Allow`
  # header (RFC 9110). Synapse 1.163 answers `405 {"errcode":"M_UNRECOGNIZED"}` without
  # `Allow` too, as natter does: the Matrix specification asks for M_UNRECOGNIZED only.
  unsupported_method
  # "Schema-valid request rejected": the specification's schemas cannot say what a
  # server must refuse (POST /login {"type":"m.login.password"} with no password, an
  # empty ?username= at /register/available, a ban of oneself, width=0 thumbnails...).
  # Synapse 1.163 fails it on 25 operations; natter's own cases are in the report of
  # the run that brought this script (a public room with no name, an empty upload).
  positive_data_acceptance
  # "Undocumented status code": the per-operation files leave out codes the
  # specification's prose gives every endpoint (403 M_FORBIDDEN for a room the caller is
  # not in, 404 for an unknown user, 400 for a malformed since/from token, 413 M_TOO_LARGE
  # ...). Synapse 1.163 fails it on 20 of these operations.
  status_code_conformance
  # "Schema-violating request accepted": a wrongly typed parameter that a server ignores
  # or reads leniently (limit={} at /user_directory/search, no body at /createRoom or
  # /media/v3/upload). Synapse 1.163 fails it too (an upload with no body, /forget).
  negative_data_rejection
)
exclude_checks=$(IFS=,; echo "${EXCLUDED_CHECKS[*]}")

# --- The server --------------------------------------------------------------------------
dir=$(mktemp -d)
natter_pid=
cleanup() {
  if [[ -n $natter_pid ]]; then
    kill "$natter_pid" 2>/dev/null || true
    wait "$natter_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password='correct horse battery'
# mx METHOD PATH TOKEN [BODY]: the JSON answer of a Matrix request that must succeed.
mx() {
  local args=(-sS --fail-with-body -X "$1" "$url$2" -H 'Content-Type: application/json')
  [[ -n $3 ]] && args+=(-H "Authorization: Bearer $3")
  [[ $# -ge 4 ]] && args+=(--data "$4")
  curl "${args[@]}"
}
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
login_body() {
  printf '{"type":"m.login.password","identifier":{"type":"m.id.user","user":"%s"},"password":"%s","device_id":"%s"}' \
    "$1" "$password" "$2"
}
if [[ -n ${MATRIX_SERVER_URL:-} ]]; then
  # Another homeserver (Synapse, to tell natter's failures from the specification's own),
  # with open registration without verification and server name `localhost`.
  url=$MATRIX_SERVER_URL
  for who in alice bob; do
    curl -sS -o /dev/null -X POST "$url/_matrix/client/v3/register" -H 'Content-Type: application/json' \
      --data "{\"username\":\"$who\",\"password\":\"$password\",\"auth\":{\"type\":\"m.login.dummy\"}}"
  done
else
  for who in alice bob; do
    printf '%s\n' "$password" | "$natter" --db "$dir/natter.db" create-user --create-db \
      --email "$who@example.org" --password-stdin "$who" >/dev/null
  done
  NATTER_MAX_CONNECTIONS_PER_IP=1000000 "$natter" --listen 127.0.0.1:0 --db "$dir/natter.db" \
    --media-dir "$dir/media" --rate-limits off --registration open \
    --matrix-server-name localhost --log warn >"$dir/out" 2>"$dir/err" &
  natter_pid=$!
  for _ in $(seq 600); do grep -q "listening on" "$dir/out" && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*' "$dir/out" | head -1)
  [[ -n $url ]] || { echo "natter did not start:" >&2; cat "$dir/err" >&2; exit 1; }
fi
token=$(mx POST /_matrix/client/v3/login '' "$(login_body alice SCHEMATHESIS)" | field access_token)
bob_token=$(mx POST /_matrix/client/v3/login '' "$(login_body bob BOB)" | field access_token)
room=$(mx POST /_matrix/client/v3/createRoom "$token" '{"name":"fuzzed","invite":["@bob:localhost"]}' | field room_id)
room_path=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$room")
event=$(mx PUT "/_matrix/client/v3/rooms/$room_path/send/m.room.message/setup1" "$token" \
  '{"msgtype":"m.text","body":"hello"}' | field event_id)
mx POST "/_matrix/client/v3/rooms/$room_path/join" "$bob_token" '{}' >/dev/null
echo "server at $url; room $room, event $event" >&2

# --- Amendments to the specification --------------------------------------------------------
# The files are read from a copy of the specification's data/ tree, changed where the
# specification's prose (or every server, Synapse included) says more than its per-file
# OpenAPI does; each change is one of these, applied to the operations of SERVED only:
#   401 on every operation that takes an access token (its 401, if any, documents
#       user-interactive authentication only): "When credentials are required but missing
#       or invalid, the HTTP call will return with a status of 401 and the error code,
#       M_MISSING_TOKEN or M_UNKNOWN_TOKEN" (client-server-api, "Using access tokens").
#   400 on every operation with a request body: M_NOT_JSON "Request did not contain valid
#       JSON" and M_BAD_JSON are common error codes of every endpoint ("Common error codes").
#   404 on media downloads and thumbnails (M_NOT_FOUND, media that does not exist: the
#       files document no 404; Synapse answers 404 M_NOT_FOUND too).
#   display_name of a device (GET /devices, /devices/{deviceId}) may be null: Synapse
#       1.163 sends `"display_name": null` for a device without a name.
#   400 on GET/PUT/DELETE /pushrules/global/{kind}/{ruleId}[/...] for a kind outside
#       the enum: Synapse answers 400 M_UNRECOGNIZED, natter 400 M_INVALID_PARAM.
#   403 on GET /media/preview_url: a URL the server will not fetch (Synapse's previewer
#       answers 403 for addresses on its IP block list); `ts` unbounded there (servers
#       may ignore it: "the server may return a newer version"; natter does).
#   profile.yaml keyName limited to displayname and avatar_url: custom profile fields
#       came in specification v1.16, natter announces v1.11 (/_matrix/client/versions).
#   avatar_url and display_name of GET /rooms/{roomId}/joined_members may be null:
#       Synapse 1.163 sends `"avatar_url": null` for a member without a picture.
#   inviting.yaml names its path "/rooms/{roomId}/invite " with a trailing space (so as
#       not to clash with third_party_membership.yaml's): the space is dropped, else every
#       request goes to `.../invite%20`.
mkdir -p "$dir/spec"
cp -r "$spec/../.." "$dir/spec/data"
amended=$dir/spec/data/api/client-server
# shellcheck disable=SC2068 # each value is a space-separated list of operationIds
python3 - "$amended" ${SERVED[@]} <<'PY'
import os, sys, yaml
where, served = sys.argv[1], set(sys.argv[2:])
error = {"$ref": "definitions/errors/error.yaml"}
def answer(text, schema):
    return {"description": text, "content": {"application/json": {"schema": schema}}}
for name in os.listdir(where):
    if not name.endswith(".yaml"):
        continue
    path = os.path.join(where, name)
    doc = yaml.safe_load(open(path))
    paths = doc.get("paths") or {}
    for key in list(paths):
        if key != key.strip():
            paths[key.strip()] = paths.pop(key)
    for item in paths.values():
        for method, op in item.items():
            if not isinstance(op, dict) or op.get("operationId") not in served:
                continue
            responses = op.setdefault("responses", {})
            if any("accessTokenBearer" in s for s in op.get("security") or []):
                if "401" in responses:
                    old = responses["401"]["content"]["application/json"]["schema"]
                    responses["401"] = answer("(amended) UIA, or a missing or unknown token",
                                              {"anyOf": [old, error]})
                else:
                    responses["401"] = answer("(amended) a missing or unknown token", error)
            if "requestBody" in op and "400" not in responses:
                responses["400"] = answer("(amended) M_NOT_JSON, M_BAD_JSON", error)
            if op["operationId"].startswith(("getContent", "getContentThumbnail")) and "404" not in responses:
                responses["404"] = answer("(amended) M_NOT_FOUND", error)
            if op["operationId"] in ("getPushRule", "deletePushRule", "setPushRule",
                                     "setPushRuleEnabled", "setPushRuleActions") and "400" not in responses:
                responses["400"] = answer("(amended) unknown kind", error)
            if op["operationId"] == "getUrlPreviewAuthed":
                responses.setdefault("403", answer("(amended) not previewed here", error))
                for p in op.get("parameters", []):
                    if p.get("name") == "ts":
                        p["schema"] = {"type": "integer"}
            if op["operationId"] in ("getProfileField", "setProfileField"):
                for p in op.get("parameters", []):
                    if p.get("name") == "keyName":
                        p["schema"] = {"type": "string", "enum": ["displayname", "avatar_url"]}
            if op["operationId"] == "getJoinedMembersByRoom":
                ok = responses["200"]["content"]["application/json"]["schema"]
                member = ok["properties"]["joined"]
                member = member.get("additionalProperties") or next(iter(member["patternProperties"].values()))
                for key in ("avatar_url", "display_name"):
                    if key in member.get("properties", {}):
                        member["properties"][key] = {"type": ["string", "null"]}
            if op["operationId"] in ("getDevices", "getDevice"):
                ok = responses["200"]["content"]["application/json"]["schema"]
                device = ok["properties"]["devices"]["items"] if "devices" in ok.get("properties", {}) else ok
                if "$ref" in device:
                    ref = os.path.join(where, device.pop("$ref"))
                    device.update(yaml.safe_load(open(ref)))
                device.setdefault("properties", {})["display_name"]["type"] = ["string", "null"]
    yaml.safe_dump(doc, open(path, "w"), sort_keys=False, allow_unicode=True)
PY

# Real ids most of the time, random ones the rest.
cat >"$dir/schemathesis.toml" <<TOML
[dictionaries.users]
values = ["@alice:localhost", "@bob:localhost"]
[dictionaries.rooms]
values = ["$room"]
[dictionaries.events]
values = ["$event"]
[dictionaries.profile_keys]
values = ["displayname", "avatar_url"]
[parameters]
"path.userId" = { dictionary = "users", probability = 0.9 }
"path.roomId" = { dictionary = "rooms", probability = 0.9 }
"path.roomIdOrAlias" = { dictionary = "rooms", probability = 0.9 }
"path.eventId" = { dictionary = "events", probability = 0.9 }
"path.keyName" = { dictionary = "profile_keys" }
TOML

# A new device for every request (POST /logout, /logout/all and DELETE /devices end theirs).
cat >"$dir/fresh_device.py" <<'PY'
import json, os, urllib.request
import schemathesis

@schemathesis.auth(refresh_interval=None)
class FreshDevice:
    def get(self, case, context):
        body = {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": "alice"},
                "password": os.environ["FUZZ_PASSWORD"]}
        req = urllib.request.Request(os.environ["FUZZ_URL"] + "/_matrix/client/v3/login",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as answer:
            return json.load(answer)["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
PY

# --- Runs ----------------------------------------------------------------------------------
files=()
for f in "${!SERVED[@]}"; do [[ $f != logout.yaml ]] && files+=("$f"); done
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort)
files+=(logout.yaml)
summary=()
status=0
for f in "${files[@]}"; do
  include=()
  for op in ${SERVED[$f]}; do include+=(--include-operation-id "$op"); done
  auth=(-H "Authorization: Bearer $token")
  hooks=
  if [[ $f == logout.yaml || $f == device_management.yaml ]]; then
    auth=()
    hooks=$dir/fresh_device.py
  fi
  reports=()
  if [[ -n ${SCHEMATHESIS_REPORTS:-} ]]; then
    mkdir -p "$SCHEMATHESIS_REPORTS"
    reports=(--report junit --report-junit-path "$SCHEMATHESIS_REPORTS/${f%.yaml}.xml")
  fi
  echo "=== $f: ${SERVED[$f]}"
  if SCHEMATHESIS_HOOKS=$hooks FUZZ_URL=$url FUZZ_PASSWORD=$password \
    schemathesis --no-color --config-file "$dir/schemathesis.toml" run "$amended/$f" --origin "$url" \
    "${auth[@]}" "${include[@]}" --checks "$CHECKS" ${exclude_checks:+--exclude-checks "$exclude_checks"} \
    --max-examples "$max_examples" --workers 1 --request-timeout 60 --seed 1 \
    --suppress-health-check all "${reports[@]}" "${extra[@]}"; then
    summary+=("ok      $f")
  else
    summary+=("FAILED  $f")
    status=1
  fi
  if [[ -n $natter_pid ]] && ! kill -0 "$natter_pid" 2>/dev/null; then
    summary+=("natter died during $f:")
    cat "$dir/err" >&2
    status=1
    break
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
