#!/bin/bash
# natter's calls through the SFU (Janus's VideoRoom, `--sfu`) beside its mesh calls, on
# one machine over loopback: 4 Chromium pages with a fake camera and microphone, and
# synthetic participants (aiortc, bench/calls/synthetic.py) up to the call's size. For
# each size and run, a fresh natter (and a fresh Janus through the SFU) and one call
# (bench/calls/browsers.mjs): the synthetic participants join, then the browsers one by
# one; then a measured window. Per run it prints one JSON line, and at the end per size
# the median with the spread (lowest-highest) of:
#   each browser's upload (kbit/s) and the video streams it sends;
#   natter's and Janus's CPU (utime+stime over the window, % of one core, and per
#   participant) and private memory (RssAnon; VmRSS beside it) in the call; natter's
#   before the call too, Janus's growth over its idle memory per participant;
#   the time from a browser's click on "Join" to hearing (first decoded audio played)
#   each person already in the call: p50 and p99 over every pair of all runs;
#   packets lost on every receiving end (browsers and synthetic participants);
#   the load (`uptime`) before each run, and the machine's CPU use in the window.
# Usage:
#   bench/scripts/calls-sfu.sh [-n RUNS] [-w SECS] [-m MESH_SIZES] [-s SFU_SIZES] [BINARY]
# RUNS 3, SECS 10, MESH_SIZES "4 8", SFU_SIZES "4 8" (a size is the call's participants:
# 4 browsers, the rest synthetic), BINARY target/release/natter: about 10 minutes. The
# sizes of a round alternate, so the host's drift falls on all of them. On 2 cores a
# call past 8 needs lighter synthetic participants: VIDEO=160x120@10 RECEIVE=none
# (-s "12 18 25"), or VIDEO=none RECEIVE=none for 25 (docs/benchmarks.md).
# Environment: VIDEO (what a synthetic participant sends: WxH@FPS, default 160x120@10,
# or none for audio alone), RECEIVE (all; audio: a synthetic participant subscribes to
# the others' audio alone; none: to nobody; SFU only), PER_PROCESS (synthetic
# participants per Python process, 6), PYTHON (a Python with aiortc and aiohttp; without
# it a virtualenv is made in target/calls-venv), JANUS (/usr/bin/janus), CHROMIUM
# (/usr/bin/chromium).
# Needs Debian's janus, chromium and openssl, Node.js, tests/browser's node_modules.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
runs=3
window=10
mesh_sizes="4 8"
sfu_sizes="4 8"
while getopts n:w:m:s: opt; do
    case $opt in
    n) runs=$OPTARG ;;
    w) window=$OPTARG ;;
    m) mesh_sizes=$OPTARG ;;
    s) sfu_sizes=$OPTARG ;;
    *) sed -n '2,30p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
natter=$(realpath "${1:-target/release/natter}")
[ -x "$natter" ] || { echo "$natter is not an executable" >&2; exit 1; }
janus_bin=${JANUS:-/usr/bin/janus}
plugins=/usr/lib/x86_64-linux-gnu/janus
[ -x "$janus_bin" ] || { echo "no Janus at $janus_bin (apt-get install janus)" >&2; exit 1; }
[ -d tests/browser/node_modules/playwright-core ] || npm ci --prefix tests/browser
if [ -z "${PYTHON:-}" ]; then
    PYTHON=target/calls-venv/bin/python
    if ! "$PYTHON" -c 'import aiortc, aiohttp' 2>/dev/null; then
        python3 -m venv target/calls-venv
        target/calls-venv/bin/pip install -q aiortc aiohttp
    fi
fi
export PYTHON=$(realpath -s "$PYTHON") WINDOW=$window

dir=$(mktemp -d)
natter_pid=
janus_pid=
stop() {
    [ -n "$natter_pid" ] && kill -INT "$natter_pid" 2>/dev/null && wait "$natter_pid" || true
    [ -n "$janus_pid" ] && kill "$janus_pid" 2>/dev/null && wait "$janus_pid" || true
    natter_pid=
    janus_pid=
}
trap 'stop; rm -rf "$dir"' EXIT

