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
    Caption,
    Claim,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Failure,
    Mention,
    Participant,
    Quote,
    Story,
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
            else:
                script = resources.files(__package__).joinpath("schema.sql").read_text("utf-8")
                conn.execute("BEGIN")
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
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
