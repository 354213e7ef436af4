#!/bin/bash
# What an idle HTTP/1.1 long poll costs at the least on natter's stack (bench/poll-floor:
# tokio, hyper 1.x, mimalloc, and nothing of natter's), measured as `natter-bench matrix
# --measure polls` measures natter: private memory (RssAnon) and RSS of the server once
# they hold still, before anything opens, with N idle connections that each had one
# request answered, and with each of those also holding a request that waits. Usage:
#   bench/scripts/poll-floor.sh [N] [ROUNDS]      default: 1,000 connections, 3 rounds
# Prints per round the bytes per idle connection and per waiting poll (connection
# included), then the medians. Needs python3.
set -euo pipefail
n=${1:-1000}
rounds=${2:-3}
cargo build --release --quiet --manifest-path bench/poll-floor/Cargo.toml
floor=$(realpath bench/poll-floor/target/release/poll-floor)
ulimit -n "$(ulimit -Hn)"
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for round in $(seq "$rounds"); do
    "$floor" >"$dir/out" &
    pid=$!
    for _ in $(seq 100); do grep -q listening "$dir/out" && break; sleep 0.05; done
    addr=$(sed -n 's/^listening on //p' "$dir/out")
    python3 - "$addr" "$n" <<'PY'
import asyncio, sys
host, port = sys.argv[1].rsplit(":", 1)
n = int(sys.argv[2])
# A Matrix app's request, of the size Element's /sync has.
HEAD = ("GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer syt_" + "x" * 40 +
        "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Element/1.11\r\n"
        "Accept: application/json\r\nAccept-Encoding: gzip, deflate\r\n\r\n")
SYNC = "/_matrix/client/v3/sync?filter=0&timeout=30000&since=s1234_5678_1795917117806"

async def ask(reader, writer, path):
    writer.write(HEAD.format(path=path, host=sys.argv[1]).encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
    return await reader.readexactly(length)

async def steady(probe):
    last = None
    while True:
        now = tuple(int(x) for x in (await ask(*probe, "/memory")).split())
        if now == last:
            return now
        last = now
        await asyncio.sleep(0.5)

async def main():
    probe = await asyncio.open_connection(host, int(port))
    before = await steady(probe)
    conns = []
    for i in range(0, n, 50):
        batch = [await asyncio.open_connection(host, int(port)) for _ in range(min(50, n - i))]
        for c in batch:
            await ask(*c, "/now")
        conns += batch
    idle = await steady(probe)
    for r, w in conns:
        w.write(HEAD.format(path=SYNC, host=sys.argv[1]).encode())
        await w.drain()
    polls = await steady(probe)
    per = lambda a, b, i: (a[i] - b[i]) * 1024 // n
    print(f"idle connection {per(idle, before, 0)} B private ({per(idle, before, 1)} B RSS); "
          f"waiting poll {per(polls, before, 0)} B private ({per(polls, before, 1)} B RSS)")

asyncio.run(main())
PY
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
