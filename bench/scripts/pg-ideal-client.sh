#!/bin/bash
# What PostgreSQL itself costs for natter's statements when the client costs almost
# nothing: `pgbench` (a C client, one Sync per pipeline, which
# tokio-postgres cannot do) runs a history page's four statements and REST sends in
# groups of 24, and the machine's busy CPU per page or send is split into pgbench's own
# and the rest (the backends). Together with natter's own work per request, this bounds
# the PostgreSQL/SQLite ratio natter can reach on a machine where the database, natter
# and the load share the cores. Usage:
#   bench/scripts/pg-ideal-client.sh "host=<socket dir> user=<role>" [rounds] [secs]
# The user must be allowed CREATE DATABASE; the database natter_ideal is made and
# dropped (kept with KEEP=1). NATTER / BENCH override target/release/natter and
# target/release/natter-bench.
# Needs pgbench and psql (Debian's postgresql package) and /usr/bin/time (package time).
# The statements are copies of natter's (store::messages::each_part_of_page,
# store::messages::insert_sent_by_member, the caller's token lookup) at this commit.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
natter=$(realpath "${NATTER:-target/release/natter}")
bench=$(realpath "${BENCH:-target/release/natter-bench}")
base=${1:?a PostgreSQL connection string, e.g. "host=/tmp/pgss/sock user=postgres"}
rounds=${2:-3}
secs=${3:-5}
db="$base dbname=natter_ideal"
dir=$(mktemp -d)
pid=
sql() { psql "$db" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || psql "$base dbname=postgres" -qc "DROP DATABASE IF EXISTS natter_ideal WITH (FORCE)" >/dev/null 2>&1; rm -rf "$dir"' EXIT

# The bench's own history data: a chat of 1,000 messages and one of 100,000.
psql "$base dbname=postgres" -qc "DROP DATABASE IF EXISTS natter_ideal WITH (FORCE)" >/dev/null
psql "$base dbname=postgres" -qc "CREATE DATABASE natter_ideal" >/dev/null
"$natter" --listen 127.0.0.1:0 --db "$db" --media-dir "$dir/media" --log warn \
    --rate-limits off >"$dir/natter.out" &
pid=$!
wait_listening "$dir/natter.out"
"$bench" history --url "$url" --db "$db" --big 100000 --secs 1 >"$dir/seed.out" 2>&1
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
big=$(sql "SELECT id FROM chats ORDER BY message_count DESC LIMIT 1")
token=$(sql "SELECT encode(key_hash, 'hex') FROM api_tokens LIMIT 1")
user=$(sql "SELECT user_id FROM api_tokens LIMIT 1")
# Four chats of the token's user for the senders, one per pgbench client (as natter's
# four writer lanes each take their own chats).
sql "INSERT INTO chats (kind, title, created_by, created_at, updated_at)
     SELECT 'group', 'ideal ' || g, $user, '2026-11-24T00:00:00Z', '2026-11-24T00:00:00Z'
       FROM generate_series(1, 4) g"
sql "INSERT INTO chat_members (chat_id, user_id, role, joined_at)
     SELECT id, $user, 'member', '2026-11-24T00:00:00Z' FROM chats WHERE title LIKE 'ideal %'"
first_send_chat=$(sql "SELECT min(id) FROM chats WHERE title LIKE 'ideal %'")
sql "VACUUM ANALYZE"

users="id, CAST(username AS TEXT), CAST(coalesce(email, '') AS TEXT), password_hash, display_name, bio, image, is_active, is_admin, created_at, last_seen_at, credentials_epoch"
caller="SELECT $users FROM users WHERE id = (SELECT user_id FROM api_tokens WHERE key_hash = '\\x$token'::bytea) AND is_active = 1;"
page_from="FROM messages m WHERE (chat_id, id) < (:chat, 9223372036854775807) AND (chat_id, id) > (:chat, 0) AND deleted_at IS NULL ORDER BY chat_id DESC, id DESC LIMIT 50 OFFSET 0"
page=(
    "$caller"
    "SELECT c.message_count, m.user_id, m.last_read_message_id FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id WHERE c.id = :chat ORDER BY m.joined_at, m.user_id;"
    "SELECT $users FROM users WHERE id = ANY(ARRAY(SELECT m.sender_id $page_from));"
    "SELECT m.id, m.chat_id, m.sender_id, m.content, m.created_at, m.edited_at, m.file_count, m.reaction_count $page_from;"
)
{
    echo "\\set chat $big"
    echo '\startpipeline'
    printf '%s\n' "${page[@]}"
    echo '\endpipeline'
} >"$dir/page-one-sync.sql"
{
    echo "\\set chat $big"
    printf '%s\n' "${page[@]}"
} >"$dir/page-round-trips.sql"
send="WITH chat AS (UPDATE chats c SET last_message_id = nextval('message_ids'), message_count = message_count + 1, updated_at = '2026-11-24T00:00:00Z' WHERE c.id = :chat AND c.removed_at IS NULL AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = :chat AND m.user_id = $user) RETURNING c.id, c.kind, c.title, c.name, c.description, c.max_participants, c.is_private, c.created_by, c.last_message_id, c.message_count, c.created_at, c.updated_at), message AS (INSERT INTO messages (chat_id, id, sender_id, content, created_at) SELECT :chat, last_message_id, $user, 'rest 12-345.', '2026-11-24T00:00:00Z' FROM chat RETURNING id), seen AS (UPDATE chat_members SET last_read_message_id = message.id FROM message WHERE chat_id = :chat AND user_id = $user AND last_read_message_id < message.id) SELECT chat.*, (SELECT string_agg(a.user_id::text, ',') FROM chat_members a WHERE a.chat_id = :chat), message.id FROM chat, message;"
# A group of 24 sends (natter's mean group in a REST run), all in one round trip, and
# as natter sends them: one round trip per send, its savepoint and caller with it.
{
    echo "\\set chat $first_send_chat + :client_id"
    echo '\startpipeline'
    echo 'BEGIN;'
    for _ in $(seq 24); do printf '%s\n' 'SAVEPOINT job;' "$caller" "$send"; done
    echo 'COMMIT;'
    echo '\endpipeline'
} >"$dir/send-one-round-trip.sql"
{
    echo "\\set chat $first_send_chat + :client_id"
    echo 'BEGIN;'
    for _ in $(seq 24); do printf '%s\n' '\startpipeline' 'SAVEPOINT job;' "$caller" "$send" '\endpipeline'; done
    echo 'COMMIT;'
} >"$dir/send-per-job.sql"

# run SCRIPT CLIENTS PER: pgbench for $secs, under generic plans as natter's statements
# run (pg_stat_statements with track_planning: 16 plans in 39,136 pages); busy CPU of the machine per unit (a page
# or a send, PER of them a transaction), pgbench's share, and the rest.
run() {
    local b0 b1 out tx
    b0=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)
    out=$({ PGOPTIONS="-c plan_cache_mode=force_generic_plan" /usr/bin/time -f "time %U %S" pgbench "$db" -n -M prepared -c "$2" -j 2 \
        -T "$secs" -f "$dir/$1.sql"; } 2>&1)
    b1=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)
    tx=$(echo "$out" | awk '/number of transactions actually processed/ {split($NF, a, "/"); print a[1]}')
    echo "$out" | awk -v b="$((b1 - b0))" -v tx="$tx" -v per="$3" -v s="$secs" -v name="$1" \
        -v hz="$(getconf CLK_TCK)" '/^time / {
            n = tx * per; busy = b * 1e6 / hz; gen = ($2 + $3) * 1e6
            printf "%-20s %8.0f /s  busy %6.1f us  pgbench %5.1f us  postgres %6.1f us\n",
                name, n / s, busy / n, gen / n, (busy - gen) / n }'
}
for _ in $(seq "$rounds"); do
    run page-one-sync 8 1
    run page-round-trips 8 1
    run send-one-round-trip 4 24
    run send-per-job 4 24
done
