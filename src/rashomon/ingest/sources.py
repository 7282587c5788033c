"""Walk what the user gave to ``analyze``: files, folders, JSONL, WARC, or ``-`` (stdin)."""

from __future__ import annotations

import json
import os
import sys
import zlib
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
                    path = os.path.join(root, name)
                    if name.startswith("."):
                        continue
                    if not os.path.exists(path):  # a broken symbolic link
                        yield path, InputError(Errors.E001)
                    elif os.path.isfile(path):  # not pipes, sockets or devices: they can block
                        yield _input_file(path, max_bytes)
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
              media_type: str | None = None, hints: tuple[tuple[str, str], ...] = ()) -> Page:
    """Decode one page's bytes into a :class:`Page`, sniffing HTML from the content."""
    is_html = media_type == "text/html" if media_type else looks_like_html(source, data)
    text, encoding, warnings = decode(data, origin, is_html=is_html)
    return Page(source=source, origin=origin, text=text,
                media_type="text/html" if is_html else "text/plain", url=url,
                fetched_at=fetched_at, locator=locator, encoding=encoding,
                warnings=tuple(warnings), hints=hints)


def looks_like_html(name: str, data: bytes) -> bool:
    if name.lower().endswith(settings.HTML_SUFFIXES):
        return True
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head \
        or b"<head" in head


def _read_jsonl(path: str, max_bytes: int) -> Iterator[Page | InputError]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below, across yields)
    except OSError as exc:
        yield InputError(Errors.E008.format(detail=exc.strerror or exc))
        return
    with fh:
        number = 0
        records = 0
        lines = _gunzip_lines(fh) if path.lower().endswith(".gz") else iter(fh)
        while True:
            try:
                raw = next(lines, None)
            except (OSError, EOFError, zlib.error) as exc:  # a damaged or truncated .gz
                yield InputError(Errors.E015.format(detail=str(exc) or type(exc).__name__),
                                 f"after line {number}")
                return
            if raw is None:
                break
            number += 1
            if raw.strip():
                records += 1
                yield from _jsonl_record(path, raw, f"line {number}", max_bytes)
        if not records:
            yield InputError(Errors.E002)


def _gunzip_lines(fh) -> Iterator[bytes]:
    """The lines of a gzip file; at damage, every complete line before it, then the error
    (``gzip.GzipFile`` loses the lines it had buffered)."""
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    started = False
    pending = b""
    while chunk := fh.read(64 * 1024):
        while chunk:
            started = True
            pending += decomp.decompress(chunk)
            *complete, pending = pending.split(b"\n")
            yield from (line + b"\n" for line in complete)
            chunk = b""
            if decomp.eof:  # the next gzip member, if any
                chunk, started = decomp.unused_data, False
                decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    if started:
        raise EOFError("the file ends in the middle of the compressed data")
    if pending:
        yield pending


def _jsonl_record(path: str, raw: bytes, locator: str,
                  max_bytes: int) -> Iterator[Page | InputError]:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield InputError(Errors.E005.format(detail=str(exc).split(":")[0]), locator)
        return
    html = record.get("html") if isinstance(record, dict) else None
    text = record.get("text") if isinstance(record, dict) else None
    is_html = isinstance(html, str) and (bool(html.strip()) or not isinstance(text, str))
    body = html if is_html else text
    if not isinstance(body, str):
        yield InputError(Errors.E006.format(), locator)
        return
    data = body.encode("utf-8", "replace")
    if len(data) > max_bytes:
        yield InputError(Errors.E004.format(size=len(data), limit=max_bytes), locator)
        return
    url = _str_or_none(record.get("url")) or None
    try:
        yield make_page(url or f"{path}#{locator}", path, data, url=url, locator=locator,
                        fetched_at=_str_or_none(record.get("fetched_at")),
                        media_type="text/html" if is_html else "text/plain",
                        hints=_hints(record))
    except InputError as exc:
        exc.locator = locator
        yield exc


#: JSONL fields read as the article's metadata, by the name they take in the model.
HINT_FIELDS = {"title": ("title", "headline"),
               "outlet": ("outlet", "publisher", "site_name", "source_name"),
               "published": ("published", "published_at", "publish_date", "date"),
               "byline": ("byline", "author", "authors")}


def _hints(record: dict) -> tuple[tuple[str, str], ...]:
    out = []
    for name, keys in HINT_FIELDS.items():
        value = next((record[k] for k in keys if isinstance(record.get(k), str)
                      and record[k].strip()), None)
        if value:
            out.append((name, value.strip()))
    return tuple(out)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
