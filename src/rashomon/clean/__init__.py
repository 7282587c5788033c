"""Clean: raw pages in, clean articles with metadata out.

Public function: :func:`clean_page`. Modules by concern: ``text`` and ``html`` turn a page
into blocks, ``rules`` applies the boilerplate tables of ``data/boilerplate.toml``,
``segment`` splits a page into articles, ``metadata`` and ``dates`` recover the metadata.
"""

from __future__ import annotations

from ..errors import Errors, InputError
from ..model import Article, Caption, Page
from . import dates, metadata, rules
from .blocks import STAMP, Block, PageMeta
from .segment import classify, mark_site_names, segment
from .text import text_blocks

__all__ = ["clean_page"]


def clean_page(page: Page) -> list[Article]:
    """Clean one page into its articles (most pages hold one; some hold several)."""
    if page.media_type == "text/html":
        from .html import html_blocks

        blocks, meta = html_blocks(page.text, page.url)
    else:
        blocks, meta = text_blocks(page.text), PageMeta(url=page.url)
    classify(blocks)
    clue = metadata.outlet_in_text(blocks, meta)
    mark_site_names(blocks, [metadata.outlet(meta, None, clue) or "", meta.site_name or ""])
    preamble, drafts = segment(blocks, split=not meta.live_blog)
    drafts = [d for d in drafts if d.body]
    if not drafts:
        raise InputError(Errors.E009, page.locator)
    page_date = next((b.stamp[1] for b in preamble if b.role == STAMP and b.stamp
                      and b.stamp[0] == "date"), None)
    single = len(drafts) == 1
    if single and meta.published:
        page_date = meta.published
    outlet = metadata.outlet(meta, drafts[0].title, clue)
    hints = dict(page.hints) if single else {}
    outlet = hints.get("outlet") or outlet
    hinted_date = dates.parse_date(hints["published"]) if "published" in hints else None
    articles = []
    for n, d in enumerate(drafts):
        title = hints.get("title") or d.title or (
            meta.headline or metadata.strip_site(meta.title, outlet) if single else None)
        text = "\n\n".join(b.text for b in d.body)
        byline = hints.get("byline") or (
            d.bylines[0] if d.bylines else (meta.author if single else None))
        articles.append(Article(
            id=Article.make_id(page.source, n, title, text), source=page.source, ordinal=n,
            text=text, title=title, outlet=outlet,
            published=hinted_date or metadata.published(d, page_date, page.fetched_at),
            byline=byline,
            dateline=metadata.dateline(d), language=meta.language or metadata.language(text),
            url=page.url or meta.url, fetched_at=page.fetched_at,
            captions=[_caption(b) for b in d.captions]))
    return articles


def _caption(b: Block) -> Caption:
    return Caption(text=b.text, credit=rules.caption_credit(b.text))
