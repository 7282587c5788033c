"""Evaluate the Clean stage on the labelled pages of eval/data/clean/.

Prints, per field, the accuracy of title, outlet, published date, byline and dateline; for
bodies the precision/recall/F1 of kept lines against the labels; how many articles of
multi-article pages were found; and how often a date or outlet was given where the label
says none is known. Runs trafilatura on the same HTML pages and prints its figures beside
ours.

    python eval/clean_eval.py [--verbose] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from rashomon.clean import clean_page
from rashomon.errors import InputError
from rashomon.ingest import make_page

DATA = Path(__file__).parent / "data" / "clean"
HELDOUT = Path(__file__).parent / "data" / "clean_heldout"
FIELDS = ("title", "outlet", "published", "byline", "dateline")
_BULLET = re.compile(r"^[•·▪*\-–]\s*")


def norm(text: str | None) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.split())
    return _BULLET.sub("", text).strip()


def fold(text: str | None) -> str:
    t = norm(text).lower()
    return t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def field_equal(name: str, got: str | None, want: str | None) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return fold(got) == fold(want)


class Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, got: list[str], want: list[str]) -> None:
        g, w = Counter(norm(x) for x in got), Counter(norm(x) for x in want)
        both = sum((g & w).values())
        self.tp += both
        self.fp += sum(g.values()) - both
        self.fn += sum(w.values()) - both

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each labelled article with the predicted one sharing most body lines."""
    pairs: list[tuple[dict, dict | None]] = []
    used: set[int] = set()
    for g in gold:
        want = {norm(x) for x in g["body"]}
        best, best_score = None, 0.0
        for i, p in enumerate(pred):
            if i in used:
                continue
            got = {norm(x) for x in p["body"]}
            score = len(want & got) / max(1, len(want | got))
            if fold(p.get("title")) == fold(g.get("title")):
                score += 0.5
            if score > best_score:
                best, best_score = i, score
        if best is not None and best_score >= 0.2:
            used.add(best)
            pairs.append((g, pred[best]))
        else:
            pairs.append((g, None))
    return pairs


def ours(path: Path) -> list[dict]:
    data = path.read_bytes()
    page = make_page(str(path), str(path), data)
    try:
        articles = clean_page(page)
    except InputError:
        return []
    return [{"title": a.title, "outlet": a.outlet, "published": a.published,
             "byline": a.byline, "dateline": a.dateline, "body": a.text.split("\n\n"),
             "captions": [c.text for c in a.captions]} for a in articles]


