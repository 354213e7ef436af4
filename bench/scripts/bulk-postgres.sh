#!/usr/bin/env bash
# Bulk writes on PostgreSQL, two natter builds side by side: the wall-clock seconds of
# the four commands that write many rows at once, each into a fresh database:
#   seed     `natter seed-messages --count COUNT` into a group chat of one person
#   migrate  `natter migrate-to-postgres` of a SQLite database of COUNT messages
#   slack    `natter import slack` of a Slack export zip of COUNT channel messages
#   django   `natter import django --seed 001` of a Django database (tests/django's
#            project, django-messaging's models) of COUNT group-chat messages
# The reference is b64cc9c, where seeding 20,000 messages took 0.4-0.7 s; it later took
# 18 s, until PostgreSQL step 60 (triggers once per statement) brought it back to
# 0.64-0.82 s. Each command should stay within 1.5x of b64cc9c. Usage:
#   bench/scripts/bulk-postgres.sh BEFORE_BIN AFTER_BIN [ROUNDS]
# COUNT (default 20000) is the messages each command writes; ROUNDS defaults to 5.
#
# The script starts a throwaway PostgreSQL cluster of its own from Debian's binaries
# (/usr/lib/postgresql/N/bin, the newest N: initdb into a temporary folder, a Unix socket
# only, fsync, synchronous_commit and full_page_writes off, as tests/api/pg.rs starts the
# suite's; as root it runs as the `postgres` user) and removes it when it ends. Each build
# prepares its own inputs once, with itself: a template database holding the schema, a
# person and a group chat (seed), one holding the schema alone (both imports), and a
# SQLite database of COUNT messages (migrate). The Slack zip and the Django database are
# made once, by python3 (Django and djangorestframework needed for the Django one; without
# them `django` is skipped, said on stderr). Every timed run gets a new database copied
# from its build's template (an empty one for migrate-to-postgres, which wants one), and
# its messages are counted afterwards (not timed) to show it wrote them all.
#
# The builds alternate in pairs (ABBA...): round 1 runs BEFORE then AFTER for each
# command, round 2 AFTER then BEFORE, and so on. Prints each run as it goes (stderr), then
# per command and build the median seconds with the spread (min-max) over the rounds, and
# the ratio AFTER/BEFORE of the medians.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)

usage="usage: bulk-postgres.sh BEFORE_BIN AFTER_BIN [ROUNDS]  (COUNT=20000 messages)"
before=$(realpath "${1:?$usage}")
after=$(realpath "${2:?$usage}")
rounds=${3:-5}
count=${COUNT:-20000}
for b in "$before" "$after"; do
    [[ -x $b ]] || { echo "$b is not an executable" >&2; exit 2; }
done

pgbin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
[[ -n $pgbin && -x $pgbin/initdb ]] || {
    echo "no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    exit 2
}

dir=$(mktemp -d)
# The cluster's folder is the postgres user's when we are root (PostgreSQL refuses to run
# as root), apart from $dir, which stays root's own.
pgdir=$(mktemp -d)
as_pg() { "$@"; }
if [[ $(id -u) == 0 ]]; then
    chown postgres:postgres "$pgdir"
    as_pg() { runuser -u postgres -- "$@"; }
fi
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [[ -f $pgdir/data/postmaster.pid ]]; then
        as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir" "$pgdir"
}
trap cleanup EXIT

# The socket is in $pgdir, so the port only names it: no clash with another server.
pgport=5432
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U natter --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start \
    -o "-k $pgdir -p $pgport -c listen_addresses='' -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=100 -c shared_buffers=64MB" >/dev/null ||
    { cat "$pgdir/server.log" >&2; exit 1; }

pg_url() { echo "host=$pgdir port=$pgport user=natter dbname=$1"; }
sql() { # sql DB STATEMENT: runs it, prints the rows
    PGOPTIONS='-c client_min_messages=warning' \
        "$pgbin/psql" "$(pg_url "$1")" -XqAt -v ON_ERROR_STOP=1 -c "$2"
}
admin() { sql postgres "$1" >/dev/null; }

