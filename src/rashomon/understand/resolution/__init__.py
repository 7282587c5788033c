"""One entity per real-world actor: merge names across spellings, transliterations, titles,
acronyms and articles, and say why each merge was made.

Merges: the same name; a transliteration variant (Hussein / Husain / Hossein, Soetrisno /
Sutrisno: letters folded by sound, then at most one letter apart); the Arabic article and
joined forms (al-X / X, Abdel Fattah / Abdelfattah); a surname alone standing for the one
full name of the article whose family-name slot it fills (last word, first of two
surnames, or the first word of "Choi Dong-hyun"); a given name alone for the one person
it starts; a middle name or a second surname present or not; short given names (Dan /
Daniel); a leading Muhammad; family name written first in one; an acronym and its
expansion; "also known as" aliases; a province named with and without "Province".
Never merged: different types; people whose given names differ; a bare surname two people
of an article share; a city and the province of the same name ("X" / "X Province", the
dateline / "X Governor"); an organisation and another whose name contains it; one acronym
or one generic name ("Supreme Court") in articles about different countries, or with
different expansions; countries are matched by their gazetteer name only, so Iran / Iraq
and Niger / Nigeria stay apart.

Modules: ``words`` (name words, sound keys), ``persons`` (person-name matching), ``orgs``
(acronyms, organisation spelling keys, generic and international names), ``entities``
(the article and workspace entities), ``keys`` (match keys, merge reasons), ``places``
(places vs people, cities vs provinces, towns vs clubs), ``countries`` (the countries an
article is about), ``article`` (within one article), ``workspace`` (across articles).
"""

from __future__ import annotations

from .article import cluster_article
from .entities import GlobalEntity, LocalEntity
from .persons import given_name_match, person_match
from .words import same_word
from .workspace import resolve

__all__ = ["GlobalEntity", "LocalEntity", "cluster_article", "given_name_match", "person_match",
           "resolve", "same_word"]
