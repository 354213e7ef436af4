#!/usr/bin/env bash
# Runs natter's container image without a container runtime, doing by hand what a
# runtime does with the image's own settings (read from `buildah inspect`, not repeated
# here): a container made from the image (`buildah from`, `buildah mount`), new mount, PID
# and network namespaces (natter is PID 1 and listens on the image's port in its own
# network), /proc and a minimal /dev, the volume bind-mounted at /var/lib/natter (first
# filled from the image's folder, as a named volume is), then chroot, the image's working
# directory, user, environment (nothing from this shell) and entrypoint. Three
# containers, one volume:
#
#   1. from the previous image, on a new volume: the image's health check (its own
#      command, run inside it as its user), sign-up of two people, a message, SIGTERM:
#      exit 0 with the WAL folded;
#   2. from the image under test, on that volume (an upgrade): the message is there, read
#      with the token from before; the health check; a second message; SIGTERM;
#   3. a new container from the image under test (a restart): both messages are there.
#
#     sudo packaging/test-image.sh             # the image release.sh made: dist/natter-<version>-<arch>-image.tar
#     sudo packaging/test-image.sh IMAGE.tar   # another image archive (docker save, buildah push docker-archive:)
#     sudo NATTER_BIN=target/debug/natter packaging/test-image.sh
#                                              # an image of that binary, made as release.sh
#                                              # makes one (stage-image.sh, Containerfile;
#                                              # stripped first if it is not)
#
# NATTER_PREVIOUS=IMAGE.tar or a binary: the previous release to upgrade from. Without
# it, the previous image is built anew from the binary of the image under test: the
# upgrade step then checks that the data moves to another image (owner, paths, the
# signing key), not a change of database schema.
#
# Needs root, buildah, busybox-static, binutils, util-linux (unshare, nsenter), iproute2,
# curl, python3. Removes everything it made (containers, images, mounts, files) on any exit.
# (Under pipefail, a pipe into `grep -q` or `head` fails when the writer gets SIGPIPE:
# such checks read a "$(...)" instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/smoke.sh
SECONDS=0

[ "$(id -u)" = 0 ] || fail "must run as root (namespaces, chroot, buildah)"
for tool in buildah unshare nsenter ip curl python3 readelf objcopy; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
if [ -n "${NATTER_BIN:-}" ]; then
    subject=$NATTER_BIN
elif [ $# -ge 1 ]; then
    subject=$1
else
    subject=dist/natter-$version-$(uname -m)-image.tar
fi
[ -e "$subject" ] || fail "no $subject (packaging/release.sh makes it; or set NATTER_BIN)"

work=$(mktemp -d)
tag=localhost/natter-image-test-$$
containers=()
tags=()   # images this test named: removed by name
ids=()    # images an archive brought in that were not here before: removed by id
runner_pid=
cleanup() {
    status=$?
    if [ -n "$runner_pid" ] && kill -0 "$runner_pid" 2>/dev/null; then
        kill -KILL "$runner_pid" 2>/dev/null || true
        wait "$runner_pid" 2>/dev/null || true
    fi
    for c in ${containers[@]+"${containers[@]}"}; do
        buildah umount "$c" >/dev/null 2>&1 || true
        buildah rm "$c" >/dev/null 2>&1 || echo "cleanup: buildah rm $c FAILED" >&2
    done
    for t in ${tags[@]+"${tags[@]}"}; do
        if buildah inspect --type image "$t" >/dev/null 2>&1; then
            buildah rmi "$t" >/dev/null || echo "cleanup: buildah rmi $t FAILED" >&2
        fi
    done
    for i in ${ids[@]+"${ids[@]}"}; do
        if buildah inspect --type image "$i" >/dev/null 2>&1; then
            buildah rmi --force "$i" >/dev/null || echo "cleanup: buildah rmi $i FAILED" >&2
        fi
    done
    rm -rf "$work"
    if [ "$status" != 0 ]; then echo "test-image.sh FAILED (exit $status)" >&2; fi
}
trap cleanup EXIT

# Puts SOURCE in buildah's storage as image TAG: an image archive as it is, or a binary
# as release.sh makes an image of it (a copy stripped first, so that the image is the
# size a release's is). Sets made_from to the binary it staged, if any.
make_image() {
    local src=$1 name=$2 id bin
    made_from=
    case "$src" in
        *.tar)
            [ -f "$src" ] || fail "no image archive $src"
            buildah images --all --no-trunc --format '{{.ID}} {{.Name}}:{{.Tag}}' | sort >"$work/before"
            id=$(buildah pull --quiet "docker-archive:$(realpath "$src")") || fail "buildah pull docker-archive:$src"
            buildah tag "$id" "$name"
            if grep -q "$id" "$work/before"; then
                # an image that was here already: only the names the pull and this test gave it go
                mapfile -t -O "${#tags[@]}" tags < <(buildah images --all --no-trunc \
                    --format '{{.ID}} {{.Name}}:{{.Tag}}' | sort | comm -13 "$work/before" - | awk '{ print $2 }')
            else
                ids+=("$id")
            fi
            ;;
        *)
            [ -x "$src" ] || fail "$src is not an executable"
            bin=$src
            if grep -q '\.symtab\|\.debug_' <<<"$(readelf -S "$bin")"; then
                bin=$work/natter-stripped-${name##*-}
                objcopy --strip-all "$src" "$bin"
            fi
            packaging/stage-image.sh "$bin" "$work/ctx-${name##*-}" >/dev/null
            tags+=("$name")
            buildah build --quiet --format docker -f packaging/Containerfile -t "$name" \
                "$work/ctx-${name##*-}" >/dev/null
            made_from=$bin
            ;;
    esac
}

