#!/bin/bash
# natter's Matrix surface beside Synapse, the reference Matrix homeserver, on this
# machine, with `natter-bench matrix` against each over HTTP:
#   wake      a message reaching a Matrix client waiting in /sync?since=..&timeout=30000:
#             p50 and p99 from just before the send to the sync's answer (200 samples,
#             one at a time); natter's send through its own chats surface and through
#             Matrix's PUT /send, Synapse's through PUT /send
#   initial   a first /sync of a person in 100 rooms of 5 messages each (timeline limit
#             10): median of 10 runs after a warm-up, a new device each run
#   polls     1,000 idle long polls (100 people x 10 devices): the server's private
#             memory (RssAnon) and RSS before and while they wait, per poll; first
#             1,000 idle HTTP connections (one request each), kept open beside them,
#             to tell a poll's own cost from its connection's
# Each round starts a natter and a Synapse anew (natter: a new SQLite database, its
# default --sync full, --rate-limits off, --log warn; Synapse: a new SQLite database,
# registration open without verification, every rc_* limit raised, presence on,
# bcrypt_rounds 4 so sign-ups are quick, logging at WARNING) and runs each measurement
# against both, alternated (natter first in odd rounds, Synapse first in even ones);
# polls comes first, so memory is read on servers that have done nothing else. Prints
# each run's figures, then one table: measurement, natter, Synapse, Synapse / natter,
# each a median over the rounds with the lowest and highest in brackets.
# Usage:
#   bench/scripts/matrix-vs-synapse.sh [-n ROUNDS] [-m MEASURES] [-- MATRIX FLAGS...]
# ROUNDS 3; MEASURES polls,wake,initial; MATRIX FLAGS go to every `natter-bench matrix`
# run (`-- --tiny` for a quick check, `--samples 500`, ...). NATTER and BENCH name the binaries
# (target/release/natter and target/release/natter-bench); SYNAPSE_VENV a virtualenv
# with matrix-synapse, else one is made (once) under
# ${XDG_CACHE_HOME:-~/.cache}/natter-bench/ with pip install matrix-synapse==$SYNAPSE_VERSION.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
rounds=3
measures=polls,wake,initial
while getopts n:m: opt; do
    case $opt in
    n) rounds=$OPTARG ;;
    m) measures=$OPTARG ;;
    *) sed -n '2,/^[^#]/{/^#/p}' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
extra=("$@")
natter_bin=$(realpath "${NATTER:-target/release/natter}")
bench_bin=$(realpath "${BENCH:-target/release/natter-bench}")
for b in "$natter_bin" "$bench_bin"; do
    [ -x "$b" ] || { echo "$b is not built: cargo build --release -p natter -p natter-bench" >&2; exit 1; }
done

SYNAPSE_VERSION=${SYNAPSE_VERSION:-1.163.2}
venv=${SYNAPSE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/natter-bench/synapse-$SYNAPSE_VERSION}
if ! "$venv/bin/python" -c 'import synapse' 2>/dev/null; then
    echo "installing matrix-synapse==$SYNAPSE_VERSION into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "matrix-synapse==$SYNAPSE_VERSION"
fi
synapse_version=$("$venv/bin/python" -c 'import synapse; print(synapse.__version__)')

dir=$(mktemp -d)
natter_pid=
synapse_pid=
cleanup() {
    stop_servers
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1,000 polls are 1,000 connections on each side (and both servers raise their own).
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 4096 ] ||
    echo "warning: open-file limit $(ulimit -n) is below 4096: 1,000 polls may not open" >&2

mkdir -p "$dir/runs"

