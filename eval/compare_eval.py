"""Evaluate the Compare stage on the labelled stories of eval/data/compare/.

Analyses every ``*.jsonl`` of the set into a fresh store (the whole pipeline, as a user
runs it), reads the export back and prints: story clustering pairwise P/R/F1 (and on the
Understand set's 12 stories too), discrepancy P/R (and status accuracy), agreed-fact P/R,
coverage-cell accuracy, descriptor P/R/F1 (span overlap) with entity accuracy, quote
P/R/F1 with speaker and source accuracy. Labels: eval/data/compare/README.md.

    python eval/compare_eval.py [--heldout | --data DIR] [--verbose] [--keep DB]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from itertools import combinations
from pathlib import Path

from rashomon.workspace import analyze

HERE = Path(__file__).parent
DEV = HERE / "data" / "compare" / "dev"
HELDOUT = HERE / "data" / "compare" / "heldout"
UNDERSTAND = HERE / "data" / "understand"


# --- loading ------------------------------------------------------------------------------
def load(folder: Path) -> tuple[list[Path], dict, dict[str, dict]]:
    """The set's JSONL files, its merged labels and its records by label id."""
    files = sorted(folder.glob("*.jsonl"))
    records = {}
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                records[r["id"]] = r
    labels: dict[str, list] = {k: [] for k in ("stories", "discrepancies", "facts", "coverage",
                                               "descriptors", "quotes")}
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text("utf-8"))
        for k in labels:
            labels[k] += data.get(k, [])
    return files, labels, records


def understand_set(tmp: Path) -> Path:
    """The Understand set's articles as one JSONL (title, outlet, date, story labels)."""
    out = tmp / "understand.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted((UNDERSTAND / "labels").glob("*.json")):
            lab = json.loads(path.read_text("utf-8"))
            text = (UNDERSTAND / lab["article"]).read_text("utf-8")
            fh.write(json.dumps({"id": path.stem, "url": f"https://eval.invalid/{path.stem}",
                                 "title": lab.get("title"), "outlet": lab.get("outlet"),
                                 "published": lab.get("published"), "text": text,
                                 "story": lab.get("story")}, ensure_ascii=False) + "\n")
    return out


def run(files: list[Path], db: Path) -> dict:
    ws = analyze([str(f) for f in files], db=str(db))
    if not ws.summary.ok:
        for f in ws.summary.failures:
            print("failure:", f, file=sys.stderr)
    data = ws.export("json")
    ws.close()
    return data


# --- matching helpers ---------------------------------------------------------------------
def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def locate(text: str, needle: str, near: int | None = None) -> tuple[int, int] | None:
    """Where a labelled string is in our article text (the nearest copy to ``near``)."""
    if not needle:
        return None
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    if not found:
        return None
    best = min(found, key=lambda x: abs(x - (near or 0)))
    return best, best + len(needle)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if inter > 0 and union else 0.0


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]", "", s).strip()


def same_name(gold: str | None, names: list[str]) -> bool:
    """A gold name matches a predicted entity by full name or by its last word."""
    g = norm(gold)
    if not g:
        return False
    for n in map(norm, names):
        if n and (n == g or n in g.split() or g.split()[-1] == n.split()[-1] and len(n) > 2):
            return True
    return False


class Ids:
    """Our article ids <-> label ids (through the record URL, our article's source)."""

    def __init__(self, export: dict, records: dict[str, dict]) -> None:
        by_url = {r["url"]: lid for lid, r in records.items()}
        self.ours = {}
        self.text = {}
        for a in export["articles"]:
            lid = by_url.get(a["source"])
            if lid:
                self.ours[lid] = a["id"]
                self.text[lid] = a["text"]
        self.label = {v: k for k, v in self.ours.items()}


# --- scores ---------------------------------------------------------------------------------
def story_of(export: dict, ids: Ids) -> dict[str, str | None]:
    """Our story id of each labelled article."""
    return {ids.label[a["id"]]: a["story_id"] for a in export["articles"] if a["id"] in ids.label}


