"""Evaluate the Understand stage on the labelled articles of eval/data/understand/.

Prints mention precision/recall/F1 per type (exact spans), resolution B-cubed and pairwise
precision/recall over the mentions found, the wrong merges (two labelled entities put
into one), event precision/recall (same type, trigger in the same sentence) and the
accuracy of normalised dates (all, and relative expressions only).

    python eval/understand_eval.py [--heldout] [--verbose] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rashomon.model import Article
from rashomon.understand import understand_article
from rashomon.understand.resolve import LocalEntity, resolve

DATA = Path(__file__).parent / "data" / "understand"
HELDOUT = Path(__file__).parent / "data" / "understand_heldout"
NAME_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
VALUE_TYPES = ("DATE", "MONEY", "QUANTITY")
_ABSOLUTE = re.compile(r"\b(?:19|20)\d{2}\b")


def load(data: Path, only: str | None) -> list[dict]:
    out = []
    for path in sorted((data / "labels").glob("*.json")):
        label = json.loads(path.read_text("utf-8"))
        if only and only not in path.name:
            continue
        label["name"] = path.stem
        label["text"] = (data / label["article"]).read_text("utf-8")
        out.append(label)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(labels: list[dict]) -> tuple[dict, float]:
    preds = {}
    t0 = time.perf_counter()
    for lab in labels:
        art = Article(id=lab["name"], source=lab["name"], ordinal=0, text=lab["text"],
                      published=lab.get("published"))
        preds[lab["name"]] = understand_article(art).understanding
    return preds, time.perf_counter() - t0


def resolved_labels(labels, preds) -> dict[tuple[str, int, int], str]:
    """The type each found mention has in the workspace (as exported), after resolution."""
    local = []
    for lab in labels:
        local.extend(LocalEntity.of(lab["name"], e) for e in preds[lab["name"]].entities)
    return {(m.article_id, s, e): c.label for c in resolve(local) for m in c.members
            for s, e, _ in m.mentions}


def mentions_report(labels, preds, verbose: bool) -> None:
    counts = {t: Counter() for t in (*NAME_TYPES, *VALUE_TYPES)}
    typed = resolved_labels(labels, preds)
    for lab in labels:
        u = preds[lab["name"]]
        gold = {(e["start"], e["end"], e["type"]) for e in lab["entities"]}
        pred = {(m.start, m.end, typed.get((lab["name"], m.start, m.end), e.label))
                for e in u.entities for m in e.mentions}
        pred |= {(v.start, v.end, v.label) for v in u.values}
        for t in counts:
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            counts[t]["tp"] += len(g & p)
            counts[t]["fp"] += len(p - g)
            counts[t]["fn"] += len(g - p)
        if verbose:
            text = lab["text"]
            for s, e, t in sorted(gold - pred):
                print(f"  MISSED {lab['name']}: {text[s:e]!r} {t}")
            for s, e, t in sorted(pred - gold):
                print(f"  EXTRA  {lab['name']}: {text[s:e]!r} {t}")
    print("\nmentions (exact span, and the type the workspace gives the entity)")
    total = Counter()
    names = Counter()
    for t, c in counts.items():
        total.update(c)
        if t in NAME_TYPES:
            names.update(c)
        n = c["tp"] + c["fn"]
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        print(f"  {t:<9} P={p:.3f} R={r:.3f} F1={f:.3f}   ({n} labelled)")
    for label, c in (("names", names), ("all", total)):
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        print(f"  {label:<9} P={p:.3f} R={r:.3f} F1={f:.3f}")


def resolution_report(labels, preds, verbose: bool) -> None:
    """Cluster the found mentions across all articles and score against the labels."""
    local = []
    for lab in labels:
        local.extend(LocalEntity.of(lab["name"], e) for e in preds[lab["name"]].entities)
    clusters = resolve(local)
    pred_cluster = {}
    for c in clusters:
        for m in c.members:
            for s, e, _ in m.mentions:
                pred_cluster[(m.article_id, s, e)] = c.id
    gold_cluster = {}
    for lab in labels:
        for e in lab["entities"]:
            if e["type"] in NAME_TYPES and e.get("cluster"):
                gold_cluster[(lab["name"], e["start"], e["end"])] = e["cluster"]
    keys = [k for k in gold_cluster if k in pred_cluster]
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for k in keys:
        by_gold[gold_cluster[k]].add(k)
        by_pred[pred_cluster[k]].add(k)
    # pairwise
    tp = sum(len(by_gold[g] & by_pred[p]) * (len(by_gold[g] & by_pred[p]) - 1) // 2
             for g in by_gold for p in by_pred if by_gold[g] & by_pred[p])
    pred_pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_pred.values())
    gold_pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_gold.values())
    pp = tp / pred_pairs if pred_pairs else 1.0
    pr = tp / gold_pairs if gold_pairs else 1.0
    # B-cubed
    bp = sum(len(by_pred[pred_cluster[k]] & by_gold[gold_cluster[k]]) / len(by_pred[pred_cluster[k]])
             for k in keys) / max(1, len(keys))
    br = sum(len(by_pred[pred_cluster[k]] & by_gold[gold_cluster[k]]) / len(by_gold[gold_cluster[k]])
             for k in keys) / max(1, len(keys))
    print(f"\nresolution over {len(keys)} found mentions of {len(gold_cluster)} labelled, "
          f"{len(by_gold)} labelled entities")
    print(f"  pairwise  P={pp:.3f} R={pr:.3f} F1={2 * pp * pr / (pp + pr) if pp + pr else 0:.3f}")
    print(f"  B-cubed   P={bp:.3f} R={br:.3f} F1={2 * bp * br / (bp + br) if bp + br else 0:.3f}")
    wrong = []
    for members in by_pred.values():
        golds = sorted({gold_cluster[k] for k in members})
        if len(golds) > 1:
            wrong.append(golds)
    print(f"  wrong merges: {len(wrong)} predicted entities join labelled entities")
    for golds in wrong:
        print(f"    {' + '.join(golds)}")
    if verbose:
        for g, members in sorted(by_gold.items()):
            preds_of = {pred_cluster[k] for k in members}
            if len(preds_of) > 1:
                print(f"  SPLIT {g} into {len(preds_of)}")


def events_report(labels, preds, verbose: bool) -> None:
    tp_p = fp = tp_g = fn = 0
    for lab in labels:
        u = preds[lab["name"]]
        gold = lab.get("events", [])
        matched_gold = set()
        for ev in u.events:  # one found event per labelled event: an unmatched one first
            hit = next((k for k, g in enumerate(gold) if g["type"] == ev.type
                        and ev.start <= g["trigger_start"] < ev.end
                        and k not in matched_gold), None)
            if hit is None:
                fp += 1
                if verbose:
                    print(f"  EXTRA EVENT {lab['name']}: {ev.type} {ev.trigger!r} "
                          f"{lab['text'][ev.start:ev.end][:80]!r}")
            else:
                tp_p += 1
                matched_gold.add(hit)
        for k, g in enumerate(gold):
            if k in matched_gold:
                tp_g += 1
            else:
                fn += 1
                if verbose:
                    print(f"  MISSED EVENT {lab['name']}: {g['type']} {g['trigger']!r}")
    p = tp_p / (tp_p + fp) if tp_p + fp else 0.0
    r = tp_g / (tp_g + fn) if tp_g + fn else 0.0
    print(f"\nevents (type, trigger in the same sentence): P={p:.3f} R={r:.3f} "
          f"F1={2 * p * r / (p + r) if p + r else 0:.3f}  ({tp_g + fn} labelled, "
          f"{tp_p + fp} found)")


def dates_report(labels, preds, verbose: bool) -> None:
    right = total = rel_right = rel_total = 0
    for lab in labels:
        found = [v for v in preds[lab["name"]].values if v.label == "DATE"]
        for d in lab.get("dates", []):
            if d.get("value") is None:
                continue
            total += 1
            relative = not _ABSOLUTE.search(d["text"])
            rel_total += relative
            hit = next((v for v in found if v.start < d["end"] and d["start"] < v.end), None)
            ok = hit is not None and hit.value == d["value"]
            right += ok
            rel_right += ok and relative
            if verbose and not ok:
                print(f"  DATE {lab['name']}: {d['text']!r} want {d['value']} got "
                      f"{hit.value if hit else None} (published {lab.get('published')})")
    print(f"\ndates: accuracy {right / max(1, total):.3f} ({right}/{total}); relative "
          f"expressions {rel_right / max(1, rel_total):.3f} ({rel_right}/{rel_total})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--heldout", action="store_true", help="score the held-out set")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--data", help="score this labelled folder (articles/ + labels/)")
    args = ap.parse_args()
    data = Path(args.data) if args.data else HELDOUT if args.heldout else DATA
    labels = load(data, args.only)
    preds, seconds = run(labels)
    words = sum(len(lab["text"].split()) for lab in labels)
    print(f"labelled set: {data} ({len(labels)} articles, {words} words, "
          f"{sum(len(lab['entities']) for lab in labels)} labelled mentions, "
          f"{sum(len(lab.get('events', [])) for lab in labels)} events)")
    mentions_report(labels, preds, args.verbose)
    resolution_report(labels, preds, args.verbose)
    events_report(labels, preds, args.verbose)
    dates_report(labels, preds, args.verbose)
    print(f"\n{len(labels) / seconds:.1f} articles/s for the Understand stage alone "
          f"(first article includes loading the gazetteers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
