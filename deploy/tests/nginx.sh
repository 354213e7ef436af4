#!/usr/bin/env bash
# docs/deploy.md "nginx": the recipe's block, read out of the doc, served by Debian's nginx
# on a port other than 443 (a free one) with a certificate for chat.example.test made
# here by openssl. natter runs as the recipe says (--trusted-proxies 127.0.0.1). Checks:
# links carry the proxy's scheme, host and port; a token socket and a session-cookie
# socket from the server's own origin both get 101 through nginx; a socket from another
# origin gets 403 and natter's log names why. Then the same block with the old
# `X-Forwarded-Host $host` shows the failure the recipe had (403, port named in the log).
source "$(dirname "$0")/lib.sh"

have_or_install nginx nginx || fail "nginx is not installed and apt-get could not install it"
have_or_install openssl openssl || fail "openssl could not be installed"

say "$(nginx -v 2>&1), natter $NATTER_BIN"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=chat.example.test \
  -addext subjectAltName=DNS:chat.example.test \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

start_natter --db "$WORK/natter.db" --media-dir "$WORK/media" --trusted-proxies 127.0.0.1
PROXY_PORT=$(free_port)

# The recipe's block with only what a trial must change: the port, the certificate's
# paths, the log's path and natter's port.
write_site() {
  recipe_block "## nginx" nginx |
    sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$PROXY_PORT ssl http2;|" \
      -e "s|server_name chat.example.org;|server_name chat.example.test;|" \
      -e "s|/etc/letsencrypt/live/chat.example.org/fullchain.pem|$WORK/cert.pem|" \
      -e "s|/etc/letsencrypt/live/chat.example.org/privkey.pem|$WORK/key.pem|" \
      -e "s|/var/log/nginx/natter.access.log|$WORK/access.log|" \
      -e "s|http://127.0.0.1:8000|http://127.0.0.1:$NATTER_PORT|" >"$WORK/site.conf"
  grep -q "listen 127.0.0.1:$PROXY_PORT ssl" "$WORK/site.conf" || fail "the recipe's listen line changed"
  grep -q "proxy_pass http://127.0.0.1:$NATTER_PORT;" "$WORK/site.conf" || fail "the recipe's proxy_pass changed"
}

NGINX_PID=
start_nginx() {
  local user=""
  [ "$(id -u)" = 0 ] && user="user root root;"
  mkdir -p "$WORK/nginx-temp"
  cat >"$WORK/nginx.conf" <<EOF
$user
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 64; }
http {
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/site.conf;
}
EOF
  nginx -t -q -c "$WORK/nginx.conf" -p "$WORK" || fail "nginx -t refused the recipe"
  nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  local i
  for i in $(seq 1 100); do
    curl -s -o /dev/null -k "https://127.0.0.1:$PROXY_PORT/" && return 0
    sleep 0.1
  done
  fail "nginx did not start: $(cat "$WORK/error.log")"
}
stop_nginx() {
  kill "$NGINX_PID"
  wait "$NGINX_PID" 2>/dev/null || true
}

BASE="https://chat.example.test:$PROXY_PORT"
C=(--cacert "$WORK/cert.pem" --resolve "chat.example.test:$PROXY_PORT:127.0.0.1")
WS=(python3 "$ROOT/deploy/tests/ws_handshake.py" --cacert "$WORK/cert.pem" --connect "127.0.0.1:$PROXY_PORT")

write_site
start_nginx
TOKEN=$(register alice "$BASE" "${C[@]}")

root=$(curl -sS "${C[@]}" "$BASE/api/")
[ "$root" = "{\"messages\":\"$BASE/api/messages/\"}" ] || fail "GET /api/ through nginx: $root"
say "links name the proxy's origin: $root"

status=$("${WS[@]}" "wss://chat.example.test:$PROXY_PORT/messages/ws/?token=$TOKEN" |
  sed 's/^/  /') || fail "token socket through nginx:$status"
say "token socket through nginx:$status"

# The web client's socket: the session cookie, from the page's own origin.
curl -sS --fail-with-body "${C[@]}" -c "$WORK/cookies" -o /dev/null -X POST \
  -H 'Content-Type: application/json' -H "Origin: $BASE" -H "Referer: $BASE/" \
  -d '{"username":"alice","password":"correct-horse"}' "$BASE/accounts/login/" ||
  fail "session login through nginx"
SESSION=$(awk '$6 == "sessionid" { print $7 }' "$WORK/cookies")
[ -n "$SESSION" ] || fail "no session cookie from /accounts/login/"
status=$("${WS[@]}" --origin "$BASE" --cookie "sessionid=$SESSION" \
  "wss://chat.example.test:$PROXY_PORT/messages/ws/") ||
  fail "session socket from $BASE through nginx: $status (natter's log: $(grep 'socket refused' "$WORK/natter.log"))"
say "session-cookie socket from $BASE through nginx: $status"

status=$("${WS[@]}" --origin "https://evil.example" --cookie "sessionid=$SESSION" \
  "wss://chat.example.test:$PROXY_PORT/messages/ws/") && fail "a socket from another site was let in"
case $status in *" 403 "*) ;; *) fail "a socket from another site: $status" ;; esac
wait_log "socket refused: its Origin https://evil.example is not this server's own ($BASE," ||
  fail "natter's log does not name the refused origin: $(grep -c '' "$WORK/natter.log") lines"
say "a socket from https://evil.example: $status, and natter logged: $(grep -o 'socket refused: its Origin https://evil.example[^,]*' "$WORK/natter.log" | head -1)"
grep -q "sessionid=$SESSION\|$SESSION" "$WORK/natter.log" "$WORK/access.log" "$WORK/error.log" &&
  fail "a session id reached a log"
grep -q "$TOKEN" "$WORK/access.log" && fail "the token reached nginx's access log (the recipe's log_format leaves the query out)"

# What the recipe used to say: X-Forwarded-Host $host drops the port.
stop_nginx
sed -i 's|X-Forwarded-Host  \$http_host;|X-Forwarded-Host  $host;|' "$WORK/site.conf"
grep -q 'X-Forwarded-Host  \$host;' "$WORK/site.conf" || fail "the recipe has no X-Forwarded-Host \$http_host line"
start_nginx
status=$("${WS[@]}" --origin "$BASE" --cookie "sessionid=$SESSION" \
  "wss://chat.example.test:$PROXY_PORT/messages/ws/") && fail "with \$host the session socket opened: the check is not real"
wait_log "only the ports differ" || fail "with \$host: no log line naming the port"
say "the old recipe (X-Forwarded-Host \$host): $status; natter logged that only the ports differ"
say "ok"
