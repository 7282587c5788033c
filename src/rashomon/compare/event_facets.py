"""Event facets outlets disagree or agree on: the date, place and agent of one event
told of the same victim or target (``event_discrepancies``), and of the story's key
happenings told by several outlets without a shared victim (``key_event_facets``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from .. import settings
from ..model import Claim, Discrepancy, Entity, Fact, Mention, Understanding, stable_id
from ..understand.events import OTHER_CLAUSE
from ..understand.resources import fold, load
from .claims import noun_class, words
from .common import WORDS, days_apart, mention_in, outlets, sentence_at, stem
from .stories import stopwords

#: Event types whose date, place and agent outlets may disagree on (statements and
#: meetings happen many times and are told per occasion).
FACT_EVENTS = ("attack", "killing", "death", "injury", "arrest", "release", "disaster",
               "protest", "withdrawal", "deployment", "ruling", "sanction", "reward",
               "agreement", "election", "vote", "resignation", "appointment")
#: Event types told of one happening: "died" in one outlet is "was killed" in another.
SAME_EVENT = {"death": "killing"}
#: Who can be the victim or target an event is known by (a people, "Indian", is not one).
VICTIMS = ("PERSON", "ORG", "FAC")
#: Who can be the agent of an event outlets disagree on (a place is not).
AGENTS = ("PERSON", "ORG", "NORP")


def event_discrepancies(story_id, members, articles, layers, local, named):
    """Outlets telling one event (same type, same victim or target) with another date,
    place or agent, and the ones they agree on (facts). Each value is read in one sentence: the one naming the victim (or the
    trigger, for an event known by its type alone), and the claim points at it."""
    facets: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for aid in members:
        u = layers.get(aid)
        text = articles[aid].text
        published = (articles[aid].published or "")[:10]
        for ev in (u.events if u else []):
            if ev.type not in FACT_EVENTS:
                continue
            etype = SAME_EVENT.get(ev.type, ev.type)
            agents = [k for k, role in ev.participants if role == "agent"]
            # each event is filed under each victim or target (the first one an article
            # tells is compared); known by its type alone, outlets' events are too often
            # different ones (a toll reported on two days) to compare
            for k, role in ev.participants:
                if role not in ("victim", "target", "appointee") or (
                        role != "appointee" and u.entities[k].label not in VICTIMS):
                    continue
                eid = local.get((aid, k))
                if eid is None:
                    continue
                at = mention_in(u, k, ev.start, ev.end, ev.trigger_start)
                lo, hi = ev.start, ev.end
                if at is None:   # the victim named in a sentence of its own
                    at, lo, hi = mention_in(u, k, 0, len(text), ev.trigger_start), 0, len(text)
                if at is None:
                    continue
                sent = sentence_at(text, at, lo, hi)
                date = _event_date(u, sent, at, text)
                if date and len(published) == 10 and date <= published and days_apart(
                        {date, published}) > settings.EVENT_RECENT:
                    continue   # an earlier event the article recalls, not the story's
                loc = event_place(u, ev, sent, text)
                # the subject before the trigger ("gunmen killed X"), or "by X" after it;
                # a name after the trigger is no agent ("the killing of Iranian general X")
                agent = _agent_by(text, sent, ev.trigger_start) or next(
                    (local.get((aid, x)) for x in agents if u.entities[x].label in AGENTS
                     and mention_in(u, x, sent[0], ev.trigger_start, at) is not None), None)
                facets[(etype, eid)].setdefault(aid, []).append(
                    (date, local.get((aid, loc)) if loc is not None else None,
                     agent if agent != eid else None, sent))
    out: list[Discrepancy] = []
    agreed: list[Fact] = []
    for (etype, eid), per_article in sorted(facets.items()):
        if len(per_article) < 2:
            continue
        who = named[eid].name if eid in named else eid
        for facet, kind in ((0, "date"), (1, "place"), (2, "agent")):
            first = {}
            for aid, items in per_article.items():
                item = next((x for x in items if x[facet] and (
                    facet != 2 or x[facet].startswith("by:")
                    or named.get(x[facet]) and named[x[facet]].type in AGENTS)), None)
                if item:
                    first[aid] = (item[facet], item[3])
            values = {val for val, _ in first.values()}
            if len(first) < 2:
                continue
            topic = f"{kind} of the {etype} ({who})"
            if len(values) == 1:   # the outlets that tell it agree
                val = next(iter(values))
                ids = sorted(first)
                agreed.append(Fact(stable_id("f", story_id, etype, eid, kind), story_id, topic,
                                   kind, named[val].name if kind != "date" and val in named
                                   else val.removeprefix("by:"), ids, outlets(ids, articles),
                                   [Mention(a, *first[a][1], articles[a].text[
                                       first[a][1][0]:first[a][1][1]]) for a in ids]))
                continue
            if kind == "date" and days_apart(values) > settings.EVENT_DATE_SLACK:
                continue   # dates this far apart are of different events
            if kind == "place" and not any(place_clash(a, b, set(), named) for a, b in
                                           combinations(sorted(values), 2)):
                continue   # a city and the country the gazetteer puts it in
            claims = []
            for val in sorted(values):
                ids = sorted(a for a, (x, _) in first.items() if x == val)
                mentions = []
                for a in ids:
                    s, e = first[a][1]
                    mentions.append(Mention(a, s, e, articles[a].text[s:e]))
                shown = named[val].name if kind != "date" and val in named else \
                    val.removeprefix("by:")
                claims.append(Claim(shown, ids, mentions[0].text, mentions, None, None,
                                    outlets(ids, articles)))
            out.append(Discrepancy(stable_id("d", story_id, etype, eid, kind), topic, claims,
                                   story_id, kind, "contradiction"))
    return out, agreed


#: A place named after these words is where something happened: "died in Migori town".
_AT_PLACE = re.compile(r"\b(?:in|at|near|outside|on|off|from)\s+(?:the\s+)?"
                       r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+"
                       r"|central\s+)?$", re.I)
PLACES = ("GPE", "LOC", "FAC")


#: Who did it, when no name says: "shot by unidentified gunmen", "killed by a police
#: officer" (the head noun, by its class: an officer is the police).
_BY = re.compile(r"\bby (?:a |an |the |unidentified |unknown |masked |armed |suspected )*"
                 r"((?:[a-z][a-z-]+ ){0,2}[a-z][a-z-]+)\b")


def _agent_by(text: str, sent: tuple[int, int], trigger: int) -> str | None:
    """The "by" agent of the event in its sentence, after its trigger, as "by:<class>"."""
    m = _BY.search(text, max(sent[0], min(trigger, sent[1])), sent[1])
    if not m or m.start() - trigger > 60:
        return None
    heads = []
    for w in m.group(1).split():
        if w in words().stop_after or w in _PLACE_WORDS:
            break
        heads.append(w)
    return f"by:{noun_class(heads[-1])}" if heads else None


_PLACE_WORDS = frozenset(("outside", "inside", "near", "amid", "across", "along", "behind",
                          "beyond", "around", "through", "outside", "within", "without"))


def event_place(u: Understanding, ev, sent: tuple[int, int], text: str) -> int | None:
    """The event's place if the sentence names it, else the first place the sentence puts
    it at ("killed outside Rongo market")."""
    if ev.location is not None and mention_in(u, ev.location, *sent, sent[0]) is not None:
        return ev.location
    best = None
    for k, e in enumerate(u.entities):
        if e.label not in PLACES:
            continue
        for m in e.mentions:
            if sent[0] <= m.start < sent[1] and _AT_PLACE.search(
                    text[max(0, m.start - 30):m.start]) and (best is None or m.start < best[0]):
                best = (m.start, k)
    return best[1] if best else None


def _event_date(u: Understanding, sent: tuple[int, int], at: int, text: str) -> str | None:
    """The day named nearest ``at`` in its sentence ("on Wednesday, three days after an
    attack on March 9" dates the attack March 9), not across another clause ("killed in
    Tuesday's clash has risen to five after two men died on Thursday")."""
    best, best_d = None, None
    for v in u.values:
        if v.label != "DATE" or not v.value or len(v.value) != 10 \
                or not sent[0] <= v.start < sent[1] \
                or OTHER_CLAUSE.search(text[min(at, v.start):max(at, v.start)]):
            continue
        d = v.start - at if v.start >= at else at - v.end
        if best_d is None or d < best_d:
            best, best_d = v.value, d
    return best


#: Event types told of one happening, by family: a clash told as an attack in one outlet
#: is soldiers "killed" or "injured" in another.
KEY_FAMILY = {"attack": "attack", "killing": "attack", "injury": "attack",
              "disaster": "disaster", "release": "release", "arrest": "arrest",
              "economic": "economic", "election": "election", "agreement": "agreement",
              "withdrawal": "withdrawal", "deployment": "deployment", "ruling": "ruling",
              "resignation": "resignation", "protest": "protest"}
#: Triggers of happenings that last (a flood, an epidemic): the date beside them is the
#: day of a report, not the day it happened.
_ONGOING = frozenset(("flood", "floods", "flooding", "drought", "outbreak", "epidemic",
                      "wildfire", "wildfires", "fighting", "protests", "protesters",
                      "demonstrations", "demonstrators", "rallies", "detention", "custody",
                      "sanctions", "exports", "imports", "investment", "death toll"))


#: Families whose place outlets may disagree on (where an election or a deal is told is
#: mostly where someone spoke of it).
_PLACED = frozenset(("attack", "disaster", "release", "arrest"))


@dataclass
class _Told:
    """One article's telling of an event: its sentence, its facets and its words."""

    article_id: str
    family: str
    sent: tuple[int, int]
    date: str | None
    place: str | None
    feats: frozenset[str]                   # content words and names of the sentence
    near: frozenset[str]                    # ... of the words around the trigger
    date_sent: tuple[int, int] = (0, 0)     # the sentence naming the date


def _dated_in(u: Understanding, text: str, ev, value: str) -> tuple[int, int]:
    """The sentence that gives the event its date: its own, or a later one telling it
    again ("A tunnel collapsed at the mine... The collapse happened early on Saturday")."""
    spots = [v.start for v in u.values if v.label == "DATE" and v.value == value]
    t = ev.trigger_start
    at = next((x for x in spots if ev.start <= x < ev.end and not OTHER_CLAUSE.search(
        text[min(t, x):max(t, x)])), None)
    if at is None:
        at = next((x for x in spots if x >= ev.end), None)
    return sentence_at(text, at, 0, len(text)) if at is not None else (ev.start, ev.end)


def _alike(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two tellings' words are (0 below ``EVENT_KEY_SHARED`` shared ones)."""
    shared = len(a & b)
    return shared / (min(len(a), len(b)) or 1) if shared >= settings.EVENT_KEY_SHARED else 0.0


def key_event_facets(story_id, members, articles, layers, local, named, given, known):
    """Outlets telling the story's same happening (one event family, their sentences
    sharing content words or names) with another date or place, and the ones they agree
    on. Unlike ``event_discrepancies`` no shared victim is needed; two tellings whose
    dates lie further apart than ``EVENT_DATE_SLACK`` are different happenings, and a
    place inside another (a town "in" a region the story names) does not disagree."""
    told: list[_Told] = []
    stop = stopwords()
    for aid in members:
        u = layers.get(aid)
        text = articles[aid].text
        published = (articles[aid].published or "")[:10]
        for ev in (u.events if u else []):
            family = KEY_FAMILY.get(ev.type)
            if family is None:
                continue
            sent = (ev.start, ev.end)
            date = ev.date if ev.date and len(ev.date) == 10 else None
            lasting = ev.trigger.lower() in _ONGOING
            if lasting:
                date = None
            if date and len(published) == 10 and (date > published or days_apart(
                    {date, published}) > settings.EVENT_RECENT):
                continue   # a plan, or an earlier event the article recalls
            loc = event_place(u, ev, sent, text)
            place = local.get((aid, loc)) if loc is not None and not lasting else None
            near = (max(ev.start, ev.trigger_start - settings.EVENT_KEY_WINDOW),
                    min(ev.end, ev.trigger_start + len(ev.trigger) + settings.EVENT_KEY_WINDOW))
            feats = [frozenset({stem(w.lower()) for w in WORDS.findall(text[lo:hi])
                                if w.lower() not in stop and len(w) > 3}
                               | {local[(aid, k)] for k, e in enumerate(u.entities)
                                  if (aid, k) in local
                                  and any(lo <= m.start < hi for m in e.mentions)})
                     for lo, hi in (sent, near)]
            told.append(_Told(aid, family, sent, date, place, feats[0], feats[1],
                              _dated_in(u, text, ev, date) if date else sent))
    pairs = []
    for i, j in combinations(range(len(told)), 2):
        a, b = told[i], told[j]
        if a.article_id == b.article_id or a.family != b.family:
            continue
        if a.date and b.date and days_apart({a.date, b.date}) > settings.EVENT_DATE_SLACK:
            continue   # another happening of the same kind
        sim = max(_alike(a.feats, b.feats), _alike(a.near, b.near))
        if sim >= settings.EVENT_KEY_LINK:
            pairs.append((sim, i, j))
    owner = list(range(len(told)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(told))}
    for _sim, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        gi, gj = owner[i], owner[j]
        if gi == gj or {told[k].article_id for k in groups[gi]} & \
                {told[k].article_id for k in groups[gj]}:
            continue
        if any(told[x].date and told[y].date and days_apart(
                {told[x].date, told[y].date}) > settings.EVENT_DATE_SLACK
                for x in groups[gi] for y in groups[gj]):
            continue
        for k in groups[gj]:
            owner[k] = gi
        groups[gi] += groups.pop(gj)
    inside = _containment(members, articles, layers, local)
    taken = {(d.kind, m.article_id, m.start) for d in given for c in d.claims
             for m in c.mentions} | {(f.kind, m.article_id, m.start) for f in known
                                     for m in f.mentions}
    out: list[Discrepancy] = []
    agreed: list[Fact] = []
    for disagree in (True, False):   # a disagreement first; a fact only on sentences left
        for root in sorted(groups):
            group = [told[k] for k in sorted(groups[root])]
            if len(group) < 2:
                continue
            for kind in ("date", "place") if group[0].family in _PLACED else ("date",):
                first = {t.article_id: (getattr(t, kind), t.date_sent if kind == "date"
                                        else t.sent) for t in group if getattr(t, kind)}
                values = {v for v, _ in first.values()}
                if len(first) < 2 or (len(values) > 1) != disagree or sum(
                        (kind, a, s[0]) in taken for a, (_, s) in first.items()) >= 2:
                    continue
                if kind == "place" and len(values) > 1 and not any(
                        place_clash(x, y, inside, named)
                        for x, y in combinations(sorted(values), 2)):
                    continue   # "in Kasese, in western Uganda" against "in western Uganda"
                taken |= {(kind, a, s[0]) for a, (_, s) in first.items()}
                made = _key_facet(story_id, group[0].family, kind, first, articles, named)
                (out if disagree else agreed).append(made)
    return out, agreed


def _key_facet(story_id, family, kind, first, articles, named) -> Discrepancy | Fact:
    """The discrepancy (several values) or fact (one) of a key event's facet; ``first``
    maps each article to its value and the sentence giving it."""
    topic = f"{kind} of the {family}"
    ident = stable_id("k", story_id, family, kind, *sorted(
        f"{a}:{s[0]}" for a, (_, s) in first.items()))
    mentions = {a: Mention(a, *s, articles[a].text[s[0]:s[1]]) for a, (_, s) in first.items()}
    values = sorted({v for v, _ in first.values()})
    if len(values) == 1:
        ids = sorted(first)
        val = values[0]
        return Fact(ident, story_id, topic, kind,
                    named[val].name if kind != "date" and val in named else val,
                    ids, outlets(ids, articles), [mentions[a] for a in ids])
    claims = []
    for val in values:
        ids = sorted(a for a, (x, _) in first.items() if x == val)
        ms = [mentions[a] for a in ids]
        shown = named[val].name if kind != "date" and val in named else val
        claims.append(Claim(shown, ids, ms[0].text, ms, None, None, outlets(ids, articles)))
    return Discrepancy(ident, topic, claims, story_id, kind, "contradiction")


#: "Chhatak, in Sunamganj district", "near Ménaka in north-eastern Mali", "the Tillabéri
#: region of western Niger": the first place lies inside the second.
_INSIDE = re.compile(r"^(?:,?\s+(?:\w+\s+){0,2}?(?:in|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?"
                     r"|,\s+)$")


def _containment(members, articles, layers, local) -> set[tuple[str, str]]:
    """(inner, outer) places of the story: a place named right before another with
    "in"/"of" or a comma between ("Kasese, in western Uganda", "Ménaka, Mali")."""
    out: set[tuple[str, str]] = set()
    for aid in members:
        u = layers.get(aid)
        if not u:
            continue
        text = articles[aid].text
        spots = sorted((m.start, m.end, local[(aid, k)]) for k, e in enumerate(u.entities)
                       if e.label in PLACES and (aid, k) in local for m in e.mentions)
        for (_s1, e1, x), (s2, _e2, y) in zip(spots, spots[1:], strict=False):
            if x != y and s2 - e1 <= 40 and _INSIDE.match(text[e1:s2]):
                out.add((x, y))
    return out


def place_clash(x: str, y: str, inside: set[tuple[str, str]],
                 named: dict[str, Entity]) -> bool:
    """Two places that cannot both be where it happened: neither lies inside the other
    (through the story's own words, one step or two), and a country against a place
    within it is none either: "in Peru" against "in the northern Andes" clashes only when
    the story puts the other place in another country."""
    def within(a: str, b: str) -> bool:
        return (a, b) in inside or any((a, m) in inside and (m, b) in inside
                                       for m in {o for _, o in inside})
    if within(x, y) or within(y, x):
        return False
    gazetteer = load()
    countries = gazetteer.countries
    land = {p for p in (x, y) if p in named and named[p].name in countries}
    if len(land) == 1:
        country, other = (x, y) if x in land else (y, x)
        if other in named and named[country].name in gazetteer.city_countries.get(
                fold(named[other].name), ()):
            return False  # the gazetteer puts the city in that country ("Baghdad" / "Iraq")
        return any(within(other, c) for c in named if c != country and
                   named[c].name in countries)
    return True
