"""Count, money and measure claims aligned across a story's articles: which claims are
about the same thing (topic, time, qualifying names, context), and whether their values
agree (a fact), differ within rounding (approximate), rise over days (an update) or
contradict."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from .. import settings
from ..model import ArticleClaim, Claim, Discrepancy, Fact, Mention, Understanding, stable_id
from .claims import modifiers, qualifier_meaning, words
from .common import WORDS, outlets, stem
from .stories import stopwords


@dataclass
class _Said:
    article_id: str
    claim: ArticleClaim
    era: frozenset[int] = frozenset()       # past years the claim's sentence is about
    names: frozenset[str] = frozenset()     # names qualifying the count ("Indian")


def claim_groups(members, layers, articles):
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
    """Whether two claims can count the same thing (see ``claim_groups``)."""
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


def _claim_features(s: _Said, text: str) -> Counter:
    """The claim's topic words (weighted) and the words around its number."""
    c = s.claim
    stop = stopwords()
    f: Counter = Counter()
    _kind, noun, condition = c.topic.split("|")
    for w in (noun, condition):
        for x in w.split():
            f[stem(x)] += settings.CLAIM_TOPIC_WEIGHT
    lo = max(c.sent_start, c.start - settings.CLAIM_WINDOW)
    hi = min(c.sent_end, c.end + settings.CLAIM_WINDOW)
    for m in WORDS.finditer(text[lo:hi]):
        w = m.group(0).lower()
        if w not in stop:
            f[stem(w)] += 1
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


def judge(story_id, topic, label, kind, said, articles, discrepancies, facts) -> None:
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
                          group[0].claim.text, ids, outlets(ids, articles),
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
                            number, qualifier, outlets(ids, articles)))
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
