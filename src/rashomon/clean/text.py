"""Plain-text scrapes (no markup): lines to blocks."""

from __future__ import annotations

from .. import settings
from . import rules
from .blocks import Block


def text_blocks(text: str) -> list[Block]:
    """One block per line, with wrapped paragraphs joined back together.

    Two kinds of wrapping are undone: a page hard-wrapped at a fixed width (text browsers,
    e-mail: most long lines end near the same column), where a line that reaches the width
    goes on in the next; and a single line broken mid-sentence.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    blocks: list[Block] = []
    pending = ""
    pending_raw = 0
    for raw in lines:
        line = rules.normalise(raw)
        if not line:
            if pending:
                blocks.append(Block(pending))
                pending = ""
            continue
        if pending and line != pending and (_wrapped(pending_raw, width, line)
                                            or _continues(pending, line)):
            pending = f"{pending} {line}"
            pending_raw = len(raw.rstrip())
            continue
        if pending:
            blocks.append(Block(pending))
        pending, pending_raw = line, len(raw.rstrip())
    if pending:
        blocks.append(Block(pending))
    return blocks


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped page is wrapped at, or None when it is not wrapped."""
    lengths = [len(x.rstrip()) for x in lines if len(x.strip()) > 30]
    if len(lengths) < 8:
        return None
    width = max(lengths)
    if not settings.WRAP_MIN_WIDTH <= width <= settings.WRAP_MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= width - settings.WRAP_SLACK)
    return width if near / len(lengths) >= settings.WRAP_MIN_SHARE else None


def _wrapped(previous_len: int, width: int | None, line: str) -> bool:
    return (bool(width) and previous_len >= width - settings.WRAP_SLACK
            and not rules.is_chrome(line) and rules.stamp(line) is None)


def _continues(previous: str, line: str) -> bool:
    """A line broken mid-sentence: the previous line stops mid-sentence, this one goes on."""
    return (len(previous) > 50 and not rules.ends_sentence(previous)
            and line[:1].islower() and not previous.endswith((":", "-"))
            and rules.words(line) >= 3 and not rules.is_chrome(line))
