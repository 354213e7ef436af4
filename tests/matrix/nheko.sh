#!/usr/bin/env bash
# Usage: nheko.sh OUT_DIR
#
# nheko, an unmodified desktop Matrix client (Debian package `nheko`, tried with 0.11.3),
# signed in to the real natter binary under Xvfb and driven with xdotool as a person would
# use it, with screenshots. Run by hand (not in CI); it needs a built natter
# (`cargo build -p natter`, or NATTER=path/to/natter) and
#   apt-get install -y nheko xvfb xdotool imagemagick curl jq python3
#
# What it does, one line printed per step:
#   natter    starts target/debug/natter on a free port with a temporary database and media
#             folder (rate limits off), and a small logging proxy in front of it (so every
#             request nheko makes and natter's answer land in OUT_DIR/traffic.log; the
#             proxy drops Accept-Encoding so answers are logged readable, and redacts
#             passwords and access tokens). NHEKO_DIRECT=1 points nheko at natter itself.
#   seed      registers alice and bob through natter's own REST API (/api/auth/register/),
#             bob makes the group "Launch plans" with alice (/messages/api/chats/) and says
#             three things in it, one with Markdown
#   nheko     starts Xvfb (1280x800) and nheko --debug with a throwaway HOME whose
#             nheko.conf sets run_without_secure_secrets_service (no keyring needed)
#   login     types @alice:<server name> and the password; nheko's .well-known lookup at
#             https://<server name> fails (natter serves plain HTTP here), so it asks for the
#             homeserver, and gets http://127.0.0.1:<port>      -> 01-login.png
#   synced    after nheko's initial sync: signed in, the room list   -> 02-room-list.png
#   history   opens "Launch plans": bob's three messages            -> 03-room-history.png
#   send      types a message into nheko and presses Enter; natter's REST API
#             (/messages/api/chats/<id>/messages/, as bob) must list it from alice
#                                                                    -> 04-sent-from-nheko.png
#   live      bob answers through natter's REST API; nheko's waiting /sync shows it
#                                                                    -> 05-live-reply.png
#   echo      says whether the sync that returned nheko's own message carried
#             unsigned.transaction_id (without it nheko keeps its local echo: the message
#             shows twice)
# NHEKO_HOLD=SECONDS keeps natter, Xvfb and nheko running that long after the last step, to
# look around by hand (DISPLAY and addresses are printed; `import -window root x.png`).
# Prints `ok` last and exits 0, or says what failed on stderr and exits 1. Logs are kept
# in OUT_DIR (natter.log, nheko.log, traffic.log); everything else is removed at exit.
#
# Clicks are at fixed places of nheko 0.11.3's 1280x800 window (no window manager): another
# nheko version may need other coordinates (see the CLICK_ variables below).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  sed -n '2s/^# //p' "$0" >&2
  exit 2
fi
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
NATTER=${NATTER:-$repo/target/debug/natter}

for tool in nheko Xvfb xdotool import curl jq python3; do
  command -v "$tool" >/dev/null || {
    echo "nheko.sh: $tool is missing" >&2
    exit 2
  }
done
[[ -x $NATTER ]] || {
  echo "nheko.sh: no natter binary at $NATTER (cargo build -p natter)" >&2
  exit 2
}

PASSWORD=correct-horse
ROOM_TITLE='Launch plans'
SEED=(
  'Morning! The launch is on Thursday.'
  'Here is the **checklist**: docs, release notes, *announcement*.'
  'Can someone from the Matrix side confirm they see this?'
)
FROM_NHEKO="Confirmed from nheko: I see all three ($(date +%H:%M:%S))."
REPLY='Great, nheko works against natter.'

# Where nheko 0.11.3's controls are in a 1280x800 window.
CLICK_WELCOME_LOGIN='721 532'
CLICK_MXID='640 372'
CLICK_PASSWORD='640 380'
CLICK_HOMESERVER='640 496'
CLICK_LOGIN='640 582'
CLICK_FIRST_ROOM='130 77'
CLICK_COMPOSER='700 780'

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "nheko.sh: FAILED: $1 (logs in $out)" >&2
  if [[ -n ${DISPLAY:-} ]]; then
    import -window root "$out/failed.png" 2>/dev/null || true
  fi
  exit 1
}

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
  local limit=$1 i
  shift
  for ((i = 0; i < limit * 4; i++)); do
    "$@" && return 0
    sleep 0.25
  done
  return 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

shot() {
  import -window root "$out/$1"
  echo "  screenshot $out/$1"
}

click() {
  # shellcheck disable=SC2086 # "x y"
  xdotool mousemove --sync $1 click 1
  sleep 0.5
}

