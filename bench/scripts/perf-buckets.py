#!/usr/bin/env python3
"""Splits a natter server's perf samples into where a request's time goes. Usage:
    bench/scripts/perf-buckets.py PERF.DATA [--top N] [--json]
PERF.DATA is a `perf record --call-graph dwarf -p <natter's pid>` of natter under load
(history-profile.sh makes them). Each sample goes to the innermost frame of its stack
that names a bucket, so a sample in the kernel's socket code under hyper is HTTP, one in
the kernel's file locks under SQLite is database, a memcpy under serde_json is JSON;
frames of std, core, libc and the kernel's scheduler name no bucket and are passed
through. A stack none of whose frames names one is `other`. Prints each bucket's share
of the samples (--json: as one JSON object); --top N also lists each bucket's N most
frequent innermost frames, to check what the patterns caught.
"""
import collections
import json
import re
import subprocess
import sys

# (bucket, pattern on a frame's symbol); the first matching pattern names a frame's
# bucket, so a frame is in one bucket even when two patterns match it.
BUCKETS = [
    ("allocator", r"^(_?mi_|mimalloc|<mimalloc::|__rust_(alloc|dealloc|realloc|alloc_zeroed)\b)"),
    ("compression", r"brotli|Brotli|flate2|miniz_oxide|async_compression|natter::http::compress"),
    ("caller", r"natter::routing::caller|natter::domain::auth|^<?(sha2|ring|hmac)::"),
    ("json", r"serde_json|^<?serde::|^<?(itoa|ryu)::|<(u|i)(8|16|32|64|size) as itoa::"
             r"|natter::surfaces::\w+::render|_json\b|write_json|natter::http::reply::"),
    ("database", r"sqlite3|rusqlite|fallible_streaming_iterator|natter::store::|natter::model::rows"
                 r"|^(pcache1|unixShm|unixLock|unixUnlock|unixRead|unixSync|wal[A-Z]|btree[A-Z]"
                 r"|getCellInfo|moveToChild|moveToRoot|vdbe[A-Z]|pager[A-Z])"),
    ("views", r"natter::domain::messaging|natter::model::views|natter::model::|natter::surfaces::"),
    ("http", r"^<?(hyper|hyper_util|warp|tokio|mio|h2|http|httparse|httpdate|tower|headers)::"
             r"|natter::(http|api|routing|ws)::"
             # the kernel's network stack and the sockets' system calls
             r"|^(tcp_|__tcp_|ip_|__ip_|ipv4_|inet_|__inet_|sock_|__sock_|sk_|__sk_|skb_|__skb_"
             r"|kfree_skb|consume_skb|net_rx|__netif|netif_|process_backlog|__napi|napi_"
             r"|__dev_queue|dev_hard_start|loopback_|__sys_sendto|__sys_recvfrom|__sys_sendmsg"
             r"|__sys_recvmsg|ep_poll|do_epoll|__x64_sys_epoll|ep_send_events|ep_item_poll"
             r"|__x64_sys_sendto|__x64_sys_recvfrom|__x64_sys_writev|__x64_sys_readv|do_writev"
             r"|do_readv|vfs_writev|vfs_readv|sock_write_iter|sock_read_iter|sock_sendmsg|sock_recvmsg)"),
]
ORDER = ["http", "caller", "database", "views", "json", "compression", "allocator", "other"]
COMPILED = [(name, re.compile(p)) for name, p in BUCKETS]


def bucket_of(symbol, cache={}):
    if symbol not in cache:
        cache[symbol] = next((name for name, p in COMPILED if p.search(symbol)), None)
    return cache[symbol]


def samples(perf_data):
    """Yields each sample's frames (symbols), innermost first."""
    out = subprocess.run(
        ["perf", "script", "--no-inline", "-F", "comm,tid,ip,sym", "-i", perf_data],
        check=True, capture_output=True, text=True).stdout
    for block in out.split("\n\n"):
        lines = [l for l in block.split("\n") if l.strip()]
        if len(lines) < 2:
            continue
        yield [l.strip().split(None, 1)[1] if " " in l.strip() else "[unknown]" for l in lines[1:]]


def main():
    args = sys.argv[1:]
    top = 0
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if len(args) != 1:
        sys.exit(__doc__)
    counts = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    total = 0
    for frames in samples(args[0]):
        total += 1
        name, frame = "other", frames[0]
        for f in frames:
            b = bucket_of(f)
            if b:
                name, frame = b, f
                break
        counts[name] += 1
        leaves[name][frames[0][:120]] += 1
    share = {b: round(100.0 * counts[b] / total, 1) if total else 0.0 for b in ORDER}
    if as_json:
        print(json.dumps({"samples": total, "share": share}))
    else:
        print(f"{total} samples")
        for b in ORDER:
            print(f"{b:12} {share[b]:5.1f} %")
    for b in ORDER if top else []:
        print(f"\n{b}:")
        for sym, n in leaves[b].most_common(top):
            print(f"  {n:6} {sym}")


if __name__ == "__main__":
    main()
