"""The countries each article is about, and whether two articles' bodies can be one:
an acronym or a generic name names one body per country (international bodies aside)."""

from __future__ import annotations

import re
from collections import defaultdict

from ..resources import fold, load
from .entities import GlobalEntity, LocalEntity
from .orgs import _INTERNATIONAL, _INTERNATIONAL_WORDS


def _countries(local: list[LocalEntity]) -> dict[str, frozenset[str]]:
    """The countries each article is mostly about (named, or by their demonyms)."""
    res = load()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in local:
        if e.label not in ("GPE", "NORP"):
            continue
        for _, _, t in e.mentions:
            f = fold(re.sub(r"['’]s$", "", t))
            c = res.gpe.get(f) if e.label == "GPE" else res.norp.get(f, res.norp.get(f[:-1]))
            if c in res.countries:
                counts[e.article_id][c] += 1
    return {aid: frozenset(c for c, k in cnt.items() if 2 * k >= max(cnt.values()))
            for aid, cnt in counts.items()}


def _same_country(ent: LocalEntity, c: GlobalEntity, countries: dict,
                  strict: bool = False) -> bool:
    """An acronym names one body per country: "CGT" in France is not "CGT" in Argentina
    (international bodies aside: "UN", "World Bank")."""
    if any(fold(a).replace(".", "") in _INTERNATIONAL or _INTERNATIONAL_WORDS & set(
            fold(a).split()) for a in ent.aliases | {ent.name}):
        return True
    mine = countries.get(ent.article_id, frozenset())
    theirs = frozenset().union(*(countries.get(m.article_id, frozenset()) for m in c.members))
    return bool(mine & theirs) if strict else not mine or not theirs or bool(mine & theirs)
