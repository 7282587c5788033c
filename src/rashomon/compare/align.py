"""The corpus-level Compare step: stories, then within each story the values outlets agree
and disagree on (count claims in ``counts``; event dates, places and agents in
``event_facets``; a person's title in ``titles``), the coverage matrix, and quotes and
descriptors tied to the workspace's entities. Rebuilt from the stored layers after every
``analyze`` (deterministic)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import (
    Article,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Story,
    Understanding,
)
from .common import NAMED
from .counts import claim_groups, judge
from .event_facets import event_discrepancies, key_event_facets
from .stories import Doc, cluster
from .titles import title_discrepancies

#: At most this many events per story in the coverage matrix (those told by most articles).
COVERAGE_EVENTS = 12


def rebuild(store) -> int:
    articles = {a.id: a for a in store.articles()}
    layers: dict[str, Understanding] = store.understanding()
    entities = store.entities()
    owner = {(m.article_id, m.start): e.id for e in entities for m in e.mentions}
    named = {e.id: e for e in entities if e.type in NAMED}
    docs = {aid: Doc(aid, a.title, a.published, a.text) for aid, a in sorted(articles.items())}
    for e in named.values():
        for aid, n in Counter(m.article_id for m in e.mentions).items():
            if aid in docs:
                docs[aid].entities[e.id] += n
                docs[aid].names[e.id] = e.name
    stories = cluster(list(docs.values()))
    local = _local_owner(layers, owner)
    quotes = _quotes(layers, local, named, articles)
    descriptors = _descriptors(layers, local)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for v in store.events():
        for aid in sorted({m.article_id for m in v.mentions}):
            events_of[aid].append(v)
    discrepancies, facts, coverage = [], [], []
    for story in stories:
        told = {v.id: v for a in story.article_ids for v in events_of.get(a, [])}
        d, f, c = compare_story(story, articles, layers, local,
                                [told[k] for k in sorted(told)], named)
        discrepancies += d
        facts += f
        coverage += c
    store.replace_comparison(stories, descriptors, quotes, discrepancies, facts, coverage)
    return len(stories)


def _local_owner(layers, owner) -> dict[tuple[str, int], str]:
    """(article id, index of the article's entity) -> workspace entity id."""
    out = {}
    for aid, u in layers.items():
        for k, e in enumerate(u.entities):
            for m in e.mentions:
                eid = owner.get((aid, m.start))
                if eid:
                    out[(aid, k)] = eid
                    break
    return out


def _quotes(layers, local, named, articles) -> list[Quote]:
    out = []
    for aid in sorted(layers):
        if aid not in articles:
            continue
        for q in layers[aid].quotes:
            eid = local.get((aid, q.speaker)) if q.speaker is not None else None
            name = named[eid].name if eid in named else q.speaker_text
            out.append(Quote(aid, eid, name, q.text, q.start, q.end, q.kind, q.cue, q.source))
    return out


def _descriptors(layers, local) -> list[Descriptor]:
    out = []
    for aid in sorted(layers):
        for d in layers[aid].descriptors:
            eid = local.get((aid, d.entity))
            if eid:
                out.append(Descriptor(eid, aid, d.text, d.start, d.end, d.kind, d.score,
                                      list(d.terms)))
    return out


# --- one story ------------------------------------------------------------------------------
def compare_story(story: Story, articles: dict[str, Article], layers, local,
                  events: list[Event], named: dict[str, Entity]
                  ) -> tuple[list[Discrepancy], list[Fact], list[CoverageRow]]:
    members = [a for a in story.article_ids if a in articles]
    discrepancies: list[Discrepancy] = []
    facts: list[Fact] = []
    if len(members) >= 2:
        for topic, label, kind, claims in claim_groups(members, layers, articles):
            judge(story.id, topic, label, kind, claims, articles, discrepancies, facts)
        d, f = event_discrepancies(story.id, members, articles, layers, local, named)
        discrepancies += d + title_discrepancies(story.id, members, articles, layers, local,
                                                  named)
        facts += f
        d, f = key_event_facets(story.id, members, articles, layers, local, named,
                                 discrepancies, facts)
        discrepancies += d
        facts += f
    coverage = _coverage(story.id, members, events, facts, discrepancies)
    return discrepancies, facts, coverage


def _coverage(story_id, members, events, facts, discrepancies) -> list[CoverageRow]:
    member_set = set(members)
    rows = []
    told = []
    for v in events:
        cells: dict[str, list[Mention]] = {a: [] for a in members}
        for m in v.mentions:
            if m.article_id in member_set:
                cells[m.article_id].append(m)
        n = sum(1 for ms in cells.values() if ms)
        if n and v.participants:
            told.append((n, v, cells))
    told.sort(key=lambda x: (-x[0], x[1].date or "9999", x[1].id))
    for _, v, cells in told[:COVERAGE_EVENTS]:
        label = f"{v.type}: {v.trigger}" + (f" ({v.date})" if v.date else "")
        rows.append(CoverageRow(story_id, v.id, "event", label, cells))
    for f in facts:
        cells = {a: [m for m in f.mentions if m.article_id == a] for a in members}
        rows.append(CoverageRow(story_id, f.id, "fact", f"{f.topic}: {f.value}", cells))
    for d in discrepancies:
        cells = {a: [m for c in d.claims for m in c.mentions if m.article_id == a]
                 for a in members}
        rows.append(CoverageRow(story_id, d.id, "discrepancy", d.topic, cells))
    return rows
