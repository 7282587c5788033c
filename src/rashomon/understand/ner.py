"""Names in an article: find capitalised name runs, strip titles, split what is two names,
and type each span from general gazetteers, head words and the document's own evidence.

The steps, each a function: ``runs`` (capitalised token runs with their connectors),
``split_titles`` (a title is evidence of a person and not part of the name),
``trim`` (sentence-initial words, possessives), ``classify`` (type by rules in order of
trust), then ``document_evidence`` (a surname seen in a full name, an acronym defined in
brackets, a name seen after a title once is a person everywhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .resources import Resources, fold, load

_CONNECTORS = {"of", "for", "and", "in", "on", "the", "&", "de", "du", "des", "la", "le", "y"}
#: "X on Thursday", "X in March": a date after a connector is not part of the name.
_CALENDAR = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"])
_APOS = ("'s", "’s", "'", "’")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|[A-Z](?:\.[A-Z])+\.?|[A-Z]{1,4}&[A-Z]{1,4})$")
_NOUN_AFTER = re.compile(r"^([a-z]+)(?:\s+([a-z]+))?\b")
_PERSON_CONTEXT_AFTER = re.compile(r"^\s*,\s*(?:\d{1,3},|who\b|whose\b|aged \d)")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    sent_start: bool
    i: int


@dataclass
class Name:
    """A candidate name span (token indices [a, b)) with what is known about it."""

    a: int
    b: int
    start: int
    end: int
    text: str
    label: str | None = None
    titled: str | None = None      # the title seen before it ("Gen.")
    evidence: list[str] = field(default_factory=list)
    weak: bool = False             # typed by default, with no evidence of its own
    rule: str = ""                 # which rule typed it (a feature for the trained typer)


def tokens_of(doc) -> list[Tok]:
    out = []
    prev = ""
    for t in doc:
        start = bool(t.is_sent_start) or prev.isspace() or prev in (
            '"', "“", "‘", "(", "[", "—", "–", ":", "-")
        if not t.text.isspace():
            out.append(Tok(t.text, t.idx, t.idx + len(t.text), start, len(out)))
        prev = t.text if not t.text.isspace() or "\n" in t.text else prev
    return out


def _cap(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text[1:]))


def runs(toks: list[Tok], res: Resources) -> list[tuple[int, int]]:
    """Token index ranges of capitalised name runs, with inner connectors and particles."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        starts_particle = fold(t.text) in res.particles and i + 2 < n and toks[i + 1].text == "-" \
            and _cap(toks[i + 2].text)
        if not (_cap(t.text) or starts_particle) or t.text in ("-", "—"):
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = toks[j].text
            if _cap(nxt) and not toks[j].sent_start:
                j += 1
            elif nxt in ("'s", "’s") and j + 1 < n and _cap(toks[j + 1].text) and fold(
                    f"{toks[j - 1].text}'s {toks[j + 1].text}") in res.gpe:
                j += 2  # "Cox's Bazar": the possessive is part of the place's name
            elif nxt in _APOS and _possessive_org(toks, j, res):
                j += 2  # "People's Liberation Army", "Attorney General's Office"
            elif nxt == "-" and j + 1 < n and _cap(toks[j + 1].text) and toks[j].start == toks[j - 1].end \
                    and toks[j + 1].start == toks[j].end:
                j += 2  # Al-Quds, Saudi-Iranian is split later by the gazetteer
            elif nxt == "-" and j + 1 < n and j - 1 > i and _syllables(toks, j):
                j += 2  # "Kim Woo-hyun", "Moon Jae-in": a hyphenated given name
            elif nxt == "," and _listed_name(toks, i, j, res):
                j += 1  # "Ministry of Trade, Industry and Energy"
            elif fold(nxt) in res.particles and j + 1 < n and (
                    _cap(toks[j + 1].text) or toks[j + 1].text == "-" and j + 2 < n
                    and _cap(toks[j + 2].text)):
                j += 1  # bin, al, de, van
            elif nxt.lower() in _CONNECTORS and j + 1 < n and not (
                    nxt.lower() in ("on", "in") and toks[j + 1].text.lower() in _CALENDAR) and (
                    _cap(toks[j + 1].text) or nxt.lower() in ("of", "for") and j + 2 < n
                    and toks[j + 1].text.lower() == "the" and _cap(toks[j + 2].text)):
                j += 1
            else:
                break
        while j > i and (toks[j - 1].text.lower() in _CONNECTORS and not (
                j - 2 > i and toks[j - 2].text == "-" and toks[j - 2].end == toks[j - 1].start)
                or toks[j - 1].text == "-"):
            j -= 1  # a connector at the end is not the name's ("Jae-in" keeps its "in")
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _possessive_org(toks: list[Tok], j: int, res: Resources) -> bool:
    """Is the possessive at ``toks[j]`` inside an organisation's name: a collective or
    office word before it ("People's", "Attorney General's", "Longshoremen's") and
    capitalised words with an organisation or facility head after it?"""
    owner = fold(toks[j - 1].text)
    if not (owner in res.possessive_owners or owner.endswith("men") and len(owner) > 4) \
            or toks[j].start != toks[j - 1].end:
        return False
    heads = res.org_heads | res.fac_heads
    k = j + 1
    found = False
    while k < len(toks) and k < j + 7 and (_cap(toks[k].text) and not toks[k].sent_start or
                                           toks[k].text in ("of", "and") and k > j + 1):
        found = found or fold(toks[k].text) in heads
        k += 1
    return found


