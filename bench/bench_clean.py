"""Benchmark the Clean stage: ``rashomon analyze`` end to end against trafilatura.

Generates 2,000 varied pages once (``gen_pages.py``, half HTML, half plain-text scrapes),
then for 500 and 2,000 pages runs ``rashomon analyze DIR --db TMP.db -q`` in a fresh
process pinned to one core and prints pages/s (wall clock of the whole process: start-up,
imports, cleaning and SQLite writes), articles stored and the process's peak RSS. Then
runs ``trafilatura.extract`` on the same pages, in one process on the same core, and
prints its rate beside ours.

It reports; it never asserts (exit 0 whatever the figures). Figures are machine-dependent.

    python bench/bench_clean.py                  # or: make bench
    python bench/bench_clean.py --keep /tmp/b    # keep pages and databases to look at
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from gen_pages import write_pages  # noqa: E402

TARGET_RATE = 150     # pages/s on one core
TARGET_MB = 500       # peak RSS
SUMMARY = re.compile(r"(\d+) files, (\d+) pages, (\d+) articles, (?:\d+ entities, \d+ events, )?"
                     r"(\d+) failures")


# --- running a child on one core, with its own peak memory -------------------------------

# Linux carries a process's peak RSS across fork and exec: a child forked from this bench
# (which has just generated 30 MB of pages) would report the bench's memory as its own
# peak. So every measured command is started by this small launcher, a fresh interpreter
# that forks it, pins it to the core, waits for exactly that child (os.wait4) and writes its
# wall time and resource usage to a file.
LAUNCHER = r"""
import json, os, subprocess, sys, time
out, cpu, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def pin():
    if cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
t0 = time.perf_counter()
proc = subprocess.Popen(cmd, preexec_fn=pin)
_, status, ru = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
proc.returncode = os.waitstatus_to_exitcode(status)
with open(out, "w") as fh:
    json.dump({"wall": wall, "rc": proc.returncode, "maxrss": ru.ru_maxrss,
               "cpu_s": ru.ru_utime + ru.ru_stime}, fh)
"""


def _maxrss_mb(ru_maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def spawn(cmd: list[str], cpu: int | None) -> dict:
    """Run ``cmd`` pinned to ``cpu``: wall seconds, exit code, output and its own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as res:
        launcher = [sys.executable, "-c", LAUNCHER, res.name, str(-1 if cpu is None else cpu)]
        rc = subprocess.call(launcher + cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        try:
            r = json.load(res)
        except ValueError:
            raise SystemExit(f"could not run {cmd[0]} (launcher exit {rc}): {stderr[-400:]}") from None
    return {"wall": r["wall"], "rc": r["rc"], "peak_mb": _maxrss_mb(r["maxrss"]),
            "cpu_s": r["cpu_s"], "stdout": stdout, "stderr": stderr}


def rashomon_cmd() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "rashomon")
    return [exe] if os.path.exists(exe) else [sys.executable, "-m", "rashomon.cli"]


def run_rashomon(pages_dir: str, db: str, cpu: int | None, stages: str = "clean") -> dict:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = spawn(rashomon_cmd() + ["analyze", pages_dir, "--db", db, "-q", "--stages", stages], cpu)
    m = SUMMARY.search(r["stdout"])
    r["files"], r["pages"], r["articles"], r["failures"] = (
        tuple(int(x) for x in m.groups()) if m else (0, 0, 0, 0))
    r["errors"] = [ln[len("error: "):] for ln in r["stderr"].splitlines() if ln.startswith("error: ")]
    r["warnings"] = [ln[len("warning: "):] for ln in r["stderr"].splitlines()
                     if ln.startswith("warning: ")]
    r["summary_found"] = bool(m)
    return r


# --- trafilatura, in a child process of its own -------------------------------------------

def text_as_html(text: str) -> str:
    """A plain-text scrape wrapped minimally for trafilatura: one <p> per line."""
    paras = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{paras}</body></html>"


