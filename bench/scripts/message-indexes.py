#!/usr/bin/env python3
"""What each index on `messages` costs a send, in SQLite alone: inserts the same 40,000
messages (64 a transaction, over 100 chats and 50 senders) into a copy of a freshly
migrated natter database as it is, with the index by sender that `from:` walked before
the sender became a word of the full-text index (step 43), and without the four partial
indexes of search's operators, three times each, alternated, and prints microseconds an
insert. Only SQLite's work: no HTTP, no fan-out, no fsync
(`synchronous=normal` in WAL mode).

    bench/scripts/message-indexes.py [path/to/natter]   (default target/release/natter)
"""
import os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

OPERATOR_INDEXES = ["messages_with_files", "messages_with_reactions", "messages_with_links",
                    "messages_in_threads"]
BY_SENDER = "CREATE INDEX messages_by_sender ON messages(sender_id, chat_id, id)"


def migrated(natter, folder):
    """A database natter made and migrated, then checkpointed into one file."""
    db = os.path.join(folder, "fresh.db")
    proc = subprocess.Popen([natter, "--listen", "127.0.0.1:0", "--db", db, "--media-dir",
                             os.path.join(folder, "media"), "--log", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with sqlite3.connect(db) as c:
                if c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'messages_with_files'").fetchone()[0]:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    proc.terminate()
    proc.wait()
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def per_insert_us(fresh, folder, change, n=40_000):
    db = os.path.join(folder, "run.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(fresh, db)
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA journal_mode=wal")
    c.execute("PRAGMA synchronous=normal")
    for statement in change:
        c.execute(statement)
    started = time.perf_counter()
    mid = 1
    for _ in range(n // 64):
        c.execute("BEGIN")
        for _ in range(64):
            c.execute("INSERT INTO messages (chat_id, id, sender_id, content, created_at) VALUES (?, ?, ?, ?, ?)",
                      (1 + mid % 100, mid, 1 + mid % 50, f"hello there, this is message {mid}", "2026-11-27T12:00:00Z"))
            mid += 1
        c.execute("COMMIT")
    c.close()
    return (time.perf_counter() - started) / n * 1e6


def main():
    natter = sys.argv[1] if len(sys.argv) > 1 else "target/release/natter"
    with tempfile.TemporaryDirectory() as folder:
        fresh = migrated(natter, folder)
        cases = {"as migrated": [], "with messages_by_sender": [BY_SENDER],
                 "without the four partial indexes":
                     [f"DROP INDEX IF EXISTS {name}" for name in OPERATOR_INDEXES]}
        runs = {name: [] for name in cases}
        for _ in range(3):
            for name, drop in cases.items():
                runs[name].append(per_insert_us(fresh, folder, drop))
        for name, values in runs.items():
            spread = ", ".join(f"{v:.1f}" for v in values)
            print(f"{name:36} {statistics.median(values):6.1f} µs an insert [{spread}]")


if __name__ == "__main__":
    main()
