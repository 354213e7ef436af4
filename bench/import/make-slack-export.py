#!/usr/bin/env python3
"""Writes a Slack-format export zip of a given size, for timing `natter import slack`.

    python3 bench/import/make-slack-export.py OUT.zip MESSAGES [PEOPLE] [CHANNELS]

The export looks like years of a team's history: PEOPLE users (default 200), CHANNELS
public channels (default 40) everyone is in, a direct chat per pair of neighbours, one
day file per channel and day with up to 400 messages. One message in 20 starts a
thread that gets three replies, one in 10 has a reaction, one in 15 names someone, one
in 50 was edited. Deterministic: the same arguments give the same file.
"""
import json
import random
import sys
import zipfile

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, total = sys.argv[1], int(sys.argv[2])
    people = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    channels = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    rng = random.Random(7)
    users = [{"id": f"U{i:05d}", "team_id": "TBENCH", "name": f"person{i}",
              "real_name": f"Person {i}", "profile": {"real_name": f"Person {i}",
              "email": f"person{i}@bench.example.com"}} for i in range(people)]
    ids = [u["id"] for u in users]
    chans = [{"id": f"C{i:05d}", "name": f"team-{i}", "creator": ids[0], "members": ids,
              "topic": {"value": f"Team {i}"}, "purpose": {"value": "Work"}} for i in range(channels)]
    dms = [{"id": f"D{i:05d}", "members": [ids[i], ids[(i + 1) % people]]} for i in range(people)]
    folders = [c["name"] for c in chans] + [d["id"] for d in dms]
    # 80 % of the messages in channels, the rest in direct chats.
    per_day = 400
    words = ("deploy review lunch ticket build green red merge ship meeting notes draft "
             "plan release bug fix test docs call later today tomorrow thanks").split()
    written = 0
    day = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("users.json", json.dumps(users))
        z.writestr("channels.json", json.dumps(chans))
        z.writestr("dms.json", json.dumps(dms))
        z.writestr("groups.json", "[]")
        z.writestr("mpims.json", "[]")
        ts0 = 1_600_000_000
        while written < total:
            for n, folder in enumerate(folders):
                if written >= total:
                    break
                in_dm = n >= channels
                if in_dm and rng.random() > 0.2 * channels / max(1, people) * 4:
                    continue
                members = dms[n - channels]["members"] if in_dm else ids
                count = min(per_day if not in_dm else per_day // 8, total - written)
                msgs = []
                t = ts0 + day * 86_400
                k = 0
                while k < count:
                    t += rng.randint(1, 120)
                    who = rng.choice(members)
                    text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 14)))
                    if rng.random() < 1 / 15:
                        text = f"<@{rng.choice(members)}> {text}"
                    m = {"type": "message", "user": who, "text": text, "ts": f"{t}.{k:06d}"}
                    if rng.random() < 1 / 50:
                        m["edited"] = {"user": who, "ts": f"{t + 60}.000000"}
                    if rng.random() < 1 / 10:
                        m["reactions"] = [{"name": "+1", "users": [rng.choice(members)], "count": 1}]
                    msgs.append(m)
                    k += 1
                    if not in_dm and rng.random() < 1 / 20 and k + 3 <= count:
                        root = m["ts"]
                        m["thread_ts"] = root
                        m["reply_count"] = 3
                        for r in range(3):
                            t += rng.randint(1, 60)
                            msgs.append({"type": "message", "user": rng.choice(members),
                                         "text": "re: " + rng.choice(words), "ts": f"{t}.{k:06d}",
                                         "thread_ts": root, "parent_user_id": who})
                            k += 1
                date = __import__("datetime").date.fromtimestamp(ts0 + day * 86_400).isoformat()
                z.writestr(f"{folder}/{date}.json", json.dumps(msgs))
                written += len(msgs)
            day += 1
    print(f"{out}: {written} messages, {people} people, {channels} channels, {day} days")

main()
