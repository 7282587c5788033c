"""Benchmark Clean + Understand: ``rashomon analyze`` end to end on 2,000 generated pages.

Prints articles/s and peak memory for the whole pipeline (clean, understand, resolve) at
500 and 2,000 pages, in a fresh process pinned to one core (the launcher of
``bench_clean.py``), and the time of the Understand stage on one text of 25,000, 50,000,
100,000 and 200,000 words, to show it grows linearly with the length of an article.

It reports; it never asserts. Targets (issue 4): >= 30 articles/s on one core for clean +
understand, memory < 1 GB, time linear in length.

    python bench/bench_understand.py          # or: make bench-understand
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_clean import pick_cpu, run_rashomon, subset_dir  # noqa: E402
from gen_pages import write_pages  # noqa: E402

DEMO = Path(HERE).parent / "demo" / "corpus"


def scaling() -> None:
    from rashomon.model import Article
    from rashomon.understand import understand_article

    paragraphs = []
    for path in sorted(Path(HERE).parent.glob("eval/data/understand/articles/*.txt")):
        paragraphs.extend(p for p in path.read_text("utf-8").split("\n\n") if len(p) > 80)
    base = "\n\n".join(paragraphs)
    understand_article(Article(id="w", source="w", ordinal=0, text=paragraphs[0]))  # warm up
    print("\nUnderstand stage on one article of growing length (one process):")
    previous = None
    for words in (25_000, 50_000, 100_000, 200_000):
        text = base
        while len(text.split()) < words:
            text += "\n\n" + base
        text = " ".join(text.split(" ")[:words])
        t0 = time.perf_counter()
        u = understand_article(Article(id="w", source="w", ordinal=0, text=text,
                                       published="2024-03-08")).understanding
        seconds = time.perf_counter() - t0
        ratio = f"  x{seconds / previous:.2f} for twice the words" if previous else ""
        print(f"  {words:>7} words: {seconds:6.2f} s  {len(u.entities)} entities, "
              f"{len(u.events)} events{ratio}")
        previous = seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cpu", type=int, default=None)
    ap.add_argument("--no-scaling", action="store_true")
    args = ap.parse_args(argv)
    cpu = pick_cpu(args.cpu)
    total = max(args.sizes)
    with tempfile.TemporaryDirectory() as work:
        all_dir = os.path.join(work, "pages_all")
        pages = write_pages(all_dir, total, args.seed)
        names = sorted(os.listdir(all_dir))
        print(f"{total} pages generated ({sum(p.articles for p in pages)} articles); "
              f"pinned to cpu {cpu}")
        print("\npages  articles  articles/s  peak MB  entities/events  (clean + understand + "
              "resolve, whole process)")
        for n in sorted(args.sizes):
            d = os.path.join(work, f"pages_{n}")
            subset_dir(all_dir, d, names[:n])
            r = run_rashomon(d, os.path.join(work, f"u_{n}.db"), cpu, stages="all")
            tail = r["stdout"].strip().splitlines()[-1] if r["stdout"].strip() else ""
            if not r["summary_found"]:
                print("  analyze printed no summary; its stderr ends with:\n    "
                      + r["stderr"].strip()[-600:])
            print(f"{n:>5}  {r['articles']:>8}  {r['articles'] / r['wall']:10.1f}  "
                  f"{r['peak_mb']:7.0f}  {tail.split('articles, ')[-1].split(', 0 fail')[0]}")
        print("targets: >= 30 articles/s on one core, < 1,000 MB")
    if not args.no_scaling:
        scaling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
