"""Descriptors: the words an article uses for an actor, with their loaded-language score.

Three kinds, read from the Understand stage's entities and events without a parser:

- ``premodifier``: the characterising words right before a name, after the determiner
  ("the Lebanese separatist militia Al-Faran" -> "Lebanese separatist militia");
- ``appositive``: the noun phrase set off by commas right after a name ("Al-Faran, a banned
  armed group, said" -> "a banned armed group");
- ``event-word``: the word for what was done to a victim or target: the trigger of a
  killing, attack or arrest event next to it ("assassinated X"), "the martyrdom of X",
  "the attack on X", "X's killing", "X was detained", "X, 24, died".

Each span is scored by :func:`score` with the lexicon of ``data/lexicon.toml``
(docs/lexicon.md); other entities' names inside a span are not scored. Every scan looks at
a bounded window around a mention or a trigger, so the work is linear in the text.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from ..model import ArticleDescriptor, ArticleEntity, ArticleEvent
from ..understand.resources import fold, load

#: Most words a pre-modifier may have, and how far back (characters) it is looked for.
PREMOD_MAX_WORDS = 6
PREMOD_WINDOW = 120
#: Most words (and characters) an appositive may have before its closing comma or full stop.
APPOS_MAX_WORDS = 14
APPOS_WINDOW = 200
#: A list's last segment ("..., partners and interests.") has at most this many words.
LIST_TAIL_WORDS = 4
#: Most words (and characters) between an event word and its victim ("of the top Iranian
#: general X").
VICTIM_MAX_GAP = 5
VICTIM_WINDOW = 80
#: How far (characters) before an event noun its owner is looked for ("X's brutal killing").
OWNER_WINDOW = 60
#: A lower-case piece after a hyphen this short continues a given name ("Soo-yeon").
NAME_PART_MAX = 5
#: Event types whose trigger is an event-word for the participants in these roles (the
#: roles data/events.toml gives them).
EVENT_WORD_TYPES = frozenset({"killing", "attack", "arrest"})
TARGET_ROLES = frozenset({"target", "victim"})
#: Entity types that are places: their pre-modifiers count only with a lexicon word.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Decimal places of a score (sums of weights stay readable and deterministic).
SCORE_DIGITS = 2

KINDS = ("premodifier", "appositive", "event-word")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed English word classes read without a parser.
_DETERMINERS = _words(
    "the a an this these those its his her their our my your whose every each some any no "
    "another other others such both all either neither")
# after these the next word is a verb, not a modifier ("they blame X", "to visit X")
_VERBAL = _words(
    "he she it they we i you who which that how why what to will would could can should must "
    "may might shall did does do not is are was were be been being has have had also")
# finite verbs: auxiliaries, reporting verbs and irregular past tenses ("Halberd fell")
_FINITE = _words(
    "is are was were has have had will would can could did does said says told tells met "
    "meets bought sold paid spent lost won beat fell rose grew fled flew went came gave took "
    "made led left kept held sent built began broke brought caught chose drew drove fought "
    "found got hit hurt knew laid let meant put quit ran rode saw sat shook shot shut spoke "
    "stood stole struck swore swept taught tore thought threw understood woke wore wrote "
    "dealt fed felt heard hung sought spread stuck undertook upheld withdrew became cost "
    "cut overcame oversaw overthrew slew")
_FUNCTION = _FINITE | _words(
    "of in on at by for with from into onto over under near about after before between "
    "against among amid amidst during including according per toward towards behind across "
    "through via without within as like unlike than and or but nor if because while when "
    "where whether since until unless although though so yet then there here however "
    "meanwhile instead alongside beside besides beyond inside outside around along despite "
    "following regarding concerning throughout upon versus given off out up down say tell "
    "named called known run born later earlier still already again too once first recently "
    "previously yesterday today tomorrow never always often soon now even just most more "
    "less least")
_NUMBERS = _words(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
    "thousands several many few")
_FILLERS = _words(
    "former late then ex current acting incoming outgoing fellow new longtime long-time")
# forms of address, ranks and honorifics: alone they say nothing about the person
_ADDRESS = _words(
    "mr mrs ms miss dr sir dame lord lady mr. mrs. ms. dr. prof. professor rev. reverend "
    "general lieutenant colonel major brigadier captain commander admiral sergeant corporal "
    "private marshal field vice rear sheikh sheik shaikh sheikha ayatollah grand imam hajj "
    "haj seyyed sayyed sayed sayyid mullah mufti father rabbi pastor baron baroness count "
    "duke duchess earl prince princess crown king queen emir amir sultan pope cardinal "
    "bishop archbishop")
# common modifiers a sentence may open with in capitals ("Veteran opposition leader X")
_OPENING_MODIFIERS = _words(
    "veteran senior top former late longtime prominent jailed exiled embattled outspoken "
    "influential powerful wealthy young elderly local opposition rights leading "
    "controversial")
# present-tense verbs common right after an organisation or a country ("Iran warns")
_PRESENT_VERBS = _words(
    "says warns urges vows claims denies calls plans wants seeks faces accuses rejects "
    "condemns launches announces agrees backs insists threatens demands hopes expects "
    "remains continues holds has is was")
# what may follow a hyphen after a name without making a compound with it ("Ji-hoon")
_COMPOUND_TAILS = _words("born run style era wide made built bound like owned")
_INTRODUCTORY = _words(
    "in at from on across near outside inside throughout after before during since under")
_RELATIVES = _words("who whom whose which that where when while")
_CONJUNCTIONS = _words("and or")
_DATE_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday last this next year week month on")
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|added|reported|according|stated|"
                        r"confirmed|announced|noted|insisted|wrote|explained)\b", re.I)
_QUOTES = "\"“”‘’'"
_CLOSERS = (",", ";", ":", "!", "?", "—", "–")
_DASHES = ("-", "—", "–")
_ABBREV = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+")
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_AGE = r"(?:,\s+\d{1,3},)?"
_PASSIVE = re.compile(_AGE + r"(?:,?\s+who)?\s+(?:was|were|is|are|being|been|had\s+been|"
                      r"has\s+been|have\s+been|got)\s+(?:\w+ly\s+)?", re.I)
_INTRANSITIVE = re.compile(_AGE + r"(?:,?\s+who)?\s+(?:(?:has|had|have)\s+)?", re.I)


# --- the lexicon ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    pattern: re.Pattern[str]                     # every entry, longest first, one group each
    entries: dict[str, tuple[str, str, float]]   # group name -> (entry, category, weight)
    words: frozenset[str]                        # every word of every entry (lower case)
    nouns: re.Pattern[str]                       # "the assassination of X"
    attack_nouns: re.Pattern[str]                # "the attack on X"
    participles: re.Pattern[str]                 # "X was assassinated", "assassinated X"
    intransitives: re.Pattern[str]               # "X died"


_ENDINGS = r"(?:s|es|d|ed|ing|ion|ions|ation|ations|dom)?"
#: A final "e" or "y" is dropped before an ending only in words longer than this.
_MIN_STEM_DROP = 4


def _entry_regex(entry: str) -> str:
    """The regex of one entry: words joined by spaces or hyphens, the last one inflected."""
    words = re.split(r"[\s-]+", entry.strip())
    last = words[-1]
    if last.endswith("*"):
        tail = re.escape(last[:-1]) + r"\w*"
    elif len(last) > _MIN_STEM_DROP and last[-1] in "ey":
        extra = r"(?:ies|ied)" if last[-1] == "y" else r"(?:es|ed|ing|ion|ions|ation|ations)"
        tail = rf"(?:{re.escape(last)}{_ENDINGS}|{re.escape(last[:-1])}{extra})"
    else:
        tail = re.escape(last) + _ENDINGS
    return r"[\s-]+".join([*(re.escape(w) for w in words[:-1]), tail])


def _alternation(forms: list[str]) -> re.Pattern[str]:
    forms = sorted(forms, key=lambda f: (-len(f), f))
    alternatives = "|".join(_entry_regex(f) for f in forms)
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The loaded-language lexicon of ``data/lexicon.toml`` (read once)."""
    data = tomllib.loads(ir.files("rashomon").joinpath("data/lexicon.toml").read_text("utf-8"))
    flat = [(entry, category, float(weight)) for category in data["meaning"]
            for entry, weight in data[category].items()]
    flat.sort(key=lambda t: (-len(t[0]), t[0]))
    entries = {f"e{n}": t for n, t in enumerate(flat)}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
        f"(?P<{g}>{_entry_regex(e)})" for g, (e, _, _) in entries.items()) + r")(?![\w-])",
        re.I)
    words = frozenset(w.lower() for e, _, _ in flat for w in re.split(r"[\s-]+", e.rstrip("*")))
    ev = data["event_words"]
    return Lexicon(pattern, entries, words, _alternation(ev["nouns"]),
                   _alternation(ev["attack_nouns"]), _alternation(ev["participles"]),
                   _alternation(ev["intransitives"]))


