#!/usr/bin/env bash
# README.md "A short walk-through": every command of its block, read out of the README and
# run in order against a fresh natter (on a free port instead of 8000), the placeholders
# filled from the answers before them (<token> from alice's login, <access> from her JWT
# pair, <bob token> from bob's registration). It must end with bob reading alice's
# message back.
source "$(dirname "$0")/lib.sh"

start_natter --db "$WORK/natter.db" --media-dir "$WORK/media"
awk '$0 == "## A short walk-through" { s = 1; next }
     s && !b && $0 == "```sh" { b = 1; next }
     b && $0 == "```" { exit }
     b { print }' "$ROOT/README.md" >"$WORK/walk.sh"
[ -s "$WORK/walk.sh" ] || fail "no walk-through block in README.md"

python3 - "$WORK/walk.sh" "$NATTER_PORT" <<'PY'
import json, subprocess, sys

lines = open(sys.argv[1]).read().replace("\\\n", " ").splitlines()
commands = [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]
values = {}
last = ""
for command in commands:
    for placeholder, value in values.items():
        command = command.replace(placeholder, value)
    command = command.replace("127.0.0.1:8000", f"127.0.0.1:{sys.argv[2]}")
    if "<" in command.replace("<svg", ""):
        sys.exit(f"readme: FAILED: a placeholder nothing filled: {command}")
    last = subprocess.run(["bash", "-c", command + " -sS --fail-with-body"],
                          capture_output=True, text=True)
    if last.returncode != 0:
        sys.exit(f"readme: FAILED: {command}\n{last.stdout}{last.stderr}")
    answer = json.loads(last.stdout)
    # The URL and the answer's keys: the tokens are throwaway, but a log needs none.
    print(f"readme: {command.split()[-1]} -> {sorted(answer)}")
    if "access" in answer:
        values["<access>"] = answer["access"]
    user = answer.get("user", {}).get("username") if isinstance(answer.get("user"), dict) else None
    if "token" in answer and user == "alice":
        values["<token>"] = answer["token"]
    if "token" in answer and user == "bob":
        values["<bob token>"] = answer["token"]
answer = json.loads(last.stdout)
if answer.get("count") != 1 or answer["results"][0]["content"] != "hello bob":
    sys.exit(f"readme: FAILED: the walk-through does not end with the message read back: {last.stdout[:300]}")
print("readme: the walk-through ends with bob reading alice's 'hello bob'")
PY
say "ok"
