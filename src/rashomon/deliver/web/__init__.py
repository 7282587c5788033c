"""The web app: a thin read-only layer over the store, served by waitress.

Public: :func:`make_app` (the WSGI application for a workspace file), :func:`make_server`
(a waitress server, not yet running) and :func:`serve` (runs one until interrupted).
"""

from __future__ import annotations

from typing import Any

#: Worker threads answering requests, connections held open at once, and the listen backlog.
THREADS = 16
CONNECTION_LIMIT = 1000
BACKLOG = 2048


def make_app(db: str) -> Any:
    """The WSGI application showing the workspace at ``db`` (which must exist)."""
    from .app import App

    return App(db)


def make_server(db: str, host: str = "127.0.0.1", port: int = 8001) -> Any:
    """A waitress server for ``db`` (``port=0``: any free port, see ``effective_port``);
    ``run()`` serves until ``close()``."""
    from waitress import create_server

    return create_server(make_app(db), host=host, port=port, threads=THREADS,
                         connection_limit=CONNECTION_LIMIT, backlog=BACKLOG,
                         asyncore_use_poll=True, ident="rashomon",
                         clear_untrusted_proxy_headers=True)


def serve(db: str, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the workspace at ``db`` on http://host:port/ until interrupted."""
    server = make_server(db, host, port)
    print(f"rashomon: serving {db} on http://{host}:{server.effective_port}/ "
          "(Ctrl-C to stop)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


__all__ = ["make_app", "make_server", "serve"]