def score(span: str) -> tuple[float, list[str]]:
    """The loaded-language score of ``span`` and the lexicon entries hit (``"word:category"``).

    The score is the sum of the weights of every entry found (longest entries first, no
    overlaps), clipped to [-1, 1] and rounded to two decimals: negative delegitimises the
    described actor, positive legitimises it or sympathises with it, 0 is neutral.
    """
    lex = lexicon()
    total = 0.0
    terms: list[str] = []
    for m in lex.pattern.finditer(span):
        entry, category, weight = lex.entries[m.lastgroup or ""]
        total += weight
        terms.append(f"{entry.rstrip('*')}:{category}")
    return round(max(-1.0, min(1.0, total)), SCORE_DIGITS), terms


# --- mentions, sentences, words -----------------------------------------------------------------

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


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in load().titles for w in t)


def _word(chunk: str) -> str:
    """A chunk's folded word without quotes, brackets and an enclitic ("they're" -> they)."""
    word = fold(chunk.strip(_QUOTES + "()[]"))
    return re.sub(r"'(?:re|ll|ve|d|m)$", "", word)


def _is_honorific(word: str) -> bool:
    """An abbreviated title or a courtesy title: "Gen.", "Dr.", "Mr"."""
    return word in _ADDRESS and (word.endswith(".") or word in {"mr", "mrs", "ms", "dr"}) or (
        word.endswith(".") and (word,) in load().titles)


