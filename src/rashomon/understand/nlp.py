"""The Understand stage as a spaCy pipeline: a blank English tokenizer and sentencizer,
then rashomon's own components, each declared with what it assigns (like spaCy's
EntityRuler). Built once, lazily."""

from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .events import find_events
from .ner import find_names
from .resolve import cluster_article
from .temporal import find_dates
from .values import Spans, find_amounts

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence character ranges from the tokens' boundary flags, once per doc (one pass;
    iterating ``doc.sents`` costs a scan per sentence)."""
    found = doc.user_data.get("_sentences")
    if found is None:
        found, start = [], 0
        previous = doc[0] if len(doc) else None
        for token in doc[1:]:
            # a line break always ends a sentence (headings, bullets, captions have no stop)
            if token.is_sent_start or "\n" in previous.text:
                found.append((start, token.idx))
                start = token.idx
            previous = token
        found.append((start, len(doc.text)))
        doc.user_data["_sentences"] = found
    return found


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """``doc.char_span(..., alignment_mode="expand")`` in log time (a bisect on the token
    offsets, kept on the doc) instead of a scan per span."""
    idx = doc.user_data.get("_token_starts")
    if idx is None:
        idx = doc.user_data["_token_starts"] = [t.idx for t in doc]
    a = bisect.bisect_right(idx, start) - 1
    b = bisect.bisect_left(idx, end)
    if a < 0 or b <= a:
        return None
    return Span(doc, a, b, label=label)


@Language.component("rashomon_sentences", assigns=["doc.user_data"])
def sentences_component(doc: Doc) -> Doc:
    """Sentence ranges: the sentencizer's, and a line break always ends one. (Kept apart
    from the tokens: setting ``token.is_sent_start`` after the sentencizer costs a scan of
    the document per token.)"""
    sentences(doc)
    return doc


@Language.component("rashomon_dates", assigns=["doc.spans"])
def dates_component(doc: Doc) -> Doc:
    """DATE spans with their normalised value (``span._.value``), against ``published``."""
    found = find_dates(doc.text, doc.user_data.get("published"), sentences(doc))
    spans = []
    for d in found:
        span = _span(doc, d.start, d.end, "DATE")
        if span is not None:
            span._.value = d.value
            spans.append(span)
    doc.spans["dates"] = spans
    doc.user_data["dates"] = found
    return doc


@Language.component("rashomon_names", assigns=["doc.ents"])
def names_component(doc: Doc) -> Doc:
    """PERSON, ORG, GPE, LOC, FAC and NORP names (``doc.ents``), with title evidence."""
    taken = Spans((d.start, d.end) for d in doc.user_data.get("dates", []))
    names = [n for n in find_names(doc, doc.text) if taken.free(n.start, n.end)]
    doc.user_data["names"] = names
    spans = [_span(doc, n.start, n.end, n.label) for n in names]
    doc.ents = filter_spans([s for s in spans if s is not None])
    return doc


@Language.component("rashomon_amounts", assigns=["doc.spans"])
def amounts_component(doc: Doc) -> Doc:
    """MONEY and QUANTITY spans with their number (``span._.value``)."""
    taken = [(d.start, d.end) for d in doc.user_data.get("dates", [])]
    taken += [(n.start, n.end) for n in doc.user_data.get("names", [])]
    found = find_amounts(doc.text, taken)
    doc.user_data["amounts"] = found
    spans = []
    for a in found:
        span = _span(doc, a.start, a.end, a.label)
        if span is not None:
            span._.value = a.value
            spans.append(span)
    doc.spans["amounts"] = spans
    return doc


@Language.component("rashomon_entities", assigns=["doc.user_data"])
def entities_component(doc: Doc) -> Doc:
    """Group the article's names into its entities (surnames, acronyms, aliases)."""
    doc.user_data["entities"] = cluster_article(doc.user_data.get("article_id", ""), doc.text,
                                                doc.user_data.get("names", []))
    return doc


@Language.component("rashomon_events", assigns=["doc.user_data"])
def events_component(doc: Doc) -> Doc:
    """Events of each sentence, with participants (entity indices), place and date."""
    mentions = [(s, e, ent.label, k) for k, ent in enumerate(doc.user_data.get("entities", []))
                for s, e, _ in ent.mentions]
    dates = [(d.start, d.end, d.value) for d in doc.user_data.get("dates", [])]
    doc.user_data["events"] = find_events(doc.text, sentences(doc), mentions, dates)
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 5_000_000
    nlp.add_pipe("sentencizer")
    for name in ("rashomon_sentences", "rashomon_dates", "rashomon_names", "rashomon_amounts", "rashomon_entities",
                 "rashomon_events"):
        nlp.add_pipe(name)
    return nlp
