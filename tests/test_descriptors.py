"""Descriptors (how an outlet labels an actor) and the loaded-language lexicon, on real news
text: the bundled sample corpus and articles on other topics."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rashomon.compare.descriptors import find_descriptors, lexicon, score
from rashomon.model import Article, Page
from rashomon.pipeline import clean
from rashomon.understand import understand_article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def described(text: str) -> list[tuple[str, str, str]]:
    """(entity name, kind, span text) of every descriptor, in order."""
    return [(name, d.kind, d.text) for name, d in descriptors(text)]


def descriptors(text: str, published: str | None = "2024-05-14"):
    u = understand_article(Article("a1", "test", 0, text, published=published)).understanding
    found = find_descriptors(text, u.sentences, u.entities, u.events)
    for d in found:
        assert text[d.start:d.end] == d.text
    return [(u.entities[d.entity].name, d) for d in found]


def corpus_article(path: Path, title_word: str) -> str:
    page = Page(source=str(path), origin=str(path), text=path.read_text("utf-8"),
                media_type="text/plain")
    return next(a.text for a in clean(page) if title_word in (a.title or ""))


# --- the three kinds on invented and real news --------------------------------------------------

MILITIA = (
    "The Lebanese separatist militia Al-Faran said on Tuesday it had attacked an army post. "
    "Al-Faran, a banned armed group, said the attack was revenge for the assassination of its "
    "commander Gen. Tariq Nasser. Iran-backed militia Saraya Awliya claimed the strike. "
    "Critics of veteran opposition leader Ama Owusu condemned the killing.")


def test_premodifier_appositive_and_event_word_with_their_scores():
    found = descriptors(MILITIA)
    assert [(n, d.kind, d.text, d.score, d.terms) for n, d in found] == [
        ("Al-Faran", "premodifier", "Lebanese separatist militia", -0.2,
         ["separatist:delegitimising", "militia:neutral"]),
        ("Al-Faran", "appositive", "a banned armed group", -0.3,
         ["banned:delegitimising", "armed group:neutral"]),
        ("Tariq Nasser", "event-word", "assassination", 0.4,
         ["assassinate:violent-intensifier"]),
        ("Saraya Awliya", "premodifier", "Iran-backed militia", 0.0, ["militia:neutral"]),
        ("Ama Owusu", "premodifier", "veteran opposition leader", 0.0,
         ["opposition:neutral", "leader:neutral"]),
    ]
    starts = [d.start for _, d in found]
    assert starts == sorted(starts)
    assert found[0][1].start == MILITIA.index("Lebanese separatist")


KENYA = (
    "NAIROBI, Kenya (AP) — Kenyan police on Tuesday fired tear gas at thousands of protesters "
    "in the capital, Nairobi, as demonstrations against a proposed finance bill turned violent. "
    "President William Ruto, who took office in 2022, said the \"treasonous\" rioters would "
    "be dealt with firmly.\n"
    "Opposition leader Raila Odinga, a former prime minister, urged his supporters to stay "
    "calm. \"We will not be intimidated,\" Odinga told reporters in Kisumu.\n"
    "Rights group Amnesty International said at least 23 people had been killed. Among the dead "
    "was Rex Masai, 29, a student who was shot in the thigh. His mother, Gillian Munyau, said "
    "her son was murdered by police.\n"
    "Police arrested activist Boniface Mwangi, a prominent critic of the government, at his "
    "home on Friday. Mwangi was detained for two days before being released without charge.")


def test_protest_story_titles_relative_clauses_and_ages():
    assert described(KENYA) == [
        ("William Ruto", "premodifier", "President"),   # an office; no relative clause
        ("Raila Odinga", "premodifier", "Opposition leader"),
        ("Raila Odinga", "appositive", "a former prime minister"),
        ("Amnesty International", "premodifier", "Rights group"),
        ("Rex Masai", "appositive", "a student who was shot in the thigh"),  # age skipped
        ("Boniface Mwangi", "event-word", "arrested"),
        ("Boniface Mwangi", "premodifier", "activist"),
        ("Boniface Mwangi", "appositive", "a prominent critic of the government"),
        ("Boniface Mwangi", "event-word", "detained"),
    ]


NAVALNY = (
    "Russian opposition leader Alexei Navalny, President Vladimir Putin's fiercest critic, has "
    "died in an Arctic penal colony, prison authorities said on Friday. He was 47.\n"
    "US President Joe Biden said Putin was responsible for Navalny's death.\n"
    "Navalny, a lawyer turned anti-corruption campaigner, was jailed in 2021 after returning "
    "from Germany. Supporters laid flowers in Moscow, where police detained hundreds of "
    "people. The murder of Navalny, his supporters say, was ordered by Putin.")


def test_obituary_event_words_after_an_appositive_and_in_noun_forms():
    found = descriptors(NAVALNY)
    assert [(n, d.kind, d.text, d.score) for n, d in found] == [
        ("Alexei Navalny", "premodifier", "Russian opposition leader", 0.0),
        ("Alexei Navalny", "appositive", "President Vladimir Putin's fiercest critic", 0.0),
        ("Alexei Navalny", "event-word", "died", 0.0),           # "X, <appositive>, has died"
        ("Joe Biden", "premodifier", "US President", 0.0),       # a country qualifying an office
        ("Alexei Navalny", "event-word", "death", 0.0),          # "Navalny's death"
        ("Alexei Navalny", "appositive", "a lawyer turned anti-corruption campaigner", 0.3),
        ("Alexei Navalny", "event-word", "jailed", 0.0),         # "X, <appositive>, was jailed"
        ("Alexei Navalny", "event-word", "murder", 0.5),         # "the murder of X"
    ]


CONFLICTS = (
    "The so-called Islamic State claimed the attack. The jihadist group Islamic State has lost "
    "most of its territory.\n"
    "The Palestinian resistance movement Hamas said its fighters had captured soldiers. "
    "Israeli Defence Minister Yoav Gallant vowed to respond.\n"
    "Myanmar's military junta detained pro-democracy leader Aung San Suu Kyi in 2021. The "
    "ousted leader Aung San Suu Kyi, 78, has been jailed since.\n"
    "Rebel leader Yevgeny Prigozhin, the founder of the Wagner mercenary group, was killed "
    "when his plane crashed. Prigozhin was eliminated, a Ukrainian official said.")


def test_loaded_labels_across_conflicts():
    found = descriptors(CONFLICTS)
    assert [(n, d.kind, d.text, d.score) for n, d in found] == [
        ("Islamic State", "premodifier", "so-called", -0.4),
        ("Islamic State", "premodifier", "jihadist group", -0.6),
        ("Hamas", "premodifier", "Palestinian resistance movement", 0.6),
        ("Yoav Gallant", "premodifier", "Israeli Defence Minister", 0.0),
        ("Aung San Suu Kyi", "event-word", "detained", 0.0),
        ("Aung San Suu Kyi", "premodifier", "pro-democracy leader", 0.4),
        ("Aung San Suu Kyi", "premodifier", "ousted leader", 0.0),
        ("Aung San Suu Kyi", "event-word", "jailed", 0.0),    # "X, 78, has been jailed"
        ("Yevgeny Prigozhin", "premodifier", "Rebel leader", -0.1),
        ("Yevgeny Prigozhin", "appositive", "the founder of the Wagner mercenary group", 0.0),
        ("Yevgeny Prigozhin", "event-word", "killed", 0.0),
        ("Yevgeny Prigozhin", "event-word", "eliminated", -0.5),
    ]
    assert dict(found)["Hamas"].terms == ["resistance:sympathetic", "movement:neutral"]


FOOTBALL = (
    "LONDON — Manchester United announced on Monday that the club had parted company with its "
    "manager after a poor start to the season. Former striker Ruud van Nistelrooy, his assistant, "
    "will take charge. Sir Jim Ratcliffe, the British billionaire who owns a stake in the "
    "club, attended the meeting. Real Madrid forward Kylian Mbappe, the France captain, scored "
    "twice in Madrid, Spain, on Saturday.")


def test_sports_story_roles_without_loaded_words():
    found = descriptors(FOOTBALL)
    assert [(n, d.kind, d.text) for n, d in found] == [
        ("Ruud van Nistelrooy", "premodifier", "Former striker"),
        ("Ruud van Nistelrooy", "appositive", "his assistant"),
        ("Jim Ratcliffe", "appositive", "the British billionaire who owns a stake in the club"),
        ("Kylian Mbappe", "premodifier", "Real Madrid forward"),
        ("Kylian Mbappe", "appositive", "the France captain"),
    ]
    assert all(d.score == 0.0 and d.terms == [] for _, d in found)


OFFICES = (
    "Energy and Mines Minister Rosa Quintero said the inquiry would report in March. Returning "
    "officer Peter Kamau declared the result late on Thursday. The commission's chair, retired "
    "judge Elena Ruiz, said the report was final. \"It is a step,\" said Jefferies analyst "
    "Ahmed Farman.\n"
    "A ransomware attack on Rheinland Clinic disrupted surgery. In flood-hit Sylhet, families "
    "waited for food.\n"
    "Among the dead was Brian Otieno, 24, who died in Migori. Tenzin Dorje, who was killed while "
    "trying to help a comrade, was buried on Sunday.")


def test_office_titles_role_qualifiers_and_event_words_after_names():
    assert described(OFFICES) == [
        ("Rosa Quintero", "premodifier", "Energy and Mines Minister"),  # a title run
        ("Peter Kamau", "premodifier", "Returning officer"),
        ("Elena Ruiz", "premodifier", "retired judge"),                 # after a comma
        ("Ahmed Farman", "premodifier", "Jefferies analyst"),           # a firm qualifies a role
        ("Rheinland Clinic", "event-word", "attack"),                   # "the attack on X"
        ("Brian Otieno", "event-word", "died"),                         # "X, 24, who died"
        ("Tenzin Dorje", "event-word", "killed"),                       # "X, who was killed"
    ]  # "In flood-hit Sylhet, families ...": an opening phrase, no appositive, no "hit"


# --- what must give nothing ---------------------------------------------------------------------

SUMMIT = (
    "Leaders from France, Germany and Italy met in Brussels on Thursday.\n"
    "Paris, France, has seen record heat. Officials in Lyon, France, said schools would "
    "close.\n"
    "Chancellor Olaf Scholz, 65, told reporters the deal was close. German Chancellor Olaf "
    "Scholz, Italian Prime Minister Giorgia Meloni and French President Emmanuel Macron later "
    "issued a statement.\n"
    "Dr. Anne Martin, Mr. Paul Dubois and Mrs. Claire Petit signed the letter. Meloni, "
    "Scholz and Macron are expected to meet again in June.\n"
    "Mr. Dubois, who chairs the committee, said on Friday, March 8, that Brussels would "
    "respond.")


def test_lists_places_ages_relative_clauses_and_honorifics_give_nothing_else():
    # only the offices; no list, place, age, relative clause or honorific alone
    assert described(SUMMIT) == [
        ("Olaf Scholz", "premodifier", "Chancellor"),
        ("Olaf Scholz", "premodifier", "German Chancellor"),
        ("Giorgia Meloni", "premodifier", "Italian Prime Minister"),
        ("Emmanuel Macron", "premodifier", "French President"),
    ]


def test_bare_nationalities_honorifics_ranks_possessors_and_sentence_openers():
    text = ("Kenyan Eliud Kipchoge won the Berlin Marathon on Sunday. Mr. John Smith said 40,000 "
            "runners took part. Dr. Anne Martin said the heat was a factor. Gen. Mark Milley "
            "and Lieutenant General James Mingus attended. King Charles congratulated him, and "
            "Kenya's William Ruto fans celebrated. Yesterday Jane Doe thanked them. Police "
            "arrested protest leader Ali Hassan in Mombasa.")
    assert described(text) == [
        ("Ali Hassan", "event-word", "arrested"),
        ("Ali Hassan", "premodifier", "protest leader"),  # not "arrested protest leader"
    ]


def test_names_that_modify_another_word_and_places_get_no_labels():
    text = ("Israeli strikes in eastern Syria hit a depot, while the immediate US withdrawal from "
            "neighbouring Iraq was discussed. The families of detained Tunisian activists "
            "gathered. Three soldiers were killed in Baghdad.")
    assert described(text) == []


# --- the sample corpus --------------------------------------------------------------------------

def test_sample_corpus_opposing_labels_for_the_same_actors():
    jpost = corpus_article(ROOT / "demo" / "corpus" / "001_34ba736ea6f5e96d.txt", "Hezbollah")
    found = described(jpost)
    assert ("Hezbollah", "premodifier", "Lebanese terror group") in found
    assert ("Hezbollah", "appositive", "an Iranian proxy") in found
    assert ("Qassem Soleimani", "event-word", "killing") in found
    assert ("Qassem Soleimani", "premodifier", "Iranian general") in found
    by_text = {d.text: d for _, d in descriptors(jpost)}
    assert by_text["Lebanese terror group"].score == -0.9
    assert by_text["an Iranian proxy"].terms == ["proxy:delegitimising"]
    # another entity's name inside an appositive is not scored ("Revolutionary")
    division = next(t for t in by_text if t.startswith("a division of"))
    assert by_text[division].score == 0.0 and by_text[division].terms == []

    tasnim = corpus_article(FIXTURES / "002_352512476b0fd6ab.txt", "Khamenei")
    words = [(d.text, d.score) for n, d in descriptors(tasnim)
             if n == "Qasem Soleimani" and d.kind == "event-word"]
    assert ("martyrdom", 0.8) in words and ("assassination", 0.4) in words
    assert ("killed", 0.0) in words  # "Gen. Soleimani, commander of ..., was killed"


def test_sample_corpus_multi_article_page():
    arab_news = corpus_article(FIXTURES / "004_f44264336043b59b.txt", "Iranian-backed")
    found = described(arab_news)
    assert ("Hezbollah", "premodifier", "Tehran-backed Lebanese organization") in found
    assert ("Abu Mahdi Al-Muhandis", "appositive",
            "a unifying Iraqi paramilitary commander") in found
    assert ("Qassem Soleimani", "event-word", "assassination") in found   # "X’s assassination"
    assert ("Qassem Soleimani", "premodifier", "Iranian Major General") in found
    assert ("Qassem Soleimani", "premodifier", "top general") in found    # "Iran’s top general"
    # one descriptor per occurrence: the event and the patterns agree, no duplicates
    keys = [(n, d.kind, d.start, d.end) for n, d in descriptors(arab_news)]
    assert len(keys) == len(set(keys))


def test_deterministic():
    assert descriptors(KENYA + "\n" + CONFLICTS) == descriptors(KENYA + "\n" + CONFLICTS)


# --- the lexicon --------------------------------------------------------------------------------

@pytest.mark.parametrize("span, expected", [
    ("terrorists", (-0.9, ["terrorist:delegitimising"])),
    ("the terror groups", (-0.9, ["terror group:delegitimising"])),       # multiword first
    ("so called", (-0.4, ["so-called:delegitimising"])),
    ("freedom-fighters", (0.8, ["freedom fighter:sympathetic"])),
    ("assassinated", (0.4, ["assassinate:violent-intensifier"])),
    ("assassinations", (0.4, ["assassinate:violent-intensifier"])),
    ("martyrdom", (0.8, ["martyr:sympathetic"])),
    ("Iranian proxies", (-0.4, ["proxy:delegitimising"])),
    ("kidnapped", (0.4, ["kidnap:violent-intensifier"])),
    ("was neutralised", (-0.5, ["neutralise:euphemism"])),
    ("a targeted killing", (-0.3, ["targeted killing:euphemism"])),
    ("killed", (0.0, ["kill:neutral"])),
    ("brutal regime", (-1.0, ["brutal:violent-intensifier", "regime:delegitimising"])),
    ("heroic freedom fighters", (1.0, ["heroic:sympathetic", "freedom fighter:sympathetic"])),
    ("counter-terrorism chief", (0.0, [])),        # inside a compound: not "terrorism"
    ("finance minister", (0.0, [])),
    ("", (0.0, [])),
])
def test_score(span, expected):
    assert score(span) == expected


def test_lexicon_is_documented_and_weights_in_range():
    data = tomllib.loads((ROOT / "src/rashomon/data/lexicon.toml").read_text("utf-8"))
    doc = (ROOT / "docs" / "lexicon.md").read_text("utf-8")
    for category in data["meaning"]:
        assert f"| `{category}` |" in doc
        weights = data[category].values()
        assert all(-1.0 <= w <= 1.0 for w in weights)
    assert set(data["neutral"].values()) == {0.0}
    assert all(w < 0 for w in data["delegitimising"].values())
    assert all(w > 0 for w in data["sympathetic"].values())
    assert all(w < 0 for w in data["euphemism"].values())
    assert len(lexicon().entries) == sum(len(data[c]) for c in data["meaning"])