# Writes image TAG's settings as JSON to FILE.
image_config() {
    buildah inspect --type image "$1" | python3 -c '
import json, sys
c = json.load(sys.stdin)["Docker"]["config"]
assert c["User"] and not c["User"].startswith("0"), "the image runs as root: " + repr(c["User"])
uid, _, gid = c["User"].partition(":")
json.dump({"uid": int(uid), "gid": int(gid or uid), "workdir": c["WorkingDir"], "env": c["Env"],
           "argv": (c.get("Entrypoint") or []) + (c.get("Cmd") or []),
           "health": c["Healthcheck"]["Test"], "stop": c["StopSignal"],
           "volumes": sorted(c["Volumes"]), "ports": sorted(c["ExposedPorts"])}, sys.stdout)
' >"$2"
}
# One setting of a config FILE, a list one item a line.
cfg() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(*(v if isinstance(v, list) else [v]), sep="\n")' "$1" "$2"; }

# Makes a container from image TAG and mounts its file system at $root.
new_container() {
    local c
    c=$(buildah from --quiet "$1")
    containers+=("$c")
    container=$c
    root=$(buildah mount "$c")
}

# ---- the image under test, and the previous one
t0=$SECONDS
make_image "$subject" "$tag-new"
new_bin=$made_from
ok "image under test from $subject in $((SECONDS - t0))s: $(buildah images --format '{{.Size}}' "$tag-new" | sed -n 1p)"
if [ -n "${NATTER_PREVIOUS:-}" ]; then
    previous=$NATTER_PREVIOUS
    previous_is="the previous release, $NATTER_PREVIOUS"
else
    if [ -z "$new_bin" ]; then
        new_container "$tag-new"
        new_bin=$work/natter-from-image
        cp "$root/usr/bin/natter" "$new_bin"
    fi
    previous=$new_bin
    previous_is="an image built anew from the same binary (no previous release given: NATTER_PREVIOUS)"
fi
make_image "$previous" "$tag-old"
ok "previous image: $previous_is"

for which in old new; do
    image_config "$tag-$which" "$work/config-$which.json"
    conf=$work/config-$which.json
    [ "$(cfg "$conf" volumes)" = /var/lib/natter ] || fail "the $which image's volumes are $(cfg "$conf" volumes)"
    [ "$(cfg "$conf" ports)" = 8000/tcp ] || fail "the $which image exposes $(cfg "$conf" ports)"
    [ "$(cfg "$conf" stop)" = SIGTERM ] || fail "the $which image's stop signal is $(cfg "$conf" stop)"
    grep -qx 'NATTER_LISTEN=0.0.0.0:8000' <<<"$(cfg "$conf" env)" || fail "the $which image does not set NATTER_LISTEN=0.0.0.0:8000"
    [ "$(cfg "$conf" health | sed -n 1p)" = CMD ] || fail "the $which image's health check is not exec form: $(cfg "$conf" health)"
    ok "$which image: user $(cfg "$conf" uid):$(cfg "$conf" gid), workdir $(cfg "$conf" workdir), volume $(cfg "$conf" volumes), port $(cfg "$conf" ports), stop $(cfg "$conf" stop), entrypoint $(cfg "$conf" argv | tr '\n' ' ')"
done

# The volume, filled from the previous image's /var/lib/natter with its owner and mode,
# as a named volume is the first time a container uses it.
new_container "$tag-old"
uid=$(cfg "$work/config-old.json" uid)
gid=$(cfg "$work/config-old.json" gid)
cp -a "$root/var/lib/natter" "$work/volume"
[ "$(stat -c '%u:%g %a' "$work/volume")" = "$uid:$gid 700" ] ||
    fail "the image's /var/lib/natter is $(stat -c '%u:%g %a' "$work/volume"), not $uid:$gid 700"
ok "volume from the previous image's /var/lib/natter: $(stat -c '%u:%g %a' "$work/volume")"

# What the runtime does between its namespaces and the entrypoint.
cat >"$work/run.py" <<'PY'
import json, os, subprocess, sys
root, volume, config = sys.argv[1:4]
c = json.load(open(config))
def sh(*a): subprocess.run(a, check=True)
sh("ip", "link", "set", "lo", "up")
for d in ("proc", "dev", "var/lib/natter"):
    os.makedirs(os.path.join(root, d), exist_ok=True)
