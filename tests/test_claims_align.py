"""Claims aligned across outlets on new text (not the eval set): synonyms of the counted
noun, rounding words, a rising toll, counts of different things kept apart, sourcing
counts and earlier years left out, sums of one deal told in other words."""

from __future__ import annotations

import json

import pytest

from rashomon.compare.claims import find_claims
from rashomon.model import Article
from rashomon.understand import understand_article
from rashomon.workspace import analyze

COMMON = ("The Ministry of Defence in Valdoria confirmed the deployment to the port city of "
          "Marisport, where the Valdorian Navy and the coast guard are helping residents "
          "after Cyclone Ilse flattened homes along the coast.")

ARTICLES = [
    ("a1", "Harbor Times", "2031-03-03",
     "Valdoria sends troops to cyclone-hit Marisport",
     "Valdoria has deployed about 5,000 troops to Marisport after Cyclone Ilse. "
     f"{COMMON} Twelve people were killed in the storm, officials said. "
     "Two people familiar with the operation said more ships would follow. "
     "In 2019, when Cyclone Brann struck the same coast, 140 people were killed. "
     "The government approved a $2 billion reconstruction deal with Kestrel Works."),
    ("a2", "Coastal Wire", "2031-03-04",
     "Cyclone Ilse toll rises in Marisport as Valdoria deploys soldiers",
     "The death toll from Cyclone Ilse in Marisport rose to 19 on Tuesday, and 5,200 "
     f"soldiers have been deployed by Valdoria. {COMMON} Some 40 people were injured. "
     "The two countries have offered help. "
     "Officials said the $2.3 billion reconstruction acquisition by Kestrel Works was "
     "signed."),
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("align")
    src = tmp / "cyclone.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for aid, outlet, day, title, text in ARTICLES:
            fh.write(json.dumps({"id": aid, "url": f"https://news.invalid/{aid}",
                                 "title": title, "outlet": outlet, "published": day,
                                 "text": text}) + "\n")
    workspace = analyze([str(src)], db=str(tmp / "a.db"))
    assert workspace.summary.ok
    yield workspace
    workspace.close()


def _by_numbers(ws) -> dict[frozenset[float], object]:
    return {frozenset(c.number for c in d.claims): d for d in ws.discrepancies()}


def test_troops_and_soldiers_with_a_rounding_word_are_one_approximate_claim(ws):
    assert len({a.story_id for a in ws.articles()}) == 1
    d = _by_numbers(ws)[frozenset({5000.0, 5200.0})]
    assert d.status == "approximate" and d.kind == "count"
    about = next(c for c in d.claims if c.number == 5000.0)
    assert about.qualifier == "about" and about.outlets == ["Harbor Times"]


def test_a_toll_rising_a_day_later_is_an_update(ws):
    d = _by_numbers(ws)[frozenset({12.0, 19.0})]
    assert d.status == "update"


def test_injured_earlier_years_and_sourcing_counts_are_not_aligned(ws):
    numbers = {n for d in ws.discrepancies() for c in d.claims for n in [c.number]}
    numbers |= {float(f.value.replace(",", "")) for f in ws.facts()
                if f.value.replace(",", "").isdigit()}
    assert 40.0 not in numbers      # injured, not killed
    assert 140.0 not in numbers     # killed in 2019, another storm
    assert 2.0 not in numbers       # "two people familiar", "the two countries"


def test_one_deal_in_other_words_is_a_money_contradiction(ws):
    d = _by_numbers(ws)[frozenset({2e9, 2.3e9})]
    assert d.kind == "money" and d.status == "contradiction"


def _claims(text: str):
    a = understand_article(Article("t", "t", 0, text, published="2031-05-02"))
    u = a.understanding
    return {c.text: c for c in find_claims(text, u.sentences, u.values, u.entities)}


def test_claim_topics_read_the_counted_subject_and_drop_sourcing():
    claims = _claims("The number of miners killed in the blast has risen to nine, the "
                     "company said. Three officials told reporters that the two shafts were "
                     "sealed. The firm paid a fine of $3 million.")
    assert claims["nine"].topic == "count|worker|killed"
    assert "Three" not in claims and "two" not in claims
    assert claims["$3 million"].topic.startswith("money:$|fine")


def test_a_hyphenated_word_is_not_a_condition():
    claims = _claims("Four Lyon-based charities delivered tents, and 300 tents were sent "
                     "by the army on Friday.")
    assert claims["Four"].topic == "count|charity|"
    assert claims["300"].topic == "count|tent|deployed"


SHARED = ("Eberle grew maize and beans on a small plot and led the Rift Farmers Cooperative, "
          "which has campaigned against land seizures in the county. The Kenya National "
          "Commission on Human Rights called for an independent inquiry into the killing of "
          "Tomas Eberle.")


def test_who_did_it_and_where_differ_for_one_victim(tmp_path):
    texts = [("b1", "Ridge Post", "Farmer Tomas Eberle was shot dead by police outside Kisumu "
              f"market on Monday, his family said. {SHARED}"),
             ("b2", "Valley Herald", "Farmer Tomas Eberle was killed by unidentified gunmen "
              f"in Nakuru on Monday, police said. {SHARED}")]
    src = tmp_path / "eberle.jsonl"
    src.write_text("".join(json.dumps({"id": aid, "url": f"https://news.invalid/{aid}",
                                       "title": "Farmer Tomas Eberle killed", "outlet": o,
                                       "published": "2031-06-03", "text": t}) + "\n"
                           for aid, o, t in texts), encoding="utf-8")
    ws = analyze([str(src)], db=str(tmp_path / "e.db"))
    try:
        assert len({a.story_id for a in ws.articles()}) == 1
        found = {d.kind: sorted(c.value for c in d.claims) for d in ws.discrepancies()
                 if "Eberle" in d.topic}
    finally:
        ws.close()
    assert found.get("agent") == ["gunmen", "police"]
    assert found.get("place") == ["Kisumu", "Nakuru"]
    assert "date" not in found   # both say Monday


def test_one_person_with_another_rank_is_a_title_discrepancy(tmp_path):
    shared = ("Ostrova met her Serbian counterpart in Belgrade to discuss gas transit through "
              "the Balkans and the rebuilding of the Danube rail bridge, damaged in a flood.")
    texts = [("c1", "Ridge Post", f"Deputy Foreign Minister Lena Ostrova arrived in Belgrade "
              f"on Monday. {shared}"),
             ("c2", "Valley Herald", f"Foreign Minister Lena Ostrova arrived in Belgrade on "
              f"Monday. {shared}"),
             ("c3", "Lake Times", f"Mrs Lena Ostrova, the minister, arrived on Monday. {shared}")]
    src = tmp_path / "ostrova.jsonl"
    src.write_text("".join(json.dumps({"id": aid, "url": f"https://news.invalid/{aid}",
                                       "title": "Ostrova visits Belgrade", "outlet": o,
                                       "published": "2031-06-03", "text": t}) + "\n"
                           for aid, o, t in texts), encoding="utf-8")
    ws = analyze([str(src)], db=str(tmp_path / "o.db"))
    try:
        titles = [d for d in ws.discrepancies() if d.kind == "title"]
    finally:
        ws.close()
    assert len(titles) == 1 and "Lena Ostrova" in titles[0].topic
    assert sorted(c.value for c in titles[0].claims) == ["deputy foreign minister",
                                                         "foreign minister"]
    assert all(c.outlets != ["Lake Times"] for c in titles[0].claims)   # "Mrs" is no office
