"""A trained typer for candidate names: a linear model (multinomial logistic regression)
over sparse features.

The rules of ``ner.py`` find candidate spans and type them; this model re-types the
candidates the rules typed weakly (a default guess, an unknown word) from the span's words
and shapes, its neighbours, gazetteer hits, the rule that fired and what the document says
elsewhere. Its weights are ``data/typer.json``, written by ``train/train_typer.py`` from the
articles of ``train/data/understand`` (see docs/typer.md). Labels: the six name types, or
``NONE`` (not a name of ours).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as ir

from .ner import Name, Tok
from .resources import Resources, fold, load

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "NONE")
_PLACE_PREP = {"in", "at", "from", "near", "to", "outside", "across", "into", "of", "around"}
_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
_SPEECH = {"said", "says", "told", "added", "asked", "wrote", "argued", "insisted", "warned"}
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|[A-Z](?:\.[A-Z])+\.?)$")
#: Nouns before "of" that make what follows a place ("the port of X", "residents of X").
_PLACE_NOUNS = {"port", "town", "city", "village", "villages", "province", "region", "district",
                "residents", "outskirts", "capital", "island", "state", "suburb", "suburbs",
                "streets", "centre", "center", "south", "north", "east", "west", "people",
                "mayor", "governor", "area", "areas", "coast", "parts", "heart", "edge"}
#: Words joining two names in a list ("X and Y", "X, Y or Z").
_CONJ = {"and", "or", ","}

#: The rules the typer may overrule: the rules' default guesses for a name no rule typed
#: (two or three words: PERSON, else ORG; after "in": GPE; a given name: PERSON), and the
#: one-word candidates seen only opening sentences, which the rules leave untyped. Gazetteer
#: hits, titles, head words and document evidence stay as the rules say (measured on the
#: dev set: overruling single-clue rules too, or gazetteer places, scored lower).
WEAK_RULES = frozenset({"default_person", "default_org", "default_in", "default_given",
                        "sentence_opener"})

#: Words seen only opening sentences are mostly not names ("Rescuers said"), and the model
#: learns that prior; a name among them ("Maersk said") is kept when its best type scores
#: within this much of NONE (chosen on the dev set: the names ranked first there).
OPENER_BIAS = 1.0
#: The typer replaces the rules' guess only when its type scores this much higher.
MIN_MARGIN = 0.25


@dataclass(frozen=True)
class DocContext:
    """What the whole document says about its candidate names."""

    counts: Counter
    surnames: frozenset[str]       # last words of multi-word candidates
    first_words: frozenset[str]    # first words of multi-word candidates
    titled: frozenset[str]         # candidates (and their last words) seen after a title
    rule_labels: dict[str, str]    # the rules' type of each key where a strong rule fired
    lower_vocab: frozenset[str]    # the words the document writes in lower case
    #: the rules' type of the name starting / ending at each token index, with "strong" or
    #: "weak" (a default guess)
    at_start: dict[int, str]
    at_end: dict[int, str]


def doc_context(names: list[Name], toks: list[Tok]) -> DocContext:
    counts: Counter = Counter(fold(n.text) for n in names)
    surnames, first_words, titled = set(), set(), set()
    strong: dict[str, str] = {}
    for n in names:
        words = fold(n.text).split()
        if len(words) > 1:
            surnames.add(words[-1])
            first_words.add(words[0])
        if n.titled:
            titled.update({fold(n.text), words[-1]} if words else set())
        if n.label and n.rule not in WEAK_RULES and not n.rule.startswith("default"):
            strong.setdefault(fold(n.text), n.label)
    lower = frozenset(t.text for t in toks if t.text[:1].islower())
    at_start, at_end = {}, {}
    for n in names:
        tag = f"{'weak' if n.rule in WEAK_RULES else 'strong'}:{n.label}"
        at_start[n.a] = tag
        at_end[n.b] = tag
    return DocContext(counts, frozenset(surnames), frozenset(first_words), frozenset(titled),
                      strong, lower, at_start, at_end)


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "X", re.sub(r"[a-z]+", "x", re.sub(r"[0-9]+", "d", word)))
    return shape[:6]


def features(n: Name, toks: list[Tok], text: str, ctx: DocContext,
             res: Resources | None = None) -> list[str]:
    """The sparse features of one candidate (strings; their weights are summed)."""
    res = res or load()
    words = [t.text for t in toks[n.a:n.b] if t.text != "-"]
    folded = [fold(w) for w in words] or [fold(n.text)]
    key = fold(n.text)
    first, last = folded[0], folded[-1]
    f = ["bias", f"rule={n.rule or 'preset'}", f"rule_label={n.rule or 'preset'}:{n.label}",
         f"len={min(len(folded), 4)}", f"first={first}", f"last={last}",
         f"shape={'_'.join(_shape(w) for w in words[:3])}",
         f"last_suf3={last[-3:]}", f"last_suf2={last[-2:]}", f"first_suf3={first[-3:]}"]
    f += [f"w={w}" for w in folded]
    if len(folded) == 1:
        f.append(f"only={first}")
    if n.titled:
        f.append("titled")
    if n.weak:
        f.append("weak")
    if _ACRONYM.match(n.text):
        f.append("acronym")
    if "-" in n.text:
        f.append("hyphen")
    if toks[n.a].sent_start:
        f.append("sent_start")
    # gazetteers
    if key in res.gpe:
        f.append("gaz_gpe")
        if res.gpe[key] in res.countries:
            f.append("gaz_country")
    if key in res.norp or key.rstrip("s") in res.norp:
        f.append("gaz_norp")
    if key in res.loc:
        f.append("gaz_loc")
    for tag, lexicon in (("org_head", res.org_heads), ("fac_head", res.fac_heads),
                         ("loc_head", res.loc_heads), ("admin_head", res.admin_heads),
                         ("given", res.given_names)):
        if last in lexicon:
            f.append(f"last_{tag}")
        if first in lexicon:
            f.append(f"first_{tag}")
        if any(w in lexicon for w in folded[1:-1]):
            f.append(f"mid_{tag}")
    if any(w in res.given_names for w in folded):
        f.append("any_given")
    if all(w in res.given_names for w in folded):
        f.append("all_given")
    if ctx.lower_vocab & {w.lower() for w in words}:
        f.append("common_word")
    if first in res.org_openers:
        f.append("first_org_opener")
    if first in res.fac_openers:
        f.append("first_fac_opener")
    if first in res.particles or first in ("al", "el", "abu", "bin", "ibn"):
        f.append("first_particle")
    if len(folded) > 1 and (folded[0] in res.gpe or folded[0] in res.norp):
        f.append("first_place_or_norp")
    # context
    prev1 = fold(toks[n.a - 1].text) if n.a > 0 else "<s>"
    prev2 = fold(toks[n.a - 2].text) if n.a > 1 else "<s>"
    next1 = fold(toks[n.b].text) if n.b < len(toks) else "</s>"
    next2 = fold(toks[n.b + 1].text) if n.b + 1 < len(toks) else "</s>"
    f += [f"p1={prev1}", f"p2={prev2}|{prev1}", f"n1={next1}", f"n2={next1}|{next2}"]
    if prev1 in _PLACE_PREP:
        f.append("prep_before")
    if prev1 == "of" and prev2 in _PLACE_NOUNS:
        f.append("place_noun_of")
    # the type of a name listed with this one: "Likoni and Shimanzi", "Salah and Gakpo"
    if prev1 in _CONJ and n.a - 1 in ctx.at_end:
        f.append(f"conj={ctx.at_end[n.a - 1]}")
    if next1 in _CONJ and n.b + 1 in ctx.at_start:
        f.append(f"conj={ctx.at_start[n.b + 1]}")
    if prev1 == "the" and prev2 in _PLACE_PREP | {"on", "along", "over", "down", "up", "crossed",
                                                  "crossing", "cross", "through"}:
        f.append("prep_the")  # "on the Danube", "across the Irrawaddy"
    if prev1 in ("the",):
        f.append(f"the_before|last={last}")
    if n.a > 0 and toks[n.a - 1].text[:1].isupper() and not toks[n.a - 1].sent_start:
        f.append("cap_before")
    if next1 in ("'s", "’s"):
        f.append("possessive")
    if next1 == "," and next2 in ("who", "whose", "which", "where"):
        f.append(f"comma_{next2}")
    if next1 == "," and next2.isdigit():
        f.append("comma_age")
    if next1 == "(":
        f.append("bracket_after")
    if n.b < len(toks) and toks[n.b].text[:1].islower():
        f.append("lower_after")
    after = {fold(t.text) for t in toks[n.b:n.b + 10]}
    if after & _PRONOUNS:
        f.append("pronoun_after")
    if after & {"it", "its"}:
        f.append("it_after")
    if next1 in _SPEECH or prev1 in _SPEECH:
        f.append("speech")
    # the document
    if ctx.counts[key] > 1:
        f.append("repeated")
    if len(folded) == 1:
        if key in ctx.surnames:
            f.append("doc_surname")
        if key in ctx.first_words:
            f.append("doc_first_word")
        if key in ctx.titled:
            f.append("doc_titled")
    strong = ctx.rule_labels.get(key)
    if strong:
        f.append(f"doc_strong={strong}")
    return f


@dataclass(frozen=True)
class Model:
    weights: dict[str, dict[str, float]]

    def scores(self, feats: list[str]) -> dict[str, float]:
        out = dict.fromkeys(LABELS, 0.0)
        for feat in feats:
            for label, w in self.weights.get(feat, {}).items():
                out[label] += w
        return out

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The best label and its margin over the runner-up (ties: the order of LABELS)."""
        scores = self.scores(feats)
        ranked = sorted(LABELS, key=lambda lab: (-scores[lab], LABELS.index(lab)))
        return ranked[0], scores[ranked[0]] - scores[ranked[1]]


