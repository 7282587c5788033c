"""Walk what the user gave to ``analyze``: files, folders, JSONL, WARC, or ``-`` (stdin)."""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import settings
from ..errors import Errors, InputError
from ..model import Page
from .encoding import decode


@dataclass
class InputFile:
    """One input file: the unit of one store transaction.

    ``pages()`` yields :class:`Page` objects, or :class:`InputError` for a bad record inside
    the file (a JSONL line that is not JSON): the other records still go in.
    """

    origin: str
    reader: object = field(repr=False)

    def pages(self) -> Iterator[Page | InputError]:
        return self.reader()  # type: ignore[operator]


def iter_input_files(paths: Iterable[str], max_bytes: int = settings.MAX_PAGE_BYTES,
                     stdin: object = None) -> Iterator[InputFile | tuple[str, InputError]]:
    """Expand ``paths`` into input files, in a stable (sorted) order within folders."""
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield given, InputError(Errors.E008.format(detail="standard input is closed"))
                continue
            data = stream.read()
            yield InputFile("-", lambda data=data: _single_page("-", data, max_bytes))
        elif os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    yield _input_file(os.path.join(root, name), max_bytes)
        elif os.path.exists(given):
            yield _input_file(given, max_bytes)
        else:
            yield given, InputError(Errors.E001)


def _input_file(path: str, max_bytes: int) -> InputFile:
    lower = path.lower()
    if lower.endswith(settings.WARC_SUFFIXES):
        from .warc import read_warc

        return InputFile(path, lambda: read_warc(path, max_bytes))
    if lower.endswith(settings.JSONL_SUFFIXES):
        return InputFile(path, lambda: _read_jsonl(path, max_bytes))
    return InputFile(path, lambda: _read_file(path, max_bytes))


def _read_file(path: str, max_bytes: int) -> Iterator[Page | InputError]:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            yield InputError(Errors.E004.format(size=size, limit=max_bytes))
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield InputError(Errors.E008.format(detail=exc.strerror or exc))
        return
    yield from _single_page(path, data, max_bytes)


def _single_page(source: str, data: bytes, max_bytes: int) -> Iterator[Page | InputError]:
    if len(data) > max_bytes:
        yield InputError(Errors.E004.format(size=len(data), limit=max_bytes))
        return
    try:
        yield make_page(source, source, data)
    except InputError as exc:
        yield exc


def make_page(source: str, origin: str, data: bytes, *, url: str | None = None,
              fetched_at: str | None = None, locator: str | None = None,
              media_type: str | None = None) -> Page:
    """Decode one page's bytes into a :class:`Page`, sniffing HTML from the content."""
    is_html = media_type == "text/html" if media_type else looks_like_html(source, data)
    text, encoding, warnings = decode(data, origin, is_html=is_html)
    return Page(source=source, origin=origin, text=text,
                media_type="text/html" if is_html else "text/plain", url=url,
                fetched_at=fetched_at, locator=locator, encoding=encoding,
                warnings=tuple(warnings))


def looks_like_html(name: str, data: bytes) -> bool:
    if name.lower().endswith(settings.HTML_SUFFIXES):
        return True
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head \
        or b"<head" in head


def _read_jsonl(path: str, max_bytes: int) -> Iterator[Page | InputError]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")
    except OSError as exc:
        yield InputError(Errors.E008.format(detail=exc.strerror or exc))
        return
    with fh:
        for number, raw in enumerate(fh, start=1):
            locator = f"line {number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield InputError(Errors.E005.format(detail=str(exc).split(":")[0]), locator)
                continue
            if not isinstance(record, dict) or not isinstance(
                    record.get("html", record.get("text")), str):
                yield InputError(Errors.E006.format(), locator)
                continue
            is_html = isinstance(record.get("html"), str)
            body = (record["html"] if is_html else record["text"]).encode("utf-8", "replace")
            if len(body) > max_bytes:
                yield InputError(Errors.E004.format(size=len(body), limit=max_bytes), locator)
                continue
            url = record.get("url") if isinstance(record.get("url"), str) else None
            source = url or f"{path}#{locator}"
            try:
                yield make_page(source, path, body, url=url, locator=locator,
                                fetched_at=_str_or_none(record.get("fetched_at")),
                                media_type="text/html" if is_html else "text/plain")
            except InputError as exc:
                exc.locator = locator
                yield exc


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
