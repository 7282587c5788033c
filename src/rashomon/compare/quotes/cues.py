"""Speech cues and the words naming a speaker: the cue's text, the verb's subject or the
phrase after the cue, and tests on such phrases (does it name a speaker, a document)."""

from __future__ import annotations

import bisect
import re

from .doc import _Doc, _Draft
from .limits import MAX_SPEAKER_WORDS, MAX_TITLE_WORDS, SPEAKER_LABELS, SUBJECT_MAX_CHARS
from .speaker import _named_in
from .text import _WORD, _abbreviation, _bare_word, _count_words, _strip_span, _word_before

_SEP = re.compile(r"[,;:()\[\]\"“”—–]")
_COORD_VERB = re.compile(r"(?<![\w-])(?:and|but)\s+(?:also\s+)?$")


def _cue_text(m: re.Match[str]) -> str:
    if m.group("acc"):
        return "according to"
    if m.group("passive"):
        return "quoted as saying"
    if m.group("active"):
        return f"{m.group('aword')} as {m.group('saying')}"
    return " ".join(m.group("verb").split())


def _speaker_span(doc: _Doc, m: re.Match[str], lo: int, hi: int,
                  after: bool = False) -> tuple[int, int] | None:
    """The words naming who speaks with the cue ``m``: Y of "quoted Y as saying", X of
    "according to X" or (``after``) of '," said X', else the verb's subject (looked for back
    to ``lo``; a phrase after the cue ends by ``hi``)."""
    if m.group("active"):
        return _strip_span(doc.text, *m.span("qx"))
    if m.group("acc") or after:
        return _phrase_after(doc, m.end(), hi)
    return _subject(doc, lo, m.start(), check=not m.group("passive"))


def _take_cue(doc: _Doc, d: _Draft, m: re.Match[str], lo: int, hi: int) -> bool:
    """Fill ``d``'s cue and speaker phrase from the cue ``m`` (its subject looked for back to
    ``lo``, a speaker after it up to ``hi``); False when the cue has no speaker."""
    if m.group("verb") in doc.lex.participle:
        phrase, d.inherit = None, "sentence"      # ', adding that ...'
    else:
        phrase = _speaker_span(doc, m, lo, hi)
        if phrase is None and m.group("verb") and _COORD_VERB.search(
                doc.text, max(lo, m.start() - 12), m.start()):
            d.inherit = "sentence"                # "X blamed Y and warned that ..."
        elif phrase is None or (m.group("acc") and _nonspeaker(doc, phrase)):
            return False
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    return True


