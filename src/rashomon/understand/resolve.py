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
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import stable_id
from .resources import fold, load

_PARTICLES = re.compile(r"^(?:al|el|ul|ad|an|ar|as|at|az|ash)[-‐’' ]", re.I)
_ACRONYM_ALIAS = re.compile(r"[A-Z][A-Z.&]{1,7}")
_ABD = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdoul"})
_MUHAMMAD = frozenset({"md", "md.", "mohd", "mohd.", "muhd", "muhd."})
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
_VOWELS = str.maketrans({"o": "u", "e": "i", "y": "i", "w": "w"})


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@lru_cache(maxsize=1 << 16)
def translit(word: str) -> str:
    """A sound key for a name word: "Hussain" / "Husain" -> "husain", "Hussein" / "Hossein" -> "husin"."""
    w = fold(word)
    w = _PARTICLES.sub("", w)
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("ou", "u")
    w = w.replace("oe", "u").replace("dj", "j").replace("tj", "c")  # Soetrisno, Adiwidjojo
    w = w.replace("ee", "i").replace("oo", "u").replace("dh", "d").replace("th", "t")
    w = w.translate(_VOWELS)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


def _distance_le1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> str | None:
    """Why two name words are the same word, or None."""
    if fold(a) == fold(b):
        return "same name"
    ta, tb = translit(a), translit(b)
    if ta == tb:
        return "spelling or transliteration variant"
    if min(len(ta), len(tb)) >= 5 and _distance_le1(ta, tb):
        return "one letter apart"
    return None


def name_words(name: str) -> list[str]:
    """The words of a name without particles and possessives: "Abu Bakr al-Baghdadi" ->
    ["Abu", "Bakr", "Baghdadi"]."""
    return list(_name_words(name))


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    name = re.sub(r"['’]s$", "", name.strip())
    words = [w for w in re.split(r"[\s]+", name) if w]
    out = []
    for w in words:
        w2 = _PARTICLES.sub("", w)
        if fold(w2) in load().particles - {"abu", "abd", "abdel", "abdul"} or not w2:
            continue
        if out and fold(out[-1]) in _ABD:
            out[-1] += w2  # "Abdel Fattah" / "Abdel-Fattah" / "Abdelfattah"
        else:
            out.append(w2)
    return tuple(out)


def _given_last(words: list[str]) -> bool:
    """"Choi Dong-hyun", "Kim Jong-un": a hyphenated given name after the family name."""
    return len(words) == 2 and bool(_HYPHENATED_GIVEN.fullmatch(words[1]))


def family_slots(words: list[str]) -> list[str]:
    """The words of a full name that its bearer's surname alone can be: the last word;
    the first of two surnames ("Rosa Trujillo Paredes" -> Trujillo); the first word when
    the family name is written first with a hyphenated given name ("Choi Dong-hyun")."""
    if len(words) < 2:
        return list(words)
    if _given_last(words):
        return [words[0]]
    slots = [words[-1]]
    if len(words) >= 3 and fold(words[-2]) not in load().given_names:
        slots.append(words[-2])
    return slots


