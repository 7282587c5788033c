"""Export formats as a registry (like datasette's output renderers): name -> :class:`Exporter`.

Public: :data:`FORMATS` and :func:`export` (``export(store, "csv", "out.zip")``). Every
exporter reads the store through its public methods only and writes the same bytes for the
same store (the JSON document's ``generated_at`` and GEXF's ``lastmodifieddate`` aside).

- ``json``: the ``rashomon.export/1`` document (docs/export-v1.md).
- ``csv``: one table per type, into a folder or a ``.zip``; list fields as JSON strings.
- ``graphml``, ``gexf``: the entity graph (``graph.py``), for Gephi, Cytoscape, networkx.
- ``ftm``: FollowTheMoney entities as JSON lines (``ftm.py``), for Aleph and ``ftm`` tools.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..errors import Errors, UsageError
from ..model import (
    Article,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    Participant,
    Quote,
    Story,
)
from ..store import Store
from .export import export_json
from .ftm import write_ftm
from .graph import write_gexf, write_graphml

#: A fixed timestamp for zip members, so the same tables give the same archive bytes.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)

Row = list[Any]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One output format. ``write(store, out)`` writes to the path ``out`` and returns the
    files written; ``suffix`` is the usual ending of ``out`` ("" when it is a folder)."""

    write: Callable[[Store, str], list[str]]
    suffix: str
    description: str


def export(store: Store, fmt: str, out: str) -> list[str]:
    """Write the workspace in format ``fmt`` to the path ``out``; return the files written."""
    exporter = FORMATS.get(fmt)
    if exporter is None:
        raise UsageError(Errors.E014.format(fmt=fmt, choices=", ".join(sorted(FORMATS))))
    try:
        return exporter.write(store, out)
    except OSError as exc:
        raise UsageError(Errors.E017.format(path=out, detail=exc.strerror or exc)) from exc


# --- json ------------------------------------------------------------------------------------

def write_json(store: Store, out: str) -> list[str]:
    """The ``rashomon.export/1`` document, UTF-8, indented."""
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(export_json(store), fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return [out]


# --- csv -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Table:
    name: str
    columns: list[str]
    rows: list[Row]


def write_csv(store: Store, out: str) -> list[str]:
    """One CSV table per type into the folder ``out`` (created), or into a zip when ``out``
    ends with ``.zip``."""
    tables = csv_tables(store)
    if out.lower().endswith(".zip"):
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for table in tables:
                info = zipfile.ZipInfo(f"{table.name}.csv", date_time=ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, _csv_text(table))
        return [out]
    os.makedirs(out, exist_ok=True)
    written = []
    for table in tables:
        path = os.path.join(out, f"{table.name}.csv")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(_csv_text(table))
        written.append(path)
    return written


def csv_tables(store: Store) -> list[Table]:
    """Every table of the CSV export, in a fixed order, rows in the store's order."""
    articles = list(store.articles())
    entities = store.entities()
    events = store.events()
    stories = store.stories()
    discrepancies = store.discrepancies()
    has_compare = hasattr(store, "facts")
    facts: list[Fact] = store.facts() if has_compare else []
    coverage: list[CoverageRow] = store.coverage() if has_compare else []
    return [
        Table("articles", _article_columns(), [_article_row(a) for a in articles]),
        Table("entities", [*_columns(Entity, "mentions"), "mention_count", "article_count"],
              [_row(e, "mentions") + [len(e.mentions), _article_count(e.mentions)]
               for e in entities]),
        Table("mentions", ["entity_id", *_columns(Mention)],
              [[e.id, *_row(m)] for e in entities for m in e.mentions]),
        Table("events", _columns(Event, "participants", "mentions"),
              [_row(v, "participants", "mentions") for v in events]),
        Table("event_participants", ["event_id", *_columns(Participant)],
              [[v.id, *_row(p)] for v in events for p in v.participants]),
        Table("event_mentions", ["event_id", *_columns(Mention)],
              [[v.id, *_row(m)] for v in events for m in v.mentions]),
        Table("stories", _columns(Story, "article_ids"),
              [_row(s, "article_ids") for s in stories]),
        Table("story_articles", ["story_id", "article_id"],
              [[s.id, a] for s in stories for a in s.article_ids]),
        Table("descriptors", _columns(Descriptor), [_row(d) for d in store.descriptors()]),
        Table("quotes", _columns(Quote), [_row(q) for q in store.quotes()]),
        Table("discrepancies", _columns(Discrepancy, "claims"),
              [_row(d, "claims") for d in discrepancies]),
        Table("claims", ["discrepancy_id", "ordinal", *_columns(Claim)],
              [[d.id, k, *_row(c)] for d in discrepancies for k, c in enumerate(d.claims)]),
        Table("facts", _columns(Fact), [_row(f) for f in facts]),
        Table("coverage", [*_columns(CoverageRow), "reported_by"],
              [_row(c) + [_cell(c.reported_by)] for c in coverage]),
    ]


def _csv_text(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes doubled inside quotes
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _columns(cls: type, *drop: str) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in drop]


def _row(obj: object, *drop: str) -> Row:
    data = asdict(obj)
    return [_cell(v) for k, v in data.items() if k not in drop]


def _cell(value: Any) -> Any:
    """A scalar as it is (None: an empty cell); a list or mapping as a JSON string."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _article_columns() -> list[str]:
    return [*Article(id="", source="", ordinal=0, text="").to_export(), "words"]


def _article_row(article: Article) -> Row:
    data = article.to_export()
    return [_cell(v) for v in data.values()] + [article.words]


def _article_count(mentions: Iterable[Mention]) -> int:
    return len({m.article_id for m in mentions})


#: Every export format by name; add a format by adding an entry.
FORMATS: dict[str, Exporter] = {
    "json": Exporter(write_json, ".json", "the rashomon.export/1 document (docs/export-v1.md)"),
    "csv": Exporter(write_csv, "", "one CSV table per type, into a folder or a .zip"),
    "graphml": Exporter(write_graphml, ".graphml",
                        "entities and their event and same-sentence links, as GraphML"),
    "gexf": Exporter(write_gexf, ".gexf",
                     "entities and their event and same-sentence links, as GEXF (Gephi)"),
    "ftm": Exporter(write_ftm, ".ftm.json",
                    "FollowTheMoney entities as JSON lines (Aleph, ftm tools)"),
}
