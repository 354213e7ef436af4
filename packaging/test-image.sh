#!/usr/bin/env bash
# Builds natter's image from packaging/ (FROM scratch: no base image, no network),
# then runs it twice on one data folder without a container runtime, doing by hand what
# a runtime does with the image's own settings (read from `buildah inspect`, not
# repeated here): a container made from the image (`buildah from`, `buildah mount`), new
# mount, PID and network namespaces (natter is PID 1 and listens on the image's port in
# its own network), /proc and a minimal /dev, the volume bind-mounted at /var/lib/natter
# (first filled from the image's folder, as a named volume is), then chroot, the image's
# working directory, user, environment (nothing from this shell) and entrypoint.
#
#   1st container: the health check (the image's own command, run inside it as its
#      user), sign-up of two people, a message, SIGTERM: exit 0 with the WAL folded;
#   2nd container, a new one from the image on the same volume: the message is there.
#
#     sudo packaging/test-image.sh                     # the dist build (packaging/release.sh)
#     sudo NATTER_BIN=target/release/natter packaging/test-image.sh
#
# Needs root, buildah, busybox-static, util-linux (unshare, nsenter), iproute2, curl,
# python3. Removes everything it made (containers, image, mounts, files) on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/smoke.sh
SECONDS=0

[ "$(id -u)" = 0 ] || fail "must run as root (namespaces, chroot, buildah)"
for tool in buildah unshare nsenter ip curl python3 readelf; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
bin=${NATTER_BIN:-target/dist/natter}
[ -x "$bin" ] || fail "no $bin (build it with packaging/release.sh, or set NATTER_BIN)"

work=$(mktemp -d)
tag=localhost/natter-image-test-$$
containers=()
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
    if buildah inspect --type image "$tag" >/dev/null 2>&1; then
        buildah rmi "$tag" >/dev/null || echo "cleanup: buildah rmi $tag FAILED" >&2
    fi
    rm -rf "$work"
    if [ "$status" != 0 ]; then echo "test-image.sh FAILED (exit $status)" >&2; fi
}
trap cleanup EXIT

# ---- build. The dist binary is stripped already; a release binary is stripped into a
# copy, so that the image is the size the release's is.
if readelf -S "$bin" | grep -q '\.symtab\|\.debug_'; then
    objcopy --strip-all "$bin" "$work/natter"
    bin=$work/natter
fi
packaging/stage-image.sh "$bin" "$work/ctx" >/dev/null
buildah build --quiet --format docker -f packaging/Containerfile -t "$tag" "$work/ctx" >/dev/null
ok "built $tag in ${SECONDS}s: $(buildah images --format '{{.Size}}' "$tag")"

# ---- the image's settings
buildah inspect --type image "$tag" | python3 -c '
import json, sys
c = json.load(sys.stdin)["Docker"]["config"]
assert c["User"] and not c["User"].startswith("0"), "the image runs as root: " + repr(c["User"])
uid, _, gid = c["User"].partition(":")
json.dump({"uid": int(uid), "gid": int(gid or uid), "workdir": c["WorkingDir"], "env": c["Env"],
           "argv": (c.get("Entrypoint") or []) + (c.get("Cmd") or []),
           "health": c["Healthcheck"]["Test"], "stop": c["StopSignal"],
           "volumes": sorted(c["Volumes"]), "ports": sorted(c["ExposedPorts"])}, sys.stdout)
' >"$work/config.json"
cfg() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(*(v if isinstance(v, list) else [v]), sep="\n")' "$work/config.json" "$1"; }
[ "$(cfg volumes)" = /var/lib/natter ] || fail "the image's volumes are $(cfg volumes)"
[ "$(cfg ports)" = 8000/tcp ] || fail "the image exposes $(cfg ports)"
[ "$(cfg stop)" = SIGTERM ] || fail "the image's stop signal is $(cfg stop)"
cfg env | grep -qx 'NATTER_LISTEN=0.0.0.0:8000' || fail "the image does not set NATTER_LISTEN=0.0.0.0:8000"
uid=$(cfg uid)
gid=$(cfg gid)
mapfile -t health < <(cfg health)
[ "${health[0]}" = CMD ] || fail "the health check is not exec form: ${health[*]}"
ok "image: user $uid:$gid, workdir $(cfg workdir), volume $(cfg volumes), port $(cfg ports), stop $(cfg stop), entrypoint $(cfg argv | tr '\n' ' ')"

# Makes a container from the image and mounts its file system at $root.
new_container() {
    local c
    c=$(buildah from --quiet "$tag")
    containers+=("$c")
    root=$(buildah mount "$c")
}

# The volume, filled from the image's /var/lib/natter with its owner and mode, as a
# named volume is the first time a container uses it.
new_container
cp -a "$root/var/lib/natter" "$work/volume"
[ "$(stat -c '%u:%g %a' "$work/volume")" = "$uid:$gid 700" ] ||
    fail "the image's /var/lib/natter is $(stat -c '%u:%g %a' "$work/volume"), not $uid:$gid 700"
ok "in the image: $(chroot --userspec="$uid:$gid" "$root" /usr/bin/natter --version)"
ok "volume from the image's /var/lib/natter: $(stat -c '%u:%g %a' "$work/volume")"

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

# Runs a container on mount point $1 in the background; sets runner_pid, natter_pid, CURL.
start() {
    local root=$1 n=$2
    unshare --mount --pid --net --fork --kill-child -- \
        python3 "$work/run.py" "$root" "$work/volume" "$work/config.json" \
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

# Sends the image's stop signal to PID 1 and waits: exit 0, the WAL folded.
stop() {
    local n=$1 t0=$SECONDS status=0
    kill -s "$(cfg stop)" "$natter_pid"
    wait "$runner_pid" || status=$?
    runner_pid=
    [ "$status" = 0 ] || fail "container $n exited $status on $(cfg stop): $(tail -n 5 "$work/err.$n")"
    [ ! -s "$work/volume/natter.db-wal" ] || fail "natter.db-wal is not empty after the stop"
    ok "container $n: $(cfg stop) -> exit 0 in $((SECONDS - t0)) s, natter.db-wal empty"
}

start "$root" 1
# the health check, as the runtime runs it: inside the container, as its user
nsenter --target "$natter_pid" --mount --net --pid --root --wd \
    --setuid "$uid" --setgid "$gid" -- "${health[@]:1}" ||
    fail "the image's health check failed: ${health[*]:1}"
ok "health check (${health[*]:1}): passed"
smoke_health
read -r alice_token _ < <(smoke_signup alice)
read -r bob_token bob_id < <(smoke_signup bob)
text="kept across a restart $$"
chat=$(smoke_send "$alice_token" "$bob_id" "$text")
smoke_read "$bob_token" "$chat" "$text"
ok "signed up alice and bob, alice wrote \"$text\" in chat $chat, bob reads it"
stop 1
ls -ln "$work/volume" | sed 's/^/    /'

# a new container from the image, on the same volume
buildah umount "${containers[0]}" >/dev/null
new_container
start "$root" 2
smoke_health
smoke_read "$bob_token" "$chat" "$text"
ok "after the restart bob still reads \"$text\" in chat $chat, with the token from before"
stop 2
echo "test-image.sh: passed in ${SECONDS}s"
