"""The speech vocabularies of ``data/speech.toml`` (speech cues, attribution words,
agencies and media words, pronouns) and the regular expressions built from them, read
once."""

from __future__ import annotations

import importlib.resources as ir
import re
import tomllib
from dataclasses import dataclass
from functools import cache

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.")
_CAP = r"[A-Z][\w'’&.-]*"
#: A capitalised name of up to five words ("Press Trust of India", "Sky News Arabia").
_CAPRUN = rf"{_CAP}(?:\s+(?:of|de|du|al|el|bin|van|von)\s+{_CAP}|\s+{_CAP}|\s+al-[\w'’-]+){{0,4}}"


@dataclass(frozen=True)
class _Lexicon:
    """The word lists of ``data/speech.toml`` and the patterns built from them."""

    bare: frozenset[str]
    participle: frozenset[str]
    direct: frozenset[str]
    listener_verbs: frozenset[str]
    not_final: frozenset[str]
    verbs: frozenset[str]
    words: dict[str, frozenset[str]]
    person_pronouns: frozenset[str]
    institution_pronouns: frozenset[str]
    cue: re.Pattern[str]
    adverbial: re.Pattern[str]
    gap: re.Pattern[str]
    listener: re.Pattern[str]
    source: re.Pattern[str]
    outlet: re.Pattern[str]
    outlet_before: re.Pattern[str]
    outlet_after: re.Pattern[str]
    outlet_titled: re.Pattern[str]


def _alternation(items) -> str:
    """A regex alternation of literal phrases, longest first, any whitespace between words."""
    ordered = sorted(set(items), key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(map(re.escape, s.split())) for s in ordered)


@cache
def _lexicon() -> _Lexicon:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/speech.toml").read_text("utf-8"))
    cues, attr = data["cues"], data["attribution"]
    verbs = _alternation(cues["bare"] + cues["that"] + cues["participle"] + cues["direct"])
    cue = re.compile(
        r"(?<![\w-])(?:"
        r"(?P<passive>(?:was|were|is|are|has\s+been|had\s+been)\s+quoted"
        r"(?:\s+by\s+[^,.;:\"“”\n]{1,60}?)?\s+as\s+saying)"
        r"|(?P<active>(?P<aword>quoted|cited)\s+(?P<qx>[^,.;:\"“”\n]{1,60}?)\s+as\s+"
        r"(?P<saying>saying|stating))"
        r"|(?P<acc>[Aa]ccording\s+to)"
        rf"|(?P<verb>{verbs}))(?![\w-])")
    adverbs = [a.replace("{weekday}", f"(?:{_WEEKDAYS})").replace("{month}", f"(?:{_MONTHS})")
               for a in attr["adverbials"]]
    adverbial = re.compile(r"[^\S\n]+(?:" + "|".join(adverbs) + r")(?![\w'’-])")
    gap = re.compile(r"[^\S\n]+(?:" + "|".join(attr["gap_phrases"]) + r")(?![\w'’-])")
    media = _alternation(data["media"]["nouns"])
    heads = _alternation(data["media"]["heads"])
    known = rf"(?:{_alternation(data['agencies']['names'])})(?:\s+(?:{heads}))*"
    listener = re.compile(
        rf"[^\S\n]+(?:{_alternation(attr['listeners'])}|(?:the\s+)?{_CAPRUN}(?:\s+(?:{media}))?)"
        r"(?![\w'’-])")
    source = re.compile(
        rf"(?:quoted|cited|reported)\s+by\s+(?:the\s+)?(?P<by>{_CAPRUN})"
        rf"|(?<![\w-])(?P<known>{known})(?![\w-])"
        rf"|(?P<named>{_CAPRUN})\s+(?:{media})(?![\w-])(?!\s+(?:{known}|{_CAP}))"
        rf"|(?<![\w-])(?:{media})\s+(?P<titled>{known}|{_CAPRUN})(?![\w-])"
        rf"|(?:told|to|with|by|according\s+to)\s+(?P<head>(?:[Tt]he\s+)?(?:{_CAP}\s+){{0,4}}"
        rf"(?:{heads}))(?![\w-])")
    outlet = re.compile(
        rf"(?<![\w-])(?:(?P<head>(?:{_CAP}\s+){{0,4}}(?:{heads}))|(?P<known>{known})"
        rf"|(?P<named>{_CAPRUN})(?=\s+(?:{media})(?![\w-])))(?![\w-])")
    before = re.compile(rf"(?:[Tt]he\s+)?(?:{_CAP}['’]s\s+)?(?:[a-z][\w-]*\s+)*")
    titled = re.compile(rf"(?:^|\s)(?:{media})\s+(?P<name>{known}|{_CAPRUN})$")
    after = re.compile(rf"(?:\s+(?:{media}))?")
    pron = data["pronouns"]
    return _Lexicon(
        bare=frozenset(cues["bare"]),
        participle=frozenset(cues["participle"]), direct=frozenset(cues["direct"]),
        listener_verbs=frozenset(cues["listener_verbs"]),
        not_final=frozenset(cues["not_final"]),
        verbs=frozenset(cues["bare"] + cues["that"] + cues["participle"] + cues["direct"]),
        words={k: frozenset(v) for k, v in attr.items()
               if k not in ("adverbials", "gap_phrases")},
        person_pronouns=frozenset(pron["person"]),
        institution_pronouns=frozenset(pron["institution"]),
        cue=cue, adverbial=adverbial, gap=gap, listener=listener, source=source, outlet=outlet,
        outlet_before=before, outlet_after=after, outlet_titled=titled)
