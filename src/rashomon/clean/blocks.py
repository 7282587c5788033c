"""The unit the Clean stage works on: a block of text (a paragraph or a line) with the
clues its source gave (HTML tag, link density, article container)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Roles a block can take (assigned by segment.classify):
CHROME = "chrome"      # navigation, buttons, banners, footers
END = "end"            # "Related stories", "Comments": what follows is not the article
STAMP = "stamp"        # a date line
BYLINE = "byline"
CAPTION = "caption"
TEXT = "text"          # prose, headings, bullets: the article's own words


@dataclass(slots=True)
class Block:
    text: str
    tag: str = "p"                 # p, h1..h6, li, blockquote, caption, byline, time
    group: int = 0                 # HTML article container (0: none / not split by markup)
    link_density: float = 0.0
    time: str | None = None        # ISO date of a <time datetime> inside the block
    role: str = TEXT
    stamp: tuple[str, str | None] | None = None
    byline: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def heading(self) -> int:
        return int(self.tag[1]) if len(self.tag) == 2 and self.tag[0] == "h" else 0


@dataclass(slots=True)
class PageMeta:
    """Page-level metadata found in markup (HTML head, JSON-LD) before cleaning."""

    title: str | None = None
    headline: str | None = None
    site_name: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    logo_name: str | None = None
    live_blog: bool = False
    clues: list[str] = field(default_factory=list)  # footer/copyright lines, for outlet clues
