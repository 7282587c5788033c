"""Do sentence embeddings help story clustering? Pairwise P/R/F1 with and without them.

Runs the whole pipeline (``analyze``, as a user runs it) on three labelled sets, once with
``STORY_EMBEDDINGS = "off"`` and once with ``"on"``: (a) the Compare dev set, (b) the
Understand set (its story labels), (c) eval/data/stories_hard/ (hard cases: same actors in
different stories, one story told in different words, follow-ups, distractors of the same
region and day). Prints also the model's load time, the embedding time per article, the
analyse time of each run (after a warm-up run: models loaded) and the peak memory (``resource.getrusage``) of both modes.
Needs the optional ``embeddings`` extra for the "on" runs (docs/embeddings.md).

    python eval/stories_embed_eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rashomon import settings
from rashomon.compare import embed
from rashomon.workspace import analyze

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import compare_eval  # noqa: E402  (the Compare eval's loaders and id matching)

HARD = HERE / "data" / "stories_hard"


def hard_set() -> tuple[list[Path], dict[str, str], dict[str, dict]]:
    files = sorted(HARD.glob("*.jsonl"))
    records = {}
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                records[r["id"]] = r
    gold: dict[str, str] = {}
    for f in sorted(HARD.glob("*.json")):
        gold.update(json.loads(f.read_text("utf-8")))
    return files, gold, records


def sets(tmp: Path) -> list[tuple[str, list[Path], dict[str, str], dict[str, dict]]]:
    files, labels, records = compare_eval.load(compare_eval.DEV)
    dev_gold = {a: s["key"] for s in labels["stories"] for a in s["articles"]}
    u = compare_eval.understand_set(tmp)
    u_records = {json.loads(x)["id"]: json.loads(x) for x in u.read_text("utf-8").splitlines()}
    u_gold = {k: r["story"] for k, r in u_records.items()}
    h_files, h_gold, h_records = hard_set()
    return [("compare dev", files, dev_gold, records),
            ("understand", [u], u_gold, u_records),
            ("stories_hard", h_files, h_gold, h_records)]


def pairs_score(export: dict, records: dict, gold: dict[str, str], verbose: bool) -> tuple:
    """Pairwise P/R/F1, then how many stories we made and how many there are."""
    ids = compare_eval.Ids(export, records)
    ours = compare_eval.story_of(export, ids)
    scores = compare_eval.story_pairs(export, ids, gold, verbose)
    found = len({ours[x] for x in gold if x in ours})
    return (*scores, found, len(set(gold.values())))


class Timer:
    """Counts the seconds and texts that ``embed.embed`` spends on new texts."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.texts = 0
        self._embed = embed.embed

    def __call__(self, texts: list[str]) -> list[tuple[float, ...]]:
        before = embed.cached()
        t0 = time.perf_counter()
        out = self._embed(texts)
        self.seconds += time.perf_counter() - t0
        self.texts += embed.cached() - before
        return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="list every wrong pair")
    args = ap.parse_args()
    results: dict[tuple[str, str], tuple] = {}
    with tempfile.TemporaryDirectory() as tmp:
        todo = sets(Path(tmp))
        settings.STORY_EMBEDDINGS = "off"
        analyze([str(f) for f in todo[-1][1]], db=str(Path(tmp) / "warm.db")).close()
        modes = ["off", "on"] if embed.available() else ["off"]
        for mode in modes:
            settings.STORY_EMBEDDINGS = mode
            if mode == "on":
                mem_off = peak_mb()
                t0 = time.perf_counter()
                embed._model()
                print(f"embeddings: model loaded in {time.perf_counter() - t0:.2f} s "
                      "(imports included)")
                timer = Timer()
                embed.embed = timer  # type: ignore[assignment]
            for name, files, gold, records in todo:
                db = Path(tmp) / f"{name.replace(' ', '_')}_{mode}.db"
                t0 = time.perf_counter()
                ws = analyze([str(f) for f in files], db=str(db))
                took = time.perf_counter() - t0
                export = ws.export("json")
                ws.close()
                if args.verbose:
                    print(f"  {name} [{mode}]")
                results[(name, mode)] = (*pairs_score(export, records, gold, args.verbose),
                                         took, len(records))
        print(f"{'set':<14}{'mode':<5}{'P':>7}{'R':>7}{'F1':>7}{'found/gold':>12}"
              f"{'analyse s':>11}")
        for (name, mode), (p, r, f, found, n_gold, took, _) in results.items():
            print(f"{name:<14}{mode:<5}{p:7.3f}{r:7.3f}{f:7.3f}{f'{found}/{n_gold}':>12}"
                  f"{took:11.2f}")
        if "on" in modes:
            per = timer.seconds / timer.texts * 1000 if timer.texts else 0.0
            print(f"embedding time: {per:.1f} ms per article ({timer.texts} articles, "
                  f"{settings.STORY_EMBED_THREADS} thread)")
            print(f"peak memory: {mem_off:.0f} MB without embeddings, {peak_mb():.0f} MB with")
        else:
            print("embeddings extra not installed: only the 'off' runs", file=sys.stderr)
            print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
