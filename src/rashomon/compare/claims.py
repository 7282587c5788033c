"""Claims: the counts and sums an article states, each with what it counts.

"some 5,000 U.S. troops" is the number 5,000, hedged by "some", counting "troops"; "the
death toll rose to 45" counts "killed". A claim's ``topic`` key (noun class and
condition: "troops" and "soldiers" are both ``soldier``) is what lets the Compare stage line
up the values that different outlets give for the same thing. Counts that only refer back
("the two countries"), count who told the story ("two officials said") or are part of a
name ("14 Corps") are not claims. Word lists: ``data/compare.toml``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from ..model import ArticleClaim, ArticleEntity, ValueMention

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|%")
#: How far (characters) a clause is searched for a condition word around a number.
CLAUSE_REACH = 90
#: Numbers that are ages ("a 45-year-old", "aged 45") or ranks are not claims.
_AGE = re.compile(r"^[\s-]*(?:years?[\s-]old|year-old|-year)", re.I)
#: "Jane Doe, 62, said": a number between commas right after a word is an age.
_AGE_APPOSITION = re.compile(r"^[A-Za-z], \d{1,3},$")


@dataclass(frozen=True)
class Words:
    qualifiers: tuple[tuple[str, str], ...]   # (phrase, meaning), longest first
    conditions: dict[str, str]                # form -> canonical condition
    condition_re: re.Pattern[str]
    growing: frozenset[str]
    generic: frozenset[str]
    plural_nouns: frozenset[str]
    skip_back: frozenset[str]
    stop_after: frozenset[str]
    units: dict[str, tuple[str, float]]       # unit word -> (family, factor to base unit)
    not_conditions: tuple[str, ...]           # "cut off": a condition word that is not one
    classes: dict[str, str]                   # singular noun -> the class it aligns under
    sources: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/compare.toml").read_text("utf-8"))
    quals = sorted(((p, m) for m, ps in data["qualifiers"].items() for p in ps),
                   key=lambda x: -len(x[0]))
    conditions = {f: c for c, fs in data["conditions"].items() for f in fs}
    forms = sorted(conditions, key=len, reverse=True)
    classes = {f: c for c, fs in data["noun_classes"].items() for f in fs}
    return Words(tuple(quals), conditions,
                 re.compile(r"(?<![-\w])(?:" + "|".join(re.escape(f) for f in forms)
                            + r")\b", re.I),
                 *(frozenset(data["lists"][k]) for k in ("growing", "generic", "plural_nouns",
                                                         "skip_back", "stop_after")),
                 {k.lower(): (v[0], float(v[1])) for k, v in data["units"].items()},
                 tuple(data["not_conditions"]["forms"]), classes,
                 frozenset(data["lists"]["sources"]))


def find_claims(text: str, sentences: list[tuple[int, int]], values: list[ValueMention],
                entities: list[ArticleEntity]) -> list[ArticleClaim]:
    """Every MONEY and QUANTITY value of the article as a claim with its topic."""
    w = words()
    starts = [s for s, _ in sentences]
    mentions = sorted((m.start, m.end, k) for k, e in enumerate(entities) for m in e.mentions)
    mention_starts = [m[0] for m in mentions]
    taken = sorted((v.start, v.end) for v in values)
    out = []
    for v in values:
        if v.label not in ("MONEY", "QUANTITY") or v.value is None:
            continue
        if _AGE.match(text[v.end:v.end + 12]) or text[max(0, v.start - 5):v.start].lower() \
                .endswith(("aged ", "age ")) or _AGE_APPOSITION.match(
                    text[max(0, v.start - 3):v.end + 1]):
            continue
        k = bisect.bisect_right(starts, v.start) - 1
        s_start, s_end = sentences[k] if k >= 0 else (0, len(text))
        if v.label == "QUANTITY" and _not_a_claim(text, s_start, s_end, v, w):
            continue
        qualifier = _qualifier(text, s_start, v.start, w)
        unit = _unit(v)
        noun = _noun_after(text, v, s_end, w)
        if noun and v.label == "QUANTITY" and re.match(
                r"[\s-]+(?:[A-Z][\w'’-]*\s+){0,3}" + re.escape(noun[:1].upper() + noun[1:]) + r"\b",
                text[v.end:v.end + 60]):
            continue   # "the army's 14 Corps": a name, not a count
        subject = _counted_subject(text, s_start, v.start, w) if noun is None else None
        if v.label == "MONEY":
            noun, condition = _class_word(text, s_start, s_end, v, w) or noun, None
        elif unit == "%":
            condition = None
        elif subject:
            noun, condition = subject[0], subject[1] or _condition(text, s_start, s_end, v, w)
        else:
            condition = w.conditions.get(noun or "") or _condition(text, s_start, s_end, v, w)
            if noun and noun.endswith("ed") and noun in w.conditions:
                noun = ""   # "17 injured": the condition, counting no noun
        if noun is None and (condition is None or unit == "%" or v.label == "MONEY"):
            noun = _noun_before(text, s_start, v.start, taken, w)
        if _MARGIN.search(text[max(s_start, v.start - 40):v.start]):
            noun = "margin"   # "a margin of some 5,400", "ahead by 3,000 votes"
        kind = "money" if v.label == "MONEY" else ("percent" if unit == "%" else "count")
        head = unit if unit and unit != "%" and v.label == "QUANTITY" else noun
        number = float(v.value)
        measure = w.units.get((head or "").lower()) if v.label == "QUANTITY" else None
        if measure:
            family = "speed" if _PER_HOUR.match(text[v.end:v.end + 12]) else measure[0]
            kind, number = f"measure:{family}", number * measure[1]
            head, condition = measure[0], None
        elif v.label == "MONEY":
            kind = f"money:{unit or '?'}"
        topic = "|".join((kind, noun_class(head or "", w), condition or ""))
        label = " ".join(x for x in (head, condition if condition != head else None) if x)
        label = label or kind
        lo = bisect.bisect_left(mention_starts, s_start)
        near = sorted({mentions[i][2] for i in range(lo, len(mentions))
                       if mentions[i][0] < s_end})
        out.append(ArticleClaim(v.start, v.end, v.text, kind, topic, label, v.value,
                                number, qualifier, s_start, s_end, near))
    return out


#: "195 kilometres per hour": a speed, not a length.
_PER_HOUR = re.compile(r"\s*(?:per|an|a|/)\s*(?:hour|h)\b", re.I)
#: A difference between two counts, not a count: "a margin of 5,400", "ahead by 3,000".
_MARGIN = re.compile(r"\b(?:margin|majority|lead|ahead|behind|gap|difference|short)\s+"
                     r"(?:of\s+|by\s+)?(?:[a-z]+\s+){0,2}$", re.I)


def _class_word(text: str, s_start: int, s_end: int, v: ValueMention, w: Words) -> str | None:
    """The nearest word of a noun class around a sum ("a $4.6 billion merger", "fined the
    firm about 4 million soles"), the words after it first."""
    after = [m.group(0).lower() for m in _WORD.finditer(text[v.end:min(s_end, v.end + 40)])]
    for x in after[:3]:
        if x in w.stop_after:
            break
        if noun_class(x, w) != _singular(x, w) or x in w.classes:
            return x
    before = [m.group(0).lower() for m in _WORD.finditer(text[max(s_start, v.start - 60):
                                                             v.start])]
    for x in reversed(before[-6:]):
        if noun_class(x, w) != _singular(x, w) or x in w.classes:
            return x
    return None


#: "the two countries", "the other three": a small number after a determiner refers back to
#: things already counted; it states nothing new.
_ANAPHORIC = re.compile(r"\b(?:the|these|those|other|both)\s+$", re.I)
#: "number of soldiers killed ... has risen to five": the count's subject comes before it.
_RISE = re.compile(r"\b(?:number|toll|tally|count|total) of ((?:[A-Za-z'’-]+ ){0,3}?"
                   r"[A-Za-z'’-]+)\b[^.;:]{0,80}?\b(?:rose|risen|climbed|increased|jumped|"
                   r"reached|stands|stood|hit|grew|grown|is|was|now)\b(?: at| to)?\s*$", re.I)


#: What follows the people who told a story: "two people familiar with", "three officials
#: told", "two diplomats in the region said".
_SOURCING = re.compile(r"\s+(?:(?:in|at|from|of) (?:the )?[\w-]+(?: [\w-]+)?\s+)?(?:familiar "
                       r"with|with knowledge|close to|who (?:spoke|asked|declined|requested)|"
                       r"speaking|briefed|told|said|say|says)\b")


def _not_a_claim(text: str, s_start: int, s_end: int, v: ValueMention, w: Words) -> bool:
    """A count that only refers back ("the two countries") or counts who told the story
    ("two people familiar with the talks said")."""
    if float(v.value or 0) <= 20 and re.fullmatch(r"[A-Za-z]+|\d+", v.text.strip()) \
            and _ANAPHORIC.search(text[max(s_start, v.start - 12):v.start]):
        return True
    tail = text[v.end:min(s_end, v.end + 70)]
    m = re.match(r"\s+(?:[A-Z][\w-]*\s+)*([a-z]+)\b", tail)
    if m and m.group(1) in w.sources:
        return bool(_SOURCING.match(tail[m.end():]))
    return False


def _counted_subject(text: str, s_start: int, at: int, w: Words
                     ) -> tuple[str, str | None] | None:
    """The noun and condition of "the number of Indian soldiers killed ... rose to" N."""
    m = _RISE.search(text[max(s_start, at - 160):at])
    if not m:
        return None
    phrase = _phrase_after_of(m.group(0), w)
    condition = next((w.conditions[x] for x in phrase if x in w.conditions), None)
    nouns = [x for x in phrase if x not in w.conditions and (x in w.plural_nouns or (
        x.endswith("s") and not x.endswith("ss") and len(x) > 3))]
    if not nouns:
        return ("", condition) if condition else None
    return nouns[-1], condition


def _phrase_after_of(found: str, w: Words, lower: bool = True) -> list[str]:
    """The words of "number of <Indian soldiers killed> in ...", up to a function word."""
    out = []
    for x in _WORD.findall(found.split(" of ", 1)[1])[:5]:
        if x.lower() in w.stop_after:
            break
        out.append(x.lower() if lower else x)
    return out


def noun_class(word: str, w: Words | None = None) -> str:
    """The class a counted noun aligns under: troops -> soldier, employees -> worker."""
    w = w or words()
    one = _singular(word.lower(), w)
    return w.classes.get(one) or w.classes.get(word.lower()) or one


def modifiers(text: str, c: ArticleClaim) -> frozenset[str]:
    """The names between a count and its noun: "three Indian soldiers" -> {indian}; for "the
    number of Chinese soldiers killed rose to four", the names of the counted phrase."""
    out = []
    for m in re.finditer(r"\S+", text[c.end:min(c.sent_end, c.end + 50)]):
        word = m.group(0).strip(",.;:()\"“”’'")
        if not word or not word[0].isupper() or m.group(0)[-1] in ",;:":
            if word and word[0].isupper():
                out.append(word.lower())
            break
        out.append(word.lower())
    if not out and c.topic.startswith("count|"):
        r = _RISE.search(text[max(c.sent_start, c.start - 160):c.start])
        if r:
            out = [x.lower() for x in _phrase_after_of(r.group(0), words(), lower=False)
                   if x[:1].isupper()]
    return frozenset(x for x in out if x not in ("of", "the"))


def _unit(v: ValueMention) -> str | None:
    if v.label == "MONEY":
        m = re.match(r"\s*(US\$|[A-Z]{1,3}\$|\$|€|£|¥|₹|₦|Rs\.?|KSh|USD|EUR|GBP)", v.text)
        if m:
            return m.group(1)
        tail = re.findall(r"[A-Za-z]+$", v.text)
        return tail[0].lower() if tail else None
    if v.text.rstrip().endswith("%") or re.search(r"\bper ?cent\b", v.text, re.I):
        return "%"
    if re.search(r"\bbasis points?$", v.text, re.I):
        return "bp"
    m = re.search(r"[\d\s-]([A-Za-z][A-Za-z.]*)$", v.text)
    if m and not re.fullmatch(r"(?:thousand|million|billion|trillion)", m.group(1), re.I):
        return m.group(1).lower()
    return None


def _qualifier(text: str, s_start: int, at: int, w: Words) -> str | None:
    before = text[max(s_start, at - 24):at].lower().rstrip()
    for phrase, _meaning in w.qualifiers:
        if before.endswith(phrase) and (len(before) == len(phrase)
                                        or not before[-len(phrase) - 1].isalnum()):
            return phrase
    return None


def qualifier_meaning(phrase: str | None) -> str | None:
    return dict(words().qualifiers).get(phrase) if phrase else None


def _noun_after(text: str, v: ValueMention, s_end: int, w: Words) -> str | None:
    """The counted noun: the first plural-looking word of the phrase after the number."""
    tail = text[v.end:min(s_end, v.end + 60)]
    if tail[:1] not in (" ", "\u00a0", "-"):
        return None
    part = re.match(r"\s+of (?:the|its|their|his|her|our|these|those) ([a-z]+)\b", tail)
    if part and (part.group(1) in w.plural_nouns or part.group(1).endswith("s")):
        return part.group(1)   # "three of its hospitals"
    found = []
    for m in _WORD.finditer(tail):
        gap = tail[m.start() - 1] if m.start() else " "
        if gap in ",;:()\"“”" or tail[:m.start()].count(",") or m.group(0) == "%":
            break
        word = m.group(0).lower().strip(".")
        if word in w.stop_after or len(found) >= 4:
            break
        found.append(word)
    for word in found:
        if word in w.plural_nouns or (word.endswith("s") and not word.endswith("ss")
                                      and len(word) > 3):
            return word
    return found[0] if found else None


def _noun_before(text: str, s_start: int, at: int, taken: list[tuple[int, int]],
                 w: Words) -> str | None:
    """The measured noun before a bare number: "the rate rose to 10.75%" -> rate."""
    pos = at
    for _ in range(8):
        k = bisect.bisect_left(taken, (pos, pos)) - 1
        if k >= 0 and taken[k][1] >= pos - 1 and taken[k][0] < pos:   # skip another value
            pos = taken[k][0]
            continue
        m = re.search(r"([A-Za-z][A-Za-z'’-]*)[^A-Za-z]*$", text[max(s_start, pos - 40):pos])
        if not m:
            return None
        word = m.group(1).lower()
        pos = max(s_start, pos - 40) + m.start(1)
        if word not in w.skip_back:
            return word
    return None


def _condition(text: str, s_start: int, s_end: int, v: ValueMention, w: Words) -> str | None:
    """The condition word closest to the number inside its clause."""
    lo = max(s_start, v.start - CLAUSE_REACH)
    hi = min(s_end, v.end + CLAUSE_REACH)
    window = text[lo:hi]
    best, best_d = None, None
    for m in w.condition_re.finditer(window):
        a, b = lo + m.start(), lo + m.end()
        if text[a:a + 24].lower().startswith(w.not_conditions):
            continue
        between = text[b:v.start] if b <= v.start else text[v.end:a]
        if re.search(r"[;:]|,\s+(?:and|but|while)\b|\.\s|\d", between) or (
                b <= v.start and re.search(r"\b(?:and|but|while|whereas)\b", between)):
            continue
        d = v.start - b if b <= v.start else a - v.end
        if best_d is None or d < best_d:
            best, best_d = w.conditions[m.group(0).lower()], d
    return best


def _singular(word: str, w: Words) -> str:
    if word in w.plural_nouns or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
