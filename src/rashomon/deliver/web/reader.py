"""The store as the pages read it.

Some of the store's readers read the whole workspace to answer for one story
(:meth:`Store.story` reads every story, :meth:`Store.discrepancies` every claim). A
:class:`Reader` asks them once per database version and keeps the answer in a memo shared
by all requests until the database changes; every other read goes straight to the store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ...model import Discrepancy, Story
from ...store import Store

T = TypeVar("T")


class NotFound(Exception):
    """The page asked for does not exist (unknown id, nothing to show)."""


class Memo:
    """Workspace-wide reads of one database version, computed once each."""

    def __init__(self, version: tuple) -> None:
        self.version = version
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], T]) -> T:
        with self._lock:              # one thread computes; the others wait for its answer
            if key not in self._values:
                self._values[key] = compute()
            return self._values[key]


class Reader:
    """A store plus a :class:`Memo`; unknown attributes are the store's own readers."""

    def __init__(self, store: Store, memo: Memo) -> None:
        self.store = store
        self.conn = store.conn
        self.memo = memo

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def _stories(self) -> dict[str, Story]:
        return self.memo.get("stories", lambda: {s.id: s for s in self.store.stories()})

    def stories(self) -> list[Story]:
        return list(self._stories().values())

    def story(self, story_id: str) -> Story:
        found = self._stories().get(story_id)
        if found is None:
            raise NotFound(story_id)
        return found

    def story_titles(self, ids: list[str]) -> dict[str, str]:
        stories = self._stories()
        return {i: stories[i].title for i in ids if i in stories}

    def discrepancies(self, story_id: str) -> list[Discrepancy]:
        def by_story() -> dict[str | None, list[Discrepancy]]:
            out: dict[str | None, list[Discrepancy]] = {}
            for d in self.store.discrepancies():
                out.setdefault(d.story_id, []).append(d)
            return out

        return self.memo.get("discrepancies", by_story).get(story_id, [])
