"""What each page shows, read from the store: one function per page, returning the
template's context (plain dicts and model objects). Nothing here writes or re-analyses.

A missing id raises :class:`NotFound`; every list is bounded by a named limit.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from urllib.parse import urlsplit

from ...errors import UsageError
from ...model import Descriptor, Discrepancy, Event, Mention
from . import queries
from .highlight import Mark, drop_overlaps, paragraphs, render
from .present import NAMED_TYPES, date_label, date_span, outlet_name, score_class, sentence_href
from .reader import NotFound, Reader

MAX_HOME_STORIES = 60
MAX_HOME_ENTITIES = 30
MAX_HOME_ARTICLES = 40
MAX_SEARCH_RESULTS = 40
MIN_QUERY_CHARS = 2
MAX_QUERY_CHARS = 120
#: Characters of context shown on each side of a search hit.
SNIPPET_CHARS = 90
MAX_STORY_EVENTS = 200
MAX_LABEL_ROWS = 40
MAX_QUOTE_ROWS = 40
MAX_ENTITY_ARTICLES = 60
MAX_ENTITY_EVENTS = 150
MAX_ENTITY_QUOTES = 100
MAX_TIMELINE_EVENTS = 400
#: The knowledge-graph view: nodes (the entity included), neighbour candidates read per
#: relation, a shared event counted as this many shared articles, edges between neighbours.
MAX_GRAPH_NODES = 40
GRAPH_CANDIDATES = 120
EVENT_WEIGHT = 3
MAX_GRAPH_EDGES = 160
#: Discrepancies are listed by status in this order (the values that cannot both hold first).
STATUS_ORDER = ("contradiction", "approximate", "update")
_HL = re.compile(r"(\d{1,9})-(\d{1,9})")


def _or_404(func, *args):
    try:
        return func(*args)
    except UsageError as exc:
        raise NotFound(str(exc)) from exc


def _label(d: Descriptor) -> dict:
    """A descriptor as shown: its words, coloured by score, linking to where it is used."""
    return {"text": d.text, "score": d.score, "cls": score_class(d.score), "kind": d.kind,
            "terms": d.terms, "href": sentence_href(d.article_id, d.start, d.end)}


def _sentence(m: Mention, meta: dict[str, queries.ArticleMeta]) -> dict:
    a = meta.get(m.article_id)
    outlet = a.outlet if a else None
    return {"href": sentence_href(m.article_id, m.start, m.end), "text": m.text,
            "outlet": outlet, "title": (a.title if a else None) or m.article_id}


# --- home and search ---------------------------------------------------------------------------
def home(store: Reader) -> dict:
    conn = store.conn
    disc = queries.discrepancy_counts(conn)
    stories = sorted(store.stories(), key=lambda s: (s.last or s.first or "", s.title),
                     reverse=True)
    return {
        "counts": queries.counts(conn),
        "stories": [{"story": st, "discrepancies": disc.get(st.id, 0)}
                    for st in stories[:MAX_HOME_STORIES]],
        "more_stories": max(0, len(stories) - MAX_HOME_STORIES),
        "entities": queries.top_entities(conn, NAMED_TYPES, MAX_HOME_ENTITIES),
        "articles": queries.recent_articles(conn, MAX_HOME_ARTICLES),
    }


def _snippet(text: str, q: str) -> tuple[str, str, str] | None:
    m = re.search(re.escape(q), text, re.IGNORECASE)
    if not m:
        return None
    before = text[max(0, m.start() - SNIPPET_CHARS):m.start()]
    after = text[m.end():m.end() + SNIPPET_CHARS]
    return ("…" + before if m.start() > SNIPPET_CHARS else before, m.group(0),
            after + "…" if m.end() + SNIPPET_CHARS < len(text) else after)


def search(store: Reader, raw: str) -> dict:
    q = " ".join(raw.split())[:MAX_QUERY_CHARS]
    if len(q) < MIN_QUERY_CHARS:
        return {"q": q, "too_short": bool(q), "entities": [], "articles": []}
    entities = queries.search_entities(store.conn, q, NAMED_TYPES, MAX_SEARCH_RESULTS)
    articles = [(meta, _snippet(text, q)) for meta, text in
                queries.search_articles(store.conn, q, MAX_SEARCH_RESULTS)]
    return {"q": q, "too_short": False, "entities": entities, "articles": articles,
            "limit": MAX_SEARCH_RESULTS}


# --- story -------------------------------------------------------------------------------
def _columns(articles: list[queries.ArticleMeta]) -> list[dict]:
    """The story's articles grouped by outlet, outlets in order of first publication."""
    cols: dict[str | None, list[queries.ArticleMeta]] = {}
    for a in articles:
        cols.setdefault(a.outlet, []).append(a)
    return [{"outlet": o, "articles": arts} for o, arts in cols.items()]


