"""The old import path of within-article and workspace entity resolution, which now lives
in the :mod:`rashomon.understand.resolution` package (see its docstring for what is merged
and what never is). Re-exports the names the rest of the project imports from here."""

from __future__ import annotations

from .resolution import (
    GlobalEntity,
    LocalEntity,
    cluster_article,
    given_name_match,
    person_match,
    resolve,
    same_word,
)

__all__ = ["GlobalEntity", "LocalEntity", "cluster_article", "given_name_match", "person_match",
           "resolve", "same_word"]
