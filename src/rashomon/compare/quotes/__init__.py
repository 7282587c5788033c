"""Quotes: direct quotes and reported speech in one article, with who spoke, the speech cue
and the news agency or outlet credited.

Public function: :func:`find_quotes`. The vocabularies (speech verbs, agencies and outlet
words, attribution words) are data in ``data/speech.toml``; thresholds are the constants
of ``limits``.

- **Direct quotes** pair straight and curly double quote marks, paragraph by paragraph. A
  quote still open at the end of its paragraph continues only when the next paragraph
  opens with a mark (the news convention for a quote over several paragraphs); otherwise
  it ends with its paragraph, so an unbalanced mark never swallows the rest of the article.
  Single quotes are never paired: a quote inside a quote stays inside. A quote of at most
  ``SCARE_MAX_WORDS`` words is a scare quote or a quoted term unless a speech cue is right
  next to it.
- **Attribution** of a direct quote, first found wins: a cue right before it (``Smith said:
  "``), a cue right after it (``," Smith said.``, ``," said Smith``, ``," he told Reuters``),
  a cue earlier in its sentence (a partial quote), else the previous quote's speaker when
  that quote is in the same or the previous paragraph.
- **Reported speech**: ``X said (that) ...``, ``X told reporters (that) ...``, ``X warned
  that ...``, ``according to X, ...``, ``..., according to X.``, ``..., X said on Monday.``,
  ``..., said X.``, ``X quoted Y as saying ...``, ``, adding that ...``.
- **Speakers**: a PERSON named in the speaker's words, else an ORG or GPE speaking as an
  institution ("the Health Ministry said", "a spokesman for the ministry"); "he"/"she" is
  the nearest PERSON named before it outside quotes, or the previous quote's speaker when
  nobody else was named since that quote's attribution; "it" and "the ministry" are the
  nearest organisation so named. An agency or outlet ("told Reuters", "Reuters reported",
  "quoted by Kommersant", "told Rudaw television") is the quote's ``source``, never its speaker.

Every scan is one regular expression pass over the text or over a window of bounded size
around a quote mark or a cue, and every lookup a bisection: time is linear in the text.

Modules, in the order a quote goes through them: ``lexicon`` (the vocabularies), ``limits``
(the thresholds), ``text`` (small text helpers), ``doc`` (the article indexed: paragraphs,
sentences, mentions, quote marks), ``marks`` (pairing quote marks), ``direct`` (direct
quotes and their attribution), ``cues`` (speech cues and the words naming a speaker),
``sources`` (agencies and outlets credited), ``reported`` and ``tails`` (reported speech,
a cue before or after its clause), ``speaker`` (whom the speaker words name).
"""

from __future__ import annotations

from ...model import ArticleEntity, ArticleQuote
from .direct import _direct_quotes
from .doc import _Doc
from .marks import _pair_marks
from .reported import _reported_quotes
from .speaker import _resolve

__all__ = ["find_quotes"]


def find_quotes(text: str, sentences: list[tuple[int, int]],
                entities: list[ArticleEntity]) -> list[ArticleQuote]:
    """Direct quotes and reported speech in an article's cleaned text.

    Args:
        text: the article's body (paragraphs separated by line breaks).
        sentences: sentence character ranges (the Understand layer's ``sentences``).
        entities: the article's entities; ``speaker`` is an index into this list.

    Returns:
        The quotes in text order: ``start``/``end`` cover the quoted words without the
        quote marks and the comma before the closing one (direct; a quote over several
        paragraphs runs from its first word to its last) or the reported clause without
        "that" and the final full stop (reported); ``speaker_text`` the words naming the
        speaker (the resolved name for a pronoun); ``cue`` the speech verb or phrase;
        ``source`` the agency or outlet credited. A direct quote may lie inside a reported
        clause ('X said the plan was "a disaster for everyone"').
    """
    doc = _Doc(text, sentences, entities)
    if not doc.paras:
        return []
    doc.marks = _pair_marks(doc)
    doc.mark_starts = [m.open for m in doc.marks]
    drafts = _direct_quotes(doc)
    doc.direct_starts = [s for s, _, _ in doc.direct]
    drafts += _reported_quotes(doc)
    drafts.sort(key=lambda d: (d.start, d.end, d.kind))
    _resolve(doc, drafts)
    return [ArticleQuote(d.start, d.end, text[d.start:d.end], d.kind, d.speaker,
                         d.speaker_text, d.cue, d.source) for d in drafts]
