"""Small helpers the Compare step's aligners share: words, sentences, days, outlets."""

from __future__ import annotations

import re
from datetime import date

from ..model import Understanding

WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]+")
NAMED = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


def stem(word: str) -> str:
    for suffix in ("ments", "ment", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def outlets(ids: list[str], articles) -> list[str]:
    return sorted({articles[a].outlet or articles[a].source for a in ids})


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_at(text: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around position ``at``, inside ``lo``..``hi``."""
    a = lo
    for m in _SENTENCE_END.finditer(text, lo, at):
        a = m.end()
    m = _SENTENCE_END.search(text, at, hi)
    b = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else hi)
    return a, b


def mention_in(u: Understanding, k: int, lo: int, hi: int, near: int) -> int | None:
    """Where entity ``k`` is named inside ``lo``..``hi``, nearest ``near``."""
    spots = [m.start for m in u.entities[k].mentions if lo <= m.start < hi]
    return min(spots, key=lambda x: (abs(x - near), x)) if spots else None


def days_apart(values) -> int:
    days = [date.fromisoformat(v).toordinal() for v in values]
    return max(days) - min(days)