def trafilatura_child(pages_dir: str, checkpoints: list[int], with_metadata: bool) -> None:
    """Extract every page of ``pages_dir`` (sorted) and print one JSON line of timings.

    Only the ``extract`` calls are timed (not start-up, imports, reading files or wrapping
    text pages), which flatters trafilatura against rashomon's whole-process figure.
    """
    import resource

    import trafilatura

    names = sorted(n for n in os.listdir(pages_dir) if not n.startswith("."))
    spent = {"html": 0.0, "text": 0.0}
    count = {"html": 0, "text": 0}
    empty = 0
    marks = []
    for i, name in enumerate(names, start=1):
        with open(os.path.join(pages_dir, name), "rb") as fh:
            data = fh.read()
        kind = "text" if name.endswith(".txt") else "html"
        doc = text_as_html(data.decode("utf-8", "replace")) if kind == "text" else data
        t0 = time.perf_counter()
        result = trafilatura.extract(doc, with_metadata=with_metadata)
        spent[kind] += time.perf_counter() - t0
        count[kind] += 1
        empty += not result
        if i in checkpoints:
            marks.append({"pages": i, "seconds": spent["html"] + spent["text"],
                          "peak_mb": _maxrss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)})
    print(json.dumps({"marks": marks, "spent": spent, "count": count, "empty": empty}))


def run_trafilatura(pages_dir: str, checkpoints: list[int], cpu: int | None,
                    with_metadata: bool) -> dict | None:
    cmd = [sys.executable, os.path.abspath(__file__), "--_trafilatura", pages_dir,
           "--_checkpoints", ",".join(map(str, checkpoints))]
    if with_metadata:
        cmd.append("--_metadata")
    r = spawn(cmd, cpu)
    if r["rc"] != 0:
        print(f"  trafilatura run failed (exit {r['rc']}): {r['stderr'].strip()[-400:]}")
        return None
    return json.loads(r["stdout"].strip().splitlines()[-1])


# --- the benchmark -------------------------------------------------------------------------

def subset_dir(src: str, dst: str, names: list[str]) -> None:
    os.makedirs(dst, exist_ok=True)
    for name in names:
        target = os.path.join(dst, name)
        try:
            os.link(os.path.join(src, name), target)
        except OSError:
            shutil.copyfile(os.path.join(src, name), target)


def pick_cpu(requested: int | None) -> int | None:
    if requested is not None:
        return requested
    if hasattr(os, "sched_getaffinity"):
        return min(os.sched_getaffinity(0))
    return None


def fmt(x: float | None, spec: str = ".0f") -> str:
    return "-" if x is None else format(x, spec)


def report_failures(errors: list[str], pages_dir: str, seed: int) -> None:
    by_reason: dict[str, list[str]] = {}
    for line in errors:
        where, _, reason = line.partition(": ")
        by_reason.setdefault(reason, []).append(where)
    print(f"\nrashomon failed on {len(errors)} page(s):")
    for reason, wheres in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        names = [os.path.basename(w.split(":")[0]) for w in wheres]
        print(f"  {len(wheres):>4} x {reason}")
        print(f"         e.g. {', '.join(names[:5])}")
    first = os.path.basename(by_reason[next(iter(by_reason))][0].split(":")[0])
    m = re.search(r"page_(\d+)", first)
    if m:
        print(f"  look at one: python bench/gen_pages.py /tmp/page --seed {seed} "
              f"--index {int(m.group(1))}   (or --keep DIR to keep all pages)")


