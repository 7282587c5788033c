"""An article's text as HTML with spans marked, built only from escaped pieces.

The text is untrusted: every piece of it goes through :func:`markupsafe.escape`, tags come
from the fixed set below and attribute values are escaped too. Spans may overlap (a quote
running across two sentences): they are nested by rank (paragraph outermost, entity mention
innermost) and a span crossing an outer one is split into pieces; only the first piece
carries its ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Nesting order, outermost first.
RANKS = ("paragraph", "highlight", "sentence", "quote", "mention")
_TAGS = {"paragraph": "p", "highlight": "mark", "sentence": "span", "quote": "span",
         "mention": "a"}


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to wrap: ``layer`` is one of :data:`RANKS`."""

    start: int
    end: int
    layer: str
    attrs: tuple[tuple[str, str], ...] = field(default=())
    anchor: str | None = None      # the element id (first piece only)

    @property
    def key(self) -> tuple[int, int, int]:
        return (RANKS.index(self.layer), self.start, -self.end)


def paragraphs(text: str) -> list[Mark]:
    """One mark per paragraph: runs of lines separated by blank lines."""
    out, start = [], None
    pos = 0
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if not blank and start is None:
            start = pos
        if blank and start is not None:
            out.append(Mark(start, pos, "paragraph"))
            start = None
        pos += len(line)
    if start is not None:
        out.append(Mark(start, len(text), "paragraph"))
    return [Mark(m.start, len(text[:m.end].rstrip()), "paragraph") for m in out]


def drop_overlaps(marks: Iterable[Mark]) -> list[Mark]:
    """The marks of one layer that overlap no earlier (longer-first) mark: links can't nest."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _open(m: Mark, with_id: bool) -> str:
    attrs = list(m.attrs)
    if with_id and m.anchor:
        attrs.insert(0, ("id", m.anchor))
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{_TAGS[m.layer]}{rendered}>"


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` as nested elements. Marks outside the text are
    dropped; text outside every paragraph is written without any element around it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    cuts = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[Mark] = []
    active: set[int] = set()
    opened: set[int] = set()
    by_id = {id(m): m for m in marks}
    for a, b in zip(cuts, cuts[1:], strict=False):
        active.difference_update(id(m) for m in ends.get(a, ()))
        active.update(id(m) for m in starts.get(a, ()))
        wanted = sorted((by_id[k] for k in active), key=lambda m: m.key)
        if not wanted or wanted[0].layer != "paragraph":
            wanted = []
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend(f"</{_TAGS[m.layer]}>" for m in reversed(stack[keep:]))
        for m in wanted[keep:]:
            out.append(_open(m, id(m) not in opened))
            opened.add(id(m))
        stack = wanted
        out.append(str(escape(text[a:b])))
    out.extend(f"</{_TAGS[m.layer]}>" for m in reversed(stack))
    return Markup("".join(out))
