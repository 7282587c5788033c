"""WARC archives (response records) through warcio."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Errors, InputError
from ..model import Page


def read_warc(path: str, max_bytes: int) -> Iterator[Page | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .sources import make_page

    number = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                number += 1
                locator = f"record {number}"
                content_type = (record.http_headers.get_header("Content-Type")
                                if record.http_headers else None) or ""
                if content_type and "html" not in content_type and "text" not in content_type:
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield InputError(Errors.E004.format(size=len(data), limit=max_bytes),
                                     locator)
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                fetched = record.rec_headers.get_header("WARC-Date")
                try:
                    yield make_page(url or f"{path}#{locator}", path, data, url=url,
                                    fetched_at=fetched, locator=locator,
                                    media_type="text/html" if "html" in content_type else None)
                except InputError as exc:
                    exc.locator = locator
                    yield exc
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield InputError(Errors.E007.format(detail=detail[:120]), f"after record {number}")
