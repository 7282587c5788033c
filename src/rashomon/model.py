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
    #: metadata the input itself gives (a JSONL record's title, outlet, published, author):
    #: taken over what the page's text suggests, when the page holds one article
    hints: tuple[tuple[str, str], ...] = ()

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
class StoryRelation:
    """Another story about the same actors, and what it is to this one: ``follow-up`` (it
    came later), ``earlier`` (it came before) or ``related`` (dates unknown); ``shared``
    holds the entities both stories name."""

    story_id: str
    relation: str
    shared: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Articles that report the same story, across outlets and days."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first: str | None = None          # earliest publication date of its articles
    last: str | None = None
    related: list[StoryRelation] = field(default_factory=list)


@dataclass(slots=True)
class Descriptor:
    """How one article names or characterises one entity: an appositive ("Hezbollah, an
    Iranian proxy"), a pre-modifier ("the Lebanese terror group Hezbollah"), or the word
    chosen for what was done to it ("martyrdom", "assassinated").

    ``score`` is the loaded-language score of the span (negative: delegitimising,
    positive: legitimising or sympathetic, 0: neutral); ``terms`` the lexicon entries hit,
    as ``"word:category"``."""

    entity_id: str
    article_id: str
    text: str
    start: int
    end: int
    kind: str = "premodifier"         # premodifier | appositive | event-word | predicate
    score: float = 0.0
    terms: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """A direct quote or reported speech; ``start``/``end`` cover the quoted words (for
    reported speech: the reported clause). A news agency credited for a quote is its
    ``source``, not its speaker."""

    article_id: str
    speaker_id: str | None
    speaker: str | None
    text: str
    start: int
    end: int
    kind: str = "direct"              # direct | reported
    cue: str | None = None            # said, told, according to...
    source: str | None = None         # the agency or outlet credited ("told Reuters")


@dataclass(slots=True)
class Claim:
    """One value stated for a topic, by the articles in ``article_ids``; ``mentions`` are
    the exact sentences, one per article."""

    value: str
    article_ids: list[str]
    text: str
    mentions: list[Mention] = field(default_factory=list)
    number: float | None = None       # the value as a number, when it is one
    qualifier: str | None = None      # about | more than | at least | up to ...
    outlets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Discrepancy:
    """Outlets state different values for the same thing.

    ``status``: ``contradiction`` (the values cannot both hold), ``approximate`` (they differ
    but a rounding word makes them compatible), ``update`` (explained by time: a later
    report of a growing count)."""

    id: str
    topic: str
    claims: list[Claim] = field(default_factory=list)
    story_id: str | None = None
    kind: str = "count"  # count | money | percent | measure:<family> | date | place | agent | title
    status: str = "contradiction"


@dataclass(slots=True)
class Fact:
    """A claim on which the outlets that state it agree (corroborated by ``len(outlets)``)."""

    id: str
    story_id: str
    topic: str
    kind: str
    value: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class CoverageRow:
    """One event or key claim of a story and which of its articles report it.

    ``item_id`` is an event id (``v...``), a fact id (``f...``) or a discrepancy id
    (``d...``); ``cells`` maps each article of the story to the sentences reporting the item
    there (empty: the article leaves it out)."""

    story_id: str
    item_id: str
    kind: str                         # event | fact | discrepancy
    label: str
    cells: dict[str, list[Mention]] = field(default_factory=dict)

    @property
    def reported_by(self) -> list[str]:
        return sorted(a for a, m in self.cells.items() if m)


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
class ArticleQuote:
    """A quote as one article gives it; ``speaker`` is an index into the article's
    entities (None: unattributed or not a named entity, ``speaker_text`` then says who)."""

    start: int
    end: int
    text: str
    kind: str = "direct"
    speaker: int | None = None
    speaker_text: str | None = None
    cue: str | None = None
    source: str | None = None


@dataclass(slots=True)
class ArticleDescriptor:
    """A descriptor of the article's entity number ``entity``."""

    entity: int
    start: int
    end: int
    text: str
    kind: str = "premodifier"
    score: float = 0.0
    terms: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArticleClaim:
    """A stated value (count, money, date) with what it counts: ``topic`` is a normalised
    key ("troops", "killed people"), ``label`` a readable one; ``entities`` the article's
    entities named in the same sentence; ``sent_start``/``sent_end`` the sentence."""

    start: int
    end: int
    text: str
    kind: str                         # count | money | date
    topic: str
    label: str
    value: str
    number: float | None = None
    qualifier: str | None = None
    sent_start: int = 0
    sent_end: int = 0
    entities: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Understanding:
    """The article-level layers of Understand (entities, values, events) and Compare
    (quotes, descriptors, claims). ``sentences`` is transient (not stored)."""

    entities: list[ArticleEntity] = field(default_factory=list)
    values: list[ValueMention] = field(default_factory=list)
    events: list[ArticleEvent] = field(default_factory=list)
    quotes: list[ArticleQuote] = field(default_factory=list)
    descriptors: list[ArticleDescriptor] = field(default_factory=list)
    claims: list[ArticleClaim] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


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