def _is_demonym(word: str) -> bool:
    return word in load().norp


def _verb_like(word: str) -> bool:
    return (len(word) >= 5 and word.endswith("ed")) or (len(word) >= 6 and word.endswith("ing"))


def _stop_word(word: str) -> bool:
    return word in _FUNCTION or word in _VERBAL or word in _NUMBERS or word[:1].isdigit()


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(c.start() + start, c.end() + start, c.group())
            for c in re.finditer(r"\S+", text[start:end])]


def _ends_clause(chunk: str) -> bool:
    """A chunk followed by a boundary: a comma, a bracket, a dash, a sentence's full stop."""
    core = chunk.rstrip(_QUOTES)
    if core.endswith(_CLOSERS + ("(", ")", "[", "]")) or core in _DASHES:
        return True
    return core.endswith(".") and not _ABBREV.fullmatch(core.lstrip(_QUOTES))


# --- pre-modifiers ------------------------------------------------------------------------------

def _leading_titles(text: str, m: _Mention) -> int:
    """Where the name starts inside a mention that opens with title words ("Gen. X")."""
    res = load()
    words = list(re.finditer(r"\S+", text[m.start:m.end]))
    k = 0
    while k < len(words) - 1:
        for length in range(min(res.max_title_len, len(words) - 1 - k), 0, -1):
            if tuple(fold(w.group()) for w in words[k:k + length]) in res.titles:
                k += length
                break
        else:
            break
    return m.start + words[k].start() if k else m.start