_COMPOUND = re.compile(r"(?:backed|led|based|aligned|allied|affiliated|sponsored|funded|"
                       r"controlled|held|made|born|run|owned|occupied|linked|friendly|style)$")


def _syllables(toks: list[Tok], j: int) -> bool:
    """Is ``toks[j]`` a hyphen inside a two-syllable given name ("Woo-hyun", "Jae-in")?"""
    left, right = toks[j - 1], toks[j + 1]
    return left.end == toks[j].start and toks[j].end == right.start and left.text.isalpha() \
        and right.text.isalpha() and right.text.islower() and len(left.text) <= 5 \
        and len(right.text) <= 5 and not _COMPOUND.match(right.text)


def _listed_name(toks: list[Tok], i: int, j: int, res: Resources) -> bool:
    """Does the comma at ``j`` list words inside one organisation's name: "Ministry of
    Trade, Industry and Energy" (an opener, "of", then "A, B and C")?"""
    if fold(toks[i].text) not in res.org_openers or not any(
            t.text in ("of", "for") for t in toks[i + 1:j]):
        return False
    k = j + 1
    while k < len(toks) and k < j + 8 and (_cap(toks[k].text) or toks[k].text == ","):
        k += 1
    return k + 1 < len(toks) and toks[k].text == "and" and _cap(toks[k + 1].text) \
        and toks[k - 1].text != ","


def _span_text(text: str, toks: list[Tok], a: int, b: int) -> str:
    return text[toks[a].start:toks[b - 1].end]


def split_run(text: str, toks: list[Tok], a: int, b: int, res: Resources) -> list[Name]:
    """Split a run at titles and at connectors that do not belong inside one name."""
    heads = res.org_heads | res.fac_heads
    for k in range(a + 2, b - 1):
        # a complete name, then "in <place>" or "and <another name>": two names
        # ("Mulago Hospital in Kampala", "State Bank of India and ING")
        word = toks[k].text.lower()
        before = fold(toks[k - 1].text)
        if word == "in" and before in heads or word == "and" and (
                before in heads or before in res.countries_folded and toks[k - 2].text == "of"):
            return split_run(text, toks, a, k, res) + split_run(text, toks, k + 1, b, res)
    if fold(toks[b - 1].text) in heads and b - a > 1:
        return _connected(text, toks, a, b, res)  # "Premier League", "King Khalid Airport"
    # titles: "Party Secretary General Sheikh Ali Hamid"
    k = a
    while k < b:
        m = _title_at(toks, k, b, res)
        if m:
            left = _connected(text, toks, a, k, res)
            right_start = m
            while True:  # titles in a row: "Supreme Leader Ayatollah"
                m2 = _title_at(toks, right_start, b, res)
                if not m2:
                    break
                right_start = m2
            title = _span_text(text, toks, k, right_start)
            rest = split_run(text, toks, right_start, b, res) if right_start < b else []
            if rest and not rest[0].titled and rest[0].a == right_start:
                rest[0].titled = title
                rest[0].evidence.append(f"after the title {title!r}")
            return left + rest
        k += 1
    return _connected(text, toks, a, b, res)


def _title_at(toks: list[Tok], k: int, b: int, res: Resources) -> int | None:
    """End index of the longest title starting at token k (not the last token of the run)."""
    for length in range(min(res.max_title_len, b - k - 1), 0, -1):
        words = tuple(fold(t.text) for t in toks[k:k + length])
        if words in res.titles and toks[k + length].text.lower() not in _CONNECTORS:
            return k + length
    return None


