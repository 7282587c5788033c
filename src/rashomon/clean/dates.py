"""Publication dates written on pages: "Updated 18 March 2025", "Thursday, February 29, 2024",
"2024-02-29T10:00:00Z", "5 hours ago". ISO output, as precise as known, None rather than a guess.
"""

from __future__ import annotations

import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
MONTH_NAMES = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_MONTH = r"(?P<mon>" + MONTH_NAMES + r")\."  + "?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:,|at|-|–|—|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*\(?(?:GMT|UTC)[+-]?\d{0,2}(?::?\d{2})?\)?)?)?"

_PATTERNS = [
    # 2024-02-29, 2024-02-29T10:00:00Z, 2024/02/29
    re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"),
    # Thursday, February 29, 2024 / Feb. 29, 2024 / February 29 2024
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})" + _TIME, re.I),
    # 11 February 2020 / Tuesday 11 February 2020 / 11th Feb, 2020
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>(?:19|20)\d{2})" + _TIME, re.I),
    # 3.2.2025: dotted numeric dates are day-first wherever they are written
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})" + _TIME),
    # 29/02/2024 or 02/29/2024 (resolved only when unambiguous)
    re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})" + _TIME),
    # February 2024
    re.compile(_MONTH + r",?\s+(?P<y>(?:19|20)\d{2})", re.I),
]
_RELATIVE = re.compile(
    r"\b(?:just now|moments? ago|\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?"
    r"(?:\s*\d+\s*(?:sec|second|min|minute|hr|hour)s?)*\s+ago|yesterday|today)\b", re.I)


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31]
    return d <= days[m - 1]


def parse_date(text: str, *, whole: bool = False) -> str | None:
    """The first absolute date in ``text`` as ISO (``2024-02-29`` or ``2024-02``), else None.

    With ``whole=True`` the date (with weekday/time) must be all of ``text``.
    """
    for i, pattern in enumerate(_PATTERNS):
        m = pattern.fullmatch(text.strip()) if whole else pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        y = int(g["y"])
        if i == 5:
            return f"{y:04d}-{MONTHS[g['mon'].lower().rstrip('.')]:02d}"
        if i == 4:
            a, b = int(g["a"]), int(g["b"])
            if a > 12 and _valid(y, b, a):
                mo, d = b, a
            elif b > 12 and _valid(y, a, b):
                mo, d = a, b
            elif a == b and _valid(y, a, a):
                mo, d = a, a
            else:
                return None  # 5/6/2024: day-month or month-day? abstain
            return f"{y:04d}-{mo:02d}-{d:02d}"
        mo = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower().rstrip(".")]
        d = int(g["d"])
        if _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def is_relative(text: str) -> bool:
    return bool(_RELATIVE.search(text))


def is_date_only(text: str) -> bool:
    """True when ``text`` is nothing but a date (and weekday/time): a date line."""
    return parse_date(text, whole=True) is not None


_UNITS = {"sec": 1, "second": 1, "min": 60, "minute": 60, "hr": 3600, "hour": 3600,
          "day": 86400, "week": 604800}
_AMOUNT = re.compile(r"(\d+)\s*(sec|second|min|minute|hr|hour|day|week)s?", re.I)


def resolve_relative(text: str | None, fetched_at: str | None) -> str | None:
    """"3 hours ago" against the fetch time ("2024-03-05T10:00:00Z") -> "2024-03-05"."""
    from datetime import datetime, timedelta

    if not text or not fetched_at:
        return None
    try:
        when = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    low = text.lower()
    if "yesterday" in low:
        return (when - timedelta(days=1)).date().isoformat()
    if "today" in low or "just now" in low or "moment" in low:
        return when.date().isoformat()
    seconds = sum(int(n) * _UNITS[u.lower()] for n, u in _AMOUNT.findall(text))
    if not seconds or re.search(r"\b(month|year)s?\b", low):
        return None
    return (when - timedelta(seconds=seconds)).date().isoformat()
