"""Name typing rules on new sentences: portfolios before ministers' titles are not bodies,
possessives inside organisation names, sentence-opening words before "of"/"the", place
and facility nouns after a name, facility word endings, a nationality before a head-word
organisation."""

from __future__ import annotations

from rashomon.understand.ner import find_names
from rashomon.understand.nlp import pipeline


def _names(text: str) -> list[tuple[str, str]]:
    nlp = pipeline()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("sentencizer", "rashomon_sentences"):
            doc = proc(doc)
    return [(n.text, n.label) for n in find_names(doc, text, typer=False)]


def test_portfolio_before_minister_is_not_an_organisation() -> None:
    found = _names("Agriculture Minister Pedro Alvarado said the rains had come. "
                   "Fisheries Secretary Ama Mensah agreed on Monday.")
    assert ("Pedro Alvarado", "PERSON") in found
    assert ("Ama Mensah", "PERSON") in found
    assert not any(t in ("Agriculture", "Fisheries") for t, _ in found)


def test_body_and_place_before_a_title_are_kept() -> None:
    found = _names("Labour Party Secretary Ruth Kamau spoke. Ghana Health Minister Kwame Osei left.")
    assert ("Labour Party", "ORG") in found
    assert ("Ghana", "GPE") in found


def test_possessive_inside_an_organisation_name() -> None:
    found = _names("Police said the Workers' Union and the People's Democratic Party had met. "
                   "The Solicitor General's Office in Accra declined to comment.")
    assert ("Workers' Union", "ORG") in found
    assert ("People's Democratic Party", "ORG") in found
    assert ("Solicitor General's Office", "ORG") in found


def test_possessive_of_a_place_or_person_stays_outside() -> None:
    found = _names("Morocco's Central Bank raised rates. Diallo's Office was shut.")
    assert ("Morocco", "GPE") in found
    assert not any("'s" in t for t, _ in found)


def test_sentence_opening_word_and_connector_are_trimmed() -> None:
    found = _names("Shares of Volta Mining fell 3 percent. Outside the Palace of Culture, "
                   "crowds gathered. Lawyers for the Regional Farmers Association objected.")
    assert ("Volta Mining", "ORG") in found
    assert ("Palace of Culture", "FAC") in found
    assert ("Regional Farmers Association", "ORG") in found


def test_names_opening_with_a_head_word_are_not_trimmed() -> None:
    found = _names("Bank of Ghana officials met. Gulf of Guinea patrols resumed.")
    assert ("Bank of Ghana", "ORG") in found
    assert ("Gulf of Guinea", "LOC") in found


def test_place_noun_after_a_name_makes_it_a_location() -> None:
    found = _names("The fire spread through the Lorentz valley and reached the Tarkio "
                   "mountains by Friday. Herders moved into the Okavango delta.")
    assert ("Lorentz", "LOC") in found
    assert ("Tarkio", "LOC") in found
    assert ("Okavango", "LOC") in found


def test_facility_nouns_and_endings() -> None:
    found = _names("Fans filled the Parkstadion before kick-off. Trains stopped at the "
                   "Kastanova station and the Ridgeback tunnel was closed. "
                   "The Lisbon Law Courts were shut.")
    assert ("Parkstadion", "FAC") in found
    assert ("Kastanova", "FAC") in found
    assert ("Ridgeback", "FAC") in found
    assert ("Lisbon Law Courts", "FAC") in found


def test_nationality_before_a_head_word_organisation_stays_in_it() -> None:
    found = _names("The Bangladesh Red Crescent Society and the Turkish Red Crescent sent aid.")
    assert ("Bangladesh Red Crescent Society", "ORG") in found
    assert ("Turkish Red Crescent", "ORG") in found


def test_unknown_word_after_a_place_phrase_is_a_place() -> None:
    found = _names("Drones struck the port of Kavarsk overnight. Families fled towards "
                   "Bellomir on foot.")
    assert ("Kavarsk", "GPE") in found
    assert ("Bellomir", "GPE") in found


def test_unknown_word_listed_with_a_place_is_a_place() -> None:
    found = _names("Floods swept away homes in Dorvashi and Kelmora on Sunday.")
    assert ("Dorvashi", "GPE") in found
    assert ("Kelmora", "GPE") in found


def test_unknown_word_after_a_verb_stays_an_organisation() -> None:
    found = _names("The loan was arranged by Velcorra, the lender said.")
    assert ("Velcorra", "ORG") in found