# --- natter ----------------------------------------------------------------------------
port=$(free_port)
: >"$work/natter.stdout"
"$NATTER" --listen "127.0.0.1:$port" --db "$work/natter.db" --media-dir "$work/media" \
  --rate-limits off --log "${NATTER_LOG:-info}" >"$work/natter.stdout" 2>"$out/natter.log" &
pids+=($!)
wait_for 20 grep -q '^listening on' "$work/natter.stdout" || fail "natter did not start"
natter=http://127.0.0.1:$port
server_name=$(curl -sf "$natter/_matrix/client/versions" >/dev/null && grep -o 'server name [^ ]*' "$out/natter.log" | head -1 | cut -d' ' -f3)
[[ -n $server_name ]] || server_name=127.0.0.1:$port

# A logging proxy: every request nheko makes and natter's answer, into traffic.log.
cat >"$work/proxy.py" <<'EOF'
import http.client, http.server, re, sys, threading, time

listen, upstream, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock, log = threading.Lock(), open(path, "a", buffering=1)
HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
       "content-length", "accept-encoding"}


def text(b, limit):
    t = b.decode("utf-8", "replace")
    t = re.sub(r'("(?:access_token|password)"\s*:\s*")[^"]+', r"\1<redacted>", t)
    return t if len(t) <= limit else t[:limit] + f"... [{len(t)} chars]"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        began = time.time()
        try:
            c = http.client.HTTPConnection("127.0.0.1", upstream, timeout=120)
            c.request(self.command, self.path, body=body or None, headers=headers)
            r = c.getresponse()
            status, answer_headers, data = r.status, r.getheaders(), r.read()
            c.close()
        except OSError as e:
            status, answer_headers, data = 502, [("Content-Type", "text/plain")], str(e).encode()
        shown = re.sub(r"access_token=[^&]+", "access_token=<redacted>", self.path)
        ctype = dict((k.lower(), v) for k, v in answer_headers).get("content-type", "")
        with lock:
            log.write(f"=== {time.strftime('%H:%M:%S')} {self.command} {shown} -> {status}"
                      f" ({int((time.time() - began) * 1000)} ms)\n")
            if body:
                log.write("  > " + text(body, 4000) + "\n")
            if "json" in ctype or ctype.startswith("text"):
                log.write("  < " + text(data, 20000) + "\n")
            else:
                log.write(f"  < [{ctype}, {len(data)} bytes]\n")
        self.send_response(status)
        for k, v in answer_headers:
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_HEAD = forward


http.server.ThreadingHTTPServer.daemon_threads = True
http.server.ThreadingHTTPServer(("127.0.0.1", listen), Handler).serve_forever()
EOF
: >"$out/traffic.log"
if [[ ${NHEKO_DIRECT:-0} == 1 ]]; then
  homeserver=$natter
else
  proxy_port=$(free_port)
  python3 "$work/proxy.py" "$proxy_port" "$port" "$out/traffic.log" 2>"$work/proxy.err" &
  pids+=($!)
  homeserver=http://127.0.0.1:$proxy_port
  wait_for 10 curl -sf "$homeserver/_matrix/client/versions" -o /dev/null || fail "the proxy did not start"
fi
echo "natter: ok $natter, server name $server_name, nheko talks to $homeserver"

