"""Every user-facing error message, written once, numbered, saying what to do next.

Use ``Errors.E001.format(...)`` and raise :class:`InputError` (for one bad input, the run
goes on) or :class:`UsageError` (the command itself cannot go on).
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] file not found: check the path (folders are read recursively)"
    E002 = ("[E002] empty file: nothing to analyse; check that it was saved completely, or leave "
            "it out")
    E003 = ("[E003] binary file ({kind}), not a text or HTML page: remove it from the input, "
            "or convert it to text first")
    E004 = ("[E004] file is {size:,} bytes, over the {limit:,}-byte page limit: split it, or "
            "raise the limit with --max-bytes")
    E005 = "[E005] line is not valid JSON ({detail}): fix or delete that line and re-run"
    E006 = ("[E006] JSON record has no \"html\" or \"text\" field: each line must be "
            "{{\"url\": ..., \"html\"|\"text\": ...}}")
    E007 = ("[E007] WARC archive is damaged or truncated ({detail}); the records before the damage "
            "were kept: re-download or repair the archive to get the rest")
    E008 = "[E008] cannot read the file ({detail}): check its permissions"
    E009 = ("[E009] no text could be extracted from the page: check that the file holds a news "
            "article (not only a site's menus or an empty template)")
    E010 = ("[E010] the page could not be cleaned ({detail}): please report this with the file "
            "attached")
    E011 = ("[E011] database {db} is not a rashomon store ({detail}): pick another --db file or "
            "move this one away")
    E012 = "[E012] article {id} is not in {db}: list the ids with `rashomon articles --db {db}`"
    E013 = "[E013] {db} does not exist: create it with `rashomon analyze PATH --db {db}`"
    E014 = "[E014] unknown export format {fmt!r}: choose one of {choices}"
    E015 = ("[E015] compressed file is damaged or truncated ({detail}); the lines before the "
            "damage were kept: re-download or recompress it to get the rest")
    E016 = ("[E016] the file could not be read ({detail}): please report this with the file "
            "attached")
    E017 = ("[E017] cannot write {path} ({detail}): check that its folder exists and that you "
            "may write there")
    E018 = "[E018] entity {id} is not in {db}: list the ids with `rashomon entities --db {db}`"
    E019 = "[E019] story {id} is not in {db}: list the ids with `rashomon stories --db {db}`"
    E020 = ("[E020] no outlet matching {outlet!r} in story {story} (its outlets: {names}): see "
            "`rashomon story {story} --db {db}`")
    E021 = ("[E021] the {fmt} export is written to a path: add -o OUT (e.g. -o export{suffix})")
    E022 = ("[E022] the {fmt} export needs the Python package {module}: pip install 'rashomon[ftm]'")
    W001 = ("[W001] invalid UTF-8 bytes were decoded as {encoding}: check the result, or convert "
            "the file to UTF-8")
    W003 = ("[W003] article {id} was stored without all its layers ({detail}): please report "
            "this with the file attached")
    W002 = "[W002] mojibake was repaired (text double-encoded as {encoding})"


class RashomonError(Exception):
    """Base class of rashomon's own errors."""


class InputError(RashomonError):
    """One input (file, JSONL line, WARC record) cannot be analysed; the run goes on."""

    def __init__(self, message: str, locator: str | None = None) -> None:
        super().__init__(message)
        self.locator = locator


class UsageError(RashomonError):
    """The command cannot go on (bad database, unknown id...)."""