def _connected(text: str, toks: list[Tok], a: int, b: int, res: Resources) -> list[Name]:
    """Split a title-free run at connectors unless the whole is one name."""
    if a >= b:
        return []
    whole = _span_text(text, toks, a, b)
    lowered = [t.text.lower() for t in toks[a:b]]
    connectors = [k for k in range(a + 1, b) if toks[k].text.lower() in _CONNECTORS
                  and not (k > a and toks[k - 1].text == "-" and toks[k - 1].end == toks[k].start)]
    if not connectors or fold(whole) in res.gpe or fold(whole) in res.loc:
        return [Name(a, b, toks[a].start, toks[b - 1].end, whole)]
    words = {fold(t.text) for t in toks[a:b]}
    orgish = bool(words & (res.org_heads | res.org_openers | res.loc_heads | res.fac_heads
                           | res.fac_openers))
    k = connectors[0]
    if fold(toks[a].text) in res.given_names and toks[k].text.lower() == "of" and k - a >= 2 \
            and k + 2 < b and toks[k + 1].text.lower() == "the" \
            and not {fold(t.text) for t in toks[a:k]} & (res.org_heads | res.fac_heads
                                                         | res.generic_org_words):
        # "Grace Wanjiku of the Environment and Land Court": a person, then a body
        return [Name(a, k, toks[a].start, toks[k - 1].end, _span_text(text, toks, a, k)),
                *_connected(text, toks, k + 2, b, res)]
    if orgish and "and" not in lowered[:1]:
        # "Ministry of Electricity and Water", "Islamic Resistance in Iraq", "Gulf of Aden"
        first = fold(toks[a].text)
        k = connectors[0]
        left_words = {fold(t.text) for t in toks[a:k]}
        conn = toks[k].text.lower()
        if conn == "in" and not (b - k == 2 and fold(toks[b - 1].text) in res.gpe):
            pass  # "Space Center in Kagoshima Prefecture": two names
        elif conn == "and" and len(connectors) == 1 and (
                toks[a].text == "The" or a > 0 and toks[a - 1].text.lower() == "the") \
                and fold(toks[b - 1].text) in res.org_heads | res.fac_heads and not any(
                    w in res.gpe or w in res.norp or w in res.org_heads or w in res.given_names
                    for w in left_words - {"the"}):
            # "the Employment and Labour Relations Court", "the Fire and Rescue Service"
            return [Name(a, b, toks[a].start, toks[b - 1].end, whole)]
        elif conn in ("of", "for", "the", "de", "del", "do", "da", "du", "des") or left_words & (
                res.org_heads | res.org_openers) or first in res.org_openers:
            return [Name(a, b, toks[a].start, toks[b - 1].end, whole)]
    # otherwise two names: "Kenya and Uganda", "Hamas in Gaza"
    out: list[Name] = []
    start = a
    for k in [*connectors, b]:
        if k > start:
            out.append(Name(start, k, toks[start].start, toks[k - 1].end,
                            _span_text(text, toks, start, k)))
        start = k + 1
    return out


def trim(name: Name, text: str, toks: list[Tok], res: Resources, lower_vocab: set[str]) -> Name | None:
    """Drop sentence-initial common words and possessive endings; None when nothing is left."""
    a, b = name.a, name.b
    while a < b and (fold(toks[a].text) in res.not_names and not _ACRONYM.match(toks[a].text)
                     or toks[a].sent_start and (
            toks[a].text.lower() in lower_vocab or toks[a].text.endswith(("ing", "ly"))
            and fold(toks[a].text) not in res.gpe or toks[a].text.lower() in res.person_roles
            and b - a > 2)):
        if name.titled:
            break
        if toks[a].text.lower() in res.person_roles and b - a > 2:
            name.titled = toks[a].text  # "Striker Ahmed Musa": a role, then the person
            name.evidence.append(f"after the title {toks[a].text!r}")
        a += 1
    if a + 2 < b and toks[a].sent_start and not name.titled and toks[a + 1].text.lower() in (
            "of", "for", "the") and fold(toks[a].text) not in _OPENING_WORDS(res) \
            and fold(name.text) not in res.gpe and fold(name.text) not in res.loc:
        # "Shares of Tata Steel", "Lawyers for the ACLU", "Outside the Palace of Justice":
        # a sentence's first word and a connector, then the name
        a += 2 if toks[a + 1].text.lower() == "the" or toks[a + 2].text.lower() != "the" else 3
    while b > a and toks[b - 1].text in _APOS:
        b -= 1
    if a >= b:
        return None
    if a == name.a and b == name.b:
        return name
    return Name(a, b, toks[a].start, toks[b - 1].end, _span_text(text, toks, a, b), name.label,
                name.titled, name.evidence)


def _OPENING_WORDS(res: Resources) -> frozenset[str]:  # noqa: N802
    """Words that open names of their own ("Bank of", "Gulf of", "Palace of")."""
    return res.org_heads | res.org_openers | res.fac_heads | res.fac_openers | res.loc_heads \
        | res.loc_openers | res.admin_heads | res.club_openers


def classify(name: Name, text: str, toks: list[Tok], res: Resources) -> str | None:
    """The type of a name from its own words and its immediate context (``name.rule`` says
    which rule decided)."""
    label, name.rule = _classify(name, text, toks, res)
    return label


