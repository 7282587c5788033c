"""Person-name matching: whether two names name the same person and why. A surname alone
for the family-name slot of a full name (last word, first of two surnames, the first word
of "Choi Dong-hyun"); a given name alone; a middle name or second surname given or not;
short given names (Dan / Daniel); a leading Muhammad; family name written first in one.
People whose given names differ are never the same."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import fold, load
from .words import _distance_le1, name_words, same_word, translit

_MUHAMMAD = frozenset({"md", "md.", "mohd", "mohd.", "muhd", "muhd."})
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _given_last(words: list[str]) -> bool:
    """"Choi Dong-hyun", "Kim Jong-un": a hyphenated given name after the family name."""
    return len(words) == 2 and bool(_HYPHENATED_GIVEN.fullmatch(words[1]))


def family_slots(words: list[str]) -> list[str]:
    """The words of a full name that its bearer's surname alone can be: the last word;
    the first of two surnames ("Rosa Trujillo Paredes" -> Trujillo); the first word when
    the family name is written first with a hyphenated given name ("Choi Dong-hyun")."""
    if len(words) < 2:
        return list(words)
    if _given_last(words):
        return [words[0]]
    slots = [words[-1]]
    if len(words) >= 3 and fold(words[-2]) not in load().given_names:
        slots.append(words[-2])
    return slots


@lru_cache(maxsize=1 << 16)
def person_match(a: str, b: str) -> str | None:
    """Why two person names name the same person (b may be a surname alone), or None."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    if len(wa) > 1 and len(wb) > 1 and len(wa) != len(wb) and "".join(
            map(translit, wa)) == "".join(map(translit, wb)):
        return "hyphen or spacing differs"  # "Okoye-Bello" / "Okoye Bello"
    if len(wa) == 1 and len(wb) == 1:
        why = same_word(wa[0], wb[0])
        return None if why is None else "surname" if why == "same name" else f"surname, {why}"
    if len(wa) == 1 or len(wb) == 1:
        single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        for k, slot in enumerate(family_slots(full)):
            why = same_word(single[0], slot)
            if why:
                kind = ("family name" if _given_last(full) else "surname" if k == 0
                        else "first surname")
                return kind if why == "same name" else f"{kind}, {why}"
        return None
    why = _full_match(wa, wb)
    if why is None:
        for x, y in ((wa, wb), (wb, wa)):
            if len(x) >= 3 and _is_muhammad(x[0]) and not _is_muhammad(y[0]):
                why = _full_match(x[1:], y)
                if why:
                    why = ", ".join(sorted({*why.split(", "), "a leading Muhammad given or not"}
                                           - {"same name"}))
                    break
    if why == "same name" and fold(a) != fold(b):
        return "article al-, capitals or spacing differ"
    return why


def given_name_match(single: str, full: str) -> str | None:
    """"Oleksandr" for "Oleksandr Kovalenko": a given name alone (a known given name, or
    the first word of a plain two-word name; the second when written family name first)."""
    words, sw = name_words(full), name_words(single)
    if len(words) < 2 or len(sw) != 1:
        return None
    given = words[1] if _given_last(words) else words[0]
    if _is_muhammad(given) or not same_word(sw[0], given):
        return None
    res = load()
    if fold(given) not in res.given_names and (len(words) > 2 or any(
            fold(w) in res.gpe for w in words)):
        return None  # an unknown word is a given name only in a plain two-word name
    return "given name alone"


def _is_muhammad(word: str) -> bool:
    return fold(word) in _MUHAMMAD or translit(word) in ("muhamad", "muhamid")


def _given_match(a: str, b: str, long_name: bool) -> str | None:
    """Given names: the same, a short form ("Dan" / "Daniel", "Wale" / "Olawale") or, in
    names of three words or more, one letter apart ("Omer" / "Omar")."""
    why = same_word(a, b)
    if why:
        return why
    if _is_muhammad(a) and _is_muhammad(b):
        return "spelling or transliteration variant"
    fa, fb = sorted((re.sub(r"[^a-z]", "", fold(a)), re.sub(r"[^a-z]", "", fold(b))), key=len)
    if len(fb) >= len(fa) + 3 and (len(fa) >= 3 and fb.startswith(fa)
                                   or len(fa) >= 4 and fb.endswith(fa)):
        return "short form of the given name"
    if long_name and min(len(fa), len(fb)) >= 4 and _distance_le1(fa, fb):
        return "one letter apart"
    return None


def _full_match(wa: list[str], wb: list[str]) -> str | None:
    """Two names of two words or more."""
    if len(wa) == 2 == len(wb) and not same_word(wa[0], wb[0]) and same_word(
            wa[0], wb[1]) and same_word(wa[1], wb[0]):
        return "family name written first in one"  # "Hoshino Daisuke" / "Daisuke Hoshino"
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    reasons = set()
    last = same_word(shorter[-1], longer[-1])
    end = len(longer) - 1
    if not last and len(wa) == len(wb) >= 3:
        given = load().given_names
        for x, y in ((wa, wb), (wb, wa)):  # "Carlos Alberto Mendoza" / "Carlos Mendoza Quispe"
            if same_word(x[-1], y[-2]) and fold(x[-2]) in given and not (
                    {fold(y[-1]), fold(y[-2])} & given) and _full_match(x + [y[-1]], y):
                return "a middle name and a second surname given or not"
        return None
    if not last and len(longer) >= 3 and len(longer) > len(shorter):
        last = same_word(shorter[-1], longer[-2])  # "Renzo Villanueva" / "... Villanueva Salas"
        if not last or fold(longer[-2]) in load().given_names:
            return None
        reasons.add("second surname given or not")
        end = len(longer) - 2
    if not last:
        return None
    long_name = len(shorter) >= 3
    first = _given_match(shorter[0], longer[0], long_name)
    if not first or first == "short form of the given name" and last != "same name":
        return None  # different given names: relatives or namesakes, never the same
    middle_ok = all(any(same_word(w, x) for x in longer[1:end]) for w in shorter[1:-1])
    if not middle_ok:
        return None
    reasons |= {r for r in (first, last) if r != "same name"}
    if end - 1 > len(shorter) - 2:
        reasons.add("a middle name given or not")
    return ", ".join(sorted(reasons)) or "same name"
