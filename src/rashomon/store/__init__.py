"""Store: the SQLite workspace every command, export and the web app read.

Public API: :class:`Store` (``Store.open(path)``).
"""

from .sqlite import Store

__all__ = ["Store"]
