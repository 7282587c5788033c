"""Closed English word classes read without a parser (determiners, function words, forms
of address...) and the word-level tests built on them and on the Understand stage's
resources (titles, nationalities)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...understand.resources import fold, load


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
_QUOTES = "\"“”‘’'"
_CLOSERS = (",", ";", ":", "!", "?", "—", "–")
_DASHES = ("-", "—", "–")
_ABBREV = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+")
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


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
