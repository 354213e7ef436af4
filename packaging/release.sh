#!/usr/bin/env bash
# Makes a release of this checkout for the machine's architecture, in dist/:
#
#   natter-<version>-<arch>-linux.tar.xz   natter (the dist build), README.md, LICENSE,
#                                          natter.service, natter.env (an example)
#   natter_<version>-1_<debarch>.deb       the Debian package (packaging/build-deb.sh)
#   natter-<version>-<arch>-image.tar      the container image (packaging/Containerfile),
#                                          a docker-archive: docker load / podman load
#   SHA256SUMS                             over the three
#
#     packaging/release.sh                 # from a clean checkout, as root (buildah)
#
# One build: build-deb.sh builds the `dist` profile (fat LTO, stripped); the archive, the
# package and the image all carry that binary, which says its version and commit
# (`natter --version`: natter 0.1.0 (commit abc1234)). The binary links the build
# machine's glibc, so it runs on that distribution's release and newer ones: the release
# workflow builds on Debian 12 (glibc 2.36).
# Needs Rust 1.88+, a C compiler, git, xz, buildah, busybox-static, ca-certificates.
# Refuses a checkout with changes or untracked files (they would be built in unnamed).
#
# NATTER_BIN=path packages that binary instead and skips the build and the .deb: for
# trying the packaging on a machine without the time for a dist build; not a release.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
fail() { echo "release.sh: $*" >&2; exit 1; }

out=dist
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then fail "$out/ is not empty: move or delete it"; fi
[ -z "$(git status --porcelain)" ] || fail "the checkout has changes or untracked files: $(git status --porcelain | head -n 5)"
for tool in git xz tar sha256sum buildah; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done

version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
arch=$(uname -m)
# build.rs reads it: the commit is named even where .git is not at hand
NATTER_COMMIT=$(git rev-parse --short HEAD)
export NATTER_COMMIT
# the archive's and the image's file times: the commit's
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
export SOURCE_DATE_EPOCH
mkdir -p "$out"

# ---- the binary and the .deb
if [ -n "${NATTER_BIN:-}" ]; then
    bin=$NATTER_BIN
    echo "release.sh: NATTER_BIN=$bin: no build, no .deb"
else
    deb=$(packaging/build-deb.sh | tail -n 1)
    [ -f "$deb" ] || fail "packaging/build-deb.sh left no .deb (got '$deb')"
    cp "$deb" "$out/"
    bin=${CARGO_TARGET_DIR:-target}/dist/natter
    "$bin" --version | grep -qF "(commit $NATTER_COMMIT)" ||
        fail "$bin --version says '$("$bin" --version)', not commit $NATTER_COMMIT"
fi
echo "release.sh: $("$bin" --version)"

# ---- the archive
packaging/make-archive.sh "$bin" "$out" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- the image
tag=localhost/natter:$version-$arch
packaging/stage-image.sh "$bin" "$work/image" >/dev/null
buildah build --quiet --format docker --timestamp "$SOURCE_DATE_EPOCH" \
    --label "org.opencontainers.image.version=$version" \
    --label "org.opencontainers.image.revision=$(git rev-parse HEAD)" \
    -f packaging/Containerfile -t "$tag" "$work/image" >/dev/null
rm -f "$out/natter-$version-$arch-image.tar"
buildah push --quiet "$tag" "docker-archive:$out/natter-$version-$arch-image.tar:natter:$version" >/dev/null

# ---- the sums
(cd "$out" && sha256sum -- natter* >SHA256SUMS)
echo "release.sh: in $out/ after ${SECONDS}s (image also as $tag in buildah's storage):"
(cd "$out" && ls -l && cat SHA256SUMS)
