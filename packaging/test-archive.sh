#!/usr/bin/env bash
# The release archive where no Rust is: unpacked into an empty folder, its sum checked
# against SHA256SUMS when that lies beside it, run from there with nothing but
# PATH=/usr/bin:/bin and a HOME in that folder (as root, also in a network namespace of
# its own), as README.md says (./natter): GET /healthz, two sign-ups, a message read
# back, SIGTERM exit 0; then started again on the same folder, the message is still there.
#
#     packaging/test-archive.sh [ARCHIVE]     # default: dist/natter-<version>-<arch>-linux.tar.xz
#     NATTER_BIN=target/debug/natter packaging/test-archive.sh
#                                             # an archive of that binary instead of dist's
#                                             # (packaging/make-archive.sh; stripped first
#                                             # and compressed fast), for a quick try
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/smoke.sh
SECONDS=0

# As root, once more in a network namespace of its own: natter's port 8000 then meets
# nothing else on the machine.
if [ "$(id -u)" = 0 ] && [ -z "${NATTER_IN_NETNS:-}" ]; then
    exec unshare --net -- env NATTER_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi

version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
work=$(mktemp -d)
natter_pid=
cleanup() {
    status=$?
    if [ -n "$natter_pid" ] && kill -0 "$natter_pid" 2>/dev/null; then kill -KILL "$natter_pid"; fi
    rm -rf "$work"
    if [ "$status" != 0 ]; then echo "test-archive.sh FAILED (exit $status)" >&2; fi
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
    archive=$1
elif [ -n "${NATTER_BIN:-}" ]; then
    bin=$NATTER_BIN
    [ -x "$bin" ] || fail "NATTER_BIN=$bin is not an executable"
    # as release.sh's dist binary is: stripped (a debug build's symbols are most of it)
    if grep -q '\.symtab\|\.debug_' <<<"$(readelf -S "$bin")"; then
        mkdir "$work/stripped"
        objcopy --strip-all "$bin" "$work/stripped/natter"
        bin=$work/stripped/natter
    fi
    archive=$(NATTER_XZ_LEVEL=0 packaging/make-archive.sh "$bin" "$work/release")
    (cd "$work/release" && sha256sum -- *.tar.xz >SHA256SUMS)
else
    archive=dist/natter-$version-$(uname -m)-linux.tar.xz
fi
[ -f "$archive" ] || fail "no $archive (packaging/release.sh makes it; or set NATTER_BIN)"
archive=$(realpath "$archive")
ok "archive $archive ($(du -k "$archive" | cut -f1) KiB)"

# the README's steps, in an empty folder, with a bare environment
mkdir "$work/try"
cp "$archive" "$work/try/"
[ ! -f "$(dirname "$archive")/SHA256SUMS" ] || cp "$(dirname "$archive")/SHA256SUMS" "$work/try/"
cd "$work/try"
bare_env=(env -i PATH=/usr/bin:/bin HOME="$work/try" LANG=C.UTF-8)
bare() { "${bare_env[@]}" "$@"; }
for rust in cargo rustc rustup; do
    if bare sh -c "command -v $rust" >/dev/null; then fail "$rust is on PATH=/usr/bin:/bin here: not a place without Rust"; fi
done
ok "no cargo, rustc or rustup on PATH=/usr/bin:/bin"
if [ -f SHA256SUMS ]; then
    bare sha256sum --check --ignore-missing SHA256SUMS | sed 's/^/    /'
    ok "sha256sum --check --ignore-missing SHA256SUMS"
fi
bare tar -xJf "$(basename "$archive")"
cd "natter-$version-$(uname -m)-linux"
ls -l | sed 's/^/    /'
for f in natter README.md LICENSE natter.service natter.env; do [ -f "$f" ] || fail "$f is not in the archive"; done
# natter.env is where the operator puts secrets: the archive gives it to nobody else
mode=$(tar -tvJf "$work/try/$(basename "$archive")" | awk '$NF ~ /\/natter\.env$/ { print $1 }')
[ "$mode" = "-rw-r-----" ] || fail "natter.env is $mode in the archive, not -rw-r----- (0640)"
ok "natter.env is 0640 in the archive"
ok "$(bare ./natter --version)"
if [ -n "${NATTER_IN_NETNS:-}" ]; then listen=127.0.0.1:8000; else listen=127.0.0.1:0; fi

start() {
    local n=$1
    # there before natter's shell opens it, for the loop below to read from the start
    : >"$work/out.$n"
    # env execs natter: $! is natter itself
    "${bare_env[@]}" ./natter --listen "$listen" >"$work/out.$n" 2>"$work/err.$n" &
    natter_pid=$!
    BASE=
    for _ in $(seq 1 200); do
        BASE=$(sed -n 's|^listening on \(http://[0-9.:]*\)$|\1|p' "$work/out.$n" | head -n 1)
        [ -n "$BASE" ] && break
        kill -0 "$natter_pid" 2>/dev/null || fail "natter exited at start: $(cat "$work/err.$n")"
        sleep 0.1
    done
    [ -n "$BASE" ] || fail "no 'listening on' line in 20 s: $(cat "$work/out.$n" "$work/err.$n")"
    ok "run $n: ./natter serves on $BASE"
}
stop() {
    local status=0
    kill -TERM "$natter_pid"
    wait "$natter_pid" || status=$?
    natter_pid=
    [ "$status" = 0 ] || fail "natter exited $status on SIGTERM"
    [ ! -s natter.db-wal ] || fail "natter.db-wal is not empty after SIGTERM"
    ok "SIGTERM: exit 0, natter.db-wal empty"
}
CURL=(curl)
start 1
smoke_health
ok "GET /healthz: 200"
text="from the archive $$"
smoke_conversation "$text"
ok "signed up alice and bob; alice wrote \"$text\", bob reads it"
stop
start 2
smoke_read "$bob_token" "$chat" "$text"
ok "started again on ./natter.db: bob still reads it"
stop
echo "test-archive.sh: passed in ${SECONDS}s"