@dataclass
class _Walk:
    """A pre-modifier read leftwards from a name."""

    start: int
    taken: int = 0
    described: bool = False   # a word other than an abbreviated title ("Gen.") was taken
    title: bool = False       # the last word taken is a capitalised title ("Minister")
    role: bool = False        # ... or a role word ("official", "chief executive")
    lower: bool = True        # every word taken is lower-case

    def take(self, start: int, chunk: str, name: bool = False, title_run: bool = False) -> None:
        word = _word(chunk)
        self.start, self.taken = start, self.taken + 1
        self.described = self.described or not _is_honorific(word)
        if not title_run:
            self.title = not name and chunk[:1].isupper() and word in _title_words() \
                and word not in _ADDRESS and not _is_honorific(word)
            self.role = not name and (word in _title_words() or word in load().person_roles)
        self.lower = self.lower and chunk[:1].islower()


def _premodifier(ix: _Index, m: _Mention) -> tuple[int, int] | None:
    """The characterising words right before the name of mention ``m``."""
    text = ix.text
    s_start, _ = ix.sentence(m.start)
    lo = max(s_start, m.start - PREMOD_WINDOW)
    chunks = _chunks(text, lo, m.start)
    if lo > s_start and chunks and chunks[0][0] == lo and not text[lo - 1].isspace():
        chunks = chunks[1:]  # cut by the window
    if chunks and chunks[-1][1] == m.start:
        return None  # glued to the name: a bracket, a quote, "pro-"
    walk = _Walk(m.start)
    for k in range(len(chunks) - 1, -1, -1):
        cs, ce, chunk = chunks[k]
        if cs >= walk.start:
            continue  # inside a name already taken in
        if walk.taken == PREMOD_MAX_WORDS or _ends_clause(chunk):
            break
        previous = chunks[k - 1][2] if k > 0 else ""
        other = ix.overlapping(cs, ce)
        if other is not None:
            if not _qualifier(ix, other, cs, ce, walk):
                break  # another entity's name ("Kenya's William Ruto")
            walk.take(min(cs, other.start), chunk, name=True, title_run=walk.title)
            continue
        if walk.title and _title_part(chunk, previous, ix.overlapping(*chunks[k - 1][:2])
                                      if k > 0 else None):
            walk.take(cs, chunk, title_run=True)  # "Disaster Management and Relief Minister"
            continue
        opening = not previous or _ends_clause(previous)
        verdict = _premodifier_word(chunk, previous, opening, adjacent=not walk.described)
        if verdict == "verbal" and walk.taken == 1 and walk.lower or verdict == "name":
            return None  # "they blame X"; "Sauti ya Vijana": the name goes on to the left
        if verdict != "take":
            break
        walk.take(cs, chunk)
        if chunk[0] in "\"“‘":
            break  # the quote opens here
    start = walk.start
    while text.startswith(("and ", "& "), start):
        start = text.index(" ", start) + 1  # a title run cut at a name
    span = _trimmed(text, start, _leading_titles(text, m) if m.label == "PERSON" else m.start)
    if span and m.label in PLACE_LABELS and not score(text[span[0]:span[1]])[1]:
        return None  # "eastern Syria", "neighbouring Iraq": places, not labels
    return span


def _qualifier(ix: _Index, other: _Mention, cs: int, ce: int, walk: _Walk) -> bool:
    """May another entity's name stand in a pre-modifier? A nationality ("Lebanese"), a
    compound ("Iran-backed"), a name qualifying the office after it ("US President",
    "Disaster Management and Relief Minister") or an organisation qualifying the role after
    it ("Hanbit Air chief executive"); never a possessor ("Kenya's William Ruto")."""
    text = ix.text
    if "-" in text[max(cs, other.end):ce] or "-" in text[cs:max(cs, other.start)]:
        return True
    if other.label == "NORP":
        return walk.taken > 0  # "Kenyan President X"; not "Christian Bruch" cut in two
    if ix.possessive(other) or other.label == "PERSON":
        return False
    return walk.title or walk.role and other.label in ("ORG", "GPE")


def _title_part(chunk: str, previous: str, previous_name: _Mention | None) -> bool:
    """Capitalised words before an office title belong to it ("Finance Minister",
    "Energy and Mines Minister"; not "Meloni and French President")."""
    if chunk in ("and", "&"):
        return previous[:1].isupper() and not _ends_clause(previous) and (
            previous_name is None or previous_name.label != "PERSON")
    word = _word(chunk)
    return chunk[:1].isupper() and word.isalpha() and word not in _DETERMINERS \
        and word not in _FUNCTION and word not in _VERBAL and word not in _DATE_WORDS


