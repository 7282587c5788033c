"""The Understand stage as a spaCy pipeline: a blank English tokenizer and sentencizer,
then rashomon's own components, each declared with what it assigns (like spaCy's
EntityRuler). Built once, lazily."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .events import find_events
from .ner import find_names
from .resolve import cluster_article
from .temporal import find_dates
from .values import find_amounts

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)


@Language.component("rashomon_paragraphs", assigns=["token.is_sent_start"])
def paragraphs_component(doc: Doc) -> Doc:
    """A line break always ends a sentence (headings, bullets and captions have no stop)."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@Language.component("rashomon_dates", assigns=["doc.spans"])
def dates_component(doc: Doc) -> Doc:
    """DATE spans with their normalised value (``span._.value``), against ``published``."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    found = find_dates(doc.text, doc.user_data.get("published"), sentences)
    spans = []
    for d in found:
        span = doc.char_span(d.start, d.end, label="DATE", alignment_mode="expand")
        if span is not None:
            span._.value = d.value
            spans.append(span)
    doc.spans["dates"] = spans
    doc.user_data["dates"] = found
    return doc


@Language.component("rashomon_names", assigns=["doc.ents"])
def names_component(doc: Doc) -> Doc:
    """PERSON, ORG, GPE, LOC, FAC and NORP names (``doc.ents``), with title evidence."""
    taken = [(d.start, d.end) for d in doc.user_data.get("dates", [])]
    names = [n for n in find_names(doc, doc.text)
             if not any(n.start < e and s < n.end for s, e in taken)]
    doc.user_data["names"] = names
    spans = [doc.char_span(n.start, n.end, label=n.label, alignment_mode="expand") for n in names]
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
        span = doc.char_span(a.start, a.end, label=a.label, alignment_mode="expand")
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
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    doc.user_data["events"] = find_events(doc.text, sentences, mentions, dates)
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 5_000_000
    nlp.add_pipe("sentencizer")
    for name in ("rashomon_paragraphs", "rashomon_dates", "rashomon_names", "rashomon_amounts", "rashomon_entities",
                 "rashomon_events"):
        nlp.add_pipe(name)
    return nlp
