"""Titles outlets give one person: "Deputy Minister X" against "Minister X"."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from functools import lru_cache
from importlib import resources as ir
from itertools import combinations

from ..model import Claim, Discrepancy, Mention, stable_id
from ..understand.resources import load
from .common import outlets, sentence_at


def title_discrepancies(story_id, members, articles, layers, local, named):
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
                    a, b = sentence_at(text, m.start, 0, len(text))
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
                                outlets(ids, articles)))
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