def _classify(name: Name, text: str, toks: list[Tok], res: Resources) -> tuple[str | None, str]:
    words = [t.text for t in toks[name.a:name.b]]
    key = fold(name.text)
    folded = [fold(w) for w in words]
    first, last = folded[0], folded[-1]
    after_low = text[name.end:name.end + 40].lower().lstrip()
    if name.titled and not (last in res.org_heads and len(words) > 1):
        return "PERSON", "titled"
    if key in res.loc or len(words) > 1 and (last in res.loc_heads or first in res.loc_openers
                                             and folded[1] in ("of", "de")) and key not in res.gpe:
        return "LOC", "loc"
    if len(words) > 1 and last in res.admin_heads and first not in res.org_openers:
        return "GPE", "admin"  # "Rakhine State", "Kagoshima Prefecture"
    fac_next = _facility_follows(text, name.start, name.end, res)
    if fac_next and key in res.small_places:
        return "FAC", "fac_after"  # "the El Pedregal copper mine" (a town of that name too)
    if key in res.small_places and _noun_follows(text, name.start, name.end, res.loc_after, True):
        return "LOC", "loc_after"  # "the Zambezi river" (a small town of that name too)
    if len(words) == 2 and first in _DIRECTIONS and last in res.gpe and last not in res.loc_heads:
        return "GPE", "gpe_part"  # "Central Sulawesi", "East Jerusalem", "South Darfur"
    if key in res.gpe and _cap(words[0]):
        return "GPE", "gpe"
    if key in res.norp or key.rstrip("s") in res.norp:
        return "NORP", "norp"
    if not set(folded) & (res.org_heads | res.fac_heads) and key not in res.gpe \
            and _noun_follows(text, name.start, name.end, res.loc_after, True):
        return "LOC", "loc_after"  # "the Omo river", "the Khumbu valley"
    if len(last) > 8 and last.endswith(res.fac_suffixes) and not toks[name.a].sent_start \
            or len(words) > 1 and last.endswith(res.fac_suffixes):
        return "FAC", "fac_suffix"  # "Westfalenstadion"
    if len(words) > 1 and first in res.club_openers:
        return "ORG", "club"  # "Real Madrid", "Inter Miami"
    if len(words) > 1 and (last in res.fac_heads and last not in ("house", "centre", "center")
                           or last in ("centre", "center") and folded[-2] in res.fac_center_words):
        return "FAC", "fac_head"  # "Wembley Stadium", "Tanegashima Space Center"
    if len(words) > 2 and first in res.fac_openers and folded[1] == "of":
        return "FAC", "fac_opener"  # "Palace of Justice" (before "Justice" makes it a body)
    if len(words) > 1 and (any(w in res.org_heads for w in folded[1:]) or first in
                           res.org_openers and folded[1] in ("of", "for")):
        return "ORG", "org_head"
    if len(words) > 1 and first in ("mount", "lake", "gulf", "mt."):
        return "LOC", "loc_opener"
    if len(words) > 1 and first in res.fac_openers:
        return "FAC", "fac_opener"  # "Palace of Justice", "Hospital Regional de Copiapó"
    if fac_next:
        return "FAC", "fac_after"  # "Ain al-Asad air base", "the Ayn al-Asad and Erbil bases"
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return "ORG", "acronym"
    if len(words) == 1 and first in res.org_heads and not toks[name.a].sent_start:
        return "ORG", "org_word"  # "Parliament", "Congress", "the Treasury"
    if len(words) > 1 and any(after_low.startswith(f + " ") or after_low.startswith(f + ",")
                              or after_low.startswith(f + ".") for f in res.org_after) \
            and first not in res.given_names:
        return "ORG", "org_after"  # "the Al-Shabab militia", "Acme Mining shares"
    content = [w for w in folded if w not in res.particles and w not in ("abu", "umm", "-")]
    if len(content) > 1 and (first in res.given_names and first not in res.particles
                             or first in ("abu", "umm") or first in res.particles
                             and len(content) > 2) \
            and not any(w in res.org_heads for w in folded):
        return "PERSON", "given_name"
    if _PERSON_CONTEXT_AFTER.match(text[name.end:name.end + 40]) and 1 < len(words) <= 4:
        return "PERSON", "person_context"
    return None, "none"


_AFTER_WORDS = re.compile(r"[a-z][a-z-]*")
_APPOSED = re.compile(r",\s+an?\s+")  # "X, a medium-sized underground copper mine"
_CONJOINED = re.compile(r"\s+and\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}")
#: Words that may follow the head of a noun phrase: "the X copper mine on Friday".
_PHRASE_END = frozenset([
    "on", "in", "at", "of", "and", "or", "where", "which", "that", "was", "is", "were", "are",
    "to", "for", "near", "from", "with", "by", "has", "had", "have", "as", "after", "before",
    "since", "when", "while", "outside", "inside", "under", "would", "will", "could", "can",
    "may", "might", "should", "must", "remains", "remained"])


