"""Entity resolution rules on new names: what must merge and what must never merge,
inside one article and across articles (typing is given, so only resolution is tested)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rashomon.understand.resolve import LocalEntity, cluster_article, person_match, resolve


@dataclass
class N:
    """A typed name span, as the tagger hands it to resolution."""

    start: int
    end: int
    text: str
    label: str
    titled: str | None = None
    weak: bool = False


def names_in(text: str, spans: list[tuple[str, str]]) -> list[N]:
    """Typed spans found left to right: ("Ferrer", "PERSON") takes the next "Ferrer"."""
    out, pos = [], 0
    for span, label in spans:
        title = None
        if " " in span and span.split()[0] in ("Judge", "President", "Minister"):
            title, span = span.split(" ", 1)
        start = text.index(span, pos)
        out.append(N(start, start + len(span), span, label, title))
        pos = start + len(span)
    return out


def article(aid: str, text: str, spans: list[tuple[str, str]]) -> list[LocalEntity]:
    return cluster_article(aid, text, names_in(text, spans))


def groups(entities) -> list[set[str]]:
    """The mention texts (with offsets) of each entity."""
    return [{f"{t}@{s}" for s, _, t in e.mentions} for e in entities]


def together(entities, a: str, b: str) -> bool:
    """Whether the first mentions that read a and b are in one entity."""
    for e in entities:
        texts = [t for _, _, t in (e.mentions if hasattr(e, "mentions") else
                                   [m for x in e.members for m in x.mentions])]
        if a in texts:
            return b in texts
    raise AssertionError(f"{a} not found")


def cluster_of(clusters, article_id: str, text: str):
    for c in clusters:
        for m in c.members:
            if m.article_id == article_id and any(t == text for _, _, t in m.mentions):
                return c
    raise AssertionError(f"{text} not in {article_id}")


# --- people ---------------------------------------------------------------------------

def test_a_bare_surname_joins_the_one_person_whose_family_name_it_is():
    text = ("Former mayor Jorge Ferrer Prado was sentenced on Monday. Ferrer denied "
            "the charges. Prosecutor Ana Quiroga said Ferrer would appeal.")
    ents = article("a", text, [("Jorge Ferrer Prado", "PERSON"), ("Ferrer", "PERSON"),
                               ("Ana Quiroga", "PERSON"), ("Ferrer", "PERSON")])
    person = next(e for e in ents if e.name == "Jorge Ferrer Prado")
    assert len(person.mentions) == 3
    assert any("first surname" in r[2] for r in person.reasons)


def test_relatives_sharing_a_surname_keep_the_bare_surname_to_itself():
    text = ("Jorge Ferrer Prado was convicted. Ferrer showed no emotion. The court acquitted "
            "his daughter, Lucia Ferrer Gil. Ferrer will appeal, his lawyer said.")
    ents = article("a", text, [("Jorge Ferrer Prado", "PERSON"), ("Ferrer", "PERSON"),
                               ("Lucia Ferrer Gil", "PERSON"), ("Ferrer", "PERSON")])
    father = next(e for e in ents if e.name == "Jorge Ferrer Prado")
    daughter = next(e for e in ents if e.name == "Lucia Ferrer Gil")
    assert [t for _, _, t in father.mentions] == ["Jorge Ferrer Prado", "Ferrer"]  # before her
    assert [t for _, _, t in daughter.mentions] == ["Lucia Ferrer Gil"]
    late = [e for e in ents if e.mentions[0][0] == text.rindex("Ferrer")]
    assert len(late) == 1 and len(late[0].mentions) == 1


def test_family_name_first_with_hyphenated_given_names():
    assert person_match("Park Min-jun", "Park") == "family name"
    assert person_match("Park Min-jun", "Park Seo-yeon") is None
    text = "Park Min-jun and Park Seo-yeon met the press. Park said the talks would go on."
    ents = article("a", text, [("Park Min-jun", "PERSON"), ("Park Seo-yeon", "PERSON"),
                               ("Park", "PERSON")])
    assert all(len(e.mentions) == 1 for e in ents)
    one = article("b", "Park Min-jun spoke first. Park said talks would go on.",
                  [("Park Min-jun", "PERSON"), ("Park", "PERSON")])
    assert len(one) == 1


@pytest.mark.parametrize("a, b", [
    ("Tomás Aguirre Benítez", "Tomás Aguirre"),        # second surname given or not
    ("Benjamin Holloway", "Ben Holloway"),              # short form of the given name
    ("Nnamdi Okonkwo", "Nnamdi Okonkwo"),
    ("Md. Shafiqul Alam", "Shafiqul Alam"),            # a leading Muhammad
    ("Mohammad Shafiqul Alam", "Md. Shafiqul Alam"),
    ("Tanaka Hiroshi", "Hiroshi Tanaka"),               # family name written first
    ("Maria Elena Soto", "Maria Soto Vargas"),          # middle name, second surname
    ("Abdel Karim Mansour", "Abdelkarim Mansour"),      # Abdel joined or not
    ("Djoko Santoso", "Joko Santoso"),                  # old Indonesian spelling
    ("Soeparman Wirjo", "Suparman Wirjo"),
    ("Osman Abdalla Hamid", "Othman Abdallah Hamid"),
])
def test_person_variants_merge(a, b):
    assert person_match(a, b)


@pytest.mark.parametrize("a, b", [
    ("Ali Hassan", "Alice Hassan"),                     # not a short form
    ("Tomás Aguirre Benítez", "Pablo Aguirre Benítez"),
    ("Tomás Aguirre Benítez", "Tomás Benítez Aguirre Soto"),
    ("Park Min-jun", "Park Seo-yeon"),
])
def test_person_look_alikes_stay_apart(a, b):
    assert person_match(a, b) is None


def test_given_name_alone_joins_the_one_person_it_starts():
    text = "Valentina Morozova won gold. Valentina said she had trained for years."
    ents = article("a", text, [("Valentina Morozova", "PERSON"), ("Valentina", "PERSON")])
    assert len(ents) == 1 and any("given name" in r[2] for r in ents[0].reasons)


def test_a_weak_org_that_is_a_persons_name_is_that_person():
    text = "Candidate Haryanto Wibisono won. Observers said Haryanto had led all along."
    names = names_in(text, [("Haryanto Wibisono", "PERSON"), ("Haryanto", "ORG")])
    names[1].weak = True
    ents = cluster_article("a", text, names)
    assert len(ents) == 1 and ents[0].label == "PERSON"


# --- places and people ----------------------------------------------------------------

def test_a_place_is_not_a_persons_surname():
    text = ("Judge Carmen Córdoba Ortiz read the verdict. The contract for the Córdoba "
            "ring road was rigged, she said. In Córdoba, residents cheered. Córdoba "
            "thanked the jury.")
    ents = article("a", text, [("Judge Carmen Córdoba Ortiz", "PERSON"),
                               ("Córdoba", "PERSON"), ("Córdoba", "PERSON"),
                               ("Córdoba", "PERSON")])
    judge = next(e for e in ents if e.label == "PERSON")
    place = next(e for e in ents if e.label == "GPE")
    assert [t for _, _, t in judge.mentions] == ["Carmen Córdoba Ortiz", "Córdoba"]
    assert len(place.mentions) == 2
    assert any("place in the gazetteer" in r[2] for r in place.reasons)


def test_a_person_and_a_place_never_merge_across_articles():
    a = article("a", "Judge Carmen Córdoba Ortiz read the verdict.",
                [("Judge Carmen Córdoba Ortiz", "PERSON")])
    b = article("b", "Floods hit Córdoba on Monday. Córdoba asked for aid.",
                [("Córdoba", "GPE"), ("Córdoba", "GPE")])
    clusters = resolve(a + b)
    assert cluster_of(clusters, "a", "Carmen Córdoba Ortiz") is not cluster_of(
        clusters, "b", "Córdoba")


# --- cities, provinces and states -----------------------------------------------------

def test_a_city_and_its_province_stay_apart_across_articles():
    a = article("a", "CEBU — The storm hit Cebu on Sunday.", [("CEBU", "GPE"), ("Cebu", "GPE")])
    b = article("b", "Rescuers reached Cebu Province on Monday.", [("Cebu", "GPE")])
    c = article("c", "Cebu Province declared a state of calamity.", [("Cebu Province", "GPE")])
    clusters = resolve(a + b + c)
    city, prov = cluster_of(clusters, "a", "CEBU"), cluster_of(clusters, "b", "Cebu")
    assert city is not prov
    assert cluster_of(clusters, "c", "Cebu Province") is prov
    assert cluster_of(clusters, "a", "Cebu") is city


def test_dateline_city_apart_from_the_province_named_by_its_governor():
    text = "CEBU — The storm passed. Cebu Governor Ana Reyes said the province was spared."
    ents = article("a", text, [("CEBU", "GPE"), ("Cebu", "GPE")])
    assert len(ents) == 2


def test_province_and_bare_name_in_one_article_are_one_place():
    text = "Floods hit Sindh Province on Monday. In Sindh, 40 people died."
    ents = article("a", text, [("Sindh Province", "GPE"), ("Sindh", "GPE")])
    assert len(ents) == 1


def test_a_state_named_like_a_country_stays_apart_from_the_country():
    text = "Mexico State police said on Monday that Mexico would send troops."
    ents = article("a", text, [("Mexico State", "GPE"), ("Mexico", "GPE")])
    assert len(ents) == 2


# --- organisations --------------------------------------------------------------------

def test_a_town_stands_for_the_club_named_after_it_but_not_in_the_dateline():
    text = ("LYON — Olympique Lyon signed the striker on Friday. Lyon rejected a first "
            "offer. He said goodbye to friends in Lyon.")
    ents = article("a", text, [("LYON", "GPE"), ("Olympique Lyon", "ORG"), ("Lyon", "GPE"),
                               ("Lyon", "GPE")])
    club = next(e for e in ents if e.label == "ORG")
    town = next(e for e in ents if e.label == "GPE")
    assert [t for _, _, t in club.mentions] == ["Olympique Lyon", "Lyon"]
    assert [t for _, _, t in town.mentions] == ["LYON", "Lyon"]


def test_a_country_is_not_taken_for_the_company_named_after_it():
    text = "Air Zimbabwe cancelled flights. Zimbabwe said fuel was short."
    ents = article("a", text, [("Air Zimbabwe", "ORG"), ("Zimbabwe", "GPE")])
    assert len(ents) == 2


def test_one_acronym_for_two_bodies_in_two_countries_stays_two():
    kenya = article("k", "The Kenya Roads Board (KRB) said on Monday. KRB added. Kenya "
                         "and Kenyan officials agreed.",
                    [("Kenya Roads Board", "ORG"), ("KRB", "ORG"), ("KRB", "ORG"),
                     ("Kenya", "GPE"), ("Kenyan", "NORP")])
    chile = article("c", "The KRB, Chile's mining regulator, said Chile would act.",
                    [("KRB", "ORG"), ("Chile", "GPE"), ("Chile", "GPE")])
    clusters = resolve(kenya + chile)
    assert cluster_of(clusters, "k", "KRB") is not cluster_of(clusters, "c", "KRB")


def test_same_initials_different_expansions_stay_two():
    a = article("a", "The Tasman Shipping Company (TSC) said. TSC added.",
                [("Tasman Shipping Company", "ORG"), ("TSC", "ORG"), ("TSC", "ORG")])
    b = article("b", "The Tropical Storm Centre issued a warning.",
                [("Tropical Storm Centre", "ORG")])
    clusters = resolve(a + b)
    assert cluster_of(clusters, "a", "TSC") is not cluster_of(clusters, "b",
                                                              "Tropical Storm Centre")


def test_an_acronym_joins_its_expansion_in_another_article_of_the_same_country():
    a = article("a", "The Kenya Roads Board said Kenya would pay.",
                [("Kenya Roads Board", "ORG"), ("Kenya", "GPE")])
    b = article("b", "KRB officials in Kenya said the work would start.",
                [("KRB", "ORG"), ("Kenya", "GPE")])
    clusters = resolve(a + b)
    joined = cluster_of(clusters, "a", "Kenya Roads Board")
    assert joined is cluster_of(clusters, "b", "KRB")
    assert any(r[2] == "acronym and its expansion" for r in joined.reasons)


def test_resolution_is_deterministic():
    def run():
        a = article("a", "Jorge Ferrer Prado spoke. Ferrer left.",
                    [("Jorge Ferrer Prado", "PERSON"), ("Ferrer", "PERSON")])
        b = article("b", "Jorge Ferrer spoke in Cebu.", [("Jorge Ferrer", "PERSON"),
                                                           ("Cebu", "GPE")])
        return sorted((c.id, c.name, len(c.members)) for c in resolve(a + b))
    first = run()
    assert first == run()
    assert ("Jorge Ferrer Prado", 2) in {(n, k) for _, n, k in first}


def test_an_unknown_word_is_not_a_given_name_of_a_headline_fragment():
    from rashomon.understand.resolve import given_name_match
    assert given_name_match("Valentina", "Valentina Morozova")
    assert given_name_match("Haryanto", "Haryanto Wibisono")          # plain two-word name
    assert given_name_match("Hosseinzadeh", "Hosseinzadeh Warns Tehran Again") is None
    assert given_name_match("Muhammad", "Muhammad Yunus") is None


def test_a_court_every_country_has_is_one_per_country():
    ke = article("k", "Kenya's Supreme Court ruled. Kenya and Kenyan judges.",
                 [("Kenya", "GPE"), ("Supreme Court", "ORG"), ("Kenya", "GPE"),
                  ("Kenyan", "NORP")])
    cl = article("c", "Chile's Supreme Court ruled. Chile and Chilean judges.",
                 [("Chile", "GPE"), ("Supreme Court", "ORG"), ("Chile", "GPE"),
                  ("Chilean", "NORP")])
    ke2 = article("k2", "The Supreme Court in Kenya sat again.",
                  [("Supreme Court", "ORG"), ("Kenya", "GPE")])
    clusters = resolve(ke + cl + ke2)
    assert cluster_of(clusters, "k", "Supreme Court") is not cluster_of(clusters, "c",
                                                                        "Supreme Court")
    assert cluster_of(clusters, "k", "Supreme Court") is cluster_of(clusters, "k2",
                                                                    "Supreme Court")


def test_an_international_body_is_one_across_countries():
    a = article("a", "NATO said Poland would host troops.", [("NATO", "ORG"), ("Poland", "GPE")])
    b = article("b", "NATO and Turkey agreed.", [("NATO", "ORG"), ("Turkey", "GPE")])
    clusters = resolve(a + b)
    assert cluster_of(clusters, "a", "NATO") is cluster_of(clusters, "b", "NATO")


def test_a_bare_surname_in_a_story_about_another_country_stays_alone():
    a = article("a", "Choi Dong-hyun said South Korea would act. South Korea agreed.",
                [("Choi Dong-hyun", "PERSON"), ("South Korea", "GPE"), ("South Korea", "GPE")])
    b = article("b", "Choi told reporters that Peru would act.", [("Choi", "PERSON"),
                                                                  ("Peru", "GPE")])
    c = article("c", "In Seoul, Choi said South Korea would act.",
                [("Seoul", "GPE"), ("Choi", "PERSON"), ("South Korea", "GPE")])
    clusters = resolve(a + b + c)
    full = cluster_of(clusters, "a", "Choi Dong-hyun")
    assert cluster_of(clusters, "b", "Choi") is not full
    assert cluster_of(clusters, "c", "Choi") is full


def test_word_order_variants_of_a_long_organisation_name_merge():
    a = article("a", "The Agency for Fisheries and Ocean Research said. Norway agreed.",
                [("Agency for Fisheries and Ocean Research", "ORG"), ("Norway", "GPE")])
    b = article("b", "The Ocean Research and Fisheries Agency said. Norway agreed.",
                [("Ocean Research and Fisheries Agency", "ORG"), ("Norway", "GPE")])
    c = article("c", "Bank of Lagos and Lagos Bank differ.", [("Bank of Lagos", "ORG"),
                                                              ("Lagos Bank", "ORG")])
    clusters = resolve(a + b + c)
    assert cluster_of(clusters, "a", "Agency for Fisheries and Ocean Research") is cluster_of(
        clusters, "b", "Ocean Research and Fisheries Agency")
    assert cluster_of(clusters, "c", "Bank of Lagos") is not cluster_of(clusters, "c",
                                                                        "Lagos Bank")


def test_a_region_named_with_or_without_its_landform_word():
    a = article("a", "Troops entered the Sinai Peninsula.", [("Sinai Peninsula", "LOC")])
    b = article("b", "Fighting in Sinai went on.", [("Sinai", "LOC")])
    c = article("c", "The Bekaa Valley and the Sinai Desert.", [("Bekaa Valley", "LOC"),
                                                               ("Sinai Desert", "LOC")])
    clusters = resolve(a + b + c)
    assert cluster_of(clusters, "a", "Sinai Peninsula") is cluster_of(clusters, "b", "Sinai")
    assert cluster_of(clusters, "c", "Bekaa Valley") is not cluster_of(clusters, "b", "Sinai")


def test_a_capital_is_not_taken_for_the_radio_named_after_it():
    text = "Radio Tehran said on Monday that Tehran would respond."
    ents = article("a", text, [("Radio Tehran", "ORG"), ("Tehran", "GPE")])
    assert len(ents) == 2


def test_organisation_spelling_variants_merge_across_articles():
    a = article("a", "Fighters of Hizballah and of Jamaat al-Tawhid.",
                [("Hizballah", "ORG"), ("Jamaat al-Tawhid", "ORG")])
    b = article("b", "Hezbollah fired and Jamaat Tawheed denied it.",
                [("Hezbollah", "ORG"), ("Jamaat Tawheed", "ORG")])
    c = article("c", "Kataib Hezbollah claimed it.", [("Kataib Hezbollah", "ORG")])
    clusters = resolve(a + b + c)
    assert cluster_of(clusters, "a", "Hizballah") is cluster_of(clusters, "b", "Hezbollah")
    assert cluster_of(clusters, "a", "Jamaat al-Tawhid") is cluster_of(clusters, "b",
                                                                       "Jamaat Tawheed")
    assert cluster_of(clusters, "c", "Kataib Hezbollah") is not cluster_of(clusters, "b",
                                                                           "Hezbollah")


def test_hyphenated_and_spaced_double_surnames_merge():
    assert person_match("Ngozi Adeyemi-Cole", "Ngozi Adeyemi Cole") == "hyphen or spacing differs"


def test_a_town_standing_for_a_club_named_in_another_article():
    a = article("a", "LYON — Olympique Lyon signed him. Lyon paid 40 million. France cheered.",
                [("LYON", "GPE"), ("Olympique Lyon", "ORG"), ("Lyon", "GPE"), ("France", "GPE")])
    b = article("b", "Lyon agreed the fee on Monday, French media said. France agreed.",
                [("Lyon", "GPE"), ("French", "NORP"), ("France", "GPE")])
    c = article("c", "He said goodbye to friends in Lyon. France was sunny.",
                [("Lyon", "GPE"), ("France", "GPE")])
    clusters = resolve(a + b + c)
    club = cluster_of(clusters, "a", "Olympique Lyon")
    assert cluster_of(clusters, "b", "Lyon") is club and club.label == "ORG"
    assert club.name == "Olympique Lyon"  # its full name, though "Lyon" is said more
    town = cluster_of(clusters, "c", "Lyon")
    assert town is not club and town is cluster_of(clusters, "a", "LYON")


def test_a_possessive_institution_name_is_one_every_country_has():
    from rashomon.understand.resolution.orgs import _generic_org

    assert _generic_org("Public Prosecutor’s Office") and _generic_org("Attorney General's Office")
    assert not _generic_org("Nigerian Exchange Group")


def test_a_name_that_is_only_a_particle_does_not_break_resolution(tmp_path):
    # "Van" (a Turkish city) alone: its words without particles are none
    import json

    import rashomon

    src = tmp_path / "van.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for n, day in ((1, "2031-03-02"), (2, "2031-03-03")):
            fh.write(json.dumps({
                "id": f"v{n}", "url": f"https://news.invalid/v{n}", "title": "Quake in Van",
                "outlet": f"Outlet {n}", "published": day,
                "text": "Van, the eastern Turkish city, was shaken on Monday. Van said schools "
                        "would stay shut while Van rescuers searched the rubble."}) + "\n")
    ws = rashomon.analyze([str(src)], db=str(tmp_path / "v.db"))
    assert ws.summary.ok and len(ws.articles()) == 2
    ws.close()
