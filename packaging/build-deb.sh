#!/bin/sh
# Builds the Debian package from this checkout: target/debian/natter_<version>_<arch>.deb.
#   packaging/build-deb.sh
# The binary is the `dist` profile (Cargo.toml: fat LTO, one codegen unit, stripped);
# `natter --help` of that very binary goes to /usr/share/doc/natter/natter-help.txt.
# Prints the .deb's path as its last line.
#   NATTER_BIN=target/debug/natter packaging/build-deb.sh
# packages that binary instead (stripped first), in a target folder of its own, for a
# quick try of the packaging (test-package.sh passes it on) without the dist build.
set -eu
cd "$(dirname "$0")/.."

# cargo-deb, pinned: the packaging tool of Rust projects (one Cargo.toml table instead
# of a debian/ tree and debhelper); built once per machine into ~/.cargo/bin.
CARGO_DEB_VERSION=3.8.0
if [ "$(cargo deb --version 2>/dev/null || true)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
    cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked
fi

target=${CARGO_TARGET_DIR:-target}
if [ -n "${NATTER_BIN:-}" ]; then
    [ -x "$NATTER_BIN" ] || { echo "NATTER_BIN=$NATTER_BIN is not an executable" >&2; exit 1; }
    target=$target/quick-deb
    mkdir -p "$target/dist"
    # a debug build also keeps rustc's gdb scripts section, which strip-all leaves
    objcopy --strip-all --remove-section=.debug_gdb_scripts "$NATTER_BIN" "$target/dist/natter"
    export CARGO_TARGET_DIR=$target
else
    cargo build --locked --profile dist -p natter
fi
bin="$target/dist/natter"
help="$target/dist/natter-help.txt"
{
    echo "natter $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2): every flag and command"
    echo "Each flag also reads the environment variable shown; the packaged service takes"
    echo "them from /etc/natter/natter.env."
    echo
    "$bin" --help
    # each command's own help, in the order --help lists them
    "$bin" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' |
        grep -vx help | while read -r cmd; do
            echo
            echo "==== natter $cmd --help"
            echo
            "$bin" "$cmd" --help
        done
} >"$help"

# --no-build: cargo-deb packages the binary built just above, with its help beside it.
cargo deb --profile dist --no-build
ls -1t "$target"/debian/natter_*.deb | head -n 1