def _premodifier_word(chunk: str, previous: str, opening: bool, adjacent: bool) -> str:
    """``take`` the word into the pre-modifier, ``stop`` before it, ``verbal`` (the words
    taken so far are a verb's: "they blame X", "that killed X") or ``name`` (the word joins
    two parts of a name)."""
    word = _word(chunk)
    before = _word(previous)
    if word in _VERBAL:
        return "verbal"
    if adjacent and len(word) <= 3 and chunk[:1].islower() and previous[:1].isupper() \
            and not opening and word not in _FUNCTION:
        return "name"
    if not re.search(r"\w", word) or (_stop_word(word) and "-" not in word) \
            or word in _DETERMINERS or _POSSESSIVE.search(word) or word in load().particles:
        return "stop"  # punctuation, function words, numbers, "the group's", "von der"
    core = chunk.strip(_QUOTES)
    if "-" in core and core[:1].islower():
        return "take"  # "so-called", "pro-Iranian", "45-year-old"
    if any(c.isupper() for c in core) and not (opening and _verb_like(word)):
        return "take" if _capital_modifier(core, word, opening) else "stop"
    if _verb_like(word):
        return "take" if _participle_modifier(word, before, opening, adjacent) else "stop"
    if adjacent and (word.endswith("ly") or re.search(r"[^su'’]s$", word)):
        return "stop"  # "reportedly X", "meets X"
    return "take"


def _participle_modifier(word: str, before: str, opening: bool, adjacent: bool) -> bool:
    """An -ed/-ing word modifies the name ("the jailed activist X", "with exiled leader X",
    "credit rating agency X", "Returning officer X", "chair, retired judge X"), it is not a
    verb ("police arrested X", "in assassinating X")."""
    if not before or before in _DETERMINERS or opening and not adjacent:
        return True
    if adjacent:
        return False  # "police arrested X"; after a comma too ("a banker, founded X")
    if word.endswith("ed"):
        return before in _FUNCTION and before not in _FINITE  # "with exiled leader X"
    return not before.endswith("s") and before not in _VERBAL


