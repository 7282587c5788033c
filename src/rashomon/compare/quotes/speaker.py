"""Speakers: the entity a quote's speaker words name, with "he"/"she"/"it" and "the
ministry" resolved to whom they name, and a quote with no attribution continuing the
previous quote's speaker."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .doc import _Doc, _Draft
from .limits import (
    ANTECEDENT_MAX_CHARS,
    ANTECEDENT_MAX_STEPS,
    BEFORE_MAX_CHARS,
    CONTEXT_BONUS,
    CONTEXT_CHARS,
    SPEAKER_LABELS,
)
from .sources import _outlet
from .text import _bare_word, _possessive, _strip_span, _word_before


def _resolve(doc: _Doc, drafts: list[_Draft]) -> None:
    """Name every quote's speaker, in text order (a pronoun may name the previous speaker;
    a quote with no attribution continues the previous quote's)."""
    last: _Draft | None = None
    recent: dict[str, _Draft] = {}        # the last quote spoken by a person, an institution
    for d in drafts:
        d.anchor = max(d.anchor, doc.sentence_end(d.end - 1))
        if d.phrase is not None:
            _name_speaker(doc, d, recent)
        elif d.inherit == "sentence" and _sentence_subject(doc, d):
            pass
        elif d.inherit and last is not None and last.speaker_text and (
                d.paras[0] - last.paras[1] <= (1 if d.inherit == "paragraph" else 0)):
            d.speaker, d.speaker_text = last.speaker, last.speaker_text
        last = d
        kind = _speaker_kind(doc, d)
        if kind:
            recent[kind] = d


def _speaker_kind(doc: _Doc, d: _Draft) -> str | None:
    """"person" (a PERSON, or a person not named: "a worker who escaped"), "institution"
    (an ORG or GPE) or None (nobody, or people: "officials")."""
    if d.speaker is not None:
        return "person" if doc.entities[d.speaker].label == "PERSON" else "institution"
    words = (d.speaker_text or "").lower().split()
    if len(words) >= 2 and words[0] in ("a", "an", "one", "another") and _bare_word(
            words[-1]) not in doc.lex.words["organisation_nouns"]:
        return "person"
    return None


def _name_speaker(doc: _Doc, d: _Draft, recent: dict[str, _Draft]) -> None:
    text, lex = doc.text, doc.lex
    s, e = _strip_span(text, *d.phrase)
    phrase = text[s:e]
    outlet = _outlet(lex, phrase)
    if outlet:
        d.source = d.source or outlet
        return
    low = phrase.lower()
    if low in lex.person_pronouns:
        d.speaker, d.speaker_text = _antecedent(doc, s, doc.persons, doc.person_starts,
                                                recent.get("person"), phrase)
        return
    if low in lex.institution_pronouns:
        d.speaker, d.speaker_text = _antecedent(doc, s, doc.institutions,
                                                doc.institution_starts,
                                                recent.get("institution"), phrase)
        return
    found = _named_in(doc, s, e)
    if found is not None:
        d.speaker, ms, me, whole = found
        d.speaker_text = text[ms:me] if whole else phrase
        return
    d.speaker_text = phrase
    d.speaker = _definite(doc, s, phrase, recent.get("institution"))


def _named_in(doc: _Doc, s: int, e: int) -> tuple[int, int, int, bool] | None:
    """The entity a speaker phrase names: its last PERSON (the head after titles; not "a
    lawyer for X", not "X's spokesman"), else an organisation or country as an institution
    ("the Health Ministry", "a spokesman for the ministry"). With True when the name is
    the whole phrase."""
    text, words = doc.text, doc.lex.words
    institution = person = None
    for ms, me, idx, label in doc.mentions_in(s, e):
        if label not in SPEAKER_LABELS or _possessive(text, me) or _outlet(doc.lex, text[ms:me]):
            continue
        w = _word_before(text, s, ms)
        prev = _bare_word(text[w[0]:w[1]]) if w else ""
        if label == "PERSON":
            if prev not in words["prepositions"]:
                person = (idx, ms, me, True)
            continue
        if institution is not None:
            continue
        lead, rest = text[s:ms].split(), text[me:e].strip().lower()
        head = rest.split()[0] if rest else ""
        if all(w.lower() in ("the", "a", "an") or w[0].isupper() or _possessive(w, len(w) - 2)
               for w in lead) and (not rest or rest in words["voices"] or (
                label == "ORG" and head in words["prepositions"])):
            institution = (idx, ms, me, not rest and not lead)
        elif label == "ORG" and (prev in words["institution_links"] or (
                prev == "the" and (w2 := _word_before(text, s, w[0]))
                and _bare_word(text[w2[0]:w2[1]]) in words["institution_links"])):
            institution = (idx, ms, me, False)
    return person or institution


