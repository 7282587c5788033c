"""From blocks to articles: classify each block, find article headers, split the page,
and pick each article's body, captions, title, date and byline.

A header is a headline-shaped block with evidence that an article starts there: the
headline repeated within a few blocks (scrapers catch it twice), a date stamp or byline
right below it, a dateline opening the next paragraph, an ``<h1>``, or being the first
headline of the page. Sub-headings and fact-box titles have none of these, so one article
is never split at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import settings
from . import rules
from .blocks import BYLINE, CAPTION, CHROME, END, STAMP, TEXT, Block

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def fold(text: str) -> str:
    return rules.normalise(text.translate(_QUOTES)).lower()


def mark_site_names(blocks: list[Block], names: list[str]) -> None:
    """A line that is only the site's name (its logo) is chrome, never a headline."""
    keys = {fold(n) for n in names if n}
    for b in blocks:
        if b.role == TEXT and fold(b.text) in keys:
            b.role = CHROME


def classify(blocks: list[Block]) -> None:
    """Assign each block its role (chrome, end, stamp, byline, caption, text)."""
    for b in blocks:
        t = b.text
        if b.tag == "caption":
            name = rules.byline(t)  # a "credit" element may credit the reporters
            b.role, b.byline = (BYLINE, name) if name else (CAPTION, None)
            continue
        if b.tag == "byline" and (name := rules.byline(t) or _plain_name(t)):
            b.role, b.byline, b.stamp = BYLINE, name, _stamp(b)
            continue
        if (b.link_density > settings.MAX_LINK_DENSITY and not b.heading and not b.time
                and t[:3].lower() != "by " and not any(c.isdigit() for c in t)):
            b.role = CHROME  # menus and lists of links: no pattern needed
            continue
        st = _stamp(b)
        if st:
            b.role, b.stamp = STAMP, st
            b.byline = rules.byline_in_stamp(t) or rules.byline(t)
        elif rules.is_end_marker(t):
            b.role = END
        elif (name := rules.byline(t)) is not None:
            b.role, b.byline = BYLINE, name
        elif rules.is_chrome(t) or b.link_density > settings.MAX_LINK_DENSITY and not b.heading:
            b.role = CHROME
        elif rules.looks_like_caption(t) or rules.doubled(t):
            b.role = CAPTION
        else:
            b.role = TEXT


def _stamp(b: Block) -> tuple[str, str | None] | None:
    st = rules.stamp(b.text)
    if b.time and rules.words(b.text) <= 20 and (st is None or st[0] == "relative"):
        st = ("date", b.time)  # <time datetime> says more than "5 hours ago"
    return st


def _plain_name(text: str) -> str | None:
    text = re.sub(r"^(?:by|written by)\b\s*", "", text, flags=re.I).strip()
    return rules.byline_names(text) if 0 < rules.words(text) <= 20 else None


def is_prose(b: Block) -> bool:
    """A paragraph of running text (not a heading, label or menu entry)."""
    n = rules.words(b.text)
    if b.heading:
        return False
    return n > settings.SHORT_LINE_WORDS + 2 or (n >= 4 and rules.ends_sentence(b.text))


def title_shaped(b: Block) -> bool:
    if b.role != TEXT:
        return False
    t = rules.strip_bullet(b.text)
    if t != b.text:  # bullets are summary points, not headlines
        return False
    n = rules.words(t)
    if t.isupper() and n <= 6 and b.heading != 1:
        return False  # a kicker or section label ("WORLD IN BRIEF")
    if not settings.TITLE_MIN_WORDS <= n <= settings.TITLE_MAX_WORDS:
        return b.heading == 1 and n >= 1
    if t.endswith((":", ",", ";")) or t[:1].islower():
        return False
    if rules.ends_sentence(t) and not t.endswith(("?", "!", "'", "’", "\"", "”")):
        # "US offers reward for info on commander cmdr." — one short sentence at most
        return n <= 15 and t.count(". ") == 0
    return True


@dataclass
class Draft:
    """One article as the segmenter found it."""

    title: str | None = None
    body: list[Block] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)
    stamps: list[tuple[str, str | None]] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(rules.words(b.text) for b in self.body)


@dataclass
class Header:
    repeats: set[int]
    strong: bool  # repeated, stamped, bylined or <h1>; weak: first headline or dateline only


def _evidence(blocks: list[Block], i: int, keys: list[str]) -> tuple[bool, bool, set[int]]:
    """(strong, weak, repeats) evidence that the headline-shaped block ``i`` starts an article."""
    key = keys[i]
    repeats: set[int] = set()
    strong = blocks[i].heading == 1
    weak = False
    for j in range(i + 1, min(len(blocks), i + 1 + settings.HEADER_WINDOW)):
        other = blocks[j]
        if keys[j] == key:
            repeats.add(j)
            strong = True
        elif other.role in (STAMP, BYLINE):
            strong = True
        elif other.role == TEXT and is_prose(other) and not title_shaped(other):
            weak = bool(rules.dateline(other.text))  # a dateline opens an article
            break
        elif other.role == TEXT and title_shaped(other) and (
                j > i + 1 and rules.words(other.text) < 15 or rules.words(other.text) < 12):
            break  # another headline first (a list of headlines, or a tagline's next line)
    return strong, weak, repeats


