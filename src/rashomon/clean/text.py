"""Plain-text scrapes (no markup): lines to blocks."""

from __future__ import annotations

from . import rules
from .blocks import Block


def text_blocks(text: str) -> list[Block]:
    """One block per line; a line broken mid-sentence (hard wrap) is joined to the next."""
    blocks: list[Block] = []
    pending = ""
    for raw in text.split("\n"):
        line = rules.normalise(raw)
        if not line:
            if pending:
                blocks.append(Block(pending))
                pending = ""
            continue
        if pending and _continues(pending, line):
            pending = f"{pending} {line}"
            continue
        if pending:
            blocks.append(Block(pending))
        pending = line
    if pending:
        blocks.append(Block(pending))
    return blocks


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence, this one goes on."""
    return (len(previous) > 50 and not rules.ends_sentence(previous)
            and line[:1].islower() and not previous.endswith((":", "-"))
            and rules.words(line) >= 3 and not rules.is_chrome(line))
