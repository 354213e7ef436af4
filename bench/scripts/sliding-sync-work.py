#!/usr/bin/env python3
"""What one sliding sync may cost the server, and whether it holds up someone else.

    sliding-sync-work.py NATTER_BINARY [ROUNDS]

Starts NATTER_BINARY on a fresh SQLite database with rate limits off, makes `alice` a
member of 200 rooms with 20 messages each, and `bob` of one, then in each round:

- the request from the attack round (100 lists x 100 ranges x 100 state pairs): its
  status, answer bytes and the server's CPU time;
- the largest request the bound lets through for alice (one window over all her rooms
  with a 100-event timeline, as far as the work bound allows, and 100 state pairs);
- three of those at once from alice while bob's plain `/sync` is timed: how long bob
  waited.

Prints each figure's median over ROUNDS (5) with its spread (min-max). CPU is read from
/proc/PID/stat (user + system) around each request, so run it on a quiet machine.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SSS = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"
TICK = os.sysconf("SC_CLK_TCK")


def ask(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spread(values, unit, scale=1.0):
    values = [v * scale for v in values]
    return f"{statistics.median(values):.1f} {unit} ({min(values):.1f}-{max(values):.1f})"


def main():
    binary = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    folder = tempfile.mkdtemp()
    port = free_port()
    server = subprocess.Popen(
        [binary, "--listen", f"127.0.0.1:{port}", "--db", f"{folder}/natter.db",
         "--media-dir", f"{folder}/media", "--rate-limits", "off",
         "--matrix-server-name", "example.org"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/_matrix/client/versions", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        tokens = {}
        for name in ["alice", "bob"]:
            ask(base, "POST", "/api/auth/register/", body={
                "username": name, "password": "correct-horse", "email": f"{name}@example.org"})
            status, body = ask(base, "POST", "/_matrix/client/v3/login", body={
                "type": "m.login.password", "identifier": {"type": "m.id.user", "user": name},
                "password": "correct-horse"})
            tokens[name] = json.loads(body)["access_token"]
        for i in range(200):
            status, body = ask(base, "POST", "/_matrix/client/v3/createRoom", tokens["alice"],
                               {"name": f"room {i}"})
            room = json.loads(body)["room_id"]
            for j in range(20):
                ask(base, "PUT", f"/_matrix/client/v3/rooms/{room}/send/m.room.message/t{j}",
                    tokens["alice"], {"msgtype": "m.text", "body": f"message {j} in room {i}"})
        ask(base, "POST", "/_matrix/client/v3/createRoom", tokens["bob"], {"name": "bob's"})

        pairs = [[f"org.example.custom.state.{i}", "*"] for i in range(100)]
        attack = {"lists": {f"l{i}": {
            "ranges": [[r, r + 1000] for r in range(100)],
            "timeline_limit": 100, "required_state": pairs} for i in range(100)}}
        # One window as wide as the work bound lets a 100-event timeline with 100 pairs
        # go: (1 + 100 + 10) units a room, 30,000 in all.
        widest = 30_000 // 111 - 2
        largest = {"lists": {"all": {"ranges": [[0, widest]], "timeline_limit": 100,
                                     "required_state": [["*", "*"]] + pairs[:99]}}}
        figures = {k: [] for k in ["attack_cpu", "attack_ms", "largest_cpu", "largest_kb",
                                   "bob_ms"]}
        attack_status = largest_status = None
        for _ in range(rounds):
            before, start = cpu_seconds(server.pid), time.monotonic()
            attack_status, _ = ask(base, "POST", SSS, tokens["alice"], attack)
            figures["attack_ms"].append((time.monotonic() - start) * 1000)
            figures["attack_cpu"].append(cpu_seconds(server.pid) - before)
            before = cpu_seconds(server.pid)
            largest_status, body = ask(base, "POST", SSS, tokens["alice"], largest)
            figures["largest_cpu"].append(cpu_seconds(server.pid) - before)
            figures["largest_kb"].append(len(body) / 1024)
            threads = [threading.Thread(target=ask, args=(base, "POST", SSS, tokens["alice"],
                                                          largest)) for _ in range(3)]
            for t in threads:
                t.start()
            start = time.monotonic()
            ask(base, "GET", "/_matrix/client/v3/sync", tokens["bob"])
            figures["bob_ms"].append((time.monotonic() - start) * 1000)
            for t in threads:
                t.join()
        print(f"attack request: {attack_status}, {spread(figures['attack_ms'], 'ms')}, "
              f"CPU {spread(figures['attack_cpu'], 'ms', 1000)}")
        print(f"largest allowed ({widest + 1} rooms x 100 events, 100 pairs): "
              f"{largest_status}, CPU {spread(figures['largest_cpu'], 'ms', 1000)}, "
              f"{spread(figures['largest_kb'], 'KB')}")
        print(f"bob's first /sync beside three of those: {spread(figures['bob_ms'], 'ms')}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
