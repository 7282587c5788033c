"""Reported speech in a sentence: a clause introduced by a cue ("X said (that) ...",
"according to X, ..."), or before a sentence-final attribution (see ``tails``)."""

from __future__ import annotations

import re

from .cues import _skip_adverbials, _take_cue
from .doc import _Doc, _Draft
from .limits import CLAUSE_VERB_WORDS, MIN_CLAUSE_WORDS, SUBJECT_MAX_CHARS, THAT_MAX_PARTS
from .sources import _source
from .tails import _tail
from .text import _STRIP, _WORD, _bare_word, _count_words, _trim

_THAT = re.compile(r"\s+that(?![\w'’-])")
_PARENTHETICAL = re.compile(r"\s*,[^,;:\"“”\n]{1,60},")
_COORD = re.compile(r"(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?"
                    r"|\s+(?:and|but|while|whereas)\s+)$")


def _reported_quotes(doc: _Doc) -> list[_Draft]:
    out = []
    for s, e in doc.sentences:
        out.extend(_reported_in(doc, s, e))
    return out


def _reported_in(doc: _Doc, s: int, e: int) -> list[_Draft]:
    """Reported speech in the sentence ``s``..``e``: each cue is either a sentence-final
    attribution of the clause before it, or introduces the clause after it."""
    text = doc.text
    s, e = _trim(text, s, e, comma=False)
    while e > s and doc.opens_quote(e - 1):
        s, e = _trim(text, s, e - 1, comma=False)     # a quote opening the next sentence
    end = e - 1 if e > s and text[e - 1] == "." else e
    cues = [m for m in doc.lex.cue.finditer(text, s, e)
            if m.start() not in doc.used and not doc.in_quote(m.start())]
    found: list[_Draft] = []
    lo = s
    for m in cues:
        if m.start() >= end:
            break
        inside = bool(found) and m.start() < found[-1].end
        tail = _tail(doc, lo, end, m)
        if tail is not None:
            d, rest, outlet = tail
            if inside:
                found[-1].end = _trim(text, found[-1].start, d.end)[1]
            if outlet and found:
                for f in found:
                    f.source = f.source or d.source
            elif not inside and not doc.overlaps_direct(d.start, d.end):
                found.append(d)
            lo = rest
            continue
        d = _forward(doc, lo, end, m)
        if d is None:
            continue
        if inside:
            cut = _COORD.search(text, max(found[-1].start, _phrase_start(d) - 30), _phrase_start(d))
            if cut is None:
                continue
            found[-1].end = _trim(text, found[-1].start, cut.start())[1]
        found.append(d)
    return [f for f in found
            if _count_words(text, f.start, f.end, MIN_CLAUSE_WORDS) >= MIN_CLAUSE_WORDS]


def _phrase_start(d: _Draft) -> int:
    return d.phrase[0] if d.phrase else d.cue_at


def _forward(doc: _Doc, lo: int, end: int, m: re.Match[str]) -> _Draft | None:
    """'X said (that) <clause>', 'X told reporters <clause>', 'according to X, <clause>'."""
    text, lex = doc.text, doc.lex
    verb = m.group("verb")
    para = doc.para_of(m.start())
    d = _Draft(0, 0, "reported", (para, para), anchor=doc.sentence_end(m.start()))
    if m.group("acc"):
        if m.start() - lo > 3 or text[lo:m.start()].strip(_STRIP):
            return None                       # "according to X" not opening the sentence
        comma = text.find(",", m.end(), min(end, m.end() + SUBJECT_MAX_CHARS))
        if comma < 0 or not _take_cue(doc, d, m, lo, comma):
            return None
        clause = comma + 1
    else:
        if verb in lex.direct or not _take_cue(doc, d, m, lo, end):
            return None
        clause = _that(doc, m.end(), end)
        if clause is None:
            if not (m.group("active") or m.group("passive") or verb in lex.bare
                    or _clause_follows(doc, m.end(), end)):
                return None
            clause = m.end()
            if verb in lex.listener_verbs:
                heard = lex.listener.match(text, clause, end)
                if heard is None:
                    return None
                clause = heard.end()
            clause = _skip_adverbials(doc, clause, end)
            first = _WORD.match(text, clause + 1, end)
            if not text[clause:clause + 1].isspace() or first is None or _bare_word(
                    first.group()) in lex.words["prepositions"]:
                return None                   # "said." / "is said to have" / "told X on ..."
    d.start, d.end = _trim(text, clause, end)
    d.end = _trim(text, d.start, doc.direct_within(d.start, d.end))[1]
    if d.start >= d.end or text[d.start] in "\"“”,:;—–(":
        return None
    d.source = _source(doc, max(lo, _phrase_start(d) - SUBJECT_MAX_CHARS), d.start)
    return d


def _that(doc: _Doc, lo: int, hi: int) -> int | None:
    """Where the clause starts when "that" follows the verb, after its listener, adverbials,
    short phrases or a parenthetical between commas ("told reporters that", "said in a
    letter to shareholders on Monday that"); None when it does not ("says strikes that
    killed hundreds ...": a relative "that")."""
    text, lex = doc.text, doc.lex
    pos = lo
    for _ in range(THAT_MAX_PARTS):
        if (m := _THAT.match(text, pos, hi)) is not None:
            return m.end()
        part = (lex.listener.match(text, pos, hi) or lex.adverbial.match(text, pos, hi)
                or lex.gap.match(text, pos, hi) or _PARENTHETICAL.match(text, pos, hi))
        if part is None or part.end() == pos:
            return None
        pos = part.end()
    return None


def _clause_follows(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether a clause starts right after a verb that usually wants "that": a finite verb
    such as "were" or "would" within a few words ("insists the troops were the intruders",
    not "denied the allegations")."""
    for n, m in enumerate(_WORD.finditer(doc.text, lo, hi)):
        if n >= CLAUSE_VERB_WORDS or m.group()[0] in "\"“”":
            return False
        if _bare_word(m.group()) in doc.lex.words["clause_words"]:
            return n > 0
        if m.group()[-1] in ",;:":
            return False
    return False
