"""Match keys and merge reasons: the key under which a name of each type is looked up (a
gazetteer name for places and demonyms, a sound key for people, a spelling key for
organisations; "X Province" keyed apart from the city X), and the reasons recorded for
merges the places and towns rules make."""

from __future__ import annotations

import re

from ..resources import fold, load
from .entities import LocalEntity
from .orgs import org_key
from .words import name_words, translit

TOWN_REASON = "the town stands for the organisation named after it in the same article"
PLACED_REASON = "named as a place (dateline, 'in X')"
ADMIN_REASON = "a province or state named so in the text, not the city"


def _key(label: str, text: str, admin: bool = False) -> str:
    res = load()
    folded = fold(re.sub(r"['’]s$", "", text))
    if label == "GPE":
        words = folded.split()
        if len(words) > 1 and words[-1] in res.admin_heads:  # "Rakhine State"
            folded, admin = " ".join(words[:-1]), True
        key = fold(res.gpe.get(folded, folded))
        return f"{key}|admin" if admin else key
    if label == "NORP":
        return fold(res.norp.get(folded, res.norp.get(folded.rstrip("s"), folded)))
    if label == "PERSON":
        return _sound_key(text)
    if label == "LOC":  # "Gaza Strip" / "Gaza", "Sinai Peninsula" / "Sinai"
        text = re.sub(r"(?<=\w)\s+(?:Strip|Heights|Peninsula|Valley|Desert|Archipelago|Delta|"
                      r"Highlands|Plateau)$", "", re.sub(r"['’]s$", "", text))
    return org_key(text)


def _is_admin(ent: LocalEntity) -> bool:
    return ent.label == "GPE" and any(r[2] == ADMIN_REASON for r in ent.reasons)


def _sound_key(name: str) -> str:
    return " ".join(translit(w) for w in name_words(name))


def _variant_reason(label: str, a: str, b: str) -> str:
    if label in ("GPE", "NORP"):
        return "the same place in the gazetteer"
    if re.sub(r"^(?:the\s+)?(?:al|el)[-‐ ]", "", fold(a)) == re.sub(
            r"^(?:the\s+)?(?:al|el)[-‐ ]", "", fold(b)):
        return "article al- / capitals differ"
    return "spelling or transliteration variant"
