"""Read-only queries the store's readers lack: search, one article's spans, one story's or
one entity's events, an entity's neighbours. SELECT only, every value a parameter.

Each function takes the store's ``sqlite3.Connection`` (rows as ``sqlite3.Row``) and returns
model objects or small tuples; every list is bounded by a ``limit``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ...model import Entity, Event, Mention, Participant

#: SQLite's default limit on parameters in one statement is 999 (older builds); stay under.
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """An article without its text."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    words: int
    story_id: str | None


@dataclass(frozen=True, slots=True)
class Span:
    """A span of one article's text that points at an entity or an event."""

    start: int
    end: int
    ref: str        # entity or event id
    kind: str       # entity type, or event type
    label: str      # entity name, or event trigger


def like_pattern(q: str) -> str:
    """``q`` as a LIKE pattern that matches it anywhere, its wildcards taken literally."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ids = sorted(set(ids))
    for k in range(0, len(ids), _CHUNK):
        yield ids[k:k + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _meta(r: sqlite3.Row) -> ArticleMeta:
    return ArticleMeta(r["id"], r["title"], r["outlet"], r["published"], r["words"],
                       r["story_id"])


_META = "SELECT id, title, outlet, published, words, story_id FROM articles"


# --- articles --------------------------------------------------------------------------------
def articles_meta(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, ArticleMeta]:
    out: dict[str, ArticleMeta] = {}
    for chunk in _chunks(ids):
        for r in conn.execute(f"{_META} WHERE id IN ({_marks(len(chunk))})", chunk):
            out[r["id"]] = _meta(r)
    return out


def recent_articles(conn: sqlite3.Connection, limit: int) -> list[ArticleMeta]:
    return [_meta(r) for r in conn.execute(
        f"{_META} ORDER BY published IS NULL, published DESC, id LIMIT ?", (limit,))]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names
           for t in ("articles", "entities", "events", "stories")}
    out["outlets"] = conn.execute(
        "SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL").fetchone()[0]
    return out


def outlets_by_size(conn: sqlite3.Connection) -> list[str]:
    """Every outlet, the one with most articles first."""
    return [r[0] for r in conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
        "ORDER BY count(*) DESC, outlet")]


def discrepancy_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute(
        "SELECT story_id, count(*) FROM discrepancies WHERE story_id IS NOT NULL "
        "GROUP BY story_id")}


def article_entity_spans(conn: sqlite3.Connection, article_id: str) -> list[Span]:
    return [Span(r["start"], r["end"], r["entity_id"], r["type"], r["name"])
            for r in conn.execute(
                'SELECT m.start, m."end", m.entity_id, e.type, e.name FROM mentions m '
                "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? "
                "ORDER BY m.start, m.\"end\" DESC", (article_id,))]


def article_event_spans(conn: sqlite3.Connection, article_id: str) -> list[Span]:
    return [Span(r["start"], r["end"], r["event_id"], r["type"], r["trigger"])
            for r in conn.execute(
                'SELECT em.start, em."end", em.event_id, v.type, v.trigger FROM event_mentions em '
                "JOIN events v ON v.id = em.event_id WHERE em.article_id = ? "
                "ORDER BY em.start", (article_id,))]


# --- search ------------------------------------------------------------------------------
def search_articles(conn: sqlite3.Connection, q: str, limit: int
                    ) -> list[tuple[ArticleMeta, str]]:
    """Articles whose title or text holds ``q`` (title hits first), with their text."""
    pat = like_pattern(q)
    rows = conn.execute(
        "SELECT id, title, outlet, published, words, story_id, text FROM articles "
        "WHERE title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\' "
        "ORDER BY title LIKE ? ESCAPE '\\' DESC, published IS NULL, published DESC, id "
        "LIMIT ?", (pat, pat, pat, limit))
    return [(_meta(r), r["text"]) for r in rows]


def search_entities(conn: sqlite3.Connection, q: str, types: Iterable[str], limit: int
                    ) -> list[tuple[Entity, int]]:
    """Entities of ``types`` whose name or an alias holds ``q``, most mentioned first."""
    pat = like_pattern(q)
    types = list(types)
    rows = conn.execute(
        "SELECT e.id, e.type, e.name, e.aliases, "
        "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n FROM entities e "
        f"WHERE e.type IN ({_marks(len(types))}) "
        "AND (e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\') "
        "ORDER BY n DESC, e.name LIMIT ?", (*types, pat, pat, limit))
    return [(Entity(r["id"], r["type"], r["name"], json.loads(r["aliases"])), r["n"])
            for r in rows]


# --- entities ------------------------------------------------------------------------------
def top_entities(conn: sqlite3.Connection, types: Iterable[str], limit: int,
                 candidates: int = 500) -> list[tuple[Entity, int, int]]:
    """The most mentioned entities of ``types``: (entity, mentions, articles). Counted on
    the entity index first, so only the ``candidates`` most mentioned are looked up."""
    types = set(types)
    top = conn.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id "
                       "ORDER BY count(*) DESC, entity_id LIMIT ?", (candidates,)).fetchall()
    counts = dict(top)
    rows = []
    for chunk in _chunks(counts):
        rows += conn.execute(
            "SELECT e.id, e.type, e.name, e.aliases, count(DISTINCT m.article_id) AS a "
            f"FROM entities e JOIN mentions m ON m.entity_id = e.id "
            f"WHERE e.id IN ({_marks(len(chunk))}) GROUP BY e.id", chunk).fetchall()
    out = [(Entity(r["id"], r["type"], r["name"], json.loads(r["aliases"])), counts[r["id"]],
            r["a"]) for r in rows if r["type"] in types]
    return sorted(out, key=lambda x: (-x[1], x[0].name))[:limit]



def entity_names(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``{id: (name, type)}`` for the entities of ``ids`` that exist."""
    out: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        for r in conn.execute(
                f"SELECT id, name, type FROM entities WHERE id IN ({_marks(len(chunk))})", chunk):
            out[r["id"]] = (r["name"], r["type"])
    return out


