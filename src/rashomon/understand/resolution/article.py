"""Within one article: group its name mentions into its entities — a surname or a given
name alone for the one person named in full before it, later full mentions, an acronym
defined in brackets or spelling out a name before it, "also known as" aliases, a province
named with and without "Province" — and record why each mention joined its entity."""

from __future__ import annotations

import re

from .entities import LocalEntity
from .keys import ADMIN_REASON, PLACED_REASON, _is_admin, _key, _variant_reason
from .orgs import _is_acronym, acronym_of
from .persons import given_name_match, person_match
from .places import (
    _LOCATIVE,
    _admin_marked,
    _is_dateline,
    _place_named_orgs,
    _place_not_person,
    _province_in_article,
)
from .words import name_words


def cluster_article(article_id: str, text: str, names: list) -> list[LocalEntity]:
    """Group one article's name mentions into its entities (surnames, acronyms, aliases)."""
    entities: list[LocalEntity] = []
    by_key: dict[tuple[str, str], LocalEntity] = {}
    persons: list[LocalEntity] = []
    for n in sorted(names, key=lambda n: n.start):
        label, text_ = n.label, n.text
        if label == "PERSON" and _place_not_person(text, n):
            label = "GPE"
        admin = label == "GPE" and _admin_marked(text, n)
        key = _key(label, text_, admin)
        ent = by_key.get((label, key))
        why = None
        bare = len(name_words(text_)) == 1 and (label == "PERSON" or label == "ORG" and getattr(
            n, "weak", False) and not _is_acronym(text_))
        if bare:
            ent, why, ambiguous = _surname_in_article(persons, text_)
            if ent is not None or ambiguous:
                label = "PERSON"
            elif label != "PERSON":
                bare = False
            if ambiguous:  # a surname two people of the article share: no one's for sure
                key = f"{key}#{n.start}"
            elif ent is None:
                ent = by_key.get((label, key))
        elif ent is not None and text_ not in ent.aliases:
            why = (person_match(ent.name, text_) if label == "PERSON" else
                   _variant_reason(label, text_, ent.name))
            if why and why != "same name":
                why = f"{why} of {ent.name} in the same article"
        if ent is None and label == "GPE":
            ent, why = _province_in_article(by_key, text, n, admin)
        if ent is None and label == "PERSON" and not bare:
            ent, why = _person_in_article(persons, text_)
        if ent is None and label == "ORG":
            ent, why = _org_in_article(entities, text, n)
        if ent is None and label in ("ORG", "FAC", "LOC", "GPE", "NORP"):
            ent, why = _alias_in_article(entities, text, n)
        if ent is None:
            ent = LocalEntity(article_id, label, text_)
            entities.append(ent)
            if label == "PERSON":
                persons.append(ent)
        elif why and why != "same name":
            ent.reasons.append((text_, ent.name, why))
        if admin and not _is_admin(ent):
            ent.reasons.append((text_, ent.name, ADMIN_REASON))
        by_key[(label, key)] = ent
        ent.mentions.append((n.start, n.end, text_))
        ent.aliases.add(text_)
        ent.weak = ent.weak and getattr(n, "weak", False) and label == n.label
        if label != n.label:
            ent.reasons.append((text_, text_, f"typed {label}: " + (
                "a place in the gazetteer, used as one" if label == "GPE" else
                "a name of a person of the article")))
        if n.titled:
            ent.reasons.append((f"{n.titled} {text_}", text_, "title stripped"))
        if label == "PERSON" and len(name_words(text_)) > len(name_words(ent.name)):
            ent.name = text_
    _place_named_orgs(entities, text)
    for ent in entities:  # a town named as a place ("in X", the dateline): hidden evidence
        if ent.label == "GPE" and any(_is_dateline(text, s, t) or _LOCATIVE.search(
                text[max(0, s - 20):s]) for s, _, t in ent.mentions):
            ent.reasons.append((ent.name, ent.name, PLACED_REASON))
    return entities


def _surname_in_article(persons: list[LocalEntity], text: str
                        ) -> tuple[LocalEntity | None, str | None, bool]:
    """A surname alone: the person of the article named before in full whose family
    name it is, when there is exactly one (else it is ambiguous: relatives, namesakes)."""
    found = []
    for ent in persons:
        fulls = [a for a in sorted(ent.aliases, key=len, reverse=True) if len(name_words(a)) > 1]
        for alias in fulls:
            why = person_match(alias, text) or given_name_match(text, alias)
            if why:
                found.append((ent, f"{why} of {ent.name} in the same article"))
                break
    if len(found) == 1:
        return found[0][0], found[0][1], False
    return None, None, len(found) > 1


def _person_in_article(persons: list[LocalEntity], text: str) -> tuple[LocalEntity | None, str | None]:
    """A later full mention of a person already named in full in the article."""
    for ent in reversed(persons):
        for alias in sorted(ent.aliases, key=len, reverse=True):
            if len(name_words(alias)) < 2:
                continue  # a full name is never taken for someone through a bare surname
            why = person_match(alias, text)
            if why:
                return ent, f"{why} of {ent.name} in the same article"
    return None, None


_DEFINED = re.compile(r"^\s*\(\s*$")


def _org_in_article(entities: list[LocalEntity], text: str, n) -> tuple[LocalEntity | None, str | None]:
    """An acronym of an organisation named before it in the article."""
    if not _is_acronym(n.text):
        return None, None
    for ent in reversed(entities):
        if ent.label != "ORG":
            continue
        last_end = ent.mentions[-1][1]
        if _DEFINED.match(text[last_end:n.start]) and last_end <= n.start:
            return ent, "acronym defined in brackets"
        if any(acronym_of(n.text, a) for a in ent.aliases):
            return ent, "acronym of the name"
    return None, None


_AKA = re.compile(r"^\s*[,(]?\s*(?:also known as|also called|known as|formerly(?: known as)?|"
                  r"a\.k\.a\.?|aka|or)\s+(?:the\s+)?$", re.I)


def _alias_in_article(entities: list[LocalEntity], text: str, n) -> tuple[LocalEntity | None, str | None]:
    """"the Houthis, also known as Ansar Allah"."""
    for ent in reversed(entities[-3:]):
        if ent.label != n.label:
            continue
        last_end = ent.mentions[-1][1]
        if last_end <= n.start and _AKA.match(text[last_end:n.start]):
            return ent, "alias stated in the text"
    return None, None
