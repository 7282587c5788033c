"""The Python API: analyse inputs into a store, then read typed objects back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import settings
from .errors import Errors, InputError, RashomonError
from .ingest import InputFile, iter_input_files
from .model import (
    Article,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Failure,
    Page,
    Quote,
    Story,
)
from .pipeline import DEFAULT_PIPELINE, run_corpus, run_page
from .store import Store


@dataclass
class Summary:
    """What one ``analyze`` run did."""

    files: int = 0
    pages: int = 0
    articles: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class Workspace:
    """A store opened for reading, with the summary of the run that filled it (if any)."""

    def __init__(self, store: Store, summary: Summary | None = None) -> None:
        self.store = store
        self.summary = summary

    @classmethod
    def open(cls, db: str) -> Workspace:
        return cls(Store.existing(db))

    def articles(self) -> list[Article]:
        return list(self.store.articles())

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def entities(self, type: str | None = None) -> list[Entity]:
        """Entities (with their mentions), optionally of one type (PERSON, ORG...)."""
        return [e for e in self.store.entities() if type is None or e.type == type.upper()]

    def entity(self, entity_id: str) -> Entity:
        return self.store.entity(entity_id)

    def events(self, entity: str | None = None) -> list[Event]:
        """Events, by date; with ``entity``, only those it takes part in or happen there."""
        return self.store.events_of(entity)

    def stories(self) -> list[Story]:
        return self.store.stories()

    def story(self, story_id: str) -> Story:
        return self.store.story(story_id)

    def discrepancies(self, story_id: str | None = None) -> list[Discrepancy]:
        return self.store.discrepancies(story_id)

    def facts(self, story_id: str | None = None) -> list[Fact]:
        return self.store.facts(story_id)

    def coverage(self, story_id: str | None = None) -> list[CoverageRow]:
        return self.store.coverage(story_id)

    def quotes(self, story_id: str | None = None) -> list[Quote]:
        ids = self.store.story(story_id).article_ids if story_id else None
        return self.store.quotes(article_ids=ids)

    def descriptors(self, entity_id: str | None = None) -> list[Descriptor]:
        return self.store.descriptors(entity_id=entity_id)

    def export(self, format: str = "json", out: str | None = None) -> dict | list[str]:
        """``export("json")`` returns the contract's document; with ``out``, any format
        (json, csv, graphml, gexf, ftm) is written there and the files written returned."""
        from .deliver.export import export_json

        if out is None:
            if format != "json":
                raise RashomonError(Errors.E014.format(fmt=format, choices="json (or pass out=)"))
            return export_json(self.store)
        from .deliver.formats import export

        return export(self.store, format, out)

    def close(self) -> None:
        self.store.close()


Progress = Callable[[str, int], None]


def analyze(paths: Iterable[str], db: str = "rashomon.db", *,
            max_bytes: int = settings.MAX_PAGE_BYTES, progress: Progress | None = None,
            stdin: object = None, stages: tuple[str, ...] = DEFAULT_PIPELINE) -> Workspace:
    """Analyse ``paths`` into the store at ``db``; one transaction per input file."""
    store = Store.open(db)
    summary = Summary()
    for item in iter_input_files(paths, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, tuple):
            origin, err = item
            summary.failures.append(Failure(origin, str(err), err.locator))
            if progress:
                progress(origin, 0)
            continue
        n = analyze_file(store, item, summary, stages)
        if progress:
            progress(item.origin, n)
    run_corpus(store, stages)
    return Workspace(store, summary)


def analyze_file(store: Store, item: InputFile, summary: Summary,
                 stages: tuple[str, ...] = DEFAULT_PIPELINE) -> int:
    """Clean every page of one input file and store them together. Returns articles stored."""
    summary.files += 1
    by_source: dict[str, list[Article]] = {}
    failures: list[Failure] = []
    pages = item.pages()
    while True:
        try:
            page = next(pages, None)
        except Exception as exc:  # one reader's bug must not stop the run or lose the file's pages
            failures.append(Failure(item.origin, Errors.E016.format(
                detail=f"{type(exc).__name__}: {exc}"[:160])))
            break
        if page is None:
            break
        if isinstance(page, InputError):
            failures.append(Failure(item.origin, str(page), page.locator))
            continue
        summary.pages += 1
        summary.warnings.extend(Failure(item.origin, w, page.locator) for w in page.warnings)
        try:
            articles, problems = _clean(page, stages)
        except InputError as exc:
            failures.append(Failure(item.origin, str(exc), exc.locator or page.locator))
            continue
        summary.warnings.extend(Failure(item.origin, Errors.W003.format(id=aid, detail=why),
                                        page.locator) for aid, why in problems)
        stored = by_source.setdefault(page.source, [])
        known = {a.id for a in stored}  # a record repeated in one file is one article
        stored.extend(a for a in articles if a.id not in known)
    store.save_file(item.origin, by_source, failures)
    summary.failures.extend(failures)
    count = sum(len(v) for v in by_source.values())
    summary.articles += count
    return count


def _clean(page: Page, stages: tuple[str, ...] = DEFAULT_PIPELINE
           ) -> tuple[list[Article], list[tuple[str, str]]]:
    try:
        return run_page(page, stages)
    except InputError:
        raise
    except RecursionError as exc:
        raise InputError(Errors.E010.format(detail="nesting too deep"), page.locator) from exc
    except Exception as exc:  # one page's bug must not lose the other pages
        raise InputError(Errors.E010.format(detail=f"{type(exc).__name__}: {exc}"[:160]),
                         page.locator) from exc
