"""Small presentation helpers shared by the views and the templates: links to a sentence,
outlet colours, score colours, dates with their precision."""

from __future__ import annotations

import calendar
import re
import zlib
from collections.abc import Iterable
from datetime import date, timedelta

#: Outlet chips take one of this many colours (``oc-0`` ... in style.css), by name hash.
OUTLET_COLOURS = 12
#: Loaded-language scores are coloured in buckets (``score-n2`` ... ``score-p2``):
#: at or beyond +/- STRONG_SCORE strong, beyond +/- MILD_SCORE mild, else neutral.
STRONG_SCORE = 0.5
MILD_SCORE = 0.1
UNKNOWN_OUTLET = "unknown outlet"
#: Entity types that name actors and places (the others are dates, amounts, quantities).
NAMED_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def sentence_href(article_id: str, start: int, end: int) -> str:
    """The link to one exact sentence of an article: highlighted and scrolled to."""
    return f"/article/{article_id}?hl={start}-{end}#s-{start}-{end}"


def outlet_name(outlet: str | None) -> str:
    return outlet or UNKNOWN_OUTLET


def _slot(outlet: str) -> int:
    return zlib.crc32(outlet.encode("utf-8")) % OUTLET_COLOURS


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """A colour class for each outlet (most published first): each takes its name's hash
    slot, or the next free one while any is free, so the first OUTLET_COLOURS outlets of a
    workspace all differ; later ones share by hash."""
    taken: set[int] = set()
    out = {}
    for outlet in outlets:
        slot = _slot(outlet)
        while len(taken) < OUTLET_COLOURS and slot in taken:
            slot = (slot + 1) % OUTLET_COLOURS
        taken.add(slot)
        out[outlet] = f"oc-{slot}"
    return out


def outlet_class(outlet: str | None, colours: dict[str, str] | None = None) -> str:
    """The outlet's colour class: from ``colours`` (see :func:`outlet_colours`), else by
    its name's hash; ``oc-none`` for an unknown outlet."""
    if not outlet:
        return "oc-none"
    return (colours or {}).get(outlet) or f"oc-{_slot(outlet)}"


def score_class(score: float) -> str:
    if score <= -STRONG_SCORE:
        return "score-n2"
    if score < -MILD_SCORE:
        return "score-n1"
    if score >= STRONG_SCORE:
        return "score-p2"
    if score > MILD_SCORE:
        return "score-p1"
    return "score-0"


def date_span(value: str | None) -> tuple[str, date, date] | None:
    """``(precision, first day, day after the last)`` of an ISO date, month or year."""
    m = _DATE.fullmatch(value or "")
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        if day and month:
            first = date(year, month, day)
            return "day", first, first + timedelta(days=1)
        if month:
            first = date(year, month, 1)
            return "month", first, first + timedelta(days=calendar.monthrange(year, month)[1])
        return "year", date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError:
        return None


def date_label(value: str | None) -> str:
    """A readable date at the precision it has: 3 Jan 2020, Jan 2020, 2020."""
    span = date_span(value)
    if span is None:
        return value or "undated"
    precision, first, _ = span
    if precision == "day":
        return f"{first.day} {first:%b %Y}"
    return f"{first:%b %Y}" if precision == "month" else f"{first.year}"


def date_range(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    if not last or last == first:
        return date_label(first)
    return f"{date_label(first)} – {date_label(last)}"
