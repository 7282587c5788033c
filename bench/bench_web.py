"""Benchmark the web app: a story page of a 10,000-article workspace under 200 concurrent
clients.

1. Builds (or reuses, cached under ``bench/.cache/``) a generated workspace: stories of 3-8
   articles from different outlets, about 20 entities named per article, events, and the
   Compare tables (labels, quotes, discrepancies, facts, coverage). It is written straight
   through the store's public write methods (``save_file``, ``replace_resolution``,
   ``replace_comparison``): no analysis runs. Deterministic (``--seed``).
2. Serves it with ``rashomon.deliver.web.serve`` (waitress) in a child process on loopback.
3. Times the first (uncached) render of some story pages one by one.
4. Runs a closed-loop load test: ``--clients`` keep-alive connections (asyncio), each asking
   for the story page again as soon as it has the answer, for ``--seconds``; then prints
   requests, requests/s, latency p50/p95/p99/max and errors. It stops by itself.

It reports; it never asserts. Target: p99 < 200 ms and no errors at 200 clients.

    python bench/bench_web.py                      # 10,000 articles, 200 clients, 20 s
    python bench/bench_web.py --articles 2000 --seconds 5 --pages 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rashomon.model import (
    Article,
    ArticleEntity,
    ArticleEvent,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    MergeReason,
    Participant,
    Quote,
    Story,
    Understanding,
    stable_id,
)
from rashomon.store import Store

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
#: Bump when the generator changes, so a cached workspace is not reused.
GENERATOR_VERSION = 1
OUTLETS = ["Harbour Gazette", "Pacific Wire", "Daily Meridian", "Lagos Ledger", "Sharq Today",
           "Andes Report", "Nordic Post", "Delta Times", "Steppe Herald", "Cape Courier",
           "Island Chronicle", "Metro Bulletin"]
SYLLABLES = ["ka", "ro", "mi", "sa", "tu", "le", "na", "vo", "di", "ha", "ze", "lu", "pe",
             "an", "or", "is", "el", "ba", "ni", "fo", "ra", "te", "yo", "ul"]
TOPICS = ["flood", "strike", "election", "merger", "protest", "trial", "earthquake", "summit",
          "ceasefire", "launch", "outbreak", "wildfire", "tariff", "hostage deal", "transfer"]
EVENT_TYPES = [("attack", "attacked"), ("meeting", "met"), ("statement", "said"),
               ("arrest", "arrested"), ("agreement", "signed"), ("protest", "protested")]
LABELS = [("veteran", 0.3), ("embattled", -0.3), ("hardline", -0.5), ("reformist", 0.2),
          ("controversial", -0.4), ("respected", 0.5), ("militant", -0.7), ("moderate", 0.1)]
FILLER = ("Residents said the mood in the city remained tense as aid groups called for calm "
          "and the authorities promised a full inquiry into what had happened.",
          "Analysts cautioned that the coming days would show whether the promises made by "
          "both sides could hold, and several diplomats urged restraint.")
STORY_SIZES = (3, 8)
CAST = 26                  # entities of a story's own
COMMON = 400               # entities shared by all stories (countries, big organisations)
COMMON_PER_ARTICLE = 6
PARAGRAPHS = 9
EVENT_TOLD = 0.7           # chance that an article tells one of its story's events
SAVE_BATCH = 500           # articles per save_file transaction


# --- generating a workspace ----------------------------------------------------------------------
def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                    for _ in range(parts))


@dataclass
class Ent:
    id: str
    type: str
    name: str
    title: str | None = None
    mentions: list[Mention] = field(default_factory=list)


class Writer:
    """An article's text written piece by piece, remembering where each name went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.names: list[tuple[Ent, int, int]] = []
        self.sentences: list[tuple[int, int]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def name(self, ent: Ent) -> None:
        self.names.append((ent, self.pos, self.pos + len(ent.name)))
        self.add(ent.name)

    def sentence(self, *pieces: object) -> tuple[int, int]:
        start = self.pos
        for p in pieces:
            if isinstance(p, Ent):
                self.name(p)
            else:
                self.add(str(p))
        self.add(" ")
        self.sentences.append((start, self.pos - 1))
        return start, self.pos - 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class StoryPlan:
    id: str
    topic: str
    day: date
    cast: list[Ent]
    outlets: list[str]
    counts: dict[str, list[int]]


def _entities(rng: random.Random, prefix: str, n: int) -> list[Ent]:
    kinds = ["PERSON"] * 5 + ["ORG"] * 3 + ["GPE"] * 2
    out = []
    for k in range(n):
        kind = kinds[k % len(kinds)]
        name = _name(rng, 2 if kind == "PERSON" else 1)
        if kind == "ORG":
            name += rng.choice([" Party", " Group", " Ministry", " Union", " Bank"])
        title = rng.choice(["Minister", "General", "Mayor", "Judge", None]) if (
            kind == "PERSON") else None
        out.append(Ent(stable_id("e", prefix, str(k), name), kind, name, title))
    return out


def _article(rng: random.Random, plan: StoryPlan, outlet: str, k: int, common: list[Ent],
             events: dict[str, tuple[str, str, list[Ent], str]]) -> tuple[Article, Writer, dict]:
    """One outlet's article of the story: its text, and where names, events and claims are."""
    w = Writer()
    people = [e for e in plan.cast if e.type == "PERSON"]
    orgs = [e for e in plan.cast if e.type == "ORG"]
    places = [e for e in plan.cast if e.type == "GPE"]
    extra = rng.sample(common, COMMON_PER_ARTICLE)
    told = [vid for vid in events if rng.random() < EVENT_TOLD]
    said, facts, claims, labels = [], {}, {}, []
    lead, place = people[k % len(people)], places[0]
    for p in range(PARAGRAPHS):
        if p == 0:
            facts["place"] = w.sentence(place, f" — The {plan.topic} began on {plan.day:%A} in ",
                                        place, ", officials said.")
        elif p in (2, 6):
            topic = "killed" if p == 2 else "arrested"
            n = plan.counts[topic][k % len(plan.counts[topic])]
            claims[topic] = w.sentence(f"At least {n} people were {topic}, according to ",
                                       rng.choice(orgs), ".")
        elif p == 4:
            start = w.pos
            w.add("“We will not accept this,” ")
            q0 = start + 1
            w.name(lead)
            w.add(" said.")
            said.append((lead, q0, q0 + len("We will not accept this,") - 1))
            w.sentences.append((start, w.pos))
            w.add(" ")
        else:
            a, b = rng.sample(plan.cast, 2)
            word, score = rng.choice(LABELS)
            labels.append((a, w.pos + 4, w.pos + 4 + len(word), word, score))
            w.sentence(f"The {word} ", a, " met ", b, " in ", rng.choice(places),
                       " alongside ", extra[p % len(extra)], ".")
        for vid in told:
            if p == 1 + list(events).index(vid) % (PARAGRAPHS - 1):
                _, trigger, who, _ = events[vid]
                facts[vid] = w.sentence(who[0], f" {trigger} ", who[1], f" in {plan.topic} talks.")
        for filler in FILLER:
            w.sentence(filler)
        w.add("\n\n")
    text = w.text.rstrip()
    title = f"{plan.topic.title()} in {place.name}: {lead.name} speaks out"
    source = f"https://{outlet.lower().replace(' ', '')}.example/{plan.id}/{k}"
    published = (plan.day + timedelta(days=k % 3)).isoformat()
    art = Article(id=Article.make_id(source, 0, title, text), source=source, ordinal=0,
                  text=text, title=title, outlet=outlet, published=published, url=source)
    return art, w, {"said": said, "facts": facts, "claims": claims, "labels": labels}


def generate(db: str, n_articles: int, seed: int) -> None:
    """Write a workspace of about ``n_articles`` articles to ``db``."""
    rng = random.Random(seed)
    common = _entities(rng, "common", COMMON)
    store = Store.open(db)
    entities: dict[str, Ent] = {e.id: e for e in common}
    all_events: list[Event] = []
    stories, descriptors, quotes, discrepancies, facts, coverage = [], [], [], [], [], []
    batch: dict[str, list[Article]] = {}
    made, s = 0, 0
    while made < n_articles:
        size = min(rng.randint(*STORY_SIZES), n_articles - made)
        plan = StoryPlan(stable_id("s", str(seed), str(s)), rng.choice(TOPICS),
                         date(2023, 1, 1) + timedelta(days=rng.randrange(700)),
                         _entities(rng, f"story{s}", CAST), rng.sample(OUTLETS, size),
                         {"killed": rng.sample([12, 12, 15, 17], 2), "arrested": [40]})
        entities.update((e.id, e) for e in plan.cast)
        events = {}
        for v in range(rng.randint(4, 8)):
            etype, trigger = rng.choice(EVENT_TYPES)
            who = rng.sample([e for e in plan.cast if e.type != "GPE"], 2)
            day = plan.day + timedelta(days=v - 2)
            events[stable_id("v", plan.id, str(v))] = (
                etype, trigger, who, day.isoformat() if v % 3 else day.isoformat()[:7])
        arts = []
        for k, outlet in enumerate(plan.outlets):
            art, w, found = _article(rng, plan, outlet, k, common, events)
            arts.append((art, w, found))
            batch.setdefault(art.source, []).append(art)
            for ent, a, b in w.names:
                ent.mentions.append(Mention(art.id, a, b, art.text[a:b]))
            art.understanding = _understanding(w, found, events)
        _compare(plan, arts, events, stories, descriptors, quotes, discrepancies, facts, coverage)
        place = next(e for e in plan.cast if e.type == "GPE")
        for vid, (etype, trigger, who, day) in events.items():
            ms = [Mention(a.id, *found["facts"][vid], a.text[slice(*found["facts"][vid])])
                  for a, _, found in arts if vid in found["facts"]]
            if ms:
                all_events.append(Event(vid, etype, trigger, day,
                                        [Participant(who[0].id, "agent"),
                                         Participant(who[1].id, "patient")],
                                        place.id, ms))
        made += size
        s += 1
        if len(batch) >= SAVE_BATCH:
            store.save_file(f"bench-{s}", batch, [])
            batch = {}
    if batch:
        store.save_file(f"bench-{s}", batch, [])
    ents = [Entity(e.id, e.type, e.name, [e.name.split()[-1]] if e.type == "PERSON" else [],
                   e.mentions) for e in entities.values() if e.mentions]
    merges = [(e.id, MergeReason(f"{e.title} {e.name}", e.name, "title stripped"))
              for e in entities.values() if e.title and e.mentions]
    store.replace_resolution(ents, merges, all_events)
    store.replace_comparison(stories, descriptors, quotes, discrepancies, facts, coverage)
    store.close()


def _understanding(w: Writer, found: dict, events: dict) -> Understanding:
    index: dict[str, int] = {}
    ents: list[ArticleEntity] = []
    for ent, a, b in w.names:
        if ent.id not in index:
            index[ent.id] = len(ents)
            ents.append(ArticleEntity(ent.type, ent.name))
        ents[index[ent.id]].mentions.append(Mention("", a, b, ent.name))
    evs = [ArticleEvent(etype, trigger, s, s, e,
                        [(index[who[0].id], "agent"), (index[who[1].id], "patient")], None, day)
           for vid, (etype, trigger, who, day) in events.items() if vid in found["facts"]
           for s, e in [found["facts"][vid]]]
    return Understanding(entities=ents, events=evs)


def _compare(plan: StoryPlan, arts: list, events: dict, stories: list, descriptors: list,
             quotes: list, discrepancies: list, facts: list, coverage: list) -> None:
    """The Compare tables of one story, pointing at the sentences its articles hold."""
    def mention(a: Article, span: tuple[int, int]) -> Mention:
        return Mention(a.id, span[0], span[1], a.text[span[0]:span[1]])

    ids = [a.id for a, _, _ in arts]
    days = sorted(a.published for a, _, _ in arts)
    stories.append(Story(plan.id, arts[0][0].title, ids, sorted(plan.outlets), days[0],
                         days[-1]))
    for a, _, found in arts:
        for ent, s, e, word, score in found["labels"]:
            descriptors.append(Descriptor(ent.id, a.id, word, s, e, "premodifier", score,
                                          [f"{word}:label"]))
        for speaker, s, e in found["said"]:
            quotes.append(Quote(a.id, speaker.id, speaker.name, a.text[s:e], s, e, "direct",
                                "said"))
    for topic in ("killed", "arrested"):
        by_value: dict[int, list] = {}
        for k, (a, _, found) in enumerate(arts):
            by_value.setdefault(plan.counts[topic][k % len(plan.counts[topic])], []).append(
                (a, found["claims"][topic]))
        item = stable_id("d" if len(by_value) > 1 else "f", plan.id, topic)
        if len(by_value) > 1:
            discrepancies.append(Discrepancy(item, f"people {topic}", [
                Claim(str(v), [a.id for a, _ in xs], str(v), [mention(a, sp) for a, sp in xs],
                      float(v), "at least", sorted({a.outlet for a, _ in xs}))
                for v, xs in sorted(by_value.items())], plan.id))
        else:
            (v, xs), = by_value.items()
            facts.append(Fact(item, plan.id, f"people {topic}", "count", str(v),
                              [a.id for a, _ in xs], sorted({a.outlet for a, _ in xs}),
                              [mention(a, sp) for a, sp in xs]))
        coverage.append(CoverageRow(plan.id, item, "discrepancy" if len(by_value) > 1 else "fact",
                                    f"people {topic}",
                                    {a.id: [mention(a, found["claims"][topic])]
                                     for a, _, found in arts}))
    for vid, (etype, trigger, _, _) in events.items():
        coverage.append(CoverageRow(plan.id, vid, "event", f"{etype}: {trigger}", {
            a.id: [mention(a, found["facts"][vid])] if vid in found["facts"] else []
            for a, _, found in arts}))


def workspace(n_articles: int, seed: int) -> str:
    """The cached workspace for these settings, generated when missing."""
    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    db = CACHE / f"web-{n_articles}-seed{seed}-v{GENERATOR_VERSION}.db"
    if not db.exists():
        partial = db.with_suffix(".partial")
        for p in CACHE.glob(partial.name + "*"):
            p.unlink()
        t0 = time.perf_counter()
        generate(str(partial), n_articles, seed)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        partial.rename(db)
        print(f"generated {db.name} in {time.perf_counter() - t0:.1f} s")
    return str(db)


# --- serving and load ----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, log: Path) -> subprocess.Popen:
    """``serve`` in a child process, its output to ``log`` (a pipe nobody reads would block
    it once full)."""
    code = ("import sys; from rashomon.deliver.web import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]))")
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", code, db, str(port)], stdout=out,
                                stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the server stopped: {log.read_text()[-2000:]}") from None
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start in 30 s")


def story_ids(db: str, n: int) -> list[str]:
    """The largest stories, those with discrepancies first (the fullest pages)."""
    store = Store.existing(db)
    try:
        return [r[0] for r in store.conn.execute(
            "SELECT a.story_id, count(*) AS n, EXISTS (SELECT 1 FROM discrepancies d "
            "WHERE d.story_id = a.story_id) AS disputed FROM articles a "
            "WHERE a.story_id IS NOT NULL GROUP BY a.story_id "
            "ORDER BY disputed DESC, n DESC, a.story_id LIMIT ?", (n,))]
    finally:
        store.close()


def cold_renders(base: str, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=30) as r:
            r.read()
        out.append(time.perf_counter() - t0)
    return out


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    bytes: int = 0


async def _client(port: int, paths: list[str], k: int, deadline: float, load: Load,
                  gzip: bool) -> None:
    """One keep-alive connection asking again as soon as it is answered, until ``deadline``."""
    extra = "Accept-Encoding: gzip\r\n" if gzip else ""
    reader = writer = None
    n = k
    while time.perf_counter() < deadline:
        path = paths[n % len(paths)]
        n += 1
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n".encode()
        t0 = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            load.bytes += len(await reader.readexactly(length))
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            load.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        load.latencies.append(time.perf_counter() - t0)
        load.statuses[status] = load.statuses.get(status, 0) + 1
        if status != 200:
            load.errors += 1
    if writer is not None:
        writer.close()


async def run_load(port: int, paths: list[str], clients: int, seconds: float,
                   gzip: bool) -> Load:
    load = Load()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, paths, k, deadline, load, gzip)
                           for k in range(clients)))
    return load


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--pages", type=int, default=1,
                    help="spread the load over this many story pages (default: one)")
    ap.add_argument("--cold", type=int, default=20, help="story pages timed uncached")
    ap.add_argument("--identity", action="store_true", help="do not ask for gzip")
    args = ap.parse_args()

    db = workspace(args.articles, args.seed)
    store = Store.existing(db)
    sizes = {t: store.count(t) for t in ("articles", "stories", "entities", "mentions",
                                         "events", "quotes", "descriptors")}
    store.close()
    print(f"workspace {Path(db).name}: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items())
          + f"; {os.path.getsize(db) / 1e6:.0f} MB")
    ids = story_ids(db, max(args.pages, args.cold))
    port = free_port()
    log = CACHE / "server.log"
    server = start_server(db, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        cold = cold_renders(base, [f"/story/{i}" for i in ids[:args.cold]])
        print(f"uncached story page, {len(cold)} pages one by one: "
              f"median {statistics.median(cold) * 1000:.0f} ms, max {max(cold) * 1000:.0f} ms")
        paths = [f"/story/{i}" for i in ids[:args.pages]]
        cold_renders(base, paths)          # the load measures the served page, not its first render
        print(f"load: {args.clients} clients, {args.seconds:.0f} s, {len(paths)} story page(s)"
              f"{'' if args.identity else ', gzip'} ...", flush=True)
        load = asyncio.run(run_load(port, paths, args.clients, args.seconds,
                                    not args.identity))
    finally:
        server.terminate()
        server.wait(timeout=10)
    lat = load.latencies
    if len(lat) < 2:
        print(f"too few answers ({len(lat)}), errors {load.errors}")
        return
    print(f"requests {len(lat):,}  ({len(lat) / args.seconds:,.0f}/s, "
          f"{load.bytes / len(lat) / 1000:.1f} kB each)")
    print("latency ms: " + "  ".join(
        f"p{q} {percentile(lat, q) * 1000:.1f}" for q in (50, 95, 99))
        + f"  max {max(lat) * 1000:.1f}")
    print(f"errors {load.errors}  statuses {dict(sorted(load.statuses.items()))}")
    warnings = [line for line in log.read_text().splitlines() if "WARNING" in line]
    if warnings:
        print(f"server warnings ({len(warnings)}), last: {warnings[-1]}")
    verdict = "met" if percentile(lat, 99) < 0.2 and not load.errors else "NOT met"
    print(f"target p99 < 200 ms with no errors: {verdict}")


if __name__ == "__main__":
    main()