def story_pairs(export: dict, ids: Ids, gold_story: dict[str, str],
                verbose: bool = False) -> tuple:
    """Pairwise P/R/F1 of the story clustering (``verbose``: print each wrong pair)."""
    ours = story_of(export, ids)
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold_story), 2):
        if x not in ours or y not in ours:
            continue
        g = gold_story[x] == gold_story[y]
        p = ours[x] is not None and ours[x] == ours[y]
        tp += g and p
        fp += p and not g
        fn += g and not p
        if verbose and g != p:
            print(f"    {'split' if g else 'merged'}: {x} / {y}")
    return prf(tp, fp, fn)


def related_score(export: dict, ids: Ids, labels: dict) -> tuple[int, int]:
    """Gold related story pairs found as related stories (found, labelled)."""
    story_of = {ids.label.get(a["id"]): a["story_id"] for a in export["articles"]}
    rel = {(s["id"], r["story_id"]) for s in export["stories"] for r in s.get("related", [])}
    keys = {s["key"]: s for s in labels["stories"]}
    found = total = 0
    for s in labels["stories"]:
        for other in s.get("related", []):
            total += 1
            ours_a = {story_of.get(a) for a in s["articles"]}
            ours_b = {story_of.get(a) for a in keys.get(other, {}).get("articles", [])}
            found += any((a, b) in rel for a in ours_a for b in ours_b)
    return found, total


def claim_spans(export: dict, ids: Ids, claims: list[dict]) -> list[tuple[str, tuple, str]]:
    out = []
    for c in claims:
        text = ids.text.get(c["article"], "")
        span = locate(text, c["text"])
        if span:
            out.append((ids.ours[c["article"]], span, str(c.get("value", ""))))
        else:
            print(f"  (label text not found in {c['article']}: {c['text'][:50]!r})",
                  file=sys.stderr)
    return out


def covers(pred_claims: list[dict], gold: tuple) -> bool:
    aid, span, _ = gold
    return any(m["article_id"] == aid and overlap((m["start"], m["end"]), span) > 0
               or m["article_id"] == aid and m["start"] <= span[0] and span[1] <= m["end"]
               for c in pred_claims for m in c.get("mentions", []))


def _facet(kind: str | None) -> str:
    """What a discrepancy is about: a value (count, money, measure...) or an event's date,
    place or agent; a labelled one is found only by a given one of the same facet."""
    return kind if kind in ("date", "place", "agent") else "value"


def discrepancy_score(export, ids, labels, verbose: bool) -> None:
    preds = export["discrepancies"]
    used: set[int] = set()
    tp = status_ok = 0
    for g in labels["discrepancies"]:
        spans = claim_spans(export, ids, g["claims"])
        hit, best = None, 0
        for k, d in enumerate(preds):   # the given one covering most of the labelled claims
            if k in used or _facet(d.get("kind")) != _facet(g.get("kind")):
                continue
            covered = [s for s in spans if covers(d["claims"], s)]
            if len({v for (_, _, v) in covered}) >= 2 and len(covered) > best:
                hit, best = k, len(covered)
        if hit is None:
            if verbose:
                print(f"  MISSED discrepancy [{g['story']}] {g['topic']}: "
                      f"{[c['value'] for c in g['claims']]}")
            continue
        used.add(hit)
        tp += 1
        status_ok += preds[hit].get("status") == g.get("status")
        if verbose and preds[hit].get("status") != g.get("status"):
            print(f"  status {preds[hit].get('status')} != {g.get('status')}: {g['topic']}")
    fp = len(preds) - len(used)
    if verbose:
        for k, d in enumerate(preds):
            if k not in used:
                print(f"  EXTRA discrepancy {d['topic']}: {[c['value'] for c in d['claims']]}"
                      f" [{d.get('status')}]")
    p, r, f = prf(tp, fp, len(labels["discrepancies"]) - tp)
    print(f"discrepancies: P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({tp} found of "
          f"{len(labels['discrepancies'])} labelled, {len(preds)} given; status right "
          f"{status_ok}/{tp})")


