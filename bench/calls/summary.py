"""The figures of bench/scripts/calls-sfu.sh: reads the JSON lines browsers.mjs printed
(one a call) and prints, per mode and size, the median with the spread (lowest-highest)
over the runs, as two Markdown tables. natter's memory is given in the call and before
it (everyone signed in, nobody in the call), not per person: what a call adds to natter
is below how much its allocator's holding moves between two readings. Janus's private
memory per person is what it holds in the call over what it held idle, divided by the
people in the call.

Usage: summary.py LINES
"""

import json
import statistics
import sys
from collections import defaultdict


def spread(values, fmt="{:.0f}"):
    values = sorted(values)
    if not values:
        return "-"
    mid = fmt.format(statistics.median(values))
    return mid if len(values) == 1 else f"{mid} [{fmt.format(values[0])}-{fmt.format(values[-1])}]"


def rank(values, q):
    """The nearest-rank percentile q (0-100) of values."""
    values = sorted(values)
    return values[max(0, -(-len(values) * q // 100) - 1)]


def main(path):
    groups = defaultdict(list)
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            groups[(r["mode"], r["participants"])].append(r)
    first = ("| mode | people (browsers + synthetic) | runs | upload per browser, kbit/s | video streams a browser sends "
             "| Join to hearing each other person, p50 / p99 ms (pairs) | heard everyone, p50 / max ms "
             "| packets lost / received | media missing |")
    second = ("| mode | people | natter CPU % of a core (per person) | natter private / RSS MiB in the call "
              "| natter private MiB before it | Janus CPU % (per person) | Janus private / RSS MiB "
              "| Janus private KiB per person | Chromium / synthetic CPU % | machine busy % of 200; others' share | load before |")
    rows1, rows2 = [first, "|" + "---|" * first.count(" | ") + "---|"], [second, "|" + "---|" * second.count(" | ") + "---|"]
    order = sorted(groups, key=lambda k: (k[0] != "mesh", k[1]))
    for mode, n in order:
        runs = groups[(mode, n)]
        b, s = runs[0]["browsers"], runs[0]["synthetic"]
        upload = [statistics.median(r["upload_kbps"]) for r in runs]
        streams = sorted({v for r in runs for v in r["video_streams_sent"]})
        pairs = [ms for r in runs for j in r["browser_joins"] for ms in j["heard"].values()]
        unheard = sum(j["others"] - len(j["heard"]) for r in runs for j in r["browser_joins"])
        alls = [j["all_ms"] for r in runs for j in r["browser_joins"] if j["all_ms"] is not None]
        lost = sum(x["lost"] for r in runs for x in r["browser_loss"] + r["synthetic_loss"])
        got = sum(x["packets"] for r in runs for x in r["browser_loss"] + r["synthetic_loss"])
        missing = sum(sum(r["missing_flows"]) for r in runs)
        hear = f"{rank(pairs, 50):.0f} / {rank(pairs, 99):.0f} ({len(pairs)})" if pairs else "-"
        if unheard:
            hear += f"; {unheard} not heard within 60 s"
        sent = f"{streams[0]}-{streams[-1]}" if len(streams) > 1 else f"{streams[0]}"
        rows1.append(f"| {mode} | {n} ({b} + {s}) | {len(runs)} | {spread(upload)} | {sent} "
                     f"| {hear} | {f'{rank(alls, 50):.0f} / {max(alls):.0f}' if alls else '-'} | {lost} / {got} | {missing} |")
        cpu = lambda who: [r["cpu_pct"][who] for r in runs]
        mem = lambda who, key: [r["mem_kib"][who][key] / 1024 for r in runs]
        per = lambda who: [(r["mem_kib"][who]["anon"] - r["mem_kib"][f"{who}_before"]["anon"]) / n for r in runs]
        others = [r["cpu_pct"]["machine"] - sum(r["cpu_pct"][k] for k in ("natter", "janus", "chromium", "synthetic"))
                  for r in runs]
        loads = sorted(float(r["load"].split(",")[0]) for r in runs)
        if mode == "mesh":
            janus = ["-", "-", "-"]
        else:
            janus = [f"{spread(cpu('janus'), '{:.1f}')} ({statistics.median(cpu('janus')) / n:.2f})",
                     f"{spread(mem('janus', 'anon'), '{:.1f}')} / {spread(mem('janus', 'rss'), '{:.1f}')}",
                     spread(per("janus"))]
        rows2.append(
            f"| {mode} | {n} | {spread(cpu('natter'), '{:.1f}')} ({statistics.median(cpu('natter')) / n:.2f}) "
            f"| {spread(mem('natter', 'anon'), '{:.1f}')} / {spread(mem('natter', 'rss'), '{:.1f}')} "
            f"| {spread([r['mem_kib']['natter_before']['anon'] / 1024 for r in runs], '{:.1f}')} "
            f"| {janus[0]} | {janus[1]} | {janus[2]} "
            f"| {spread(cpu('chromium'))} / {spread(cpu('synthetic'))} | {spread(cpu('machine'))}; {spread(others)} "
            f"| {loads[0]:.1f}-{loads[-1]:.1f} |")
    print("\n".join(rows1))
    print()
    print("\n".join(rows2))


if __name__ == "__main__":
    main(sys.argv[1])
