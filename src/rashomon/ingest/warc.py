"""WARC archives (response records) through warcio."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator

from ..errors import Errors, InputError
from ..model import Page

_CHUNK = 64 * 1024


class _Damaged(Exception):
    """A record ends before the length its header announces (a truncated archive)."""


def read_warc(path: str, max_bytes: int) -> Iterator[Page | InputError]:
    """Yield one page per text/HTML response record of the archive at ``path``.

    A damaged or truncated archive gives the pages of the complete records before the
    damage, then one :class:`InputError` (E007); a record cut short is never yielded.
    """
    from warcio.archiveiterator import ArchiveIterator

    from .sources import make_page

    number = 0
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below, across yields)
    except OSError as exc:
        yield InputError(Errors.E008.format(detail=exc.strerror or exc))
        return
    with fh:
        if os.fstat(fh.fileno()).st_size == 0:
            yield InputError(Errors.E002)
            return
        archive = ArchiveIterator(fh)
        records = iter(archive)
        while True:
            try:
                # warcio reports damage with many exception types (ArchiveLoadFailed,
                # EOFError, zlib.error, even AttributeError on a header cut in two) and
                # writes warnings to stderr: any of them means the archive is damaged.
                with contextlib.redirect_stderr(io.StringIO()):
                    record = next(records, None)
                    if record is None:
                        _check_consumed(archive, fh)
                        return
                    found = _read_record(record, max_bytes)
            except Exception as exc:  # see above: any error from warcio is damage
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                yield InputError(Errors.E007.format(detail=detail[:120]),
                                 f"after record {number}")
                return
            number += 1  # records are counted as they lie in the file, warcinfo included
            if found is None:
                continue
            locator = f"record {number}"
            if isinstance(found, int):
                yield InputError(Errors.E004.format(size=found, limit=max_bytes), locator)
                continue
            url, fetched, content_type, data = found
            try:
                yield make_page(url or f"{path}#{locator}", path, data, url=url,
                                fetched_at=fetched, locator=locator,
                                media_type="text/html" if "html" in content_type else None)
            except InputError as exc:
                exc.locator = locator
                yield exc


def _read_record(record, max_bytes: int) -> tuple[str | None, str | None, str, bytes] | int | None:
    """A text response record's ``(url, date, content type, body)``; its size when it is
    over ``max_bytes``; None for records that are not text responses. Raises
    :class:`_Damaged` when the record is cut short."""
    content_type = ""
    data = b""
    wanted = record.rec_type == "response"
    if wanted:
        content_type = (record.http_headers.get_header("Content-Type")
                        if record.http_headers else None) or ""
        wanted = not content_type or "html" in content_type or "text" in content_type
    if wanted:
        data = record.content_stream().read(max_bytes + 1)
    _check_complete(record)
    if not wanted:
        return None
    if len(data) > max_bytes:
        return len(data)
    return (record.rec_headers.get_header("WARC-Target-URI"),
            record.rec_headers.get_header("WARC-Date"), content_type, data)


def _check_complete(record) -> None:
    if record.format == "warc":
        length = record.rec_headers.get_header("Content-Length")
        if length is None or not length.strip().isdigit():
            raise _Damaged("record header cut short: no Content-Length")
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise _Damaged(f"record cut short, {missing:,} bytes missing")


def _check_consumed(archive, fh) -> None:
    """warcio stops quietly at a record header cut in two: bytes left over mean damage."""
    size = os.fstat(fh.fileno()).st_size
    if archive.offset < size:
        raise _Damaged(f"{size - archive.offset:,} bytes after the last complete record")