media=$dir/media
natter() { # natter BINARY ARGS...: a command of BINARY, quiet
    local binary=$1
    shift
    "$binary" --media-dir "$media" --log warn "$@"
}
start() { # start BINARY DB NAME: serves DB; sets $url and $pid
    : >"$dir/$3.out"
    "$1" --listen 127.0.0.1:0 --db "$2" --media-dir "$media" --log warn --rate-limits off \
        >"$dir/$3.out" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_listening "$dir/$3.out"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

# person_and_chat BINARY DB NAME: serves DB (making its schema), makes a person and a
# group chat of theirs; sets $person and $chat.
person_and_chat() {
    start "$1" "$2" "$3"
    local key
    read -r person _ key <<<"$(natter "$1" --db "$2" seed-people --prefix bulk --count 1)"
    chat=$(curl -sf -H "Authorization: Token $key" -H 'Content-Type: application/json' \
        -d '{"chat_type":"group","title":"bulk","member_ids":[]}' "$url/messages/api/chats/" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    stop
}

# Each build's inputs, made by itself.
declare -A seed_ids
for which in before after; do
    binary=$before
    [[ $which == after ]] && binary=$after
    echo "preparing $which ($binary) ..." >&2
    admin "CREATE DATABASE tpl_seed_$which"
    person_and_chat "$binary" "$(pg_url "tpl_seed_$which")" "tpl-seed-$which"
    seed_ids[$which]="$person $chat"
    admin "CREATE DATABASE tpl_empty_$which"
    start "$binary" "$(pg_url "tpl_empty_$which")" "tpl-empty-$which"
    stop
    person_and_chat "$binary" "$dir/$which.db" "sqlite-$which"
    natter "$binary" seed-messages --db "$dir/$which.db" --chat "$chat" --user "$person" \
        --count "$count" >/dev/null
done

# The Slack export: two people, one channel, COUNT messages over days of 1,000.
python3 - "$dir/slack.zip" "$count" <<'PY'
import datetime, json, sys, zipfile
path, count = sys.argv[1], int(sys.argv[2])
users = [{"id": f"U{i}", "team_id": "TBULK", "name": f"person{i}", "real_name": f"Person {i}",
          "profile": {"email": f"person{i}@slack.example.com", "real_name": f"Person {i}"}}
         for i in (1, 2)]
channels = [{"id": "C1", "name": "bulk", "creator": "U1", "members": ["U1", "U2"],
             "topic": {"value": ""}, "purpose": {"value": "bulk import"}}]
per_day = 1000
first = datetime.datetime(2023, 11, 14, tzinfo=datetime.timezone.utc)
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("users.json", json.dumps(users))
    z.writestr("channels.json", json.dumps(channels))
    for day, at in enumerate(range(0, count, per_day)):
        date = first + datetime.timedelta(days=day)
        base = int(date.timestamp()) + 3600
        msgs = [{"type": "message", "user": f"U{1 + i % 2}",
                 "text": f"message {i}: the quick brown fox jumps over the lazy dog",
                 "ts": f"{base + (i - at) * 4}.{i % 1000000:06d}"}
                for i in range(at, min(at + per_day, count))]
        z.writestr(f"bulk/{date:%Y-%m-%d}.json", json.dumps(msgs))
PY

# The Django database (seed 001): two people, a group chat of both, COUNT messages.
django=$dir/django.sqlite3
ops=(seed migrate slack)
if python3 -c 'import django, rest_framework' 2>/dev/null; then
    (
        cd "$root/tests/django"
        export NATTER_DJANGO_DB=$django NATTER_DJANGO_MEDIA=$dir/django-media
        python3 manage.py migrate -v 0
        python3 - "$count" <<'PY'
import datetime, os, sys
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natter_seeds.settings")
import django
django.setup()
from django.contrib.auth.models import User
from django.db import transaction
from django_messaging.models import ChatMembership, ChatRoom, Message
count = int(sys.argv[1])
# Each message its own time, as the app would have given it.
for name in ("created_at", "updated_at"):
    field = Message._meta.get_field(name)
    field.auto_now = field.auto_now_add = False
t0 = datetime.datetime(2024, 3, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)
with transaction.atomic():
    people = [User.objects.create_user(n, f"{n}@example.org", f"{n}-old-pass")
              for n in ("alice", "bob")]
    chat = ChatRoom.objects.create(title="Bulk", is_group=True)
    ChatMembership.objects.create(user=people[0], chat=chat, role="admin")
    ChatMembership.objects.create(user=people[1], chat=chat)
    Message.objects.bulk_create(
        (Message(chat=chat, sender=people[i % 2],
                 content=f"message {i}: the quick brown fox jumps over the lazy dog",
                 created_at=t0 + datetime.timedelta(seconds=4 * i),
                 updated_at=t0 + datetime.timedelta(seconds=4 * i))
         for i in range(count)),
        batch_size=2000)
PY
    )
    ops+=(django)
else
    echo "django SKIPPED: python3 cannot import django and rest_framework" >&2
fi

# run OP WHICH BINARY DB: the timed command, on database DB.
run() {
    case $1 in
        seed)
            local person chat
            read -r person chat <<<"${seed_ids[$2]}"
            natter "$3" seed-messages --db "$(pg_url "$4")" --chat "$chat" --user "$person" \
                --count "$count" ;;
        migrate) natter "$3" migrate-to-postgres --from "$dir/$2.db" --to "$(pg_url "$4")" ;;
        slack) natter "$3" --db "$(pg_url "$4")" import slack "$dir/slack.zip" ;;
        django) natter "$3" --db "$(pg_url "$4")" import django "$django" --seed 001 ;;
    esac
}
# fresh OP WHICH DB: DB made anew for OP.
fresh() {
    admin "DROP DATABASE IF EXISTS $3 WITH (FORCE)"
    case $1 in
        seed) admin "CREATE DATABASE $3 TEMPLATE tpl_seed_$2" ;;
        migrate) admin "CREATE DATABASE $3" ;;
        *) admin "CREATE DATABASE $3 TEMPLATE tpl_empty_$2" ;;
    esac
}