def segmentation_check(db: str, pages: list) -> None:
    """Compare the articles stored per page with the number the generator put in it."""
    try:
        with sqlite3.connect(db) as conn:
            got = Counter()
            for source, count in conn.execute("SELECT source, COUNT(*) FROM articles GROUP BY source"):
                got[os.path.basename(source)] = count
    except sqlite3.Error as exc:
        print(f"\n(could not read {db}: {exc})")
        return
    wrong = [(p.name, p.kind, p.articles, got.get(p.name, 0)) for p in pages
             if got.get(p.name, 0) != p.articles]
    print(f"\narticles per page vs the generator's truth: {len(pages) - len(wrong)} of "
          f"{len(pages)} pages right")
    if wrong:
        shapes = Counter((kind, want, have) for _, kind, want, have in wrong)
        for (kind, want, have), k in shapes.most_common(8):
            example = next(n for n, kd, w, h in wrong if (kd, w, h) == (kind, want, have))
            print(f"  {k:>4} {kind:<4} pages with {want} article(s) stored as {have}   e.g. {example}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000],
                    help="page counts to run (default 500 2000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cpu", type=int, default=None,
                    help="core to pin every run to (default: the first allowed core)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="run rashomon this many times per size and keep the fastest")
    ap.add_argument("--keep", metavar="DIR", help="write pages and databases here and keep them")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--no-kinds", action="store_true",
                    help="skip the per-kind (HTML-only / text-only) runs")
    ap.add_argument("--_trafilatura", metavar="DIR", help=argparse.SUPPRESS)
    ap.add_argument("--_checkpoints", default="", help=argparse.SUPPRESS)
    ap.add_argument("--_metadata", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._trafilatura:  # child mode
        trafilatura_child(args._trafilatura,
                          [int(x) for x in args._checkpoints.split(",") if x], args._metadata)
        return 0

    sizes = sorted(set(args.sizes))
    total = sizes[-1]
    cpu = pick_cpu(args.cpu)
    work = args.keep or tempfile.mkdtemp(prefix="rashomon-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        return _bench(args, sizes, total, cpu, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, sizes: list[int], total: int, cpu: int | None,
           work: str) -> int:
    all_dir = os.path.join(work, f"pages_{total}")
    shutil.rmtree(all_dir, ignore_errors=True)
    t0 = time.perf_counter()
    pages = write_pages(all_dir, total, args.seed)
    for p in pages:
        p.content = ""   # keep the bench itself small
    names = [p.name for p in pages]
    n_html = sum(p.kind == "html" for p in pages)
    size_mb = sum(os.path.getsize(os.path.join(all_dir, n)) for n in names) / 1e6
    print(f"generated {total} pages (seed {args.seed}: {n_html} HTML, {total - n_html} text, "
          f"{size_mb:.1f} MB) in {time.perf_counter() - t0:.1f} s -> {all_dir}")
    print(f"pinned to core {cpu if cpu is not None else '(not pinned: no sched_setaffinity)'}; "
          f"{os.cpu_count()} cores on this machine; python {sys.version.split()[0]}")

    dirs = {}
    for n in sizes:
        if n == total:
            dirs[n] = all_dir
        else:
            dirs[n] = os.path.join(work, f"pages_{n}")
            shutil.rmtree(dirs[n], ignore_errors=True)
            subset_dir(all_dir, dirs[n], names[:n])

    startup = spawn(rashomon_cmd() + ["--version"], cpu)
    print(f"rashomon start-up (rashomon --version): {startup['wall']:.2f} s, "
          f"{startup['peak_mb']:.0f} MB (included in the figures below)\n")

    ours: dict[int, dict] = {}
    for n in sizes:
        runs = [run_rashomon(dirs[n], os.path.join(work, f"bench_{n}.db"), cpu)
                for _ in range(max(1, args.repeat))]
        r = min(runs, key=lambda x: x["wall"])
        r["peak_mb"] = max(x["peak_mb"] for x in runs)
        ours[n] = r
        expected = sum(p.articles for p in pages[:n])
        print(f"rashomon  {n:>5} pages: {n / r['wall']:7.1f} pages/s  ({r['wall']:.2f} s wall, "
              f"{r['cpu_s']:.2f} s cpu)  peak {r['peak_mb']:.0f} MB  "
              f"{r['articles']} articles stored ({expected} in the pages)  "
              f"{r['failures']} failures  {len(r['warnings'])} warnings  exit {r['rc']}")
        if not r["summary_found"]:
            print("  no summary line from rashomon analyze; its stderr ends with:\n    "
                  + r["stderr"].strip()[-800:].replace("\n", "\n    "))

    kinds: dict[str, dict] = {}
    if not args.no_kinds:
        for kind, ext in (("html", (".html", ".htm")), ("text", (".txt",))):
            sub = [n for n in names if n.endswith(ext)]
            d = os.path.join(work, f"pages_{total}_{kind}")
            shutil.rmtree(d, ignore_errors=True)
            subset_dir(all_dir, d, sub)
            r = run_rashomon(d, os.path.join(work, f"bench_{kind}.db"), cpu)
            r["n"] = len(sub)
            kinds[kind] = r

    theirs = plain_meta = None
    if not args.no_trafilatura:
        print("\nrunning trafilatura.extract on the same pages (text pages as one <p> per line)...")
        theirs = run_trafilatura(all_dir, sizes, cpu, with_metadata=False)
        plain_meta = run_trafilatura(all_dir, sizes, cpu, with_metadata=True)

    def their_rate(res: dict | None, n: int) -> float | None:
        if not res:
            return None
        mark = next((m for m in res["marks"] if m["pages"] == n), None)
        return n / mark["seconds"] if mark and mark["seconds"] else None

    def their_peak(res: dict | None, n: int) -> float | None:
        mark = next((m for m in res["marks"] if m["pages"] == n), None) if res else None
        return mark["peak_mb"] if mark else None

    print()
    print(f"{'pages':<6} {'rashomon pages/s':>16} {'peak MB':>8} {'articles':>9} {'failures':>8}   "
          f"{'trafilatura pages/s':>19} {'(with_metadata)':>15} {'its peak MB':>11}")
    for n in sizes:
        r = ours[n]
        print(f"{n:<6} {n / r['wall']:>16.1f} {r['peak_mb']:>8.0f} {r['articles']:>9} {r['failures']:>8}   "
              f"{fmt(their_rate(theirs, n), '.1f'):>19} {fmt(their_rate(plain_meta, n), '.1f'):>15} "
              f"{fmt(their_peak(theirs, n)):>11}")
    print(f"targets: >={TARGET_RATE} pages/s, faster than trafilatura, <{TARGET_MB} MB, flat memory")
    if any(r["failures"] for r in ours.values()):
        print("(some pages failed: a failed page is cheap, so the rates above flatter rashomon)")

    if kinds or theirs:
        print(f"\nby kind ({total}-page set)  rashomon pages/s  peak MB   trafilatura pages/s  (with_metadata)")
        for kind in ("html", "text"):
            r = kinds.get(kind)
            rate = r["n"] / r["wall"] if r else None
            t = theirs["count"][kind] / theirs["spent"][kind] if theirs and theirs["spent"][kind] else None
            tm = (plain_meta["count"][kind] / plain_meta["spent"][kind]
                  if plain_meta and plain_meta["spent"][kind] else None)
            n = r["n"] if r else (theirs["count"][kind] if theirs else 0)
            print(f"  {kind:<5} {n:>5} pages       {fmt(rate, '.1f'):>10}  {fmt(r['peak_mb'] if r else None):>7}"
                  f"   {fmt(t, '.1f'):>19}  {fmt(tm, '.1f'):>15}")

    # verdicts (reported, never asserted)
    big, small = ours[sizes[-1]], ours[sizes[0]]
    rate = min(n / ours[n]["wall"] for n in sizes)
    peak = max(r["peak_mb"] for r in ours.values())
    growth = big["peak_mb"] - small["peak_mb"]
    print("\nverdict:")
    print(f"  >= {TARGET_RATE} pages/s on one core: {'yes' if rate >= TARGET_RATE else 'NO'} "
          f"(slowest {rate:.1f})")
    if theirs:
        pairs = [(n, n / ours[n]["wall"], their_rate(theirs, n)) for n in sizes]
        faster = all(t is not None and o > t for _, o, t in pairs)
        print(f"  faster than trafilatura:       {'yes' if faster else 'NO'} ("
              + ", ".join(f"{n}: {o:.1f} vs {fmt(t, '.1f')}" for n, o, t in pairs)
              + " pages/s; ours is the whole process, theirs only extract())")
    print(f"  peak memory < {TARGET_MB} MB:          {'yes' if peak < TARGET_MB else 'NO'} ({peak:.0f} MB)")
    if len(sizes) > 1:
        print(f"  flat memory {sizes[0]} -> {sizes[-1]} pages: "
              f"{'yes' if growth <= max(10.0, 0.1 * small['peak_mb']) else 'NO'} "
              f"({small['peak_mb']:.0f} -> {big['peak_mb']:.0f} MB, {growth:+.0f} MB)")
    if theirs:
        print(f"  trafilatura returned nothing for {theirs['empty']} of {total} pages")

    segmentation_check(os.path.join(work, f"bench_{total}.db"), pages)

    errors = big["errors"]
    if errors:
        report_failures(errors, all_dir, args.seed)
    if big["warnings"]:
        codes = Counter(re.search(r"\[(W\d+)\]", w).group(1) if re.search(r"\[(W\d+)\]", w) else "?"
                        for w in big["warnings"])
        example = big["warnings"][0]
        print(f"\nrashomon warnings on the {total}-page run: "
              + ", ".join(f"{c} x{k}" for c, k in codes.most_common())
              + f"\n  e.g. {example[:200]}")
    if args.keep:
        print(f"\npages and databases kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
