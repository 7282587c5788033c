"""Bytes to text: detect the encoding, repair mojibake, refuse binary files."""

from __future__ import annotations

import re

from .. import settings
from ..errors import Errors, InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "RIFF media"),
    (b"\x7fELF", "executable"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Sequences that UTF-8 text shows when it was decoded as cp1252/latin-1 and encoded again.
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\u00e2\u0080")
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file ``data`` is, or None when it looks like text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if b"\x00" in head or b"\x00" in data:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None  # UTF-16 text has NULs
        return "contains NUL bytes"
    if head:
        controls = sum(head.count(bytes([c])) for c in _CONTROL)
        if controls / len(head) > settings.BINARY_CONTROL_RATIO:
            return "mostly control bytes"
    return None


def decode(data: bytes, origin: str, is_html: bool = False) -> tuple[str, str, list[str]]:
    """Decode ``data`` and repair mojibake.

    Returns ``(text, encoding, warnings)``. Raises :class:`InputError` for empty or
    binary input.
    """
    if not data.strip():
        raise InputError(Errors.E002)
    kind = sniff_binary(data)
    if kind:
        raise InputError(Errors.E003.format(kind=kind))
    warnings: list[str] = []
    text: str | None = None
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, encoding = data[len(bom):].decode(name, errors="replace"), name
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding, declared = _decode_legacy(data, is_html)
            if not declared:  # a charset the page declares is no surprise: no warning
                warnings.append(Errors.W001.format(encoding=encoding))
    if _MOJIBAKE.search(text):
        fixed = _fix_mojibake(text)
        if fixed != text:
            text = fixed
            warnings.append(Errors.W002.format(encoding="cp1252"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():  # only a byte order mark, or Unicode spaces
        raise InputError(Errors.E002)
    return text, encoding, warnings


def _decode_legacy(data: bytes, is_html: bool) -> tuple[str, str, bool]:
    """Decode bytes that are not valid UTF-8: ``(text, encoding, declared by the page)``."""
    if is_html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii", "ignore").lower()
            if name not in ("utf-8", "utf8"):
                try:
                    return data.decode(name), name, True
                except (LookupError, UnicodeDecodeError):
                    pass
    # Mostly-UTF-8 text with a few stray bytes: keep the UTF-8 and replace the strays.
    utf8 = data.decode("utf-8", errors="replace")
    bad = utf8.count("\ufffd")
    high = sum(1 for b in data if b >= 0x80)
    if high and bad / high < 0.2:
        return utf8, "utf-8 (invalid bytes replaced)", False
    try:
        return data.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", False


def _fix_mojibake(text: str) -> str:
    import ftfy  # imported lazily: only mojibake pages pay for it

    return ftfy.fix_encoding(text)
