"""Bad input, one test each: a one-line error (or, for odd but valid input, a correct result
or a one-line warning) naming the file, the run goes on with the other files, and nothing
already stored changes.

Each test stores the sample corpus first, snapshots the store, then analyses the bad file
together with the corpus again and one new good page, and compares."""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import (
    ARTICLE_HTML,
    SEED_CAPTIONED,
    SEED_MULTI,
    cli,
    error_lines,
    snapshot,
    summary_counts,
    warning_lines,
    write_warc,
)

import rashomon
from rashomon.ingest import make_page
from rashomon.pipeline import run_page

HEADLINE = "Iraqi militia leaders meet in Baghdad after drone strike"


@pytest.fixture
def stored(in_tmp: Path, corpus: Path) -> dict:
    """The corpus analysed into r.db; returns the store's snapshot."""
    result = cli("analyze", "corpus", "--db", "r.db")
    assert result.exit_code == 0, result.stderr
    before = snapshot(in_tmp / "r.db")
    assert len(before["articles"]) >= 3 and before["captions"]
    (in_tmp / "incoming").mkdir()
    shutil.copyfile(ARTICLE_HTML, in_tmp / "later.html")
    return before


def analyse_with(bad: str, before: dict, *, failures: int):
    """Analyse ``bad`` between the stored corpus and a new good page; check the run went
    on and the stored rows did not change. Returns click's result."""
    result = cli("analyze", bad, "corpus", "later.html", "--db", "r.db")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    counts = summary_counts(result.stdout)
    assert counts["failures"] == failures
    assert result.exit_code == (1 if failures else 0)
    after = snapshot("r.db")
    assert unchanged(before, after)
    later = [row for row in after["articles"] if row[1] == "later.html"]
    assert len(later) == 1 and later[0][4] == HEADLINE, "the good file after it was lost"
    return result


def unchanged(before: dict, after: dict) -> bool:
    """The corpus's stored rows are exactly as they were (none changed, lost or added)."""
    ids = {row[0] for row in before["articles"]}
    assert [r for r in after["articles"] if r[1].startswith("corpus/")] == before["articles"]
    assert [r for r in after["captions"] if r[0] in ids] == before["captions"]
    return True


def one_error(result, where: str, code: str) -> str:
    errors = error_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    line = errors[0]
    assert line.startswith(f"error: {where}: [{code}] "), line
    assert "\n" not in line
    return line


def new_articles(before: dict, source: str) -> list[tuple]:
    return [row for row in snapshot("r.db")["articles"]
            if row[1] == source and row not in before["articles"]]


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A real (tiny) PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --- errors ---------------------------------------------------------------------------------

def test_empty_file(stored):
    Path("incoming/empty.txt").write_bytes(b"")
    result = analyse_with("incoming/empty.txt", stored, failures=1)
    line = one_error(result, "incoming/empty.txt", "E002")
    assert "leave it out" in line
    assert new_articles(stored, "incoming/empty.txt") == []


def test_whitespace_only_file(stored):
    Path("incoming/blank.html").write_bytes(b"\n \r\n\t\n")
    result = analyse_with("incoming/blank.html", stored, failures=1)
    one_error(result, "incoming/blank.html", "E002")


def test_png_renamed_html(stored):
    Path("incoming/photo.html").write_bytes(png_bytes())
    result = analyse_with("incoming/photo.html", stored, failures=1)
    line = one_error(result, "incoming/photo.html", "E003")
    assert "PNG image" in line and "remove it from the input" in line
    assert new_articles(stored, "incoming/photo.html") == []


