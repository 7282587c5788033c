"""The article's entity mentions and sentences, looked up by position with bisect, and
what a mention's neighbourhood says (a possessive, a name modifying what follows)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...model import ArticleEntity
from ...understand.resources import load
from .limits import NAME_PART_MAX
from .words import (
    _COMPOUND_TAILS,
    _FUNCTION,
    _POSSESSIVE,
    _PRESENT_VERBS,
    _VERBAL,
    _title_words,
    _verb_like,
    _word,
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: int
    label: str


class _Index:
    """The article's mentions and sentences, looked up by position with bisect."""

    def __init__(self, text: str, sentences: list[tuple[int, int]],
                 entities: list[ArticleEntity]) -> None:
        self.text = text
        self.mentions = sorted(
            (_Mention(m.start, self._name_end(m.end, e.label), i, e.label)
             for i, e in enumerate(entities) for m in e.mentions),
            key=lambda m: (m.start, m.end, m.entity))
        self.starts = [m.start for m in self.mentions]
        self.sentences = sorted(sentences) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]

    def _name_end(self, end: int, label: str) -> int:
        """A person's name cut at a hyphen goes on ("Kim Soo" + "-yeon"); "Iran-backed" no."""
        part = re.match(r"-([a-z]+)\b(?!-)", self.text[end:end + NAME_PART_MAX + 2])
        if label != "PERSON" or not part or _verb_like(part.group(1)) \
                or part.group(1).endswith("ed") or part.group(1) in _COMPOUND_TAILS:
            return end
        return end + part.end()

    def sentence(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)
        return self.sentences[k]

    def within(self, start: int, end: int) -> list[_Mention]:
        """The mentions overlapping [start, end)."""
        k = max(0, bisect.bisect_left(self.starts, start) - 1)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < end:
            if self.mentions[k].end > start:
                out.append(self.mentions[k])
            k += 1
        return out

    def overlapping(self, start: int, end: int) -> _Mention | None:
        found = self.within(start, end)
        return found[0] if found else None

    def after(self, pos: int) -> int:
        """Index of the first mention starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def possessive(self, m: _Mention) -> bool:
        return bool(_POSSESSIVE.match(self.text, m.end))

    def modifier(self, m: _Mention) -> bool:
        """Is the name a modifier of what follows ("Iran-backed", "Iran's", "US President",
        "Al-Faran commander") rather than the head of its phrase ("the Congress party")?"""
        if self.possessive(m) or self.text.startswith("-", m.end):
            return True
        nxt = re.match(r"\s+([^\W\d_][\w'’-]*)", self.text[m.end:m.end + 40])
        if not nxt:
            return False
        word = _word(nxt.group(1))
        if nxt.group(1)[:1].isupper():
            return word in _title_words()
        if m.label == "PERSON" or word in _FUNCTION or word in _VERBAL or _verb_like(word) \
                or word.endswith("ly") or word in load().org_heads:
            return False  # "Jane Doe later said", "Hamas reportedly", "the X party"
        return not word.endswith("s") or word not in _PRESENT_VERBS  # "Iran warns"

    def masked(self, start: int, end: int, entity: int) -> str:
        """text[start:end] with other entities' names blanked (they are not scored)."""
        chars = list(self.text[start:end])
        for m in self.within(start, end):
            if m.entity != entity:
                for i in range(max(m.start, start), min(m.end, end)):
                    chars[i - start] = " "
        return "".join(chars)
