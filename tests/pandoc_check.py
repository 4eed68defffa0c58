#!/usr/bin/env python3
"""pandoc_check.py TREE.json PANDOC.json PLAIN.txt - the pandoc hand-off, read back.

TREE.json is artconv's own tree (-t json) of an article; PANDOC.json is what
pandoc made of artconv's -t pandoc-json output when it read it and wrote it
again (pandoc -f json -t json); PLAIN.txt is pandoc's -t plain of the same.
Checks, ignoring white space:
  - pandoc has the same headings, in order, with the same levels and text
    (label included);
  - the text of pandoc's blocks equals the text of artconv's blocks;
  - every point artconv recognised is a Span or Div of class "point"
    carrying its label, and every lead sentence is still bold;
  - pandoc's plain text holds every character of the body, in order
    (table cells aside: pandoc lays multi-line cells out side by side).
Prints one line of counts; exit 0 = all hold, 1 = not.
"""
import json
import re
import sys

SPACE = re.compile(r"\s+")


def squeeze(s):
    return SPACE.sub("", s or "")


# ----------------------------------------------------------------- artconv

def tree_blocks(blocks, out):
    """Appends (kind, level, text) for artconv's blocks, in reading order."""
    for b in blocks:
        t = b["type"]
        if t == "paragraph":
            out.append(("text", 0, b["text"]))
        elif t == "heading":
            text = (b["label"] or "") + b["text"]
            if squeeze(text):
                out.append(("heading", b["level"], text))
        elif t == "point_list":
            if b["intro"]:
                out.append(("text", 0, b["intro"]))
            for p in b["points"]:
                out.append(("point", 0, (p["label"] or "") + p["lead"]))
                out.append(("text", 0, p["text"]))
        elif t == "list":
            for item in b["items"]:
                out.append(("text", 0, (item["label"] or "") + item["text"]))
                if "list" in item:
                    tree_blocks([item["list"]], out)
                tree_blocks(item.get("blocks", []), out)
        elif t == "quote":
            tree_blocks(b["blocks"], out)
        elif t == "table":
            for row in b["rows"]:
                for cell in row["cells"]:
                    out.append(("cell", 0, cell))
        elif t == "figure":
            out.append(("text", 0, b["caption"] or b["alt"] or ""))


# ----------------------------------------------------------------- pandoc

def inline_text(inlines):
    parts = []
    for x in inlines:
        t = x["t"]
        c = x.get("c")
        if t == "Str":
            parts.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif t in ("Strong", "Emph", "Underline", "Strikeout", "SmallCaps",
                   "Superscript", "Subscript"):
            parts.append(inline_text(c))
        elif t in ("Span", "Link", "Image"):
            parts.append(inline_text(c[1]))
        elif t == "Quoted":
            parts.append(inline_text(c[1]))
        elif t == "Code":
            parts.append(c[1])
    return "".join(parts)


class Walk:
    def __init__(self):
        self.text = []
        self.headers = []
        self.points = []        # labels of Span/Div .point
        self.strong = []        # text of Strong elements

    def attr_point(self, attr):
        ident, classes, kvs = attr
        if "point" in classes:
            self.points.append(dict(kvs).get("label", ""))

    def inlines(self, inlines):
        for x in inlines:
            t = x["t"]
            c = x.get("c")
            if t == "Span":
                self.attr_point(c[0])
                self.inlines(c[1])
            elif t == "Strong":
                self.strong.append(inline_text(c))
                self.inlines(c)
            elif t in ("Emph", "Link", "Image", "Quoted"):
                self.inlines(c[1] if t != "Emph" else c)

    def blocks(self, blocks):
        for b in blocks:
            t = b["t"]
            c = b.get("c")
            if t in ("Para", "Plain"):
                self.text.append(inline_text(c))
                self.inlines(c)
            elif t == "Header":
                self.headers.append((c[0], inline_text(c[2])))
                self.text.append(inline_text(c[2]))
            elif t == "Div":
                self.attr_point(c[0])
                self.blocks(c[1])
            elif t == "BlockQuote":
                self.blocks(c)
            elif t == "BulletList":
                for item in c:
                    self.blocks(item)
            elif t == "OrderedList":
                for item in c[1]:
                    self.blocks(item)
            elif t == "Table":
                head, bodies, foot = c[3], c[4], c[5]
                rows = list(head[1])
                for body in bodies:
                    rows += body[2] + body[3]
                rows += foot[1]
                for row in rows:
                    for cell in row[1]:
                        self.blocks(cell[4])


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        tree = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        pan = json.load(f)
    with open(sys.argv[3], encoding="utf-8") as f:
        plain = squeeze(f.read())

    want = []
    tree_blocks(tree["blocks"], want)
    w = Walk()
    w.blocks(pan["blocks"])
    problems = []

    heads = [(lv, squeeze(t)) for kind, lv, t in want if kind == "heading"]
    got_heads = [(lv, squeeze(t)) for lv, t in w.headers]
    if heads != got_heads:
        for i, (a, b) in enumerate(zip(heads + [None] * len(got_heads),
                                       got_heads + [None] * len(heads))):
            if a != b:
                problems.append("heading %d: artconv %r, pandoc %r" % (i + 1, a, b))
                break

    body = squeeze("".join(t for _, _, t in want))
    got = squeeze("".join(w.text))
    if body != got:
        i = next((k for k in range(min(len(body), len(got))) if body[k] != got[k]),
                 min(len(body), len(got)))
        problems.append("text differs at character %d: artconv %r, pandoc %r"
                        % (i, body[i:i + 20], got[i:i + 20]))

    leads = [squeeze(t) for kind, _, t in want if kind == "point"]
    if len(w.points) != len(leads):
        problems.append("%d points, pandoc has %d .point elements"
                        % (len(leads), len(w.points)))
    strong = [squeeze(s) for s in w.strong]
    missing = [l for l in leads if l and l not in strong]
    if missing:
        problems.append("%d lead sentences not bold, first %r" % (len(missing), missing[0]))

    # Plain text: every body character in order.
    pos = 0
    flow = squeeze("".join(t for kind, _, t in want if kind != "cell"))
    for ch in flow:
        pos = plain.find(ch, pos)
        if pos < 0:
            problems.append("plain text lacks %r (character %d of the body)"
                            % (ch, flow.index(ch)))
            break
        pos += 1

    print("headings %d/%d, points %d/%d, body %d/%d characters%s"
          % (len(got_heads), len(heads), len(w.points), len(leads), len(got), len(body),
             "" if not problems else ": " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