@lru_cache(maxsize=1 << 16)
def person_match(a: str, b: str) -> str | None:
    """Why two person names name the same person (b may be a surname alone), or None."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    if len(wa) > 1 and len(wb) > 1 and len(wa) != len(wb) and "".join(
            map(translit, wa)) == "".join(map(translit, wb)):
        return "hyphen or spacing differs"  # "Okoye-Bello" / "Okoye Bello"
    if len(wa) == 1 and len(wb) == 1:
        why = same_word(wa[0], wb[0])
        return None if why is None else "surname" if why == "same name" else f"surname, {why}"
    if len(wa) == 1 or len(wb) == 1:
        single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        for k, slot in enumerate(family_slots(full)):
            why = same_word(single[0], slot)
            if why:
                kind = ("family name" if _given_last(full) else "surname" if k == 0
                        else "first surname")
                return kind if why == "same name" else f"{kind}, {why}"
        return None
    why = _full_match(wa, wb)
    if why is None:
        for x, y in ((wa, wb), (wb, wa)):
            if len(x) >= 3 and _is_muhammad(x[0]) and not _is_muhammad(y[0]):
                why = _full_match(x[1:], y)
                if why:
                    why = ", ".join(sorted({*why.split(", "), "a leading Muhammad given or not"}
                                           - {"same name"}))
                    break
    if why == "same name" and fold(a) != fold(b):
        return "article al-, capitals or spacing differ"
    return why


def given_name_match(single: str, full: str) -> str | None:
    """"Oleksandr" for "Oleksandr Kovalenko": a given name alone (a known given name, or
    the first word of a plain two-word name; the second when written family name first)."""
    words, sw = name_words(full), name_words(single)
    if len(words) < 2 or len(sw) != 1:
        return None
    given = words[1] if _given_last(words) else words[0]
    if _is_muhammad(given) or not same_word(sw[0], given):
        return None
    res = load()
    if fold(given) not in res.given_names and (len(words) > 2 or any(
            fold(w) in res.gpe for w in words)):
        return None  # an unknown word is a given name only in a plain two-word name
    return "given name alone"


def _is_muhammad(word: str) -> bool:
    return fold(word) in _MUHAMMAD or translit(word) in ("muhamad", "muhamid")


def _given_match(a: str, b: str, long_name: bool) -> str | None:
    """Given names: the same, a short form ("Dan" / "Daniel", "Wale" / "Olawale") or, in
    names of three words or more, one letter apart ("Omer" / "Omar")."""
    why = same_word(a, b)
    if why:
        return why
    if _is_muhammad(a) and _is_muhammad(b):
        return "spelling or transliteration variant"
    fa, fb = sorted((re.sub(r"[^a-z]", "", fold(a)), re.sub(r"[^a-z]", "", fold(b))), key=len)
    if len(fb) >= len(fa) + 3 and (len(fa) >= 3 and fb.startswith(fa)
                                   or len(fa) >= 4 and fb.endswith(fa)):
        return "short form of the given name"
    if long_name and min(len(fa), len(fb)) >= 4 and _distance_le1(fa, fb):
        return "one letter apart"
    return None


def _full_match(wa: list[str], wb: list[str]) -> str | None:
    """Two names of two words or more."""
    if len(wa) == 2 == len(wb) and not same_word(wa[0], wb[0]) and same_word(
            wa[0], wb[1]) and same_word(wa[1], wb[0]):
        return "family name written first in one"  # "Hoshino Daisuke" / "Daisuke Hoshino"
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    reasons = set()
    last = same_word(shorter[-1], longer[-1])
    end = len(longer) - 1
    if not last and len(wa) == len(wb) >= 3:
        given = load().given_names
        for x, y in ((wa, wb), (wb, wa)):  # "Carlos Alberto Mendoza" / "Carlos Mendoza Quispe"
            if same_word(x[-1], y[-2]) and fold(x[-2]) in given and not (
                    {fold(y[-1]), fold(y[-2])} & given) and _full_match(x + [y[-1]], y):
                return "a middle name and a second surname given or not"
        return None
    if not last and len(longer) >= 3 and len(longer) > len(shorter):
        last = same_word(shorter[-1], longer[-2])  # "Renzo Villanueva" / "... Villanueva Salas"
        if not last or fold(longer[-2]) in load().given_names:
            return None
        reasons.add("second surname given or not")
        end = len(longer) - 2
    if not last:
        return None
    long_name = len(shorter) >= 3
    first = _given_match(shorter[0], longer[0], long_name)
    if not first or first == "short form of the given name" and last != "same name":
        return None  # different given names: relatives or namesakes, never the same
    middle_ok = all(any(same_word(w, x) for x in longer[1:end]) for w in shorter[1:-1])
    if not middle_ok:
        return None
    reasons |= {r for r in (first, last) if r != "same name"}
    if end - 1 > len(shorter) - 2:
        reasons.add("a middle name given or not")
    return ", ".join(sorted(reasons)) or "same name"


def _is_acronym(alias: str) -> bool:
    return bool(_ACRONYM_ALIAS.fullmatch(alias))


def initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF"; names of fewer than two words have none."""
    words = [w for w in name.split() if w and w[0].isupper() and fold(w) not in ("the",)]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words)


