"""Article metadata: outlet, publication date, byline, dateline, language."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import dates, rules
from .blocks import Block, PageMeta
from .segment import Draft, fold

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said"},
    "fr": {"le", "la", "les", "et", "des", "du", "une", "est", "dans", "pour", "qui", "pas"},
    "es": {"el", "la", "los", "las", "y", "del", "que", "en", "una", "por", "con", "para"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "von", "zu"},
    "it": {"il", "la", "che", "di", "e", "una", "per", "non", "sono", "della", "con", "gli"},
    "pt": {"o", "a", "os", "que", "de", "em", "um", "uma", "para", "com", "não", "do"},
}


def outlet(meta: PageMeta, headline: str | None, text_clue: str | None) -> str | None:
    """The publisher: markup first, then the page's own words, then the URL's domain."""
    return (meta.site_name or meta.logo_name or title_suffix(meta.title, headline)
            or text_clue or domain(meta.url))


def outlet_in_text(blocks: list[Block], meta: PageMeta) -> str | None:
    """The first clue to the publisher in the page's footer or text ("X's website...")."""
    for line in [*meta.clues, *(b.text for b in blocks)]:
        name = rules.outlet_clue(line)
        if name:
            return name
    return None


def title_suffix(title: str | None, headline: str | None) -> str | None:
    """"Headline | Site Name" -> "Site Name" (when one part is the headline)."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return None
    key = fold(headline) if headline else None
    if key and fold(parts[-1]) == key:
        candidate = parts[0]
    else:
        # "Headline | Site": the site is the last, shorter part
        candidate = parts[-1]
        if not (key and (fold(parts[0]) == key or key.startswith(fold(parts[0])))) and (
                rules.words(candidate) >= rules.words(parts[0])):
            return None
    candidate = candidate.strip()
    if 0 < rules.words(candidate) <= 6 and candidate.lower() not in rules.rules().agencies:
        return candidate
    return None


def strip_site(title: str | None, site: str | None) -> str | None:
    """"Headline | Site Name" -> "Headline" when the page's outlet is that suffix."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title.strip())
    if len(parts) > 1 and site and fold(parts[-1]) == fold(site):
        return " - ".join(parts[:-1])
    return title


def domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def published(draft: Draft, page_date: str | None, fetched_at: str | None = None) -> str | None:
    """The article's own stamp first. A relative stamp ("5 min ago") is resolved against
    the time the page was fetched when known, else the page's own date line, else unknown."""
    for kind, value in draft.stamps:
        if kind == "date":
            return value
        if kind == "relative":
            return dates.resolve_relative(value, fetched_at) or page_date
    return page_date


def dateline(draft: Draft) -> str | None:
    """The dateline opening one of the first paragraphs (after summary bullets)."""
    paragraphs = [b for b in draft.body if b.tag != "li" and not b.heading
                  and rules.strip_bullet(b.text) == b.text]
    for b in paragraphs[:3]:
        found = rules.dateline(b.text)
        if found:
            return found[0]
    return None


def language(text: str) -> str:
    tokens = re.findall(r"[a-zà-ÿ]+", text[:5000].lower())
    if not tokens:
        return "en"
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > scores["en"] * 1.5 else "en"
