"""Ingest: turn what the user gives (files, folders, JSONL, WARC, stdin) into Pages.

Public function: :func:`iter_input_files`.
"""

from .sources import InputFile, iter_input_files, make_page

__all__ = ["InputFile", "iter_input_files", "make_page"]