def entity_articles(conn: sqlite3.Connection, entity_id: str, limit: int
                    ) -> list[tuple[ArticleMeta, int]]:
    """The articles naming the entity, with the number of mentions there, most first."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.words, a.story_id, count(*) AS n "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY a.id ORDER BY n DESC, a.published DESC, a.id LIMIT ?", (entity_id, limit))
    return [(_meta(r), r["n"]) for r in rows]


_EVENT_ENTITIES = ("SELECT event_id, entity_id FROM event_participants UNION "
                   "SELECT id, location_id FROM events WHERE location_id IS NOT NULL")


def cooccurring(conn: sqlite3.Connection, entity_id: str, types: Iterable[str], limit: int
                ) -> list[tuple[str, int]]:
    """Entities of ``types`` named in the same articles, with the number of such articles."""
    types = list(types)
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT m2.entity_id, count(DISTINCT m2.article_id) AS n FROM mentions m1 "
        "JOIN mentions m2 ON m2.article_id = m1.article_id "
        "JOIN entities e ON e.id = m2.entity_id "
        f"WHERE m1.entity_id = ? AND m2.entity_id != ? AND e.type IN ({_marks(len(types))}) "
        "GROUP BY m2.entity_id ORDER BY n DESC, m2.entity_id LIMIT ?",
        (entity_id, entity_id, *types, limit))]


def shared_events(conn: sqlite3.Connection, entity_id: str, limit: int) -> list[tuple[str, int]]:
    """Entities taking part in (or the place of) the same events, with how many events."""
    return [(r[0], r[1]) for r in conn.execute(
        f"WITH ee AS ({_EVENT_ENTITIES}) SELECT b.entity_id, count(DISTINCT b.event_id) AS n "
        "FROM ee a JOIN ee b ON b.event_id = a.event_id "
        "WHERE a.entity_id = ? AND b.entity_id != ? "
        "GROUP BY b.entity_id ORDER BY n DESC, b.entity_id LIMIT ?",
        (entity_id, entity_id, limit))]


def links_among(conn: sqlite3.Connection, center: str, ids: list[str]
                ) -> dict[tuple[str, str], int]:
    """For pairs of ``ids``: the number of the ``center`` entity's articles naming both."""
    if not ids:
        return {}
    by_article: dict[str, set[str]] = {}
    for r in conn.execute(
            "SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id IN "
            f"({_marks(len(ids))}) AND article_id IN "
            "(SELECT article_id FROM mentions WHERE entity_id = ?)", (*ids, center)):
        by_article.setdefault(r[0], set()).add(r[1])
    pairs: dict[tuple[str, str], int] = {}
    for members in by_article.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    return pairs


# --- events --------------------------------------------------------------------------------
def _events(conn: sqlite3.Connection, ids: list[str],
            article_ids: set[str] | None = None) -> list[Event]:
    """The events of ``ids`` (mentions only in ``article_ids`` when given), by date."""
    events: dict[str, Event] = {}
    for chunk in _chunks(ids):
        marks = _marks(len(chunk))
        for r in conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", chunk):
            events[r["id"]] = Event(r["id"], r["type"], r["trigger"], r["date"], [],
                                    r["location_id"], [])
        for r in conn.execute(
                f"SELECT * FROM event_participants WHERE event_id IN ({marks}) ORDER BY rowid",
                chunk):
            events[r["event_id"]].participants.append(Participant(r["entity_id"], r["role"]))
        for r in conn.execute(
                f"SELECT * FROM event_mentions WHERE event_id IN ({marks}) "
                "ORDER BY article_id, start", chunk):
            if article_ids is None or r["article_id"] in article_ids:
                events[r["event_id"]].mentions.append(
                    Mention(r["article_id"], r["start"], r["end"], r["text"]))
    return sorted(events.values(), key=lambda v: (v.date is None, v.date or "", v.id))


def events_in_articles(conn: sqlite3.Connection, article_ids: Iterable[str], limit: int
                       ) -> list[Event]:
    """The events told by these articles (their mentions there only), by date."""
    article_ids = set(article_ids)
    ids: set[str] = set()
    for chunk in _chunks(article_ids):
        ids.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN "
            f"({_marks(len(chunk))})", chunk))
    return _events(conn, sorted(ids), article_ids)[:limit]


def entity_events(conn: sqlite3.Connection, entity_id: str, limit: int) -> list[Event]:
    """The events the entity takes part in or is the place of, by date."""
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM events WHERE location_id = ? OR id IN "
        "(SELECT event_id FROM event_participants WHERE entity_id = ?) "
        "ORDER BY date IS NULL, date, id LIMIT ?", (entity_id, entity_id, limit))]
    return _events(conn, ids)
