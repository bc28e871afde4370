#!/usr/bin/env python3
"""Scores gxnews's extractor on real pages nobody on the project wrote.

Reads ../shared/realpages/ (or $GXNEWS_REALPAGES): its README says what the pages are and how
they are scored. Runs the release binary's `gxnews parse --json` over them and prints:

- readability/: mean body precision, recall and F1 (whitespace tokens against expected.html with
  its tags removed), readerable pages with an empty body, title agreement, publication-day
  agreement on the pages whose metadata gives a day, author agreement on the pages whose
  metadata gives a byline (the editor field holds or is held by it), the kinds, and pages/s;
- dates/: publication-day agreement and the kinds.

With trafilatura installed in target/trafilatura-venv (benches/trafilatura.sh makes it) or in
the running Python, the same figures for trafilatura are printed beside gxnews's.

    cargo build --release && python3 benches/realpages.py [--worst N] [--only NAME]
"""

import argparse
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READABILITY_URL = "http://fakehost/test/page.html"
# Tags whose boundaries separate words in expected.html (the rest are inline).
BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "td", "th", "blockquote", "pre", "figure", "figcaption", "section", "article", "dl",
    "dt", "dd", "hr", "img", "header", "footer", "aside", "nav", "main", "caption",
}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_tokens(markup):
    p = _Text()
    p.feed(markup)
    return "".join(p.parts).split()


def prf(got, want):
    """Token precision, recall and F1 of two token lists (multiset overlap)."""
    if not got and not want:
        return 1.0, 1.0, 1.0
    if not got or not want:
        return 0.0, 0.0, 0.0
    common = sum((Counter(got) & Counter(want)).values())
    p, r = common / len(got), common / len(want)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm_title(t):
    return " ".join(html.unescape(t or "").split()).casefold()


def day(s):
    m = re.match(r"\d{4}-\d{2}-\d{2}", s or "")
    return m.group(0) if m else None


def norm_name(t):
    t = " ".join((t or "").lower().split())
    return t[3:] if t.startswith("by ") else t


def same_author(got, want):
    g, w = norm_name(got), norm_name(want)
    return bool(g and w and (g in w or w in g))


def gxnews_parse(binary, files, url):
    out = subprocess.run(
        [str(binary), "parse", "--json", "--url", url, *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(rows) != len(files):
        sys.exit(f"gxnews parse gave {len(rows)} rows for {len(files)} files: {out.stderr}")
    return rows


def load_trafilatura():
    venv = ROOT / "target/trafilatura-venv"
    if venv.exists() and "trafilatura" not in sys.modules:
        for sp in venv.glob("lib/python*/site-packages"):
            sys.path.insert(0, str(sp))
    try:
        import trafilatura  # noqa: F401
        return trafilatura
    except ImportError:
        return None


def traf_row(traf, data, url):
    doc = traf.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return {"kind": "none", "title": None, "published": None, "body": []}
    d = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return {"kind": "article", "title": d.get("title"), "published": d.get("date"),
            "editor": d.get("author"), "body": (d.get("text") or "").split("\n")}


def score_readability(base, rows, pages, label, worst):
    f1s, ps, rs, empty, titles, dates, dated = [], [], [], [], 0, 0, 0
    authors, bylined = 0, 0
    per_page = []
    for page, row in zip(pages, rows):
        meta = json.loads((base / page / "expected-metadata.json").read_text())
        want = html_tokens((base / page / "expected.html").read_text(errors="replace"))
        got = " ".join(row.get("body") or []).split()
        p, r, f = prf(got, want)
        ps.append(p), rs.append(r), f1s.append(f)
        per_page.append((f, p, r, page, row.get("kind")))
        if meta.get("readerable", True) and not got:
            empty.append(page)
        if norm_title(row.get("title")) == norm_title(meta.get("title")):
            titles += 1
        if norm_name(meta.get("byline")):
            bylined += 1
            authors += same_author(row.get("editor"), meta["byline"])
        if day(meta.get("publishedTime")):
            dated += 1
            dates += day(row.get("published")) == day(meta["publishedTime"])
    n = len(pages)
    kinds = Counter(r.get("kind") for r in rows)
    print(f"{label:12} readability/ {n} pages: body P {sum(ps)/n:.3f} R {sum(rs)/n:.3f} "
          f"F1 {sum(f1s)/n:.3f}; readerable with empty body {len(empty)}; "
          f"title {titles/n:.3f} ({titles}/{n}); day {dates}/{dated} "
          f"({dates/max(dated,1):.3f}); author {authors}/{bylined}; kinds {dict(kinds)}")
    if empty:
        print(f"{'':12} empty: {' '.join(empty)}")
    for f, p, r, page, kind in sorted(per_page)[:worst]:
        print(f"{'':12}   F1 {f:.3f} P {p:.3f} R {r:.3f} {kind:8} {page}")


def score_dates(rows, names, expected, label, worst):
    right, wrong = 0, []
    for name, row in zip(names, rows):
        if day(row.get("published")) == expected[name]["published"]:
            right += 1
        else:
            wrong.append((name, row.get("published"), expected[name]["published"], row.get("kind")))
    n = len(names)
    kinds = Counter(r.get("kind") for r in rows)
    print(f"{label:12} dates/ {n} articles: day {right/n:.3f} ({right}/{n}); kinds {dict(kinds)}")
    for name, got, want, kind in wrong[:worst]:
        print(f"{'':12}   {name}: got {got} want {want} [{kind}]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each set")
    ap.add_argument("--only", help="readability page names containing this")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--binary", default=str(ROOT / "target/release/gxnews"))
    args = ap.parse_args()
    real = Path(os.environ.get("GXNEWS_REALPAGES", ROOT.parent / "shared/realpages"))
    if not real.is_dir():
        sys.exit(f"no real pages at {real} (set GXNEWS_REALPAGES)")
    traf = None if args.no_trafilatura else load_trafilatura()

    base = real / "readability/pages"
    pages = sorted(p.name for p in base.iterdir() if (p / "source.html").exists())
    if args.only:
        pages = [p for p in pages if args.only in p]
    files = [base / p / "source.html" for p in pages]
    start = time.perf_counter()
    rows = gxnews_parse(args.binary, files, READABILITY_URL)
    secs = time.perf_counter() - start
    score_readability(base, rows, pages, "gxnews", args.worst)
    print(f"{'':12} {len(files)/secs:.0f} pages/s (one process, one core, start-up included)")
    if traf:
        trows = [traf_row(traf, f.read_bytes(), READABILITY_URL) for f in files]
        score_readability(base, trows, pages, "trafilatura", args.worst)
    if args.only:
        return

    expected = json.loads((real / "dates/expected.json").read_text())
    names = sorted(expected)
    rows = []
    for name in names:
        rows += gxnews_parse(args.binary, [real / "dates/pages" / name], expected[name]["url"])
    score_dates(rows, names, expected, "gxnews", args.worst)
    if traf:
        trows = [traf_row(traf, (real / "dates/pages" / n).read_bytes(), expected[n]["url"])
                 for n in names]
        score_dates(trows, names, expected, "trafilatura", args.worst)


if __name__ == "__main__":
    main()