def _event_item(v: Event, names: dict[str, tuple[str, str]],
                meta: dict[str, queries.ArticleMeta]) -> dict:
    who = [{"id": p.entity_id, "name": names[p.entity_id][0], "role": p.role}
           for p in v.participants if p.entity_id in names]
    where = names.get(v.location_id or "")
    span = date_span(v.date)
    return {"id": v.id, "type": v.type, "trigger": v.trigger, "date": v.date,
            "label": date_label(v.date), "precision": span[0] if span else None,
            "start": span[1].isoformat() if span else None,
            "end": span[2].isoformat() if span else None,
            "who": who, "where": {"id": v.location_id, "name": where[0]} if where else None,
            "sentences": [_sentence(m, meta) for m in v.mentions]}


def _event_names(store: Reader, events: list[Event]) -> dict[str, tuple[str, str]]:
    ids = {p.entity_id for v in events for p in v.participants}
    ids.update(v.location_id for v in events if v.location_id)
    return queries.entity_names(store.conn, ids)


def _coverage(rows, articles: list[queries.ArticleMeta],
              meta: dict[str, queries.ArticleMeta]) -> list[dict]:
    """Each item with one cell per article; a cell is flagged when one outlet alone reports
    the item (``only``) or alone leaves it out (``all-but``)."""
    outlets = {a.outlet for a in articles}
    out = []
    for row in rows:
        reporting = {a.outlet for a in articles if row.cells.get(a.id)}
        missing = outlets - reporting
        only = len(reporting) == 1 and len(outlets) > 1
        all_but = len(missing) == 1 and len(outlets) > 2
        cells = []
        for a in articles:
            ms = row.cells.get(a.id) or []
            flag = "only" if only and ms else "all-but" if all_but and a.outlet in missing else None
            cells.append({"reported": bool(ms), "flag": flag,
                          "sentences": [_sentence(m, meta) for m in ms]})
        note = (f"only {outlet_name(next(iter(reporting)))}" if only else
                f"all but {outlet_name(next(iter(missing)))}" if all_but else None)
        out.append({"row": row, "cells": cells, "note": note})
    return out


def _labels(store: Reader, article_ids: list[str], meta: dict[str, queries.ArticleMeta],
            outlets: list[str | None]) -> dict:
    """Descriptors per actor (rows) per outlet (columns), most described actors first."""
    by_entity: dict[str, dict[str | None, list[dict]]] = {}
    for d in store.descriptors(article_ids=article_ids):
        a = meta.get(d.article_id)
        by_entity.setdefault(d.entity_id, {}).setdefault(a.outlet if a else None, []).append(
            _label(d))
    names = queries.entity_names(store.conn, by_entity)
    ranked = sorted(by_entity, key=lambda e: (-sum(map(len, by_entity[e].values())), e))
    rows = [{"id": e, "name": names.get(e, (e, ""))[0], "type": names.get(e, ("", ""))[1],
             "cells": [by_entity[e].get(o, []) for o in outlets]}
            for e in ranked[:MAX_LABEL_ROWS]]
    return {"rows": rows, "more": max(0, len(ranked) - MAX_LABEL_ROWS)}


def _quotes(store: Reader, article_ids: list[str], meta: dict[str, queries.ArticleMeta],
            outlets: list[str | None]) -> dict:
    """Who is quoted (rows) by which outlet (columns)."""
    by_speaker: dict[tuple[str | None, str], dict[str | None, list[dict]]] = {}
    for q in store.quotes(article_ids=article_ids):
        a = meta.get(q.article_id)
        key = (q.speaker_id, q.speaker or "unattributed")
        by_speaker.setdefault(key, {}).setdefault(a.outlet if a else None, []).append(
            {"text": q.text, "kind": q.kind, "cue": q.cue, "source": q.source,
             "href": sentence_href(q.article_id, q.start, q.end)})
    names = queries.entity_names(store.conn, {k[0] for k in by_speaker if k[0]})
    ranked = sorted(by_speaker, key=lambda k: (-sum(map(len, by_speaker[k].values())), k[1]))
    rows = [{"id": k[0] if k[0] in names else None,
             "name": names[k[0]][0] if k[0] in names else k[1],
             "cells": [by_speaker[k].get(o, []) for o in outlets]}
            for k in ranked[:MAX_QUOTE_ROWS]]
    return {"rows": rows, "more": max(0, len(ranked) - MAX_QUOTE_ROWS)}


def _by_status(discrepancies: list[Discrepancy]) -> list[Discrepancy]:
    rank = {s: k for k, s in enumerate(STATUS_ORDER)}
    return sorted(discrepancies, key=lambda d: (rank.get(d.status, len(rank)), d.topic, d.id))