results=$dir/results
: >"$results"
for round in $(seq "$rounds"); do
    if ((round % 2)); then order="before after"; else order="after before"; fi
    for op in "${ops[@]}"; do
        for which in $order; do
            binary=$before
            [[ $which == after ]] && binary=$after
            db=run_$which
            fresh "$op" "$which" "$db"
            t0=$(date +%s.%N)
            run "$op" "$which" "$binary" "$db" >"$dir/run.out" 2>&1 ||
                { echo "$op with $which failed:" >&2; cat "$dir/run.out" >&2; exit 1; }
            t1=$(date +%s.%N)
            secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
            messages=$(sql "$db" "SELECT count(*) FROM messages")
            ((messages >= count)) ||
                { echo "$op with $which left $messages messages, not $count" >&2; exit 1; }
            echo "round $round $op $which: $secs s ($messages messages)" >&2
            printf '%s %s %s %s\n' "$op" "$which" "$secs" "$round" >>"$results"
            admin "DROP DATABASE $db WITH (FORCE)"
        done
    done
done

python3 - "$results" "$count" "$before" "$after" "${ops[@]}" <<'PY'
import statistics, sys
path, count, before, after, *ops = sys.argv[1:]
rows = [line.split() for line in open(path)]
def secs(op, which):
    return [float(r[2]) for r in rows if r[0] == op and r[1] == which]
show = lambda v: f"{statistics.median(v):.3f} ({min(v):.3f}-{max(v):.3f})"
print(f"{int(count):,} messages; before = {before}, after = {after}; "
      f"seconds, median (min-max) of {len(secs(ops[0], 'before'))} rounds")
print(f"{'command':9} {'before s':>22} {'after s':>22} {'after/before':>13}")
for op in ops:
    b, a = secs(op, "before"), secs(op, "after")
    print(f"{op:9} {show(b):>22} {show(a):>22} "
          f"{statistics.median(a) / statistics.median(b):>13.2f}")
PY
