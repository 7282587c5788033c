"""Deliver: exports (and later the web app) over the store. Public: :func:`export_json`."""

from .export import export_json

__all__ = ["export_json"]
