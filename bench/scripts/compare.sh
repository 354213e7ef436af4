#!/usr/bin/env bash
# Compares this checkout's natter with the natter of an older commit, in one command:
# builds both with the release profile (what `cargo run --release` gives a user), then
# runs the same natter-bench scenario against each in turn, alternating which goes first
# each round, and prints every figure's median, its spread (min-max) and the median of
# the per-round ratios (this build / the other).
#
#   bench/scripts/compare.sh [--rounds N] REV [natter-bench flags] SCENARIO [its flags]
#
# REV is a commit, the path of a natter binary already built, or `reference`: the fixed
# reference build, b64cc9c (sends at their speed before the round that brought previews,
# the index's sender words, pins, saved messages, statuses and quiet hours, groups and
# ready pages), built from its commit like any other, so each round is also compared with
# it and not only with the build just before.
#
# e.g. bench/scripts/compare.sh --rounds 5 e423472 send --transport socket --secs 5
#
# The older build is made in a git worktree under target/compare/ (kept, with its own
# target folder, so a second comparison with the same commit does not build it again).
# natter-bench itself is always this checkout's, so both builds see the same load.
# NATTER and BENCH name other binaries for "this build" and the load generator (then
# nothing is built).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

rounds=5
if [[ "${1:-}" == "--rounds" ]]; then
    rounds=$2
    shift 2
fi
rev=${1:?usage: compare.sh [--rounds N] REV [natter-bench flags] SCENARIO [flags]}
shift
[[ $rev == reference ]] && rev=b64cc9c
[[ $# -gt 0 ]] || { echo "name a natter-bench scenario (send, history, fanout, ...)" >&2; exit 2; }

work=$root/target/compare
mkdir -p "$work"
if [[ -f $rev && -x $rev ]]; then
    sha=$(basename "$rev")
    old=$(realpath "$rev")
else
    sha=$(git rev-parse --short=10 "$rev^{commit}")
    old=$work/natter-$sha
fi
if [[ ! -x $old ]]; then
    tree=$work/tree-$sha
    [[ -d $tree ]] || git worktree add --detach "$tree" "$sha" >/dev/null
    echo "building $sha (release) ..." >&2
    (cd "$tree" && CARGO_TARGET_DIR=$work/target cargo build --release -p natter 2>&1 | tail -1 >&2)
    cp "$work/target/release/natter" "$old"
fi
new=${NATTER:-$root/target/release/natter}
bench=${BENCH:-$root/target/release/natter-bench}
if [[ -z ${NATTER:-} ]]; then
    echo "building this checkout (release) ..." >&2
    cargo build --release -p natter -p natter-bench 2>&1 | tail -1 >&2
fi
here=$(git rev-parse --short=10 HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo "+changes")
[[ -n ${NATTER:-} ]] && here=$(basename "$new")

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
    if (( round % 2 )); then order="old new"; else order="new old"; fi
    for which in $order; do
        binary=$old
        [[ $which == new ]] && binary=$new
        line=$("$bench" --natter "$binary" "$@" | tail -1)
        echo "round $round $which: $line" >&2
        printf '%s\t%s\t%s\n' "$round" "$which" "$line" >>"$results"
    done
done

python3 - "$results" "$sha" "$here" <<'PY'
import json, statistics, sys
path, old_name, new_name = sys.argv[1:4]
runs = {"old": {}, "new": {}}
for line in open(path):
    rnd, which, js = line.rstrip("\n").split("\t", 2)
    for name, value in json.loads(js)["figures"].items():
        runs[which].setdefault(name, {})[int(rnd)] = value
print(f"{'figure':<34} {old_name:>22} {new_name:>26}   ratio (median of rounds)")
for name in runs["new"]:
    old, new = runs["old"].get(name, {}), runs["new"][name]
    if not old:
        continue
    pairs = [new[r] / old[r] for r in new if r in old and old[r]]
    show = lambda v: f"{statistics.median(v.values()):.1f} ({min(v.values()):.1f}-{max(v.values()):.1f})"
    ratio = f"{statistics.median(pairs):.3f}" if pairs else "-"
    print(f"{name:<34} {show(old):>22} {show(new):>26}   {ratio}")
PY
