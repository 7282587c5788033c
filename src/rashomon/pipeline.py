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


DEFAULT_PIPELINE: tuple[str, ...] = ("clean",)


def run_page(page: Page, names: tuple[str, ...] = DEFAULT_PIPELINE) -> list[Article]:
    """Run the page and article components of the pipeline on one page."""
    articles: list[Article] = []
    for name in names:
        comp = REGISTRY[name]
        if comp.level == "page":
            articles = comp.func(page)
        elif comp.level == "article":
            articles = [comp.func(a) for a in articles]
    return articles
