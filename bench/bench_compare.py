"""Benchmark the corpus-level Compare step (stories, facts, discrepancies, coverage) on
generated workspaces of 1k, 2k, 5k and 10k articles (bench/gen_workspace.py).

Each size runs in its own process (so peak memory is that size's): the store is generated
first (not timed), then the resolve step and the stories step are timed apart. Prints
seconds, articles/s, the ratio to n·log n (flat or falling: no worse than n·log n), peak
memory, and the stories found against the stories generated.

    python bench/bench_compare.py [--sizes 1000,2000,5000,10000]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def one(n: int) -> dict:
    sys.path.insert(0, str(HERE))
    from gen_workspace import generate

    from rashomon.pipeline import REGISTRY
    from rashomon.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        generate(n, db)
        store = Store.open(db)
        t0 = time.perf_counter()
        REGISTRY["resolve"].func(store)
        t1 = time.perf_counter()
        stories = REGISTRY["stories"].func(store)
        t2 = time.perf_counter()
        # the generator writes one title per story: the stories it meant to make
        generated = len({a.title for a in store.articles()})
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "resolve": t1 - t0, "stories_s": t2 - t1, "stories": stories,
            "generated": generated, "peak_mb": peak}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return 0
    print(f"{'articles':>8} {'resolve s':>10} {'stories s':>10} {'art/s':>8} "
          f"{'s/(n log n) x1e6':>17} {'peak MB':>8} {'stories':>8} {'made':>6}")
    for n in map(int, args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                             text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = r["stories_s"] / (n * math.log(n)) * 1e6
        print(f"{n:>8} {r['resolve']:>10.2f} {r['stories_s']:>10.2f} "
              f"{n / r['stories_s']:>8.0f} {ratio:>17.2f} {r['peak_mb']:>8.0f} "
              f"{r['stories']:>8} {r['generated']:>6}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