# start_servers ROUND: a natter and a Synapse of their own for the round, each on a new
# SQLite database; sets natter_url, natter_pid, synapse_url and synapse_pid.
start_servers() {
    local at=$dir/$1
    mkdir -p "$at/natter" "$at/synapse"
    "$natter_bin" --listen 127.0.0.1:0 --db "$at/natter/natter.db" --media-dir "$at/natter/media" \
        --rate-limits off --log warn >"$at/natter/out" 2>"$at/natter/err" &
    natter_pid=$!
    wait_listening "$at/natter/out"
    natter_url=$url

    # Synapse: the generated config, then SQLite, one plain HTTP listener on a free
    # loopback port, open registration and limits out of the way.
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$at/synapse" && "$venv/bin/python" -m synapse.app.homeserver --generate-config \
        --server-name localhost --config-path homeserver.yaml --data-directory "$at/synapse" \
        --report-stats=no >/dev/null)
    cat >"$at/synapse/log.yaml" <<'EOF'
version: 1
formatters: {plain: {format: '%(asctime)s %(name)s %(levelname)s %(message)s'}}
handlers: {console: {class: logging.StreamHandler, formatter: plain}}
root: {level: WARNING, handlers: [console]}
disable_existing_loggers: false
EOF
    "$venv/bin/python" - "$at/synapse" "$port" <<'EOF'
import sys, yaml
data, port = sys.argv[1], int(sys.argv[2])
path = data + "/homeserver.yaml"
c = yaml.safe_load(open(path))
c["listeners"] = [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http",
                   "tls": False, "x_forwarded": False,
                   "resources": [{"names": ["client"], "compress": False}]}]
c["database"] = {"name": "sqlite3", "args": {"database": data + "/homeserver.db"}}
c["log_config"] = data + "/log.yaml"
c["enable_registration"] = True
c["enable_registration_without_verification"] = True
c["presence"] = {"enabled": True}
c["bcrypt_rounds"] = 4
c["trusted_key_servers"] = []
c["suppress_key_server_warning"] = True
high = {"per_second": 1e6, "burst_count": 1e6}
for key in ["rc_message", "rc_registration", "rc_registration_token_validity",
            "rc_admin_redaction", "rc_joins_per_room", "rc_key_requests",
            "rc_3pid_validation", "rc_third_party_invite", "rc_media_create",
            "rc_delayed_event_mgmt", "rc_room_creation", "rc_reports",
            "rc_user_directory", "rc_profile"]:
    c[key] = high
c["rc_login"] = {"address": high, "account": high, "failed_attempts": high}
c["rc_joins"] = {"local": high, "remote": high}
c["rc_invites"] = {"per_room": high, "per_user": high, "per_issuer": high}
c["rc_presence"] = {"per_user": high}
yaml.safe_dump(c, open(path, "w"))
EOF
    (cd "$at/synapse" && exec "$venv/bin/python" -m synapse.app.homeserver -c homeserver.yaml \
        >"$at/synapse/out" 2>"$at/synapse/err") &
    synapse_pid=$!
    synapse_url=http://127.0.0.1:$port
    for _ in $(seq 1200); do
        curl -sf "$synapse_url/health" >/dev/null 2>&1 && break
        kill -0 "$synapse_pid" 2>/dev/null ||
            { cat "$at/synapse/err" >&2; echo "Synapse exited" >&2; exit 1; }
        sleep 0.1
    done
    curl -sf "$synapse_url/health" >/dev/null ||
        { echo "Synapse did not answer /health within 120 s" >&2; exit 1; }
    echo "round $1: natter $natter_url (pid $natter_pid)," \
        "Synapse $synapse_version $synapse_url (pid $synapse_pid)"
}

# stop_servers: ends the round's two servers.
stop_servers() {
    for p in $natter_pid $synapse_pid; do kill "$p" 2>/dev/null || true; done
    for p in $natter_pid $synapse_pid; do wait "$p" 2>/dev/null || true; done
    natter_pid=
    synapse_pid=
}

# one LABEL KIND PID ROUND FLAGS...: one natter-bench run; its figures go to $dir/lines
# as "LABEL NAME VALUE".
one() {
    local label=$1 kind=$2 pid=$3 round=$4
    shift 4
    local base=$natter_url
    [ "$kind" = synapse ] && base=$synapse_url
    local out="$dir/runs/$label-$round"
    if ! "$bench_bin" --url "$base" matrix --server "$kind" --server-pid "$pid" "$@" >"$out" 2>&1; then
        echo "run $round $label failed:" >&2
        cat "$out" >&2
        exit 1
    fi
    grep -v '^{' "$out" | sed "s/^/round $round $label: /"
    awk -v l="$label" '$1 ~ /^matrix\./ && $2 == "=" {sub(/^matrix\./, "", $1); print l, $1, $3}' \
        "$out" >>"$dir/lines"
}