_FUNCTION_WORDS = frozenset({"and", "&", "for", "on", "in", "de", "del", "des", "du", "la",
                             "le", "et", "y"})


def org_key(name: str) -> str:
    res = load()
    words = [fold(w) for w in re.split(r"[\s-]+", re.sub(r"['’]s$", "", name))
             if w and fold(w) not in res.generic_org_words and fold(w) not in ("al", "el")]
    words = [re.sub(r"(?<=[a-z]{3})s$", "", w) for w in words]  # Guards / Guard
    words = [re.sub(r"(?<=tion)ary$", "", w) for w in words]    # Revolutionary / Revolution
    keys = [t for t in (translit(w) for w in words if w not in _FUNCTION_WORDS) if t]
    if len(keys) >= 3:  # "National Service of Geology and Mining" / "... Mining Service"
        keys.sort()
    return " ".join(keys)


def acronym_of(acr: str, name: str) -> bool:
    acr = acr.replace(".", "").upper()
    if len(acr) < 2:
        return False
    full = initials(name).upper()
    content = "".join(w[0] for w in re.split(r"[\s-]+", name)
                      if w and w[0].isupper() and fold(w) not in ("the",)).upper()
    return acr in (full, content)


@dataclass
class LocalEntity:
    """The mentions of one entity inside one article."""

    article_id: str
    label: str
    name: str                       # its fullest form in the article
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, of, why)
    aliases: set[str] = field(default_factory=set)
    weak: bool = True               # typed by default only (no evidence of its own)

    @classmethod
    def of(cls, article_id: str, e) -> LocalEntity:
        """From an article's stored entity (:class:`rashomon.model.ArticleEntity`)."""
        return cls(article_id, e.label, e.name, [(m.start, m.end, m.text) for m in e.mentions],
                   [(r.alias, r.of, r.reason) for r in e.reasons], set(e.aliases), e.weak)


@dataclass(eq=False)  # compared by identity: one object per workspace entity
class GlobalEntity:
    id: str
    label: str
    name: str
    members: list[LocalEntity]
    reasons: list[tuple[str, str, str]]
    names: set[str] = field(default_factory=set)       # every alias of every member
    _by_length: tuple[str, ...] | None = None

    def add(self, ent: LocalEntity) -> None:
        self.members.append(ent)
        self.reasons.extend(ent.reasons)
        if not ent.aliases <= self.names:
            self.names |= ent.aliases
            self._by_length = None

    def names_by_length(self) -> tuple[str, ...]:
        """Its names, the longest first (cached until a member brings a new one)."""
        if self._by_length is None:
            self._by_length = tuple(sorted(self.names, key=lambda o: (-len(o), o)))
        return self._by_length


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


TOWN_REASON = "the town stands for the organisation named after it in the same article"
PLACED_REASON = "named as a place (dateline, 'in X')"
ADMIN_REASON = "a province or state named so in the text, not the city"
_ADMIN_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+)\b")
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|around|throughout|"
                       r"city of|town of)\s+$", re.I)


def _key(label: str, text: str, admin: bool = False) -> str:
    res = load()
    folded = fold(re.sub(r"['’]s$", "", text))
    if label == "GPE":
        words = folded.split()
        if len(words) > 1 and words[-1] in res.admin_heads:  # "Rakhine State"
            folded, admin = " ".join(words[:-1]), True
        key = fold(res.gpe.get(folded, folded))
        return f"{key}|admin" if admin else key
    if label == "NORP":
        return fold(res.norp.get(folded, res.norp.get(folded.rstrip("s"), folded)))
    if label == "PERSON":
        return _sound_key(text)
    if label == "LOC":  # "Gaza Strip" / "Gaza", "Sinai Peninsula" / "Sinai"
        text = re.sub(r"(?<=\w)\s+(?:Strip|Heights|Peninsula|Valley|Desert|Archipelago|Delta|"
                      r"Highlands|Plateau)$", "", re.sub(r"['’]s$", "", text))
    return org_key(text)


