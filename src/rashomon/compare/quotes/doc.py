"""The article as quote finding reads it: its paragraphs, sentences, entity mentions and
quote marks, indexed for bisection; and the quote drafts being attributed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...model import ArticleEntity
from .lexicon import _lexicon
from .limits import ANTECEDENT_MAX_CHARS, ANTECEDENT_MAX_STEPS, INSTITUTION_LABELS
from .text import _split_sentences

_PARA = re.compile(r"(?m)^[^\S\n]*(\S(?:[^\n]*\S)?)")


@dataclass(slots=True)
class _Marks:
    """A pair of quote marks (``close`` is the paragraph's end when no mark closed it)."""

    open: int
    close: int
    closed: bool
    first_para: int
    last_para: int


@dataclass(slots=True)
class _Draft:
    """A quote being attributed; ``phrase`` is the span of the words naming its speaker."""

    start: int
    end: int
    kind: str
    paras: tuple[int, int]
    cue: str | None = None
    cue_at: int = -1
    phrase: tuple[int, int] | None = None
    inherit: str | None = None        # "paragraph": no attribution; "sentence": a participle
    source: str | None = None
    anchor: int = 0                   # where its attribution ends
    speaker: int | None = None
    speaker_text: str | None = None


class _Doc:
    """The text with its paragraphs, sentences, entity mentions and quote marks, indexed
    for bisection."""

    def __init__(self, text: str, sentences: list[tuple[int, int]],
                 entities: list[ArticleEntity]):
        self.text = text
        self.lex = _lexicon()
        self.entities = entities
        self.paras = [m.span(1) for m in _PARA.finditer(text)]
        self.para_starts = [s for s, _ in self.paras]
        self.sentences = self._sentences(sentences)
        self.sent_starts = [s for s, _ in self.sentences]
        self.mentions = sorted((m.start, m.end, i, e.label) for i, e in enumerate(entities)
                               for m in e.mentions if m.end > m.start)
        self.mention_starts = [m[0] for m in self.mentions]
        self.persons = [m for m in self.mentions if m[3] == "PERSON"]
        self.person_starts = [m[0] for m in self.persons]
        self.institutions = [m for m in self.mentions if m[3] in INSTITUTION_LABELS]
        self.institution_starts = [m[0] for m in self.institutions]
        self.marks: list[_Marks] = []
        self.mark_starts: list[int] = []
        self.direct: list[tuple[int, int, int]] = []  # quotes opening a sentence: start,
        # end, and where their attribution starts when it comes first ('adding: "')
        self.direct_starts: list[int] = []
        self.used: set[int] = set()   # cues that introduce a direct quote

    def _sentences(self, given: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The given sentences cut at paragraph ends (a sentence never crosses one); with no
        real sentences given, each paragraph split at its sentence ends."""
        if len(given) <= 1:
            return [part for s, e in self.paras for part in _split_sentences(self.text, s, e)]
        out, k = [], 0
        for s, e in sorted(given):
            while k < len(self.paras) and self.paras[k][1] <= s:
                k += 1
            j = k
            while j < len(self.paras) and self.paras[j][0] < e:
                lo, hi = max(s, self.paras[j][0]), min(e, self.paras[j][1])
                if lo < hi:
                    out.append((lo, hi))
                j += 1
        return out

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sentences[k][1] if k >= 0 and pos < self.sentences[k][1] else pos

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.mark_starts, pos) - 1
        return k >= 0 and pos < self.marks[k].close

    def overlaps_direct(self, lo: int, hi: int) -> bool:
        k = bisect.bisect_left(self.direct_starts, hi) - 1
        return k >= 0 and self.direct[k][1] > lo

    def direct_within(self, lo: int, hi: int) -> int:
        """Where the first quote opening a sentence inside ``lo``..``hi`` (or its
        attribution, when it comes first) starts; ``hi`` when there is none."""
        k = bisect.bisect_right(self.direct_starts, lo)
        if k < len(self.direct) and self.direct[k][0] < hi:
            return max(lo, min(self.direct[k][0] - 1, self.direct[k][2]))
        return hi

    def opens_quote(self, pos: int) -> bool:
        k = bisect.bisect_left(self.mark_starts, pos)
        return k < len(self.marks) and self.marks[k].open == pos

    def next_mark(self, pos: int) -> int:
        k = bisect.bisect_right(self.mark_starts, pos)
        return self.marks[k].open if k < len(self.marks) else len(self.text)

    def mentions_in(self, lo: int, hi: int):
        k = bisect.bisect_left(self.mention_starts, lo)
        while k < len(self.mentions) and self.mentions[k][0] < hi:
            if self.mentions[k][1] <= hi:
                yield self.mentions[k]
            k += 1

    def nearest(self, items, starts, pos: int, accept: Callable[[int], bool]):
        """The closest mention before ``pos``, outside quotes, whose entity ``accept``s."""
        k = bisect.bisect_left(starts, pos) - 1
        for _ in range(ANTECEDENT_MAX_STEPS):
            if k < 0 or items[k][0] < pos - ANTECEDENT_MAX_CHARS:
                return None
            if items[k][1] <= pos and not self.in_quote(items[k][0]) and accept(items[k][2]):
                return items[k]
            k -= 1
        return None
