"""Organisation names: acronyms and their expansions ("RSF" / "Rapid Support Forces"),
the spelling key of a name (generic words dropped, plurals and word order folded), its
consonant skeleton ("Hezbollah" / "Hizballah"), and the generic names every country has
("Supreme Court") as opposed to international bodies ("UN", "World Bank")."""

from __future__ import annotations

import re

from ..resources import fold, load
from .words import _wordset, translit

_ACRONYM_ALIAS = re.compile(r"[A-Z][A-Z.&]{1,7}")


def _is_acronym(alias: str) -> bool:
    return bool(_ACRONYM_ALIAS.fullmatch(alias))


def initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF"; names of fewer than two words have none."""
    words = [w for w in name.split() if w and w[0].isupper() and fold(w) not in ("the",)]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words)


_FUNCTION_WORDS = frozenset({"and", "&", "for", "on", "in", "de", "del", "des", "du", "la",
                             "le", "et", "y"})


def org_key(name: str) -> str:
    res = load()
    words = [fold(w) for w in re.split(r"[\s-]+", re.sub(r"['’]s$", "", name))
             if w and fold(w) not in res.generic_org_words and fold(w) not in ("al", "el")]
    words = [re.sub(r"(?<=[a-z]{3})s$", "", w) for w in words]  # Guards / Guard
    words = [re.sub(r"(?<=tion)ary$", "", w) for w in words]    # Revolutionary / Revolution
    keys = [t for t in (translit(w) for w in words if w not in _FUNCTION_WORDS) if t]
    if len(keys) >= 3:  # "National Service of Geology and Mining" / "... Mining Service"
        keys.sort()
    return " ".join(keys)


def acronym_of(acr: str, name: str) -> bool:
    acr = acr.replace(".", "").upper()
    if len(acr) < 2:
        return False
    full = initials(name).upper()
    content = "".join(w[0] for w in re.split(r"[\s-]+", name)
                      if w and w[0].isupper() and fold(w) not in ("the",)).upper()
    return acr in (full, content)


_INSTITUTION_WORDS = _wordset(
    "supreme constitutional high federal central electoral interior foreign defence defense "
    "finance justice health education security intelligence election elections affairs public "
    "prosecution prosecutor prosecutors general attorney national state ministry home trade "
    "labour labor agriculture energy environment transport communications information internal "
    "economy economic presidential police armed forces army navy air force court courts "
    "parliament senate assembly council cabinet government office commission authority agency "
    "service bank reserve treasury customs immigration border revenue tax statistics "
    "meteorological weather disaster management emergency republican democratic socialist "
    "liberal conservative people's peoples workers union party front movement opposition "
    "ruling military")


#: bodies of many countries: their names and acronyms are not tied to one country
_INTERNATIONAL = _wordset(
    "un eu nato who imf au icc icrc opec asean unicef unhcr wfp iaea osce wto oecd g7 g20 "
    "brics ecowas igad sadc unesco fao ilo interpol europol fifa uefa ioc ocha undp unrwa "
    "msf hrw oas gcc")
_INTERNATIONAL_WORDS = _wordset("nations international world global european african asian "
                                "arab league")


def _generic_org(name: str) -> bool:
    """"Constitutional Court", "Interior Ministry": a name every country has."""
    res = load()
    words = [re.sub(r"'s?$", "", fold(w)) for w in re.split(r"[\s-]+", name) if w and fold(w)
             not in ("of", "the", "and", "for", "on")]  # "Prosecutor's Office" too
    return bool(words) and not _INTERNATIONAL_WORDS & set(words) and all(
        w in _INSTITUTION_WORDS or w in res.org_heads or w in res.generic_org_words
        for w in words)


def _skeleton(label: str, name: str) -> str:
    """The consonants of an organisation's or place's name: "Hezbollah" / "Hizballah" ->
    "hzblh" (long enough to be telling: five consonants or more)."""
    if label not in ("ORG", "FAC", "LOC") or _is_acronym(name):
        return ""
    key = re.sub(r"[aeiouy\s]|(.)(?=\1)", "", org_key(name))
    return f"{label}:{key}" if len(key) >= 5 else ""
