"""Name words and their sound keys: the words of a name without particles and
possessives, a transliteration key per word (Hussein / Husain / Hossein, Soetrisno /
Sutrisno), and whether two name words are the same word (same, folded by sound, or at most
one letter apart)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import fold, load

_PARTICLES = re.compile(r"^(?:al|el|ul|ad|an|ar|as|at|az|ash)[-‐’' ]", re.I)
_ABD = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdoul"})
_VOWELS = str.maketrans({"o": "u", "e": "i", "y": "i", "w": "w"})


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@lru_cache(maxsize=1 << 16)
def translit(word: str) -> str:
    """A sound key for a name word: "Hussain" / "Husain" -> "husain", "Hussein" / "Hossein" -> "husin"."""
    w = fold(word)
    w = _PARTICLES.sub("", w)
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("ou", "u")
    w = w.replace("oe", "u").replace("dj", "j").replace("tj", "c")  # Soetrisno, Adiwidjojo
    w = w.replace("ee", "i").replace("oo", "u").replace("dh", "d").replace("th", "t")
    w = w.translate(_VOWELS)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


def _distance_le1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> str | None:
    """Why two name words are the same word, or None."""
    if fold(a) == fold(b):
        return "same name"
    ta, tb = translit(a), translit(b)
    if ta == tb:
        return "spelling or transliteration variant"
    if min(len(ta), len(tb)) >= 5 and _distance_le1(ta, tb):
        return "one letter apart"
    return None


def name_words(name: str) -> list[str]:
    """The words of a name without particles and possessives: "Abu Bakr al-Baghdadi" ->
    ["Abu", "Bakr", "Baghdadi"]."""
    return list(_name_words(name))


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    name = re.sub(r"['’]s$", "", name.strip())
    words = [w for w in re.split(r"[\s]+", name) if w]
    out = []
    for w in words:
        w2 = _PARTICLES.sub("", w)
        if fold(w2) in load().particles - {"abu", "abd", "abdel", "abdul"} or not w2:
            continue
        if out and fold(out[-1]) in _ABD:
            out[-1] += w2  # "Abdel Fattah" / "Abdel-Fattah" / "Abdelfattah"
        else:
            out.append(w2)
    return tuple(out)
