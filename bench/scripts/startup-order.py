"""Names the functions of natter's executable that callgrind profiles saw run, each once,
step by step (one profile per step), for build/startup-order.txt. Called by
startup-order.sh.

  startup-order.py symbols FILE PROFILE...   FILE: `nm` of an executable with symbols
  startup-order.py map FILE EXE PROFILE...   FILE: the linker's map of the stripped EXE

With symbols (the release build), callgrind names the functions itself. The dist build
is stripped: callgrind names its functions by address, and the linker's map says which
function's section holds each address.
"""

import bisect
import re
import sys

FN = re.compile(r"(c?)fn=\((\d+)\)(?: (.+))?$")
OB = re.compile(r"(c?)ob=\((\d+)\)(?: (.+))?$")
# An input section of the map: VMA, LMA, size, alignment, then "file:(section)".
SECTION = re.compile(r"^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S.*:\((\.text\.[^)]+)\)$")


def plain(name):
    """A function's name as the list keeps it: without the `.llvm.<hash>` suffix LLVM
    gives a local function another part of its crate calls (the next change anywhere in
    that part changes it; the link takes any such suffix)."""
    return re.sub(r"\.llvm\.\d+$", "", name)


def calls(profile):
    """(object, function) for every function line of a callgrind profile, in order.
    Names and objects are written once, then referred to by number."""
    names, objects = {}, {}
    current = pending = None
    for line in open(profile, errors="replace"):
        line = line.rstrip("\n")
        m = OB.match(line)
        if m:
            called, oid, name = m.groups()
            if name is not None:
                objects[oid] = name
            if not called:
                current = objects.get(oid)
            pending = objects.get(oid) if called else None
            continue
        m = FN.match(line)
        if m:
            called, fid, name = m.groups()
            if name is not None:
                names[fid] = name
            obj = pending if called and pending else current
            pending = None
            name = names.get(fid)
            # callgrind tells apart contexts of one function as NAME'2, NAME'3.
            yield obj, re.sub(r"'\d+$", "", name) if name else name


def by_symbol(symbols, profiles):
    code = set(open(symbols).read().split())
    for profile in profiles:
        yield [plain(name) for _, name in calls(profile) if name in code]


def by_map(map_file, exe, profiles):
    spans = []  # (start, end, function), one per code section of the map
    for line in open(map_file, errors="replace"):
        m = SECTION.match(line)
        if m and int(m.group(2), 16) > 0:
            start = int(m.group(1), 16)
            name = re.sub(r"^\.text\.(unlikely\.)?", "", m.group(3))
            spans.append((start, start + int(m.group(2), 16), plain(name)))
    spans.sort()
    starts = [start for start, _, _ in spans]
    for profile in profiles:
        step = []
        for obj, name in calls(profile):
            if obj != exe or not name or not name.startswith("0x"):
                continue
            address = int(name, 16)
            i = bisect.bisect_right(starts, address) - 1
            if i >= 0 and address < spans[i][1]:
                step.append(spans[i][2])
        yield step


def main():
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "symbols":
        steps = by_symbol(rest[0], rest[1:])
    else:
        steps = by_map(rest[0], rest[1], rest[2:])
    order, seen = [], set()
    for step in steps:
        # Sorted within a step: the same run twice gives the same list (callgrind's
        # own order varies), and a module's functions sit together.
        new = sorted({name for name in step if name not in seen})
        seen.update(new)
        order += new
    print("\n".join(order))


main()
