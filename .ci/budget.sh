#!/usr/bin/env bash
# The budget for what the build adds (.ci/budget.toml): the crates natter's binary builds
# in more than one version, the size of the package's binary, and the wall time of a CI
# run. Prints the list and the figures either way; exits 1 when a figure is past its
# number, so a growth lands only with a commit that raises the number and says why.
#   .ci/budget.sh crates          the duplicated crates (needs only Cargo.lock's sources)
#   .ci/budget.sh size [BINARY]   the dist binary's bytes (default target/dist/natter,
#                                 built by packaging/build-deb.sh)
#   .ci/budget.sh time SECONDS    a whole .ci/run's wall time so far (its $SECONDS)
#   .ci/budget.sh                 the crates and the size
#
# The crates are counted from `cargo tree` on natter's normal edges for one fixed target
# (x86_64-unknown-linux-gnu, the package's), not from Cargo.lock: the lock also holds the
# bench crate, the tests' dev-dependencies, build scripts' dependencies and crates only
# other platforms build, so it moves for reasons that never reach the binary. The fixed
# triple makes every machine count the same way. Proc-macro crates (and what they use)
# are normal edges too: they cost build time though not bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

# NATTER_BUDGET_FILE: another budget file, for tests/budget.rs's check of the check.
budget_file=${NATTER_BUDGET_FILE:-.ci/budget.toml}
triple=x86_64-unknown-linux-gnu

# The number written for KEY in the budget file (`KEY = 123`, one a line).
limit() {
    local value
    value=$(sed -n "s/^$1[[:space:]]*=[[:space:]]*\([0-9_]*\).*/\1/p" "$budget_file" | tr -d _)
    [ -n "$value" ] || { echo "budget: no '$1 = N' line in $budget_file" >&2; exit 2; }
    echo "$value"
}

failed=0
# Compares FIGURE against the number for KEY and says which way it went; SUGGEST is the
# number to write when the figure has come down (the figure itself unless given).
judge() {
    local key=$1 figure=$2 suggest=${3:-$2} max
    max=$(limit "$key")
    if [ "$figure" -gt "$max" ]; then
        echo "budget: FAIL $key = $figure, past the $max in $budget_file;"
        echo "        remove the growth, or raise the number in a commit that says why it is worth it"
        failed=1
    elif [ "$suggest" -lt "$max" ]; then
        echo "budget: ok $key = $figure (budget $max; lower it to $suggest to keep the gain)"
    else
        echo "budget: ok $key = $figure (budget $max)"
    fi
}

check_crates() {
    local tree
    # `--locked`: the count is of the committed Cargo.lock, never of a fresh resolution.
    tree=$(cargo tree --locked -e normal -p natter --target "$triple" --prefix none --format '{p}')
    local list
    # "name v1 v2 ..." for each crate built in more than one version.
    list=$(awk '{ print $1, $2 }' <<<"$tree" | sort -u | sort -k1,1 -k2,2V |
        awk '{ v[$1] = v[$1] " " $2; n[$1]++ }
             END { for (k in n) if (n[k] > 1) print k v[k] }' | sort)
    local crates several extra
    crates=$(awk '{ print $1, $2 }' <<<"$tree" | sort -u | wc -l)
    several=$(grep -c . <<<"$list" || true)
    extra=$(awk '{ e += NF - 2 } END { print e + 0 }' <<<"$list")
    echo "budget: crates natter builds ($triple, normal edges): $crates"
    echo "budget: built in more than one version: $several (versions beyond the first: $extra)"
    sed 's/^/  /' <<<"$list"
    judge several_versions "$several"
    judge extra_versions "$extra"
}

check_size() {
    local binary=${1:-${CARGO_TARGET_DIR:-target}/dist/natter}
    [ -f "$binary" ] || {
        echo "budget: $binary does not exist (packaging/build-deb.sh builds it)" >&2
        exit 2
    }
    local bytes
    bytes=$(stat -c %s "$binary")
    echo "budget: $binary is $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }') MiB)"
    # The budget's rule (.ci/budget.toml): the size rounded up to the next 64 KiB.
    judge dist_bytes "$bytes" $(((bytes + 65535) / 65536 * 65536))
}

# A run's wall time against ci_seconds: CI's limit is 90 minutes on two cores, and a
# suite that creeps towards it would one day land nothing.
check_time() {
    local seconds=${1:-}
    [[ "$seconds" =~ ^[0-9]+$ ]] || { echo "budget: time needs the run's seconds" >&2; exit 2; }
    echo "budget: the CI run took $seconds s ($((seconds / 60)) min $((seconds % 60)) s)"
    judge ci_seconds "$seconds" "$(limit ci_seconds)"
}

case "${1:-all}" in
crates) check_crates ;;
size) check_size "${2:-}" ;;
time) check_time "${2:-}" ;;
all)
    check_crates
    check_size
    ;;
*)
    echo "usage: .ci/budget.sh [crates | size [BINARY] | time SECONDS]" >&2
    exit 2
    ;;
esac
exit "$failed"
