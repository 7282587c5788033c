"""Event facets compared across outlets on new text (not the eval set): one happening told
with another date is a date discrepancy even with no named victim; two happenings of one
kind a week apart are not; a town "in" a region against the region is no place clash."""

from __future__ import annotations

import json

import pytest

from rashomon.model import Article
from rashomon.understand import understand_article
from rashomon.workspace import analyze

DAM = ("The Ministry of Water Resources in Valdoria said relief teams were working in the "
       "districts around the Lower Tamsin reservoir, where thousands of families have been "
       "moved to schools and the army is delivering food.")

ATTACK = ("The Interior Ministry of Valdoria said security had been tightened across "
          "Kerrow province, where the Northern Front militia has been active since the "
          "spring and police checkpoints now line the main road to the capital.")

QUAKE = ("The Valdorian Red Crescent said rescuers were searching collapsed homes in the "
         "hills, and the health ministry asked for blood donations as hospitals filled.")


def _workspace(tmp_path, articles):
    src = tmp_path / "story.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for aid, outlet, day, title, text in articles:
            fh.write(json.dumps({"id": aid, "url": f"https://news.invalid/{aid}",
                                 "title": title, "outlet": outlet, "published": day,
                                 "text": text}) + "\n")
    ws = analyze([str(src)], db=str(tmp_path / "s.db"))
    assert ws.summary.ok
    assert len({a.story_id for a in ws.articles()}) == 1
    return ws


def test_one_happening_told_with_another_day_is_a_date_discrepancy(tmp_path):
    ws = _workspace(tmp_path, [
        ("d1", "Harbor Times", "2031-05-14", "Lower Tamsin dam bursts in Valdoria",
         f"A dam on the Lower Tamsin reservoir burst on Monday, flooding eleven villages. "
         f"{DAM}"),
        ("d2", "Coastal Wire", "2031-05-15", "Valdoria dam failure floods villages",
         f"A dam on the Lower Tamsin reservoir burst on Sunday, flooding eleven villages. "
         f"{DAM}"),
    ])
    dates = [d for d in ws.discrepancies() if d.kind == "date"]
    assert len(dates) == 1
    assert sorted(c.value for c in dates[0].claims) == ["2031-05-11", "2031-05-12"]
    assert {m.article_id for c in dates[0].claims for m in c.mentions} == \
        {a.id for a in ws.articles()}
    ws.close()


def test_two_attacks_a_week_apart_are_no_discrepancy(tmp_path):
    ws = _workspace(tmp_path, [
        ("k1", "Harbor Times", "2031-06-03", "Militia attack on Kerrow police post",
         f"Northern Front fighters attacked a police post in Kerrow province on June 2. "
         f"{ATTACK}"),
        ("k2", "Coastal Wire", "2031-06-10", "New militia attack on Kerrow police post",
         f"Northern Front fighters attacked a police post in Kerrow province on June 9. "
         f"{ATTACK}"),
    ])
    assert not [d for d in ws.discrepancies() if d.kind in ("date", "place", "agent")]
    ws.close()


@pytest.mark.parametrize(("inner", "outer"), [
    ("in Kasese, in western Uganda", "in western Uganda"),      # a town in a country
    ("in Pokhara, in Gandaki province", "in Gandaki province"),  # a town in a province
])
def test_a_town_in_a_region_against_the_region_is_no_place_discrepancy(tmp_path, inner,
                                                                          outer):
    ws = _workspace(tmp_path, [
        ("q1", "Harbor Times", "2031-07-08", "Earthquake kills dozens in Valdoria",
         f"An earthquake struck on Monday {inner}, officials said. {QUAKE}"),
        ("q2", "Coastal Wire", "2031-07-08", "Deadly earthquake in Valdoria hills",
         f"An earthquake struck on Monday {outer}, officials said. {QUAKE}"),
    ])
    assert not [d for d in ws.discrepancies() if d.kind == "place"]
    facts = [f for f in ws.facts() if f.kind == "date"]
    assert [f.value for f in facts] == ["2031-07-07"]   # the day they agree on
    ws.close()


def test_a_towns_place_against_another_town_is_a_place_discrepancy(tmp_path):
    ws = _workspace(tmp_path, [
        ("p1", "Harbor Times", "2031-07-08", "Earthquake kills dozens in Valdoria",
         f"An earthquake struck on Monday near Kasese, officials said. {QUAKE}"),
        ("p2", "Coastal Wire", "2031-07-08", "Deadly earthquake in Valdoria hills",
         f"An earthquake struck on Monday near Mbarara, officials said. {QUAKE}"),
    ])
    places = [d for d in ws.discrepancies() if d.kind == "place"]
    assert len(places) == 1 and sorted(c.value for c in places[0].claims) == \
        ["Kasese", "Mbarara"]
    ws.close()


def _events(text: str, day: str = "2031-05-14"):
    a = Article(id="t", source="https://news.invalid/t", ordinal=0, text=text,
                published=day)
    u = understand_article(a).understanding
    return [(e.type, e.trigger, e.date) for e in u.events]


def test_a_date_of_another_clause_does_not_date_the_event():
    evs = _events("Shares in Norvik Mining fell 9 per cent on Tuesday after a tunnel "
                  "collapse at its copper mine.")
    assert ("disaster", "collapse", None) in evs


def test_a_second_happening_in_its_own_clause_is_its_own_event():
    evs = _events("Thousands were displaced by the floods, which began after a levee on "
                  "the Tamsin river burst on Sunday.")
    assert ("disaster", "burst", "2031-05-11") in evs
    assert [t for t, *_ in evs].count("disaster") == 2


def test_a_city_against_the_country_the_gazetteer_puts_it_in_is_no_place_discrepancy(tmp_path):
    ws = _workspace(tmp_path, [
        ("m1", "Harbor Times", "2031-05-14", "Aid worker Tomas Brandt shot dead",
         "Gunmen shot dead aid worker Tomas Brandt in Mombasa on Monday, police said. "
         "Brandt had worked for the charity for ten years."),
        ("m2", "Coastal Wire", "2031-05-14", "Aid worker Tomas Brandt killed",
         "Gunmen shot dead aid worker Tomas Brandt in Kenya on Monday, police said. "
         "Brandt had worked for the charity for ten years."),
    ])
    assert [d for d in ws.discrepancies() if d.kind == "place"] == []
    ws.close()
