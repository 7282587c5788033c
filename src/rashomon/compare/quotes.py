"""Quotes: direct quotes and reported speech in one article, with who spoke, the speech cue
and the news agency or outlet credited.

Public function: :func:`find_quotes`. The vocabularies (speech verbs, agencies and outlet
words, attribution words) are data in ``data/speech.toml``; thresholds are the constants
below.

- **Direct quotes** pair straight and curly double quote marks, paragraph by paragraph. A
  quote still open at the end of its paragraph continues only when the next paragraph
  opens with a mark (the news convention for a quote over several paragraphs); otherwise
  it ends with its paragraph, so an unbalanced mark never swallows the rest of the article.
  Single quotes are never paired: a quote inside a quote stays inside. A quote of at most
  ``SCARE_MAX_WORDS`` words is a scare quote or a quoted term unless a speech cue is right
  next to it.
- **Attribution** of a direct quote, first found wins: a cue right before it (``Smith said:
  "``), a cue right after it (``," Smith said.``, ``," said Smith``, ``," he told Reuters``),
  a cue earlier in its sentence (a partial quote), else the previous quote's speaker when
  that quote is in the same or the previous paragraph.
- **Reported speech**: ``X said (that) ...``, ``X told reporters (that) ...``, ``X warned
  that ...``, ``according to X, ...``, ``..., according to X.``, ``..., X said on Monday.``,
  ``..., said X.``, ``X quoted Y as saying ...``, ``, adding that ...``.
- **Speakers**: a PERSON named in the speaker's words, else an ORG or GPE speaking as an
  institution ("the Health Ministry said", "a spokesman for the ministry"); "he"/"she" is
  the nearest PERSON named before it outside quotes, or the previous quote's speaker when
  nobody else was named since that quote's attribution; "it" and "the ministry" are the
  nearest organisation so named. An agency or outlet ("told Reuters", "Reuters reported",
  "quoted by Kommersant", "told Rudaw television") is the quote's ``source``, never its speaker.

Every scan is one regular expression pass over the text or over a window of bounded size
around a quote mark or a cue, and every lookup a bisection: time is linear in the text.
"""

from __future__ import annotations

import bisect
import importlib.resources as ir
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..model import ArticleEntity, ArticleQuote

__all__ = ["find_quotes"]

#: A quote of at most this many words with no speech cue right next to it is a scare quote
#: or a quoted term ("so-called 'reforms'", an "act of war").
SCARE_MAX_WORDS = 3
#: Longest speaker phrase, in words ("a spokesman for the regional civil defence agency").
MAX_SPEAKER_WORDS = 12
#: Words allowed between a cue and the quote it introduces ("told reporters in Paris: "").
ADJACENT_MAX_WORDS = 8
#: Phrases allowed between a speech verb and its "that" ("told reporters | in a statement |
#: on Monday | that").
THAT_MAX_PARTS = 4
#: Words allowed after a sentence-final cue's adverbials ("..., officials said in a
#: statement released on Monday.").
TAIL_MAX_WORDS = 6
#: A verb that usually wants "that" takes a bare clause when a finite verb ("were",
#: "would") comes within this many words after it.
CLAUSE_VERB_WORDS = 6
#: Most words of titles before a name ("Disaster Management and Relief Minister").
MAX_TITLE_WORDS = 6
#: Longest phrase before a comma taken for the subject of the verb after it ("The group,
#: which is based in Koblenz, said ...").
NOUN_PHRASE_MAX_WORDS = 5
#: A reported clause has at least this many words.
MIN_CLAUSE_WORDS = 3
#: How far before a quote mark its sentence is looked for, how far after it its
#: attribution, and how far before a speech verb its subject (characters).
BEFORE_MAX_CHARS = 400
AFTER_MAX_CHARS = 250
SUBJECT_MAX_CHARS = 200
#: How far back (characters) "he" or "the ministry" looks for whom it names, and how many
#: candidate mentions it considers.
ANTECEDENT_MAX_CHARS = 2000
ANTECEDENT_MAX_STEPS = 50
#: "the company" prefers an organisation the text calls so within this many characters
#: ("Skyward Imaging, a satellite company"), as if it were named this many times more.
CONTEXT_CHARS = 60
CONTEXT_BONUS = 2
#: Entity types that can speak: a person, or an organisation or country as an institution.
SPEAKER_LABELS = ("PERSON", "ORG", "GPE")
INSTITUTION_LABELS = ("ORG", "GPE")

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.")
_CAP = r"[A-Z][\w'’&.-]*"
#: A capitalised name of up to five words ("Press Trust of India", "Sky News Arabia").
_CAPRUN = rf"{_CAP}(?:\s+(?:of|de|du|al|el|bin|van|von)\s+{_CAP}|\s+{_CAP}|\s+al-[\w'’-]+){{0,4}}"
_MARK = re.compile(r'["“”]')
_WORD = re.compile(r"\S+")
_PARA = re.compile(r"(?m)^[^\S\n]*(\S(?:[^\n]*\S)?)")
_GAP = re.compile(r"[^\S\n]*(?:[,—–-]+[^\S\n]*)?")
_TERM = re.compile(r"[.!?]+[\"”’')\]]*(?:\s+(?=[\"“‘'(\[]?[A-Z0-9])|\s*$)")
_SEP = re.compile(r"[,;:()\[\]\"“”—–]")
_DATELINE = re.compile(r"[A-Z][A-Z .,'’/-]{1,40}?(?:\s*\([^)\n]{1,20}\))?\s*[—–:]\s+")
_THAT = re.compile(r"\s+that(?![\w'’-])")
_PARENTHETICAL = re.compile(r"\s*,[^,;:\"“”\n]{1,60},")
_END = re.compile(r"\s*(?:,|$)")
_COORD_VERB = re.compile(r"(?<![\w-])(?:and|but)\s+(?:also\s+)?$")
_COORD = re.compile(r"(?:[,;]\s*(?:(?:and|but|while|whereas)\s+)?"
                    r"|\s+(?:and|but|while|whereas)\s+)$")
