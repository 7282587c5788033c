"""Stories: articles that report the same story, across outlets and days.

Each article is a sparse vector of its resolved entities and content words (TF-IDF, an
entity weighing more than a word). Candidate pairs come from an inverted index over each
article's strongest features (no all-pairs loop: a feature held by too many articles is
not indexed), and groups join greedily, most similar first, while the similarity of their
centroids stays above ``STORY_LINK`` and their dates stay within ``STORY_MAX_DAYS``. Groups
that are similar but further apart in time are related stories (a follow-up).

With ``STORY_EMBEDDINGS`` on (the optional extra, ``embed.py``), the similarity of a pair,
and of two groups' centroids, blends in the cosine of the articles' sentence embeddings
(title and lead). Embeddings only re-score the pairs the inverted index proposes: they add
no candidate pair, so the cost stays that of the index. Off, clustering is unchanged.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources as ir

from .. import settings
from ..model import Story, StoryRelation, stable_id
from . import embed

_TOKEN = re.compile(r"[A-Za-z][a-z]{2,}")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/compare.toml").read_text("utf-8"))
    return frozenset(data["lists"]["stopwords"])



@dataclass
class Doc:
    """What clustering needs of one article."""

    id: str
    title: str | None
    published: str | None
    text: str
    entities: Counter = field(default_factory=Counter)   # entity id -> mentions
    names: dict[str, str] = field(default_factory=dict)  # entity id -> name


def cluster(docs: list[Doc]) -> list[Story]:
    """Group ``docs`` into stories (deterministic: same docs, same stories and ids)."""
    docs = sorted(docs, key=lambda d: d.id)
    vectors = _vectors(docs)
    pairs = _candidate_pairs(vectors, len(docs))
    dense = embed.embed([embed.lead(d.title, d.text) for d in docs]) if embed.enabled() \
        else None
    if dense is not None:
        pairs = {(i, j): blend(sim, embed.cosine(dense[i], dense[j]))
                 for (i, j), sim in pairs.items()}
    days = [_day(d.published) for d in docs]
    groups = _join(vectors, pairs, days, dense)
    return _stories(docs, vectors, groups, pairs, days)


def blend(sparse: float, dense: float) -> float:
    """One similarity of the entity-and-word cosine and the embedding cosine.

    The embedding cosine moves the sparse one: up when above ``STORY_EMBED_PIVOT`` (the
    same story in other words), down when below it (shared names, another story).
    """
    return sparse + settings.STORY_EMBED_WEIGHT * (dense - settings.STORY_EMBED_PIVOT)


def _features(d: Doc) -> Counter:
    f: Counter = Counter()
    stop = stopwords()
    for eid, n in d.entities.items():
        f["e:" + eid] += n
    for w in _TOKEN.findall(d.title or ""):
        w = w.lower()
        if w not in stop:
            f["w:" + w] += 2
    for w in _TOKEN.findall(d.text):
        w = w.lower()
        if w not in stop:
            f["w:" + w] += 1
    return f


def _vectors(docs: list[Doc]) -> list[dict[str, float]]:
    counts = [_features(d) for d in docs]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    out = []
    for c in counts:
        v = {}
        for f, tf in c.items():
            if df[f] < 2 and f.startswith("w:"):
                continue   # a word no other article has cannot link articles
            weight = (1 + math.log(tf)) * math.log((n + 1) / df[f])
            if f.startswith("e:"):
                weight *= settings.STORY_ENTITY_WEIGHT
            if weight > 0:
                v[f] = weight
        v = dict(sorted(v.items(), key=lambda x: (-x[1], x[0]))[:settings.STORY_VECTOR_SIZE])
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({f: x / norm for f, x in v.items()})
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(f, 0.0) for f, x in a.items())


def _candidate_pairs(vectors: list[dict[str, float]], n: int) -> dict[tuple[int, int], float]:
    """Similarity of every pair of articles that share a strong, not-too-common feature."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vectors):
        top = sorted(v.items(), key=lambda x: (-x[1], x[0]))[:settings.STORY_TOP_FEATURES]
        for f, _ in top:
            postings[f].append(i)
    cap = settings.STORY_MAX_DF
    pairs: dict[tuple[int, int], float] = {}
    for f in sorted(postings):
        ids = postings[f]
        if len(ids) > cap:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                key = (ids[x], ids[y])
                if key not in pairs:
                    pairs[key] = _cosine(vectors[ids[x]], vectors[ids[y]])
    return pairs


def _day(published: str | None) -> int | None:
    if not published:
        return None
    parts = published.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7,
                    int(parts[2]) if len(parts) > 2 else 1).toordinal()
    except (ValueError, IndexError):
        return None


