"""The corpus-level Compare step: stories, then within each story the values outlets agree
and disagree on (claims aligned by topic, time, names and context; an event's date, place
and agent for one victim; a person's title), the coverage matrix, and quotes and
descriptors tied to the workspace's entities. Rebuilt from the stored layers after every
``analyze`` (deterministic)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources as ir
from itertools import combinations

from .. import settings
from ..model import (
    Article,
    ArticleClaim,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Story,
    Understanding,
    stable_id,
)
from ..understand.events import OTHER_CLAUSE
from ..understand.resources import fold, load
from .claims import modifiers, noun_class, qualifier_meaning, words
from .stories import Doc, cluster, stopwords

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]+")

NAMED = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
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
#: At most this many events per story in the coverage matrix (those told by most articles).
COVERAGE_EVENTS = 12


def rebuild(store) -> int:
    articles = {a.id: a for a in store.articles()}
    layers: dict[str, Understanding] = store.understanding()
    entities = store.entities()
    owner = {(m.article_id, m.start): e.id for e in entities for m in e.mentions}
    named = {e.id: e for e in entities if e.type in NAMED}
    docs = {aid: Doc(aid, a.title, a.published, a.text) for aid, a in sorted(articles.items())}
    for e in named.values():
        for aid, n in Counter(m.article_id for m in e.mentions).items():
            if aid in docs:
                docs[aid].entities[e.id] += n
                docs[aid].names[e.id] = e.name
    stories = cluster(list(docs.values()))
    local = _local_owner(layers, owner)
    quotes = _quotes(layers, local, named, articles)
    descriptors = _descriptors(layers, local)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for v in store.events():
        for aid in sorted({m.article_id for m in v.mentions}):
            events_of[aid].append(v)
    discrepancies, facts, coverage = [], [], []
    for story in stories:
        told = {v.id: v for a in story.article_ids for v in events_of.get(a, [])}
        d, f, c = compare_story(story, articles, layers, local,
                                [told[k] for k in sorted(told)], named)
        discrepancies += d
        facts += f
        coverage += c
    store.replace_comparison(stories, descriptors, quotes, discrepancies, facts, coverage)
    return len(stories)


def _local_owner(layers, owner) -> dict[tuple[str, int], str]:
    """(article id, index of the article's entity) -> workspace entity id."""
    out = {}
    for aid, u in layers.items():
        for k, e in enumerate(u.entities):
            for m in e.mentions:
                eid = owner.get((aid, m.start))
                if eid:
                    out[(aid, k)] = eid
                    break
    return out


def _quotes(layers, local, named, articles) -> list[Quote]:
    out = []
    for aid in sorted(layers):
        if aid not in articles:
            continue
        for q in layers[aid].quotes:
            eid = local.get((aid, q.speaker)) if q.speaker is not None else None
            name = named[eid].name if eid in named else q.speaker_text
            out.append(Quote(aid, eid, name, q.text, q.start, q.end, q.kind, q.cue, q.source))
    return out


def _descriptors(layers, local) -> list[Descriptor]:
    out = []
    for aid in sorted(layers):
        for d in layers[aid].descriptors:
            eid = local.get((aid, d.entity))
            if eid:
                out.append(Descriptor(eid, aid, d.text, d.start, d.end, d.kind, d.score,
                                      list(d.terms)))
    return out


# --- one story ------------------------------------------------------------------------------
def compare_story(story: Story, articles: dict[str, Article], layers, local,
                  events: list[Event], named: dict[str, Entity]
                  ) -> tuple[list[Discrepancy], list[Fact], list[CoverageRow]]:
    members = [a for a in story.article_ids if a in articles]
    discrepancies: list[Discrepancy] = []
    facts: list[Fact] = []
    if len(members) >= 2:
        for topic, label, kind, claims in _claim_groups(members, layers, articles):
            _judge(story.id, topic, label, kind, claims, articles, discrepancies, facts)
        d, f = _event_discrepancies(story.id, members, articles, layers, local, named)
        discrepancies += d + _title_discrepancies(story.id, members, articles, layers, local,
                                                  named)
        facts += f
        d, f = _key_event_facets(story.id, members, articles, layers, local, named,
                                 discrepancies, facts)
        discrepancies += d
        facts += f
    coverage = _coverage(story.id, members, events, facts, discrepancies)
    return discrepancies, facts, coverage


@dataclass
class _Said:
    article_id: str
    claim: ArticleClaim
    era: frozenset[int] = frozenset()       # past years the claim's sentence is about
    names: frozenset[str] = frozenset()     # names qualifying the count ("Indian")


def _claim_groups(members, layers, articles):
    """Claims of the story's articles about the same thing, one per article at most.

    Two claims of different articles can be about the same thing when they measure alike
    (both counts, both sums in one currency, both lengths...), their topics fit (the same
    noun class and condition, or a generic noun such as "people"), they are about the same
    time (a count "in 2020" is not today's) and the names qualifying them do not clash
    ("Indian soldiers" against "Chinese soldiers"). How alike their topics and the words
    around them are decides (``CLAIM_LINK``), most alike first; a group never takes two
    claims of one article, and every two claims of a group fit."""
    said = []
    for aid in members:
        u = layers.get(aid)
        if not u:
            continue
        text = articles[aid].text
        year = int((articles[aid].published or "0")[:4] or 0)
        mine: list[_Said] = []
        for c in u.claims:
            kind, noun, condition = c.topic.split("|")
            if not (noun or condition) or (noun in words().generic and not condition):
                continue   # "170 million people": who, doing what?
            if kind == "percent" and c.qualifier in ("above", "below"):
                continue   # "rates above 8% will hurt": a threshold, not a measure
            s = _Said(aid, c, _era(u, c, year, text), modifiers(text, c) | _scope(text, c))
            if any(x.claim.number == c.number and x.claim.topic == c.topic and x.era == s.era
                   for x in mine):
                continue   # the article repeating its own figure ("all four hostages")
            mine.append(s)
        said += mine
    feats = [_claim_features(s, articles[s.article_id].text) for s in said]
    pairs = []
    for i, j in combinations(range(len(said)), 2):
        a, b = said[i], said[j]
        if a.article_id == b.article_id or a.claim.kind != b.claim.kind or not _fit(a, b):
            continue
        sim = _overlap(feats[i], feats[j])
        if sim >= (settings.CLAIM_LINK if a.claim.topic == b.claim.topic
                   or a.claim.kind == "count" else settings.CLAIM_LINK_OTHER_NOUN):
            same = a.claim.number == b.claim.number and a.claim.qualifier == b.claim.qualifier
            pairs.append((sim + (settings.CLAIM_SAME_VALUE if same else 0.0), i, j))
    owner = list(range(len(said)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(said))}
    for _sim, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        if {said[k].article_id for k in members_of[gi]} & \
                {said[k].article_id for k in members_of[gj]}:
            continue
        if not all(_fit(said[x], said[y]) for x in members_of[gi] for y in members_of[gj]):
            continue
        for k in members_of[gj]:
            owner[k] = gi
        members_of[gi] += members_of.pop(gj)
    for root in sorted(members_of):
        group = [said[k] for k in sorted(members_of[root])]
        if len(group) < 2:
            continue
        first = min(group, key=_key)
        kind = first.claim.kind
        label = max((s.claim.label for s in group), key=lambda x: (len(x), x))
        yield f"{first.claim.topic}|{first.article_id}|{first.claim.start}", label, kind, group


def _era(u: Understanding, c: ArticleClaim, year: int, text: str) -> frozenset[int]:
    """The past years a claim's sentence dates itself to ("in 2020, when 20 soldiers were
    killed"): none for a claim about the present or the future."""
    out = set()
    for v in u.values:
        if v.label == "DATE" and v.value and c.sent_start <= v.start < c.sent_end \
                and v.value[:4].isdigit() and year and int(v.value[:4]) < year \
                and (not _SINCE.search(text[max(c.sent_start, v.start - 20):v.start])
                     or re.match(r",?\s+when\b", text[v.end:v.end + 8])):
            out.add(int(v.value[:4]))
    return frozenset(out)


#: A past year that measures from or against now ("the heaviest since 2020") does not
#: date the claim to that year ("since 2020, when 20 were killed" does).
_SINCE = re.compile(r"\b(?:since|from|than|until|till|before|compared with|against)\s+"
                    r"(?:the\s+)?(?:(?:start|end|beginning) of\s+)?$", re.I)


_IN_PLACE = re.compile(r"(?:In|Across|Inside) ((?:[A-Z][\w'’-]+ ?){1,3}),")


def _scope(text: str, c: ArticleClaim) -> frozenset[str]:
    """The place a sentence opens with, scoping its counts: "In Myanmar, 25 died"."""
    m = _IN_PLACE.match(text, c.sent_start, c.start)
    return frozenset(m.group(1).lower().split()) if m else frozenset()


def _fit(a: _Said, b: _Said) -> bool:
    """Whether two claims can count the same thing (see ``_claim_groups``)."""
    if a.era != b.era or (a.names and b.names and not a.names & b.names):
        return False
    x, y = sorted((abs(a.claim.number or 0.0), abs(b.claim.number or 0.0)))
    if x and y > x * settings.CLAIM_RATIO:
        return False   # 3 refugees and 12,000 refugees are not one count told twice
    if a.claim.kind.startswith(("money", "measure", "percent")):
        return True
    _k, noun_a, cond_a = a.claim.topic.split("|")
    _k, noun_b, cond_b = b.claim.topic.split("|")
    generic = words().generic
    if (noun_a == "margin") != (noun_b == "margin"):
        return False   # a lead of 5,400 votes is not a count of votes
    same_noun = noun_a == noun_b and bool(noun_a)
    loose = not noun_a or not noun_b or noun_a in generic or noun_b in generic
    if cond_a and cond_b:
        return cond_a == cond_b and (same_noun or loose)
    if cond_a or cond_b:
        return same_noun
    return same_noun


def _stem(word: str) -> str:
    for suffix in ("ments", "ment", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _claim_features(s: _Said, text: str) -> Counter:
    """The claim's topic words (weighted) and the words around its number."""
    c = s.claim
    stop = stopwords()
    f: Counter = Counter()
    _kind, noun, condition = c.topic.split("|")
    for w in (noun, condition):
        for x in w.split():
            f[_stem(x)] += settings.CLAIM_TOPIC_WEIGHT
    lo = max(c.sent_start, c.start - settings.CLAIM_WINDOW)
    hi = min(c.sent_end, c.end + settings.CLAIM_WINDOW)
    for m in _WORDS.finditer(text[lo:hi]):
        w = m.group(0).lower()
        if w not in stop:
            f[_stem(w)] += 1
    return f


def _overlap(a: Counter, b: Counter) -> float:
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    return shared / (min(sum(a.values()), sum(b.values())) or 1)


def _value_of(said: list[_Said]) -> dict[str, _Said]:
    """Each article's value for the topic: the first time it states one."""
    out: dict[str, _Said] = {}
    for s in sorted(said, key=lambda s: (s.article_id, s.claim.start)):
        out.setdefault(s.article_id, s)
    return out


def _range(c: ArticleClaim) -> tuple[float, float]:
    x = c.number if c.number is not None else 0.0
    meaning = qualifier_meaning(c.qualifier)
    spread = max(abs(x) * settings.APPROX_SHARE, 0.5)
    if meaning == "approx":
        return x - spread, x + spread
    if meaning == "above":
        return x, float("inf")
    if meaning == "min":
        return x, float("inf")
    if meaning in ("below", "max"):
        return float("-inf"), x
    return x, x


def _judge(story_id, topic, label, kind, said, articles, discrepancies, facts) -> None:
    by_article = _value_of(said)
    if len(by_article) < 2:
        return
    values: dict[tuple[float | None, str | None], list[_Said]] = defaultdict(list)
    for s in by_article.values():
        values[(s.claim.number, s.claim.qualifier)].append(s)
    if len(values) == 1:
        group = next(iter(values.values()))
        ids = sorted(s.article_id for s in group)
        facts.append(Fact(stable_id("f", story_id, topic), story_id, label, kind.split(":")[0],
                          group[0].claim.text, ids, _outlets(ids, articles),
                          [_sentence(s, articles) for s in sorted(group, key=_key)]))
        return
    claims = []
    for (number, qualifier), group in sorted(values.items(), key=lambda x: (
            x[0][0] if x[0][0] is not None else 0, x[0][1] or "")):
        ids = sorted(s.article_id for s in group)
        first = min(group, key=_key)
        value = f"{qualifier} {first.claim.text}" if qualifier else first.claim.text
        claims.append(Claim(value, ids, _sentence(first, articles).text,
                            [_sentence(s, articles) for s in sorted(group, key=_key)],
                            number, qualifier, _outlets(ids, articles)))
    status = _status([s for g in values.values() for s in g], articles, topic)
    discrepancies.append(Discrepancy(stable_id("d", story_id, topic), label, claims, story_id,
                                     kind.split(":")[0], status))


def _status(said: list[_Said], articles, topic: str) -> str:
    ranges = [_range(s.claim) for s in said]
    if max(lo for lo, _ in ranges) <= min(hi for _, hi in ranges):
        return "approximate"
    condition = topic.split("|")[2]
    if condition in words().growing:
        dated = sorted((articles[s.article_id].published or "", s.claim.number or 0.0)
                        for s in said)
        if all(d for d, _ in dated) and len({d for d, _ in dated}) > 1 and all(
                b[1] >= a[1] for a, b in zip(dated, dated[1:], strict=False)
        ) and all(b[0] > a[0] for a, b in zip(dated, dated[1:], strict=False) if b[1] > a[1]):
            return "update"
    return "contradiction"


def _key(s: _Said) -> tuple[str, int]:
    return s.article_id, s.claim.start


def _sentence(s: _Said, articles) -> Mention:
    text = articles[s.article_id].text
    a, b = s.claim.sent_start, s.claim.sent_end
    while b > a and text[b - 1].isspace():
        b -= 1
    return Mention(s.article_id, a, b, text[a:b])


def _outlets(ids: list[str], articles) -> list[str]:
    return sorted({articles[a].outlet or articles[a].source for a in ids})


# --- events: dates, places and agents -----------------------------------------------------
def _event_discrepancies(story_id, members, articles, layers, local, named):
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
                at = _mention_in(u, k, ev.start, ev.end, ev.trigger_start)
                lo, hi = ev.start, ev.end
                if at is None:   # the victim named in a sentence of its own
                    at, lo, hi = _mention_in(u, k, 0, len(text), ev.trigger_start), 0, len(text)
                if at is None:
                    continue
                sent = _sentence_at(text, at, lo, hi)
                date = _event_date(u, sent, at, text)
                if date and len(published) == 10 and date <= published and _days_apart(
                        {date, published}) > settings.EVENT_RECENT:
                    continue   # an earlier event the article recalls, not the story's
                loc = _event_place(u, ev, sent, text)
                # the subject before the trigger ("gunmen killed X"), or "by X" after it;
                # a name after the trigger is no agent ("the killing of Iranian general X")
                agent = _agent_by(text, sent, ev.trigger_start) or next(
                    (local.get((aid, x)) for x in agents if u.entities[x].label in AGENTS
                     and _mention_in(u, x, sent[0], ev.trigger_start, at) is not None), None)
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
                                   else val.removeprefix("by:"), ids, _outlets(ids, articles),
                                   [Mention(a, *first[a][1], articles[a].text[
                                       first[a][1][0]:first[a][1][1]]) for a in ids]))
                continue
            if kind == "date" and _days_apart(values) > settings.EVENT_DATE_SLACK:
                continue   # dates this far apart are of different events
            if kind == "place" and not any(_place_clash(a, b, set(), named) for a, b in
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
                                    _outlets(ids, articles)))
            out.append(Discrepancy(stable_id("d", story_id, etype, eid, kind), topic, claims,
                                   story_id, kind, "contradiction"))
    return out, agreed


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
#: A place named after these words is where something happened: "died in Migori town".
_AT_PLACE = re.compile(r"\b(?:in|at|near|outside|on|off|from)\s+(?:the\s+)?"
                       r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+"
                       r"|central\s+)?$", re.I)
