"""Event extraction on new sentences: what is a reported event, who said it, which type."""

from __future__ import annotations

from rashomon.model import Article, Understanding
from rashomon.understand import understand_article
from rashomon.understand.events import lexicon, quoted_spans, triggers


def understood(text: str, published: str = "2025-05-14") -> Understanding:
    art = Article(id="t1", source="t1", ordinal=0, text=text, published=published)
    return understand_article(art).understanding


def events(text: str) -> list[tuple[str, str, list[str]]]:
    """(type, trigger, participant names) of each event, in text order."""
    u = understood(text)
    return [(e.type, e.trigger, [u.entities[p].name for p, _ in e.participants])
            for e in u.events]


def types(text: str) -> list[str]:
    return [t for t, _, _ in events(text)]


def speakers(text: str) -> list[str]:
    u = understood(text)
    return [u.entities[p].name for e in u.events if e.type == "statement"
            for p, role in e.participants if role == "speaker"]


def test_negated_and_hypothetical_triggers_are_no_events():
    assert "attack" not in types("The rebels did not attack Valdora on Sunday.")
    assert "attack" not in types("Analysts said the rebels could attack Valdora next week.")
    assert "withdrawal" not in types("Lawmakers in Kestria are calling for a withdrawal "
                                     "of Orlan troops.")
    # the same verb, reported as done, is an event
    assert "attack" in types("The rebels attacked Valdora on Sunday.")


def test_event_inside_a_quotation_is_not_reported_as_done():
    text = ('"We will strike Valdora if they cross the river," General Anton Reyes told '
            'reporters on Tuesday.')
    assert "attack" not in types(text)
    assert speakers(text) == ["Anton Reyes"]


def test_statement_needs_a_named_speaker():
    assert "statement" not in types("Officials said the Harlow Bridge would reopen on Friday.")
    text = ("Maria Lopez, a spokeswoman for the Harbour Authority, said the bridge would "
            "reopen on Friday.")
    assert speakers(text) == ["Maria Lopez"]


def test_speaker_after_the_quote_and_not_a_place_before_it():
    text = ('"We are ready to talk," said Tomas Berg, the leader of the Dock Workers Union.')
    assert speakers(text) == ["Tomas Berg"]
    text = ("In Valdora, four people were hurt in the scuffles, said Inspector Helen Marsh.")
    assert speakers(text) == ["Helen Marsh"]


def test_one_speaker_quoted_twice_is_one_statement():
    text = ("Tomas Berg said the union would not back down. \"We have waited long enough,\" "
            "he said.\n\nBerg said talks could resume on Monday.")
    assert types(text).count("statement") == 1


def test_reporting_verb_of_a_relative_clause_is_background():
    text = ("The Northern Farmers Union, which says it has 40,000 members, marched to the "
            "parliament in Kestria on Monday.")
    found = types(text)
    assert "statement" not in found
    assert "protest" in found


def test_context_words_decide_conditional_triggers():
    assert "economic" in types("Shares in Blue Harbor Bank fell 4 percent on Monday.")
    assert "economic" not in types("The temperature fell sharply overnight in Valdora.")
    assert "deployment" in types("The Kestrian government sent 300 troops to Valdora.")
    assert "deployment" not in types("Maria Lopez sent a letter to the Harbour Authority.")


def test_natural_disasters_kill_without_a_killer():
    found = types("Typhoon Mara killed at least 12 people in the Philippines on Monday.")
    assert "death" in found and "killing" not in found
    assert "killing" in types("Gunmen killed 12 people in Valdora on Monday.")


def test_months_and_hyphenated_words_are_no_triggers():
    assert "protest" not in types("Pedro Alves was detained in March 2022 in Lima.")
    assert "economic" not in types("Rescuers from Valdora reached cut-off villages on Monday.")


def test_a_warning_is_a_threat_only_when_it_threatens():
    assert "threat" not in types("The Kestria Weather Office warned that rivers were rising.")
    assert "threat" in types("Ivan Petrov warned that his forces would respond to any attack.")


def test_the_possessor_of_a_killing_is_its_victim():
    u = understood("The Kestria Bar Association condemned Omar Haddad's killing on Friday.")
    killing = next(e for e in u.events if e.type == "killing")
    assert [(u.entities[p].name, r) for p, r in killing.participants] == [
        ("Omar Haddad", "victim")]


def test_quoted_spans_close_at_a_paragraph_break():
    text = 'He said "we will go.\n\nNext paragraph" and “this one”.'
    spans = quoted_spans(text)
    assert [text[a:b] for a, b in spans] == ["this one"]


def test_events_are_deterministic():
    text = ("Tomas Berg said the union would strike on Monday. Police arrested 12 workers in "
            "Valdora, said Inspector Helen Marsh.")
    assert events(text) == events(text)


