"""Line rules read from ``data/boilerplate.toml``: chrome, end markers, captions, stamps,
bylines, datelines and outlet clues. The patterns are data; this module only applies them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import dates

_WS = re.compile(r"\s+")
_STAMP_HINT = re.compile(r"\d|yesterday|today|just now|moment", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_BULLET = re.compile(r"^[•·▪►▸◦*‣–—-]\s+")
_BYLINE = re.compile(
    r"(?:by|written by|words by|words|text by|text|reporting by|reported by|story by|"
    r"author)\s*:?\s+(?P<names>[A-Z].{1,160})", re.I)
# "Jane Doe, Staff Reporter" / "Ayesha Patel | Sports Writer": a name with a newsroom role
_NAME_ROLE = re.compile(
    r"(?P<names>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}(?: and [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})?)"
    r"\s*(?:,|\||–|—)\s*(?i:(?:[a-z]+ ){0,3}(?:reporter|writer|correspondent|editor|journalist)s?)")
_BYLINE_CUT = re.compile(r"\s*(?:\||•|·|—|–|\s-\s|,\s*(?:staff|senior|chief|special|foreign|"
                         r"political|business|sports|science|health)\b|\bfor\b|\bin\b|"
                         r"\bat the\b|\bon\b|\bupdated\b|\bpublished\b|\bposted\b|\d|"
                         r"\b(?:" + dates.MONTH_NAMES + r")\b)", re.I)
_NOT_A_NAME = re.compile(r"\b(?:desk|staff|correspondent|team|bureau|newsroom|editors?|agencies|"
                         r"reporters?|writers?|wires?)\b", re.I)
_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+(?:[^\W\d_][\w'’.-]*|de|da|van|von|der|al|el|bin|ibn|la|le|di|du|dos|das))*")
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^\W\d_'’.\-]+(?:\s+[^\W\d_][^\W\d_'’.\-]+){0,3})"  # SAO PAULO
    r"(?:,\s*[^\W\d_][\w.'’\- ]{1,30}?)?"                        # , Côte d'Ivoire
    r"(?:,?\s+(?:" + dates._MONTH + r")\s+\d{1,2})?"            # , March 3
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,40})\))?"       # (Reuters)
    r"\s*(?::|—|–|--|-)\s+(?=\S)", re.I)


_CONNECTORS = {"of", "and", "&", "the", "de"}
_NOT_PLACES = {"update", "updates", "analysis", "opinion", "editor's note", "note", "watch",
               "read", "breaking", "exclusive", "comment", "review", "explainer", "q", "a",
               "warning", "correction", "clarification", "advertisement", "photos", "video"}


class LengthBuckets:
    """An alternation of whole-line patterns, split by the longest line each can match, so a
    long paragraph is only tried against the few patterns that could match it."""

    LOWS = (0, 20, 40, 80, 160, 320, 640)

    def __init__(self, patterns: list[str], flags: int = re.I) -> None:
        widths = [_max_width(p, flags) for p in patterns]
        # bucket k serves lines longer than LOWS[k]: only patterns that reach that far
        self.buckets = []
        for low in self.LOWS:
            chosen = [p for p, w in zip(patterns, widths, strict=True) if w > low]
            self.buckets.append(re.compile(_alternation(chosen), flags) if chosen else None)

    def fullmatch(self, line: str) -> bool:
        n = len(line)
        k = len(self.LOWS) - 1
        while k > 0 and n <= self.LOWS[k]:
            k -= 1
        pattern = self.buckets[k]
        return bool(pattern and pattern.fullmatch(line))


def _max_width(pattern: str, flags: int) -> int:
    import re._parser as sre_parse  # the parser the re module itself uses

    return sre_parse.parse(pattern, flags).getwidth()[1]


@dataclass(frozen=True)
class Rules:
    chrome: LengthBuckets
    end: re.Pattern[str]
    caption_credit: re.Pattern[str]
    caption_start: re.Pattern[str]
    stamp_prefix: re.Pattern[str]
    outlet_clues: tuple[re.Pattern[str], ...]
    outlet_hints: tuple[str, ...]
    sections: frozenset[str]
    agencies: frozenset[str]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Load and compile the rule tables once (lazily: importing rashomon stays fast)."""
    raw = resources.files("rashomon").joinpath("data/boilerplate.toml").read_text("utf-8")
    d = tomllib.loads(raw)
    return Rules(
        chrome=LengthBuckets(d["chrome"]),
        end=re.compile(_alternation(d["end"]), re.I),
        caption_credit=re.compile(r"(?:" + _alternation(d["caption_credit"]) + r")\s*\.?\s*$"),
        caption_start=re.compile(r"^(?:" + _alternation(d["caption_start"]) + ")", re.I),
        stamp_prefix=re.compile(r"^(?:" + _alternation(d["stamp_prefix"]) + r")\s*", re.I),
        outlet_clues=tuple(re.compile(p, re.I) for p in d["outlet_clues"]),
        sections=frozenset(w.lower() for w in d["sections"]),
        outlet_hints=tuple(h.lower() for h in d["outlet_clue_hints"]),
        agencies=frozenset(a.lower() for a in d["agencies"]),
    )


