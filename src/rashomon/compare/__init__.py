"""Compare: stories, agreement and disagreement between outlets, labels, quotes, coverage.

Public functions: :func:`compare_article` (the article-level component: the article's
quotes, descriptors of its entities and the values it states, from its Understand layer)
and :func:`compare_workspace` (the corpus-level component: stories, then within each story
agreed facts, discrepancies, the coverage matrix, and quotes and descriptors tied to the
workspace's entities). Modules by concern: ``quotes``, ``descriptors`` (with the
loaded-language lexicon of ``data/lexicon.toml``), ``claims``, ``stories``, ``align``.
"""

from __future__ import annotations

from ..model import Article

__all__ = ["compare_article", "compare_workspace"]


def compare_article(article: Article) -> Article:
    """Add the Compare layer (quotes, descriptors, claims) to an understood article."""
    from .claims import find_claims
    from .descriptors import find_descriptors
    from .quotes import find_quotes

    u = article.understanding
    if u is None:
        return article
    sentences = u.sentences or [(0, len(article.text))]
    u.quotes = find_quotes(article.text, sentences, u.entities)
    u.descriptors = find_descriptors(article.text, sentences, u.entities, u.events)
    u.claims = find_claims(article.text, sentences, u.values, u.entities)
    return article


def compare_workspace(store) -> int:
    """Rebuild stories and everything compared within them; returns the number of stories."""
    from .align import rebuild

    return rebuild(store)
