#!/usr/bin/env bash
# docs/deploy.md "Caddy": the recipe's Caddyfile, read out of the doc, run by Debian's
# caddy with only the site address changed (plain HTTP on a free port: no certificate is
# needed to test a body limit and a socket) and a global block that keeps the trial in
# its folder. Checks: an upload of exactly natter's 25 MiB gets 201 through Caddy as it
# does direct; one over natter's limit gets natter's 413; a token socket gets 101.
source "$(dirname "$0")/lib.sh"

if ! have_or_install caddy caddy; then
  skipped "caddy is not installed and apt-get could not install it (Debian 12 has it: apt-get install caddy)"
  exit 77
fi
say "caddy $(caddy version), natter $NATTER_BIN"

start_natter --db "$WORK/natter.db" --media-dir "$WORK/media" --trusted-proxies 127.0.0.1
PROXY_PORT=$(free_port)
BASE="http://127.0.0.1:$PROXY_PORT"

{
  cat <<EOF
{
	admin off
	skip_install_trust
	storage file_system $WORK/caddy
	http_port $PROXY_PORT
}
EOF
  recipe_block "## Caddy" caddyfile |
    sed -e "s|^chat.example.org {|$BASE {|" -e "s|reverse_proxy 127.0.0.1:8000|reverse_proxy 127.0.0.1:$NATTER_PORT|"
} >"$WORK/Caddyfile"
grep -q "^$BASE {" "$WORK/Caddyfile" || fail "the recipe's site line changed"
grep -q "max_size" "$WORK/Caddyfile" || fail "the recipe has no request_body max_size"
XDG_DATA_HOME=$WORK/xdg XDG_CONFIG_HOME=$WORK/xdg HOME=$WORK \
  caddy run --config "$WORK/Caddyfile" --adapter caddyfile >"$WORK/caddy.log" 2>&1 &
PIDS+=("$!")
wait_http "$PROXY_PORT" || fail "caddy did not start: $(tail -5 "$WORK/caddy.log")"

TOKEN=$(register alice "$BASE")
root=$(curl -sS "$BASE/api/")
[ "$root" = "{\"messages\":\"$BASE/api/messages/\"}" ] || fail "GET /api/ through Caddy: $root"
say "links name the proxy's origin: $root"

# Exactly --max-upload-mb (25 MiB), then one byte over it.
head -c $((25 * 1024 * 1024)) /dev/zero >"$WORK/25MiB.bin"
head -c $((25 * 1024 * 1024 + 1)) /dev/zero >"$WORK/over.bin"
upload() {
  curl -sS -o "$WORK/upload.out" -w '%{http_code}' -H "Authorization: Token $TOKEN" \
    -F "file=@$2" "$1/api/files/upload/"
}
direct=$(upload "http://127.0.0.1:$NATTER_PORT" "$WORK/25MiB.bin")
proxied=$(upload "$BASE" "$WORK/25MiB.bin")
say "25 MiB upload: direct $direct, through Caddy $proxied"
[ "$direct" = 201 ] || fail "25 MiB straight to natter: $direct $(cat "$WORK/upload.out")"
[ "$proxied" = 201 ] || fail "25 MiB through Caddy: $proxied (Caddy's max_size is below natter's limit)"
over=$(upload "$BASE" "$WORK/over.bin")
say "25 MiB + 1 byte through Caddy: $over $(head -c 120 "$WORK/upload.out")"
[ "$over" = 413 ] || fail "over the limit through Caddy: $over"

status=$(python3 "$ROOT/deploy/tests/ws_handshake.py" "$BASE/messages/ws/?token=$TOKEN") ||
  fail "token socket through Caddy: $status"
say "token socket through Caddy: $status"
say "ok"