def test_a_strike_is_a_protest_only_among_workers():
    assert "protest" in types("Nurses in Valdora began a strike over pay on Monday.")
    found = types("Turkish strikes on two towns in northern Syria destroyed 40 houses on Monday.")
    assert "attack" in found and "protest" not in found


def test_participles_and_ruling_parties_are_no_events():
    assert "disaster" not in types("Rescuers reached a collapsed tunnel near Valdora.")
    assert "ruling" not in types("The ruling Kestria Unity Party won 40 seats.")


def test_triggers_take_the_longest_form_and_whole_words_only():
    lex = lexicon()
    low = "the deadline passed. a drone strike hit the town. it was assassinated."
    spans = [low[a:b] for a, b in triggers(lex, low, 0, len(low))]
    assert "drone strike" in spans and "assassinated" in spans
    assert "dead" not in spans  # inside "deadline"


def test_offsets_survive_letters_that_lower_to_two_characters():
    text = "İstanbul police arrested Kemal Aydın on Monday. Kemal Aydın said he was innocent."
    found = events(text)
    assert ("statement", "said", ["Kemal Aydın"]) in found


def test_a_statement_named_after_its_source():
    text = "The figures were published on Monday in a statement from the Ministry of Health."
    assert speakers(text) == ["Ministry of Health"]


def test_hypothetical_nominal_events_and_event_words_as_modifiers():
    assert "attack" not in types("Aid groups in Valdora fear that an assault on the city "
                                 "could cause a famine.")
    assert "economic" not in types("The transfer window closes on Friday in Kestria.")
    assert "agreement" not in types("The Kestria Senate called on Monday for a truce.")


def test_storm_names_and_abstract_collapses():
    found = events("Cyclone Mora made landfall near Chittagong on Sunday.")
    assert [(t, w) for t, w, _ in found] == [("disaster", "made landfall")]
    assert "disaster" not in types("A truce brokered in Valdora in May collapsed within days.")


def test_speaker_with_a_title_apposition_and_calling_something_a_name():
    text = ("Emma Lind praised the deal. Her colleague, chief economist Jonas Berg, said "
            "prices would fall.")
    assert speakers(text) == ["Emma Lind", "Jonas Berg"]
    text = 'Opposition leader Sara Olsen called the budget "a betrayal of pensioners".'
    assert speakers(text) == ["Sara Olsen"]
    assert "statement" not in types("Sara Olsen called the meeting to order in Valdora.")


def test_each_market_move_is_its_own_event():
    text = ("The rand weakened 2 percent against the dollar on Monday. The shilling fell "
            "3 percent on Tuesday. The peso fell 1 percent on Wednesday.")
    assert types(text).count("economic") == 3


def test_the_attack_told_again_is_one_event():
    text = ("Gunmen from the Red Hand militia attacked a police post in Valdora on Monday. "
            "The attack was the third this month.")
    assert types(text).count("attack") == 1


def test_event_dates_come_from_the_events_own_words():
    u = understood("Maria Lopez said on Monday that the strike by nurses began in March.")
    statement = next(e for e in u.events if e.type == "statement")
    assert statement.date == "2025-05-12"
    u = understood("Maria Lopez, who has led the union since 2019, told reporters the nurses "
                   "would strike.")
    statement = next(e for e in u.events if e.type == "statement")
    assert statement.date is None


def test_event_places_nearest_the_trigger_and_statements_in_their_clause():
    u = understood("Police arrested 40 students in the Kenyan city of Kisumu on Monday.")
    arrest = next(e for e in u.events if e.type == "arrest")
    assert arrest.location is not None and u.entities[arrest.location].name == "Kisumu"
    u = understood("Grace Wanjiru told reporters in Nairobi on Monday that the talks failed.")
    statement = next(e for e in u.events if e.type == "statement")
    assert u.entities[statement.location].name == "Nairobi"
    u = understood("Grace Wanjiru, who flew in from Mombasa, said the talks had failed.")
    statement = next(e for e in u.events if e.type == "statement")
    assert statement.location is None


def test_descriptions_idioms_and_where_clauses_give_no_speaker():
    text = "Amina Okafor, the head of CISLAC, an NGO, said the camps were full."
    assert speakers(text) == ["Amina Okafor"]
    assert "statement" not in types("Luka Modric said goodbye to the Real Madrid fans.")
    assert "statement" not in types("Aid reached areas where the United Nations says "
                                    "famine is looming.")


def test_released_people_not_released_statements():
    assert "release" in types("Three hostages held by gunmen in northern Mali were "
                              "released on Tuesday in Gao, officials said.")
    assert "release" not in types("A statement released by the Kestria Interior Ministry "
                                  "on Monday gave no details.")
