#!/usr/bin/env python3
"""Runs the end-to-end-encryption client scripts against Synapse, the reference server.

    e2e_on_synapse.py SYNAPSE_PYTHON SCRIPT...

Starts Synapse (SYNAPSE_PYTHON has matrix-synapse) on a new SQLite database in a
temporary folder with beside_synapse.start_synapse, signs `alice` and `bob` up, and runs
each SCRIPT as `python3 SCRIPT URL PASSWORD`, each on a Synapse of its own so device ids
never clash. Exits 1 when a script fails.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import beside_synapse

PASSWORD = "correct horse battery staple"
SCRIPT_TIMEOUT = 300


def run_on_fresh_synapse(python, script):
    folder = tempfile.mkdtemp(prefix="synapse-e2e-")
    process, url = beside_synapse.start_synapse(python, folder)
    try:
        server = beside_synapse.Server("synapse", url)
        for name in ("alice", "bob"):
            beside_synapse.sign_up(server, name, PASSWORD)
        print(f"# {os.path.basename(script)} against Synapse at {url}", flush=True)
        command = [sys.executable, script, url, PASSWORD]
        return subprocess.run(command, check=False, timeout=SCRIPT_TIMEOUT).returncode
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: e2e_on_synapse.py SYNAPSE_PYTHON SCRIPT...")
    python, scripts = sys.argv[1], sys.argv[2:]
    failed = [s for s in scripts if run_on_fresh_synapse(python, s) != 0]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