def _capital_modifier(core: str, word: str, opening: bool) -> bool:
    """A capitalised word in a pre-modifier: a title, a nationality, "Saudi-led", or a common
    modifier opening the sentence; other capitals belong to some name."""
    if word in _title_words() or _is_honorific(word) or _is_demonym(word):
        return True
    if re.search(r"-[a-z]+$", core):
        return True
    return opening and (word in _OPENING_MODIFIERS or word in load().person_roles
                        or word in lexicon().words)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without abbreviated titles next to the name and leading adverbs; None when
    only forms of address and fillers ("Lieutenant General", "Mr.", "late Sheikh") or a
    bare nationality ("Kenyan") are left. Office titles stay ("Finance Minister")."""
    chunks = _chunks(text, start, end)
    while chunks and _is_honorific(_word(chunks[-1][2])):
        chunks.pop()
    while len(chunks) > 1 and re.fullmatch(r"[a-z]+ly", chunks[0][2]):
        chunks.pop(0)  # "mostly young Kenyans": the adverb qualifies, it does not label
    words = [_word(c) for _, _, c in chunks]
    if all(w in _ADDRESS or w in _FILLERS or _is_honorific(w) for w in words):
        return None
    if len(words) == 1 and _is_demonym(words[0]):
        return None
    return chunks[0][0], chunks[-1][1]


# --- appositives --------------------------------------------------------------------------------

def _appositive(ix: _Index, m: _Mention, skip_age: bool = True) -> tuple[int, int, str] | None:
    """The noun phrase between commas right after mention ``m``'s name, and its closing
    mark."""
    text = ix.text
    opened = re.match(r",\s+", text[m.end:m.end + 4])
    if not opened or ix.modifier(m) or _introductory(ix, m):
        return None
    p_start = m.end + opened.end()
    s_end = min(ix.sentence(m.start)[1], p_start + APPOS_WINDOW)
    closing = _phrase_end(text, p_start, s_end)
    if closing is None:
        return None
    p_end, closer = closing
    if skip_age and re.fullmatch(r"\d{1,3}", text[p_start:p_end]) and closer == ",":
        return _appositive(ix, _Mention(m.start, p_end, m.entity, m.label), skip_age=False)
    if closer == "," and _list_tail(text, p_end + 1, s_end):
        return None
    return (p_start, p_end, closer) if _noun_phrase(ix, p_start, p_end) else None


def _introductory(ix: _Index, m: _Mention) -> bool:
    """"In Lyon, families waded...": the comma closes an opening phrase, not a name."""
    s_start = ix.sentence(m.start)[0]
    if m.start - s_start > PREMOD_WINDOW:
        return False
    opener = ix.text[s_start:m.start].split()
    return 0 < len(opener) <= 3 and _word(opener[0]) in _INTRODUCTORY and all(
        w[:1].islower() for w in opener[1:])  # "In Lyon,", "In flood-hit Lyon,"


def _phrase_end(text: str, start: int, limit: int) -> tuple[int, str] | None:
    """Where the phrase from ``start`` closes (a comma, a dash, the sentence's full stop; not
    inside brackets) and the closing mark."""
    chunks = _chunks(text, start, limit)
    depth = 0
    for n, (cs, _, chunk) in enumerate(chunks[:APPOS_MAX_WORDS]):
        core = chunk.rstrip(_QUOTES)
        depth += core.count("(") - core.count(")")
        if depth < 0:
            return cs + core.index(")"), ")"  # the bracket around the name closes
        if depth > 0:
            continue
        if core in _DASHES:
            return cs, core
        last = n == len(chunks) - 1
        if core.endswith(_CLOSERS) or core.endswith(".") and (
                last or not _ABBREV.fullmatch(core)):
            return cs + len(core) - 1, core[-1]
        if last:
            return None  # no closing mark: a heading or a cut text
    return None


def _list_tail(text: str, start: int, limit: int) -> bool:
    """Is the segment after an appositive's comma the end of a list ("X, its agents, partners
    and interests.")?"""
    segment = re.match(r"[^,;.]*[,;.]?", text[start:limit]).group(0)
    words = [_word(w) for w in segment.split()]
    return len(words) <= LIST_TAIL_WORDS and any(w in _CONJUNCTIONS for w in words) and (
        not segment.endswith(",") or start + len(segment) >= limit)


def _noun_phrase(ix: _Index, start: int, end: int) -> bool:
    """Is text[start:end] a describing noun phrase (not a clause, a list of names, a place,
    a date or an age)?"""
    phrase = ix.text[start:end]
    words = [_word(w) for w in phrase.split()]
    if not words or _REPORTING.search(phrase) or any(q in phrase for q in "\"“”"):
        return False
    first = words[0]
    one_of = first == "one" and len(words) > 1 and words[1] == "of"
    if first in _RELATIVES or (_stop_word(first) and not one_of) or all(
            w in _DATE_WORDS or w.isdigit() for w in words) or first.endswith("ly"):
        return False
    if _finite_verb(words) or any(_clause_after(ix, m) for m in ix.within(start, end)):
        return False  # "Supreme Leader X has indicated", "Y and Z signed": a clause
    head = ix.overlapping(*_after_titles(ix.text, start, end))
    if head is not None and not ix.possessive(head):
        return False  # "X, Y and Z"; "X, Mrs. Y and Z"; "Lyon, France"
    if head is None and phrase[0].isupper() and not (
            first in _DETERMINERS or first in _title_words() or _is_demonym(first)):
        return False  # an unrecognised name
    if head is None and phrase[0].islower() and _verb_like(first):
        return False  # "backed by...", "speaking to..."
    return bool(_residue(ix, start, end))


def _after_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """The first word of text[start:end] past its leading titles ("Mrs. Y" -> Y)."""
    for cs, ce, chunk in _chunks(text, start, end):
        if not (chunk[:1].isupper() and _word(chunk) in _title_words()):
            return cs, ce
    return start, start + 1


