"""Amounts: MONEY ("$10-million", "2.5 million shillings") and QUANTITY ("5,200", "six",
"35 kilogrammes", "15%"), with a normalised value for comparing outlets' figures."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6,
          "mn": 1e6, "bn": 1e9, "k": 1e3, "crore": 1e7, "lakh": 1e5}
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
          "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
          "hundreds": None, "thousands": None, "dozens": None, "millions": None}
_SYMBOL = r"(?:US\$|A\$|C\$|HK\$|NZ\$|S\$|\$|€|£|¥|₹|₦|R(?=\d)|Rs\.?\s?|KSh\s?|N(?=\d)|USD\s?|EUR\s?|GBP\s?)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = r"(?:thousand|million|billion|trillion|bn|mn|m|k|crore|lakh)\b"


class Spans:
    """Non-overlapping character spans, for "is this stretch still free?" in log time."""

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def free(self, s: int, e: int) -> bool:
        # the spans do not overlap, so their ends are sorted too: only the last span that
        # starts before e can reach past s
        k = bisect.bisect_left(self.starts, e)
        return not (k > 0 and self.ends[k - 1] > s)

    def add(self, s: int, e: int) -> None:
        k = bisect.bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


@dataclass
class Amount:
    start: int
    end: int
    text: str
    label: str          # MONEY | QUANTITY
    value: float | None  # the number (in the currency's units for MONEY)
    unit: str | None


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    res = load()
    currencies = "|".join(re.escape(c) for c in res.currencies)
    units = "|".join(re.escape(u) for u in res.units)
    words = "|".join(sorted((w for w in res.number_words), key=len, reverse=True))
    money = re.compile(
        rf"(?P<sym>{_SYMBOL})(?P<num>{_NUMBER})(?:[\s-]?(?P<scale>{_SCALES}))?"
        rf"|\b(?P<num2>{_NUMBER})(?:[\s-](?P<scale2>{_SCALES}))?\s+(?P<cur>{currencies})\b",
        re.I)
    quantity = re.compile(
        rf"(?<![\w$€£¥₹.,-])(?P<num>{_NUMBER})(?:[\s-](?P<scale>(?:thousand|million|billion|trillion)\b))?"
        rf"(?:\s?(?P<unit>{units})(?![\w]))?(?![\w.,]?\d)",
        re.I)
    number_words = re.compile(
        rf"\b(?P<w>(?:{words})(?:[- ](?:{words}))*)\b(?:\s(?P<unit>{units})\b)?", re.I)
    return money, quantity, number_words


def _number(num: str, scale: str | None) -> float:
    value = float(num.replace(",", ""))
    if scale:
        value *= _SCALE.get(scale.lower(), 1)
    return value


def find_amounts(text: str, dates: list[tuple[int, int]]) -> list[Amount]:
    """MONEY and QUANTITY expressions; numbers inside dates or names are left alone."""
    money, quantity, words = _patterns()
    taken = Spans(dates)
    out: list[Amount] = []
    free = taken.free

    for m in money.finditer(text):
        if not free(*m.span()):
            continue
        num = m.group("num") or m.group("num2")
        scale = m.group("scale") or m.group("scale2")
        unit = (m.group("sym") or m.group("cur") or "").strip()
        out.append(Amount(m.start(), m.end(), m.group(0), "MONEY", _number(num, scale), unit))
        taken.add(*m.span())
    for m in quantity.finditer(text):
        s, e = m.span()
        if not free(s, e) or _ordinal_or_time(text, s, e):
            continue
        out.append(Amount(s, e, m.group(0), "QUANTITY",
                          _number(m.group("num"), m.group("scale")), m.group("unit")))
        taken.add(s, e)
    for m in words.finditer(text):
        s, e = m.span()
        if not free(s, e):
            continue
        phrase = m.group("w").lower()
        value = _word_value(phrase)
        if phrase in ("hundred", "thousand", "million", "billion"):
            continue
        out.append(Amount(s, e, m.group(0), "QUANTITY", value, m.group("unit")))
        taken.add(s, e)
    out.sort(key=lambda a: a.start)
    return out


def _ordinal_or_time(text: str, s: int, e: int) -> bool:
    after = text[e:e + 3].lower()
    before = text[max(0, s - 1):s]
    return after.startswith(("st ", "nd ", "rd ", "th ", "am", "pm", "a.m", "p.m", ":")) or \
        before == ":" or text[s:e].isdigit() and len(text[s:e]) == 4 and text[s:e][:2] in ("19", "20")


def _word_value(phrase: str) -> float | None:
    total, current = 0.0, 0.0
    for w in re.split(r"[- ]", phrase):
        v = _WORDS.get(w) if w in _WORDS else _SCALE.get(w)
        if v is None:
            return None
        if w in ("hundred",):
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALE[w]
            current = 0
        else:
            current += v
    return total + current
