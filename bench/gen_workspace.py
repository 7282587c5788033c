"""A generated workspace of N articles, for the Compare and web benchmarks.

Articles come in stories of 3-6 outlets (plus lone articles), each story with its own
people, organisations and places drawn from generated names, its own vocabulary and
dates, and counts that outlets state alike or differently. The Understand layer
(entities with mention offsets, values, events, claims, quotes, descriptors) is written
with the text, so the corpus-level steps (resolve, stories) run on it as on analysed news.
Deterministic: the same N gives the same store.

    python bench/gen_workspace.py N DB
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from rashomon.model import (
    Article,
    ArticleClaim,
    ArticleDescriptor,
    ArticleEntity,
    ArticleEvent,
    ArticleQuote,
    Mention,
    Understanding,
    ValueMention,
)
from rashomon.store import Store

SYLLABLES = ["ka", "ro", "mi", "sa", "tu", "le", "na", "vo", "di", "ha", "ze", "lu", "pe",
             "an", "or", "is", "el", "ba", "qu", "ni", "fo", "ra", "te", "yo", "sh", "ul"]
OUTLETS = ["Harbour Gazette", "Pacific Wire", "Daily Meridian", "Lagos Ledger", "Sharq Today",
           "Andes Report", "Nordic Post", "Delta Times", "Steppe Herald", "Cape Courier"]
TOPICS = ["flood", "strike", "election", "merger", "protest", "trial", "earthquake", "summit",
          "ceasefire", "launch", "outbreak", "wildfire", "tariff", "hostage", "transfer"]
FILLER = ["officials", "said", "the", "situation", "remained", "tense", "as", "residents", "waited", "for", "news", "and", "aid", "groups", "called", "for", "calm", "while", "the", "authorities", "promised", "a", "full", "inquiry"]
LABELS = ["militant group", "armed group", "resistance movement", "terror group",
          "opposition party", "regional government", "state firm"]


def name(rng: random.Random, parts: int = 2) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                    for _ in range(parts))


def story_pool(rng: random.Random, k: int) -> dict:
    return {
        "people": [name(rng) for _ in range(4)],
        "orgs": [name(rng, 1) + " " + rng.choice(["Council", "Front", "Bank", "Ministry",
                                                  "Corp"]) for _ in range(2)],
        "places": [name(rng, 1) for _ in range(2)],
        "topic": TOPICS[k % len(TOPICS)],
        "words": ["".join(rng.choice(SYLLABLES) for _ in range(4)) for _ in range(6)],
        "day": date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500)),
        "count": rng.randint(5, 500),
    }


class Writer:
    """Text with the offsets of what it holds."""

    def __init__(self, aid: str) -> None:
        self.aid = aid
        self.parts: list[str] = []
        self.size = 0
        self.entities: dict[str, ArticleEntity] = {}
        self.values: list[ValueMention] = []
        self.claims: list[ArticleClaim] = []
        self.events: list[ArticleEvent] = []
        self.quotes: list[ArticleQuote] = []
        self.descriptors: list[ArticleDescriptor] = []

    def add(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def entity(self, text: str, label: str) -> int:
        s, e = self.add(text)
        ent = self.entities.setdefault(text, ArticleEntity(label, text))
        ent.mentions.append(Mention(self.aid, s, e, text))
        return list(self.entities).index(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def article(rng: random.Random, pool: dict, n: int, outlet: str, k: int) -> Article:
    aid = f"a{n:08d}"
    w = Writer(aid)
    published = pool["day"] + timedelta(days=rng.randint(0, 2))
    for para in range(rng.randint(5, 8)):
        s0 = w.size
        who = w.entity(rng.choice(pool["people"]), "PERSON")
        w.add(", a ")
        d0 = w.size
        w.add(rng.choice(LABELS))
        w.descriptors.append(ArticleDescriptor(who, d0, w.size, LABELS[0], "appositive"))
        w.add(", said the ")
        w.add(pool["topic"] + " in ")
        where = w.entity(rng.choice(pool["places"]), "GPE")
        w.add(" had left ")
        count = pool["count"] + (rng.randint(0, 3) if rng.random() < 0.3 else 0)
        v0, v1 = w.add(str(count))
        w.values.append(ValueMention(v0, v1, str(count), "QUANTITY", str(count)))
        w.add(" people dead after the ")
        org = w.entity(rng.choice(pool["orgs"]), "ORG")
        w.add(" acted. ")
        w.add(" ".join(rng.choice(pool["words"] + FILLER) for _ in range(30)) + ". ")
        q0, q1 = w.add("\u201cWe will not stop " + " ".join(rng.choices(FILLER, k=8)) + "\u201d")
        w.quotes.append(ArticleQuote(q0 + 1, q1 - 1, w.text[q0 + 1:q1 - 1], "direct", who))
        w.add(" he said.\n\n")
        w.claims.append(ArticleClaim(v0, v1, str(count), "count", "count|people|killed",
                                     "people killed", str(count), float(count), None, s0,
                                     w.size, [who, where, org]))
        w.events.append(ArticleEvent("killing", "dead", v1 + 8, s0, w.size,
                                     [(org, "agent"), (who, "victim")], where,
                                     pool["day"].isoformat() if para == 0 else None))
    text = w.text
    u = Understanding(list(w.entities.values()), w.values, w.events, w.quotes, w.descriptors,
                      w.claims)
    title = f"{pool['topic'].title()} in {pool['places'][0]}: {pool['people'][0]} speaks"
    return Article(aid, f"https://bench.invalid/{aid}", 0, text, title=title, outlet=outlet,
                   published=published.isoformat(), understanding=u)


def generate(n: int, db: str) -> None:
    rng = random.Random(n)
    store = Store.open(db)
    made, k = 0, 0
    batch: dict[str, list[Article]] = {}
    while made < n:
        pool = story_pool(rng, k)
        size = 1 if rng.random() < 0.15 else rng.randint(3, 6)
        for outlet in rng.sample(OUTLETS, min(size, n - made)):
            a = article(rng, pool, made, outlet, k)
            batch[a.source] = [a]
            made += 1
        k += 1
        if len(batch) >= 500 or made >= n:
            store.save_file(f"bench-{made}", batch, [])
            batch = {}
    store.close()


if __name__ == "__main__":
    generate(int(sys.argv[1]), sys.argv[2])