def _is_admin(ent: LocalEntity) -> bool:
    return ent.label == "GPE" and any(r[2] == ADMIN_REASON for r in ent.reasons)


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


def _retype_weak(local: list[LocalEntity]) -> None:
    """A name typed only by default takes the type the same name has, with evidence,
    elsewhere in the workspace ("Ayn al-Asad", a base where another outlet says so)."""
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in local:
        if not e.weak:
            votes[_sound_key(e.name)][e.label] += len(e.mentions)
    for e in local:
        if e.weak and votes.get(_sound_key(e.name)):
            best = max(sorted(votes[_sound_key(e.name)].items()), key=lambda kv: kv[1])[0]
            if best != e.label:
                e.reasons.append((e.name, e.name, f"typed {best} as elsewhere in the workspace"))
                e.label = best


def _sound_key(name: str) -> str:
    return " ".join(translit(w) for w in name_words(name))


def resolve(local: list[LocalEntity]) -> list[GlobalEntity]:
    """Merge the articles' entities into workspace entities, deterministically."""
    _retype_weak(local)
    order = sorted(local, key=lambda e: (e.weak, e.label, -len(name_words(e.name)),
                                         fold(e.name), e.article_id))
    clusters: list[GlobalEntity] = []
    index: dict[tuple[str, str], list[GlobalEntity]] = defaultdict(list)
    countries = _countries(local)
    for ent in order:
        target, why = _find(ent, index, countries)
        if target is None:
            target = GlobalEntity("", ent.label, ent.name, [], [])
            clusters.append(target)
        elif why:
            target.reasons.append((ent.name, target.name, why))
        if target.label != ent.label:
            ent.label = target.label
        target.add(ent)
        for key in _index_keys(ent):
            if target not in index[key]:
                index[key].append(target)
    _town_clubs(clusters, countries)
    used: set[str] = set()
    for c in clusters:
        c.name = _canonical(c)
        c.id = stable_id("e", c.label, fold(c.name))
        if c.id in used:  # two entities of one name (namesakes kept apart): the first
            first = min((m.article_id, m.mentions[0][0]) for m in c.members)  # mention decides
            c.id = stable_id("e", c.label, fold(c.name), first[0], str(first[1]))
        used.add(c.id)
    return clusters


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


def _countries(local: list[LocalEntity]) -> dict[str, frozenset[str]]:
    """The countries each article is mostly about (named, or by their demonyms)."""
    res = load()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in local:
        if e.label not in ("GPE", "NORP"):
            continue
        for _, _, t in e.mentions:
            f = fold(re.sub(r"['’]s$", "", t))
            c = res.gpe.get(f) if e.label == "GPE" else res.norp.get(f, res.norp.get(f[:-1]))
            if c in res.countries:
                counts[e.article_id][c] += 1
    return {aid: frozenset(c for c, k in cnt.items() if 2 * k >= max(cnt.values()))
            for aid, cnt in counts.items()}


def _same_country(ent: LocalEntity, c: GlobalEntity, countries: dict,
                  strict: bool = False) -> bool:
    """An acronym names one body per country: "CGT" in France is not "CGT" in Argentina
    (international bodies aside: "UN", "World Bank")."""
    if any(fold(a).replace(".", "") in _INTERNATIONAL or _INTERNATIONAL_WORDS & set(
            fold(a).split()) for a in ent.aliases | {ent.name}):
        return True
    mine = countries.get(ent.article_id, frozenset())
    theirs = frozenset().union(*(countries.get(m.article_id, frozenset()) for m in c.members))
    return bool(mine & theirs) if strict else not mine or not theirs or bool(mine & theirs)


_INSTITUTION_WORDS = _wordset(
    "supreme constitutional high federal central electoral interior foreign defence defense "
    "finance justice health education security intelligence election elections affairs public "
    "prosecution prosecutor prosecutors general attorney national state ministry home trade "
    "labour labor agriculture energy environment transport communications information internal "
    "economy economic presidential police armed forces army navy air force court courts "
    "parliament senate assembly council cabinet government office commission authority agency "
    "service bank reserve treasury customs immigration border revenue tax statistics "
    "meteorological weather disaster management emergency republican democratic socialist "
    "liberal conservative people's peoples workers union party front movement opposition "
    "ruling military")
