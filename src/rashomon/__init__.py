"""rashomon: read one news story as told by many outlets and show it from every side.

Python API::

    import rashomon
    ws = rashomon.analyze(["corpus/"], db="rashomon.db")
    for article in ws.articles():
        print(article.id, article.outlet, article.title)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["analyze", "open_workspace", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .workspace import Workspace


def analyze(paths, db: str = "rashomon.db", **kwargs) -> Workspace:
    """Analyse files, folders, JSONL or WARC archives into the store at ``db``."""
    from .workspace import analyze as _analyze

    return _analyze(paths, db=db, **kwargs)


def open_workspace(db: str = "rashomon.db") -> Workspace:
    """Open an existing store without analysing anything."""
    from .workspace import Workspace

    return Workspace.open(db)