class _Group:
    __slots__ = ("members", "centroid", "dense", "lo", "hi")

    def __init__(self, i: int, vector: dict[str, float], day: int | None,
                 dense: tuple[float, ...] | None = None) -> None:
        self.members = [i]
        self.centroid = dict(vector)
        self.dense = list(dense) if dense is not None else None
        self.lo = self.hi = day

    def span_with(self, other: _Group) -> int:
        days = [d for d in (self.lo, self.hi, other.lo, other.hi) if d is not None]
        return max(days) - min(days) if days else 0

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        for f, x in other.centroid.items():
            self.centroid[f] = self.centroid.get(f, 0.0) + x
        if self.dense is not None and other.dense is not None:
            self.dense = [x + y for x, y in zip(self.dense, other.dense, strict=True)]
        days = [d for d in (self.lo, self.hi, other.lo, other.hi) if d is not None]
        self.lo, self.hi = (min(days), max(days)) if days else (None, None)


def _normed(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {f: x / norm for f, x in v.items()}


def _similarity(ga: _Group, gb: _Group) -> float:
    """Cosine of two groups' centroids (blended with their embedding centroids if any)."""
    sparse = _cosine(_normed(ga.centroid), _normed(gb.centroid))
    if ga.dense is None or gb.dense is None:
        return sparse
    na = math.sqrt(sum(x * x for x in ga.dense)) or 1.0
    nb = math.sqrt(sum(x * x for x in gb.dense)) or 1.0
    return blend(sparse, sum(x * y for x, y in zip(ga.dense, gb.dense, strict=True)) / na / nb)


def _join(vectors, pairs, days, dense=None) -> list[list[int]]:
    groups = {i: _Group(i, v, days[i], dense[i] if dense is not None else None)
              for i, v in enumerate(vectors)}
    owner = list(range(len(vectors)))
    for (i, j), sim in sorted(pairs.items(), key=lambda x: (-x[1], x[0])):
        if sim < settings.STORY_LINK:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        ga, gb = groups[a], groups[b]
        if ga.span_with(gb) > settings.STORY_MAX_DAYS:
            continue
        if len(ga.members) + len(gb.members) > 2 and _similarity(ga, gb) < settings.STORY_LINK:
            continue
        if len(ga.members) < len(gb.members):
            a, b, ga, gb = b, a, gb, ga
        ga.absorb(gb)
        for m in gb.members:
            owner[m] = a
        del groups[b]
    return [sorted(g.members) for _, g in sorted(groups.items())]


def _stories(docs, vectors, groups, pairs, days) -> list[Story]:
    stories: list[Story] = []
    index: dict[int, int] = {}
    for k, members in enumerate(groups):
        for m in members:
            index[m] = k
        first = min(members, key=lambda m: (days[m] if days[m] is not None else 10**7,
                                            docs[m].id))
        sid = stable_id("s", docs[first].id)
        stories.append(Story(sid, _title(docs, vectors, members), [docs[m].id for m in members]))
    related: dict[tuple[int, int], float] = {}
    for (i, j), sim in pairs.items():
        a, b = index[i], index[j]
        if a != b and sim >= settings.STORY_RELATED:
            key = (min(a, b), max(a, b))
            related[key] = max(related.get(key, 0.0), sim)
    for (a, b) in sorted(related):
        shared = _shared(docs, groups[a], groups[b])
        if not shared:
            continue
        da = min((days[m] for m in groups[a] if days[m] is not None), default=None)
        db = min((days[m] for m in groups[b] if days[m] is not None), default=None)
        later_b = da is not None and db is not None and db > da
        stories[a].related.append(StoryRelation(stories[b].id, "follow-up" if later_b else
                                                "earlier" if db is not None and da is not None
                                                else "related", shared))
        stories[b].related.append(StoryRelation(stories[a].id, "earlier" if later_b else
                                                "follow-up" if db is not None and da is not None
                                                else "related", shared))
    stories.sort(key=lambda s: s.id)
    return stories


def _shared(docs, a: list[int], b: list[int]) -> list[str]:
    ea = set().union(*(docs[m].entities for m in a))
    eb = set().union(*(docs[m].entities for m in b))
    return sorted(ea & eb)


def _title(docs, vectors, members: list[int]) -> str:
    """The title of the article closest to the story's centre, else its main names."""
    centroid: dict[str, float] = {}
    for m in members:
        for f, x in vectors[m].items():
            centroid[f] = centroid.get(f, 0.0) + x
    ranked = sorted(members, key=lambda m: (-_cosine(vectors[m], centroid), docs[m].id))
    for m in ranked:
        if docs[m].title:
            return docs[m].title
    names: Counter = Counter()
    for m in members:
        for eid, n in docs[m].entities.items():
            names[docs[m].names.get(eid, eid)] += n
    top = [n for n, _ in sorted(names.items(), key=lambda x: (-x[1], x[0]))[:3]]
    return ", ".join(top) or docs[ranked[0]].text[:80]
