"""Train the name typer (``src/rashomon/data/typer.json``) on ``train/data/understand``.

The candidates are the rules' own (``ner.candidates``); a candidate whose span is a
labelled name takes that name's type, one that overlaps no labelled name is ``NONE``, and
one that overlaps a labelled name with other bounds is left out. A multinomial logistic
regression (L2 penalty) is fitted by full-batch Adam from zero weights in a fixed feature
order, with the weights rounded, so the artefact is the same byte for byte on every run. Before the final model, a k-fold cross-validation by article prints mention
P/R/F1 per type for the rules alone and for the rules revised by the typer.

    python train/train_typer.py [--folds 5] [--out PATH] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from rashomon.understand.ner import Name, candidates
from rashomon.understand.nlp import pipeline
from rashomon.understand.typer import LABELS, Model, doc_context, features, revise

ROOT = Path(__file__).parent
DATA = ROOT / "data" / "understand"
OUT = ROOT.parent / "src" / "rashomon" / "data" / "typer.json"
L2 = 0.01
ITERS = 300
MIN_COUNT = 2
TYPES = LABELS[:-1]


def load_docs(data: Path) -> list[dict]:
    """Each article with its candidates, tokens, gold spans and the hash of its files."""
    nlp = pipeline()
    docs = []
    for path in sorted((data / "labels").glob("*.json")):
        label = json.loads(path.read_text("utf-8"))
        text = (data / label["article"]).read_text("utf-8")
        doc = nlp.make_doc(text)
        doc.user_data.update(published=label.get("published"), article_id=path.stem)
        for name, proc in nlp.pipeline:
            if name in ("sentencizer", "rashomon_sentences", "rashomon_dates"):
                doc = proc(doc)
        dates = [(d.start, d.end) for d in doc.user_data.get("dates", [])]
        names, toks = candidates(doc, text)
        names = [n for n in names if not any(s < n.end and n.start < e for s, e in dates)]
        gold = {(e["start"], e["end"]): e["type"] for e in label["entities"]
                if e["type"] in TYPES}
        docs.append({"name": path.stem, "text": text, "names": names, "toks": toks,
                     "gold": gold, "files": [path, data / label["article"]]})
    return docs


def target(n: Name, gold: dict[tuple[int, int], str]) -> str | None:
    if (n.start, n.end) in gold:
        return gold[(n.start, n.end)]
    if any(s < n.end and n.start < e for s, e in gold):
        return None
    return "NONE"


def examples(docs: list[dict]) -> list[tuple[list[str], str]]:
    out = []
    for d in docs:
        ctx = doc_context(d["names"], d["toks"])
        for n in d["names"]:
            y = target(n, d["gold"])
            if y is not None:
                out.append((features(n, d["toks"], d["text"], ctx), y))
    return out


def train(data: list[tuple[list[str], str]], l2: float = L2, iters: int = ITERS,
          min_count: int = MIN_COUNT) -> Model:
    """Multinomial logistic regression with an L2 penalty (full-batch Adam from zero
    weights: no randomness), over the features seen in at least ``min_count`` examples."""
    seen = Counter(f for feats, _ in data for f in set(feats))
    names = sorted(f for f, c in seen.items() if c >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, (feats, _) in enumerate(data):
        for f in sorted(set(feats)):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.zeros((len(data), len(LABELS)))
    y[np.arange(len(data)), [LABELS.index(lab) for _, lab in data]] = 1.0
    w = np.zeros((len(names), len(LABELS)))
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, iters + 1):
        s = np.zeros((len(data), len(LABELS)))
        np.add.at(s, rows_a, w[cols_a])
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        g = np.zeros_like(w)
        np.add.at(g, cols_a, (p - y)[rows_a])
        g = g / len(data) + l2 * w
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        w -= 0.05 * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    weights = {}
    for f, i in index.items():
        row = {lab: round(float(w[i, j]), 3) for j, lab in enumerate(LABELS)
               if round(float(w[i, j]), 3)}
        if row:
            weights[f] = row
    return Model(weights)


def score(docs: list[dict], model: Model | None,
          errors: list[str] | None = None) -> dict[str, tuple[int, int, int]]:
    """Mention tp/fp/fn per type over the candidates (rules, or rules revised by ``model``);
    each wrong or missed mention is appended to ``errors`` when given."""
    counts = {t: Counter() for t in (*TYPES, "names")}
    for d in docs:
        names = [Name(n.a, n.b, n.start, n.end, n.text, n.label, n.titled, list(n.evidence),
                      n.weak, n.rule) for n in d["names"]]
        if model is not None:
            revise(names, d["toks"], d["text"], model)
        pred = {(n.start, n.end, n.label) for n in names if n.label}
        gold = {(s, e, t) for (s, e), t in d["gold"].items()}
        if errors is not None:
            rule = {(n.start, n.end): n.rule for n in names}
            for s, e, t in sorted(pred ^ gold):
                side = "FP" if (s, e, t) in pred else "FN"
                ctx = d["text"][max(0, s - 30):e + 30].replace("\n", " ")
                errors.append(f"{side} {t:6} {d['text'][s:e]!r:32} rule={rule.get((s, e))} "
                              f"[{d['name']}] ...{ctx}...")
        for t in TYPES:
            p = {x for x in pred if x[2] == t}
            g = {x for x in gold if x[2] == t}
            for c in (counts[t], counts["names"]):
                c["tp"] += len(p & g)
                c["fp"] += len(p - g)
                c["fn"] += len(g - p)
    return {t: (c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}


def show(title: str, table: dict[str, tuple[int, int, int]]) -> None:
    print(title)
    for t, (tp, fp, fn) in table.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {t:8} P={p:.3f} R={r:.3f} F1={f1:.3f}   ({tp + fn} labelled)")


def data_hash(docs: list[dict]) -> str:
    h = hashlib.sha256()
    for d in docs:
        for path in d["files"]:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def artefact(docs: list[dict], model: Model, n_examples: int) -> str:
    meta = {"model": "multinomial logistic regression", "labels": list(LABELS), "l2": L2,
            "iterations": ITERS, "min_count": MIN_COUNT, "articles": len(docs), "examples": n_examples,
            "training_sha256": data_hash(docs)}
    return json.dumps({"meta": meta, "weights": model.weights}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False) + "\n"


def cross_validate(docs: list[dict], folds: int, verbose: bool = False) -> None:
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    typed: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[str] = []
    for k in range(folds):
        test = [d for i, d in enumerate(docs) if i % folds == k]
        model = train(examples([d for i, d in enumerate(docs) if i % folds != k]))
        revised = score(test, model, errors if verbose else None)
        for acc, table in ((rules, score(test, None)), (typed, revised)):
            for t, row in table.items():
                acc[t] = [a + b for a, b in zip(acc[t], row, strict=True)]
    for line in sorted(errors):
        print(line)
    show(f"{folds}-fold cross-validation by article: rules alone", {t: tuple(v) for t, v in rules.items()})
    show(f"{folds}-fold cross-validation by article: rules + typer", {t: tuple(v) for t, v in typed.items()})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5, help="0: no cross-validation")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--check", action="store_true", help="only check the artefact is current")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list the cross-validation errors (rules + typer)")
    args = ap.parse_args(argv)
    docs = load_docs(args.data)
    if args.folds and not args.check:
        cross_validate(docs, args.folds, args.verbose)
    data = examples(docs)
    text = artefact(docs, train(data), len(data))
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print("artefact is current" if same else "artefact differs from a fresh training run")
        return 0 if same else 1
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text):,} bytes, {len(data)} examples, {len(docs)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
