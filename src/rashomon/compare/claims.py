"""Claims: the counts and sums an article states, each with what it counts.

"some 5,000 U.S. troops" is the number 5,000, hedged by "some", counting "troops"; "the
death toll rose to 45" counts "killed". A claim's ``topic`` key (noun and condition) is
what lets the Compare stage line up the values that different outlets give for the same
thing. Word lists: ``data/compare.toml``.
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


@lru_cache(maxsize=1)
def words() -> Words:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/compare.toml").read_text("utf-8"))
    quals = sorted(((p, m) for m, ps in data["qualifiers"].items() for p in ps),
                   key=lambda x: -len(x[0]))
    conditions = {f: c for c, fs in data["conditions"].items() for f in fs}
    forms = sorted(conditions, key=len, reverse=True)
    return Words(tuple(quals), conditions,
                 re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I),
                 *(frozenset(data["lists"][k]) for k in ("growing", "generic", "plural_nouns",
                                                         "skip_back", "stop_after")),
                 {k.lower(): (v[0], float(v[1])) for k, v in data["units"].items()})


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
        qualifier = _qualifier(text, s_start, v.start, w)
        unit = _unit(v)
        noun = _noun_after(text, v, s_end, w)
        condition = w.conditions.get(noun or "") or _condition(text, s_start, s_end, v, w)
        if noun is None and (condition is None or unit == "%"):
            noun = _noun_before(text, s_start, v.start, taken, w)
        kind = "money" if v.label == "MONEY" else ("percent" if unit == "%" else "count")
        head = unit if unit and unit != "%" and v.label == "QUANTITY" else noun
        number = float(v.value)
        measure = w.units.get((head or "").lower()) if v.label == "QUANTITY" else None
        if measure:
            kind, number = f"measure:{measure[0]}", number * measure[1]
            head, condition = measure[0], None
        elif v.label == "MONEY":
            kind = f"money:{unit or '?'}"
        topic = "|".join((kind, _singular(head or "", w), condition or ""))
        label = " ".join(x for x in (head, condition if condition != head else None) if x)
        label = label or kind
        lo = bisect.bisect_left(mention_starts, s_start)
        near = sorted({mentions[i][2] for i in range(lo, len(mentions))
                       if mentions[i][0] < s_end})
        out.append(ArticleClaim(v.start, v.end, v.text, kind, topic, label, v.value,
                                number, qualifier, s_start, s_end, near))
    return out


def _unit(v: ValueMention) -> str | None:
    if v.label == "MONEY":
        m = re.match(r"\s*(US\$|[A-Z]{1,3}\$|\$|€|£|¥|₹|₦|Rs\.?|KSh|USD|EUR|GBP)", v.text)
        if m:
            return m.group(1)
        tail = re.findall(r"[A-Za-z]+$", v.text)
        return tail[0].lower() if tail else None
    if v.text.rstrip().endswith("%") or re.search(r"\bper ?cent\b", v.text, re.I):
        return "%"
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
