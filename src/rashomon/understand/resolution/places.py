"""Places against people, provinces and clubs: a lone place name the tagger took for a
surname ("in Trujillo"); a city and the province of the same name, kept apart unless the
article names the province bare too; a town standing for the club or company named after
it ("Borussia Dortmund ... Dortmund rejected the offer"), in one article or across the
workspace; the dateline and "in X" as evidence of a place."""

from __future__ import annotations

import re
from collections import defaultdict

from ..resources import fold, load
from .countries import _same_country
from .entities import GlobalEntity, LocalEntity
from .keys import PLACED_REASON, TOWN_REASON, _key
from .words import _wordset

_ADMIN_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|around|throughout|"
                       r"city of|town of)\s+$", re.I)


def _admin_marked(text: str, n) -> bool:
    """"Kagoshima Prefecture" split by the tagger, or "Kagoshima Governor": the province."""
    m = _ADMIN_AFTER.match(text, n.end)
    return bool(m) and fold(m.group().strip()) in load().admin_heads | {"governor"}


def _is_dateline(text: str, start: int, mention: str) -> bool:
    return not text[:start].strip() and mention.isupper() and len(mention) > 2


def _province_in_article(by_key: dict, text: str, n, admin: bool
                         ) -> tuple[LocalEntity | None, str | None]:
    """A place named both bare and as "X Province" in one article is the province, unless
    the bare one is the dateline or placed in a city ("the city of X")."""
    if _is_dateline(text, n.start, n.text) or re.search(r"\b(?:city|town) of\s+$",
                                                         text[:n.start], re.I):
        return None, None
    base = _key("GPE", n.text).removesuffix("|admin")
    res = load()
    if res.gpe.get(base) in res.countries:  # Niger State and Niger, the country next door
        return None, None
    other = by_key.get(("GPE", base if admin else f"{base}|admin"))
    if other is None or any(_is_dateline(text, s, t) for s, _, t in other.mentions):
        return None, None
    return other, f"the province or state named {other.name} in the same article"


def _place_not_person(text: str, n) -> bool:
    """A lone place name the tagger took for a person's surname: "in Trujillo", "the
    Trujillo bypass" (never with a title or a possessive)."""
    if n.titled or " " in n.text.strip() or fold(n.text) not in load().gpe:
        return False
    before, after = text[max(0, n.start - 20):n.start], text[n.end:n.end + 20]
    if after.startswith(("'s", "’s")):
        return False
    if _LOCATIVE.search(before):
        return True
    return bool(re.search(r"\bthe\s+$", before, re.I)) and bool(re.match(r"\s+[a-z]", after))


#: "Radio Tehran", "Bank Jakarta", "Greater Manchester": the town alone is not the body
_NOT_CLUB_WORDS = _wordset("radio television tv press bank air airways airlines university "
                           "port news daily voice times post metro city greater new old north "
                           "south east west central upper lower great grand")


def _place_named_orgs(entities: list[LocalEntity], text: str) -> None:
    """"Borussia Dortmund ... Dortmund rejected the offer": a town standing for the club
    (or company) of the article named after it, but not the dateline or "in Dortmund"."""
    res = load()
    for org in entities:
        words = org.name.split()
        if org.label not in ("ORG", "PERSON") or not 2 <= len(words) <= 3 or any(
                fold(w) in ("of", "for", "and", "de") for w in words):
            continue
        place, first = fold(words[-1]), fold(words[0])
        if place not in res.gpe or res.gpe[place] in res.countries or first in (
                res.given_names) or first in res.gpe or first in _NOT_CLUB_WORDS:
            continue
        for ent in entities:
            if ent.label != "GPE" or _key("GPE", ent.name) != fold(res.gpe[place]):
                continue
            moved = [m for m in ent.mentions if not _is_dateline(text, m[0], m[2])
                     and not _LOCATIVE.search(text[max(0, m[0] - 20):m[0]])]
            for m in moved:
                ent.mentions.remove(m)
                org.mentions.append(m)
                org.aliases.add(m[2])
                org.reasons.append((m[2], org.name, TOWN_REASON))
            if moved and org.label == "PERSON":
                org.label = "ORG"
                org.reasons.append((org.name, org.name, "typed ORG: named after a town"))
            org.mentions.sort()
            ent.aliases = {t for _, _, t in ent.mentions}
    entities[:] = [e for e in entities if e.mentions]


def _town_clubs(clusters: list[GlobalEntity], countries: dict) -> None:
    """"Dortmund agreed the fee" in an article that never names Borussia Dortmund: a town
    never named as a place there, whose name stands for a club elsewhere in the workspace
    (one club, articles about the same country), is that club."""
    clubs: dict[str, list[GlobalEntity]] = defaultdict(list)
    for c in clusters:
        for r in c.reasons:
            if r[2] == TOWN_REASON and c.label == "ORG" and c not in clubs[fold(r[0])]:
                clubs[fold(r[0])].append(c)
    if not clubs:
        return
    for c in clusters:
        if c.label != "GPE":
            continue
        for m in list(c.members):
            found = clubs.get(fold(m.name), [])
            if len(found) != 1 or any(r[2] == PLACED_REASON for r in m.reasons) or \
                    not _same_country(m, found[0], countries):
                continue
            c.members.remove(m)
            for r in m.reasons:
                c.reasons.remove(r)
            m.label = "ORG"
            found[0].add(m)
            found[0].reasons.append((m.name, found[0].name, "the town stands for the club "
                                     "named after it in another article"))
    clusters[:] = [c for c in clusters if c.members]