def find_headers(blocks: list[Block]) -> dict[int, Header]:
    """Map each header's index to its evidence (and the indices of its title repeats).

    Title-shaped lines between a header and its first paragraph (standfirst, kicker) belong
    to that header, unless one of them has stronger evidence than the header itself (the
    ``<h1>`` below a date bar).
    """
    headers: dict[int, Header] = {}
    seen_prose = False
    skip: set[int] = set()
    zone_until, zone_header = -1, -1
    keys = [fold(b.text) for b in blocks]
    for i, b in enumerate(blocks):
        if i in skip:
            continue
        if not title_shaped(b):
            if b.role == TEXT and is_prose(b):
                seen_prose = True
            continue
        in_zone = i < zone_until
        key = keys[i]
        nxt = next((j for j in range(i + 1, min(len(blocks), i + 4))
                    if blocks[j].role == TEXT), None)
        if nxt is not None and len(key) > len(keys[nxt]) >= 12 and key.endswith(keys[nxt]):
            b.role = CHROME  # a breadcrumb glued to the headline: "HomeWorldHeadline"
            continue
        strong, weak, repeats = _evidence(blocks, i, keys)
        if in_zone:
            if not (strong and not headers[zone_header].strong):
                continue
            del headers[zone_header]  # a stronger headline inside a weak header's zone
        elif not seen_prose and not headers:
            weak = True  # the page's first headline
        if strong or weak:
            headers[i] = Header(repeats, strong)
            skip |= repeats
            zone_header = i
            zone_until = next((j for j in range(i + 1, len(blocks)) if j not in repeats
                               and blocks[j].role == TEXT and is_prose(blocks[j])
                               and not title_shaped(blocks[j])), len(blocks))
    return headers


def prune_headers(blocks: list[Block], headers: dict[int, Header]) -> list[int]:
    """Drop headers whose article would be too short: of two neighbours, the weaker goes."""
    starts = sorted(headers)
    changed = True
    while changed and len(starts) > 1:
        changed = False
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
            prose = sum(rules.words(b.text) for b in blocks[start:end]
                        if b.role == TEXT and is_prose(b))
            if prose >= settings.MIN_ARTICLE_WORDS:
                continue
            if n + 1 < len(starts) and headers[start].strong and not headers[starts[n + 1]].strong:
                starts.pop(n + 1)  # the next "header" was a line of this article
            else:
                starts.pop(n)  # a logo, kicker or related headline, not an article
            changed = True
            break
    return starts


def segment(blocks: list[Block], split: bool = True) -> tuple[list[Block], list[Draft]]:
    """Split classified blocks into article drafts.

    Returns the page preamble (blocks before the first article) and the drafts.
    """
    groups = sorted({b.group for b in blocks if b.group})
    if groups:
        drafts: list[Draft] = []
        preamble = [b for b in blocks if not b.group]
        for g in groups:
            members = [b for b in blocks if b.group == g]
            headers = find_headers(members)
            first = min(headers) if headers else None
            draft = _draft(members, first, headers[first].repeats if first is not None else set())
            if draft.words >= settings.MIN_ARTICLE_WORDS:
                drafts.append(draft)
        return preamble, drafts

    headers = find_headers(blocks)
    starts = prune_headers(blocks, headers) if split else sorted(headers)[:1]
    if not starts:
        return [], [_draft(blocks, None, set())]
    preamble = blocks[: starts[0]]
    drafts = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        draft = _draft(blocks[start:end], 0, {j - start for j in headers[start].repeats})
        if draft.words >= settings.MIN_ARTICLE_WORDS or not drafts:
            drafts.append(draft)
    return preamble, drafts


def _draft(part: list[Block], title_at: int | None, repeats: set[int]) -> Draft:
    d = Draft()
    if title_at is not None:
        d.title = rules.strip_bullet(part[title_at].text)
    ended = False
    for k, b in enumerate(part):
        if k == title_at or k in repeats:
            continue
        if b.role == END:
            ended = True
        elif b.role == STAMP and b.stamp:
            d.stamps.append(b.stamp)
            if b.byline:
                d.bylines.append(b.byline)
        elif b.role == BYLINE and b.byline:
            d.bylines.append(b.byline)
            if b.stamp:
                d.stamps.append(b.stamp)
        elif b.role == CAPTION:
            if not any(fold(c.text) == fold(b.text) for c in d.captions):
                d.captions.append(b)
        elif b.role == TEXT and not ended:
            d.body.append(b)
    _trim_short(d)
    return d


def _trim_short(d: Draft) -> None:
    """Keep short lines only as sub-headings or summary bullets inside the article."""
    body = d.body
    prose_idx = [k for k, b in enumerate(body) if is_prose(b)]
    if not prose_idx:
        return
    first, last = prose_idx[0], prose_idx[-1]
    kept: list[Block] = []
    for k, b in enumerate(body):
        if is_prose(b):
            kept.append(b)
            continue
        bullet = rules.strip_bullet(b.text) != b.text or b.tag == "li"
        inside = first < k < last
        if inside and rules.words(b.text) >= 2:
            kept.append(b)        # a sub-heading or a list item between paragraphs
        elif k < first and bullet and rules.words(b.text) >= 4:
            kept.append(b)        # summary bullets under the headline
        elif k + 1 == first and b.heading >= 2 and rules.words(b.text) >= 2:
            kept.append(b)        # the heading of the first section or entry
        elif k < first and rules.words(b.text) >= 2 and k + 1 < len(body) and (
                body[k + 1].tag == "li" or rules.strip_bullet(body[k + 1].text) != body[k + 1].text):
            kept.append(b)        # the heading of a summary box ("Key points")
        elif k < first and b.tag in ("h2", "p") and rules.words(b.text) >= 6:
            kept.append(b)        # a standfirst
    d.body = kept