def trafilatura_pred(path: Path) -> list[dict]:
    import trafilatura

    html = path.read_text("utf-8", errors="replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=False) or ""
    meta = trafilatura.extract_metadata(html)
    lines = [line for line in text.split("\n") if line.strip()]
    return [{"title": meta.title if meta else None, "outlet": meta.sitename if meta else None,
             "published": meta.date if meta else None,
             "byline": meta.author if meta else None, "dateline": None, "body": lines,
             "captions": []}]


def evaluate(pages: list[tuple[Path, dict]], predict, verbose: bool = False) -> dict:
    body, captions = Counts(), Counts()
    correct = Counter()
    total = 0
    null_wrong = Counter()
    null_total = Counter()
    multi_found = multi_total = 0
    extra = 0
    per_page = []
    for path, label in pages:
        pred = predict(path)
        gold = label["articles"]
        page_body = Counts()
        page_body.add([x for p in pred for x in p["body"]], [x for g in gold for x in g["body"]])
        body.add([x for p in pred for x in p["body"]], [x for g in gold for x in g["body"]])
        captions.add([x for p in pred for x in p["captions"]],
                     [x for g in gold for x in g.get("captions", [])])
        pairs = match(pred, gold)
        extra += max(0, len(pred) - sum(1 for _, p in pairs if p))
        if len(gold) > 1:
            multi_total += len(gold)
            multi_found += sum(1 for _, p in pairs if p)
        for g, p in pairs:
            total += 1
            for f in FIELDS:
                got = p.get(f) if p else None
                if f == "published" and got:
                    got = got[:10]
                if p and field_equal(f, got, g.get(f)):
                    correct[f] += 1
                if f in ("published", "outlet") and g.get(f) is None:
                    null_total[f] += 1
                    if got is not None:
                        null_wrong[f] += 1
        f1 = page_body.prf()[2]
        per_page.append((path.name, f1, len(pred), len(gold)))
        if verbose:
            _explain(path, pred, gold, pairs)
    return {"body": body.prf(), "captions": captions.prf(), "fields": correct, "total": total,
            "null_wrong": null_wrong, "null_total": null_total, "multi": (multi_found, multi_total),
            "extra": extra, "pages": per_page}


def _explain(path: Path, pred: list[dict], gold: list[dict], pairs) -> None:
    print(f"\n## {path.name}: {len(pred)} predicted, {len(gold)} labelled")
    got_all = {norm(x) for p in pred for x in p["body"]}
    want_all = {norm(x) for g in gold for x in g["body"]}
    for x in sorted(want_all - got_all):
        print(f"   MISSED  {x[:110]}")
    for x in sorted(got_all - want_all):
        print(f"   EXTRA   {x[:110]}")
    for g, p in pairs:
        for f in FIELDS:
            got = p.get(f) if p else "<no article>"
            if not (p and field_equal(f, (got[:10] if f == "published" and got else got), g.get(f))):
                print(f"   {f:<9} got {got!r} want {g.get(f)!r}")


def load(data: Path, only: str | None) -> list[tuple[Path, dict]]:
    pages = []
    for label_path in sorted((data / "labels").glob("*.json")):
        label = json.loads(label_path.read_text("utf-8"))
        path = data / label["page"]
        if only and only not in path.name:
            continue
        pages.append((path, label))
    return pages


def report(name: str, r: dict) -> None:
    p, rec, f1 = r["body"]
    print(f"\n{name}")
    print(f"  body lines      P={p:.3f} R={rec:.3f} F1={f1:.3f}")
    cp, cr, cf = r["captions"]
    print(f"  captions        P={cp:.3f} R={cr:.3f} F1={cf:.3f}")
    for f in FIELDS:
        print(f"  {f:<15} accuracy {r['fields'][f] / max(1, r['total']):.3f} "
              f"({r['fields'][f]}/{r['total']})")
    found, total = r["multi"]
    print(f"  multi-article   {found}/{total} articles found, {r['extra']} extra articles")
    for f in ("published", "outlet"):
        print(f"  {f:<9} given where label is null: {r['null_wrong'][f]}/{r['null_total'][f]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--only", help="only pages whose file name contains this")
    ap.add_argument("--data", type=Path, default=DATA, help="labelled set (default: dev set)")
    ap.add_argument("--heldout", action="store_true", help="score the held-out set")
    args = ap.parse_args()
    data = HELDOUT if args.heldout else args.data
    print(f"labelled set: {data}")
    pages = load(data, args.only)
    html = [(p, lab) for p, lab in pages if p.suffix == ".html"]
    text = [(p, lab) for p, lab in pages if p.suffix != ".html"]
    print(f"{len(pages)} labelled pages ({len(html)} HTML, {len(text)} text), "
          f"{sum(len(lab['articles']) for _, lab in pages)} articles")
    everything = evaluate(pages, ours, args.verbose)
    report("rashomon, all pages", everything)
    report("rashomon, text pages", evaluate(text, ours))
    report("rashomon, HTML pages", evaluate(html, ours))
    try:
        report("trafilatura 2.3.1, HTML pages (one article per page)",
               evaluate(html, trafilatura_pred))
    except ImportError:
        print("\ntrafilatura not installed: pip install -e '.[dev]' to compare")
    worst = sorted(everything["pages"], key=lambda x: x[1])[:8]
    print("\nlowest body F1 pages: " + ", ".join(f"{n} {f:.2f} ({a}/{b} arts)"
                                                 for n, f, a, b in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
