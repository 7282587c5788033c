"""The loaded-language lexicon of ``data/lexicon.toml`` (docs/lexicon.md), read once, and
:func:`score`, the loaded-language score of a span."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from .limits import SCORE_DIGITS


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
