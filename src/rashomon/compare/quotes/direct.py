"""Direct quotes: the text between paired quote marks, scare quotes left out, and its
attribution (a cue right before it, right after it or earlier in its sentence)."""

from __future__ import annotations

import re

from .cues import _cue_text, _speaker_span, _take_cue
from .doc import _Doc, _Draft, _Marks
from .limits import (
    ADJACENT_MAX_WORDS,
    AFTER_MAX_CHARS,
    BEFORE_MAX_CHARS,
    MAX_SPEAKER_WORDS,
    SCARE_MAX_WORDS,
)
from .marks import _introduced
from .sources import _source
from .text import _TERM, _abbreviation, _clause_end, _count_words, _trim

_GAP = re.compile(r"[^\S\n]*(?:[,—–-]+[^\S\n]*)?")


def _direct_quotes(doc: _Doc) -> list[_Draft]:
    out = []
    for marks in doc.marks:
        start, end = _trim(doc.text, marks.open + 1, marks.close)
        if start >= end:
            continue
        d = _Draft(start, end, "direct", (marks.first_para, marks.last_para), anchor=end)
        how = _attribute_direct(doc, marks, d)
        whole = _introduced(doc.text, doc.paras[marks.first_para][0], marks.open)
        short = _count_words(doc.text, start, end, SCARE_MAX_WORDS) <= SCARE_MAX_WORDS
        if short and not (how == "before" or (how == "after" and whole)):
            continue
        if how in ("before", "next") or (how == "after" and whole):
            doc.used.add(d.cue_at)            # a partial quote's cue also reports its clause
        elif how is None:
            d.inherit = "paragraph" if whole else "sentence"
        if whole:
            first = d.cue_at if how in ("before", "next") and d.cue_at >= 0 else marks.open
            doc.direct.append((d.start, d.end, first))
        out.append(d)
    return out


def _attribute_direct(doc: _Doc, marks: _Marks, d: _Draft) -> str | None:
    """Fill the quote's cue, speaker phrase and source; returns where they were found:
    "before" (right before it, then a colon or comma), "next" (right before it), "after",
    "sentence" (earlier in its sentence) or None."""
    lo = _sentence_start(doc, marks.open)
    cue = None
    for m in doc.lex.cue.finditer(doc.text, lo, marks.open):
        if not doc.in_quote(m.start()):
            cue = m
    adjacent = _adjacent(doc.text, cue.end(), marks.open) if cue is not None else None
    if adjacent and _take_cue(doc, d, cue, lo, marks.open):
        d.source = d.source or _source(doc, lo, marks.open)
        return adjacent
    if marks.closed and _after(doc, marks, d):
        return "after"
    if cue is not None and _take_cue(doc, d, cue, lo, marks.open):
        d.source = d.source or _source(doc, lo, marks.open)
        return "sentence"
    return None


def _sentence_start(doc: _Doc, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (sentence ends inside quotes don't count)."""
    lo = max(doc.paras[doc.para_of(pos)][0], pos - BEFORE_MAX_CHARS)
    start = lo
    for m in _TERM.finditer(doc.text, lo, pos):
        if not doc.in_quote(m.start()) and not _abbreviation(doc.text, lo, m.start()):
            start = m.end()
    return start


def _adjacent(text: str, cue_end: int, mark: int) -> str | None:
    """Whether the cue introduces the quote: "before" when a colon or a comma ends what is
    between them (a listener or adverbials: "told reporters in Paris: "), "next" when
    nothing or "that" is between them ('vowed "harsh retaliation"'), else None."""
    between = text[cue_end:mark].strip()
    if not between or between == "that":
        return "next"
    if _count_words(text, cue_end, mark, ADJACENT_MAX_WORDS) > ADJACENT_MAX_WORDS:
        return None
    if between[-1] in ":,—–":
        return "before"
    return "next" if between.endswith(" that") else None


def _after(doc: _Doc, marks: _Marks, d: _Draft) -> bool:
    """An attribution right after the closing mark: '," Smith said', '," said Smith, the
    minister', '," he told Reuters', '," according to the ministry'."""
    text, lex = doc.text, doc.lex
    k = marks.close - 1
    while k > marks.open and text[k].isspace():
        k -= 1
    limit = min(doc.paras[marks.last_para][1], marks.close + 1 + AFTER_MAX_CHARS,
                doc.next_mark(marks.close))
    gap = _GAP.match(text, marks.close + 1, limit)
    pos = gap.end()
    if text[k] not in ",?!—–-" and not any(c in gap.group() for c in ",—–-"):
        return False
    end = _clause_end(text, pos, limit)
    m = lex.cue.search(text, pos, end)
    if m is None or m.group("verb") in lex.participle:
        return False
    if m.start() != pos and (m.group("acc") or _count_words(
            text, pos, m.start(), MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS):
        return False
    # '," said Smith' / '," according to X' / '," Smith said' / '," X was quoted as saying'
    phrase = _speaker_span(doc, m, pos, end, after=m.start() == pos)
    if phrase is None:
        return False
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    d.source = _source(doc, pos, end)
    d.anchor = end
    return True
