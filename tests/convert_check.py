#!/usr/bin/env python3
"""convert_check.py PLAIN.json CONV.json REF.txt CONV.txt - one --convert run, checked.

PLAIN.json / CONV.json: artconv -t json of the article without and with
--convert; REF.txt: the opencc command-line tool's conversion of artconv's
unconverted -t txt; CONV.txt: artconv --convert -t txt.

  - The outline must not change: the same blocks of the same types, the same
    heading levels, points, list items, table rows and cells.
  - Every line of CONV.txt must equal the same line of REF.txt, except where
    artconv leaves a web address alone (opencc converts the Chinese in it)
    and the words artconv writes itself in the metadata line (来源, 发布者:
    twp's vocabulary makes 發佈者 釋出者); such lines are compared with
    those parts taken out, and counted.
Prints one line of figures; exit 0 = all hold, 1 = not.
"""
import json
import re
import sys

ADDRESS = re.compile(r"(https?://|ftp://|mailto:|www\.)[^\s，。；、）」』”]*")
LABELS = re.compile(r"(来源|來源|作者|发布者|發佈者|發布者|釋出者)：")


def outline(blocks, out):
    """Appends a shape signature for each block, recursively."""
    for b in blocks:
        t = b["type"]
        sig = [t]
        if t == "heading":
            sig += [b["level"], b["label"] is not None, b["run_in"]]
        elif t == "point_list":
            sig += [b["intro"] is not None, len(b["points"])]
            sig += [p["label"] is not None for p in b["points"]]
        elif t == "list":
            sig += [b["ordered"], len(b["items"])]
            for item in b["items"]:
                sig.append(item["label"] is not None)
                if "list" in item:
                    outline([item["list"]], out)
                outline(item.get("blocks", []), out)
        elif t == "quote":
            sig.append(len(b["blocks"]))
            outline(b["blocks"], out)
        elif t == "table":
            sig += [(r["header"], len(r["cells"])) for r in b["rows"]]
        out.append(tuple(sig))
    return out


def counts(sigs):
    c = {}
    for s in sigs:
        key = s[0] if s[0] != "heading" else "heading%d" % s[1]
        c[key] = c.get(key, 0) + 1
        if s[0] == "point_list":
            c["point"] = c.get("point", 0) + s[2]
    return c


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    docs = []
    for path in sys.argv[1:3]:
        with open(path, encoding="utf-8") as f:
            docs.append(json.load(f))
    with open(sys.argv[3], encoding="utf-8") as f:
        ref = f.read().split("\n")
    with open(sys.argv[4], encoding="utf-8") as f:
        got = f.read().split("\n")

    problems = []
    before = outline(docs[0]["blocks"], [])
    after = outline(docs[1]["blocks"], [])
    if before != after:
        i = next((k for k in range(min(len(before), len(after)))
                  if before[k] != after[k]), min(len(before), len(after)))
        problems.append("outline changed at block %d: %r -> %r" % (
            i + 1, before[i] if i < len(before) else None,
            after[i] if i < len(after) else None))

    same = allowed = 0
    if len(ref) != len(got):
        problems.append("%d lines, opencc %d" % (len(got), len(ref)))
    for n, (r, g) in enumerate(zip(ref, got), 1):
        if r == g:
            same += 1
        elif LABELS.sub("", ADDRESS.sub("", r)) == LABELS.sub("", ADDRESS.sub("", g)):
            allowed += 1
        else:
            k = next((k for k in range(min(len(r), len(g))) if r[k] != g[k]),
                     min(len(r), len(g)))
            problems.append("line %d differs at %d: opencc %r, artconv %r"
                            % (n, k, r[k:k + 12], g[k:k + 12]))
            break

    c = counts(before)
    print("lines %d same, %d same but for addresses/labels; outline %s%s" % (
        same, allowed,
        " ".join("%s=%d" % (k, c[k]) for k in sorted(c)) or "empty",
        "" if not problems else ": " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