@lru_cache(maxsize=1)
def model() -> Model:
    raw = json.loads(ir.files("rashomon").joinpath("data/typer.json").read_text("utf-8"))
    return Model(raw["weights"])


def revise(names: list[Name], toks: list[Tok], text: str, m: Model | None = None,
           weak: frozenset[str] | None = None) -> None:
    """Re-type the names the rules typed weakly; a ``NONE`` drops the name. The mentions of
    one name in the document are typed together (their scores summed), so they agree."""
    m = m or model()
    weak = WEAK_RULES if weak is None else weak
    ctx = doc_context(names, toks)
    res = load()
    groups: dict[str, list[Name]] = {}
    for n in names:
        if n.rule in weak:
            groups.setdefault(fold(n.text), []).append(n)
    for group in groups.values():
        total = dict.fromkeys(LABELS, 0.0)
        for n in group:
            for label, score in m.scores(features(n, toks, text, ctx, res)).items():
                total[label] += score
        if all(n.rule == "sentence_opener" for n in group):
            total["NONE"] -= OPENER_BIAS * len(group)
        label = min(LABELS, key=lambda lab: (-total[lab], LABELS.index(lab)))
        own = group[0].label or "NONE"
        if total[label] - total[own] < MIN_MARGIN * len(group):
            continue  # not clearly better than the rules' guess
        for n in group:
            if label == n.label:
                continue
            if label == "NONE":
                n.label = None
            else:
                n.evidence.append(f"typed {label} by the trained typer (rules: {n.label})")
                n.label = label
