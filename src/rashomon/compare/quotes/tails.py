"""Sentence-final attributions of the clause before them: "<clause>, officials said (on
Monday).", "<clause>, said a spokesman.", "<clause>, according to X."."""

from __future__ import annotations

import re

from .cues import _cue_text, _has_clause_word, _nonspeaker, _skip_adverbials, _speaker_span, _speaks
from .doc import _Doc, _Draft
from .limits import MAX_SPEAKER_WORDS, NOUN_PHRASE_MAX_WORDS, SUBJECT_MAX_CHARS, TAIL_MAX_WORDS
from .sources import _outlet, _source
from .text import _WORD, _bare_word, _count_words, _trim, _word_before

_DATELINE = re.compile(r"[A-Z][A-Z .,'’/-]{1,40}?(?:\s*\([^)\n]{1,20}\))?\s*[—–:]\s+")
_END = re.compile(r"\s*(?:,|$)")


def _tail(doc: _Doc, lo: int, end: int,
          m: re.Match[str]) -> tuple[_Draft, int, bool] | None:
    """A sentence-final attribution of the clause before it: '<clause>, officials said (on
    Monday).', '<clause>, Kim, a union leader, told Yonhap.', '<clause>, said a spokesman.',
    '<clause>, according to X.' Returns the quote, where the attribution ends and whether it
    only credits an outlet ("..., Reuters reported.")."""
    text, lex = doc.text, doc.lex
    verb = m.group("verb")
    if verb in lex.direct or verb in lex.participle or verb in lex.not_final:
        return None
    before = _word_before(text, lo, m.start())
    after_comma = before is not None and text[before[1] - 1] == ","
    subject = None if m.group("acc") or m.group("active") else _speaker_span(
        doc, m, lo, end)
    if after_comma and subject is not None and _speaks(doc, subject):
        comma = text.rfind(",", max(lo, subject[0] - 3), subject[0])
        found = _subject_tail(doc, comma, end, m, subject) if comma >= 0 else None
    elif after_comma:
        comma = before[1] - 1
        found = _inverted_tail(doc, end, m, subject)
    elif m.group("acc"):
        return None
    else:
        comma = text.rfind(",", max(lo, m.start() - SUBJECT_MAX_CHARS), m.start())
        found = _subject_tail(doc, comma, end, m, None) if comma >= 0 else None
    if found is None:
        return None
    phrase, rest = found
    para = doc.para_of(m.start())
    d = _Draft(0, 0, "reported", (para, para), anchor=doc.sentence_end(m.start()))
    d.start, d.end = _clause(doc, lo, comma)
    if d.start >= d.end:
        return None
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    outlet = _outlet(lex, text[phrase[0]:phrase[1]])
    d.source = outlet or _source(doc, comma, rest)
    return d, rest, outlet is not None


def _inverted_tail(doc: _Doc, end: int, m: re.Match[str],
                   subject: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """', said a spokesman (on Monday).' / ', according to officials.': the speaker phrase
    and where the attribution ends. ``subject`` is what stands before the comma: when it
    could be the verb's subject ("The group, which is based in Koblenz, said its systems
    ..."), the words after the verb must name a speaker."""
    text = doc.text
    phrase = _speaker_span(doc, m, m.start(), min(end, m.end() + SUBJECT_MAX_CHARS), after=True)
    if phrase is None or (m.group("acc") and _nonspeaker(doc, phrase)):
        return None
    if not m.group("acc") and (_has_clause_word(doc, phrase) or not _speaks(doc, phrase)
                               and subject is not None and _noun_phrase(doc, subject)):
        return None
    rest = max(phrase[1], m.end())
    rest = _skip_adverbials(doc, rest, end)
    if _END.match(text, rest, end):
        return phrase, rest
    if m.group("acc"):                    # "according to police in the capital"
        comma = text.find(",", rest, min(end, rest + SUBJECT_MAX_CHARS))
        return phrase, end if comma < 0 else comma
    return None


def _subject_tail(doc: _Doc, comma: int, end: int, m: re.Match[str],
                  phrase: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """', officials said (in a statement released on Monday).': the speaker phrase (found
    after ``comma`` unless given) and where the attribution ends."""
    text, lex = doc.text, doc.lex
    if phrase is None:
        if _count_words(text, comma + 1, m.start(), MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS:
            return None
        phrase = _speaker_span(doc, m, comma + 1, end)
    if phrase is None:
        return None
    rest = m.end()
    if m.group("verb") in lex.listener_verbs and (heard := lex.listener.match(text, rest, end)):
        rest = heard.end()
    adverbs = _skip_adverbials(doc, rest, end)
    if _END.match(text, adverbs, end):
        return phrase, adverbs
    # a few more words after an adverbial or a preposition ("in a statement released on
    # Monday", "on condition of anonymity")
    first = _WORD.match(text, adverbs + 1, end)
    if (adverbs > rest or (first and _bare_word(first.group()) in lex.words["prepositions"])) \
            and _count_words(text, adverbs, end, TAIL_MAX_WORDS) <= TAIL_MAX_WORDS \
            and "that" not in text[adverbs:end].split():
        return phrase, end
    return None


def _noun_phrase(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether a few words with no finite verb could be a subject ("The group")."""
    return not _has_clause_word(doc, phrase) and _count_words(
        doc.text, *phrase, NOUN_PHRASE_MAX_WORDS) <= NOUN_PHRASE_MAX_WORDS


def _clause(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    """The clause ``lo``..``hi`` without the punctuation and the conjunction opening it
    (", and more rain is expected" -> "more rain is expected")."""
    lo, hi = _trim(doc.text, lo, hi)
    if dateline := _DATELINE.match(doc.text, lo, hi):
        lo = dateline.end()
    while lo < hi and doc.text[lo] in ",;—–":
        lo, hi = _trim(doc.text, lo + 1, hi)
    first = _WORD.match(doc.text, lo, hi)
    if first and first.group().lower() in ("and", "but", "while", "whereas", "so"):
        lo, hi = _trim(doc.text, first.end(), hi)
    return lo, hi
