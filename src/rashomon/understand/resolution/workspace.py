"""Across the workspace: merge the articles' entities into one entity per real-world actor,
deterministically (a fixed order, an index of keys, the one candidate a name can be or
none), type weakly typed names as elsewhere, name each entity canonically and give it a
stable id."""

from __future__ import annotations

import re
from collections import defaultdict

from ...model import stable_id
from ..resources import fold, load
from .countries import _countries, _same_country
from .entities import GlobalEntity, LocalEntity
from .keys import TOWN_REASON, _is_admin, _key, _sound_key, _variant_reason
from .orgs import _generic_org, _is_acronym, _skeleton, initials, org_key
from .persons import _is_muhammad, given_name_match, person_match
from .places import _town_clubs
from .words import _name_words, name_words, translit


def _retype_weak(local: list[LocalEntity]) -> None:
    """A name typed only by default takes the type the same name has, with evidence,
    elsewhere in the workspace ("Ayn al-Asad", a base where another outlet says so)."""
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in local:
        if not e.weak:
            votes[_sound_key(e.name)][e.label] += len(e.mentions)
    for e in local:
        if e.weak and votes.get(_sound_key(e.name)):
            best = max(sorted(votes[_sound_key(e.name)].items()), key=lambda kv: kv[1])[0]
            if best != e.label:
                e.reasons.append((e.name, e.name, f"typed {best} as elsewhere in the workspace"))
                e.label = best


def resolve(local: list[LocalEntity]) -> list[GlobalEntity]:
    """Merge the articles' entities into workspace entities, deterministically."""
    _retype_weak(local)
    order = sorted(local, key=lambda e: (e.weak, e.label, -len(name_words(e.name)),
                                         fold(e.name), e.article_id))
    clusters: list[GlobalEntity] = []
    index: dict[tuple[str, str], list[GlobalEntity]] = defaultdict(list)
    countries = _countries(local)
    for ent in order:
        target, why = _find(ent, index, countries)
        if target is None:
            target = GlobalEntity("", ent.label, ent.name, [], [])
            clusters.append(target)
        elif why:
            target.reasons.append((ent.name, target.name, why))
        if target.label != ent.label:
            ent.label = target.label
        target.add(ent)
        for key in _index_keys(ent):
            if target not in index[key]:
                index[key].append(target)
    _town_clubs(clusters, countries)
    used: set[str] = set()
    for c in clusters:
        c.name = _canonical(c)
        c.id = stable_id("e", c.label, fold(c.name))
        if c.id in used:  # two entities of one name (namesakes kept apart): the first
            first = min((m.article_id, m.mentions[0][0]) for m in c.members)  # mention decides
            c.id = stable_id("e", c.label, fold(c.name), first[0], str(first[1]))
        used.add(c.id)
    return clusters


def _expansions_agree(ent: LocalEntity, c: GlobalEntity) -> bool:
    """Two organisations whose acronyms agree but whose full names differ are two."""
    mine = {org_key(a) for a in ent.aliases | {ent.name} if not _is_acronym(a)}
    theirs = {org_key(a) for a in _names_of(c) if not _is_acronym(a)}
    return not mine or not theirs or bool(mine & theirs)


def _index_keys(ent: LocalEntity) -> list[tuple[str, str]]:
    keys = set()
    admin = _is_admin(ent)
    for alias in ent.aliases | {ent.name}:
        keys.add((ent.label, _key(ent.label, alias, admin)))
        if ent.label == "PERSON":
            for w in name_words(alias):
                keys.add(("PERSON-word", translit(w)[:2]))
        skeleton = _skeleton(ent.label, alias)
        if skeleton:
            keys.add(("skeleton", skeleton))
        if ent.label == "ORG":
            if _is_acronym(alias):
                keys.add(("ORG-acronym", alias.replace(".", "")))
            elif initials(alias):
                keys.add(("ORG-acronym", initials(alias).upper()))
    return sorted(keys)


