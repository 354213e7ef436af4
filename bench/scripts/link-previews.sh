#!/bin/bash
# What link previews cost a send: natter-bench's `send` with messages of three links
# against the same with none, on one build, the two alternating which goes first each
# round. A small website on this machine (python3, one thread per request) answers every
# link with a page of Open Graph tags (and, with PICTURE=1, a 600x315 PNG as its picture),
# and natter may fetch from it (NATTER_LINK_PREVIEWS_PRIVATE), so every message's three
# previews are really fetched, read and written while the sends go on: what a send's
# answer waits for must not grow. Prints each round, then per figure the median with its
# spread and the median of the per-round ratios (three links / none). Usage:
#   bench/scripts/link-previews.sh [ROUNDS] [natter-bench send flags]
# e.g. bench/scripts/link-previews.sh 5 --transport rest --secs 5
# Against the build before previews, with the site running for both:
#   bench/scripts/link-previews.sh --against REV [compare.sh's send flags]
# What previews alone cost (three links each way, previews off against on, so the
# longer text costs both the same):
#   bench/scripts/link-previews.sh --off [ROUNDS] [natter-bench send flags]
# runs bench/scripts/compare.sh REV send --links 3 ... (the older build stores the links
# as text). NATTER and BENCH name the binaries (default target/release/). Measure on a
# quiet machine: compiling beside it moves these figures by more than what is measured.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/scripts/lib.sh
against=
if [[ "${1:-}" == "--against" ]]; then
    against=$2
    shift 2
fi
# The first arm: no links, or (--off) three links with previews off.
base_links=0
base_env=()
if [[ "${1:-}" == "--off" ]]; then
    base_links=3
    base_env=(NATTER_LINK_PREVIEWS=off)
    shift
fi
rounds=5
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    rounds=$1
    shift
fi
natter=${NATTER:-target/release/natter}
bench=${BENCH:-target/release/natter-bench}
if [[ -z ${NATTER:-} && -z $against ]]; then
    echo "building natter and natter-bench (release) ..." >&2
    cargo build --release -p natter -p natter-bench 2>&1 | tail -1 >&2
fi
dir=$(mktemp -d)
site_pid=
trap '[[ -n $site_pid ]] && kill "$site_pid" 2>/dev/null; rm -rf "$dir"' EXIT

# The website: any path is a page; /card.png its picture. It stands for other machines,
# so it runs at the lowest priority: the CPU it takes is not taken from natter or the load.
nice -n 19 python3 - "$dir/port" "${PICTURE:-0}" >"$dir/site.log" 2>&1 <<'PY' &
import http.server, socketserver, struct, sys, zlib
port_file, picture = sys.argv[1], sys.argv[2] == "1"
def png(w, h):
    rows = b"".join(b"\0" + b"".join(bytes((x * 255 // w, y * 255 // h, 120)) for x in range(w)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
CARD = png(600, 315)
class Site(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_GET(self):
        if self.path == "/card.png":
            kind, body = "image/png", CARD
        else:
            image = '<meta property="og:image" content="/card.png">' if picture else ""
            body = (f'<!doctype html><html><head><title>{self.path}</title>'
                    f'<meta property="og:title" content="Page {self.path}">'
                    f'<meta property="og:description" content="A page for the benchmark.">{image}'
                    '</head><body><p>Hello.</p></body></html>').encode()
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
server = Server(("127.0.0.1", 0), Site)
open(port_file, "w").write(str(server.server_address[1]))
server.serve_forever()
PY
site_pid=$!
for _ in $(seq 100); do [[ -s $dir/port ]] && break; sleep 0.05; done
[[ -s $dir/port ]] || { echo "the website did not start" >&2; exit 1; }
site="127.0.0.1:$(cat "$dir/port")"
export NATTER_LINK_PREVIEWS_PRIVATE=$site
echo "website at http://$site (picture: ${PICTURE:-0})" >&2

if [[ -n $against ]]; then
    exec bench/scripts/compare.sh --rounds "$rounds" "$against" send --links 3 --link-site "http://$site" "$@"
fi

results=$dir/results
for round in $(seq "$rounds"); do
    if (( round % 2 )); then order="0 3"; else order="3 0"; fi
    for links in $order; do
        env=()
        if [[ $links == 0 ]]; then env=("${base_env[@]}"); fi
        line=$(env "${env[@]}" "$bench" --natter "$natter" send --links "$(( links == 0 ? base_links : 3 ))" \
            --link-site "http://$site" "$@" | tail -1)
        echo "round $round links=$links: $line" >&2
        printf '%s\t%s\t%s\n' "$round" "$links" "$line" >>"$results"
    done
done
python3 - "$results" "$base_links" <<'PY'
import json, statistics, sys
runs = {"0": {}, "3": {}}
for line in open(sys.argv[1]):
    rnd, links, js = line.rstrip("\n").split("\t", 2)
    for name, value in json.loads(js)["figures"].items():
        runs[links].setdefault(name, {})[int(rnd)] = value
first = "previews off" if len(sys.argv) > 2 and sys.argv[2] == "3" else "no links"
print(f"{'figure':<30} {first:>22} {'three links':>22}   ratio (median of rounds)")
for name in runs["3"]:
    none, three = runs["0"].get(name, {}), runs["3"][name]
    if not none:
        continue
    pairs = [three[r] / none[r] for r in three if r in none and none[r]]
    show = lambda v: f"{statistics.median(v.values()):.1f} ({min(v.values()):.1f}-{max(v.values()):.1f})"
    ratio = f"{statistics.median(pairs):.3f}" if pairs else "-"
    print(f"{name:<30} {show(none):>22} {show(three):>22}   {ratio}")
PY