# start_janus WORK SECRET: Janus with only its VideoRoom plugin and HTTP transport on
# 127.0.0.1, the secret as api_secret, token_auth_secret and admin_key (docs/deploy.md);
# sets $janus_pid and $janus_api once it answers as Janus.
start_janus() {
    local conf=$1/janus port
    mkdir -p "$conf"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local others=audiobridge,duktape,echotest,lua,nosip,recordplay,sip,streaming,textroom,videocall
    cat >"$conf/janus.jcfg" <<EOF
general: {
    configs_folder = "$conf"
    plugins_folder = "$plugins/plugins"
    transports_folder = "$plugins/transports"
    events_folder = "$plugins/events"
    loggers_folder = "$plugins/loggers"
    debug_level = 3
    api_secret = "$2"
    token_auth = true
    token_auth_secret = "$2"
}
plugins: { disable = "$(sed 's/\([a-z]*\)/libjanus_\1.so/g' <<<"$others")" }
transports: { disable = "libjanus_websockets.so,libjanus_pfunix.so,libjanus_mqtt.so,libjanus_rabbitmq.so,libjanus_nanomsg.so" }
loggers: { disable = "libjanus_jsonlog.so" }
events: { broadcast = false }
nat: { ignore_mdns = true }
EOF
    printf 'general: {\n    base_path = "/janus"\n    http = true\n    ip = "127.0.0.1"\n    port = %s\n}\nadmin: { admin_http = false }\n' \
        "$port" >"$conf/janus.transport.http.jcfg"
    printf 'general: {\n    admin_key = "%s"\n}\n' "$2" >"$conf/janus.plugin.videoroom.jcfg"
    "$janus_bin" -F "$conf" -C "$conf/janus.jcfg" >"$1/janus.log" 2>&1 &
    janus_pid=$!
    janus_api=http://127.0.0.1:$port/janus
    for _ in $(seq 400); do
        curl -s "$janus_api/info" 2>/dev/null | grep -q server_info && return
        sleep 0.05
    done
    echo "Janus did not answer at $janus_api" >&2
    exit 1
}

# one_call MODE SIZE: a fresh natter (and Janus) and one measured call; appends its line
one_call() {
    local mode=$1 size=$2 work
    work=$dir/$mode-$size-$run
    mkdir -p "$work"
    local flags=(--listen 127.0.0.1:0 --db "$work/natter.db" --media-dir "$work/media" --log warn
        --rate-limits off)
    if [ "$mode" = sfu ]; then
        openssl rand -hex 32 >"$work/secret"
        start_janus "$work" "$(cat "$work/secret")"
        flags+=(--sfu "$janus_api" --sfu-public-url "$janus_api" --sfu-secret-file "$work/secret")
    fi
    : >"$work/out"
    "$natter" "${flags[@]}" >"$work/out" 2>"$work/err" &
    natter_pid=$!
    wait_listening "$work/out"
    local load
    load=$(uptime | sed 's/.*load average: //')
    if BASE=$url MODE=$mode BROWSERS=4 SYNTHETIC=$((size - 4)) NATTER_PID=$natter_pid \
        JANUS_PID=$janus_pid timeout 600 node bench/calls/browsers.mjs >"$work/result" 2>"$work/log"; then
        python3 -c 'import json, sys; r = json.loads(sys.argv[1]); r["load"] = sys.argv[2]; print(json.dumps(r))' \
            "$(tail -1 "$work/result")" "$load" | tee -a "$dir/lines"
    else
        echo "run $run $mode $size failed:" >&2
        tail -5 "$work/log" >&2
    fi
    stop
}

for run in $(seq "$runs"); do
    for size in $mesh_sizes; do one_call mesh "$size"; done
    for size in $sfu_sizes; do one_call sfu "$size"; done
done
[ -s "$dir/lines" ] && python3 bench/calls/summary.py "$dir/lines"