def fact_score(export, ids, labels, verbose: bool = False) -> None:
    preds = export.get("facts", [])
    tp = 0
    used: set[int] = set()
    for g in labels["facts"]:
        spans = claim_spans(export, ids, [dict(c, value=g["value"]) for c in g["claims"]])
        for k, fct in enumerate(preds):
            if k in used or _facet(fct.get("kind")) != _facet(g.get("kind")):
                continue
            n = sum(1 for s in spans if covers([{"mentions": fct["mentions"]}], s))
            if n >= 2:
                used.add(k)
                tp += 1
                break
        else:
            if verbose:
                print(f"  MISSED fact [{g['story']}] {g['topic']}: {g['value']}")
    if verbose:
        for k, fct in enumerate(preds):
            if k not in used:
                print(f"  EXTRA fact {fct['topic']}: {fct['value']}")
    p, r, f = prf(tp, len(preds) - tp, len(labels["facts"]) - tp)
    print(f"agreed facts: P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({tp} of {len(labels['facts'])} "
          f"labelled, {len(preds)} given)")


def coverage_score(export, ids, labels, verbose: bool) -> None:
    rows_by_story: dict[str, list[dict]] = {}
    for row in export.get("coverage", []):
        rows_by_story.setdefault(row["story_id"], []).append(row)
    right = total = 0
    for g in labels["coverage"]:
        gold = {}
        for lid, snippet in g["reported"].items():
            if lid not in ids.ours:
                continue
            gold[ids.ours[lid]] = locate(ids.text[lid], snippet) if snippet else None
        stories = {a["story_id"] for a in export["articles"] if a["id"] in gold}
        rows = [r for s in stories for r in rows_by_story.get(s, [])]

        def agreement(row, gold=gold):
            hits = sum(1 for aid, span in gold.items() if span and any(
                overlap((m["start"], m["end"]), span) > 0 or m["start"] <= span[0] < m["end"]
                for m in row["cells"].get(aid, [])))
            if not hits:
                return -1, row
            return sum((bool(row["cells"].get(aid)) == (span is not None))
                       for aid, span in gold.items()), row

        best = max((agreement(r) for r in rows), key=lambda x: x[0], default=(-1, None))
        for aid, span in gold.items():
            total += 1
            reported = bool(best[1] and best[1]["cells"].get(aid))
            right += reported == (span is not None)
        if verbose and best[0] < len(gold):
            print(f"  coverage [{g['story']}] {g['item']}: "
                  f"{best[1]['label'] if best[1] else 'no row'} ({max(best[0], 0)}/{len(gold)})")
    print(f"coverage cells: accuracy {right / total if total else 0:.3f}   ({right}/{total})")


def descriptor_score(export, ids, labels, verbose: bool) -> None:
    names = {e["id"]: [e["name"]] + e["aliases"] for e in export["entities"]}
    preds = [d for d in export["descriptors"] if d["article_id"] in ids.label]
    used: set[int] = set()
    tp = entity_ok = 0
    for g in labels["descriptors"]:
        if g["article"] not in ids.ours:
            continue
        aid = ids.ours[g["article"]]
        span = locate(ids.text[g["article"]], g["text"], g.get("start"))
        best, best_o = None, 0.0
        for k, d in enumerate(preds):
            if k in used or d["article_id"] != aid or span is None:
                continue
            o = overlap((d["start"], d["end"]), span)
            if o >= 0.5 and o > best_o:
                best, best_o = k, o
        if best is None:
            if verbose:
                print(f"  MISSED descriptor {g['article']}: {g['entity']} <- {g['text']!r}"
                      f" ({g['kind']})")
            continue
        used.add(best)
        tp += 1
        entity_ok += same_name(g["entity"], names.get(preds[best]["entity_id"], []))
    if verbose:
        for k, d in enumerate(preds):
            if k not in used:
                print(f"  EXTRA descriptor {ids.label[d['article_id']]}: "
                      f"{names.get(d['entity_id'], ['?'])[0]} <- {d['text']!r}")
    p, r, f = prf(tp, len(preds) - tp, len(labels["descriptors"]) - tp)
    print(f"descriptors: P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (entity right {entity_ok}/{tp}; "
          f"{len(labels['descriptors'])} labelled)")