def _finite_verb(words: list[str]) -> bool:
    """A finite verb that is not inside a relative clause ("a group that has ...")."""
    for n, w in enumerate(words):
        if w in _RELATIVES and n:
            return False
        if w in _FINITE and n:
            return True
    return False


def _clause_after(ix: _Index, m: _Mention) -> bool:
    """Is the name followed by a verb ("Y signed", "Y has")?"""
    nxt = re.match(r"\s+([a-z]+)\b", ix.text[m.end:m.end + 30])
    return bool(nxt) and (nxt.group(1) in _FINITE or nxt.group(1) in _PRESENT_VERBS
                          or nxt.group(1).endswith("ed"))


def _residue(ix: _Index, start: int, end: int) -> str:
    """The phrase without names, determiners and conjunctions (empty for a list of names)."""
    rest = re.sub(r"['’]s\b|[^\w\s-]", " ", ix.masked(start, end, -1))
    return " ".join(w for w in rest.split()
                    if fold(w) not in _DETERMINERS and fold(w) not in _CONJUNCTIONS)


# --- event words --------------------------------------------------------------------------------

def _victim_after(ix: _Index, pos: int, lead: frozenset[str] = frozenset()) -> _Mention | None:
    """The name a few describing words after ``pos`` ("of the top Iranian general X"; after
    an optional preposition of ``lead``), past names that only modify it ("Iran's", "US
    President")."""
    k = ix.after(pos)
    limit = min(ix.sentence(pos)[1], pos + VICTIM_WINDOW)
    while k < len(ix.mentions):
        mention = ix.mentions[k]
        if mention.start >= limit:
            return None
        gap = ix.text[pos:mention.start]
        words = [_word(w) for w in gap.split()]
        if words and words[0] in lead:
            words = words[1:]
        elif words and _verb_like(words[0]):
            return None  # "a drone strike assassinated X": X is the other verb's
        if len(words) > VICTIM_MAX_GAP or re.search(r"[,;:()\[\]]", gap) or any(
                _stop_word(w) for w in words) or (re.search(r"\.\s", gap) and not any(
                _ABBREV.fullmatch(w) for w in gap.split())):
            return None
        if ix.modifier(mention):
            k += 1
            continue
        return mention
    return None


def _attached(ix: _Index, mention: _Mention, t_start: int, t_end: int) -> bool:
    """Is ``mention`` the trigger's own victim or target: right after it ("assassinated
    Gen. X", "the attack on X"), or before it in the passive ("X was detained"), as owner
    ("X's killing") or as a compound ("the X killing")?"""
    if mention.start >= t_end:
        victim = _victim_after(ix, t_end, frozenset({"of", "on", "against", "upon"}))
        return victim is not None and victim.start == mention.start
    gap = ix.text[mention.end:t_start]
    return bool(_PASSIVE.fullmatch(gap) or re.fullmatch(r"['’]s\s+(?:[a-z-]+\s+)?", gap)
                or gap == " " and not _verb_like(ix.text[t_start:t_end].lower()))


def _from_events(ix: _Index, events: list[ArticleEvent]) -> list[tuple[int, int, int]]:
    """(entity, start, end) of each killing/attack/arrest trigger for the victim or target
    attached to it in the trigger's sentence."""
    out = []
    for ev in events:
        if ev.type not in EVENT_WORD_TYPES:
            continue
        t_start, t_end = ev.trigger_start, ev.trigger_start + len(ev.trigger)
        if ix.text[t_start:t_end].lower() != ev.trigger.lower() or \
                ix.text[t_start - 1:t_start] == "-":
            continue  # moved text, or inside a compound ("flood-hit")
        victims = {e for e, role in ev.participants if role in TARGET_ROLES}
        for mention in ix.within(ev.start, ev.end):
            if mention.entity in victims and _attached(ix, mention, t_start, t_end):
                out.append((mention.entity, t_start, t_end))
    return out


