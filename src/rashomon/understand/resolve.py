"""One entity per real-world actor: merge names across spellings, transliterations, titles,
acronyms and articles, and say why each merge was made.

Merges: the same name; a transliteration variant (Hussein / Husain / Hossein, Mohammad /
Muhammad / Mohammed: letters folded by sound, then at most one letter apart); the Arabic
article (al-X / Al-X / X); a surname standing for a full name of the same article; a
middle name present or not; an acronym and its expansion (defined in brackets, or the
initials); "also known as" / "formerly" aliases; one-letter typos of a longer name.
Never merged: different types; people whose given names differ; an organisation and
another whose name contains it with a distinctive word more; countries are matched by
their gazetteer name only, so Iran / Iraq and Niger / Nigeria stay apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import stable_id
from .resources import fold, load

_PARTICLES = re.compile(r"^(?:al|el|ul|ad|an|ar|as|at|az|ash)[-‐’' ]", re.I)
_ACRONYM_ALIAS = re.compile(r"[A-Z][A-Z.&]{1,7}")
_VOWELS = str.maketrans({"o": "u", "e": "i", "y": "i", "w": "w"})


def translit(word: str) -> str:
    """A sound key for a name word: "Hussain" / "Husain" -> "husain", "Hussein" / "Hossein" -> "husin"."""
    w = fold(word)
    w = _PARTICLES.sub("", w)
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("ou", "u")
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
    name = re.sub(r"['’]s$", "", name.strip())
    words = [w for w in re.split(r"[\s]+", name) if w]
    out = []
    for w in words:
        w2 = _PARTICLES.sub("", w)
        if fold(w2) in load().particles - {"abu", "abd", "abdel", "abdul"} or not w2:
            continue
        out.append(w2)
    return out


def person_match(a: str, b: str) -> str | None:
    """Why two person names name the same person (b may be a surname alone), or None."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    last = same_word(wa[-1], wb[-1])
    if not last and (len(wa) == 1) != (len(wb) == 1):
        # "Trujillo" for "Rosa Trujillo Paredes": the first of two surnames
        single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        if len(full) >= 3 and same_word(single[0], full[-2]):
            return "first surname"
    if not last:
        return None
    if len(wa) == 1 or len(wb) == 1:
        return "surname" if last == "same name" else f"surname, {last}"
    first = same_word(wa[0], wb[0])
    if not first:
        return None  # different given names: relatives or namesakes, never the same
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    middle_ok = all(any(same_word(w, x) for x in longer[1:-1]) for w in shorter[1:-1])
    if not middle_ok:
        return None
    reasons = {r for r in (first, last) if r != "same name"}
    if len(wa) != len(wb):
        reasons.add("a middle name given or not")
    if fold(a) != fold(b) and not reasons:
        reasons.add("article al- or capitals differ")
    return ", ".join(sorted(reasons)) or "same name"


def _is_acronym(alias: str) -> bool:
    return bool(_ACRONYM_ALIAS.fullmatch(alias))


def initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF"; names of fewer than two words have none."""
    words = [w for w in name.split() if w and w[0].isupper() and fold(w) not in ("the",)]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words)


def org_key(name: str) -> str:
    res = load()
    words = [fold(w) for w in re.split(r"[\s-]+", re.sub(r"['’]s$", "", name))
             if w and fold(w) not in res.generic_org_words]
    words = [re.sub(r"(?<=[a-z]{3})s$", "", w) for w in words]  # Guards / Guard
    words = [re.sub(r"(?<=tion)ary$", "", w) for w in words]    # Revolutionary / Revolution
    return " ".join(t for t in (translit(w) for w in words) if t)


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


@dataclass
class GlobalEntity:
    id: str
    label: str
    name: str
    members: list[LocalEntity]
    reasons: list[tuple[str, str, str]]


def cluster_article(article_id: str, text: str, names: list) -> list[LocalEntity]:
    """Group one article's name mentions into its entities (surnames, acronyms, aliases)."""
    entities: list[LocalEntity] = []
    by_key: dict[tuple[str, str], LocalEntity] = {}
    persons: list[LocalEntity] = []
    for n in sorted(names, key=lambda n: n.start):
        label, text_ = n.label, n.text
        key = _key(label, text_)
        ent = by_key.get((label, key))
        why = None
        if ent is not None and text_ not in ent.aliases:
            why = (person_match(ent.name, text_) if label == "PERSON" else
                   _variant_reason(label, text_, ent.name))
            if why and why != "same name":
                why = f"{why} of {ent.name} in the same article"
        if ent is None and label == "PERSON":
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
        by_key[(label, key)] = ent
        ent.mentions.append((n.start, n.end, text_))
        ent.aliases.add(text_)
        ent.weak = ent.weak and getattr(n, "weak", False)
        if n.titled:
            ent.reasons.append((f"{n.titled} {text_}", text_, "title stripped"))
        if label == "PERSON" and len(name_words(text_)) > len(name_words(ent.name)):
            ent.name = text_
    return entities