#: "the X", "United's X", or the second of "the X and Y" just before a name.
_DETERMINED = re.compile(r"(?:\b[Tt]he|['’]s)\s+(?:(?:[\w'’-]+\s+){1,4}and\s+)?$")
_DIRECTIONS = frozenset(["north", "south", "east", "west", "central", "northern", "southern",
                         "eastern", "western", "upper", "lower", "northeast", "northwest",
                         "southeast", "southwest", "north-east", "north-west", "south-east",
                         "south-west"])
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "this", "that"])


def _facility_follows(text: str, start: int, end: int, res: Resources) -> bool:
    """A facility noun heads the lowercase words right after a name (``_noun_follows``)."""
    return _noun_follows(text, start, end, res.fac_after)


def _noun_follows(text: str, start: int, end: int, nouns: tuple[str, ...] | frozenset[str],
                  any_after: bool = False) -> bool:
    """A noun of ``nouns`` heads the lowercase words right after a name ("the X copper mine",
    "the Y training complex on Friday"), also after a second name joined by "and" ("the X
    and Y military bases") or in an apposition ("X, a medium-sized underground mine").
    ``any_after``: a noun right after the name may be followed by any word ("the X river
    rose")."""
    rest = text[end:end + 80]
    m = _CONJOINED.match(rest) or _APPOSED.match(rest)
    if m:
        rest = " " + rest[m.end():]
    # modifiers between the name and the facility word only in a determined phrase ("the X
    # copper mine", "United's X training complex") or an apposition: "X has two mines" is not
    determined = bool(_DETERMINED.search(text[max(0, start - 60):start])) or (
        m is not None and m.re is _APPOSED)
    if not rest[:1].isspace():
        return False
    words: list[str] = []
    pos = len(rest) - len(rest.lstrip())
    for _ in range(5):
        w = _AFTER_WORDS.match(rest, pos)
        if not w:
            break
        words.append(w.group())
        pos = w.end()
        if pos >= len(rest) or rest[pos] != " ":
            break
        pos += 1
    for k, w in enumerate(words[:4]):
        if w in _PHRASE_END or w in _DETERMINERS or k and not determined and (
                k > 1 or words[0].endswith(("s", "ed"))):
            # "Outside the stadium", "X has two mines", "X owns mines": no modifiers; with
            # no determiner, one modifier that is no verb form ("X air base")
            return False
        head = w[:-1] if w.endswith("s") and w[:-1] in nouns else w
        if head in nouns and (k + 1 == len(words) or words[k + 1] in _PHRASE_END or any_after
                              and k == 0 and head != "region" and words[k + 1] not in nouns):
            # the head ends the phrase: punctuation or the end of the text follow it
            return k + 1 < len(words) or pos >= len(rest) or not rest[pos].isalpha()
    return False


def find_names(doc, text: str, typer: bool = True) -> list[Name]:
    """Every name in ``doc`` with its type: the rules' type, revised by the trained typer
    where the rules are weak (``typer=False``: the rules alone)."""
    names, toks = candidates(doc, text)
    if typer:
        from .typer import revise

        revise(names, toks, text)
    return [n for n in names if n.label]


def candidates(doc, text: str) -> tuple[list[Name], list[Tok]]:
    """The candidate names of ``doc`` with the rules' types and evidence, and the tokens."""
    res = load()
    toks = tokens_of(doc)
    shouting = _shouting(toks)
    lower_vocab = {t.text for t in toks if t.text[:1].islower()}
    mid_caps = {t.text for t in toks if not t.sent_start and _cap(t.text)}
    names: list[Name] = []
    for a, b in runs(toks, res):
        if all(shouting[k] for k in range(a, b)) or b - a >= 3 and all(
                toks[k].text.isupper() and len(toks[k].text) > 1 for k in range(a, b)
                if toks[k].text.isalpha()):
            names.extend(_shouted(text, toks, a, b, res))
            continue
        if fold(toks[a].text) in res.non_entity_openers and b - a > 1:
            continue  # "Operation Martyr X", "Patriot Act"
        for name in split_run(text, toks, a, b, res):
            trimmed = trim(name, text, toks, res, lower_vocab)
            if trimmed is None or not any(c.isalpha() for c in trimmed.text):
                continue
            if any(c.isdigit() for c in trimmed.text) and not _ACRONYM.match(trimmed.text):
                continue  # "H3", "Yatagarasu-1", "Falcon 9": products, not our types
            if len(trimmed.text) == 1:
                continue
            for part in _gazetteer_parts(trimmed, text, toks, res):
                if _portfolio(part, toks, res):
                    continue  # "Environment Minister X": a portfolio, not a body
                part.label = part.label or classify(part, text, toks, res)
                word = toks[part.a].text
                if part.label is None and part.b - part.a == 1 and (
                        word.lower() in lower_vocab or word.endswith(("ly", "ing"))):
                    continue  # a common word in capitals ("Shortly", "Death of ...")
                if part.label is None and part.b - part.a == 1 and toks[part.a].sent_start \
                        and word not in mid_caps:
                    # a word seen only opening sentences: a name ("Maersk said") or not
                    # ("Rescuers said"); left untyped for the trained typer to decide
                    part.rule = "sentence_opener"
                    names.append(part)
                    continue
                names.extend(_hyphen_parts(part, text, toks, res))
    # lowercase title words before a name: "general Ahmed Musa", "president Jane Doe"
    for name in names:
        if name.label is None and name.a > 0 and name.b - name.a <= 4 and fold(
                toks[name.a - 1].text) in res.person_roles and toks[name.a - 1].text[:1].islower() \
                and not _ACRONYM.match(name.text):
            name.label = "PERSON"
            name.rule = "role_before"
            name.titled = toks[name.a - 1].text
            name.evidence.append(f"after the title {toks[name.a - 1].text!r}")
    _city_clubs(names, toks, text, res)
    document_evidence(names, text, frozenset(lower_vocab))
    return names, toks


