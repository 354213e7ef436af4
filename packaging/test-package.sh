#!/usr/bin/env bash
# Builds the Debian package, installs it with dpkg as root, checks what it put where,
# serves with it as the natter user, then removes (data kept) and purges (data gone).
# Every failed check stops the script with "FAIL: ..." and a non-zero exit; a check that
# cannot run here prints "SKIP (loud): ..." with the reason. Run by .ci/run (as root).
# It refuses to run on a machine that already has a natter package or user, and purges
# what it installed on any exit, so the machine is left as found. NATTER_BIN=BINARY
# packages that binary instead of the dist build (packaging/build-deb.sh), for a quick try.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
skipped=0
skip() {
    skipped=$((skipped + 1))
    echo "################################################################" >&2
    echo "SKIP (loud): $*" >&2
    echo "################################################################" >&2
}

[ "$(id -u)" = 0 ] || fail "must run as root (dpkg -i, the natter user)"
for tool in dpkg dpkg-query adduser setpriv curl readelf; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install dpkg adduser util-linux curl binutils)"
done
if dpkg-query -W -f='${Status}' natter 2>/dev/null | grep -q installed; then
    fail "a natter package is already installed here; this test would replace and purge it"
fi
if getent passwd natter >/dev/null || [ -e /var/lib/natter ] || [ -e /etc/natter ]; then
    fail "a natter user, /var/lib/natter or /etc/natter exists already; this test would delete it on purge"
fi

server_pid=
work=$(mktemp -d)
cleanup() {
    status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if dpkg-query -W -f='${Status}' natter 2>/dev/null | grep -qv 'not-installed'; then
        echo "cleanup: dpkg --purge natter"
        dpkg --purge natter >/dev/null 2>&1 || echo "cleanup: dpkg --purge natter FAILED" >&2
    fi
    rm -rf "$work"
    if [ "$status" != 0 ]; then echo "test-package.sh FAILED (exit $status)" >&2; fi
}
trap cleanup EXIT

# ---- build
deb=$(packaging/build-deb.sh | tail -n 1)
[ -f "$deb" ] || fail "packaging/build-deb.sh did not leave a .deb (got '$deb')"
version=$(dpkg-deb -f "$deb" Version)
arch=$(dpkg-deb -f "$deb" Architecture)
[ "$(basename "$deb")" = "natter_${version}_${arch}.deb" ] || fail "package file name $(basename "$deb") is not natter_${version}_${arch}.deb"
ok "built $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb -c "$deb"
dpkg-deb -I "$deb" | grep -E 'Depends|Recommends|Suggests|Installed-Size' || true
dpkg-deb -f "$deb" Suggests | grep -q janus || fail "the package does not suggest janus (the SFU of docs/deploy.md)"

# ---- install
dpkg -i "$deb" || fail "dpkg -i $deb"
ok "dpkg -i"

# the binary: stripped, built with LTO
[ -x /usr/bin/natter ] || fail "/usr/bin/natter is not an executable"
if grep -qE '\.symtab|\.debug_' <<<"$(readelf -S /usr/bin/natter)"; then
    fail "/usr/bin/natter still has a symbol table or debug sections"
fi
ok "/usr/bin/natter is stripped ($(du -k /usr/bin/natter | cut -f1) KiB)"
/usr/bin/natter --help >/dev/null || fail "/usr/bin/natter --help"

# the user and its folder
IFS=: read -r _ _ uid _ _ home shell < <(getent passwd natter) || fail "no natter user"
[ "$uid" -lt 1000 ] || fail "natter user has uid $uid, not a system uid"
[ "$home" = /var/lib/natter ] || fail "natter's home is $home"
case "$shell" in */nologin | */false) ;; *) fail "natter's shell is $shell" ;; esac
getent group natter >/dev/null || fail "no natter group"
[ "$(stat -c '%a %U %G' /var/lib/natter)" = "700 natter natter" ] ||
    fail "/var/lib/natter is $(stat -c '%a %U %G' /var/lib/natter), not 700 natter natter"
ok "system user natter (uid $uid, home $home, shell $shell); /var/lib/natter 700 natter:natter"

# the files
for f in /etc/natter/natter.env /usr/lib/systemd/system/natter.service \
    /usr/lib/systemd/system/natter-backup.service /usr/lib/systemd/system/natter-backup.timer \
    /usr/share/doc/natter/natter-help.txt /usr/share/doc/natter/deploy.md; do
    [ -f "$f" ] || fail "$f is missing"
done
[ -x /usr/libexec/natter/natter-backup ] || fail "/usr/libexec/natter/natter-backup is not executable"
dpkg-query -W -f='${Conffiles}\n' natter | grep -q '^ /etc/natter/natter.env ' ||
    fail "/etc/natter/natter.env is not a conffile"
for want in NATTER_DB=/var/lib/natter/natter.db NATTER_MEDIA_DIR=/var/lib/natter/media \
    NATTER_REGISTRATION=invite NATTER_LISTEN=127.0.0.1:8000; do
    grep -qx "$want" /etc/natter/natter.env || fail "/etc/natter/natter.env does not set $want"
