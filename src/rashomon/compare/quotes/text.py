"""Small text helpers of quote finding: trimming spans, counting words, the word before a
position, abbreviations and sentence ends."""

from __future__ import annotations

import re

from .lexicon import _lexicon

_WORD = re.compile(r"\S+")
_TERM = re.compile(r"[.!?]+[\"”’')\]]*(?:\s+(?=[\"“‘'(\[]?[A-Z0-9])|\s*$)")
_STRIP = " \t\n,;:\"“”‘’'()[]—–-"


def _split_sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    for m in _TERM.finditer(text, lo, hi):
        if not _abbreviation(text, lo, m.start()):
            out.append(_trim(text, lo, m.end(), comma=False))
            lo = m.end()
    if lo < hi:
        out.append((lo, hi))
    return out


def _trim(text: str, lo: int, hi: int, comma: bool = True) -> tuple[int, int]:
    """``lo``/``hi`` moved inside whitespace (and a trailing comma)."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or (comma and text[hi - 1] == ",")):
        hi -= 1
    return lo, hi


def _strip_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in _STRIP:
        lo += 1
    while hi > lo and text[hi - 1] in _STRIP:
        hi -= 1
    return lo, hi


def _count_words(text: str, lo: int, hi: int, limit: int) -> int:
    """The number of words in ``text[lo:hi]``, counted up to ``limit + 1``."""
    n = 0
    for _ in _WORD.finditer(text, lo, hi):
        n += 1
        if n > limit:
            break
    return n


def _word_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The span of the last word ending at or before ``pos`` (not before ``lo``)."""
    e = pos
    while e > lo and text[e - 1].isspace():
        e -= 1
    s = e
    while s > lo and not text[s - 1].isspace():
        s -= 1
    return (s, e) if s < e else None


def _bare_word(word: str) -> str:
    return word.strip(_STRIP + ".!?").lower()


def _abbreviation(text: str, lo: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Gen.", "U.S.")."""
    w = _word_before(text, max(lo, dot - 12), dot)
    if w is None:
        return False
    word = text[w[0]:w[1]].lstrip(_STRIP)
    return word in _lexicon().words["abbreviations"] or (len(word) == 1 and word.isupper())


def _clause_end(text: str, lo: int, hi: int) -> int:
    """Where the sentence that runs from ``lo`` ends (``hi`` at most)."""
    for m in _TERM.finditer(text, lo, hi):
        if not _abbreviation(text, lo, m.start()):
            return m.start()
    return hi


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s")
