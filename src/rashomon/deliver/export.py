"""The ``rashomon.export/1`` JSON document (see docs/export-v1.md)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from ..store import Store

FORMAT = "rashomon.export/1"


def export_json(store: Store, generated_at: str | None = None) -> dict[str, Any]:
    """Everything the workspace knows, as the contract describes it."""
    return {
        "format": FORMAT,
        "generated_at": generated_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "articles": [_article(a) for a in store.articles()],
        "entities": [asdict(e) for e in store.entities()],
        "events": [asdict(e) for e in store.events()],
        "stories": [asdict(s) for s in store.stories()],
        "descriptors": [asdict(d) for d in store.descriptors()],
        "quotes": [asdict(q) for q in store.quotes()],
        "discrepancies": [asdict(d) for d in store.discrepancies()],
        # additive to the contract: what outlets agree on, and who reports what
        "facts": [asdict(f) for f in store.facts()],
        "coverage": [asdict(c) for c in store.coverage()],
    }


def _article(article) -> dict[str, Any]:
    data = article.to_export()
    data["words"] = article.words
    return data
