"""The one data model every stage, the store and the exports share.

A raw input becomes one or more :class:`Page` objects (ingest); the Clean stage turns a
page into :class:`Article` objects; later stages add layers (mentions, events, quotes...)
that point into ``Article.text`` by character offsets (``start`` inclusive, ``end``
exclusive, Python ``str`` indices), exactly as the export contract
(``rashomon.export/1``) describes. Field names follow the contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def stable_id(prefix: str, *parts: str) -> str:
    """A content-hash id: the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Page:
    """One raw page as read from an input, before cleaning.

    ``source`` is the path or URL exactly as given (a JSONL or WARC record's URL).
    ``origin`` is the file it came from (the unit of one store transaction) and
    ``locator`` where in that file (``line 12``, ``record 3``), for error messages.
    """

    source: str
    origin: str
    text: str
    media_type: str  # "text/html" or "text/plain"
    url: str | None = None
    fetched_at: str | None = None
    locator: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return stable_id("", self.text)


@dataclass(slots=True)
class Caption:
    """A photo caption kept apart from the body (with its credit when one is given)."""

    text: str
    credit: str | None = None


@dataclass(slots=True)
class Mention:
    """A span of an article's cleaned text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Participant:
    entity_id: str
    role: str


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: str
    date: str | None = None
    participants: list[Participant] = field(default_factory=list)
    location_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Descriptor:
    entity_id: str
    article_id: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    article_id: str
    speaker_id: str | None
    speaker: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Claim:
    value: str
    article_ids: list[str]
    text: str


@dataclass(slots=True)
class Discrepancy:
    id: str
    topic: str
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class MergeReason:
    """Why ``alias`` was taken for the same entity as ``of``."""

    alias: str
    of: str
    reason: str


@dataclass(slots=True)
class ArticleEntity:
    """One entity as one article names it (before resolution across articles)."""

    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    reasons: list[MergeReason] = field(default_factory=list)
    weak: bool = False  # typed by default, with no evidence of its own


@dataclass(slots=True)
class ValueMention:
    """A DATE, MONEY or QUANTITY expression with its normalised value."""

    start: int
    end: int
    text: str
    label: str
    value: str | None


@dataclass(slots=True)
class ArticleEvent:
    """An event as one sentence of one article tells it; participants and location are
    indices into the article's entities."""

    type: str
    trigger: str
    trigger_start: int
    start: int
    end: int
    participants: list[tuple[int, str]] = field(default_factory=list)
    location: int | None = None
    date: str | None = None


@dataclass(slots=True)
class Understanding:
    """The Understand stage's layer on an article."""

    entities: list[ArticleEntity] = field(default_factory=list)
    values: list[ValueMention] = field(default_factory=list)
    events: list[ArticleEvent] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A cleaned article: body text plus the metadata recovered from its page.

    ``ordinal`` is the article's position on its page (pages may hold several articles).
    """

    id: str
    source: str
    ordinal: int
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str = "en"
    url: str | None = None
    fetched_at: str | None = None
    captions: list[Caption] = field(default_factory=list)
    story_id: str | None = None
    understanding: Understanding | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    @classmethod
    def make_id(cls, source: str, ordinal: int, title: str | None, text: str) -> str:
        return stable_id("a", source, str(ordinal), title or "", text)

    def to_export(self) -> dict[str, Any]:
        """The article as the export contract writes it (plus additive fields)."""
        data = asdict(self)
        del data["ordinal"], data["understanding"]
        order = ("id", "source", "title", "outlet", "published", "language", "text",
                 "story_id")
        return {k: data[k] for k in order} | {k: v for k, v in data.items() if k not in order}


@dataclass(slots=True)
class Failure:
    """An input that could not be analysed: the file (and place) and the reason."""

    origin: str
    reason: str
    locator: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.locator}" if self.locator else self.origin
        return f"{where}: {self.reason}"
