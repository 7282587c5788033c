"""Shared helpers: real sample pages as fixtures, CLI runners and store snapshots."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
#: Real scraped pages (plain text) from the project's sample corpus.
SEEDS = sorted(FIXTURES.glob("*.txt"))
#: A small realistic news page: nav, <article> with h1, byline, <time>, figure, footer.
ARTICLE_HTML = FIXTURES / "article.html"
#: The page 000 seed: one article, with a photo caption.
SEED_CAPTIONED = FIXTURES / "000_620e8fd12001640f.txt"
#: The page 004 seed: an Arab News page holding several articles.
SEED_MULTI = FIXTURES / "004_f44264336043b59b.txt"

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder holding copies of the sample pages."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    return folder


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from inside ``tmp_path`` (so relative paths stay relative)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str, input: bytes | None = None):
    """Run the ``rashomon`` command in-process; returns click's Result (stdout, stderr)."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def cli_process(*args: str, cwd: Path, input: bytes | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``rashomon`` in a child process (for piped stdin and crashes)."""
    return subprocess.run([sys.executable, "-m", "rashomon.cli", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=timeout, env=child_env())


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning:")]


def summary_counts(stdout: str) -> dict[str, int]:
    """The numbers of analyze's summary line: files, pages, articles, failures."""
    m = re.search(r"(\d+) files, (\d+) pages, (\d+) articles, (?:\d+ entities, \d+ events, )?"
                  r"(\d+) failures", stdout)
    assert m, f"no summary line in {stdout!r}"
    return dict(zip(("files", "pages", "articles", "failures"), map(int, m.groups()),
                    strict=True))


def snapshot(db: Path | str) -> dict[str, list[tuple]]:
    """Every stored article and caption row, for before/after comparisons (without the
    articles' ``story_id``: stories are derived, recomputed when articles are added)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            "articles": con.execute(
                "SELECT id, source, origin, ordinal, title, outlet, published, byline, dateline,"
                " language, url, fetched_at, text, words FROM articles ORDER BY id").fetchall(),
            "captions": con.execute(
                "SELECT * FROM captions ORDER BY article_id, ordinal").fetchall(),
        }
    finally:
        con.close()


def article_rows(db: Path | str) -> dict[str, tuple]:
    return {row[0]: row for row in snapshot(db)["articles"]}


def without_generated_at(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "generated_at"}


def write_warc(path: Path, records: list[dict], *, gzip: bool) -> None:
    """Write a WARC with a warcinfo record, then for each record dict (url, body,
    content_type, date) a request and a response record."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(
            path.name, {"software": "rashomon tests", "format": "WARC File Format 1.0"}))
        for rec in records:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", rec["url"].split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(
                rec["url"], "request", payload=io.BytesIO(b""), http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", rec.get("content_type", "text/html; charset=utf-8"))],
                protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                rec["url"], "response", payload=io.BytesIO(rec["body"]), http_headers=headers,
                warc_headers_dict={"WARC-Date": rec.get("date", "2024-02-08T10:15:00Z")}))