_STRIP = " \t\n,;:\"“”‘’'()[]—–-"
_OPEN_CONTEXT = "([{—–-/'‘\"“”"
_CLOSE_CONTEXT = ".,;:!?)]}—–-…'’\"“”"


# --- vocabularies -----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    """The word lists of ``data/speech.toml`` and the patterns built from them."""

    bare: frozenset[str]
    participle: frozenset[str]
    direct: frozenset[str]
    listener_verbs: frozenset[str]
    not_final: frozenset[str]
    verbs: frozenset[str]
    words: dict[str, frozenset[str]]
    person_pronouns: frozenset[str]
    institution_pronouns: frozenset[str]
    cue: re.Pattern[str]
    adverbial: re.Pattern[str]
    gap: re.Pattern[str]
    listener: re.Pattern[str]
    source: re.Pattern[str]
    outlet: re.Pattern[str]
    outlet_before: re.Pattern[str]
    outlet_after: re.Pattern[str]
    outlet_titled: re.Pattern[str]


def _alternation(items) -> str:
    """A regex alternation of literal phrases, longest first, any whitespace between words."""
    ordered = sorted(set(items), key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(map(re.escape, s.split())) for s in ordered)


@cache
def _lexicon() -> _Lexicon:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/speech.toml").read_text("utf-8"))
    cues, attr = data["cues"], data["attribution"]
    verbs = _alternation(cues["bare"] + cues["that"] + cues["participle"] + cues["direct"])
    cue = re.compile(
        r"(?<![\w-])(?:"
        r"(?P<passive>(?:was|were|is|are|has\s+been|had\s+been)\s+quoted"
        r"(?:\s+by\s+[^,.;:\"“”\n]{1,60}?)?\s+as\s+saying)"
        r"|(?P<active>(?P<aword>quoted|cited)\s+(?P<qx>[^,.;:\"“”\n]{1,60}?)\s+as\s+"
        r"(?P<saying>saying|stating))"
        r"|(?P<acc>[Aa]ccording\s+to)"
        rf"|(?P<verb>{verbs}))(?![\w-])")
    adverbs = [a.replace("{weekday}", f"(?:{_WEEKDAYS})").replace("{month}", f"(?:{_MONTHS})")
               for a in attr["adverbials"]]
    adverbial = re.compile(r"[^\S\n]+(?:" + "|".join(adverbs) + r")(?![\w'’-])")
    gap = re.compile(r"[^\S\n]+(?:" + "|".join(attr["gap_phrases"]) + r")(?![\w'’-])")
    media = _alternation(data["media"]["nouns"])
    heads = _alternation(data["media"]["heads"])
    known = rf"(?:{_alternation(data['agencies']['names'])})(?:\s+(?:{heads}))*"
    listener = re.compile(
        rf"[^\S\n]+(?:{_alternation(attr['listeners'])}|(?:the\s+)?{_CAPRUN}(?:\s+(?:{media}))?)"
        r"(?![\w'’-])")
    source = re.compile(
        rf"(?:quoted|cited|reported)\s+by\s+(?:the\s+)?(?P<by>{_CAPRUN})"
        rf"|(?<![\w-])(?P<known>{known})(?![\w-])"
        rf"|(?P<named>{_CAPRUN})\s+(?:{media})(?![\w-])(?!\s+(?:{known}|{_CAP}))"
        rf"|(?<![\w-])(?:{media})\s+(?P<titled>{known}|{_CAPRUN})(?![\w-])"
        rf"|(?:told|to|with|by|according\s+to)\s+(?P<head>(?:[Tt]he\s+)?(?:{_CAP}\s+){{0,4}}"
        rf"(?:{heads}))(?![\w-])")
    outlet = re.compile(
        rf"(?<![\w-])(?:(?P<head>(?:{_CAP}\s+){{0,4}}(?:{heads}))|(?P<known>{known})"
        rf"|(?P<named>{_CAPRUN})(?=\s+(?:{media})(?![\w-])))(?![\w-])")
    before = re.compile(rf"(?:[Tt]he\s+)?(?:{_CAP}['’]s\s+)?(?:[a-z][\w-]*\s+)*")
    titled = re.compile(rf"(?:^|\s)(?:{media})\s+(?P<name>{known}|{_CAPRUN})$")
    after = re.compile(rf"(?:\s+(?:{media}))?")
    pron = data["pronouns"]
    return _Lexicon(
        bare=frozenset(cues["bare"]),
        participle=frozenset(cues["participle"]), direct=frozenset(cues["direct"]),
        listener_verbs=frozenset(cues["listener_verbs"]),
        not_final=frozenset(cues["not_final"]),
        verbs=frozenset(cues["bare"] + cues["that"] + cues["participle"] + cues["direct"]),
        words={k: frozenset(v) for k, v in attr.items()
               if k not in ("adverbials", "gap_phrases")},
        person_pronouns=frozenset(pron["person"]),
        institution_pronouns=frozenset(pron["institution"]),
        cue=cue, adverbial=adverbial, gap=gap, listener=listener, source=source, outlet=outlet,
        outlet_before=before, outlet_after=after, outlet_titled=titled)


# --- the article: paragraphs, sentences, mentions, quote marks --------------------------------

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


def _split_sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    for m in _TERM.finditer(text, lo, hi):
        if not _abbreviation(text, lo, m.start()):
            out.append(_trim(text, lo, m.end(), comma=False))
            lo = m.end()
    if lo < hi:
        out.append((lo, hi))
    return out


# --- small text helpers --------------------------------------------------------------------

def _trim(text: str, lo: int, hi: int, comma: bool = True) -> tuple[int, int]:
    """``lo``/``hi`` moved inside whitespace (and a trailing comma)."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or (comma and text[hi - 1] == ",")):
        hi -= 1
    return lo, hi


def _strip_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in _STRIP:
        lo += 1
    while hi > lo and text[hi - 1] in _STRIP:
        hi -= 1
    return lo, hi


def _count_words(text: str, lo: int, hi: int, limit: int) -> int:
    """The number of words in ``text[lo:hi]``, counted up to ``limit + 1``."""
    n = 0
    for _ in _WORD.finditer(text, lo, hi):
        n += 1
        if n > limit:
            break
    return n


def _word_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The span of the last word ending at or before ``pos`` (not before ``lo``)."""
    e = pos
    while e > lo and text[e - 1].isspace():
        e -= 1
    s = e
    while s > lo and not text[s - 1].isspace():
        s -= 1
    return (s, e) if s < e else None