for round in $(seq "$rounds"); do
    start_servers "$round"
    for m in ${measures//,/ }; do
        runs=()
        case $m in
        wake)
            runs=("natter-chats natter $natter_pid --measure wake --send natter"
                "natter-matrix natter $natter_pid --measure wake --send matrix"
                "synapse-matrix synapse $synapse_pid --measure wake") ;;
        initial)
            runs=("natter-initial natter $natter_pid --measure initial"
                "synapse-initial synapse $synapse_pid --measure initial") ;;
        polls)
            runs=("natter-polls natter $natter_pid --measure polls"
                "synapse-polls synapse $synapse_pid --measure polls") ;;
        *) echo "unknown measure $m" >&2; exit 2 ;;
        esac
        # Synapse first in even rounds.
        if [ $((round % 2)) = 0 ]; then
            mapfile -t runs < <(printf '%s\n' "${runs[@]}" | tac)
        fi
        for r in "${runs[@]}"; do
            read -r label kind pid flags <<<"$r"
            # shellcheck disable=SC2086
            one "$label" "$kind" "$pid" "$round" $flags "${extra[@]}"
        done
    done
    stop_servers
done

# stat LABEL NAME: "median [lowest-highest]" of NAME over LABEL's rounds ("-" if none)
stat() {
    awk -v l="$1" -v n="$2" '$1 == l && $2 == n {print $3}' "$dir/lines" | sort -g |
        awk 'function f(x) { return sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x) }
            {v[NR] = $1} END {
            if (NR == 0) { print "-"; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            if (NR == 1) print f(m); else print f(m) " [" f(v[1]) "-" f(v[NR]) "]"
        }'
}
# ratio A B: Synapse's median over natter's
ratio() {
    local a b
    a=$(stat "$1" "$3" | cut -d' ' -f1)
    b=$(stat "$2" "$3" | cut -d' ' -f1)
    awk -v a="$a" -v b="$b" 'BEGIN { if (a + 0 > 0 && b != "-") printf "%.1fx\n", b / a; else print "-" }'
}
row() { # row TITLE NATTER_LABEL SYNAPSE_LABEL NAME (nothing when neither measured it)
    local a b
    a=$(stat "$2" "$4")
    b=$(stat "$3" "$4")
    [ "$a$b" = -- ] && return
    printf '| %s | %s | %s | %s |\n' "$1" "$a" "$b" "$(ratio "$2" "$3" "$4")"
}
echo
echo "natter-bench matrix, $rounds round(s); Synapse $synapse_version"
echo "| measurement | natter | Synapse | Synapse / natter |"
echo "|---|---|---|---|"
row "wake p50, ms (natter: chats surface send; Synapse: PUT /send)" natter-chats synapse-matrix wake_p50_ms
row "wake p99, ms (natter: chats surface send; Synapse: PUT /send)" natter-chats synapse-matrix wake_p99_ms
row "wake p50, ms (PUT /send on both)" natter-matrix synapse-matrix wake_p50_ms
row "wake p99, ms (PUT /send on both)" natter-matrix synapse-matrix wake_p99_ms
row "send acknowledged p50, ms (PUT /send on both)" natter-matrix synapse-matrix wake_send_ack_p50_ms
row "send acknowledged p99, ms (PUT /send on both)" natter-matrix synapse-matrix wake_send_ack_p99_ms
row "wake after the send's answer p50, ms (PUT /send on both)" natter-matrix synapse-matrix wake_after_ack_p50_ms
row "wake after the send's answer p99, ms (PUT /send on both)" natter-matrix synapse-matrix wake_after_ack_p99_ms
row "first sync: median of the runs, ms" natter-initial synapse-initial initial_median_ms
row "first sync: fastest run, ms" natter-initial synapse-initial initial_min_ms
row "first sync: slowest run, ms" natter-initial synapse-initial initial_max_ms
row "first sync: bytes" natter-initial synapse-initial initial_bytes
row "idle polls: private memory per poll, B" natter-polls synapse-polls polls_private_per_poll_bytes
row "idle polls: RSS per poll, B" natter-polls synapse-polls polls_rss_per_poll_bytes
row "idle HTTP connection (one /versions, then idle): private memory each, B" natter-polls synapse-polls idle_connection_private_bytes
row "idle polls: a poll beyond its connection, B" natter-polls synapse-polls polls_beyond_connection_private_bytes
row "private memory before anything opens, KiB" natter-polls synapse-polls polls_private_before_kib
row "... with the idle connections, KiB" natter-polls synapse-polls polls_private_with_idle_connections_kib
row "... and the polls waiting, KiB" natter-polls synapse-polls polls_private_with_kib
row "idle polls: waiting when read" natter-polls synapse-polls polls_waiting_at_reading
