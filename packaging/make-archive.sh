#!/usr/bin/env bash
# Makes the release archive from a built natter binary (packaging/release.sh runs it on
# the dist build):
#     packaging/make-archive.sh BINARY OUTDIR    # prints OUTDIR/natter-<version>-<arch>-linux.tar.xz
# Inside, in natter-<version>-<arch>-linux/: natter, README.md, LICENSE, natter.service
# and natter.env (the Debian package's unit and settings, for a binary installed as
# /usr/local/bin/natter; README.md, "From the archive"). File times are the commit's
# (SOURCE_DATE_EPOCH), owners root, entries sorted: the same input gives the same bytes.
# NATTER_XZ_LEVEL (default 6) is xz's preset: test-archive.sh takes 0 for a quick try
# (a debug binary in 2 s instead of 20).
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BINARY OUTDIR" >&2; exit 2; }
bin=$1
out=$2
cd "$(dirname "$0")/.."
[ -x "$bin" ] || { echo "make-archive.sh: $bin is not an executable" >&2; exit 1; }
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
name=natter-$version-$(uname -m)-linux
# the commit's time; where git cannot say (no .git, another user's clone), now
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/$name" "$out"
install -m 0755 "$bin" "$work/$name/natter"
install -m 0644 README.md LICENSE "$work/$name/"
{
    echo "# natter from the release archive: the binary in /usr/local/bin/natter, the settings"
    echo "# in /etc/natter/natter.env, the data in /var/lib/natter (StateDirectory=). Not enabled"
    echo "# until you enable it:"
    sed -e '1,2d' -e 's|/usr/bin/natter|/usr/local/bin/natter|' -e '/^Documentation=file:/d' \
        packaging/debian/natter.service
} >"$work/$name/natter.service"
sed -e 's|^\(# natter.s settings, read by natter.service (EnvironmentFile=)\) and natter-backup.service.$|\1.|' \
    -e 's|^# A dpkg conffile: your edits survive upgrades. After editing:|# After editing:|' \
    -e 's|^\(# Every flag of natter.*\) is in$|\1 is|' \
    -e 's|^# /usr/share/doc/natter/natter-help.txt (the output of `natter --help`).$|# the output of `natter --help`.|' \
    -e 's|(/usr/share/doc/natter/ and docs/deploy.md upstream)|(docs/deploy.md)|' \
    -e '/^# Where natter-backup.service/,$d' \
    packaging/debian/natter.env >"$work/$name/natter.env"
# natter.env is where an operator puts secrets (docs/deploy.md): nobody else's to read.
chmod 0644 "$work/$name/natter.service"
chmod 0640 "$work/$name/natter.env"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    -C "$work" -cf - "$name" | xz "-${NATTER_XZ_LEVEL:-6}" -T1 >"$out/$name.tar.xz"
echo "$out/$name.tar.xz"