_BODY_HEADS = frozenset(["party", "council", "union", "league", "commission", "committee",
                         "association", "federation", "movement", "group", "government"])


def _portfolio(name: Name, toks: list[Tok], res: Resources) -> bool:
    """Is ``name`` the portfolio word(s) right before a minister's or secretary's title
    ("Environment Minister", "Labour Secretary", "Mineral Resources Minister")?"""
    if name.label or name.b >= len(toks) or _ACRONYM.match(name.text):
        return False
    key = fold(name.text)
    if key in res.gpe or key in res.norp or key in res.loc or \
            fold(toks[name.b - 1].text) in _BODY_HEADS:
        return False
    for length in (1, 2):
        words = tuple(fold(t.text) for t in toks[name.b:name.b + length])
        if len(words) == length and words in res.portfolio_titles:
            return True
    return False


_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
#: Words after a city's name that make it the city's sports club in a match report
#: ("Leeds beat Hull 2-1", "Lincoln striker X", "Bristol are 19th").
_CLUB_AFTER = frozenset(["beat", "beats", "drew", "draw", "lost", "won", "play", "plays",
                         "face", "faces", "host", "hosts", "hosted", "are", "striker", "midfielder",
                         "defender", "goalkeeper", "coach", "manager", "supporters", "fans",
                         "captain", "winger", "forward", "keeper", "equalised", "scored",
                         "trail", "lead", "led", "thrashed", "edged", "routed", "held"])
_CLUB_BEFORE = frozenset(["beat", "beating", "against", "face", "facing", "faces", "versus",
                          "vs", "vs.", "v", "thrashed", "edged", "hosted", "host", "hosts"])
_PLACE_PREPS = frozenset(["in", "at", "from", "to", "near", "outside", "across", "into", "of"])


def _city_clubs(names: list[Name], toks: list[Tok], text: str, res: Resources) -> None:
    """In a match report (scores in the text), a city named as a side is the city's club:
    "Leeds beat Hull 2-1", "Lincoln striker X", "against Bristol". Once a city is a side,
    its other mentions are too, unless a place word comes before ("in Leeds")."""
    if len(_SCORE.findall(text)) < 2:
        return
    sides: set[str] = set()
    for n in names:
        if n.label != "GPE" or n.rule != "gpe" or res.gpe.get(fold(n.text)) in res.countries \
                or fold(n.text) in res.countries_folded:
            continue
        after = toks[n.b].text.lower() if n.b < len(toks) else ""
        before = toks[n.a - 1].text.lower() if n.a > 0 else ""
        score = _SCORE.match(text[n.end:n.end + 8].lstrip())
        if after in _CLUB_AFTER or before in _CLUB_BEFORE or score:
            sides.add(fold(n.text))
    for n in names:
        if fold(n.text) in sides and n.rule == "gpe" and (
                n.a == 0 or toks[n.a - 1].text.lower() not in _PLACE_PREPS):
            n.label, n.rule = "ORG", "city_club"
            n.evidence.append("a side in a match report")


