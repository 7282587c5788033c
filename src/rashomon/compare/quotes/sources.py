"""The news agency or outlet a quote credits: in the words around a cue ("told Reuters",
"quoted by Kommersant") or as a whole speaker phrase ("the state-run IRNA news
agency")."""

from __future__ import annotations

import re

from .doc import _Doc
from .lexicon import _Lexicon
from .limits import NOUN_PHRASE_MAX_WORDS


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
