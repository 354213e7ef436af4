#!/usr/bin/env bash
# Fills a build context for packaging/Containerfile from a built natter binary:
#     packaging/stage-image.sh BINARY CONTEXT
# CONTEXT/rootfs/ gets the binary (/usr/bin/natter), each library `ldd` names at the path
# the binary asks for it, /etc/passwd and /etc/group with natter (10001) and nobody, the
# CA bundle (NATS over TLS reads the system's roots), a static busybox (the health check's
# wget: `apt-get install busybox-static`) and /tmp; CONTEXT/state/natter (0700) is the
# empty data folder. The libraries come from the machine that built the binary, so they
# are the ones it was linked against.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BINARY CONTEXT" >&2; exit 2; }
bin=$1
ctx=$2
fail() { echo "stage-image.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "$bin is not an executable"
[ ! -e "$ctx" ] || [ -z "$(ls -A "$ctx")" ] || fail "$ctx exists and is not empty"
busybox=${NATTER_BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || fail "no $busybox (apt-get install busybox-static)"
! grep -q 'program interpreter' <<<"$(readelf -l "$busybox")" || fail "$busybox is not static (apt-get install busybox-static)"
ca=/etc/ssl/certs/ca-certificates.crt
[ -f "$ca" ] || fail "no $ca (apt-get install ca-certificates)"

root=$ctx/rootfs
mkdir -p "$root/usr/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/var/lib" "$ctx/state/natter"
chmod 1777 "$root/tmp"
chmod 0700 "$ctx/state/natter"
install -m 0755 "$bin" "$root/usr/bin/natter"
install -m 0755 "$busybox" "$root/usr/bin/busybox"
install -m 0644 "$ca" "$root/etc/ssl/certs/ca-certificates.crt"

# "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and the loader's own line
# "/lib64/ld-linux-x86-64.so.2 (0x...)"; linux-vdso has no file.
ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u |
    while read -r lib; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
        echo "stage-image.sh: $lib"
    done
interp=$(readelf -l "$bin" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
[ -z "$interp" ] || [ -f "$root$interp" ] || fail "the loader $interp is not in the image"

printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' \
    'natter:x:10001:10001:natter:/var/lib/natter:/usr/sbin/nologin' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'natter:x:10001:' 'nogroup:x:65534:' >"$root/etc/group"
printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
chmod 0644 "$root/etc/passwd" "$root/etc/group" "$root/etc/nsswitch.conf"