def _subject(doc: _Doc, lo: int, hi: int, check: bool = True) -> tuple[int, int] | None:
    """The words naming who speaks, before the speech verb at ``hi``: the last clause chunk,
    skipping an appositive ("Smith, the minister, said") and auxiliaries ("has since")."""
    text, words = doc.text, doc.lex.words
    lo = max(lo, hi - SUBJECT_MAX_CHARS)
    end = hi
    while (w := _word_before(text, lo, end)) and text[w[0]:w[1]].lower() in words["trailers"]:
        end = w[0]
    w = _word_before(text, lo, end)
    if w is None or (check and _bare_word(text[w[0]:w[1]]) in words["blockers"]):
        return None
    end = w[1]
    seps = [m.start() for m in _SEP.finditer(text, lo, end)]
    chunks = list(zip([lo] + [p + 1 for p in seps], seps + [end], strict=True))
    if text[end - 1] in ",—–":                     # an appositive before the verb
        chunks = chunks[:-1]
        people = [c for c in chunks if _person_in(doc, c)]   # "his lawyer, Juan Portugal,"
        chunks = chunks[:-1] or chunks
        named = [c for c in chunks if re.search(r"[A-Z]", text[c[0]:c[1]])]
        chunk = (people or named or chunks)[-1]
    else:
        chunk = chunks[-1]
    s, e = _strip_span(text, *chunk)
    for m in _WORD.finditer(text, s, e):
        bare = _bare_word(m.group())
        if (bare in words["boundaries"] and not _inside_mention(doc, m.start())
                and not _joins_names(text, s, e, m)) or bare in doc.lex.verbs:
            s = m.end()
    s, e = _strip_span(text, s, e)
    if s >= e or _count_words(text, s, e, MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS:
        return None
    return s, e


def _joins_names(text: str, lo: int, hi: int, m: re.Match[str]) -> bool:
    """Whether "and"/"or" joins two names ("officials in Rome and Bamako")."""
    if m.group() not in ("and", "or", "&"):
        return False
    before, after = _word_before(text, lo, m.start()), _WORD.match(text, m.end() + 1, hi)
    return bool(before and after and text[before[0]].isupper() and after.group()[0].isupper())


def _person_in(doc: _Doc, chunk: tuple[int, int]) -> bool:
    """Whether a comma-chunk is a person's name with at most titles before it ("Foreign
    Minister Lorenzo Baldini", "retired judge Ana Ruiz", not "who met Baldini at the
    airport")."""
    s, e = _strip_span(doc.text, *chunk)
    words = doc.lex.words
    for ms, me, _, label in doc.mentions_in(s, e):
        lead = [_bare_word(w) for w in doc.text[s:ms].split()]
        if label == "PERSON" and not doc.text[me:e].strip() and len(lead) <= MAX_TITLE_WORDS \
                and not any(w in words["prepositions"] or w in words["blockers"]
                            or w in doc.lex.verbs for w in lead):
            return True
    return False


def _speaks(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether a phrase names a speaker: a pronoun or a named entity, and no clause ("the
    vote was unconstitutional")."""
    words = doc.text[phrase[0]:phrase[1]].lower().split()
    if not words or _has_clause_word(doc, phrase):
        return False
    return (len(words) == 1 and (words[0] in doc.lex.person_pronouns
                                 or words[0] in doc.lex.institution_pronouns)
            ) or _bare_word(words[-1]) in doc.lex.words["voices"] or _named_in(
        doc, *phrase) is not None


def _inside_mention(doc: _Doc, pos: int) -> bool:
    k = bisect.bisect_right(doc.mention_starts, pos) - 1
    return k >= 0 and doc.mentions[k][0] < pos < doc.mentions[k][1]


def _phrase_after(doc: _Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The words naming who speaks after the cue ("said Smith, the minister" -> Smith),
    up to a comma, the sentence's end or a word such as "in", "on", "who"."""
    text, stops = doc.text, doc.lex.words["phrase_stops"]
    start = end = -1
    for n, m in enumerate(_WORD.finditer(text, lo, hi)):
        word = m.group()
        if n >= MAX_SPEAKER_WORDS or word[0] in "\"“”(" or (
                n and word.lower() in stops and not _inside_mention(doc, m.start())
                and not _joins_names(text, lo, hi, m)):
            break
        start = m.start() if start < 0 else start
        end = m.end()
        if word[-1] in ",;:!?" or (word[-1] == "." and not _abbreviation(text, lo, m.end() - 1)):
            break
    if start < 0:
        return None
    s, e = _strip_span(text, start, end)
    while e > s and text[e - 1] == ".":
        e -= 1
    return (s, e) if s < e else None


def _nonspeaker(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether "according to X" names a document or a rule rather than a speaker."""
    words = doc.text[phrase[0]:phrase[1]].split()
    return bool(words) and _bare_word(words[-1]) in doc.lex.words["nonspeakers"] and not any(
        m[3] in SPEAKER_LABELS for m in doc.mentions_in(*phrase))


def _skip_adverbials(doc: _Doc, pos: int, hi: int) -> int:
    while (m := doc.lex.adverbial.match(doc.text, pos, hi)) is not None:
        pos = m.end()
    return pos


def _has_clause_word(doc: _Doc, phrase: tuple[int, int]) -> bool:
    return any(_bare_word(w) in doc.lex.words["clause_words"]
               for w in doc.text[phrase[0]:phrase[1]].split())