def _gazetteer_parts(name: Name, text: str, toks: list[Tok], res: Resources) -> list[Name]:
    """Split names glued together: "Israel-Hamas", "Iraqi Shia", "China Jassem Al-Najem",
    "U.S. Central Command and Iraq", "Quds Force of Iran"."""
    a, b = name.a, name.b
    if b - a < 2 or fold(name.text) in res.gpe or fold(name.text) in res.loc:
        return [name]
    # "Israel-Hamas", "Iraq-Syria": glued by a hyphen, the first a place or nationality
    hyphens = [k for k in range(a + 1, b - 1) if toks[k].text == "-"]
    if hyphens and (fold(toks[a].text) in res.gpe or fold(toks[a].text) in res.norp):
        out, start = [], a
        for k in [*hyphens, b]:
            out.append(Name(start, k, toks[start].start, toks[k - 1].end,
                            text[toks[start].start:toks[k - 1].end]))
            start = k + 1
        return out
    pieces = [k for k in range(a, b) if toks[k].text not in ("-",)]
    # every word a place or nationality: each is its own name
    words = [toks[k] for k in pieces]
    if len(words) > 1 and all(fold(w.text) in res.countries_folded or fold(w.text) in res.norp
                              or fold(w.text).rstrip("s") in res.norp for w in words):
        return [Name(k, k + 1, toks[k].start, toks[k].end, toks[k].text) for k in pieces]
    # a leading place or nationality before a person's given name or a one-word name
    lead = fold(toks[a].text)
    rest_words = {fold(t.text) for t in toks[a + 1:b]}
    # a city before a word is most often one name ("Berlin Marathon", "Kano Pillars"); a
    # country or nationality before a name is most often two ("Lebanese Hezbollah")
    if (lead in res.countries_folded or lead in res.norp) and not name.titled and (
            b - a >= 3 and fold(toks[a + 1].text) in res.given_names
            and fold(toks[b - 1].text) not in res.org_heads | res.fac_heads  # "Turkish Red Cross"
            or b - a == 2 and not rest_words & (res.org_heads | res.fac_heads | res.loc_heads)
            and fold(name.text) not in res.gpe):
        return [Name(a, a + 1, toks[a].start, toks[a].end, toks[a].text),
                Name(a + 1, b, toks[a + 1].start, toks[b - 1].end,
                     text[toks[a + 1].start:toks[b - 1].end])]
    # "X and <place>", "X of <place>" after a complete organisation name
    for k in range(a + 1, b - 1):
        word = toks[k].text.lower()
        right = text[toks[k + 1].start:toks[b - 1].end]
        left_last = fold(toks[k - 1].text)
        if word in ("and", "of", "in") and (fold(right) in res.gpe or fold(right) in res.norp) \
                and (word == "and" or left_last in res.org_heads and k - a >= 2 and word == "of"
                     and fold(toks[a].text) not in res.org_openers
                     and b < len(toks) and toks[b].text in ("'s", "’s")):
            # "Quds Force of Iran's Revolutionary Guards"; "Election Commission of India" is one
            return [Name(a, k, toks[a].start, toks[k - 1].end, text[toks[a].start:toks[k - 1].end]),
                    Name(k + 1, b, toks[k + 1].start, toks[b - 1].end, right)]
    return [name]


def _hyphen_parts(name: Name, text: str, toks: list[Tok], res: Resources) -> list[Name]:
    """"Iran-backed" is a mention of Iran; "Saudi-led" of the Saudis; "U.S.-led" of the US."""
    if name.label:
        return [name]
    m = re.fullmatch(r"(.+?)-(?:backed|led|based|aligned|allied|affiliated|sponsored|funded|"
                     r"controlled|held|made|born|run|owned|occupied|linked|friendly|style)", name.text)
    if m and (fold(m.group(1)) in res.gpe or fold(m.group(1)) in res.norp):
        part = Name(name.a, name.b, name.start, name.start + len(m.group(1)), m.group(1))
        part.label = "GPE" if fold(m.group(1)) in res.gpe else "NORP"
        part.rule = "hyphen"
        return [part]
    return [name]


def _shouting(toks: list[Tok]) -> list[bool]:
    """Tokens in an all-capitals stretch (a shouted sentence or heading): not acronyms.

    Linear: each token looks at its three alphabetic neighbours on each side."""
    flags = [False] * len(toks)
    alpha = [k for k, t in enumerate(toks) if t.text.isalpha()]
    upper = [toks[k].text.isupper() and len(toks[k].text) > 1 for k in alpha]
    if alpha and sum(upper) / len(alpha) > 0.6:
        return [True] * len(toks)
    for n, k in enumerate(alpha):
        window = upper[max(0, n - 3):n + 4]
        if len(window) >= 3 and all(window):
            flags[k] = True
    return flags


def _shouted(text: str, toks: list[Tok], a: int, b: int, res: Resources) -> list[Name]:
    """In capitals only gazetteer names can be told apart: "BAGHDAD", "SOUTH AFRICA"."""
    out = []
    k = a
    while k < b:
        for length in range(min(4, b - k), 0, -1):
            span = _span_text(text, toks, k, k + length)
            key = fold(span)
            label = "GPE" if key in res.gpe and len(key) > 2 else (
                "NORP" if key in res.norp else "LOC" if key in res.loc else None)
            if label:
                out.append(Name(k, k + length, toks[k].start, toks[k + length - 1].end, span,
                                label, rule="shouted"))
                k += length
                break
        else:
            k += 1
    return out