def quote_score(export, ids, labels, verbose: bool) -> None:
    names = {e["id"]: [e["name"]] + e["aliases"] for e in export["entities"]}
    preds = [q for q in export["quotes"] if q["article_id"] in ids.label]
    used: set[int] = set()
    tp = speaker_ok = source_ok = 0
    for g in labels["quotes"]:
        if g["article"] not in ids.ours:
            continue
        aid = ids.ours[g["article"]]
        span = locate(ids.text[g["article"]], g["text"], g.get("start"))
        if span is None:   # a two-paragraph quote: our text may join paragraphs differently
            span = (g["start"], g["end"])
        best, best_o = None, 0.0
        for k, q in enumerate(preds):
            if k in used or q["article_id"] != aid:
                continue
            o = overlap((q["start"], q["end"]), span)
            if o >= 0.5 and o > best_o:
                best, best_o = k, o
        if best is None:
            if verbose:
                print(f"  MISSED quote {g['article']} ({g['speaker']}): {g['text'][:70]!r}")
            continue
        used.add(best)
        tp += 1
        q = preds[best]
        ours = names.get(q["speaker_id"], []) + ([q["speaker"]] if q.get("speaker") else [])
        ok = same_name(g["speaker"], ours) if g["speaker"] else q.get("speaker_id") is None
        speaker_ok += ok
        source_ok += norm(q.get("source")) == norm(g.get("source"))
        if verbose and not ok:
            print(f"  SPEAKER {g['article']}: {q.get('speaker')!r} != {g['speaker']!r}: "
                  f"{g['text'][:50]!r}")
    if verbose:
        for k, q in enumerate(preds):
            if k not in used:
                print(f"  EXTRA quote {ids.label[q['article_id']]} ({q.get('speaker')}): "
                      f"{q['text'][:70]!r}")
    p, r, f = prf(tp, len(preds) - tp, len(labels["quotes"]) - tp)
    print(f"quotes: P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (speaker right {speaker_ok}/{tp} = "
          f"{speaker_ok / tp if tp else 0:.3f}; source right {source_ok}/{tp}; "
          f"{len(labels['quotes'])} labelled)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="score the held-out set")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every error")
    ap.add_argument("--keep", help="keep the store at this path")
    ap.add_argument("--data", help="score this labelled folder (*.jsonl + *.json)")
    args = ap.parse_args()
    folder = Path(args.data) if args.data else HELDOUT if args.heldout else DEV
    files, labels, records = load(folder)
    if not files:
        print(f"no labelled data in {folder}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "eval.db"
        if db.exists():
            db.unlink()
        t0 = time.perf_counter()
        export = run(files, db)
        took = time.perf_counter() - t0
        ids = Ids(export, records)
        gold_story = {a: s["key"] for s in labels["stories"] for a in s["articles"]}
        print(f"{folder.name} set: {len(records)} articles, {len(labels['stories'])} stories "
              f"({len(export['stories'])} found), analysed in {took:.1f} s")
        p, r, f = story_pairs(export, ids, gold_story)
        found, total = related_score(export, ids, labels)
        print(f"stories: pairwise P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (related stories found "
              f"{found}/{total})")
        discrepancy_score(export, ids, labels, args.verbose)
        fact_score(export, ids, labels, args.verbose)
        coverage_score(export, ids, labels, args.verbose)
        descriptor_score(export, ids, labels, args.verbose)
        quote_score(export, ids, labels, args.verbose)
        if not args.heldout and not args.data:
            u = understand_set(Path(tmp))
            records_u = {json.loads(x)["id"]: json.loads(x) for x in
                         u.read_text("utf-8").splitlines()}
            export_u = run([u], Path(tmp) / "understand.db")
            gold_u = {k: r["story"] for k, r in records_u.items()}
            p, r, f = story_pairs(export_u, Ids(export_u, records_u), gold_u)
            print(f"stories (Understand set, {len(records_u)} articles, "
                  f"{len(set(gold_u.values()))} stories): pairwise P {p:.3f}  R {r:.3f}  "
                  f"F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
