"""Event words: the word for what was done to a victim or target ("assassinated X", "the
martyrdom of X", "the attack on X", "X's killing", "X was detained", "X, 24, died"),
from the Understand stage's killing, attack and arrest events and from the lexicon's
event words."""

from __future__ import annotations

import re

from ...model import ArticleEvent
from .index import _Index, _Mention
from .limits import EVENT_WORD_TYPES, OWNER_WINDOW, TARGET_ROLES, VICTIM_MAX_GAP, VICTIM_WINDOW
from .scoring import lexicon
from .words import _ABBREV, _stop_word, _verb_like, _word

_AGE = r"(?:,\s+\d{1,3},)?"
_PASSIVE = re.compile(_AGE + r"(?:,?\s+who)?\s+(?:was|were|is|are|being|been|had\s+been|"
                      r"has\s+been|have\s+been|got)\s+(?:\w+ly\s+)?", re.I)
_INTRANSITIVE = re.compile(_AGE + r"(?:,?\s+who)?\s+(?:(?:has|had|have)\s+)?", re.I)


def _victim_after(ix: _Index, pos: int, lead: frozenset[str] = frozenset()) -> _Mention | None:
    """The name a few describing words after ``pos`` ("of the top Iranian general X"; after
    an optional preposition of ``lead``), past names that only modify it ("Iran's", "US
    President")."""
    k = ix.after(pos)
    limit = min(ix.sentence(pos)[1], pos + VICTIM_WINDOW)
    while k < len(ix.mentions):
        mention = ix.mentions[k]
        if mention.start >= limit:
            return None
        gap = ix.text[pos:mention.start]
        words = [_word(w) for w in gap.split()]
        if words and words[0] in lead:
            words = words[1:]
        elif words and _verb_like(words[0]):
            return None  # "a drone strike assassinated X": X is the other verb's
        if len(words) > VICTIM_MAX_GAP or re.search(r"[,;:()\[\]]", gap) or any(
                _stop_word(w) for w in words) or (re.search(r"\.\s", gap) and not any(
                _ABBREV.fullmatch(w) for w in gap.split())):
            return None
        if ix.modifier(mention):
            k += 1
            continue
        return mention
    return None


def _attached(ix: _Index, mention: _Mention, t_start: int, t_end: int) -> bool:
    """Is ``mention`` the trigger's own victim or target: right after it ("assassinated
    Gen. X", "the attack on X"), or before it in the passive ("X was detained"), as owner
    ("X's killing") or as a compound ("the X killing")?"""
    if mention.start >= t_end:
        victim = _victim_after(ix, t_end, frozenset({"of", "on", "against", "upon"}))
        return victim is not None and victim.start == mention.start
    gap = ix.text[mention.end:t_start]
    return bool(_PASSIVE.fullmatch(gap) or re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+)?", gap)
                or gap == " " and not _verb_like(ix.text[t_start:t_end].lower()))


def _from_events(ix: _Index, events: list[ArticleEvent]) -> list[tuple[int, int, int]]:
    """(entity, start, end) of each killing/attack/arrest trigger for the victim or target
    attached to it in the trigger's sentence."""
    out = []
    for ev in events:
        if ev.type not in EVENT_WORD_TYPES:
            continue
        t_start, t_end = ev.trigger_start, ev.trigger_start + len(ev.trigger)
        if ix.text[t_start:t_end].lower() != ev.trigger.lower() or \
                ix.text[t_start - 1:t_start] == "-":
            continue  # moved text, or inside a compound ("flood-hit")
        victims = {e for e, role in ev.participants if role in TARGET_ROLES}
        for mention in ix.within(ev.start, ev.end):
            if mention.entity in victims and _attached(ix, mention, t_start, t_end):
                out.append((mention.entity, t_start, t_end))
    return out


def _noun_forms(ix: _Index) -> list[tuple[int, int, int]]:
    """"the killing of X", "the attack on X", "X's killing", "the X killing" (not "X's
    killing of Y": X did it)."""
    text = ix.text
    lex = lexicon()
    out = []
    for pattern, preposition in ((lex.nouns, r"of"), (lex.attack_nouns, r"on|against")):
        for match in pattern.finditer(text):
            if re.match(rf"\s+(?:{preposition})\s", text[match.end():match.end() + 10]):
                victim = _victim_after(ix, match.end(), frozenset(preposition.split("|")))
                if victim is not None:
                    out.append((victim.entity, match.start(), match.end()))
                continue
            owner = _owner(ix, match.start(), match.end())
            if owner is not None and not re.match(r"\s+of\s", text[match.end():match.end() + 4]):
                out.append((owner.entity, match.start(), match.end()))
    return out


def _owner(ix: _Index, start: int, end: int) -> _Mention | None:
    """The name owning an event noun: "X's (brutal) killing", "the X killing"."""
    before = ix.within(max(0, start - OWNER_WINDOW), start)
    if not before:
        return None
    mention = before[-1]
    if _attached(ix, mention, start, end) and (
            ix.possessive(mention) or re.search(r"\b(?:the|a|an)\s+$",
                                                ix.text[max(0, mention.start - 5):mention.start],
                                                re.I)):
        return mention
    return None


def _actives(ix: _Index) -> list[tuple[int, int, int]]:
    """"a drone strike assassinated Gen. X", "police detained X" (later sentences too: the
    Understand stage tells one event once)."""
    out = []
    for match in lexicon().participles.finditer(ix.text):
        victim = _victim_after(ix, match.end())
        if victim is not None:
            out.append((victim.entity, match.start(), match.end()))
    return out


def _after_name(ix: _Index, pos: int) -> tuple[int, int] | None:
    """The event word right after a name ending at ``pos``: "was assassinated", "who was
    killed", ", 24, died"."""
    lex = lexicon()
    aux = _PASSIVE.match(ix.text, pos)
    verb = lex.participles.match(ix.text, aux.end()) if aux else None
    if verb is None:
        lead = _INTRANSITIVE.match(ix.text, pos)
        verb = lex.intransitives.match(ix.text, lead.end()) if lead else None
    return (verb.start(), verb.end()) if verb else None
