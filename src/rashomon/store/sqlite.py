"""The SQLite store: one transaction per input file, content-hash ids, nothing half-written."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources

from ..errors import Errors, UsageError
from ..model import (
    Article,
    ArticleClaim,
    ArticleDescriptor,
    ArticleEntity,
    ArticleEvent,
    ArticleQuote,
    Caption,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Failure,
    Mention,
    MergeReason,
    Participant,
    Quote,
    Story,
    StoryRelation,
    Understanding,
    ValueMention,
)

SCHEMA_VERSION = "2"
#: How a store of an earlier schema becomes the current one, in one transaction. Version 1
#: held the Compare tables without their columns; they only ever held derived rows (rebuilt
#: by every ``analyze``), so they are dropped and made anew. Articles are untouched.
MIGRATIONS = {
    "1": ("DROP TABLE IF EXISTS claims", "DROP TABLE IF EXISTS discrepancies",
          "DROP TABLE IF EXISTS quotes", "DROP TABLE IF EXISTS descriptors"),
}
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
            names = dict(conn.execute("SELECT name, type FROM sqlite_master").fetchall())
            tables = {n for n, kind in names.items() if kind == "table"}
            if tables and "meta" not in tables:
                raise UsageError(Errors.E011.format(db=path, detail="it has other tables"))
            migrate: tuple[str, ...] = ()
            version = None
            if "meta" in tables:
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                version = row[0] if row else "?"
                if version != SCHEMA_VERSION and version not in MIGRATIONS:
                    raise UsageError(Errors.E011.format(
                        db=path, detail=f"schema {version}, expected {SCHEMA_VERSION}"))
                migrate = MIGRATIONS.get(version, ())
            # every statement is IF NOT EXISTS: a store made by an earlier release gains the
            # tables of later stages, and nothing it holds changes
            script = resources.files(__package__).joinpath("schema.sql").read_text("utf-8")
            if version == SCHEMA_VERSION and set(_SCHEMA_NAME.findall(script)) <= set(names) \
                    and conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                # nothing to create: opening a store to read it writes nothing (these two
                # settings belong to the connection, not the file)
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
                return cls(conn, path)
            conn.execute("BEGIN")
            for statement in migrate:
                conn.execute(statement)
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)",
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
        c.executemany(
            'INSERT INTO article_quotes(article_id, start, "end", text, kind, speaker, '
            "speaker_text, cue, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_text, q.cue, q.source)
             for q in u.quotes])
        c.executemany(
            'INSERT INTO article_descriptors(article_id, entity, start, "end", text, kind, '
            "score, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, d.entity, d.start, d.end, d.text, d.kind, d.score,
              json.dumps(d.terms, ensure_ascii=False)) for d in u.descriptors])
        c.executemany(
            'INSERT INTO article_claims(article_id, start, "end", text, kind, topic, label, '
            "value, number, qualifier, sent_start, sent_end, entities) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, x.start, x.end, x.text, x.kind, x.topic, x.label, x.value, x.number,
              x.qualifier, x.sent_start, x.sent_end, json.dumps(x.entities)) for x in u.claims])

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
        for r in self.conn.execute('SELECT * FROM article_quotes ORDER BY article_id, start, "end", kind'):
            out.setdefault(r["article_id"], Understanding()).quotes.append(ArticleQuote(
                r["start"], r["end"], r["text"], r["kind"], r["speaker"], r["speaker_text"],
                r["cue"], r["source"]))
        for r in self.conn.execute('SELECT * FROM article_descriptors ORDER BY article_id, start, "end", entity, kind'):
            out.setdefault(r["article_id"], Understanding()).descriptors.append(
                ArticleDescriptor(r["entity"], r["start"], r["end"], r["text"], r["kind"],
                                  r["score"], json.loads(r["terms"])))
        for r in self.conn.execute('SELECT * FROM article_claims ORDER BY article_id, start, "end"'):
            out.setdefault(r["article_id"], Understanding()).claims.append(ArticleClaim(
                r["start"], r["end"], r["text"], r["kind"], r["topic"], r["label"], r["value"],
                r["number"], r["qualifier"], r["sent_start"], r["sent_end"],
                json.loads(r["entities"])))
        return out

    def replace_comparison(self, stories: list[Story], descriptors: list[Descriptor],
                           quotes: list[Quote], discrepancies: list[Discrepancy],
                           facts: list[Fact], coverage: list[CoverageRow]) -> None:
        """Replace the workspace's stories and everything compared within them, in one
        transaction (articles gain their ``story_id``)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in ("story_relations", "stories", "descriptors", "quotes", "claims",
                          "discrepancies", "facts", "coverage"):
                c.execute(f"DELETE FROM {table}")
            c.execute("UPDATE articles SET story_id = NULL")
            c.executemany("INSERT INTO stories(id, title) VALUES (?, ?)",
                          [(st.id, st.title) for st in stories])
            c.executemany("UPDATE articles SET story_id = ? WHERE id = ?",
                          [(st.id, aid) for st in stories for aid in st.article_ids])
            c.executemany("INSERT INTO story_relations(story_id, other_id, relation, shared) "
                          "VALUES (?, ?, ?, ?)",
                          [(st.id, r.story_id, r.relation, _js(r.shared)) for st in stories
                           for r in st.related])
            c.executemany('INSERT INTO descriptors(entity_id, article_id, text, start, "end", '
                          "kind, score, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(d.entity_id, d.article_id, d.text, d.start, d.end, d.kind, d.score,
                            _js(d.terms)) for d in descriptors])
            c.executemany('INSERT INTO quotes(article_id, speaker_id, speaker, text, start, '
                          '"end", kind, cue, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                          [(q.article_id, q.speaker_id, q.speaker, q.text, q.start, q.end,
                            q.kind, q.cue, q.source) for q in quotes])
            c.executemany("INSERT INTO discrepancies(id, topic, story_id, kind, status) "
                          "VALUES (?, ?, ?, ?, ?)",
                          [(d.id, d.topic, d.story_id, d.kind, d.status) for d in discrepancies])
            c.executemany("INSERT INTO claims(discrepancy_id, ordinal, value, article_ids, text, "
                          "mentions, number, qualifier, outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [(d.id, k, x.value, _js(x.article_ids), x.text, _mentions(x.mentions),
                            x.number, x.qualifier, _js(x.outlets))
                           for d in discrepancies for k, x in enumerate(d.claims)])
            c.executemany("INSERT INTO facts(id, story_id, topic, kind, value, article_ids, "
                          "outlets, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(f.id, f.story_id, f.topic, f.kind, f.value, _js(f.article_ids),
                            _js(f.outlets), _mentions(f.mentions)) for f in facts])
            ordinal: dict[str, int] = {}
            rows = []
            for row in coverage:
                k = ordinal[row.story_id] = ordinal.get(row.story_id, -1) + 1
                cells = {a: [[m.start, m.end, m.text] for m in ms] for a, ms in row.cells.items()}
                rows.append((row.story_id, k, row.item_id, row.kind, row.label, _js(cells)))
            c.executemany("INSERT INTO coverage(story_id, ordinal, item_id, kind, label, cells) "
                          "VALUES (?, ?, ?, ?, ?, ?)", rows)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

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
        """Every event, or those the entity takes part in or that happen at it."""
        return self.events(entity_id)

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

    def events(self, entity_id: str | None = None) -> list[Event]:
        """Every event, or only those of one entity (participant or location)."""
        ids = ""
        args: tuple = ()
        if entity_id is not None:
            ids = (" WHERE event_id IN (SELECT event_id FROM event_participants WHERE "
                   "entity_id = ? UNION SELECT id FROM events WHERE location_id = ?)")
            args = (entity_id, entity_id)
        parts: dict[str, list[Participant]] = {}
        for r in self.conn.execute(f"SELECT * FROM event_participants{ids} ORDER BY rowid", args):
            parts.setdefault(r["event_id"], []).append(Participant(r["entity_id"], r["role"]))
        mentions: dict[str, list[Mention]] = {}
        for r in self.conn.execute(f"SELECT * FROM event_mentions{ids} "
                                   "ORDER BY event_id, article_id, start", args):
            mentions.setdefault(r["event_id"], []).append(
                Mention(r["article_id"], r["start"], r["end"], r["text"]))
        where = ids.replace("WHERE event_id IN", "WHERE id IN")
        return [Event(r["id"], r["type"], r["trigger"], r["date"], parts.get(r["id"], []),
                      r["location_id"], mentions.get(r["id"], []))
                for r in self.conn.execute(f"SELECT * FROM events{where} ORDER BY id", args)]

    def stories(self, story_id: str | None = None) -> list[Story]:
        """Every story (or the one asked for) with its articles, outlets, date range and
        related stories."""
        one = " AND story_id = ?" if story_id is not None else ""
        args: tuple = (story_id,) if story_id is not None else ()
        members: dict[str, list[sqlite3.Row]] = {}
        for r in self.conn.execute("SELECT id, story_id, outlet, published FROM articles "
                                   f"WHERE story_id IS NOT NULL{one} ORDER BY published, id",
                                   args):
            members.setdefault(r["story_id"], []).append(r)
        related: dict[str, list[StoryRelation]] = {}
        for r in self.conn.execute("SELECT * FROM story_relations WHERE 1" + one
                                   + " ORDER BY rowid", args):
            related.setdefault(r["story_id"], []).append(
                StoryRelation(r["other_id"], r["relation"], json.loads(r["shared"])))
        out = []
        where = " WHERE id = ?" if story_id is not None else ""
        for r in self.conn.execute(f"SELECT * FROM stories{where} ORDER BY id", args):
            rows = members.get(r["id"], [])
            dates = sorted(x["published"] for x in rows if x["published"])
            outlets = sorted({x["outlet"] for x in rows if x["outlet"]})
            out.append(Story(r["id"], r["title"], sorted(x["id"] for x in rows), outlets,
                             dates[0] if dates else None, dates[-1] if dates else None,
                             related.get(r["id"], [])))
        return out

    def story(self, story_id: str) -> Story:
        found = self.stories(story_id)
        if not found:
            raise UsageError(Errors.E019.format(id=story_id, db=self.path))
        return found[0]

    def descriptors(self, entity_id: str | None = None,
                    article_ids: Iterable[str] | None = None) -> list[Descriptor]:
        sql, args = _where("SELECT * FROM descriptors", entity_id=entity_id,
                           article_id=article_ids)
        return [Descriptor(r["entity_id"], r["article_id"], r["text"], r["start"], r["end"],
                           r["kind"], r["score"], json.loads(r["terms"]))
                for r in self.conn.execute(sql + ' ORDER BY article_id, start, "end", entity_id, kind',
                                                  args)]

    def quotes(self, article_ids: Iterable[str] | None = None,
               speaker_id: str | None = None) -> list[Quote]:
        sql, args = _where("SELECT * FROM quotes", speaker_id=speaker_id, article_id=article_ids)
        return [Quote(r["article_id"], r["speaker_id"], r["speaker"], r["text"], r["start"],
                      r["end"], r["kind"], r["cue"], r["source"])
                for r in self.conn.execute(sql + ' ORDER BY article_id, start, "end", kind',
                                           args)]

    def discrepancies(self, story_id: str | None = None) -> list[Discrepancy]:
        sql, args = _where("SELECT * FROM discrepancies", story_id=story_id)
        rows = self.conn.execute(sql + " ORDER BY story_id, id", args).fetchall()
        claims: dict[str, list[Claim]] = {}
        csql = "SELECT * FROM claims"
        cargs: tuple = ()
        if story_id is not None:
            csql += " WHERE discrepancy_id IN (SELECT id FROM discrepancies WHERE story_id = ?)"
            cargs = (story_id,)
        for r in self.conn.execute(csql + " ORDER BY discrepancy_id, ordinal", cargs):
            claims.setdefault(r["discrepancy_id"], []).append(
                Claim(r["value"], json.loads(r["article_ids"]), r["text"],
                      _read_mentions(r["mentions"]), r["number"], r["qualifier"],
                      json.loads(r["outlets"])))
        return [Discrepancy(r["id"], r["topic"], claims.get(r["id"], []), r["story_id"],
                            r["kind"], r["status"]) for r in rows]

    def facts(self, story_id: str | None = None) -> list[Fact]:
        sql, args = _where("SELECT * FROM facts", story_id=story_id)
        return [Fact(r["id"], r["story_id"], r["topic"], r["kind"], r["value"],
                     json.loads(r["article_ids"]), json.loads(r["outlets"]),
                     _read_mentions(r["mentions"]))
                for r in self.conn.execute(sql + " ORDER BY story_id, id", args)]

    def coverage(self, story_id: str | None = None) -> list[CoverageRow]:
        sql, args = _where("SELECT * FROM coverage", story_id=story_id)
        out = []
        for r in self.conn.execute(sql + " ORDER BY story_id, ordinal", args):
            cells = {a: [Mention(a, s, e, t) for s, e, t in ms]
                     for a, ms in json.loads(r["cells"]).items()}
            out.append(CoverageRow(r["story_id"], r["item_id"], r["kind"], r["label"], cells))
        return out


_SCHEMA_NAME = re.compile(r"CREATE\s+(?:TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\s+(\w+)", re.I)


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _mentions(mentions: list[Mention]) -> str:
    return _js([[m.article_id, m.start, m.end, m.text] for m in mentions])


def _read_mentions(raw: str) -> list[Mention]:
    return [Mention(*m) for m in json.loads(raw)]


def _where(sql: str, **filters: object) -> tuple[str, list]:
    """``sql`` with ``WHERE column = ?`` for each filter given (a list: ``IN (...)``)."""
    clauses, args = [], []
    for column, value in filters.items():
        if value is None:
            continue
        if isinstance(value, str):
            clauses.append(f"{column} = ?")
            args.append(value)
        else:
            values = list(value)
            clauses.append(f"{column} IN ({','.join('?' * len(values))})" if values else "0")
            args.extend(values)
    return (sql + " WHERE " + " AND ".join(clauses) if clauses else sql), args


def group_by_source(articles: Iterable[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    for a in articles:
        out.setdefault(a.source, []).append(a)
    return out