def document_evidence(names: list[Name], text: str, lower_vocab: frozenset[str] = frozenset()) -> None:
    """Type the rest from what the document says elsewhere.

    A single word that ends a person's name is that person; a name that was a person once
    (after a title) is a person everywhere; "Full Name (ACR)" makes ACR that name's type;
    what is left becomes ORG when it looks like one, else PERSON for 2-3 words.
    """
    persons = {fold(n.text): n for n in names if n.label == "PERSON" and " " in n.text}
    surnames = {}
    for n in persons.values():
        parts = n.text.split()
        if len(parts) > 1:
            surnames.setdefault(fold(parts[-1]), n)
            bare = re.sub(r"^(?:al|el)[-‐]", "", parts[-1], flags=re.I)
            surnames.setdefault(fold(bare), n)
            if len(parts) >= 3 and parts[-2][:1].isupper():
                surnames.setdefault(fold(parts[-2]), n)  # the first of two surnames
    res = load()
    for n in names:
        key = fold(n.text)
        if n.label == "GPE" and " " not in n.text and key in surnames and \
                res.gpe.get(key) not in res.countries and not re.search(
                    r"\b(?:in|at|from|near|to|outside|of)\s+$", text[max(0, n.start - 8):n.start]):
            n.label = "PERSON"  # "Mendoza" the defendant, not the city, in this story
            n.rule = "surname_not_place"
            n.evidence.append(f"the surname of {surnames[key].text}")
    typed = {fold(n.text): n.label for n in names if n.label}
    for k, n in enumerate(names):
        if n.label or n.rule == "sentence_opener":
            continue
        key = fold(n.text)
        bare = re.sub(r"^(?:al|el)[-‐]", "", n.text, flags=re.I)
        surname = surnames.get(key) or surnames.get(fold(bare)) or (
            _near_surname(bare, surnames) if len(n.text.split()) == 1 else None)
        if key in typed:
            n.label = typed[key]
            n.rule = "doc_same"
        elif surname is not None:
            n.label = "PERSON"
            n.rule = "doc_surname"
            n.evidence.append(f"the surname of {surname.text}")
        elif k > 0 and text[names[k - 1].end:n.start].strip() == "(" and _ACRONYM.match(n.text):
            n.label = names[k - 1].label
            n.rule = "doc_acronym"
        else:
            # two to four capitalised words with no organisation or place word: most often
            # a person in news copy; one word: most often an organisation ("Hamas")
            words = n.text.split()
            common = any(w.lower() in lower_vocab for w in words)
            before = text[max(0, n.start - 24):n.start].lower()
            if len(words) == 1 and (_PLACE_BEFORE.search(before) or _listed_with_place(names, k, text)):
                n.label, n.rule = "GPE", "default_in"  # "in Pauktaw": an unknown town
            elif len(words) == 1 and fold(words[0]) in load().given_names:
                n.label, n.rule = "PERSON", "default_given"  # "Viktor", "Sasha"
            else:
                n.label = "PERSON" if 1 < len(words) <= 3 and not common else "ORG"
                n.rule = "default_" + n.label.lower()
            n.weak = True


#: Words right before an unknown one-word name that make it a place: "in X", "towards X",
#: "the port of X", "residents of X".
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|across|towards?|via|above|below|beyond|(?:ports?|towns?|townships?|"
    r"city|cities|villages?|provinces?|districts?|outskirts|residents|capital|island|suburbs?|"
    r"communit(?:y|ies)|municipalit(?:y|ies)|neighbou?rhoods?) of)\s+$")


def _listed_with_place(names: list[Name], k: int, text: str) -> bool:
    """Is the k-th name listed with a place ("Likoni and Shimanzi", "Buner and Swat",
    "Khartoum, Darfur and Kordofan")? A comma lists only inside a list that goes on."""
    seps = {}
    for j in (k - 1, k + 1):
        if 0 <= j < len(names):
            left, right = (names[j], names[k]) if j < k else (names[k], names[j])
            seps[j] = text[left.end:right.start].strip()
    for j, sep in seps.items():
        if names[j].label != "GPE":
            continue
        other = seps.get(2 * k - j, "")
        if sep in ("and", "or") or sep == "," and other in (",", "and", "or"):
            return True
    return False


def _near_surname(word: str, surnames: dict[str, Name]) -> Name | None:
    """A one-letter typo or spelling variant of a surname in the document."""
    from .resolve import same_word

    for key, person in surnames.items():
        if same_word(word, key):
            return person
    return None
