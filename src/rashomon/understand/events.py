"""Events: who did what to whom, when and where, one sentence at a time.

A trigger word from ``data/events.toml`` gives the type; the names before the trigger
fill the first role of that type (agent, speaker...), the names after it the second
(target, victim...), turned round in the passive ("was killed by"); a place after
"in/at/near" is the location; a date in the sentence, normalised, is the date.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as ir

_ACTORS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACES = {"GPE", "FAC", "LOC"}
_DEFINITE = re.compile(r"\b(?:the|his|her|its|their|this|that|these|those)\s+(?:\w+\s+)?$", re.I)
_MILITARY = re.compile(r"\b(?:air|drone|missile|rocket|military|army|troops|forces|bomb\w*|"
                       r"killed|killing|dead|wounded|targeted|targeting|militants?|fighters|"
                       r"artillery|retaliat\w*|warplanes?|jets?|naval|strikes? on)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^–—:-]{1,40})?\s*(?:\([^)]{1,30}\))?\s*[–—:-]\s")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+\s+)?$", re.I)
_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?by\b", re.I)
_LOC_PREP = re.compile(r"\b(?:in|at|near|outside|inside|on|from|into|across)\s+(?:the\s+)?$", re.I)


@dataclass
class Trigger:
    type: str
    start: int
    end: int
    text: str


@dataclass
class SentenceEvent:
    type: str
    trigger: str
    trigger_start: int
    start: int                      # the sentence
    end: int
    participants: list[tuple[int, str]] = field(default_factory=list)  # (entity index, role)
    location: int | None = None
    date: str | None = None
    anaphoric: bool = False         # "the assassination": an event already told


@lru_cache(maxsize=1)
def lexicon() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, str]]]:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/events.toml").read_text("utf-8"))
    by_form: dict[str, str] = {}
    parts = []
    for etype, forms in data["triggers"].items():
        for form in forms:
            key = form.rstrip("*")
            by_form.setdefault(key, etype)
            parts.append((len(key), re.escape(key) + (r"\w*" if form.endswith("*") else "")))
    parts.sort(reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(p for _, p in parts) + r")\b", re.I)
    roles = {k: (v[0], v[1]) for k, v in data["roles"].items()}
    return pattern, by_form, roles


def _type_of(word: str, by_form: dict[str, str]) -> str | None:
    low = word.lower()
    if low in by_form:
        return by_form[low]
    for form, etype in by_form.items():
        if low.startswith(form) and len(form) >= 6:
            return etype
    return None


def find_events(text: str, sentences: list[tuple[int, int]],
                mentions: list[tuple[int, int, str, int]],
                dates: list[tuple[int, int, str | None]]) -> list[SentenceEvent]:
    """Events of each sentence. ``mentions`` are (start, end, label, entity index)."""
    pattern, by_form, roles = lexicon()
    out: list[SentenceEvent] = []
    mentions = sorted(mentions)
    dates = sorted(dates)
    mi = di = 0  # one sweep over sentences, mentions and dates: linear in the text
    for s, e in sentences:
        sentence = text[s:e]
        dl = _DATELINE.match(sentence)
        skip_to = s + dl.end() if dl else s  # the dateline's place is no actor
        while mi < len(mentions) and mentions[mi][0] < s:
            mi += 1
        inside = []
        k = mi
        while k < len(mentions) and mentions[k][0] < e:
            if mentions[k][0] >= skip_to and mentions[k][1] <= e:
                inside.append(mentions[k])
            k += 1
        while di < len(dates) and dates[di][0] < s:
            di += 1
        sentence_dates = []
        k = di
        while k < len(dates) and dates[k][0] < e:
            sentence_dates.append(dates[k])
            k += 1
        seen_types: set[str] = set()
        for match in pattern.finditer(sentence):
            etype = _type_of(match.group(0), by_form)
            before_trigger = text[max(s, s + match.start() - 12):s + match.start()].lower()
            if re.search(r"\bto\s+$", before_trigger) and match.group(0).lower() in (
                    "deal", "strike", "attack", "raid", "march", "rally", "vote", "transfer"):
                continue  # "to deal a blow", "to strike back": a verb, not the event
            if etype == "attack" and match.group(0).lower() in ("strike", "strikes") and not \
                    _MILITARY.search(sentence):
                etype = "protest"  # a teachers' strike, a general strike
            if etype is None or etype in seen_types:
                continue
            t_start, t_end = s + match.start(), s + match.end()
            if any(m[0] <= t_start < m[1] for m in inside):
                continue  # "Strike" inside a name
            first, second = roles[etype]
            before = [m for m in inside if m[1] <= t_start and m[2] in _ACTORS]
            after = [m for m in inside if m[0] >= t_end and m[2] in _ACTORS]
            passive = bool(_PASSIVE.search(text[max(s, t_start - 20):t_start]))
            participants: list[tuple[int, str]] = []
            if passive:
                by = [m for m in after if _BY.match(text[t_end:m[0]])]
                if by:
                    participants.append((by[0][3], first))
                if before:
                    participants.append((before[-1][3], second))
            else:
                if before:
                    participants.append((_subject(before, text, t_start)[3], first))
                for m in _objects(after, text, t_end):
                    participants.append((m[3], second))
            if etype == "statement" and not any(r == first for _, r in participants) and after \
                    and re.search(r"[,\"”’]\s*$", text[max(s, t_start - 3):t_start]):
                participants = [(after[0][3], first)]  # '"...," said Jane Doe'
            participants = _dedupe(participants)
            if not participants and etype not in ("disaster", "death"):
                continue
            if etype == "statement" and not any(r == first for _, r in participants):
                continue
            location = _location(inside, text, {p for p, _ in participants})
            date = next((v for ds, de, v in sentence_dates if de <= e and v), None)
            event = SentenceEvent(etype, match.group(0), t_start, s, e, participants,
                                  location, date)
            event.anaphoric = bool(_DEFINITE.search(before_trigger))
            out.append(event)
            seen_types.add(etype)
    return _one_per_occasion(out)


def _one_per_occasion(events: list[SentenceEvent]) -> list[SentenceEvent]:
    """An article tells one event once: later sentences of the same type about the same
    actors (the same speaker's next quote, the strike described again) are that event."""
    kept: list[SentenceEvent] = []
    for ev in events:
        actors = {p for p, role in ev.participants}
        same = next((k for k in kept if k.type == ev.type and (
            actors & {p for p, _ in k.participants} if actors else not k.participants)
            and (k.date is None or ev.date is None or k.date == ev.date)), None)
        if same is None and ev.anaphoric and ev.type != "statement":
            same = next((k for k in kept if k.type == ev.type), None)  # "the killing" again
        if same is None:
            kept.append(ev)
        else:
            for p in ev.participants:
                if p[0] not in {q for q, _ in same.participants}:
                    same.participants.append(p)
            same.date = same.date or ev.date
            same.location = same.location if same.location is not None else ev.location
    return kept


def _subject(before: list[tuple[int, int, str, int]], text: str, t_start: int):
    """The nearest name before the trigger that is not inside a prepositional phrase."""
    for m in reversed(before):
        gap = text[m[1]:t_start]
        if not re.search(r"[.;]|\b(?:that|which|who|after|before|when)\b", gap):
            return m
    return before[-1]


def _objects(after: list[tuple[int, int, str, int]], text: str, t_end: int):
    out = []
    for m in after:
        gap = text[t_end if not out else out[-1][1]:m[0]]
        if re.search(r"[;]|\b(?:said|which|who|but|after|before|because|while)\b", gap):
            break
        if len(gap) > 80:
            break
        out.append(m)
        if len(out) == 3:
            break
    return out


def _dedupe(participants: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: set[int] = set()
    out = []
    for ent, role in participants:
        if ent not in seen:
            seen.add(ent)
            out.append((ent, role))
    return out


def _location(inside, text: str, used: set[int]) -> int | None:
    for m in inside:
        if m[2] in _PLACES and m[3] not in used and _LOC_PREP.search(text[max(0, m[0] - 12):m[0]]):
            return m[3]
    return None