def story(store: Reader, story_id: str) -> dict:
    st = store.story(story_id)
    meta = queries.articles_meta(store.conn, st.article_ids)
    articles = sorted(meta.values(), key=lambda a: (a.published or "", outlet_name(a.outlet),
                                                    a.id))
    columns = _columns(articles)
    outlets = list(dict.fromkeys(a.outlet for a in articles))
    events = queries.events_in_articles(store.conn, st.article_ids, MAX_STORY_EVENTS)
    names = _event_names(store, events)
    facts = sorted(store.facts(st.id), key=lambda f: (-len(f.outlets), f.topic, f.id))
    return {
        "story": st,
        "related": store.story_titles([r.story_id for r in st.related]),
        "columns": columns,
        "outlets": outlets,
        "articles": articles,
        "timeline": [_event_item(v, names, meta) for v in events],
        "facts": [{"fact": f, "sentences": [_sentence(m, meta) for m in f.mentions]}
                  for f in facts],
        "discrepancies": [{"d": d, "claims": [
            {"claim": c, "sentences": [_sentence(m, meta) for m in c.mentions]}
            for c in d.claims]} for d in _by_status(store.discrepancies(st.id))],
        "coverage": _coverage(store.coverage(st.id), articles, meta),
        "labels": _labels(store, st.article_ids, meta, outlets),
        "quotes": _quotes(store, st.article_ids, meta, outlets),
    }


def story_json(store: Reader, story_id: str) -> dict:
    st = store.story(story_id)
    return {"story": asdict(st),
            "facts": [asdict(f) for f in store.facts(st.id)],
            "discrepancies": [asdict(d) for d in store.discrepancies(st.id)],
            "coverage": [asdict(r) for r in store.coverage(st.id)],
            "descriptors": [asdict(d) for d in store.descriptors(article_ids=st.article_ids)],
            "quotes": [asdict(q) for q in store.quotes(article_ids=st.article_ids)]}


# --- entity --------------------------------------------------------------------------------
def entity(store: Reader, entity_id: str) -> dict:
    e = _or_404(store.entity, entity_id)
    conn = store.conn
    descriptors = store.descriptors(entity_id=entity_id)
    meta = queries.articles_meta(conn, {m.article_id for m in e.mentions}
                                 | {d.article_id for d in descriptors})
    per_outlet: dict[str | None, int] = {}
    for m in e.mentions:
        outlet = meta[m.article_id].outlet if m.article_id in meta else None
        per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
    labels: dict[str | None, list[dict]] = {}
    for d in descriptors:
        a = meta.get(d.article_id)
        labels.setdefault(a.outlet if a else None, []).append(_label(d))
    events = queries.entity_events(conn, entity_id, MAX_ENTITY_EVENTS)
    names = _event_names(store, events)
    event_meta = queries.articles_meta(conn, {m.article_id for v in events for m in v.mentions})
    quotes = store.quotes(speaker_id=entity_id)[:MAX_ENTITY_QUOTES]
    quote_meta = queries.articles_meta(conn, {q.article_id for q in quotes})
    return {
        "entity": e,
        "merges": store.merges(entity_id),
        "mentions": len(e.mentions),
        "article_count": len({m.article_id for m in e.mentions}),
        "per_outlet": sorted(per_outlet.items(), key=lambda x: (-x[1], outlet_name(x[0]))),
        "labels": [{"outlet": o, "items": items}
                   for o, items in sorted(labels.items(), key=lambda x: outlet_name(x[0]))],
        "events": [_event_item(v, names, event_meta) for v in events],
        "quotes": [{"quote": q, **_sentence(Mention(q.article_id, q.start, q.end, q.text),
                                            quote_meta)} for q in quotes],
        "articles": queries.entity_articles(conn, entity_id, MAX_ENTITY_ARTICLES),
    }


