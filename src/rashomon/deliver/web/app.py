"""The WSGI application: a tiny router over :mod:`views`, Jinja2 templates (autoescaped),
static files held in memory, security headers on every answer, and a cache of rendered
pages that lasts as long as the database files are unchanged.

Only GET and HEAD are answered (405 otherwise); ids must match :data:`ID`; anything unknown
is a 404 page; an error is logged to ``wsgi.errors`` and answered with a plain 500 page.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sqlite3
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...store import Store
from . import present, queries, views
from .reader import Memo, NotFound, Reader

HERE = Path(__file__).resolve().parent
#: Ids are content hashes: a lower-case letter (the kind) and hex digits.
ID = r"[a-z][0-9a-f]{6,40}"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}
SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
     "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)
#: Rendered pages kept (per database state), least recently used dropped first.
MAX_CACHED_PAGES = 512
#: Answers smaller than this are not worth compressing.
GZIP_MIN_BYTES = 1024
MAX_QUERY_STRING = 2048
MAX_QUERY_FIELDS = 20
STATIC_MAX_AGE = 3600
REASONS = {200: "OK", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 500: "Internal Server Error"}


@dataclass(slots=True)
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    _gzipped: bytes | None = None
    _etag: str | None = None

    @property
    def etag(self) -> str:
        if self._etag is None:
            # weak: the gzipped and the plain body are the same page
            self._etag = 'W/"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'
        return self._etag

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


class Database:
    """The workspace file, read through one read-only connection per thread."""

    def __init__(self, path: str) -> None:
        Store.existing(path).close()      # refuses a missing file or a foreign database
        self.path = os.path.abspath(path)
        self._local = threading.local()

    def version(self) -> tuple:
        """What changes whenever the database does: the file and its write-ahead log."""
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
            except FileNotFoundError:
                out += [0, 0, 0]
                continue
            out += [st.st_ino, st.st_mtime_ns, st.st_size]
        return tuple(out)

    def store(self) -> Store:
        inode = self.version()[0]
        held = getattr(self._local, "held", None)
        if held is None or held[0] != inode:   # first use, or the file was replaced
            if held is not None:
                held[1].close()
            conn = sqlite3.connect(Path(self.path).as_uri() + "?mode=ro", uri=True)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
            held = self._local.held = (inode, Store(conn, self.path))
        return held[1]


class PageCache:
    """Rendered answers by (database version, path, query), bounded, thread-safe."""

    def __init__(self, size: int = MAX_CACHED_PAGES) -> None:
        self.size = size
        self._items: OrderedDict[tuple, Response] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Response | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple, response: Response) -> None:
        with self._lock:
            if self._items and next(iter(self._items))[0] != key[0]:
                self._items.clear()                  # the database changed: all stale
            self._items[key] = response
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _static_files() -> dict[str, tuple[Response, str]]:
    """Every static file by name: its answer, and a digest of it for cache-busting URLs."""
    out = {}
    for path in sorted((HERE / "static").iterdir()):
        if path.is_file() and path.suffix in STATIC_TYPES:
            data = path.read_bytes()
            out[path.name] = (Response(200, data, STATIC_TYPES[path.suffix],
                                       [("Cache-Control", f"max-age={STATIC_MAX_AGE}")]),
                              hashlib.sha1(data).hexdigest()[:10])
    return out


#: Static files by name only: no slash, no dot but the suffix's.
STATIC = re.compile(r"/static/(?P<name>[A-Za-z0-9_-]{1,64}\.(?:css|js|svg))")
Handler = Callable[["App", dict, dict[str, str], Reader], Response]
ROUTES: list[tuple[re.Pattern[str], Handler]] = []


def route(pattern: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        ROUTES.append((re.compile(pattern), func))
        return func
    return register


class App:
    """The WSGI callable: ``App(db)(environ, start_response)``."""

    def __init__(self, db: str) -> None:
        self.db = Database(db)
        self.static = _static_files()
        self.cache = PageCache()
        self._memo = Memo(())
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(
            static_url=self.static_url, sentence_href=present.sentence_href,
            outlet_name=present.outlet_name, outlet_class=self.outlet_class,
            score_class=present.score_class, date_label=present.date_label,
            date_range=present.date_range, db_name=os.path.basename(db))

    def reader(self, version: tuple) -> Reader:
        """The store for this request, with the memo of this database version."""
        if self._memo.version != version:
            self._memo = Memo(version)
        return Reader(self.db.store(), self._memo)

    def outlet_class(self, outlet: str | None) -> str:
        """Outlet colours are the workspace's (see :func:`present.outlet_colours`)."""
        colours = self._memo.get("colours", lambda: present.outlet_colours(
            queries.outlets_by_size(self.db.store().conn)))
        return present.outlet_class(outlet, colours)

    def static_url(self, name: str) -> str:
        return f"/static/{name}?v={self.static[name][1]}"

    def html(self, template: str, context: dict, status: int = 200) -> Response:
        body = self.env.get_template(template).render(**context).encode("utf-8")
        return Response(status, body)

    @staticmethod
    def json(data: object) -> Response:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(200, body, "application/json; charset=utf-8")

    # --- WSGI --------------------------------------------------------------------------------
    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            response = self.error(405, "Only GET and HEAD are answered here.")
            response.headers.append(("Allow", "GET, HEAD"))
        else:
            response = self.respond(environ)
        return self.send(environ, start_response, response, head=method == "HEAD")

    def respond(self, environ: dict) -> Response:
        path = environ.get("PATH_INFO", "") or "/"
        raw_query = environ.get("QUERY_STRING", "")
        if len(raw_query) > MAX_QUERY_STRING:
            return self.error(400, "The query is too long.")
        static = STATIC.fullmatch(path)
        if static:
            found = self.static.get(static["name"])   # a lookup: no path is ever opened
            return found[0] if found else self.error(404, "There is no such file.")
        try:
            for pattern, handler in ROUTES:
                m = pattern.fullmatch(path)
                if m:
                    return self.cached(handler, path, raw_query, m.groupdict())
            raise NotFound(path)
        except NotFound:
            return self.error(404, "There is nothing at this address.")
        except Exception:
            environ["wsgi.errors"].write(traceback.format_exc())
            return self.error(500, "Something went wrong reading the workspace.")

    def cached(self, handler: Handler, path: str, raw_query: str,
               args: dict[str, str]) -> Response:
        key = (self.db.version(), path, raw_query)
        found = self.cache.get(key)
        if found is None:
            try:
                fields = parse_qs(raw_query, max_num_fields=MAX_QUERY_FIELDS)
            except ValueError:
                return self.error(400, "The query has too many fields.")
            query = {k: v[0] for k, v in fields.items()}
            found = handler(self, query, args, self.reader(key[0]))
            if found.status == 200:
                self.cache.put(key, found)
        return found

    def error(self, status: int, message: str) -> Response:
        try:
            return self.html("error.html", {"status": status, "reason": REASONS[status],
                                            "message": message}, status)
        except Exception:
            return Response(status, f"{status} {REASONS[status]}".encode(), "text/plain")

    @staticmethod
    def send(environ: dict, start_response: Callable, r: Response, *, head: bool
             ) -> list[bytes]:
        headers = [("Content-Type", r.content_type), *SECURITY_HEADERS, *r.headers]
        body = r.body
        if r.status == 200:
            headers.append(("ETag", r.etag))
            if environ.get("HTTP_IF_NONE_MATCH") == r.etag:
                start_response("304 Not Modified", [h for h in headers if h[0] != "Content-Type"])
                return []
            headers.append(("Vary", "Accept-Encoding"))
            if len(body) >= GZIP_MIN_BYTES and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
                body = r.gzipped()
                headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        start_response(f"{r.status} {REASONS[r.status]}", headers)
        return [] if head else [body]