def normalise(text: str) -> str:
    return " ".join(text.split())


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text)


def words(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_chrome(line: str) -> bool:
    if len(line) <= 120:  # menus, buttons and notices repeat on every page of a site
        return _is_chrome_cached(line)
    return bool(rules().chrome.fullmatch(line))


@lru_cache(maxsize=1 << 16)
def _is_chrome_cached(line: str) -> bool:
    return bool(rules().chrome.fullmatch(line)) or is_menu(line)


def is_menu(line: str) -> bool:
    """A row of section names or buttons ("News Business Sport Weather", "Share Tweet Print")."""
    if len(line) > 160:
        return False
    tokens = re.findall(r"[^\W\d_][\w'’-]*", line.lower())
    if not 2 <= len(tokens) <= 16 or ends_sentence(line):
        return False
    known = sum(1 for t in tokens if t in rules().sections)
    return known / len(tokens) >= 0.75


def is_end_marker(line: str) -> bool:
    return bool(rules().end.fullmatch(line))


_STAMP_WORD = re.compile(
    r"\b(?:(?:last |first )?updated|(?:first )?published|posted|modified|created|date)\b"
    r"(?:\s+(?:on|at))?\s*:?\s*", re.I)
_BY_NAME = re.compile(r"\bby\s+([A-Z][\w.'’ -]*?)(?=\s+on\b|\s*[|,·•—–]|\s+\d|$)")


def stamp(line: str) -> tuple[str, str | None] | None:
    """A date line: ``("date", iso)``, ``("relative", text)`` or None when not a stamp.

    "Updated 18 March 2025", "Thursday, February 29, 2024", "AFP — Published 11 February
    2024 at 19:05", "Posted by Jane Doe on 14/02/2023", "| 5 hours ago".
    """
    if words(line) > 30 or not _STAMP_HINT.search(line):
        return None
    line = line.strip(" |·•-–—")
    m = _STAMP_WORD.search(line)
    if m and m.start() <= 60:
        rest = line[m.end():]
        if dates.is_relative(rest[:40]):
            return ("relative", rest[:40])
        iso = dates.parse_date(rest)
        return ("date", iso) if iso else None
    if words(line) > 14:
        return None
    bare = _BY_NAME.sub("", line).strip(" |·•-–—,")
    if dates.is_relative(bare) and words(bare) <= 6:
        return ("relative", bare)
    iso = dates.parse_date(bare, whole=True)
    return ("date", iso) if iso else None


def byline_in_stamp(line: str) -> str | None:
    """The author of a stamp line ("Posted by Jane Doe on 14/02/2023")."""
    m = _BY_NAME.search(line)
    return byline_names(m.group(1)) if m else None


def caption_credit(line: str) -> str | None:
    """The credit that ends a caption line ("(AP Photo/Hassan Ammar)"), or None."""
    tail = line[-160:]
    if not _may_have_credit(tail):
        return None
    m = rules().caption_credit.search(tail)
    if not m:
        return None
    credit = m.group(0).strip().rstrip(".").strip()
    return credit


_CREDIT_WORDS = ("photo", "picture", "image", "credit", "courtesy", "getty", "/")


def _may_have_credit(tail: str) -> bool:
    """A cheap test before the credit patterns: most paragraphs end in a plain full stop."""
    end = tail.rstrip(" .")
    if end.endswith(")") or end.rsplit(" ", 1)[-1].isupper():
        return True
    low = tail[-70:].lower()
    return any(w in low for w in _CREDIT_WORDS) or end.endswith(
        ("Reuters", "Bloomberg", "Images", "Anadolu", "Xinhua"))


def looks_like_caption(line: str) -> bool:
    if rules().caption_start.search(line):
        return True
    if caption_credit(line) is None:
        return False
    tail = line[-160:]
    m = rules().caption_credit.search(tail)
    if m is None:
        return False
    body = line[: len(line) - len(tail) + m.start()]
    # A quoted, attributed sentence ending in an agency is body, not a caption.
    return not re.search(r"\b(said|says|told|added)\b", body) or "(" in line[-60:] and "/" in line[-60:]


def doubled(line: str) -> bool:
    """A caption scraped twice into one line: "X. X." (alt text then caption)."""
    n = len(line)
    if n < 40:
        return False
    half = line[: n // 2].strip()
    other = line[n // 2:].strip()
    return bool(half) and (line.startswith(other[:30]) and normalise(half)[:30] == normalise(other)[:30])


def byline(line: str) -> str | None:
    """The author names of a byline line ("By Jane Doe and Li Wei, Reuters"), else None."""
    if words(line) > 30 or (words(line) > 16 and not _STAMP_WORD.search(line)):
        return None
    m = _BYLINE.fullmatch(line)
    if m:
        return byline_names(re.split(r";\s*(?:editing|edited|additional reporting)\b", m.group(
            "names"), flags=re.I)[0])
    m = _NAME_ROLE.fullmatch(line)
    if m:
        return byline_names(m.group("names"))
    return None


def byline_names(text: str) -> str | None:
    """"Jane Doe and Li Wei, Staff Writers | Reuters" -> "Jane Doe and Li Wei"."""
    names = _BYLINE_CUT.split(text.strip())[0].strip(" ,")
    names = re.sub(r",?\s*(?:staff (?:writer|reporter|correspondent)s?|correspondents?|"
                   r"reporters?)$", "", names, flags=re.I).strip(" ,")
    if _NOT_A_NAME.search(names) or names.lower().startswith(("a ", "an ", "our ")):
        return None  # "Sports Desk", "a correspondent": no author named
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", names) if p]
    kept = [p for p in parts if p.lower() not in rules().agencies]
    if not kept or not all(_NAME.fullmatch(p) and p[0].isupper() and words(p) <= 5 for p in kept):
        return None
    if len(kept) != len(parts):  # "Jane Doe, Associated Press": the agency is no author
        return " and ".join(kept) if len(kept) <= 2 else ", ".join(kept)
    return names


def dateline(paragraph: str) -> tuple[str, str | None] | None:
    """The dateline opening a paragraph: ``(place, agency)``, else None."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    if not any(c.isalpha() for c in place) or len(place) < 2:
        return None
    if place != place.upper():
        # "Kathmandu: ..." — a Title-case place only with a colon, and not a label word
        titled = all(w[:1].isupper() for w in place.split()) and words(place) <= 3
        sentence = paragraph[m.end():m.end() + 1].isupper()  # "Blantyre – The court..."
        if not (titled and sentence and place.lower() not in _NOT_PLACES):
            return None
    return place.strip(" .,"), m.group("agency")


def outlet_clue(line: str) -> str | None:
    """A site's own name as its chrome or text gives it ("X's website can also be...")."""
    r = rules()
    low = line.lower()
    if not any(h in low for h in r.outlet_hints):
        return None
    for pattern in r.outlet_clues:
        m = pattern.match(line)
        if not m:
            continue
        tokens = m.group("o").strip(" .,'’").split()
        # keep the run of capitalised words that ends the match ("...dispute. The Turku Observer")
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k][:1].islower() and tokens[k].lower() not in _CONNECTORS or (
                    k < len(tokens) - 1 and tokens[k].endswith((".", ",", ":", ";"))):
                tokens = tokens[k + 1:]
                break
        while tokens and tokens[0].lower() in _CONNECTORS - {"the"}:
            tokens = tokens[1:]
        name = " ".join(tokens)
        if not tokens or not tokens[0][0].isupper():
            continue
        if not all(t[0].isupper() or t[0].isdigit() or t.lower() in _CONNECTORS for t in tokens):
            continue
        if name.lower() in r.agencies or name.lower() in ("we", "i", "he", "she", "they", "it"):
            continue
        return name
    return None