def _bare_word(word: str) -> str:
    return word.strip(_STRIP + ".!?").lower()


def _abbreviation(text: str, lo: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Gen.", "U.S.")."""
    w = _word_before(text, max(lo, dot - 12), dot)
    if w is None:
        return False
    word = text[w[0]:w[1]].lstrip(_STRIP)
    return word in _lexicon().words["abbreviations"] or (len(word) == 1 and word.isupper())


def _clause_end(text: str, lo: int, hi: int) -> int:
    """Where the sentence that runs from ``lo`` ends (``hi`` at most)."""
    for m in _TERM.finditer(text, lo, hi):
        if not _abbreviation(text, lo, m.start()):
            return m.start()
    return hi


def _possessive(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s")


# --- quote marks --------------------------------------------------------------------------

def _role(text: str, i: int) -> str:
    """Whether the mark at ``i`` opens or closes a quote, by what is around it (then by its
    shape: “ opens, ” closes, " either)."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    can_open = (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()
    can_close = (nxt.isspace() or nxt in _CLOSE_CONTEXT) and not prev.isspace()
    if can_open != can_close:
        return "open" if can_open else "close"
    return {"“": "open", "”": "close"}.get(text[i], "either")


def _pair_marks(doc: _Doc) -> list[_Marks]:
    """Pairs of quote marks, paragraph by paragraph. A quote still open at its paragraph's
    end goes on when the next paragraph opens with a mark and the quote was introduced
    (opens a paragraph or a sentence, or follows a colon or comma: 'Smith said: "'). Else
    an introduced quote ends with its paragraph, and one that is not is dropped (an
    unclosed mark inside a sentence is a stray or a scare quote)."""
    text, paras = doc.text, doc.paras
    marks = [m.start() for m in _MARK.finditer(text)]
    out: list[_Marks] = []
    k, opened, depth, first, introduced = 0, -1, 0, 0, False
    for p, (ps, pe) in enumerate(paras):
        if opened >= 0:
            if introduced and k < len(marks) and marks[k] == ps and _role(text, ps) != "close":
                k, depth = k + 1, 1          # the quote goes on in this paragraph
            else:
                if introduced:
                    out.append(_Marks(opened, paras[p - 1][1], False, first, p - 1))
                opened = -1
        while k < len(marks) and marks[k] < pe:
            i, role = marks[k], _role(text, marks[k])
            k += 1
            if opened < 0:
                if role != "close":
                    opened, depth, first = i, 1, p
                    introduced = _introduced(text, ps, i)
            elif role == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    out.append(_Marks(opened, i, True, first, p))
                    opened = -1
    if opened >= 0 and introduced:
        out.append(_Marks(opened, paras[-1][1], False, first, len(paras) - 1))
    return out


def _introduced(text: str, para_start: int, i: int) -> bool:
    """Whether the mark at ``i`` opens its paragraph or a sentence, or follows a colon,
    comma or dash."""
    j = i
    while j > para_start and text[j - 1] in " \t":
        j -= 1
    return j == para_start or text[j - 1] in ":,—–.!?"


# --- direct quotes ------------------------------------------------------------------------

def _direct_quotes(doc: _Doc) -> list[_Draft]:
    out = []
    for marks in doc.marks:
        start, end = _trim(doc.text, marks.open + 1, marks.close)
        if start >= end:
            continue
        d = _Draft(start, end, "direct", (marks.first_para, marks.last_para), anchor=end)
        how = _attribute_direct(doc, marks, d)
        whole = _introduced(doc.text, doc.paras[marks.first_para][0], marks.open)
        short = _count_words(doc.text, start, end, SCARE_MAX_WORDS) <= SCARE_MAX_WORDS
        if short and not (how == "before" or (how == "after" and whole)):
            continue
        if how in ("before", "next") or (how == "after" and whole):
            doc.used.add(d.cue_at)            # a partial quote's cue also reports its clause
        elif how is None:
            d.inherit = "paragraph" if whole else "sentence"
        if whole:
            first = d.cue_at if how in ("before", "next") and d.cue_at >= 0 else marks.open
            doc.direct.append((d.start, d.end, first))
        out.append(d)
    return out


def _attribute_direct(doc: _Doc, marks: _Marks, d: _Draft) -> str | None:
    """Fill the quote's cue, speaker phrase and source; returns where they were found:
    "before" (right before it, then a colon or comma), "next" (right before it), "after",
    "sentence" (earlier in its sentence) or None."""
    lo = _sentence_start(doc, marks.open)
    cue = None
    for m in doc.lex.cue.finditer(doc.text, lo, marks.open):
        if not doc.in_quote(m.start()):
            cue = m
    adjacent = _adjacent(doc.text, cue.end(), marks.open) if cue is not None else None
    if adjacent and _take_cue(doc, d, cue, lo, marks.open):
        d.source = d.source or _source(doc, lo, marks.open)
        return adjacent
    if marks.closed and _after(doc, marks, d):
        return "after"
    if cue is not None and _take_cue(doc, d, cue, lo, marks.open):
        d.source = d.source or _source(doc, lo, marks.open)
        return "sentence"
    return None


def _sentence_start(doc: _Doc, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (sentence ends inside quotes don't count)."""
    lo = max(doc.paras[doc.para_of(pos)][0], pos - BEFORE_MAX_CHARS)
    start = lo
    for m in _TERM.finditer(doc.text, lo, pos):
        if not doc.in_quote(m.start()) and not _abbreviation(doc.text, lo, m.start()):
            start = m.end()
    return start


def _adjacent(text: str, cue_end: int, mark: int) -> str | None:
    """Whether the cue introduces the quote: "before" when a colon or a comma ends what is
    between them (a listener or adverbials: "told reporters in Paris: "), "next" when
    nothing or "that" is between them ('vowed "harsh retaliation"'), else None."""
    between = text[cue_end:mark].strip()
    if not between or between == "that":
        return "next"
    if _count_words(text, cue_end, mark, ADJACENT_MAX_WORDS) > ADJACENT_MAX_WORDS:
        return None
    if between[-1] in ":,—–":
        return "before"
    return "next" if between.endswith(" that") else None


def _after(doc: _Doc, marks: _Marks, d: _Draft) -> bool:
    """An attribution right after the closing mark: '," Smith said', '," said Smith, the
    minister', '," he told Reuters', '," according to the ministry'."""
    text, lex = doc.text, doc.lex
    k = marks.close - 1
    while k > marks.open and text[k].isspace():
        k -= 1
    limit = min(doc.paras[marks.last_para][1], marks.close + 1 + AFTER_MAX_CHARS,
                doc.next_mark(marks.close))
    gap = _GAP.match(text, marks.close + 1, limit)
    pos = gap.end()
    if text[k] not in ",?!—–-" and not any(c in gap.group() for c in ",—–-"):
        return False
    end = _clause_end(text, pos, limit)
    m = lex.cue.search(text, pos, end)
    if m is None or m.group("verb") in lex.participle:
        return False
    if m.start() != pos and (m.group("acc") or _count_words(
            text, pos, m.start(), MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS):
        return False
    # '," said Smith' / '," according to X' / '," Smith said' / '," X was quoted as saying'
    phrase = _speaker_span(doc, m, pos, end, after=m.start() == pos)
    if phrase is None:
        return False
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    d.source = _source(doc, pos, end)
    d.anchor = end
    return True


# --- cues and the words naming a speaker ---------------------------------------------------

def _cue_text(m: re.Match[str]) -> str:
    if m.group("acc"):
        return "according to"
    if m.group("passive"):
        return "quoted as saying"
    if m.group("active"):
        return f"{m.group('aword')} as {m.group('saying')}"
    return " ".join(m.group("verb").split())


def _speaker_span(doc: _Doc, m: re.Match[str], lo: int, hi: int,
                  after: bool = False) -> tuple[int, int] | None:
    """The words naming who speaks with the cue ``m``: Y of "quoted Y as saying", X of
    "according to X" or (``after``) of '," said X', else the verb's subject (looked for back
    to ``lo``; a phrase after the cue ends by ``hi``)."""
    if m.group("active"):
        return _strip_span(doc.text, *m.span("qx"))
    if m.group("acc") or after:
        return _phrase_after(doc, m.end(), hi)
    return _subject(doc, lo, m.start(), check=not m.group("passive"))


def _take_cue(doc: _Doc, d: _Draft, m: re.Match[str], lo: int, hi: int) -> bool:
    """Fill ``d``'s cue and speaker phrase from the cue ``m`` (its subject looked for back to
    ``lo``, a speaker after it up to ``hi``); False when the cue has no speaker."""
    if m.group("verb") in doc.lex.participle:
        phrase, d.inherit = None, "sentence"      # ', adding that ...'
    else:
        phrase = _speaker_span(doc, m, lo, hi)
        if phrase is None and m.group("verb") and _COORD_VERB.search(
                doc.text, max(lo, m.start() - 12), m.start()):
            d.inherit = "sentence"                # "X blamed Y and warned that ..."
        elif phrase is None or (m.group("acc") and _nonspeaker(doc, phrase)):
            return False
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    return True


def _subject(doc: _Doc, lo: int, hi: int, check: bool = True) -> tuple[int, int] | None:
    """The words naming who speaks, before the speech verb at ``hi``: the last clause chunk,
    skipping an appositive ("Smith, the minister, said") and auxiliaries ("has since")."""
    text, words = doc.text, doc.lex.words
    lo = max(lo, hi - SUBJECT_MAX_CHARS)
    end = hi
    while (w := _word_before(text, lo, end)) and text[w[0]:w[1]].lower() in words["trailers"]:
        end = w[0]
    w = _word_before(text, lo, end)
    if w is None or (check and _bare_word(text[w[0]:w[1]]) in words["blockers"]):
        return None
    end = w[1]
    seps = [m.start() for m in _SEP.finditer(text, lo, end)]
    chunks = list(zip([lo] + [p + 1 for p in seps], seps + [end], strict=True))
    if text[end - 1] in ",—–":                     # an appositive before the verb
        chunks = chunks[:-1]
        people = [c for c in chunks if _person_in(doc, c)]   # "his lawyer, Juan Portugal,"
        chunks = chunks[:-1] or chunks
        named = [c for c in chunks if re.search(r"[A-Z]", text[c[0]:c[1]])]
        chunk = (people or named or chunks)[-1]
    else:
        chunk = chunks[-1]
    s, e = _strip_span(text, *chunk)
    for m in _WORD.finditer(text, s, e):
        bare = _bare_word(m.group())
        if (bare in words["boundaries"] and not _inside_mention(doc, m.start())
                and not _joins_names(text, s, e, m)) or bare in doc.lex.verbs:
            s = m.end()
    s, e = _strip_span(text, s, e)
    if s >= e or _count_words(text, s, e, MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS:
        return None
    return s, e


def _joins_names(text: str, lo: int, hi: int, m: re.Match[str]) -> bool:
    """Whether "and"/"or" joins two names ("officials in Rome and Bamako")."""
    if m.group() not in ("and", "or", "&"):
        return False
    before, after = _word_before(text, lo, m.start()), _WORD.match(text, m.end() + 1, hi)
    return bool(before and after and text[before[0]].isupper() and after.group()[0].isupper())


def _person_in(doc: _Doc, chunk: tuple[int, int]) -> bool:
    """Whether a comma-chunk is a person's name with at most titles before it ("Foreign
    Minister Lorenzo Baldini", "retired judge Ana Ruiz", not "who met Baldini at the
    airport")."""
    s, e = _strip_span(doc.text, *chunk)
    words = doc.lex.words
    for ms, me, _, label in doc.mentions_in(s, e):
        lead = [_bare_word(w) for w in doc.text[s:ms].split()]
        if label == "PERSON" and not doc.text[me:e].strip() and len(lead) <= MAX_TITLE_WORDS \
                and not any(w in words["prepositions"] or w in words["blockers"]
                            or w in doc.lex.verbs for w in lead):
            return True
    return False


def _speaks(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether a phrase names a speaker: a pronoun or a named entity, and no clause ("the
    vote was unconstitutional")."""
    words = doc.text[phrase[0]:phrase[1]].lower().split()
    if not words or _has_clause_word(doc, phrase):
        return False
    return (len(words) == 1 and (words[0] in doc.lex.person_pronouns
                                 or words[0] in doc.lex.institution_pronouns)
            ) or _bare_word(words[-1]) in doc.lex.words["voices"] or _named_in(
        doc, *phrase) is not None


def _inside_mention(doc: _Doc, pos: int) -> bool:
    k = bisect.bisect_right(doc.mention_starts, pos) - 1
    return k >= 0 and doc.mentions[k][0] < pos < doc.mentions[k][1]


def _phrase_after(doc: _Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """The words naming who speaks after the cue ("said Smith, the minister" -> Smith),
    up to a comma, the sentence's end or a word such as "in", "on", "who"."""
    text, stops = doc.text, doc.lex.words["phrase_stops"]
    start = end = -1
    for n, m in enumerate(_WORD.finditer(text, lo, hi)):
        word = m.group()
        if n >= MAX_SPEAKER_WORDS or word[0] in "\"“”(" or (
                n and word.lower() in stops and not _inside_mention(doc, m.start())
                and not _joins_names(text, lo, hi, m)):
            break
        start = m.start() if start < 0 else start
        end = m.end()
        if word[-1] in ",;:!?" or (word[-1] == "." and not _abbreviation(text, lo, m.end() - 1)):
            break
    if start < 0:
        return None
    s, e = _strip_span(text, start, end)
    while e > s and text[e - 1] == ".":
        e -= 1
    return (s, e) if s < e else None


def _nonspeaker(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether "according to X" names a document or a rule rather than a speaker."""
    words = doc.text[phrase[0]:phrase[1]].split()
    return bool(words) and _bare_word(words[-1]) in doc.lex.words["nonspeakers"] and not any(
        m[3] in SPEAKER_LABELS for m in doc.mentions_in(*phrase))


def _source(doc: _Doc, lo: int, hi: int) -> str | None:
    """The agency or outlet credited between ``lo`` and ``hi``."""
    m = doc.lex.source.search(doc.text, lo, hi)
    if m is None:
        return None
    name = next(g for g in (m.group("by"), m.group("known"), m.group("named"), m.group("head"),
                            m.group("titled")) if g)
    return re.sub(r"^the\s+", "", " ".join(name.split()))


def _outlet(lex: _Lexicon, phrase: str) -> str | None:
    """The outlet a whole speaker phrase names ("Reuters", "the state-run IRNA news agency",
    "The Kyiv Independent"), else None."""
    titled = lex.outlet_titled.search(phrase)       # "the German news agency dpa"
    if titled and len(phrase[:titled.start()].split()) <= NOUN_PHRASE_MAX_WORDS:
        return " ".join(titled.group("name").split())
    for m in lex.outlet.finditer(phrase):
        if lex.outlet_before.fullmatch(phrase, 0, m.start()) and lex.outlet_after.fullmatch(
                phrase, m.end()):
            if m.group("known"):
                return " ".join(m.group("known").split())
            name = m.group("named") or m.group("head")
            return re.sub(r"^[Tt]he\s+", "", " ".join(name.split()))
    return None


# --- reported speech --------------------------------------------------------------------

def _reported_quotes(doc: _Doc) -> list[_Draft]:
    out = []
    for s, e in doc.sentences:
        out.extend(_reported_in(doc, s, e))
    return out


def _reported_in(doc: _Doc, s: int, e: int) -> list[_Draft]:
    """Reported speech in the sentence ``s``..``e``: each cue is either a sentence-final
    attribution of the clause before it, or introduces the clause after it."""
    text = doc.text
    s, e = _trim(text, s, e, comma=False)
    while e > s and doc.opens_quote(e - 1):
        s, e = _trim(text, s, e - 1, comma=False)     # a quote opening the next sentence
    end = e - 1 if e > s and text[e - 1] == "." else e
    cues = [m for m in doc.lex.cue.finditer(text, s, e)
            if m.start() not in doc.used and not doc.in_quote(m.start())]
    found: list[_Draft] = []
    lo = s
    for m in cues:
        if m.start() >= end:
            break
        inside = bool(found) and m.start() < found[-1].end
        tail = _tail(doc, lo, end, m)
        if tail is not None:
            d, rest, outlet = tail
            if inside:
                found[-1].end = _trim(text, found[-1].start, d.end)[1]
            if outlet and found:
                for f in found:
                    f.source = f.source or d.source
            elif not inside and not doc.overlaps_direct(d.start, d.end):
                found.append(d)
            lo = rest
            continue
        d = _forward(doc, lo, end, m)
        if d is None:
            continue
        if inside:
            cut = _COORD.search(text, max(found[-1].start, _phrase_start(d) - 30), _phrase_start(d))
            if cut is None:
                continue
            found[-1].end = _trim(text, found[-1].start, cut.start())[1]
        found.append(d)
    return [f for f in found
            if _count_words(text, f.start, f.end, MIN_CLAUSE_WORDS) >= MIN_CLAUSE_WORDS]


def _phrase_start(d: _Draft) -> int:
    return d.phrase[0] if d.phrase else d.cue_at


def _forward(doc: _Doc, lo: int, end: int, m: re.Match[str]) -> _Draft | None:
    """'X said (that) <clause>', 'X told reporters <clause>', 'according to X, <clause>'."""
    text, lex = doc.text, doc.lex
    verb = m.group("verb")
    para = doc.para_of(m.start())
    d = _Draft(0, 0, "reported", (para, para), anchor=doc.sentence_end(m.start()))
    if m.group("acc"):
        if m.start() - lo > 3 or text[lo:m.start()].strip(_STRIP):
            return None                       # "according to X" not opening the sentence
        comma = text.find(",", m.end(), min(end, m.end() + SUBJECT_MAX_CHARS))
        if comma < 0 or not _take_cue(doc, d, m, lo, comma):
            return None
        clause = comma + 1
    else:
        if verb in lex.direct or not _take_cue(doc, d, m, lo, end):
            return None
        clause = _that(doc, m.end(), end)
        if clause is None:
            if not (m.group("active") or m.group("passive") or verb in lex.bare
                    or _clause_follows(doc, m.end(), end)):
                return None
            clause = m.end()
            if verb in lex.listener_verbs:
                heard = lex.listener.match(text, clause, end)
                if heard is None:
                    return None
                clause = heard.end()
            clause = _skip_adverbials(doc, clause, end)
            first = _WORD.match(text, clause + 1, end)
            if not text[clause:clause + 1].isspace() or first is None or _bare_word(
                    first.group()) in lex.words["prepositions"]:
                return None                   # "said." / "is said to have" / "told X on ..."
    d.start, d.end = _trim(text, clause, end)
    d.end = _trim(text, d.start, doc.direct_within(d.start, d.end))[1]
    if d.start >= d.end or text[d.start] in "\"“”,:;—–(":
        return None
    d.source = _source(doc, max(lo, _phrase_start(d) - SUBJECT_MAX_CHARS), d.start)
    return d


def _that(doc: _Doc, lo: int, hi: int) -> int | None:
    """Where the clause starts when "that" follows the verb, after its listener, adverbials,
    short phrases or a parenthetical between commas ("told reporters that", "said in a
    letter to shareholders on Monday that"); None when it does not ("says strikes that
    killed hundreds ...": a relative "that")."""
    text, lex = doc.text, doc.lex
    pos = lo
    for _ in range(THAT_MAX_PARTS):
        if (m := _THAT.match(text, pos, hi)) is not None:
            return m.end()
        part = (lex.listener.match(text, pos, hi) or lex.adverbial.match(text, pos, hi)
                or lex.gap.match(text, pos, hi) or _PARENTHETICAL.match(text, pos, hi))
        if part is None or part.end() == pos:
            return None
        pos = part.end()
    return None


def _clause_follows(doc: _Doc, lo: int, hi: int) -> bool:
    """Whether a clause starts right after a verb that usually wants "that": a finite verb
    such as "were" or "would" within a few words ("insists the troops were the intruders",
    not "denied the allegations")."""
    for n, m in enumerate(_WORD.finditer(doc.text, lo, hi)):
        if n >= CLAUSE_VERB_WORDS or m.group()[0] in "\"“”":
            return False
        if _bare_word(m.group()) in doc.lex.words["clause_words"]:
            return n > 0
        if m.group()[-1] in ",;:":
            return False
    return False


def _skip_adverbials(doc: _Doc, pos: int, hi: int) -> int:
    while (m := doc.lex.adverbial.match(doc.text, pos, hi)) is not None:
        pos = m.end()
    return pos


def _tail(doc: _Doc, lo: int, end: int,
          m: re.Match[str]) -> tuple[_Draft, int, bool] | None:
    """A sentence-final attribution of the clause before it: '<clause>, officials said (on
    Monday).', '<clause>, Kim, a union leader, told Yonhap.', '<clause>, said a spokesman.',
    '<clause>, according to X.' Returns the quote, where the attribution ends and whether it
    only credits an outlet ("..., Reuters reported.")."""
    text, lex = doc.text, doc.lex
    verb = m.group("verb")
    if verb in lex.direct or verb in lex.participle or verb in lex.not_final:
        return None
    before = _word_before(text, lo, m.start())
    after_comma = before is not None and text[before[1] - 1] == ","
    subject = None if m.group("acc") or m.group("active") else _speaker_span(
        doc, m, lo, end)
    if after_comma and subject is not None and _speaks(doc, subject):
        comma = text.rfind(",", max(lo, subject[0] - 3), subject[0])
        found = _subject_tail(doc, comma, end, m, subject) if comma >= 0 else None
    elif after_comma:
        comma = before[1] - 1
        found = _inverted_tail(doc, end, m, subject)
    elif m.group("acc"):
        return None
    else:
        comma = text.rfind(",", max(lo, m.start() - SUBJECT_MAX_CHARS), m.start())
        found = _subject_tail(doc, comma, end, m, None) if comma >= 0 else None
    if found is None:
        return None
    phrase, rest = found
    para = doc.para_of(m.start())
    d = _Draft(0, 0, "reported", (para, para), anchor=doc.sentence_end(m.start()))
    d.start, d.end = _clause(doc, lo, comma)
    if d.start >= d.end:
        return None
    d.cue, d.cue_at, d.phrase = _cue_text(m), m.start(), phrase
    outlet = _outlet(lex, text[phrase[0]:phrase[1]])
    d.source = outlet or _source(doc, comma, rest)
    return d, rest, outlet is not None


def _inverted_tail(doc: _Doc, end: int, m: re.Match[str],
                   subject: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """', said a spokesman (on Monday).' / ', according to officials.': the speaker phrase
    and where the attribution ends. ``subject`` is what stands before the comma: when it
    could be the verb's subject ("The group, which is based in Koblenz, said its systems
    ..."), the words after the verb must name a speaker."""
    text = doc.text
    phrase = _speaker_span(doc, m, m.start(), min(end, m.end() + SUBJECT_MAX_CHARS), after=True)
    if phrase is None or (m.group("acc") and _nonspeaker(doc, phrase)):
        return None
    if not m.group("acc") and (_has_clause_word(doc, phrase) or not _speaks(doc, phrase)
                               and subject is not None and _noun_phrase(doc, subject)):
        return None
    rest = max(phrase[1], m.end())
    rest = _skip_adverbials(doc, rest, end)
    if _END.match(text, rest, end):
        return phrase, rest
    if m.group("acc"):                    # "according to police in the capital"
        comma = text.find(",", rest, min(end, rest + SUBJECT_MAX_CHARS))
        return phrase, end if comma < 0 else comma
    return None


def _subject_tail(doc: _Doc, comma: int, end: int, m: re.Match[str],
                  phrase: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """', officials said (in a statement released on Monday).': the speaker phrase (found
    after ``comma`` unless given) and where the attribution ends."""
    text, lex = doc.text, doc.lex
    if phrase is None:
        if _count_words(text, comma + 1, m.start(), MAX_SPEAKER_WORDS) > MAX_SPEAKER_WORDS:
            return None
        phrase = _speaker_span(doc, m, comma + 1, end)
    if phrase is None:
        return None
    rest = m.end()
    if m.group("verb") in lex.listener_verbs and (heard := lex.listener.match(text, rest, end)):
        rest = heard.end()
    adverbs = _skip_adverbials(doc, rest, end)
    if _END.match(text, adverbs, end):
        return phrase, adverbs
    # a few more words after an adverbial or a preposition ("in a statement released on
    # Monday", "on condition of anonymity")
    first = _WORD.match(text, adverbs + 1, end)
    if (adverbs > rest or (first and _bare_word(first.group()) in lex.words["prepositions"])) \
            and _count_words(text, adverbs, end, TAIL_MAX_WORDS) <= TAIL_MAX_WORDS \
            and "that" not in text[adverbs:end].split():
        return phrase, end
    return None


def _has_clause_word(doc: _Doc, phrase: tuple[int, int]) -> bool:
    return any(_bare_word(w) in doc.lex.words["clause_words"]
               for w in doc.text[phrase[0]:phrase[1]].split())


def _noun_phrase(doc: _Doc, phrase: tuple[int, int]) -> bool:
    """Whether a few words with no finite verb could be a subject ("The group")."""
    return not _has_clause_word(doc, phrase) and _count_words(
        doc.text, *phrase, NOUN_PHRASE_MAX_WORDS) <= NOUN_PHRASE_MAX_WORDS


def _clause(doc: _Doc, lo: int, hi: int) -> tuple[int, int]:
    """The clause ``lo``..``hi`` without the punctuation and the conjunction opening it
    (", and more rain is expected" -> "more rain is expected")."""
    lo, hi = _trim(doc.text, lo, hi)
    if dateline := _DATELINE.match(doc.text, lo, hi):
        lo = dateline.end()
    while lo < hi and doc.text[lo] in ",;—–":
        lo, hi = _trim(doc.text, lo + 1, hi)
    first = _WORD.match(doc.text, lo, hi)
    if first and first.group().lower() in ("and", "but", "while", "whereas", "so"):
        lo, hi = _trim(doc.text, first.end(), hi)
    return lo, hi


# --- speakers -------------------------------------------------------------------------------

def _resolve(doc: _Doc, drafts: list[_Draft]) -> None:
    """Name every quote's speaker, in text order (a pronoun may name the previous speaker;
    a quote with no attribution continues the previous quote's)."""
    last: _Draft | None = None
    recent: dict[str, _Draft] = {}        # the last quote spoken by a person, an institution
    for d in drafts:
        d.anchor = max(d.anchor, doc.sentence_end(d.end - 1))
        if d.phrase is not None:
            _name_speaker(doc, d, recent)
        elif d.inherit == "sentence" and _sentence_subject(doc, d):
            pass
        elif d.inherit and last is not None and last.speaker_text and (
                d.paras[0] - last.paras[1] <= (1 if d.inherit == "paragraph" else 0)):
            d.speaker, d.speaker_text = last.speaker, last.speaker_text
        last = d
        kind = _speaker_kind(doc, d)
        if kind:
            recent[kind] = d


def _speaker_kind(doc: _Doc, d: _Draft) -> str | None:
    """"person" (a PERSON, or a person not named: "a worker who escaped"), "institution"
    (an ORG or GPE) or None (nobody, or people: "officials")."""
    if d.speaker is not None:
        return "person" if doc.entities[d.speaker].label == "PERSON" else "institution"
    words = (d.speaker_text or "").lower().split()
    if len(words) >= 2 and words[0] in ("a", "an", "one", "another") and _bare_word(
            words[-1]) not in doc.lex.words["organisation_nouns"]:
        return "person"
    return None


def _name_speaker(doc: _Doc, d: _Draft, recent: dict[str, _Draft]) -> None:
    text, lex = doc.text, doc.lex
    s, e = _strip_span(text, *d.phrase)
    phrase = text[s:e]
    outlet = _outlet(lex, phrase)
    if outlet:
        d.source = d.source or outlet
        return
    low = phrase.lower()
    if low in lex.person_pronouns:
        d.speaker, d.speaker_text = _antecedent(doc, s, doc.persons, doc.person_starts,
                                                recent.get("person"), phrase)
        return
    if low in lex.institution_pronouns:
        d.speaker, d.speaker_text = _antecedent(doc, s, doc.institutions,
                                                doc.institution_starts,
                                                recent.get("institution"), phrase)
        return
    found = _named_in(doc, s, e)
    if found is not None:
        d.speaker, ms, me, whole = found
        d.speaker_text = text[ms:me] if whole else phrase
        return
    d.speaker_text = phrase
    d.speaker = _definite(doc, s, phrase, recent.get("institution"))


def _named_in(doc: _Doc, s: int, e: int) -> tuple[int, int, int, bool] | None:
    """The entity a speaker phrase names: its last PERSON (the head after titles; not "a
    lawyer for X", not "X's spokesman"), else an organisation or country as an institution
    ("the Health Ministry", "a spokesman for the ministry"). With True when the name is
    the whole phrase."""
    text, words = doc.text, doc.lex.words
    institution = person = None
    for ms, me, idx, label in doc.mentions_in(s, e):
        if label not in SPEAKER_LABELS or _possessive(text, me) or _outlet(doc.lex, text[ms:me]):
            continue
        w = _word_before(text, s, ms)
        prev = _bare_word(text[w[0]:w[1]]) if w else ""
        if label == "PERSON":
            if prev not in words["prepositions"]:
                person = (idx, ms, me, True)
            continue
        if institution is not None:
            continue
        lead, rest = text[s:ms].split(), text[me:e].strip().lower()
        head = rest.split()[0] if rest else ""
        if all(w.lower() in ("the", "a", "an") or w[0].isupper() or _possessive(w, len(w) - 2)
               for w in lead) and (not rest or rest in words["voices"] or (
                label == "ORG" and head in words["prepositions"])):
            institution = (idx, ms, me, not rest and not lead)
        elif label == "ORG" and (prev in words["institution_links"] or (
                prev == "the" and (w2 := _word_before(text, s, w[0]))
                and _bare_word(text[w2[0]:w2[1]]) in words["institution_links"])):
            institution = (idx, ms, me, False)
    return person or institution


def _antecedent(doc: _Doc, pos: int, items, starts, last: _Draft | None, written: str,
                accept: Callable[[int], bool] = lambda idx: True) -> tuple[int | None, str]:
    """Whom "he"/"she"/"it" at ``pos`` names, with the words naming it: the last quote's
    speaker of that kind, unless another one was named since that quote's attribution; else
    the nearest one named before it (outside quotes)."""
    near = doc.nearest(items, starts, pos, accept)
    if last is not None and pos - last.anchor <= ANTECEDENT_MAX_CHARS and (
            near is None or near[0] < last.anchor):
        if last.speaker is not None:
            return last.speaker, doc.entities[last.speaker].name
        return None, last.speaker_text or written
    if near is None:
        return None, written
    return near[2], doc.entities[near[2]].name


def _definite(doc: _Doc, pos: int, phrase: str, last: _Draft | None) -> int | None:
    """The organisation "the ministry" or "the company" names: the nearest one before it
    whose name has that word ("the Health Ministry", "the Ministry of Health"); for "the
    statement", the last institution that spoke; for a generic noun ("the company"), the
    organisation named before it that the article names most, preferring one it calls so
    ("Skyward, a satellite company")."""
    words = phrase.split()
    if not 2 <= len(words) <= 3 or words[0].lower() != "the":
        return None
    head = _bare_word(words[-1])
    found = doc.nearest(doc.institutions, doc.institution_starts, pos,
                        lambda idx: head in doc.entities[idx].name.lower().split())
    if found is not None:
        return found[2]
    if head in doc.lex.words["documents"]:
        return last.speaker if last is not None and pos - last.anchor <= (
            ANTECEDENT_MAX_CHARS) else None
    if head not in doc.lex.words["organisation_nouns"]:
        return None
    best, best_score = None, 0
    k = bisect.bisect_left(doc.institution_starts, pos) - 1
    for _ in range(ANTECEDENT_MAX_STEPS):
        if k < 0 or doc.institutions[k][0] < pos - ANTECEDENT_MAX_CHARS:
            break
        ms, me, idx, label = doc.institutions[k]
        k -= 1
        if label != "ORG" or doc.in_quote(ms):
            continue
        near = doc.text[max(0, ms - CONTEXT_CHARS):me + CONTEXT_CHARS].lower()
        score = len(doc.entities[idx].mentions) + CONTEXT_BONUS * (
            re.search(rf"\b{re.escape(head)}\b", near) is not None)
        if score > best_score:
            best, best_score = idx, score
    return best


def _sentence_subject(doc: _Doc, d: _Draft) -> bool:
    """The speaker of a participle cue ("Smith spoke on Monday, saying ..."): the first
    person (else institution) named in its sentence outside quotes, when there is one."""
    at = d.cue_at if d.cue_at >= 0 else d.start - 1
    k = bisect.bisect_right(doc.sent_starts, at) - 1
    lo = max(doc.sentences[k][0] if k >= 0 else 0, at - BEFORE_MAX_CHARS)
    found = [(label != "PERSON", ms, me, idx) for ms, me, idx, label in
             doc.mentions_in(lo, at) if label in SPEAKER_LABELS
             and not doc.in_quote(ms) and not _possessive(doc.text, me)]
    if not found:
        return False
    _, ms, me, d.speaker = min(found)
    d.speaker_text = doc.text[ms:me]
    return True


# --- the component ------------------------------------------------------------------------

def find_quotes(text: str, sentences: list[tuple[int, int]],
                entities: list[ArticleEntity]) -> list[ArticleQuote]:
    """Direct quotes and reported speech in an article's cleaned text.

    Args:
        text: the article's body (paragraphs separated by line breaks).
        sentences: sentence character ranges (the Understand layer's ``sentences``).
        entities: the article's entities; ``speaker`` is an index into this list.

    Returns:
        The quotes in text order: ``start``/``end`` cover the quoted words without the
        quote marks and the comma before the closing one (direct; a quote over several
        paragraphs runs from its first word to its last) or the reported clause without
        "that" and the final full stop (reported); ``speaker_text`` the words naming the
        speaker (the resolved name for a pronoun); ``cue`` the speech verb or phrase;
        ``source`` the agency or outlet credited. A direct quote may lie inside a reported
        clause ('X said the plan was "a disaster for everyone"').
    """
    doc = _Doc(text, sentences, entities)
    if not doc.paras:
        return []
    doc.marks = _pair_marks(doc)
    doc.mark_starts = [m.open for m in doc.marks]
    drafts = _direct_quotes(doc)
    doc.direct_starts = [s for s, _, _ in doc.direct]
    drafts += _reported_quotes(doc)
    drafts.sort(key=lambda d: (d.start, d.end, d.kind))
    _resolve(doc, drafts)
    return [ArticleQuote(d.start, d.end, text[d.start:d.end], d.kind, d.speaker,
                         d.speaker_text, d.cue, d.source) for d in drafts]