PLACES = ("GPE", "LOC", "FAC")


def _sentence_at(text: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around position ``at``, inside ``lo``..``hi``."""
    a = lo
    for m in _SENTENCE_END.finditer(text, lo, at):
        a = m.end()
    m = _SENTENCE_END.search(text, at, hi)
    b = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else hi)
    return a, b


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


def _mention_in(u: Understanding, k: int, lo: int, hi: int, near: int) -> int | None:
    """Where entity ``k`` is named inside ``lo``..``hi``, nearest ``near``."""
    spots = [m.start for m in u.entities[k].mentions if lo <= m.start < hi]
    return min(spots, key=lambda x: (abs(x - near), x)) if spots else None


def _event_place(u: Understanding, ev, sent: tuple[int, int], text: str) -> int | None:
    """The event's place if the sentence names it, else the first place the sentence puts
    it at ("killed outside Rongo market")."""
    if ev.location is not None and _mention_in(u, ev.location, *sent, sent[0]) is not None:
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


def _days_apart(values) -> int:
    days = [date.fromisoformat(v).toordinal() for v in values]
    return max(days) - min(days)


# --- titles: one person, another office -------------------------------------------------
def _title_discrepancies(story_id, members, articles, layers, local, named):
    """Outlets naming one person with another title before the name: "Deputy Minister X"
    against "Minister X", "Governor X" against "Senator X". A title that only says less
    ("Minister X" against "Foreign Minister X") or an honorific ("Mr X") is no disagreement."""
    said: dict[str, dict[str, tuple[tuple[str, ...], Mention]]] = defaultdict(dict)
    for aid in members:
        u = layers.get(aid)
        text = articles[aid].text
        for k, e in enumerate(u.entities if u else []):
            eid = local.get((aid, k))
            if e.label != "PERSON" or eid not in named:
                continue
            for m in sorted(e.mentions, key=lambda m: m.start):
                title = _title_before(text, m.start)
                if title:
                    a, b = _sentence_at(text, m.start, 0, len(text))
                    said[eid][aid] = (title, Mention(aid, a, b, text[a:b]))
                    break
    out = []
    for eid, per_article in sorted(said.items()):
        keys = {aid: _office(t) for aid, (t, _) in per_article.items()}
        if len(set(keys.values())) < 2 or not all(
                _office_clash(x, y) for x, y in combinations(set(keys.values()), 2)):
            continue
        claims = []
        for key in sorted(set(keys.values())):
            ids = sorted(a for a, x in keys.items() if x == key)
            shown = " ".join(per_article[ids[0]][0])
            mentions = [per_article[a][1] for a in ids]
            claims.append(Claim(shown, ids, mentions[0].text, mentions, None, None,
                                _outlets(ids, articles)))
        out.append(Discrepancy(stable_id("d", story_id, eid, "title"),
                               f"title of {named[eid].name}", claims, story_id, "title",
                               "contradiction"))
    return out


def _title_before(text: str, start: int) -> tuple[str, ...] | None:
    """The title words right before a name ("Deputy Foreign Minister" Jane Doe)."""
    t = _title_words()
    words_ = re.findall(r"[A-Za-z]+\.?", text[max(0, start - 60):start])
    if not words_ or not text[:start].endswith((words_[-1] + " ", words_[-1] + "\u00a0")):
        return None   # "Secretary-General" is read as "secretary general"
    out: list[str] = []
    for w in reversed(words_[-6:]):
        x = w.lower().rstrip(".")
        x = t["same"].get(x, x)
        if x not in t["ranks"] and (not w[0].isupper() or x not in t["words"]):
            break   # a rank may be lower case: "former President X"
        out.insert(0, x)
    while out and out[0] not in t["ranks"] and (out[0], ) not in t["heads"] \
            and out[0] not in t["words"]:
        out.pop(0)
    out = [x for x in out if x not in t["honorifics"]]
    return tuple(out) if out and out[-1] in t["last"] else None


def _office(title: tuple[str, ...]) -> tuple[frozenset[str], str, frozenset[str]]:
    t = _title_words()
    return (frozenset(x for x in title if x in t["ranks"]), title[-1],
            frozenset(x for x in title[:-1] if x not in t["ranks"]))


def _office_clash(a, b) -> bool:
    """Two titles that cannot both hold: another rank, another office, another portfolio
    (a title with no portfolio says less, not otherwise)."""
    return a[0] != b[0] or a[1] != b[1] or bool(a[2] and b[2] and a[2] != b[2])


@lru_cache(maxsize=1)
def _title_words() -> dict:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/compare.toml").read_text("utf-8"))
    same = {}
    for pair in data["titles"]["same"]:
        canonical, _, variant = pair.partition("=")
        same[variant] = canonical
    heads = {tuple(same.get(w, w) for w in " ".join(t).replace("-", " ").replace(".", "")
                   .split()) for t in load().titles}
    honor = frozenset(data["titles"]["honorifics"])
    return {"same": same, "heads": heads, "ranks": frozenset(data["titles"]["ranks"]),
            "words": frozenset(w for t in heads for w in t), "honorifics": honor,
            "last": frozenset(t[-1] for t in heads if t[-1] not in honor)}


# --- coverage -------------------------------------------------------------------------------
def _coverage(story_id, members, events, facts, discrepancies) -> list[CoverageRow]:
    member_set = set(members)
    rows = []
    told = []
    for v in events:
        cells: dict[str, list[Mention]] = {a: [] for a in members}
        for m in v.mentions:
            if m.article_id in member_set:
                cells[m.article_id].append(m)
        n = sum(1 for ms in cells.values() if ms)
        if n and v.participants:
            told.append((n, v, cells))
    told.sort(key=lambda x: (-x[0], x[1].date or "9999", x[1].id))
    for _, v, cells in told[:COVERAGE_EVENTS]:
        label = f"{v.type}: {v.trigger}" + (f" ({v.date})" if v.date else "")
        rows.append(CoverageRow(story_id, v.id, "event", label, cells))
    for f in facts:
        cells = {a: [m for m in f.mentions if m.article_id == a] for a in members}
        rows.append(CoverageRow(story_id, f.id, "fact", f"{f.topic}: {f.value}", cells))
    for d in discrepancies:
        cells = {a: [m for c in d.claims for m in c.mentions if m.article_id == a]
                 for a in members}
        rows.append(CoverageRow(story_id, d.id, "discrepancy", d.topic, cells))
    return rows


# --- the story's key events: one happening told by several outlets ----------------------
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
    return _sentence_at(text, at, 0, len(text)) if at is not None else (ev.start, ev.end)


def _alike(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two tellings' words are (0 below ``EVENT_KEY_SHARED`` shared ones)."""
    shared = len(a & b)
    return shared / (min(len(a), len(b)) or 1) if shared >= settings.EVENT_KEY_SHARED else 0.0


def _key_event_facets(story_id, members, articles, layers, local, named, given, known):
    """Outlets telling the story's same happening (one event family, their sentences
    sharing content words or names) with another date or place, and the ones they agree
    on. Unlike ``_event_discrepancies`` no shared victim is needed; two tellings whose
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
            if date and len(published) == 10 and (date > published or _days_apart(
                    {date, published}) > settings.EVENT_RECENT):
                continue   # a plan, or an earlier event the article recalls
            loc = _event_place(u, ev, sent, text)
            place = local.get((aid, loc)) if loc is not None and not lasting else None
            near = (max(ev.start, ev.trigger_start - settings.EVENT_KEY_WINDOW),
                    min(ev.end, ev.trigger_start + len(ev.trigger) + settings.EVENT_KEY_WINDOW))
            feats = [frozenset({_stem(w.lower()) for w in _WORDS.findall(text[lo:hi])
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
        if a.date and b.date and _days_apart({a.date, b.date}) > settings.EVENT_DATE_SLACK:
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
        if any(told[x].date and told[y].date and _days_apart(
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
                        _place_clash(x, y, inside, named)
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
                    ids, _outlets(ids, articles), [mentions[a] for a in ids])
    claims = []
    for val in values:
        ids = sorted(a for a, (x, _) in first.items() if x == val)
        ms = [mentions[a] for a in ids]
        shown = named[val].name if kind != "date" and val in named else val
        claims.append(Claim(shown, ids, ms[0].text, ms, None, None, _outlets(ids, articles)))
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


def _place_clash(x: str, y: str, inside: set[tuple[str, str]],
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