done
grep -qx 'EnvironmentFile=/etc/natter/natter.env' /usr/lib/systemd/system/natter.service ||
    fail "natter.service does not read /etc/natter/natter.env"
grep -q -- '--registration' /usr/share/doc/natter/natter-help.txt || fail "natter-help.txt lacks the flags"
grep -q 'natter backup --help' /usr/share/doc/natter/natter-help.txt || fail "natter-help.txt lacks the commands"
[ "$(stat -c '%a %U %G' /etc/natter/natter.env)" = "640 root natter" ] ||
    fail "/etc/natter/natter.env is $(stat -c '%a %U %G' /etc/natter/natter.env), not 640 root natter (it holds secrets)"
ok "env file (a conffile, 640 root:natter), units, backup script, help text"

# nothing enabled, nothing started
if ls /etc/systemd/system/*.wants/ 2>/dev/null | grep -q natter; then
    fail "installing enabled a natter unit: $(ls -d /etc/systemd/system/*.wants/natter* )"
fi
if pgrep -u natter >/dev/null; then fail "a process of the natter user runs after installing"; fi
ok "no unit enabled, no natter running"

# installing again (as an upgrade does) keeps the user and the folder as they are, and
# closes a settings file an operator edited while it was open to everyone (as earlier
# packages installed it): dpkg keeps the edited copy, mode and all
echo "# edited by the operator" >>/etc/natter/natter.env
chown root:root /etc/natter/natter.env
chmod 0644 /etc/natter/natter.env
dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb a second time"
grep -qx "# edited by the operator" /etc/natter/natter.env || fail "reinstalling lost the operator's edit of natter.env"
[ "$(stat -c '%a %U %G' /etc/natter/natter.env)" = "640 root natter" ] ||
    fail "after reinstalling over a 0644 copy, natter.env is $(stat -c '%a %U %G' /etc/natter/natter.env)"
[ "$(id -u natter)" = "$uid" ] || fail "reinstalling changed natter's uid from $uid to $(id -u natter)"
[ "$(stat -c '%a %U %G' /var/lib/natter)" = "700 natter natter" ] ||
    fail "after reinstalling, /var/lib/natter is $(stat -c '%a %U %G' /var/lib/natter)"
ok "dpkg -i again: same user, same folder; the edited natter.env kept and made 640 root:natter"

# ---- systemd-analyze verify on the installed units, if it can run here: proven first on a
# trivial unit, so that a systemd that cannot work in this container is told apart from a
# broken unit.
if ! command -v systemd-analyze >/dev/null; then
    skip "systemd-analyze is not installed (apt-get install systemd): the units were NOT verified"
else
    printf '[Unit]\nDescription=probe\n[Service]\nType=oneshot\nExecStart=/bin/true\n' >"$work/probe.service"
    if ! probe=$(systemd-analyze verify "$work/probe.service" 2>&1) || [ -n "$probe" ]; then
        skip "systemd-analyze verify fails on a trivial unit here, so it cannot judge natter's: the units were NOT verified. It said: $probe"
    else
        out=$(systemd-analyze verify /usr/lib/systemd/system/natter.service \
            /usr/lib/systemd/system/natter-backup.service /usr/lib/systemd/system/natter-backup.timer 2>&1) ||
            fail "systemd-analyze verify: $out"
        [ -z "$out" ] || fail "systemd-analyze verify printed: $out"
        ok "systemd-analyze verify natter.service natter-backup.service natter-backup.timer: clean"
        systemd-analyze security --offline=yes /usr/lib/systemd/system/natter.service 2>/dev/null |
            tail -n 1 || true
    fi
fi

# ---- serve as the natter user with the packaged settings
cd /var/lib/natter
# the env file's lines, as systemd's EnvironmentFile= reads them (no quotes in it)
mapfile -t envs < <(grep -vE '^[[:space:]]*(#|$)' /etc/natter/natter.env)
# setpriv execs (runuser would fork and stand between the test and natter's exit code)
as_natter() { setpriv --reuid natter --regid natter --init-groups -- env "${envs[@]}" "$@"; }
# the documented order: the operator's administrator first, before the first start
printf '%s\n' 'boss-horse-battery' | as_natter /usr/bin/natter --db /var/lib/natter/natter.db \
    create-user boss --email boss@example.org --admin --create-db --password-stdin \
    >"$work/boss" 2>&1 || fail "create-user --create-db before the first start: $(cat "$work/boss")"
ok "the administrator before the first start: $(cat "$work/boss")"
: >"$work/out" # there before the loop below reads it
setpriv --reuid natter --regid natter --init-groups -- env "${envs[@]}" \
    /usr/bin/natter --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
cd - >/dev/null
base=
for _ in $(seq 1 200); do
    base=$(sed -n 's|^listening on \(http://[0-9.:]*\)$|\1|p' "$work/out" | head -n 1)
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "natter exited at start: $(cat "$work/err")"
    sleep 0.1
done
[ -n "$base" ] || fail "natter printed no 'listening on' line in 20 s: $(cat "$work/out" "$work/err")"
[ "$(ps -o user= -p "$server_pid")" = natter ] || fail "natter runs as $(ps -o user= -p "$server_pid"), not natter"
ok "natter serves on $base as the natter user"

[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ] || fail "GET /healthz is not 200"
ok "GET /healthz: 200"

# the env file is in force: registration needs an invitation
reg() { curl -s -o "$work/reg" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$1" "$base/api/auth/register/"; }
code=$(reg '{"username":"alice","email":"alice@example.org","password":"correct-horse-battery"}')
[ "$code" = 403 ] || fail "a sign-up without an invitation got $code, not 403 (NATTER_REGISTRATION=invite not read?): $(cat "$work/reg")"
ok "sign-up without an invitation: 403 (NATTER_REGISTRATION=invite is read)"
link=$(as_natter /usr/bin/natter invite --uses 1 2>"$work/inv-err") || fail "natter invite: $(cat "$work/inv-err")"
case "$link" in
    "$base/join/"*) ;;
    *) fail "natter invite's link is not on the server's address $base: $link" ;;
esac
invite=${link#"$base/join/"}
[ -n "$invite" ] || fail "natter invite printed no join link: $link"
code=$(reg "{\"username\":\"alice\",\"email\":\"alice@example.org\",\"password\":\"correct-horse-battery\",\"invite_code\":\"$invite\"}")
[ "$code" = 201 ] || [ "$code" = 200 ] || fail "a sign-up with an invitation got $code: $(cat "$work/reg")"
grep -q '"token"' "$work/reg" || fail "the sign-up answered no token: $(cat "$work/reg")"
ok "sign-up with an invitation from 'natter invite': $code"
grep -q 'the first administrator signs up' "$work/err" &&
    fail "a server with an administrator logged a first administrator's link"
code=$(curl -s -o "$work/login" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"username":"boss","password":"boss-horse-battery"}' "$base/api/auth/login/")
[ "$code" = 200 ] || fail "the administrator made before the first start cannot log in: $code $(cat "$work/login")"
boss_token=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' "$work/login")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Token $boss_token" "$base/api/admin/users/")
[ "$code" = 200 ] || fail "boss is not an administrator: GET /api/admin/users/ is $code"
ok "boss, made before the first start, logs in as the administrator"

[ "$(stat -c '%U %a' /var/lib/natter/natter.db)" = "natter 600" ] ||
    fail "natter.db is $(stat -c '%U %a' /var/lib/natter/natter.db), not natter 600"
ok "/var/lib/natter/natter.db is natter's, 0600"

# the backup script, as natter-backup.service runs it, on a server with no upload yet and a
# destination that does not exist (a folder under natter's home stands for the other machine)
if command -v rsync >/dev/null && command -v sqlite3 >/dev/null; then
    dest=/var/lib/natter/offsite-test
    as_natter NATTER_BACKUP_DEST="$dest" /usr/libexec/natter/natter-backup >"$work/backup" 2>&1 ||
        fail "natter-backup: $(cat "$work/backup")"
    ls "$dest"/db/natter-*.db >/dev/null 2>&1 || fail "natter-backup shipped no database copy to $dest/db"
    [ -d "$dest/media" ] || fail "natter-backup made no $dest/media"
    ok "natter-backup as natter, fresh server, missing destination: $(cat "$work/backup")"
    rm -rf "$dest"
else
    skip "rsync or sqlite3 is not installed (apt-get install rsync sqlite3): natter-backup was NOT run"
fi

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[ "$status" = 0 ] || fail "natter exited $status on SIGTERM: $(tail -n 5 "$work/err")"
ok "SIGTERM: exit 0"

# ---- remove keeps the data and the settings
dpkg -r natter || fail "dpkg -r natter"
[ ! -e /usr/bin/natter ] || fail "/usr/bin/natter is still there after dpkg -r"
[ -f /var/lib/natter/natter.db ] || fail "dpkg -r deleted /var/lib/natter/natter.db"
getent passwd natter >/dev/null || fail "dpkg -r deleted the natter user"
[ -f /etc/natter/natter.env ] || fail "dpkg -r deleted the conffile /etc/natter/natter.env"
ok "dpkg -r: binary gone; /var/lib/natter, the user and natter.env kept"

# ---- purge deletes them and says so
dpkg --purge natter 2>&1 | tee "$work/purge" || fail "dpkg --purge natter"
grep -q 'deleting /var/lib/natter' "$work/purge" || fail "purge did not say it deletes /var/lib/natter"
grep -q 'deleting the system user natter' "$work/purge" || fail "purge did not say it deletes the user"
[ ! -e /var/lib/natter ] || fail "/var/lib/natter survived the purge"
! getent passwd natter >/dev/null || fail "the natter user survived the purge"
! getent group natter >/dev/null || fail "the natter group survived the purge"
[ ! -e /etc/natter ] || fail "/etc/natter survived the purge"
ok "dpkg --purge: /var/lib/natter, the user, the group and /etc/natter gone"

if [ "$skipped" -gt 0 ]; then
    echo "test-package.sh: every check that ran passed; $skipped SKIPPED (the SKIP lines above say why)"
else
    echo "test-package.sh: all checks passed"
fi