def graph(store: Reader, entity_id: str) -> dict:
    """The entity's neighbourhood: entities sharing its events or articles, and the links
    between them (shared articles among the entity's own), bounded to MAX_GRAPH_NODES."""
    conn = store.conn
    center = queries.entity_names(conn, [entity_id])
    if not center:
        raise NotFound(entity_id)
    articles = dict(queries.cooccurring(conn, entity_id, NAMED_TYPES, GRAPH_CANDIDATES))
    events = dict(queries.shared_events(conn, entity_id, GRAPH_CANDIDATES))
    names = queries.entity_names(conn, set(articles) | set(events))
    scores = {e: articles.get(e, 0) + EVENT_WEIGHT * events.get(e, 0) for e in names
              if names[e][1] in NAMED_TYPES}
    chosen = sorted(scores, key=lambda e: (-scores[e], names[e][0], e))[:MAX_GRAPH_NODES - 1]
    names.update(center)
    nodes = [{"id": e, "name": names[e][0], "type": names[e][1], "href": f"/entity/{e}",
              "weight": scores.get(e, 0), "center": e == entity_id}
             for e in [entity_id, *chosen]]
    edges = [{"source": entity_id, "target": e, "articles": articles.get(e, 0),
              "events": events.get(e, 0), "weight": scores[e]} for e in chosen]
    among = sorted(queries.links_among(conn, entity_id, chosen).items(),
                   key=lambda x: (-x[1], x[0]))[:MAX_GRAPH_EDGES]
    edges += [{"source": a, "target": b, "articles": n, "events": 0, "weight": n}
              for (a, b), n in among]
    return {"center": entity_id, "nodes": nodes, "edges": edges}


# --- article -------------------------------------------------------------------------------
def parse_hl(raw: str | None, length: int) -> tuple[int, int] | None:
    m = _HL.fullmatch(raw or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if 0 <= start < end <= length else None


def safe_url(url: str | None) -> str | None:
    """The article's URL when it is a web address (never ``javascript:`` or ``data:``)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _article_marks(store: Reader, article_id: str, hl: tuple[int, int] | None
                   ) -> tuple[list[Mark], list[queries.Span]]:
    conn = store.conn
    entity_spans = queries.article_entity_spans(conn, article_id)
    sentences: dict[tuple[int, int], list[str]] = {}
    for s in queries.article_event_spans(conn, article_id):
        sentences.setdefault((s.start, s.end), []).append(f"{s.kind}: {s.label}")
    marks = [Mark(s, e, "sentence", (("class", "ev"), ("title", "; ".join(kinds))),
                  anchor=None if (s, e) == hl else f"s-{s}-{e}")
             for (s, e), kinds in sentences.items()]
    if hl:
        marks.append(Mark(*hl, "highlight", (("class", "hl"),), anchor=f"s-{hl[0]}-{hl[1]}"))
    for q in store.quotes(article_ids=[article_id]):
        said = " ".join(filter(None, [q.speaker or "unattributed", q.cue]))
        marks.append(Mark(q.start, q.end, "quote", (("class", f"quote {q.kind}"),
                                                    ("title", said))))
    marks += drop_overlaps(
        Mark(s.start, s.end, "mention", (("class", f"m t-{s.kind}"), ("href", f"/entity/{s.ref}"),
                                         ("title", f"{s.label} ({s.kind})")))
        for s in entity_spans)
    return marks, entity_spans


def article(store: Reader, article_id: str, hl_raw: str | None) -> dict:
    a = _or_404(store.article, article_id)
    hl = parse_hl(hl_raw, len(a.text))
    marks, spans = _article_marks(store, article_id, hl)
    entities: dict[str, dict] = {}
    for s in spans:
        item = entities.setdefault(s.ref, {"id": s.ref, "name": s.label, "type": s.kind, "n": 0})
        item["n"] += 1
    named = sorted((e for e in entities.values() if e["type"] in NAMED_TYPES),
                   key=lambda e: (-e["n"], e["name"]))
    story_title = store.story_titles([a.story_id]).get(a.story_id) if a.story_id else None
    return {"article": a, "body": render(a.text, paragraphs(a.text) + marks), "hl": hl,
            "url": safe_url(a.url), "entities": named, "story_title": story_title}


# --- timeline ------------------------------------------------------------------------------
def timeline(store: Reader, story_id: str | None, entity_id: str | None) -> dict:
    """Events placed by date, for one story or one entity (exactly one of the two)."""
    conn = store.conn
    if story_id and not entity_id:
        st = store.story(story_id)
        subject = {"kind": "story", "id": st.id, "title": st.title, "href": f"/story/{st.id}"}
        events = queries.events_in_articles(conn, st.article_ids, MAX_TIMELINE_EVENTS)
    elif entity_id and not story_id:
        name = queries.entity_names(conn, [entity_id]).get(entity_id)
        if name is None:
            raise NotFound(entity_id)
        subject = {"kind": "entity", "id": entity_id, "title": name[0],
                   "href": f"/entity/{entity_id}"}
        events = queries.entity_events(conn, entity_id, MAX_TIMELINE_EVENTS)
    else:
        raise NotFound("timeline needs ?story=ID or ?entity=ID")
    names = _event_names(store, events)
    meta = queries.articles_meta(conn, {m.article_id for v in events for m in v.mentions})
    items = [_event_item(v, names, meta) for v in events]
    return {"subject": subject, "events": [x for x in items if x["start"]],
            "undated": [x for x in items if not x["start"]]}