# --- routes --------------------------------------------------------------------------------
@route(r"/")
def home(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.html("home.html", views.home(db))


@route(r"/search")
def search(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.html("search.html", views.search(db, query.get("q", "")))


@route(rf"/story/(?P<id>{ID})")
def story(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.html("story.html", views.story(db, args["id"]))


@route(rf"/story/(?P<id>{ID})\.json")
def story_json(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.json(views.story_json(db, args["id"]))


@route(rf"/entity/(?P<id>{ID})")
def entity(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.html("entity.html", views.entity(db, args["id"]))


@route(rf"/entity/(?P<id>{ID})/graph\.json")
def graph_json(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.json(views.graph(db, args["id"]))


@route(rf"/article/(?P<id>{ID})")
def article(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.html("article.html", views.article(db, args["id"], query.get("hl")))


def _timeline_args(query: dict) -> tuple[str | None, str | None]:
    ids = query.get("story"), query.get("entity")
    if any(x is not None and not re.fullmatch(ID, x) for x in ids):
        raise NotFound("bad id")
    return ids


@route(r"/timeline")
def timeline(app: App, query: dict, args: dict, db: Reader) -> Response:
    data = views.timeline(db, *_timeline_args(query))
    return app.html("timeline.html", data)


@route(r"/timeline\.json")
def timeline_json(app: App, query: dict, args: dict, db: Reader) -> Response:
    return app.json(views.timeline(db, *_timeline_args(query)))

