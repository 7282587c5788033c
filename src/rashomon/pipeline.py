"""The pipeline as named components, the way spaCy builds one.

A component is registered once with what it reads and what it assigns. Page components
turn a :class:`~rashomon.model.Page` into articles (Clean); article components add layers
to an article (Understand: mentions, events...); corpus components run over the whole
store once the files are in (Compare: stories...). ``analyze`` runs the default pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Article, Page


@dataclass(frozen=True)
class Component:
    name: str
    level: str            # "page" | "article" | "corpus"
    assigns: tuple[str, ...]
    func: Callable[..., Any]


REGISTRY: dict[str, Component] = {}


def component(name: str, *, level: str, assigns: tuple[str, ...] = ()) -> Callable:
    """Register a pipeline component under ``name``."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = Component(name, level, assigns, func)
        return func

    return register


@component("clean", level="page", assigns=("articles", "captions"))
def clean(page: Page) -> list[Article]:
    from .clean import clean_page

    return clean_page(page)


@component("understand", level="article",
           assigns=("article_entities", "article_values", "article_events"))
def understand(article: Article) -> Article:
    from .understand import understand_article

    return understand_article(article)


@component("compare", level="article",
           assigns=("article_quotes", "article_descriptors", "article_claims"))
def compare(article: Article) -> Article:
    from .compare import compare_article

    return compare_article(article)


@component("resolve", level="corpus", assigns=("entities", "mentions", "events"))
def resolve(store) -> tuple[int, int]:
    from .understand import resolve_workspace

    return resolve_workspace(store)


@component("stories", level="corpus",
           assigns=("stories", "descriptors", "quotes", "discrepancies", "facts", "coverage"))
def stories(store) -> int:
    from .compare import compare_workspace

    return compare_workspace(store)


DEFAULT_PIPELINE: tuple[str, ...] = ("clean", "understand", "compare", "resolve", "stories")


def run_page(page: Page, names: tuple[str, ...] = DEFAULT_PIPELINE
             ) -> tuple[list[Article], list[tuple[str, str]]]:
    """Run the page and article components on one page.

    Returns the articles and the (article id, error) of article components that failed:
    such an article is kept with the layers that did succeed.
    """
    articles: list[Article] = []
    problems: list[tuple[str, str]] = []
    for name in names:
        comp = REGISTRY[name]
        if comp.level == "page":
            articles = comp.func(page)
        elif comp.level == "article":
            for a in articles:
                try:
                    comp.func(a)
                except RecursionError:
                    problems.append((a.id, f"{name}: text nested too deeply"))
                except Exception as exc:  # one article's failure must not lose the others
                    problems.append((a.id, f"{name}: {type(exc).__name__}: {exc}"[:200]))
    return articles, problems


def run_corpus(store, names: tuple[str, ...] = DEFAULT_PIPELINE) -> None:
    """Run the corpus components (after every file is stored)."""
    for name in names:
        comp = REGISTRY[name]
        if comp.level == "corpus":
            comp.func(store)