def test_page_of_50_megabytes(stored):
    paragraph = ("<p>Iraq’s government condemned the strike as a violation of its sovereignty "
                 "and said it would renew talks on the withdrawal of U.S. troops.</p>\n")
    path = Path("incoming/huge.html")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}"
                 "</h1>\n")
        block = paragraph * 1000
        for _ in range(50 * 1024 * 1024 // len(block.encode("utf-8")) + 1):
            fh.write(block)
        fh.write("</article></body></html>\n")
    assert path.stat().st_size > 50 * 1024 * 1024
    result = analyse_with("incoming/huge.html", stored, failures=1)
    line = one_error(result, "incoming/huge.html", "E004")
    assert f"{path.stat().st_size:,} bytes" in line and "--max-bytes" in line


def test_file_with_a_nul_byte(stored):
    data = SEED_CAPTIONED.read_bytes()
    middle = data.index(b"Muhammad Kawtharani")
    Path("incoming/nul.txt").write_bytes(data[:middle] + b"\x00" + data[middle:])
    result = analyse_with("incoming/nul.txt", stored, failures=1)
    line = one_error(result, "incoming/nul.txt", "E003")
    assert "NUL" in line
    assert new_articles(stored, "incoming/nul.txt") == []


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc(stored, compress):
    name = "incoming/crawl.warc.gz" if compress else "incoming/crawl.warc"
    records = [
        {"url": "https://www.arabnews.com/node/1626181/middle-east",
         "body": SEED_MULTI.read_bytes(), "content_type": "text/plain; charset=utf-8"},
        {"url": "https://dailyledger.example/world/2024/02/08/iraq-militia-meeting",
         "body": ARTICLE_HTML.read_bytes()},
        {"url": "https://www.presstv.ir/Detail/2020/04/11/622827/US-reward-Hezbollah",
         "body": SEED_CAPTIONED.read_bytes(), "content_type": "text/plain; charset=utf-8"},
    ]
    whole = Path("whole.warc")
    write_warc(whole, records, gzip=compress)
    data = whole.read_bytes()
    # cut the archive in the middle of the last record's payload
    cut = (len(data) - len(gzip.compress(SEED_CAPTIONED.read_bytes())) // 2 if compress
           else data.index(b"Muhammad Kawtharani"))
    Path(name).write_bytes(data[:cut])
    result = analyse_with(name, stored, failures=1)
    line = one_error(result, f"{name}:after record 6", "E007")  # warcinfo, 3 x (request, response)
    assert "re-download" in line
    after = snapshot("r.db")["articles"]
    sources = {row[1] for row in after}
    assert records[0]["url"] in sources and records[1]["url"] in sources
    assert records[2]["url"] not in sources, "a record cut short was stored"


def test_jsonl_line_that_is_not_json(stored):
    good = {"url": "https://www.presstv.ir/Detail/2020/04/11/622827/US-reward-Hezbollah",
            "text": SEED_CAPTIONED.read_text("utf-8")}
    other = {"url": "https://dailyledger.example/world/2024/02/08/iraq-militia-meeting",
             "html": ARTICLE_HTML.read_text("utf-8")}
    Path("incoming/feed.jsonl").write_text(
        json.dumps(good) + "\n" + '{"url": "https://example.com/x", "text": "cut off\n'
        + json.dumps(other) + "\n", "utf-8")
    result = analyse_with("incoming/feed.jsonl", stored, failures=1)
    line = one_error(result, "incoming/feed.jsonl:line 2", "E005")
    assert "fix or delete that line" in line
    sources = {row[1] for row in snapshot("r.db")["articles"]}
    assert good["url"] in sources and other["url"] in sources


def test_truncated_jsonl_gz(stored):
    records = [{"url": f"https://news.example/{n}", "text": seed.read_text("utf-8")}
               for n, seed in enumerate([SEED_CAPTIONED, SEED_MULTI, SEED_CAPTIONED])]
    records[2]["text"] = records[2]["text"].replace("$10-million", "$10 million")
    # two gzip members (as `cat a.gz b.gz` makes), cut in the middle of the second
    first = gzip.compress("".join(json.dumps(r) + "\n" for r in records[:2]).encode("utf-8"))
    second = gzip.compress((json.dumps(records[2]) + "\n").encode("utf-8"))
    Path("incoming/feed.jsonl.gz").write_bytes(first + second[:len(second) // 2])
    whole = run_page(make_page("x", "x", SEED_MULTI.read_bytes()))[0]
    result = analyse_with("incoming/feed.jsonl.gz", stored, failures=1)
    line = one_error(result, "incoming/feed.jsonl.gz:after line 2", "E015")
    assert "the lines before the damage were kept" in line
    sources = [row[1] for row in snapshot("r.db")["articles"]]
    assert sources.count(records[0]["url"]) == 1
    assert sources.count(records[1]["url"]) == len(whole)
    assert records[2]["url"] not in sources


def test_gz_that_is_not_gzip(stored):
    Path("incoming/feed.jsonl.gz").write_text(
        json.dumps({"url": "https://news.example/1", "text": SEED_CAPTIONED.read_text("utf-8")})
        + "\n", "utf-8")
    result = analyse_with("incoming/feed.jsonl.gz", stored, failures=1)
    one_error(result, "incoming/feed.jsonl.gz:after line 0", "E015")


def test_missing_path(stored):
    result = analyse_with("incoming/nowhere.html", stored, failures=1)
    line = one_error(result, "incoming/nowhere.html", "E001")
    assert "check the path" in line


# --- odd but valid --------------------------------------------------------------------------

def test_invalid_utf8_gives_the_text_and_one_warning(stored):
    data = SEED_CAPTIONED.read_bytes()
    middle = data.index(b"Kawtharani") + 4
    Path("incoming/stray.txt").write_bytes(data[:middle] + b"\xff" + data[middle:])
    result = analyse_with("incoming/stray.txt", stored, failures=0)
    assert error_lines(result.stderr) == []
    warnings = warning_lines(result.stderr)
    assert len(warnings) == 1 and warnings[0].startswith("warning: incoming/stray.txt: [W001]")
    (row,) = new_articles(stored, "incoming/stray.txt")
    (reference,) = run_page(make_page("x", "x", data))[0]
    assert row[4] == reference.title
    assert row[12].replace("\ufffd", "") == reference.text
    assert "Kawt\ufffdharani" in row[12]


def test_script_in_the_title(stored):
    page = ARTICLE_HTML.read_text("utf-8").replace(
        f"<title>{HEADLINE} | The Daily Ledger</title>",
        '<title>Iraqi militia leaders meet <script>alert("pwned")</script> | The Daily Ledger'
        "</title>")
    assert "alert" in page
    Path("incoming/script.html").write_text(page, "utf-8")
    result = analyse_with("incoming/script.html", stored, failures=0)
    assert error_lines(result.stderr) == [] and warning_lines(result.stderr) == []
    ws = rashomon.open_workspace("r.db")
    (a,) = [a for a in ws.articles() if a.source == "incoming/script.html"]
    ws.close()
    (reference,) = run_page(make_page("x.html", "x.html", ARTICLE_HTML.read_bytes()))[0]
    assert a.title == HEADLINE
    assert a.text == reference.text
    for value in (a.title, a.text, a.byline, a.outlet, *(c.text for c in a.captions)):
        assert "alert" not in (value or "") and "<script" not in (value or "")


def deep_page(levels: int) -> str:
    article = ARTICLE_HTML.read_text("utf-8")
    article = article[article.index("<article>"): article.index("</article>") + 10]
    return ("<!DOCTYPE html><html><head><title>Deep</title></head><body>" + "<div>" * levels
            + article + "</div>" * levels + "<footer>© 2024 The Daily Ledger</footer>"
            + "</body></html>")


def test_deeply_nested_html_fails_alone_or_gives_the_article(stored):
    Path("incoming/deep.html").write_text(deep_page(10_000), "utf-8")
    result = cli("analyze", "incoming/deep.html", "corpus", "later.html", "--db", "r.db")
    assert "Traceback" not in result.stdout + result.stderr
    counts = summary_counts(result.stdout)
    errors = error_lines(result.stderr)
    assert counts["failures"] == len(errors) <= 1
    if errors:
        assert errors[0].startswith("error: incoming/deep.html: [E0")
    else:
        assert len(new_articles(stored, "incoming/deep.html")) == 1
    after = snapshot("r.db")
    assert unchanged(stored, after)
    assert any(row[1] == "later.html" for row in after["articles"])


def test_deeply_nested_html_gives_the_article(stored):
    Path("incoming/deep.html").write_text(deep_page(10_000), "utf-8")
    result = analyse_with("incoming/deep.html", stored, failures=0)
    assert error_lines(result.stderr) == []
    (row,) = new_articles(stored, "incoming/deep.html")
    (reference,) = run_page(make_page("x.html", "x.html", ARTICLE_HTML.read_bytes()))[0]
    assert (row[4], row[12]) == (HEADLINE, reference.text)