def _find(ent: LocalEntity, index, countries: dict) -> tuple[GlobalEntity | None, str | None]:
    res = load()
    words = name_words(ent.name)
    if ent.weak and len(words) == 1 and ent.label in ("ORG", "PERSON") and fold(
            ent.name) not in res.gpe:
        # a lone word typed by default: the surname of a person named in another article?
        found = []
        for c in index.get(("PERSON-word", translit(words[0])[:2]), []):
            if _real_person(c) and _same_country(ent, c, countries) and any(
                    len(name_words(o)) > 1 and person_match(o, ent.name) for o in c.names):
                found.append(c)
        if len(found) == 1:
            return found[0], f"surname of {found[0].name}, named in another article"
    admin = _is_admin(ent)
    for alias in sorted(ent.aliases | {ent.name}, key=len, reverse=True):
        hits = index.get((ent.label, _key(ent.label, alias, admin)), [])
        if hits and ent.label == "ORG" and (_is_acronym(alias) or _generic_org(alias)):
            hits = [c for c in hits if _same_country(ent, c, countries)
                    and _expansions_agree(ent, c)]
        if hits and ent.label != "PERSON":
            return hits[0], None if fold(alias) == fold(hits[0].name) else _variant_reason(
                ent.label, alias, hits[0].name)
    if ent.label == "PERSON":
        return _find_person(ent, index, countries)
    for alias in sorted(ent.aliases | {ent.name}, key=len, reverse=True):
        skeleton = _skeleton(ent.label, alias)
        hits = [c for c in index.get(("skeleton", skeleton), []) if c.label == ent.label and (
            not _generic_org(alias) or _same_country(ent, c, countries))] if skeleton else []
        if len(hits) == 1:
            return hits[0], "spelling or transliteration variant"
    if ent.label == "ORG":
        for alias in ent.aliases | {ent.name}:
            key = alias.replace(".", "") if _is_acronym(alias) else \
                initials(alias).upper()
            hits = index.get(("ORG-acronym", key), []) if key else []
            if len(hits) == 1 and len(key) >= 2 and (
                    _is_acronym(alias) or any(_is_acronym(a) for a in _names_of(hits[0]))) and \
                    _same_country(ent, hits[0], countries) and _expansions_agree(ent, hits[0]):
                return hits[0], "acronym and its expansion"
    return None, None


def _find_person(ent: LocalEntity, index, countries: dict
                 ) -> tuple[GlobalEntity | None, str | None]:
    """The one person named in another article that this one can be; none if several. A
    given name alone is taken only within articles about the same country."""
    words = name_words(ent.name)
    full = len(words) > 1
    candidates: list[tuple[GlobalEntity, str]] = []
    seen: set[int] = set()
    probe = sorted({translit(w)[:2] for w in (words if full else [
        x for a in ent.aliases for x in name_words(a)]) if not _is_muhammad(w)})
    for key in probe:
        for c in index.get(("PERSON-word", key), []):
            if id(c) in seen:
                continue
            seen.add(id(c))
            for other in c.names_by_length():
                if full and len(_name_words(other)) < 2:
                    continue
                why = person_match(other, ent.name)
                if why and (full or _same_country(ent, c, countries)):  # a surname alone
                    candidates.append((c, why if why == "same name" else f"{why} of {other}"))
                    break
            if len(candidates) > 1:
                return None, None
    if not candidates and not full and words:  # no name words: a name of particles only
        for c in index.get(("PERSON-word", translit(words[0])[:2]), []):
            if any(given_name_match(ent.name, o) for o in c.names) and _same_country(
                    ent, c, countries, strict=True) and c not in [x for x, _ in candidates]:
                candidates.append((c, f"given name alone of {c.name}, in another article"))
    if len(candidates) == 1:
        return candidates[0]
    return None, None


def _real_person(c: GlobalEntity) -> bool:
    """A person cluster with evidence of being one: a title, or a known given name."""
    res = load()
    return any(r[2] == "title stripped" for r in c.reasons) or any(
        fold(name_words(a)[0]) in res.given_names for a in _names_of(c)
        if len(name_words(a)) > 1)


def _names_of(c: GlobalEntity) -> set[str]:
    return c.names


def _canonical(c: GlobalEntity) -> str:
    counts: dict[str, int] = defaultdict(int)
    for m in c.members:
        for _, _, text in m.mentions:
            counts[re.sub(r"['’]s$", "", text)] += 1
    if c.label == "PERSON":
        return max(counts, key=lambda n: (len(name_words(n)), counts[n], n))
    if c.label == "GPE":
        res = load()
        for n in sorted(counts, key=lambda n: (-counts[n], n)):
            canonical = res.gpe.get(fold(n))
            if canonical and canonical in res.countries:
                return canonical
    best = max(counts, key=lambda n: (counts[n], not n.isupper(), len(n), n))
    if c.label == "ORG" and any(r[2] == TOWN_REASON for r in c.reasons):
        # "Dortmund" said more often than "Borussia Dortmund": the club's full name
        longer = [n for n in counts if n.endswith(f" {best}")]
        if longer:
            return max(longer, key=lambda n: (counts[n], n))
    return best
