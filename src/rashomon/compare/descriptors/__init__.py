"""Descriptors: the words an article uses for an actor, with their loaded-language score.

Three kinds, read from the Understand stage's entities and events without a parser:

- ``premodifier``: the characterising words right before a name, after the determiner
  ("the Lebanese separatist militia Al-Faran" -> "Lebanese separatist militia");
- ``appositive``: the noun phrase set off by commas right after a name ("Al-Faran, a banned
  armed group, said" -> "a banned armed group");
- ``event-word``: the word for what was done to a victim or target: the trigger of a
  killing, attack or arrest event next to it ("assassinated X"), "the martyrdom of X",
  "the attack on X", "X's killing", "X was detained", "X, 24, died".

Each span is scored by :func:`score` with the lexicon of ``data/lexicon.toml``
(docs/lexicon.md); other entities' names inside a span are not scored. Every scan looks at
a bounded window around a mention or a trigger, so the work is linear in the text.

Public: :func:`find_descriptors`, :func:`score`, :func:`lexicon` (with :class:`Lexicon`)
and ``KINDS``. Modules: ``scoring`` (the lexicon and the score), ``limits`` (the
thresholds), ``words`` (closed word classes and word tests), ``index`` (mentions and
sentences by position), ``premodifiers``, ``appositives`` and ``event_words`` (the three
kinds).
"""

from __future__ import annotations

from ...model import ArticleDescriptor, ArticleEntity, ArticleEvent
from .appositives import _appositive
from .event_words import _actives, _after_name, _from_events, _noun_forms
from .index import _Index
from .premodifiers import _premodifier
from .scoring import Lexicon, lexicon, score

__all__ = ["KINDS", "Lexicon", "find_descriptors", "lexicon", "score"]

KINDS = ("premodifier", "appositive", "event-word")


def find_descriptors(text: str, sentences: list[tuple[int, int]], entities: list[ArticleEntity],
                     events: list[ArticleEvent]) -> list[ArticleDescriptor]:
    """Every descriptor of the article's entities, sorted by start (then end, entity).

    ``sentences`` are character ranges of ``text``; ``entities`` and ``events`` are the
    Understand stage's (events' participants index ``entities``).
    """
    ix = _Index(text, sentences, entities)
    found: dict[tuple[int, int, int], str] = {}
    for m in ix.mentions:
        if ix.modifier(m):
            continue  # "Iran-backed", "US withdrawal": the name modifies something else
        # a nationality heads a phrase only as a plural noun ("radical Islamists")
        span = _premodifier(ix, m) if m.label != "NORP" or text[m.end - 1] == "s" else None
        if span:
            found.setdefault((m.entity, *span), "premodifier")
        appositive = _appositive(ix, m)
        if appositive:
            found.setdefault((m.entity, appositive[0], appositive[1]), "appositive")
        closing = appositive[1] + 1 if appositive and appositive[2] == "," else None
        for pos in (m.end, closing):  # "X was detained", "X, a lawyer, was detained"
            verb = _after_name(ix, pos) if pos is not None else None
            if verb:
                found.setdefault((m.entity, *verb), "event-word")
    for key in _from_events(ix, events) + _noun_forms(ix) + _actives(ix):
        found.setdefault(key, "event-word")
    out = []
    for (entity, start, end), kind in found.items():
        value, terms = score(ix.masked(start, end, entity))
        out.append(ArticleDescriptor(entity, start, end, text[start:end], kind, value, terms))
    out.sort(key=lambda d: (d.start, d.end, d.entity, d.kind))
    return out
