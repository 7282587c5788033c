"""Temporal expressions and their calendar value, normalised against the article's date.

"on January 3" -> 2020-01-03 (the year from the article's date), "Friday" -> the Friday
before (or, in a future tense, after) the article's date, "last month" / "late last month"
-> 2020-01, "in 2003" -> 2003, "four months later" -> the last date mentioned + 4 months,
at the precision the text gives; None when it cannot be placed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..clean.dates import MONTH_NAMES, MONTHS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_M = rf"(?:{MONTH_NAMES})\.?"
_Y = r"(?:19|20)\d{2}"
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_AMOUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"

# Order matters: longer, more precise expressions first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(p, re.I)) for kind, p in [
    ("mdy", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}),?\s+(?P<y>{_Y})\b"),
    ("dmy", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?P<y>{_Y})\b"),
    ("iso", rf"\b(?P<y>{_Y})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b"),
    ("my", rf"\b(?:(?:early|mid|late)[- ])?(?P<mon>{_M})\s+(?:of\s+)?(?P<y>{_Y})\b"),
    ("md", rf"\b(?:{_WD},?\s+)?(?P<mon>{_M})\s+(?P<d>{_D})\b(?!\s*(?:,\s*)?{_Y})(?![,.]?\d)"),
    ("dm", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<mon>{_M})\b(?!,?\s+{_Y})"),
    ("month_rel_year", rf"\b(?P<mon>{_M})\s+(?P<dir>last|this|next)\s+year\b"),
    ("last_month_name", rf"\b(?P<dir>last|next|this)\s+(?P<mon>{_M})(?!\s+\d)\b"),
    ("mid_year", rf"\b(?:early|mid|late)-(?P<y>{_Y})\b"),
    ("rel_unit", rf"\b(?P<n>{_AMOUNT})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|ago|before|after)\b"),
    ("the_next", r"\bthe\s+(?P<dir>following|next|previous)\s+(?P<unit>day|week|month|year)\b"),
    ("earlier_this", r"\b(?P<part>earlier|later)\s+this\s+(?P<unit>week|month|year)\b"),
    ("last_unit", r"\b(?:(?P<part>early|mid|late)[- ])?(?P<dir>last|this|next|past)\s+(?P<unit>week|month|year|weekend)\b"),
    ("in_month", rf"\b(?:(?:in|since|until|by|from|during|early|mid|late|end of)\s+|(?:early|mid|late)-)(?P<mon>{_M})(?!\s+\d)\b"),
    ("season", r"\b(?P<dir>this|last|next)\s+(?P<season>summer|winter|spring|autumn|fall)\b"),
    ("bare_month", r"(?<![\w-])(?P<mon>January|February|March|April|June|July|August|September|October|November|December|May(?=\s+(?:and|or|to|,)|[.,;]))(?!\s+\d)\b"),
    ("weekday", rf"\b(?:(?P<dir>last|next|this)\s+)?(?P<wd>{_WD})(?:'s|’s)?(?:\s+(?:morning|afternoon|evening|night))?\b"),
    ("duration", rf"\b(?:{_AMOUNT}|\d+|several|a few|few)[- ](?:hour|day|week|month|year)s?(?:-long|-old)?\b(?!\s+(?:later|earlier|ago|before|after))"),
    ("today", r"\b(?P<word>today|yesterday|tomorrow|tonight)\b"),
    ("decade", r"\b(?:the\s+)?(?P<y>(?:19|20)\d)0s\b"),
    ("year", rf"\b(?:in|since|until|by|from|during|of|early|mid|late|before|after|end of|spring|summer|autumn|fall|winter)\s+(?P<y>{_Y})\b"),
    ("bare_year", rf"(?<![\d,.$€£-])\b(?P<y>{_Y})\b(?![\d,.%]?\d)(?!\s*(?:percent|%|people|troops|km|tonnes))"),
]]
# A future tense just before the expression, in the same clause ("will meet on Monday");
# reported speech ("said on Friday that it would") is not one.
_FUTURE = re.compile(r"(?:\b(?:will|shall|is due|are due|was due|were due|is set|are set|plans? to|"
                     r"planned to|scheduled|expected to|upcoming)\b[^.;,]{0,50}|\bby\s+)$", re.I)


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None


def find_dates(text: str, published: str | None,
               sentences: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """Every temporal expression in ``text`` with its value (None when it cannot be placed)."""
    anchor = _parse_iso(published)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "weekday" and not text[s:s + 1].isupper() and not m.group("dir"):
                continue  # "friday" in lower case is rarely a date in news copy
            if kind == "bare_month" and not text[s:s + 1].isupper():
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    found.sort()
    out = []
    last: tuple[date, str] | None = (anchor, "day") if anchor else None
    for s, e, kind, m in found:
        sentence = _sentence_at(text, s, sentences)
        clause_start = max(0, s - 60, text.rfind(sentence[:20], 0, s + 1) if sentence else 0)
        future = bool(_FUTURE.search(text[clause_start:s]))
        value, ref = _value(kind, m, anchor, last, future)
        s2, text2 = _trim_preposition(text, s, e)
        out.append(TimeExpr(s2, e, text2, value))
        if ref is not None and value is not None:
            last = ref
    return out


def _trim_preposition(text: str, s: int, e: int) -> tuple[int, str]:
    span = text[s:e]
    m = re.match(r"(?:in|since|until|by|from|during|of|before|after|end of|the)\s+", span, re.I)
    if m and re.search(r"\d|" + MONTH_NAMES, span[m.end():], re.I):
        s += m.end()
    return s, text[s:e]


def _sentence_at(text: str, pos: int, sentences: list[tuple[int, int]] | None) -> str:
    if sentences:
        import bisect

        k = bisect.bisect_right(sentences, (pos, len(text) + 1)) - 1
        if k >= 0 and sentences[k][0] <= pos < sentences[k][1]:
            a, b = sentences[k]
            return text[a:b]
    a = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    b = min(x for x in (text.find(". ", pos), text.find("\n", pos), len(text)) if x >= 0)
    return text[a:b]


def _parse_iso(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def _day(m: re.Match[str]) -> int:
    return int(re.match(r"\d+", m.group("d")).group(0))  # type: ignore[union-attr]


def _safe(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _add_months(d: date, months: int) -> date:
    y, mo = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mo + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _fmt(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _value(kind: str, m: re.Match[str], anchor: date | None, last: tuple[date, str] | None,
           future: bool) -> tuple[str | None, tuple[date, str] | None]:
    if kind in ("mdy", "dmy", "iso"):
        mo = int(m.group("m")) if kind == "iso" else _month(m)
        d = _safe(int(m.group("y")), mo, _day(m))
        return (d.isoformat(), (d, "day")) if d else (None, None)
    if kind == "my":
        d = date(int(m.group("y")), _month(m), 1)
        return _fmt(d, "month"), (d, "month")
    if kind == "year":
        d = date(int(m.group("y")), 1, 1)
        return str(d.year), (d, "year")
    if kind == "bare_year":
        d = date(int(m.group("y")), 1, 1)
        return str(d.year), (d, "year")
    if kind in ("decade", "duration"):
        return None, None
    if anchor is None:
        return None, None
    if kind in ("md", "dm"):
        mo, day = _month(m), _day(m)
        best = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            d = _safe(year, mo, day)
            if d is None:
                continue
            if future and d < anchor - timedelta(days=7):
                continue
            if not future and d > anchor + timedelta(days=31):
                continue
            if best is None or abs((d - anchor).days) < abs((best - anchor).days):
                best = d
        return (best.isoformat(), (best, "day")) if best else (None, None)
    if kind in ("in_month", "bare_month"):
        mo = _month(m)
        year = anchor.year
        if not future and mo > anchor.month + 1:
            year -= 1  # "in November", written in March: the November before
        if future and mo < anchor.month:
            year += 1
        d = date(year, mo, 1)
        return _fmt(d, "month"), (d, "month")
    if kind == "month_rel_year":
        step = {"last": -1, "this": 0, "next": 1}[m.group("dir").lower()]
        d = date(anchor.year + step, _month(m), 1)
        return _fmt(d, "month"), (d, "month")
    if kind == "last_month_name":
        mo, direction = _month(m), m.group("dir").lower()
        year = anchor.year
        if direction == "last" and mo >= anchor.month:
            year -= 1
        if direction == "next" and mo <= anchor.month:
            year += 1
        d = date(year, mo, 1)
        return _fmt(d, "month"), (d, "month")
    if kind == "mid_year":
        d = date(int(m.group("y")), 1, 1)
        return str(d.year), (d, "year")
    if kind == "season":
        step = {"last": -1, "this": 0, "next": 1}[m.group("dir").lower()]
        d = date(anchor.year + step, 1, 1)
        return str(d.year), None
    if kind == "weekday":
        target = WEEKDAYS.index(m.group("wd").lower())
        direction = (m.group("dir") or "").lower()
        if direction == "next":
            delta = (target - anchor.weekday()) % 7 or 7
            d = anchor + timedelta(days=delta)
        elif future and direction != "last":
            d = anchor + timedelta(days=(target - anchor.weekday()) % 7)
        else:
            delta = (anchor.weekday() - target) % 7
            if direction == "last" and delta == 0:
                delta = 7
            d = anchor - timedelta(days=delta)
        return d.isoformat(), (d, "day")
    if kind == "today":
        word = m.group("word").lower()
        d = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        return d.isoformat(), (d, "day")
    if kind in ("last_unit", "earlier_this"):
        unit = m.group("unit").lower()
        direction = (m.group("dir") or "this").lower() if kind == "last_unit" else "this"
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[direction]
        if unit == "month":
            d = _add_months(anchor.replace(day=1), step)
            return _fmt(d, "month"), (d, "month")
        if unit == "year":
            d = date(anchor.year + step, 1, 1)
            return str(d.year), (d, "year")
        if unit == "week" and kind == "last_unit":
            d = anchor + timedelta(days=7 * step)  # a week has no ISO date: its month
            return _fmt(d, "month"), None
        return None, None
    if kind in ("rel_unit", "the_next"):
        unit = m.group("unit").lower()
        n = 1 if kind == "the_next" else _NUM.get(m.group("n").lower()) or int(m.group("n"))
        direction = m.group("dir").lower()
        sign = -1 if direction in ("earlier", "ago", "before", "previous") else 1
        base, precision = (anchor, "day") if direction == "ago" or last is None else last
        if unit == "day" and precision != "day" or unit == "week" and precision != "day":
            return None, None
        if unit in ("day", "week"):
            d = base + timedelta(days=sign * n * (7 if unit == "week" else 1))
            return d.isoformat(), (d, "day")
        if unit == "month":
            d = _add_months(base.replace(day=1), sign * n)
            return _fmt(d, "month"), (d, "month")
        d = date(base.year + sign * n, 1, 1)
        return str(d.year), (d, "year")
    return None, None
