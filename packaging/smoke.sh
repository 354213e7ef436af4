# shellcheck shell=bash
# Sourced by packaging/test-archive.sh and packaging/test-image.sh: the smoke test's
# requests, made with "${CURL[@]}" (plain curl, or curl inside the container's network
# namespace) against $BASE. Each prints what the next needs; each stops the test with
# FAIL on an unexpected answer. No request waits longer than 30 s (--max-time): a server
# that hangs fails the test instead of stopping it.

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# GET /healthz answers 200.
smoke_health() {
    local code
    code=$("${CURL[@]}" --max-time 30 -s -o /dev/null -w '%{http_code}' "$BASE/healthz") || code=none
    [ "$code" = 200 ] || fail "GET /healthz answered $code"
}

# Signs NAME up (password correct-horse); prints "TOKEN USER_ID".
smoke_signup() {
    local name=$1 body
    body=$("${CURL[@]}" --max-time 30 -sS --fail-with-body -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$name\",\"email\":\"$name@example.org\",\"password\":\"correct-horse\"}" \
        "$BASE/api/auth/register/") || fail "sign-up of $name: $body"
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["token"], d["user"]["id"])' <<<"$body" ||
        fail "sign-up of $name answered $body"
}

# With TOKEN, opens a direct chat with USER_ID and writes TEXT there; prints the chat's id.
smoke_send() {
    local token=$1 with=$2 text=$3 chat body
    body=$("${CURL[@]}" --max-time 30 -sS --fail-with-body -X POST -H "Authorization: Token $token" \
        -H 'Content-Type: application/json' -d "{\"chat_type\":\"dm\",\"member_ids\":[$with]}" \
        "$BASE/messages/api/chats/") || fail "opening a direct chat: $body"
    chat=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$body") ||
        fail "opening a direct chat answered $body"
    body=$("${CURL[@]}" --max-time 30 -sS --fail-with-body -X POST -H "Authorization: Token $token" \
        -H 'Content-Type: application/json' -d "{\"content\":\"$text\"}" \
        "$BASE/messages/api/chats/$chat/messages/") || fail "sending: $body"
    echo "$chat"
}

# With TOKEN, checks that chat CHAT holds a message reading TEXT.
smoke_read() {
    local token=$1 chat=$2 text=$3 body
    body=$("${CURL[@]}" --max-time 30 -sS --fail-with-body -H "Authorization: Token $token" \
        "$BASE/messages/api/chats/$chat/messages/") || fail "reading chat $chat: $body"
    python3 -c 'import json,sys; sys.exit(0 if any(m.get("content") == sys.argv[1] for m in json.load(sys.stdin)["results"]) else 1)' \
        "$text" <<<"$body" || fail "chat $chat does not hold \"$text\": $body"
}

# The conversation both packaging tests start with: alice and bob sign up, alice writes
# TEXT to bob directly, bob reads it. Sets alice_token, bob_token, bob_id and chat for
# the steps after (a restart, an upgrade).
smoke_conversation() {
    local text=$1
    read -r alice_token _ < <(smoke_signup alice)
    read -r bob_token bob_id < <(smoke_signup bob)
    chat=$(smoke_send "$alice_token" "$bob_id" "$text")
    smoke_read "$bob_token" "$chat" "$text"
}
