"""Pre-modifiers: the characterising words right before a name, after the determiner
("the Lebanese separatist militia Al-Faran" -> "Lebanese separatist militia"), read
leftwards word by word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...understand.resources import fold, load
from .index import _Index, _Mention
from .limits import PLACE_LABELS, PREMOD_MAX_WORDS, PREMOD_WINDOW
from .scoring import lexicon, score
from .words import (
    _ADDRESS,
    _DATE_WORDS,
    _DETERMINERS,
    _FILLERS,
    _FINITE,
    _FUNCTION,
    _OPENING_MODIFIERS,
    _POSSESSIVE,
    _QUOTES,
    _VERBAL,
    _chunks,
    _ends_clause,
    _is_demonym,
    _is_honorific,
    _stop_word,
    _title_words,
    _verb_like,
    _word,
)


def _leading_titles(text: str, m: _Mention) -> int:
    """Where the name starts inside a mention that opens with title words ("Gen. X")."""
    res = load()
    words = list(re.finditer(r"\S+", text[m.start:m.end]))
    k = 0
    while k < len(words) - 1:
        for length in range(min(res.max_title_len, len(words) - 1 - k), 0, -1):
            if tuple(fold(w.group()) for w in words[k:k + length]) in res.titles:
                k += length
                break
        else:
            break
    return m.start + words[k].start() if k else m.start


@dataclass
class _Walk:
    """A pre-modifier read leftwards from a name."""

    start: int
    taken: int = 0
    described: bool = False   # a word other than an abbreviated title ("Gen.") was taken
    title: bool = False       # the last word taken is a capitalised title ("Minister")
    role: bool = False        # ... or a role word ("official", "chief executive")
    lower: bool = True        # every word taken is lower-case

    def take(self, start: int, chunk: str, name: bool = False, title_run: bool = False) -> None:
        word = _word(chunk)
        self.start, self.taken = start, self.taken + 1
        self.described = self.described or not _is_honorific(word)
        if not title_run:
            self.title = not name and chunk[:1].isupper() and word in _title_words() \
                and word not in _ADDRESS and not _is_honorific(word)
            self.role = not name and (word in _title_words() or word in load().person_roles)
        self.lower = self.lower and chunk[:1].islower()


def _premodifier(ix: _Index, m: _Mention) -> tuple[int, int] | None:
    """The characterising words right before the name of mention ``m``."""
    text = ix.text
    s_start, _ = ix.sentence(m.start)
    lo = max(s_start, m.start - PREMOD_WINDOW)
    chunks = _chunks(text, lo, m.start)
    if lo > s_start and chunks and chunks[0][0] == lo and not text[lo - 1].isspace():
        chunks = chunks[1:]  # cut by the window
    if chunks and chunks[-1][1] == m.start:
        return None  # glued to the name: a bracket, a quote, "pro-"
    walk = _Walk(m.start)
    for k in range(len(chunks) - 1, -1, -1):
        cs, ce, chunk = chunks[k]
        if cs >= walk.start:
            continue  # inside a name already taken in
        if walk.taken == PREMOD_MAX_WORDS or _ends_clause(chunk):
            break
        previous = chunks[k - 1][2] if k > 0 else ""
        other = ix.overlapping(cs, ce)
        if other is not None:
            if not _qualifier(ix, other, cs, ce, walk):
                break  # another entity's name ("Kenya's William Ruto")
            walk.take(min(cs, other.start), chunk, name=True, title_run=walk.title)
            continue
        if walk.title and _title_part(chunk, previous, ix.overlapping(*chunks[k - 1][:2])
                                      if k > 0 else None):
            walk.take(cs, chunk, title_run=True)  # "Disaster Management and Relief Minister"
            continue
        opening = not previous or _ends_clause(previous)
        verdict = _premodifier_word(chunk, previous, opening, adjacent=not walk.described)
        if verdict == "verbal" and walk.taken == 1 and walk.lower or verdict == "name":
            return None  # "they blame X"; "Sauti ya Vijana": the name goes on to the left
        if verdict != "take":
            break
        walk.take(cs, chunk)
        if chunk[0] in "\"“‘":
            break  # the quote opens here
    start = walk.start
    while text.startswith(("and ", "& "), start):
        start = text.index(" ", start) + 1  # a title run cut at a name
    span = _trimmed(text, start, _leading_titles(text, m) if m.label == "PERSON" else m.start)
    if span and m.label in PLACE_LABELS and not score(text[span[0]:span[1]])[1]:
        return None  # "eastern Syria", "neighbouring Iraq": places, not labels
    return span


def _qualifier(ix: _Index, other: _Mention, cs: int, ce: int, walk: _Walk) -> bool:
    """May another entity's name stand in a pre-modifier? A nationality ("Lebanese"), a
    compound ("Iran-backed"), a name qualifying the office after it ("US President",
    "Disaster Management and Relief Minister") or an organisation qualifying the role after
    it ("Hanbit Air chief executive"); never a possessor ("Kenya's William Ruto")."""
    text = ix.text
    if "-" in text[max(cs, other.end):ce] or "-" in text[cs:max(cs, other.start)]:
        return True
    if other.label == "NORP":
        return walk.taken > 0  # "Kenyan President X"; not "Christian Bruch" cut in two
    if ix.possessive(other) or other.label == "PERSON":
        return False
    return walk.title or walk.role and other.label in ("ORG", "GPE")


def _title_part(chunk: str, previous: str, previous_name: _Mention | None) -> bool:
    """Capitalised words before an office title belong to it ("Finance Minister",
    "Energy and Mines Minister"; not "Meloni and French President")."""
    if chunk in ("and", "&"):
        return previous[:1].isupper() and not _ends_clause(previous) and (
            previous_name is None or previous_name.label != "PERSON")
    word = _word(chunk)
    return chunk[:1].isupper() and word.isalpha() and word not in _DETERMINERS \
        and word not in _FUNCTION and word not in _VERBAL and word not in _DATE_WORDS


def _premodifier_word(chunk: str, previous: str, opening: bool, adjacent: bool) -> str:
    """``take`` the word into the pre-modifier, ``stop`` before it, ``verbal`` (the words
    taken so far are a verb's: "they blame X", "that killed X") or ``name`` (the word joins
    two parts of a name)."""
    word = _word(chunk)
    before = _word(previous)
    if word in _VERBAL:
        return "verbal"
    if adjacent and len(word) <= 3 and chunk[:1].islower() and previous[:1].isupper() \
            and not opening and word not in _FUNCTION:
        return "name"
    if not re.search(r"\w", word) or (_stop_word(word) and "-" not in word) \
            or word in _DETERMINERS or _POSSESSIVE.search(word) or word in load().particles:
        return "stop"  # punctuation, function words, numbers, "the group's", "von der"
    core = chunk.strip(_QUOTES)
    if "-" in core and core[:1].islower():
        return "take"  # "so-called", "pro-Iranian", "45-year-old"
    if any(c.isupper() for c in core) and not (opening and _verb_like(word)):
        return "take" if _capital_modifier(core, word, opening) else "stop"
    if _verb_like(word):
        return "take" if _participle_modifier(word, before, opening, adjacent) else "stop"
    if adjacent and (word.endswith("ly") or re.search(r"[^su'’]s$", word)):
        return "stop"  # "reportedly X", "meets X"
    return "take"


def _participle_modifier(word: str, before: str, opening: bool, adjacent: bool) -> bool:
    """An -ed/-ing word modifies the name ("the jailed activist X", "with exiled leader X",
    "credit rating agency X", "Returning officer X", "chair, retired judge X"), it is not a
    verb ("police arrested X", "in assassinating X")."""
    if not before or before in _DETERMINERS or opening and not adjacent:
        return True
    if adjacent:
        return False  # "police arrested X"; after a comma too ("a banker, founded X")
    if word.endswith("ed"):
        return before in _FUNCTION and before not in _FINITE  # "with exiled leader X"
    return not before.endswith("s") and before not in _VERBAL


def _capital_modifier(core: str, word: str, opening: bool) -> bool:
    """A capitalised word in a pre-modifier: a title, a nationality, "Saudi-led", or a common
    modifier opening the sentence; other capitals belong to some name."""
    if word in _title_words() or _is_honorific(word) or _is_demonym(word):
        return True
    if re.search(r"-[a-z]+$", core):
        return True
    return opening and (word in _OPENING_MODIFIERS or word in load().person_roles
                        or word in lexicon().words)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without abbreviated titles next to the name and leading adverbs; None when
    only forms of address and fillers ("Lieutenant General", "Mr.", "late Sheikh") or a
    bare nationality ("Kenyan") are left. Office titles stay ("Finance Minister")."""
    chunks = _chunks(text, start, end)
    while chunks and _is_honorific(_word(chunks[-1][2])):
        chunks.pop()
    while len(chunks) > 1 and re.fullmatch(r"[a-z]+ly", chunks[0][2]):
        chunks.pop(0)  # "mostly young Kenyans": the adverb qualifies, it does not label
    words = [_word(c) for _, _, c in chunks]
    if all(w in _ADDRESS or w in _FILLERS or _is_honorific(w) for w in words):
        return None
    if len(words) == 1 and _is_demonym(words[0]):
        return None
    return chunks[0][0], chunks[-1][1]