def _noun_forms(ix: _Index) -> list[tuple[int, int, int]]:
    """"the killing of X", "the attack on X", "X's killing", "the X killing" (not "X's
    killing of Y": X did it)."""
    text = ix.text
    lex = lexicon()
    out = []
    for pattern, preposition in ((lex.nouns, r"of"), (lex.attack_nouns, r"on|against")):
        for match in pattern.finditer(text):
            if re.match(rf"\s+(?:{preposition})\s", text[match.end():match.end() + 10]):
                victim = _victim_after(ix, match.end(), frozenset(preposition.split("|")))
                if victim is not None:
                    out.append((victim.entity, match.start(), match.end()))
                continue
            owner = _owner(ix, match.start(), match.end())
            if owner is not None and not re.match(r"\s+of\s", text[match.end():match.end() + 4]):
                out.append((owner.entity, match.start(), match.end()))
    return out


def _owner(ix: _Index, start: int, end: int) -> _Mention | None:
    """The name owning an event noun: "X's (brutal) killing", "the X killing"."""
    before = ix.within(max(0, start - OWNER_WINDOW), start)
    if not before:
        return None
    mention = before[-1]
    if _attached(ix, mention, start, end) and (
            ix.possessive(mention) or re.search(r"\b(?:the|a|an)\s+$",
                                                ix.text[max(0, mention.start - 5):mention.start],
                                                re.I)):
        return mention
    return None


def _actives(ix: _Index) -> list[tuple[int, int, int]]:
    """"a drone strike assassinated Gen. X", "police detained X" (later sentences too: the
    Understand stage tells one event once)."""
    out = []
    for match in lexicon().participles.finditer(ix.text):
        victim = _victim_after(ix, match.end())
        if victim is not None:
            out.append((victim.entity, match.start(), match.end()))
    return out


def _after_name(ix: _Index, pos: int) -> tuple[int, int] | None:
    """The event word right after a name ending at ``pos``: "was assassinated", "who was
    killed", ", 24, died"."""
    lex = lexicon()
    aux = _PASSIVE.match(ix.text, pos)
    verb = lex.participles.match(ix.text, aux.end()) if aux else None
    if verb is None:
        lead = _INTRANSITIVE.match(ix.text, pos)
        verb = lex.intransitives.match(ix.text, lead.end()) if lead else None
    return (verb.start(), verb.end()) if verb else None


# --- the component ------------------------------------------------------------------------------

def find_descriptors(text: str, sentences: list[tuple[int, int]], entities: list[ArticleEntity],
                     events: list[ArticleEvent]) -> list[ArticleDescriptor]:
    """Every descriptor of the article's entities, sorted by start (then end, entity).

    ``sentences`` are character ranges of ``text``; ``entities`` and ``events`` are the
    Understand stage's (events' participants index ``entities``).
    """
    ix = _Index(text, sentences, entities)
    found: dict[tuple[int, int, int], str] = {}
    for m in ix.mentions:
        if ix.modifier(m):
            continue  # "Iran-backed", "US withdrawal": the name modifies something else
        # a nationality heads a phrase only as a plural noun ("radical Islamists")
        span = _premodifier(ix, m) if m.label != "NORP" or text[m.end - 1] == "s" else None
        if span:
            found.setdefault((m.entity, *span), "premodifier")
        appositive = _appositive(ix, m)
        if appositive:
            found.setdefault((m.entity, appositive[0], appositive[1]), "appositive")
        closing = appositive[1] + 1 if appositive and appositive[2] == "," else None
        for pos in (m.end, closing):  # "X was detained", "X, a lawyer, was detained"
            verb = _after_name(ix, pos) if pos is not None else None
            if verb:
                found.setdefault((m.entity, *verb), "event-word")
    for key in _from_events(ix, events) + _noun_forms(ix) + _actives(ix):
        found.setdefault(key, "event-word")
    out = []
    for (entity, start, end), kind in found.items():
        value, terms = score(ix.masked(start, end, entity))
        out.append(ArticleDescriptor(entity, start, end, text[start:end], kind, value, terms))
    out.sort(key=lambda d: (d.start, d.end, d.entity, d.kind))
    return out
