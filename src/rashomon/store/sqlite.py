"""The SQLite store: one transaction per input file, content-hash ids, nothing half-written."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources

from ..errors import Errors, UsageError
from ..model import (
    Article,
    ArticleEntity,
    ArticleEvent,
    Caption,
    Claim,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Failure,
    Mention,
    MergeReason,
    Participant,
    Quote,
    Story,
    Understanding,
    ValueMention,
)

SCHEMA_VERSION = "1"
_ARTICLE_COLUMNS = ("id", "source", "origin", "ordinal", "title", "outlet", "published",
                    "byline", "dateline", "language", "url", "fetched_at", "text", "words",
                    "story_id")


class Store:
    """A rashomon workspace on disk. Open with :meth:`open` (creates) or :meth:`existing`."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str) -> Store:
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise UsageError(Errors.E017.format(path=path, detail=f"no folder {folder}"))
        conn = sqlite3.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            # Look before setting WAL mode: a database that is not ours is left untouched.
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "meta" not in tables:
                raise UsageError(Errors.E011.format(db=path, detail="it has other tables"))
            if "meta" in tables:
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None or row[0] != SCHEMA_VERSION:
                    raise UsageError(Errors.E011.format(
                        db=path, detail=f"schema {row[0] if row else '?'}, expected {SCHEMA_VERSION}"))
            # every statement is IF NOT EXISTS: a store made by an earlier release gains the
            # tables of later stages, and nothing it holds changes
            script = resources.files(__package__).joinpath("schema.sql").read_text("utf-8")
            conn.execute("BEGIN")
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                         (SCHEMA_VERSION,))
            conn.execute("COMMIT")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        except UsageError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise UsageError(Errors.E011.format(db=path, detail=exc)) from exc
        return cls(conn, path)

    @classmethod
    def existing(cls, path: str) -> Store:
        if not os.path.exists(path):
            raise UsageError(Errors.E013.format(db=path))
        return cls.open(path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------
    def save_file(self, origin: str, articles_by_source: dict[str, list[Article]],
                  failures: list[Failure]) -> None:
        """Store what one input file gave, in one transaction.

        Articles of every source that cleaned well replace that source's earlier articles;
        sources that failed keep what was stored before (bad input never erases data).
        """
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for source, articles in articles_by_source.items():
                c.execute("DELETE FROM articles WHERE source = ?", (source,))
                for article in articles:
                    self._insert_article(origin, article)
            c.execute("DELETE FROM failures WHERE origin = ?", (origin,))
            c.executemany("INSERT INTO failures(origin, locator, reason) VALUES (?, ?, ?)",
                          [(f.origin, f.locator, f.reason) for f in failures])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _insert_article(self, origin: str, a: Article) -> None:
        values = (a.id, a.source, origin, a.ordinal, a.title, a.outlet, a.published, a.byline,
                  a.dateline, a.language, a.url, a.fetched_at, a.text, a.words, a.story_id)
        self.conn.execute(
            f"INSERT OR REPLACE INTO articles({','.join(_ARTICLE_COLUMNS)}) "
            f"VALUES ({','.join('?' * len(_ARTICLE_COLUMNS))})", values)
        self.conn.executemany(
            "INSERT INTO captions(article_id, ordinal, text, credit) VALUES (?, ?, ?, ?)",
            [(a.id, i, cap.text, cap.credit) for i, cap in enumerate(a.captions)])
        if a.understanding is not None:
            self._insert_understanding(a)

    def _insert_understanding(self, a: Article) -> None:
        u = a.understanding
        c = self.conn
        c.executemany(
            "INSERT INTO article_entities(article_id, idx, label, name, aliases, reasons, weak) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, k, e.label, e.name, json.dumps(e.aliases, ensure_ascii=False),
              json.dumps([[r.alias, r.of, r.reason] for r in e.reasons], ensure_ascii=False),
              int(e.weak)) for k, e in enumerate(u.entities)])
        c.executemany(
            'INSERT INTO article_entity_mentions(article_id, idx, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?)",
            [(a.id, k, m.start, m.end, m.text) for k, e in enumerate(u.entities)
             for m in e.mentions])
        c.executemany(
            'INSERT INTO article_values(article_id, start, "end", text, label, value) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, v.start, v.end, v.text, v.label, v.value) for v in u.values])
        c.executemany(
            'INSERT INTO article_events(article_id, idx, type, trigger, trigger_start, start, '
            '"end", location, date, participants) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [(a.id, k, e.type, e.trigger, e.trigger_start, e.start, e.end, e.location, e.date,
              json.dumps(e.participants)) for k, e in enumerate(u.events)])

    # --- the Understand layer --------------------------------------------------------------
    def understanding(self) -> dict[str, Understanding]:
        """Every article's Understand layer, by article id."""
        out: dict[str, Understanding] = {}
        ents: dict[tuple[str, int], ArticleEntity] = {}
        for r in self.conn.execute("SELECT * FROM article_entities ORDER BY article_id, idx"):
            e = ArticleEntity(r["label"], r["name"], json.loads(r["aliases"]), [],
                              [MergeReason(*x) for x in json.loads(r["reasons"])],
                              bool(r["weak"]))
            ents[(r["article_id"], r["idx"])] = e
            out.setdefault(r["article_id"], Understanding()).entities.append(e)
        for r in self.conn.execute('SELECT * FROM article_entity_mentions ORDER BY article_id, '
                                   'idx, start'):
            ents[(r["article_id"], r["idx"])].mentions.append(
                Mention(r["article_id"], r["start"], r["end"], r["text"]))
        for r in self.conn.execute("SELECT * FROM article_values ORDER BY article_id, start"):
            out.setdefault(r["article_id"], Understanding()).values.append(
                ValueMention(r["start"], r["end"], r["text"], r["label"], r["value"]))
        for r in self.conn.execute("SELECT * FROM article_events ORDER BY article_id, idx"):
            out.setdefault(r["article_id"], Understanding()).events.append(ArticleEvent(
                r["type"], r["trigger"], r["trigger_start"], r["start"], r["end"],
                [tuple(p) for p in json.loads(r["participants"])], r["location"], r["date"]))
        return out

    def replace_resolution(self, entities: list[Entity], merges: list[tuple[str, MergeReason]],
                           events: list[Event]) -> None:
        """Replace the workspace entities and events in one transaction."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in ("mentions", "entity_merges", "event_participants", "event_mentions",
                          "events", "entities"):
                c.execute(f"DELETE FROM {table}")
            c.executemany("INSERT INTO entities(id, type, name, aliases) VALUES (?, ?, ?, ?)",
                          [(e.id, e.type, e.name, json.dumps(e.aliases, ensure_ascii=False))
                           for e in entities])
            c.executemany('INSERT INTO mentions(entity_id, article_id, start, "end", text) '
                          "VALUES (?, ?, ?, ?, ?)",
                          [(e.id, m.article_id, m.start, m.end, m.text) for e in entities
                           for m in e.mentions])
            c.executemany('INSERT INTO entity_merges(entity_id, alias, "of", reason) '
                          "VALUES (?, ?, ?, ?)",
                          [(eid, r.alias, r.of, r.reason) for eid, r in merges])
            c.executemany("INSERT INTO events(id, type, trigger, date, location_id) "
                          "VALUES (?, ?, ?, ?, ?)",
                          [(v.id, v.type, v.trigger, v.date, v.location_id) for v in events])
            c.executemany("INSERT INTO event_participants(event_id, entity_id, role) "
                          "VALUES (?, ?, ?)",
                          [(v.id, p.entity_id, p.role) for v in events for p in v.participants])
            c.executemany('INSERT INTO event_mentions(event_id, article_id, start, "end", text) '
                          "VALUES (?, ?, ?, ?, ?)",
                          [(v.id, m.article_id, m.start, m.end, m.text) for v in events
                           for m in v.mentions])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def entity(self, entity_id: str) -> Entity:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise UsageError(Errors.E018.format(id=entity_id, db=self.path))
        mentions = [Mention(r["article_id"], r["start"], r["end"], r["text"]) for r in
                    self.conn.execute('SELECT * FROM mentions WHERE entity_id = ? '
                                      'ORDER BY article_id, start', (entity_id,))]
        return Entity(row["id"], row["type"], row["name"], json.loads(row["aliases"]), mentions)

    def entity_summaries(self, type_: str | None = None) -> list[tuple[Entity, int, int]]:
        """(entity without mentions, mentions, articles), most mentioned first."""
        sql = ("SELECT e.id, e.type, e.name, e.aliases, count(*) AS n, "
               "count(DISTINCT m.article_id) AS a FROM entities e JOIN mentions m "
               "ON m.entity_id = e.id")
        args: tuple = ()
        if type_:
            sql += " WHERE e.type = ?"
            args = (type_.upper(),)
        sql += " GROUP BY e.id ORDER BY n DESC, e.name"
        return [(Entity(r["id"], r["type"], r["name"], json.loads(r["aliases"])), r["n"], r["a"])
                for r in self.conn.execute(sql, args)]

    def events_of(self, entity_id: str | None = None) -> list[Event]:
        events = self.events()
        if entity_id is None:
            return events
        return [v for v in events if v.location_id == entity_id
                or any(p.entity_id == entity_id for p in v.participants)]

    def outlets(self) -> dict[str, str | None]:
        return {r["id"]: r["outlet"] for r in self.conn.execute("SELECT id, outlet FROM articles")}

    def merges(self, entity_id: str) -> list[MergeReason]:
        return [MergeReason(r["alias"], r["of"], r["reason"]) for r in self.conn.execute(
            "SELECT * FROM entity_merges WHERE entity_id = ? ORDER BY rowid", (entity_id,))]

    # --- reading -------------------------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        rows = self.conn.execute(
            "SELECT * FROM articles ORDER BY source, ordinal, id").fetchall()
        captions = self._captions()
        for row in rows:
            yield self._article(row, captions.get(row["id"], []))

    def article(self, article_id: str) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise UsageError(Errors.E012.format(id=article_id, db=self.path))
        caps = self.conn.execute("SELECT text, credit FROM captions WHERE article_id = ? "
                                 "ORDER BY ordinal", (article_id,)).fetchall()
        return self._article(row, [Caption(r["text"], r["credit"]) for r in caps])

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def failures(self) -> list[Failure]:
        return [Failure(r["origin"], r["reason"], r["locator"]) for r in
                self.conn.execute("SELECT * FROM failures ORDER BY origin, rowid")]

    def _captions(self) -> dict[str, list[Caption]]:
        out: dict[str, list[Caption]] = {}
        for r in self.conn.execute("SELECT * FROM captions ORDER BY article_id, ordinal"):
            out.setdefault(r["article_id"], []).append(Caption(r["text"], r["credit"]))
        return out

    @staticmethod
    def _article(row: sqlite3.Row, captions: list[Caption]) -> Article:
        return Article(id=row["id"], source=row["source"], ordinal=row["ordinal"],
                       text=row["text"], title=row["title"], outlet=row["outlet"],
                       published=row["published"], byline=row["byline"],
                       dateline=row["dateline"], language=row["language"], url=row["url"],
                       fetched_at=row["fetched_at"], captions=captions,
                       story_id=row["story_id"])

    def entities(self) -> list[Entity]:
        mentions: dict[str, list[Mention]] = {}
        for r in self.conn.execute('SELECT * FROM mentions ORDER BY entity_id, article_id, start'):
            mentions.setdefault(r["entity_id"], []).append(
                Mention(r["article_id"], r["start"], r["end"], r["text"]))
        return [Entity(r["id"], r["type"], r["name"], json.loads(r["aliases"]),
                       mentions.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM entities ORDER BY id")]

    def events(self) -> list[Event]:
        parts: dict[str, list[Participant]] = {}
        for r in self.conn.execute("SELECT * FROM event_participants ORDER BY rowid"):
            parts.setdefault(r["event_id"], []).append(Participant(r["entity_id"], r["role"]))
        mentions: dict[str, list[Mention]] = {}
        for r in self.conn.execute("SELECT * FROM event_mentions ORDER BY event_id, article_id, start"):
            mentions.setdefault(r["event_id"], []).append(
                Mention(r["article_id"], r["start"], r["end"], r["text"]))
        return [Event(r["id"], r["type"], r["trigger"], r["date"], parts.get(r["id"], []),
                      r["location_id"], mentions.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM events ORDER BY id")]

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL "
                                   "ORDER BY id"):
            members.setdefault(r["story_id"], []).append(r["id"])
        return [Story(r["id"], r["title"], members.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM stories ORDER BY id")]

    def descriptors(self) -> list[Descriptor]:
        return [Descriptor(r["entity_id"], r["article_id"], r["text"], r["start"], r["end"])
                for r in self.conn.execute("SELECT * FROM descriptors ORDER BY article_id, start")]

    def quotes(self) -> list[Quote]:
        return [Quote(r["article_id"], r["speaker_id"], r["speaker"], r["text"], r["start"],
                      r["end"])
                for r in self.conn.execute("SELECT * FROM quotes ORDER BY article_id, start")]

    def discrepancies(self) -> list[Discrepancy]:
        claims: dict[str, list[Claim]] = {}
        for r in self.conn.execute("SELECT * FROM claims ORDER BY discrepancy_id, ordinal"):
            claims.setdefault(r["discrepancy_id"], []).append(
                Claim(r["value"], json.loads(r["article_ids"]), r["text"]))
        return [Discrepancy(r["id"], r["topic"], claims.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM discrepancies ORDER BY id")]


def group_by_source(articles: Iterable[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    for a in articles:
        out.setdefault(a.source, []).append(a)
    return out
