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
@click.option("--stages", type=click.Choice(["all", "clean"]), default="all", show_default=True,
              help="clean: only clean and store the articles (no entities or events).")
def analyze(paths: tuple[str, ...], db: str, max_bytes: int, quiet: bool, stages: str) -> None:
    """Clean and store PATHS: files, folders (recursive), .jsonl, .warc(.gz), or - for stdin."""
    from .ingest import iter_input_files
    from .model import Failure
    from .pipeline import DEFAULT_PIPELINE, run_corpus
    from .store import Store
    from .workspace import Summary, analyze_file

    names = ("clean",) if stages == "clean" else DEFAULT_PIPELINE
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
            analyze_file(store, item, summary, names)
    if show and "resolve" in names:
        click.echo("resolving entities and events across articles...", err=True)
    run_corpus(store, names)
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


def _store(db: str):
    from .store import Store

    try:
        return Store.existing(db)
    except RashomonError as exc:
        _fail(str(exc))


@main.command()
@click.option("--type", "type_", help="Only this type (PERSON, ORG, GPE, LOC, FAC, NORP, DATE...).")
@DB_OPTION
def entities(type_: str | None, db: str) -> None:
    """One line per entity: id, type, mentions, articles, name, aliases."""
    for e, n, a in _store(db).entity_summaries(type_):
        aliases = f"  (also: {', '.join(e.aliases[:6])})" if e.aliases else ""
        click.echo(f"{e.id}\t{e.type}\t{n}\t{a}\t{e.name}{aliases}")


@main.command()
@click.argument("entity_id")
@DB_OPTION
def entity(entity_id: str, db: str) -> None:
    """An entity: its aliases, its mentions per outlet, and why its names were merged."""
    store = _store(db)
    try:
        e = store.entity(entity_id)
    except RashomonError as exc:
        _fail(str(exc))
    outlets = store.outlets()
    click.echo(f"{e.name}  [{e.type}]  {e.id}")
    if e.aliases:
        click.echo(f"aliases: {', '.join(e.aliases)}")
    click.echo(f"\nmentions ({len(e.mentions)}), by outlet:")
    by_outlet: dict[str, list[str]] = {}
    for m in e.mentions:
        by_outlet.setdefault(outlets.get(m.article_id) or "(outlet unknown)", []).append(m.text)
    for outlet, texts in sorted(by_outlet.items()):
        forms = ", ".join(f"{t} x{texts.count(t)}" for t in sorted(set(texts)))
        click.echo(f"  {outlet}: {forms}")
    merges = store.merges(e.id)
    if merges:
        click.echo("\nwhy these names are one entity:")
        for r in merges:
            click.echo(f"  {r.alias!r} = {r.of!r}: {r.reason}")
    events = store.events_of(e.id)
    if events:
        click.echo(f"\nevents ({len(events)}):")
        for v in events[:20]:
            click.echo(f"  {v.date or '????-??-??':<10} {v.type:<12} {v.id}")


@main.command()
@click.option("--entity", "entity_id", help="Only events with this entity.")
@DB_OPTION
def events(entity_id: str | None, db: str) -> None:
    """One line per event: id, date, type, trigger, participants."""
    store = _store(db)
    names = {e.id: e.name for e, _, _ in store.entity_summaries()}
    for v in store.events_of(entity_id):
        who = "; ".join(f"{p.role}={names.get(p.entity_id, p.entity_id)}" for p in v.participants)
        where = f" @ {names.get(v.location_id, v.location_id)}" if v.location_id else ""
        click.echo(f"{v.id}\t{v.date or '-'}\t{v.type}\t{v.trigger}\t{who}{where}"
                   f"\t({len(v.mentions)} mentions)")


@main.command()
@DB_OPTION
def timeline(db: str) -> None:
    """Events by date, each with the sentences it comes from."""
    store = _store(db)
    outlets = store.outlets()
    dated = [v for v in store.events() if v.date]
    for v in sorted(dated, key=lambda v: (v.date, v.type, v.id)):
        click.echo(f"{v.date}  {v.type} ({v.trigger})  {v.id}")
        for m in v.mentions[:5]:
            click.echo(f"    [{outlets.get(m.article_id) or m.article_id}] {m.text.strip()[:200]}")
    undated = len(store.events()) - len(dated)
    if undated:
        click.echo(f"\n{undated} events without a known date: `rashomon events` lists them")


@main.command()
@DB_OPTION
def stories(db: str) -> None:
    """One line per story: id, articles, outlets, dates, title."""
    for st in _store(db).stories():
        related = f"  (related: {len(st.related)})" if st.related else ""
        click.echo(f"{st.id}\t{len(st.article_ids)}\t{len(st.outlets)}\t"
                   f"{st.first or '-'}..{st.last or '-'}\t{st.title}{related}")


@main.command()
@click.argument("story_id")
@DB_OPTION
def story(story_id: str, db: str) -> None:
    """A story compared across its outlets: timeline, agreed facts, discrepancies,
    coverage matrix, labels per actor, quotes."""
    from .deliver.report import story_report

    try:
        click.echo(story_report(_store(db), story_id))
    except RashomonError as exc:
        _fail(str(exc))


@main.command()
@click.argument("story_id")
@click.option("--outlets", required=True, help="Comma-separated outlet names (or parts).")
@DB_OPTION
def compare(story_id: str, outlets: str, db: str) -> None:
    """The story STORY_ID as the chosen outlets tell it, side by side."""
    from .deliver.report import story_report

    wanted = [o.strip() for o in outlets.split(",") if o.strip()]
    try:
        click.echo(story_report(_store(db), story_id, wanted))
    except RashomonError as exc:
        _fail(str(exc))


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Browse the workspace in a web browser (read-only: nothing is re-run)."""
    from .deliver.web import serve as run

    _store(db).close()   # a clear error now if the store is missing or not ours
    run(db, host, port)


@main.command()
@click.option("--format", "fmt", default="json", show_default=True,
              help="json (rashomon.export/1), csv (folder or .zip), graphml, gexf, ftm.")
@DB_OPTION
@click.option("-o", "--output", default="-",
              help="Output path (json only: default standard output).")
def export(fmt: str, db: str, output: str) -> None:
    """Write the workspace in a standard format."""
    from .deliver import export_json
    from .deliver.formats import FORMATS
    from .deliver.formats import export as write

    if fmt not in FORMATS:
        _fail(Errors.E014.format(fmt=fmt, choices=", ".join(FORMATS)))
    store = _store(db)
    if output == "-":
        if fmt != "json":
            _fail(Errors.E021.format(fmt=fmt, suffix=FORMATS[fmt].suffix or "/"))
        click.echo(json.dumps(export_json(store), ensure_ascii=False, indent=1))
        return
    try:
        files = write(store, fmt, output)
    except RashomonError as exc:
        _fail(str(exc))
    except ImportError as exc:
        _fail(Errors.E022.format(fmt=fmt, module=exc.name or exc))
    click.echo(f"wrote {', '.join(files)} ({fmt})", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