#: bodies of many countries: their names and acronyms are not tied to one country
_INTERNATIONAL = _wordset(
    "un eu nato who imf au icc icrc opec asean unicef unhcr wfp iaea osce wto oecd g7 g20 "
    "brics ecowas igad sadc unesco fao ilo interpol europol fifa uefa ioc ocha undp unrwa "
    "msf hrw oas gcc")
_INTERNATIONAL_WORDS = _wordset("nations international world global european african asian "
                                "arab league")


def _generic_org(name: str) -> bool:
    """"Constitutional Court", "Interior Ministry": a name every country has."""
    res = load()
    words = [fold(w) for w in re.split(r"[\s-]+", name) if w and fold(w) not in (
        "of", "the", "and", "for", "on")]
    return bool(words) and not _INTERNATIONAL_WORDS & set(words) and all(
        w in _INSTITUTION_WORDS or w in res.org_heads or w in res.generic_org_words
        for w in words)


def _expansions_agree(ent: LocalEntity, c: GlobalEntity) -> bool:
    """Two organisations whose acronyms agree but whose full names differ are two."""
    mine = {org_key(a) for a in ent.aliases | {ent.name} if not _is_acronym(a)}
    theirs = {org_key(a) for a in _names_of(c) if not _is_acronym(a)}
    return not mine or not theirs or bool(mine & theirs)


def _index_keys(ent: LocalEntity) -> list[tuple[str, str]]:
    keys = set()
    admin = _is_admin(ent)
    for alias in ent.aliases | {ent.name}:
        keys.add((ent.label, _key(ent.label, alias, admin)))
        if ent.label == "PERSON":
            for w in name_words(alias):
                keys.add(("PERSON-word", translit(w)[:2]))
        skeleton = _skeleton(ent.label, alias)
        if skeleton:
            keys.add(("skeleton", skeleton))
        if ent.label == "ORG":
            if _is_acronym(alias):
                keys.add(("ORG-acronym", alias.replace(".", "")))
            elif initials(alias):
                keys.add(("ORG-acronym", initials(alias).upper()))
    return sorted(keys)


def _find(ent: LocalEntity, index, countries: dict) -> tuple[GlobalEntity | None, str | None]:
    res = load()
    words = name_words(ent.name)
    if ent.weak and len(words) == 1 and ent.label in ("ORG", "PERSON") and fold(
            ent.name) not in res.gpe:
        # a lone word typed by default: the surname of a person named in another article?
        found = []
        for c in index.get(("PERSON-word", translit(words[0])[:2]), []):
            if _real_person(c) and _same_country(ent, c, countries) and any(
                    len(name_words(o)) > 1 and person_match(o, ent.name) for o in c.names):
                found.append(c)
        if len(found) == 1:
            return found[0], f"surname of {found[0].name}, named in another article"
    admin = _is_admin(ent)
    for alias in sorted(ent.aliases | {ent.name}, key=len, reverse=True):
        hits = index.get((ent.label, _key(ent.label, alias, admin)), [])
        if hits and ent.label == "ORG" and (_is_acronym(alias) or _generic_org(alias)):
            hits = [c for c in hits if _same_country(ent, c, countries)
                    and _expansions_agree(ent, c)]
        if hits and ent.label != "PERSON":
            return hits[0], None if fold(alias) == fold(hits[0].name) else _variant_reason(
                ent.label, alias, hits[0].name)
    if ent.label == "PERSON":
        return _find_person(ent, index, countries)
    for alias in sorted(ent.aliases | {ent.name}, key=len, reverse=True):
        skeleton = _skeleton(ent.label, alias)
        hits = [c for c in index.get(("skeleton", skeleton), []) if c.label == ent.label and (
            not _generic_org(alias) or _same_country(ent, c, countries))] if skeleton else []
        if len(hits) == 1:
            return hits[0], "spelling or transliteration variant"
    if ent.label == "ORG":
        for alias in ent.aliases | {ent.name}:
            key = alias.replace(".", "") if _is_acronym(alias) else \
                initials(alias).upper()
            hits = index.get(("ORG-acronym", key), []) if key else []
            if len(hits) == 1 and len(key) >= 2 and (
                    _is_acronym(alias) or any(_is_acronym(a) for a in _names_of(hits[0]))) and \
                    _same_country(ent, hits[0], countries) and _expansions_agree(ent, hits[0]):
                return hits[0], "acronym and its expansion"
    return None, None