# --- seed through natter's own REST API --------------------------------------------------
api() { # METHOD PATH TOKEN [JSON]
  local args=(-sf -X "$1" "$natter$2" -H 'Content-Type: application/json')
  [[ -n $3 ]] && args+=(-H "Authorization: Token $3")
  [[ $# -ge 4 ]] && args+=(-d "$4")
  curl "${args[@]}"
}
register() {
  api POST /api/auth/register/ '' \
    "$(jq -nc --arg u "$1" --arg p "$PASSWORD" '{username: $u, email: ($u + "@example.org"), password: $p}')"
}
alice=$(register alice) || fail "registering alice"
bob=$(register bob) || fail "registering bob"
alice_id=$(jq -r .user.id <<<"$alice")
bob_token=$(jq -r .token <<<"$bob")
chat=$(api POST /messages/api/chats/ "$bob_token" \
  "$(jq -nc --arg t "$ROOM_TITLE" --argjson a "$alice_id" '{chat_type: "group", title: $t, member_ids: [$a]}')" \
  | jq -r .id) || fail "making the group"
say() {
  api POST "/messages/api/chats/$chat/messages/" "$bob_token" "$(jq -nc --arg c "$1" '{content: $c}')" \
    | jq -r .id
}
for text in "${SEED[@]}"; do
  say "$text" >/dev/null || fail "bob's message '$text'"
done
echo "seed: ok alice and bob, group $chat '$ROOM_TITLE' (!$chat:$server_name), ${#SEED[@]} messages from bob"

# --- Xvfb and nheko --------------------------------------------------------------------
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
wait_for 10 grep -q . "$work/display" || fail "Xvfb did not start"
DISPLAY=:$(head -1 "$work/display")
export DISPLAY
home=$work/home
mkdir -p "$home/.config/nheko" "$work/run"
chmod 700 "$work/run"
# No secret service here: nheko keeps its secrets in nheko.conf (a throwaway HOME).
printf '[General]\nrun_without_secure_secrets_service=true\n' >"$home/.config/nheko/nheko.conf"
env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/.config" \
  XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$work/run" \
  DISPLAY="$DISPLAY" LANG=C.UTF-8 \
  nheko --debug --log-type stderr >"$work/nheko.stdout" 2>"$out/nheko.log" &
pids+=($!)
nheko_window() {
  local w
  for w in $(xdotool search --onlyvisible --name '^nheko$' 2>/dev/null); do
    [[ $(xdotool getwindowgeometry "$w") == *Geometry:\ [0-9][0-9]* ]] && window=$w && return 0
  done
  return 1
}
wait_for 30 nheko_window || fail "no nheko window"
xdotool windowsize "$window" 1280 800
wait_for 20 grep -q 'starting nheko' "$out/nheko.log" || fail "nheko did not start"
sleep 2
echo "nheko: ok $(grep -o 'starting nheko [^ ]*' "$out/nheko.log"), window $window on $DISPLAY"

# --- sign in ---------------------------------------------------------------------------
click "$CLICK_WELCOME_LOGIN"
sleep 1
click "$CLICK_MXID"
xdotool type --delay 20 "@alice:$server_name"
xdotool key Tab # leaving the field starts nheko's .well-known lookup
wait_for 20 grep -qE 'Autodiscovery|well-known' "$out/nheko.log" || true
sleep 1
click "$CLICK_PASSWORD"
xdotool type --delay 20 "$PASSWORD"
if grep -q 'Autodiscovery failed' "$out/nheko.log"; then
  click "$CLICK_HOMESERVER"
  xdotool key ctrl+a
  xdotool type --delay 20 "$homeserver"
  xdotool key Tab # leaving the field makes nheko read /versions and /login
fi
sleep 3
shot 01-login.png
click "$CLICK_LOGIN"
wait_for 30 grep -q 'initial sync completed' "$out/nheko.log" \
  || fail "login: nheko did not finish its initial sync"
sleep 3
shot 02-room-list.png
echo "login: ok @alice:$server_name signed in, initial sync completed"

# --- the room's history ----------------------------------------------------------------
click "$CLICK_FIRST_ROOM"
sleep 4
shot 03-room-history.png
echo "history: ok '$ROOM_TITLE' opened"

# --- a message from nheko, checked through natter's REST API --------------------------
click "$CLICK_COMPOSER"
xdotool type --delay 20 "$FROM_NHEKO"
xdotool key Return
arrived() {
  api GET "/messages/api/chats/$chat/messages/" "$bob_token" \
    | jq -e --arg t "$FROM_NHEKO" '.results[] | select(.content == $t and .sender.username == "alice")' \
      >"$work/arrived.json"
}
wait_for 20 arrived || fail "send: natter's REST API does not list '$FROM_NHEKO' from alice"
sent_id=$(jq -r .id "$work/arrived.json" | head -1)
sleep 3
shot 04-sent-from-nheko.png
echo "send: ok natter message $sent_id from alice in chat $chat: '$FROM_NHEKO'"

# --- bob answers through natter's REST API; nheko's long poll shows it -----------------
reply_id=$(say "$REPLY") || fail "bob's reply"
wait_for 20 grep -q "\"\$m$reply_id\"" "$out/traffic.log" "$out/nheko.log" || true
sleep 3
shot 05-live-reply.png
echo "live: ok bob's reply (natter message $reply_id) sent through the REST API"

# --- did the sync give nheko its own message back with its transaction id? -------------
if [[ ${NHEKO_DIRECT:-0} == 1 ]]; then
  echo "echo: not checked (NHEKO_DIRECT=1: no traffic.log)"
elif grep -a "\"\$m$sent_id\"" "$out/traffic.log" | grep -q '"transaction_id"'; then
  echo "echo: ok the sync returning \$m$sent_id carried unsigned.transaction_id"
else
  echo "echo: NOTE the sync returning \$m$sent_id carried no unsigned.transaction_id (nheko keeps its local echo: the message shows twice)"
fi
if [[ ${NHEKO_HOLD:-0} -gt 0 ]]; then
  echo "hold: DISPLAY=$DISPLAY natter=$natter chat=$chat bob_token=$bob_token work=$work for ${NHEKO_HOLD}s"
  sleep "$NHEKO_HOLD" || true # killing the sleep ends the hold early
fi
echo ok
