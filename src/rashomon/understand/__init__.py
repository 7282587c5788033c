"""Understand: entities, one actor across spellings and outlets, events with dates.

Public functions: :func:`understand_article` (the article-level component: names, dates,
amounts, the article's entities and events, as a spaCy pipeline in ``nlp.py``) and
:func:`resolve_workspace` (the corpus-level component: one entity per real-world actor
and one event per real event across all stored articles).
"""

from __future__ import annotations

from ..model import (
    Article,
    ArticleEntity,
    ArticleEvent,
    Mention,
    MergeReason,
    Understanding,
    ValueMention,
)

__all__ = ["understand_article", "resolve_workspace"]


def understand_article(article: Article) -> Article:
    """Add the Understand layer to ``article`` (in place) and return it."""
    from .nlp import pipeline

    nlp = pipeline()
    doc = nlp.make_doc(article.text)
    doc.user_data.update(published=article.published, article_id=article.id)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    entities = [
        ArticleEntity(label=e.label, name=e.name, aliases=sorted(e.aliases),
                      mentions=[Mention(article.id, s, t, x) for s, t, x in e.mentions],
                      reasons=[MergeReason(*r) for r in e.reasons], weak=e.weak)
        for e in doc.user_data["entities"]]
    values = [ValueMention(d.start, d.end, d.text, "DATE", d.value)
              for d in doc.user_data["dates"]]
    values += [ValueMention(a.start, a.end, a.text, a.label, _number(a.value))
               for a in doc.user_data["amounts"]]
    values.sort(key=lambda v: v.start)
    events = [ArticleEvent(e.type, e.trigger, e.trigger_start, e.start, e.end,
                           list(e.participants), e.location, e.date)
              for e in doc.user_data["events"]]
    from .nlp import sentences

    article.understanding = Understanding(entities, values, events,
                                          sentences=list(sentences(doc)))
    return article


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def resolve_workspace(store) -> tuple[int, int]:
    """Rebuild the workspace's entities and events from every stored article."""
    from .workspace_resolve import rebuild

    return rebuild(store)
