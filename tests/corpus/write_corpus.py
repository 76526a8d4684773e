#!/usr/bin/env python3
"""Writes tests/corpus/articles/NAME.txt and NAME.expected.json from the article
definitions in corpus_articles.py.

Each article is written by hand twice over: its printed header and back-matter lines
literally, its body as (level, label, title, run_in, paragraphs) sections that are rendered
the way journals print them, and its expected fields as the values a careful editor would
record. The expected JSON is therefore the intent, not a snapshot of galley's output.
All content is invented for the tests.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from corpus_articles import ARTICLES  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "articles")


def heading_line(label, title, run_in, first):
    sep = ""
    if label and (label[-1].isalnum() or (label[-1] == "." and title[:1].isascii())):
        sep = " "
    text = f"{label or ''}{sep}{title}"
    if run_in:
        text += "。" + first
    return text


def render(a):
    lines = list(a["head"])
    for s in a["sections"]:
        level, label, title, run_in, paras = s
        if level == 0:
            lines.extend(paras)
            continue
        lines.append(heading_line(label, title, run_in, paras[0] if run_in else None))
        lines.extend(paras[1:] if run_in else paras)
    lines.extend(a.get("refs_head", []))
    lines.extend(r["raw"] for r in a.get("refs", []))
    lines.extend(a.get("tail", []))
    return "\n".join(lines) + "\n"


def expected(a, text):
    e = dict(a["expect"])
    e["sections"] = [
        {"level": l, "label": lab, "title": t, "run_in": ri, "paragraphs": p}
        for (l, lab, t, ri, p) in a["sections"]
    ]
    refs = []
    for r in a.get("refs", []):
        r = dict(r)
        r.setdefault("authors", [])
        refs.append(r)
    if refs:
        e["references"] = refs
    lines = text.split("\n")
    warns = []
    for kind, field, marker in a.get("warnings", []):
        line = next(i + 1 for i, l in enumerate(lines) if marker in l)
        warns.append({"kind": kind, "field": field, "line": line})
    if warns:
        e["warnings"] = warns
    return {k: v for k, v in e.items() if v not in (None, [], {})}


def main():
    os.makedirs(OUT, exist_ok=True)
    names = set()
    for a in ARTICLES:
        assert a["name"] not in names, a["name"]
        names.add(a["name"])
        text = render(a)
        with open(os.path.join(OUT, a["name"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(OUT, a["name"] + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(expected(a, text), f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{len(ARTICLES)} articles written to {OUT}")


if __name__ == "__main__":
    main()
