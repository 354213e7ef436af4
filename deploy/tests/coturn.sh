#!/usr/bin/env bash
# docs/deploy.md "Calls through a TURN server (coturn)": the recipe's turnserver.conf and
# natter.env lines, read out of the doc, run by Debian's coturn and natter with only what
# a trial on one machine needs changed: coturn on 127.0.0.3 with free ports, a
# self-signed certificate, and loopback peers allowed (both ends of the trial are on
# this machine). Checks: coturn relays UDP for the credentials natter hands out and grants
# a relay over TLS on the recipe's TLS listener; a forged password is refused.
source "$(dirname "$0")/lib.sh"

if ! have_or_install turnserver coturn || ! command -v turnutils_uclient >/dev/null 2>&1; then
  skipped "coturn is not installed and apt-get could not install it (Debian 12 has it: apt-get install coturn)"
  exit 77
fi
command -v openssl >/dev/null 2>&1 || { skipped "openssl is missing"; exit 77; }
say "$(turnserver --version 2>/dev/null | head -1), natter $NATTER_BIN"

HOST=127.0.0.3
port_at() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' "$HOST"
}
TURN_PORT=$(port_at)
TLS_PORT=$(port_at)
RELAY_LOW=$(port_at)
SECRET=$(openssl rand -hex 32)
printf '%s\n' "$SECRET" >"$WORK/turn-secret"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=chat.example.test" \
  -keyout "$WORK/privkey.pem" -out "$WORK/fullchain.pem" >/dev/null 2>&1 ||
  fail "openssl could not make a certificate"

recipe_block "### coturn" conf |
  sed -e "s|^listening-port=3478$|listening-port=$TURN_PORT|" \
    -e "s|^tls-listening-port=5349$|tls-listening-port=$TLS_PORT|" \
    -e "s|^static-auth-secret=THE-SECRET$|static-auth-secret=$SECRET|" \
    -e "s|^cert=.*|cert=$WORK/fullchain.pem|" \
    -e "s|^pkey=.*|pkey=$WORK/privkey.pem|" \
    -e "s|^min-port=49160$|min-port=$RELAY_LOW|" \
    -e "s|^max-port=49200$|max-port=$((RELAY_LOW + 40))|" \
    -e "/^denied-peer-ip=127.0.0.0-127.255.255.255$/d" >"$WORK/turnserver.conf"
for line in "listening-port=$TURN_PORT" "static-auth-secret=$SECRET" "use-auth-secret" "cert=$WORK/fullchain.pem"; do
  grep -qx "$line" "$WORK/turnserver.conf" || fail "the recipe's turnserver.conf changed: no $line"
done
{
  echo "listening-ip=$HOST"
  echo "relay-ip=$HOST"
  echo "allow-loopback-peers"
  echo "log-file=$WORK/turn.log"
  echo "simple-log"
  echo "pidfile=$WORK/turn.pid"
} >>"$WORK/turnserver.conf"
turnserver -c "$WORK/turnserver.conf" >/dev/null 2>&1 &
PIDS+=("$!")

# natter with the recipe's environment, the URLs pointed at the trial's coturn.
env_lines=$(recipe_block "### natter" ini |
  sed -e "s|chat.example.org:3478|$HOST:$TURN_PORT|g" -e "s|chat.example.org:5349|$HOST:$TLS_PORT|g" \
    -e "s|/etc/natter/turn-secret|$WORK/turn-secret|")
grep -q "^NATTER_TURN_SECRET_FILE=$WORK/turn-secret$" <<<"$env_lines" || fail "the recipe's natter lines changed"
while IFS= read -r line; do
  [ -n "$line" ] && export "${line?}"
done <<<"$env_lines"
start_natter --db "$WORK/natter.db" --media-dir "$WORK/media"
TOKEN=$(register alice "http://127.0.0.1:$NATTER_PORT")
answer=$(curl -sS --fail-with-body -H "Authorization: Token $TOKEN" "http://127.0.0.1:$NATTER_PORT/api/calls/ice-servers/")
read -r USERNAME CREDENTIAL URLS < <(python3 -c '
import json, sys
a = json.loads(sys.argv[1])
turn = [s for s in a["ice_servers"] if "username" in s][0]
print(turn["username"], turn["credential"], ",".join(turn["urls"]))' "$answer")
say "natter hands out $USERNAME for $URLS"
[[ "$URLS" == *"turns:$HOST:$TLS_PORT?transport=tcp"* ]] || fail "no TLS URL in $URLS"

# coturn listens once it accepts a TCP connection.
for _ in $(seq 1 100); do
  python3 -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' "$HOST" "$TURN_PORT" 2>/dev/null && break
  sleep 0.1
done
relay() {
  turnutils_uclient -y -n 2 -m 1 -l 100 -u "$USERNAME" -w "$1" "${@:2}" >"$WORK/uclient.out" 2>&1 &&
    grep -q "tot_recv_bytes ~ 800" "$WORK/uclient.out"
}
relay "$CREDENTIAL" -p "$TURN_PORT" "$HOST" || fail "no UDP relay for natter's credentials: $(tail -3 "$WORK/uclient.out")"
say "UDP relay for natter's credentials: $(grep -o 'tot_recv_bytes ~ [0-9]*' "$WORK/uclient.out" | tail -1)"
# Over TLS: an allocation. coturn's client stalls in about half of its TLS handshakes on
# one machine (before sending a byte: a fault of the client, never of the credentials), so
# it gets several short attempts; the relay address granted is what is checked.
tls_ok=
for attempt in $(seq 1 20); do
  timeout 3 turnutils_uclient -v -y -t -S -n 1 -m 1 -l 100 -u "$USERNAME" -w "$CREDENTIAL" \
    -p "$TLS_PORT" "$HOST" >"$WORK/uclient-tls.out" 2>&1 || true
  if grep -q "Received relay addr" "$WORK/uclient-tls.out"; then
    tls_ok=$attempt
    break
  fi
done
[ -n "$tls_ok" ] || fail "no relay over TLS for natter's credentials in 20 attempts: $(tail -3 "$WORK/uclient-tls.out")"
grep -q "method=TLSv1" "$WORK/uclient-tls.out" || fail "the relay was not granted over TLS"
say "TLS ($tls_ok attempt(s)): $(grep -o 'method=TLSv[0-9.]*' "$WORK/uclient-tls.out" | head -1), $(grep -o 'Received relay addr: [0-9.:]*' "$WORK/uclient-tls.out" | head -1)"
if relay "forged" -p "$TURN_PORT" "$HOST"; then
  fail "coturn relayed for a forged password"
fi
say "a forged password is refused: $(grep -m1 -o 'ERROR.*' "$WORK/uclient.out")"
say "ok"