def test_words_after_a_determiner_do_not_make_a_facility() -> None:
    found = _names("Outside the stadium, police fired tear gas. Imports through the port "
                   "rose in Durban.")
    assert not any(t in ("Outside", "Imports") for t, _ in found)


def test_centres_that_are_buildings_and_station_endings() -> None:
    found = _names("Voters queued at the Kisumu Sports Centre, and trains left Leipzig "
                   "Hauptbahnhof late. Monks fled the Tashigang Monastery.")
    assert ("Kisumu Sports Centre", "FAC") in found
    assert ("Leipzig Hauptbahnhof", "FAC") in found
    assert ("Tashigang Monastery", "FAC") in found


def test_person_of_the_body_is_two_names() -> None:
    found = _names("Judge Mary Achieng of the Industrial Court dismissed the case.")
    assert ("Mary Achieng", "PERSON") in found
    assert ("Industrial Court", "ORG") in found


def test_direction_word_before_a_known_place_is_a_place() -> None:
    found = _names("Central Sulawesi police said the road was open. Troops left East "
                   "Jerusalem. The North Sea froze.")
    assert ("Central Sulawesi", "GPE") in found
    assert ("East Jerusalem", "GPE") in found
    assert ("North Sea", "LOC") in found


def test_the_x_and_y_body_is_one_name() -> None:
    found = _names("The Fire and Rescue Service sent crews. Lawyers went to the Employment "
                   "and Labour Relations Court.")
    assert ("Fire and Rescue Service", "ORG") in found
    assert ("Employment and Labour Relations Court", "ORG") in found


def test_two_bodies_or_places_joined_by_and_stay_two() -> None:
    found = _names("The Kenya and Uganda Railways Corporation closed. Ghana and Togo agreed.")
    assert ("Kenya", "GPE") in found
    assert ("Ghana", "GPE") in found and ("Togo", "GPE") in found


def test_unknown_words_in_a_list_of_places_and_township_phrases() -> None:
    found = _names("Aid reached Khartoum, Balida and Tomra. Houses burned in the townships "
                   "of Kelto and Marrow. In Ankara, Velbrook lost 3-0.")
    for place in ("Balida", "Tomra", "Kelto", "Marrow"):
        assert (place, "GPE") in found
    assert ("Velbrook", "GPE") not in found


def test_body_of_a_country_is_one_name_unless_possessive() -> None:
    found = _names("The Election Commission of Ghana said turnout was high. The Quds Force "
                   "of Iran's Revolutionary Guards Corps left.")
    assert ("Election Commission of Ghana", "ORG") in found
    assert ("Quds Force", "ORG") in found
    assert ("Iran", "GPE") in found


def test_cities_named_as_sides_in_a_match_report_are_clubs() -> None:
    found = _names("Leeds beat Hull 3-1 on Saturday. Fans in Leeds celebrated. Bristol are "
                   "19th after losing 2-0 against Norwich.")
    assert ("Leeds", "ORG") in found and ("Leeds", "GPE") in found
    assert ("Hull", "ORG") in found
    assert ("Bristol", "ORG") in found
    assert ("Norwich", "ORG") in found


def test_cities_stay_places_outside_match_reports() -> None:
    found = _names("Leeds won a bid to host the summit. Talks moved to Hull.")
    assert ("Leeds", "GPE") in found
    assert ("Hull", "GPE") in found


def test_place_noun_right_after_a_name_before_a_verb() -> None:
    found = _names("The Kalto river rose a metre. Troops crossed the Vesna mountains into "
                   "the plain. Ruto will raise glacier risks at the talks.")
    assert ("Kalto", "LOC") in found
    assert ("Vesna", "LOC") in found
    assert ("Ruto", "LOC") not in found


def test_facility_names_joined_by_romance_particles() -> None:
    found = _names("Patients were moved to the Hospital Regional de Talca on Monday. Crowds "
                   "filled the Plaza de Armas. Police ringed Parliament Buildings.")
    assert ("Hospital Regional de Talca", "FAC") in found
    assert ("Plaza de Armas", "FAC") in found
    assert ("Parliament Buildings", "FAC") in found


def test_facility_then_on_a_street_is_two_names() -> None:
    found = _names("Supporters celebrated at the Hotel Meridiano on Avenida Santa Fe.")
    assert ("Hotel Meridiano", "FAC") in found
