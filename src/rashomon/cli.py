"""The ``rashomon`` command line."""

from __future__ import annotations

import json
import sys

import click

from . import settings
from .errors import Errors, RashomonError

DB_OPTION = click.option("--db", default="rashomon.db", show_default=True,
                         help="SQLite workspace file.")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rashomon")
def main() -> None:
    """rashomon: read one news story as told by many outlets, from every side."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--max-bytes", default=settings.MAX_PAGE_BYTES, show_default=True,
              help="Refuse pages larger than this.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def analyze(paths: tuple[str, ...], db: str, max_bytes: int, quiet: bool) -> None:
    """Clean and store PATHS: files, folders (recursive), .jsonl, .warc(.gz), or - for stdin."""
    from .ingest import iter_input_files
    from .model import Failure
    from .pipeline import run_corpus
    from .store import Store
    from .workspace import Summary, analyze_file

    try:
        store = Store.open(db)
    except RashomonError as exc:
        _fail(str(exc))
    summary = Summary()
    items = list(iter_input_files(paths, max_bytes=max_bytes))
    show = not quiet and sys.stderr.isatty()
    with click.progressbar(items, label="analyzing", file=sys.stderr,
                           item_show_func=lambda i: _origin(i)[-40:] if i else "",
                           hidden=not show) as bar:
        for item in bar:
            if isinstance(item, tuple):
                origin, err = item
                summary.failures.append(Failure(origin, str(err), err.locator))
                continue
            analyze_file(store, item, summary)
    if show:
        click.echo("resolving entities and events across articles...", err=True)
    run_corpus(store)
    entities, events = store.count("entities"), store.count("events")
    store.close()
    for w in summary.warnings:
        click.echo(f"warning: {w}", err=True)
    for f in summary.failures:
        click.echo(f"error: {f}", err=True)
    click.echo(f"{summary.files} files, {summary.pages} pages, {summary.articles} articles, "
               f"{entities} entities, {events} events, {len(summary.failures)} failures -> {db}")
    if summary.failures:
        click.echo("some inputs failed: fix them as each error says, then re-run analyze on "
                   "them (stored articles are kept)", err=True)
        sys.exit(1)


def _origin(item: object) -> str:
    return item[0] if isinstance(item, tuple) else getattr(item, "origin", "")


@main.command()
@DB_OPTION
def articles(db: str) -> None:
    """One line per article: id, outlet, date, title, words."""
    from .store import Store

    try:
        store = Store.existing(db)
    except RashomonError as exc:
        _fail(str(exc))
    for a in store.articles():
        click.echo("\t".join([a.id, a.outlet or "-", a.published or "-",
                              (a.title or "(untitled)").replace("\t", " "), str(a.words)]))


@main.command()
@click.argument("article_id")
@DB_OPTION
def show(article_id: str, db: str) -> None:
    """The cleaned article ARTICLE_ID with its metadata; captions apart."""
    from .store import Store

    try:
        a = Store.existing(db).article(article_id)
    except RashomonError as exc:
        _fail(str(exc))
    click.echo(a.title or "(untitled)")
    click.echo("=" * min(80, len(a.title or "(untitled)")))
    for label, value in (("id", a.id), ("source", a.source), ("outlet", a.outlet),
                         ("published", a.published), ("byline", a.byline),
                         ("dateline", a.dateline), ("language", a.language),
                         ("words", a.words)):
        click.echo(f"{label:>10}: {value if value is not None else '-'}")
    click.echo()
    click.echo(a.text)
    if a.captions:
        click.echo("\nCaptions:")
        for c in a.captions:
            click.echo(f"  - {c.text}")


@main.command()
@click.option("--format", "fmt", default="json", show_default=True, help="Export format.")
@DB_OPTION
@click.option("-o", "--output", default="-", help="Output file (default: standard output).")
def export(fmt: str, db: str, output: str) -> None:
    """Write the workspace in a standard format (json: rashomon.export/1)."""
    from .deliver import export_json
    from .store import Store

    if fmt != "json":
        _fail(Errors.E014.format(fmt=fmt, choices="json"))
    try:
        doc = export_json(Store.existing(db))
    except RashomonError as exc:
        _fail(str(exc))
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if output == "-":
        click.echo(text)
    else:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            _fail(Errors.E017.format(path=output, detail=exc.strerror or exc))
        click.echo(f"wrote {output}: {len(doc['articles'])} articles", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