def _key(label: str, text: str) -> str:
    res = load()
    folded = fold(re.sub(r"['’]s$", "", text))
    if label == "GPE":
        return fold(res.gpe.get(folded, folded))
    if label == "NORP":
        return fold(res.norp.get(folded, res.norp.get(folded.rstrip("s"), folded)))
    if label == "PERSON":
        return _sound_key(text)
    return org_key(text)


def _person_in_article(persons: list[LocalEntity], text: str) -> tuple[LocalEntity | None, str | None]:
    """A later mention of a person already named in the article.

    A surname alone that fits two people of the article (relatives) is left alone."""
    full = len(name_words(text)) > 1
    found = []
    for ent in reversed(persons):
        for alias in sorted(ent.aliases, key=len, reverse=True):
            if full and len(name_words(alias)) < 2:
                continue  # a full name is never taken for someone through a bare surname
            why = person_match(alias, text)
            if why:
                found.append((ent, f"{why} of {ent.name} in the same article"))
                break
    if len(found) == 1 or found and full:
        return found[0]
    return None, None


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
    for ent in order:
        target, why = _find(ent, index)
        if target is None:
            target = GlobalEntity("", ent.label, ent.name, [], [])
            clusters.append(target)
        elif why:
            target.reasons.append((ent.name, target.name, why))
        if target.label != ent.label:
            ent.label = target.label
        target.members.append(ent)
        target.reasons.extend(ent.reasons)
        for key in _index_keys(ent):
            if target not in index[key]:
                index[key].append(target)
    used: set[str] = set()
    for c in clusters:
        c.name = _canonical(c)
        c.id = stable_id("e", c.label, fold(c.name))
        if c.id in used:  # two entities of one name (namesakes kept apart): the first
            first = min((m.article_id, m.mentions[0][0]) for m in c.members)  # mention decides
            c.id = stable_id("e", c.label, fold(c.name), first[0], str(first[1]))
        used.add(c.id)
    return clusters


def _index_keys(ent: LocalEntity) -> list[tuple[str, str]]:
    keys = set()
    for alias in ent.aliases | {ent.name}:
        keys.add((ent.label, _key(ent.label, alias)))
        if ent.label == "PERSON":
            words = name_words(alias)
            if words:
                keys.add(("PERSON-surname", translit(words[-1])[:3]))
        if ent.label == "ORG":
            if _is_acronym(alias):
                keys.add(("ORG-acronym", alias.replace(".", "")))
            elif initials(alias):
                keys.add(("ORG-acronym", initials(alias).upper()))
    return sorted(keys)


def _find(ent: LocalEntity, index) -> tuple[GlobalEntity | None, str | None]:
    if ent.weak and len(name_words(ent.name)) == 1:
        # a lone word typed by default: the surname of a person named in another article?
        word = name_words(ent.name)[0]
        found = []
        for c in index.get(("PERSON-surname", translit(word)[:3]), []):
            if _real_person(c) and any(len(name_words(o)) > 1 and person_match(o, ent.name)
                                       for o in _names_of(c)):
                found.append(c)
        if len(found) == 1:
            return found[0], f"surname of {found[0].name}, named in another article"
    for alias in sorted(ent.aliases | {ent.name}, key=len, reverse=True):
        hits = index.get((ent.label, _key(ent.label, alias)), [])
        if hits and ent.label != "PERSON":
            return hits[0], None if fold(alias) == fold(hits[0].name) else _variant_reason(
                ent.label, alias, hits[0].name)
    if ent.label == "PERSON":
        candidates = []
        for alias in ent.aliases | {ent.name}:
            words = name_words(alias)
            if not words:
                continue
            for c in index.get(("PERSON-surname", translit(words[-1])[:3]), []):
                for other in sorted(_names_of(c), key=lambda o: (-len(o), o)):
                    if len(name_words(ent.name)) > 1 and len(name_words(other)) < 2:
                        continue
                    why = person_match(other, ent.name)
                    if why and c not in [x for x, _ in candidates]:
                        candidates.append((c, why if why == "same name" else f"{why} of {other}"))
        if len(candidates) == 1:
            return candidates[0]
        return None, None
    if ent.label == "ORG":
        for alias in ent.aliases | {ent.name}:
            key = alias.replace(".", "") if _is_acronym(alias) else \
                initials(alias).upper()
            hits = index.get(("ORG-acronym", key), []) if key else []
            if len(hits) == 1 and len(key) >= 2 and (
                    _is_acronym(alias) or any(_is_acronym(a) for a in _names_of(hits[0]))):
                return hits[0], "acronym and its expansion"
    return None, None


def _real_person(c: GlobalEntity) -> bool:
    """A person cluster with evidence of being one: a title, or a known given name."""
    res = load()
    return any(r[2] == "title stripped" for r in c.reasons) or any(
        fold(name_words(a)[0]) in res.given_names for a in _names_of(c)
        if len(name_words(a)) > 1)


def _names_of(c: GlobalEntity) -> set[str]:
    return {a for m in c.members for a in m.aliases}


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
    return max(counts, key=lambda n: (counts[n], not n.isupper(), len(n), n))