def _antecedent(doc: _Doc, pos: int, items, starts, last: _Draft | None, written: str,
                accept: Callable[[int], bool] = lambda idx: True) -> tuple[int | None, str]:
    """Whom "he"/"she"/"it" at ``pos`` names, with the words naming it: the last quote's
    speaker of that kind, unless another one was named since that quote's attribution; else
    the nearest one named before it (outside quotes)."""
    near = doc.nearest(items, starts, pos, accept)
    if last is not None and pos - last.anchor <= ANTECEDENT_MAX_CHARS and (
            near is None or near[0] < last.anchor):
        if last.speaker is not None:
            return last.speaker, doc.entities[last.speaker].name
        return None, last.speaker_text or written
    if near is None:
        return None, written
    return near[2], doc.entities[near[2]].name


def _definite(doc: _Doc, pos: int, phrase: str, last: _Draft | None) -> int | None:
    """The organisation "the ministry" or "the company" names: the nearest one before it
    whose name has that word ("the Health Ministry", "the Ministry of Health"); for "the
    statement", the last institution that spoke; for a generic noun ("the company"), the
    organisation named before it that the article names most, preferring one it calls so
    ("Skyward, a satellite company")."""
    words = phrase.split()
    if not 2 <= len(words) <= 3 or words[0].lower() != "the":
        return None
    head = _bare_word(words[-1])
    found = doc.nearest(doc.institutions, doc.institution_starts, pos,
                        lambda idx: head in doc.entities[idx].name.lower().split())
    if found is not None:
        return found[2]
    if head in doc.lex.words["documents"]:
        return last.speaker if last is not None and pos - last.anchor <= (
            ANTECEDENT_MAX_CHARS) else None
    if head not in doc.lex.words["organisation_nouns"]:
        return None
    best, best_score = None, 0
    k = bisect.bisect_left(doc.institution_starts, pos) - 1
    for _ in range(ANTECEDENT_MAX_STEPS):
        if k < 0 or doc.institutions[k][0] < pos - ANTECEDENT_MAX_CHARS:
            break
        ms, me, idx, label = doc.institutions[k]
        k -= 1
        if label != "ORG" or doc.in_quote(ms):
            continue
        near = doc.text[max(0, ms - CONTEXT_CHARS):me + CONTEXT_CHARS].lower()
        score = len(doc.entities[idx].mentions) + CONTEXT_BONUS * (
            re.search(rf"\b{re.escape(head)}\b", near) is not None)
        if score > best_score:
            best, best_score = idx, score
    return best


def _sentence_subject(doc: _Doc, d: _Draft) -> bool:
    """The speaker of a participle cue ("Smith spoke on Monday, saying ..."): the first
    person (else institution) named in its sentence outside quotes, when there is one."""
    at = d.cue_at if d.cue_at >= 0 else d.start - 1
    k = bisect.bisect_right(doc.sent_starts, at) - 1
    lo = max(doc.sentences[k][0] if k >= 0 else 0, at - BEFORE_MAX_CHARS)
    found = [(label != "PERSON", ms, me, idx) for ms, me, idx, label in
             doc.mentions_in(lo, at) if label in SPEAKER_LABELS
             and not doc.in_quote(ms) and not _possessive(doc.text, me)]
    if not found:
        return False
    _, ms, me, d.speaker = min(found)
    d.speaker_text = doc.text[ms:me]
    return True