sh("mount", "-t", "proc", "proc", root + "/proc")
sh("mount", "-t", "tmpfs", "-o", "nosuid,mode=755", "tmpfs", root + "/dev")
for n in ("null", "zero", "full", "random", "urandom", "tty"):
    open(root + "/dev/" + n, "w").close()
    sh("mount", "--bind", "/dev/" + n, root + "/dev/" + n)
sh("mount", "--bind", volume, root + "/var/lib/natter")
os.chroot(root)
os.chdir(c["workdir"])
os.setgroups([])
os.setgid(c["gid"])
os.setuid(c["uid"])
env = dict(e.split("=", 1) for e in c["env"])
os.execve(c["argv"][0], c["argv"], env)
PY

# Runs container N from image WHICH (old, new) on the mounted $root in the background;
# sets runner_pid, natter_pid, CURL, BASE and conf (the image's settings).
start() {
    local which=$1 n=$2 uid
    conf=$work/config-$which.json
    uid=$(cfg "$conf" uid)
    ok "container $n ($which image): $(chroot --userspec="$uid:$(cfg "$conf" gid)" "$root" /usr/bin/natter --version)"
    unshare --mount --pid --net --fork --kill-child -- \
        python3 "$work/run.py" "$root" "$work/volume" "$conf" \
        >"$work/out.$n" 2>"$work/err.$n" &
    runner_pid=$!
    natter_pid=
    for _ in $(seq 1 300); do
        grep -q '^listening on ' "$work/out.$n" 2>/dev/null && break
        kill -0 "$runner_pid" 2>/dev/null || fail "container $n exited at start: $(cat "$work/out.$n" "$work/err.$n")"
        sleep 0.1
    done
    grep -q '^listening on http://0.0.0.0:8000$' "$work/out.$n" ||
        fail "container $n: no 'listening on http://0.0.0.0:8000' in 30 s: $(cat "$work/out.$n" "$work/err.$n")"
    natter_pid=$(pgrep -P "$runner_pid")
    [ "$(readlink "/proc/$natter_pid/exe")" = "$root/usr/bin/natter" ] ||
        fail "the container's process is $(readlink "/proc/$natter_pid/exe")"
    [ "$(awk '/^NSpid:/ { print $NF }' "/proc/$natter_pid/status")" = 1 ] || fail "natter is not PID 1 in its container"
    [ "$(stat -c %u "/proc/$natter_pid")" = "$uid" ] || fail "natter runs as uid $(stat -c %u "/proc/$natter_pid")"
    CURL=(nsenter "--net=/proc/$natter_pid/ns/net" curl)
    BASE=http://127.0.0.1:8000
    ok "container $n: natter is PID 1 as uid $uid in its own namespaces: $(head -n 1 "$work/out.$n")"
}

# The image's health check, as the runtime runs it: inside the container, as its user,
# within 30 s.
health_check() {
    local health
    mapfile -t health < <(cfg "$conf" health)
    timeout 30 nsenter --target "$natter_pid" --mount --net --pid --root --wd \
        --setuid "$(cfg "$conf" uid)" --setgid "$(cfg "$conf" gid)" -- "${health[@]:1}" ||
        fail "the image's health check failed: ${health[*]:1}"
    ok "health check (${health[*]:1}): passed"
}

# Sends the image's stop signal to PID 1 and waits: exit 0, the WAL folded; unmounts the
# container's file system.
stop() {
    local n=$1 t0=$SECONDS status=0
    kill -s "$(cfg "$conf" stop)" "$natter_pid"
    wait "$runner_pid" || status=$?
    runner_pid=
    [ "$status" = 0 ] || fail "container $n exited $status on $(cfg "$conf" stop): $(tail -n 5 "$work/err.$n")"
    [ ! -s "$work/volume/natter.db-wal" ] || fail "natter.db-wal is not empty after the stop"
    buildah umount "$container" >/dev/null
    ok "container $n: $(cfg "$conf" stop) -> exit 0 in $((SECONDS - t0)) s, natter.db-wal empty"
}

# 1. the previous image on the new volume
start old 1
health_check
smoke_health
text="kept across an upgrade $$"
smoke_conversation "$text"
ok "signed up alice and bob, alice wrote \"$text\" in chat $chat, bob reads it"
stop 1
ls -ln "$work/volume" | sed 's/^/    /'

# 2. the image under test on the same volume: an upgrade
new_container "$tag-new"
start new 2
health_check
smoke_read "$bob_token" "$chat" "$text"
ok "after the upgrade bob still reads \"$text\" in chat $chat, with the token from before"
text2="written after the upgrade $$"
chat2=$(smoke_send "$alice_token" "$bob_id" "$text2")
[ "$chat2" = "$chat" ] || fail "the direct chat after the upgrade is $chat2, not $chat"
ok "alice wrote \"$text2\" in the same chat"
stop 2

# 3. a new container from the image under test: a restart
new_container "$tag-new"
start new 3
smoke_health
smoke_read "$bob_token" "$chat" "$text"
smoke_read "$bob_token" "$chat" "$text2"
ok "after the restart bob reads both messages in chat $chat"
stop 3
echo "test-image.sh: passed in ${SECONDS}s"