def _skeleton(label: str, name: str) -> str:
    """The consonants of an organisation's or place's name: "Hezbollah" / "Hizballah" ->
    "hzblh" (long enough to be telling: five consonants or more)."""
    if label not in ("ORG", "FAC", "LOC") or _is_acronym(name):
        return ""
    key = re.sub(r"[aeiouy\s]|(.)(?=\1)", "", org_key(name))
    return f"{label}:{key}" if len(key) >= 5 else ""


def _find_person(ent: LocalEntity, index, countries: dict
                 ) -> tuple[GlobalEntity | None, str | None]:
    """The one person named in another article that this one can be; none if several. A
    given name alone is taken only within articles about the same country."""
    words = name_words(ent.name)
    full = len(words) > 1
    candidates: list[tuple[GlobalEntity, str]] = []
    seen: set[int] = set()
    probe = sorted({translit(w)[:2] for w in (words if full else [
        x for a in ent.aliases for x in name_words(a)]) if not _is_muhammad(w)})
    for key in probe:
        for c in index.get(("PERSON-word", key), []):
            if id(c) in seen:
                continue
            seen.add(id(c))
            for other in c.names_by_length():
                if full and len(_name_words(other)) < 2:
                    continue
                why = person_match(other, ent.name)
                if why and (full or _same_country(ent, c, countries)):  # a surname alone
                    candidates.append((c, why if why == "same name" else f"{why} of {other}"))
                    break
            if len(candidates) > 1:
                return None, None
    if not candidates and not full:
        for c in index.get(("PERSON-word", translit(words[0])[:2]), []):
            if any(given_name_match(ent.name, o) for o in c.names) and _same_country(
                    ent, c, countries, strict=True) and c not in [x for x, _ in candidates]:
                candidates.append((c, f"given name alone of {c.name}, in another article"))
    if len(candidates) == 1:
        return candidates[0]
    return None, None


def _real_person(c: GlobalEntity) -> bool:
    """A person cluster with evidence of being one: a title, or a known given name."""
    res = load()
    return any(r[2] == "title stripped" for r in c.reasons) or any(
        fold(name_words(a)[0]) in res.given_names for a in _names_of(c)
        if len(name_words(a)) > 1)


def _names_of(c: GlobalEntity) -> set[str]:
    return c.names


def _variant_reason(label: str, a: str, b: str) -> str:
    if label in ("GPE", "NORP"):
        return "the same place in the gazetteer"
    if re.sub(r"^(?:the\s+)?(?:al|el)[-‐ ]", "", fold(a)) == re.sub(
            r"^(?:the\s+)?(?:al|el)[-‐ ]", "", fold(b)):
        return "article al- / capitals differ"
    return "spelling or transliteration variant"


def _canonical(c: GlobalEntity) -> str:
    counts: dict[str, int] = defaultdict(int)
    for m in c.members:
        for _, _, text in m.mentions:
            counts[re.sub(r"['’]s$", "", text)] += 1
    if c.label == "PERSON":
        return max(counts, key=lambda n: (len(name_words(n)), counts[n], n))
    if c.label == "GPE":
        res = load()
        for n in sorted(counts, key=lambda n: (-counts[n], n)):
            canonical = res.gpe.get(fold(n))
            if canonical and canonical in res.countries:
                return canonical
    best = max(counts, key=lambda n: (counts[n], not n.isupper(), len(n), n))
    if c.label == "ORG" and any(r[2] == TOWN_REASON for r in c.reasons):
        # "Dortmund" said more often than "Borussia Dortmund": the club's full name
        longer = [n for n in counts if n.endswith(f" {best}")]
        if longer:
            return max(longer, key=lambda n: (counts[n], n))
    return best
