"""Appositives: the noun phrase set off by commas right after a name ("Al-Faran, a banned
armed group, said" -> "a banned armed group"), not a clause, a list of names, a place,
a date or an age."""

from __future__ import annotations

import re

from ...understand.resources import fold
from .index import _Index, _Mention
from .limits import APPOS_MAX_WORDS, APPOS_WINDOW, LIST_TAIL_WORDS, PREMOD_WINDOW
from .words import (
    _ABBREV,
    _CLOSERS,
    _CONJUNCTIONS,
    _DASHES,
    _DATE_WORDS,
    _DETERMINERS,
    _FINITE,
    _INTRODUCTORY,
    _PRESENT_VERBS,
    _QUOTES,
    _RELATIVES,
    _chunks,
    _is_demonym,
    _stop_word,
    _title_words,
    _verb_like,
    _word,
)

_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|added|reported|according|stated|"
                        r"confirmed|announced|noted|insisted|wrote|explained)\b", re.I)


def _appositive(ix: _Index, m: _Mention, skip_age: bool = True) -> tuple[int, int, str] | None:
    """The noun phrase between commas right after mention ``m``'s name, and its closing
    mark."""
    text = ix.text
    opened = re.match(r",\s+", text[m.end:m.end + 4])
    if not opened or ix.modifier(m) or _introductory(ix, m):
        return None
    p_start = m.end + opened.end()
    s_end = min(ix.sentence(m.start)[1], p_start + APPOS_WINDOW)
    closing = _phrase_end(text, p_start, s_end)
    if closing is None:
        return None
    p_end, closer = closing
    if skip_age and re.fullmatch(r"\d{1,3}", text[p_start:p_end]) and closer == ",":
        return _appositive(ix, _Mention(m.start, p_end, m.entity, m.label), skip_age=False)
    if closer == "," and _list_tail(text, p_end + 1, s_end):
        return None
    return (p_start, p_end, closer) if _noun_phrase(ix, p_start, p_end) else None


def _introductory(ix: _Index, m: _Mention) -> bool:
    """"In Lyon, families waded...": the comma closes an opening phrase, not a name."""
    s_start = ix.sentence(m.start)[0]
    if m.start - s_start > PREMOD_WINDOW:
        return False
    opener = ix.text[s_start:m.start].split()
    return 0 < len(opener) <= 3 and _word(opener[0]) in _INTRODUCTORY and all(
        w[:1].islower() for w in opener[1:])  # "In Lyon,", "In flood-hit Lyon,"


def _phrase_end(text: str, start: int, limit: int) -> tuple[int, str] | None:
    """Where the phrase from ``start`` closes (a comma, a dash, the sentence's full stop; not
    inside brackets) and the closing mark."""
    chunks = _chunks(text, start, limit)
    depth = 0
    for n, (cs, _, chunk) in enumerate(chunks[:APPOS_MAX_WORDS]):
        core = chunk.rstrip(_QUOTES)
        depth += core.count("(") - core.count(")")
        if depth < 0:
            return cs + core.index(")"), ")"  # the bracket around the name closes
        if depth > 0:
            continue
        if core in _DASHES:
            return cs, core
        last = n == len(chunks) - 1
        if core.endswith(_CLOSERS) or core.endswith(".") and (
                last or not _ABBREV.fullmatch(core)):
            return cs + len(core) - 1, core[-1]
        if last:
            return None  # no closing mark: a heading or a cut text
    return None


def _list_tail(text: str, start: int, limit: int) -> bool:
    """Is the segment after an appositive's comma the end of a list ("X, its agents, partners
    and interests.")?"""
    segment = re.match(r"[^,;.]*[,;.]?", text[start:limit]).group(0)
    words = [_word(w) for w in segment.split()]
    return len(words) <= LIST_TAIL_WORDS and any(w in _CONJUNCTIONS for w in words) and (
        not segment.endswith(",") or start + len(segment) >= limit)


def _noun_phrase(ix: _Index, start: int, end: int) -> bool:
    """Is text[start:end] a describing noun phrase (not a clause, a list of names, a place,
    a date or an age)?"""
    phrase = ix.text[start:end]
    words = [_word(w) for w in phrase.split()]
    if not words or _REPORTING.search(phrase) or any(q in phrase for q in "\"“”"):
        return False
    first = words[0]
    one_of = first == "one" and len(words) > 1 and words[1] == "of"
    if first in _RELATIVES or (_stop_word(first) and not one_of) or all(
            w in _DATE_WORDS or w.isdigit() for w in words) or first.endswith("ly"):
        return False
    if _finite_verb(words) or any(_clause_after(ix, m) for m in ix.within(start, end)):
        return False  # "Supreme Leader X has indicated", "Y and Z signed": a clause
    head = ix.overlapping(*_after_titles(ix.text, start, end))
    if head is not None and not ix.possessive(head):
        return False  # "X, Y and Z"; "X, Mrs. Y and Z"; "Lyon, France"
    if head is None and phrase[0].isupper() and not (
            first in _DETERMINERS or first in _title_words() or _is_demonym(first)):
        return False  # an unrecognised name
    if head is None and phrase[0].islower() and _verb_like(first):
        return False  # "backed by...", "speaking to..."
    return bool(_residue(ix, start, end))


def _after_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """The first word of text[start:end] past its leading titles ("Mrs. Y" -> Y)."""
    for cs, ce, chunk in _chunks(text, start, end):
        if not (chunk[:1].isupper() and _word(chunk) in _title_words()):
            return cs, ce
    return start, start + 1


def _finite_verb(words: list[str]) -> bool:
    """A finite verb that is not inside a relative clause ("a group that has ...")."""
    for n, w in enumerate(words):
        if w in _RELATIVES and n:
            return False
        if w in _FINITE and n:
            return True
    return False


def _clause_after(ix: _Index, m: _Mention) -> bool:
    """Is the name followed by a verb ("Y signed", "Y has")?"""
    nxt = re.match(r"\s+([a-z]+)\b", ix.text[m.end:m.end + 30])
    return bool(nxt) and (nxt.group(1) in _FINITE or nxt.group(1) in _PRESENT_VERBS
                          or nxt.group(1).endswith("ed"))


def _residue(ix: _Index, start: int, end: int) -> str:
    """The phrase without names, determiners and conjunctions (empty for a list of names)."""
    rest = re.sub(r"['’]s\b|[^\w\s-]", " ", ix.masked(start, end, -1))
    return " ".join(w for w in rest.split()
                    if fold(w) not in _DETERMINERS and fold(w) not in _CONJUNCTIONS)
