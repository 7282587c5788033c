"""Ingest: text and HTML files, folders, JSONL, WARC, stdin, encodings, and `source`."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import (
    ARTICLE_HTML,
    SEED_CAPTIONED,
    SEED_MULTI,
    SEEDS,
    article_rows,
    cli,
    cli_process,
    warning_lines,
    write_warc,
)

import rashomon
from rashomon.errors import InputError
from rashomon.ingest import iter_input_files, make_page
from rashomon.ingest.encoding import decode
from rashomon.model import Article, Page
from rashomon.pipeline import run_page

HEADLINE = "Iraqi militia leaders meet in Baghdad after drone strike"


def clean_file(path: Path, source: str = "page") -> list[Article]:
    return run_page(make_page(source, source, path.read_bytes()))[0]


def analyse(paths: list[str], db: Path) -> list[Article]:
    ws = rashomon.analyze(paths, db=str(db))
    try:
        assert ws.summary.ok, [str(f) for f in ws.summary.failures]
        return ws.articles()
    finally:
        ws.close()


def same_content(a: Article, b: Article) -> bool:
    return ((a.title, a.text, a.outlet, a.published, [c.text for c in a.captions])
            == (b.title, b.text, b.outlet, b.published, [c.text for c in b.captions]))


# --- encodings ------------------------------------------------------------------------------

SEED_TEXT = SEED_CAPTIONED.read_text("utf-8")


def sloppy_cp1252(data: bytes) -> str:
    """Bytes read as Windows-1252 the way browsers do (undefined bytes kept as C1)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in data)


def test_decode_utf8_is_kept_without_warning():
    text, encoding, warnings = decode(SEED_TEXT.encode("utf-8"), "x.txt")
    assert (text, encoding, warnings) == (SEED_TEXT, "utf-8", [])


@pytest.mark.parametrize("bom, codec", [(b"\xef\xbb\xbf", "utf-8"),
                                        (b"\xff\xfe", "utf-16-le"),
                                        (b"\xfe\xff", "utf-16-be")])
def test_decode_byte_order_marks(bom, codec):
    text, encoding, _ = decode(bom + SEED_TEXT.encode(codec), "x.txt")
    assert text == SEED_TEXT
    assert encoding == codec


def test_decode_cp1252_with_curly_quotes():
    data = SEED_TEXT.encode("cp1252")
    assert b"\x92" in data and b"\x93" in data  # ’ and “ really are cp1252 bytes here
    text, encoding, warnings = decode(data, "x.txt")
    assert text == SEED_TEXT
    assert encoding == "cp1252"
    assert len(warnings) == 1 and "[W001]" in warnings[0]


def test_decode_latin1():
    original = "Le café Müller à Zürich: «naïve» façade, 25°C, ½ prix, Straße."
    text, encoding, warnings = decode(original.encode("latin-1"), "x.txt")
    assert text == original
    assert encoding in ("cp1252", "latin-1")
    assert warnings


@pytest.mark.parametrize("garble", [sloppy_cp1252, lambda b: b.decode("latin-1")],
                         ids=["as-cp1252", "as-latin-1"])
def test_decode_repairs_mojibake(garble):
    mojibake = garble(SEED_TEXT.encode("utf-8"))
    assert "â€™" in mojibake or "\u00e2\u0080\u0099" in mojibake
    text, _, warnings = decode(mojibake.encode("utf-8"), "x.txt")
    assert text == SEED_TEXT
    assert any("[W002]" in w for w in warnings)


def test_decode_uses_the_html_meta_charset():
    page = ('<html><head><meta charset="windows-1251"><title>Новости</title></head>'
            "<body><p>Москва заявила о переговорах.</p></body></html>")
    text, encoding, warnings = decode(page.encode("cp1251"), "x.html", is_html=True)
    assert text == page
    assert encoding == "windows-1251"
    assert warnings == []  # the page said what it is: nothing to warn about


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n",
                                  "\u00a0\u2003\n".encode("utf-8")],
                         ids=["empty", "blank", "bom", "bom-newline", "unicode-spaces"])
def test_decode_refuses_empty_input(data):
    with pytest.raises(InputError, match=r"\[E002\]"):
        decode(data, "x.txt")


def test_decode_normalises_line_endings():
    text, _, _ = decode(SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), "x.txt")
    assert text == SEED_TEXT


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("cp1252"),
    lambda t: sloppy_cp1252(t.encode("utf-8")).encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
], ids=["cp1252", "mojibake", "bom", "crlf"])
def test_encoded_page_cleans_like_the_utf8_page(tmp_path, encode):
    reference = clean_file(SEED_CAPTIONED)
    odd = tmp_path / "page.txt"
    odd.write_bytes(encode(SEED_TEXT))
    articles = clean_file(odd)
    assert len(articles) == len(reference) == 1
    assert same_content(articles[0], reference[0])
    assert articles[0].id == reference[0].id  # same source, same text: same id


# --- plain text and HTML files --------------------------------------------------------------

def test_plain_text_page(tmp_path):
    articles = analyse([str(SEED_CAPTIONED)], tmp_path / "r.db")
    assert len(articles) == 1
    a = articles[0]
    assert a.title == "US offers massive reward for info on Hezbollah cmdr."
    assert a.outlet == "Press TV"
    assert a.text.startswith("The US State Department offers a $10-million reward")
    assert "File photo shows Hezbollah fighters" not in a.text
    assert [c.text for c in a.captions] == [
        "File photo shows Hezbollah fighters parading in a southern suburb of the Lebanese "
        "capital Beirut. (Photo by AFP)"]


def test_plain_text_page_with_several_articles(tmp_path):
    articles = analyse([str(SEED_MULTI)], tmp_path / "r.db")
    assert len(articles) > 1
    assert {a.source for a in articles} == {str(SEED_MULTI)}
    assert articles[0].title == ("Iranian-backed Hezbollah stepping in to guide Iraqi militias "
                                 "after death of Qassem Soleimani")
    assert all(a.text.strip() for a in articles)
    assert len({a.id for a in articles}) == len(articles)


def test_html_page(tmp_path):
    articles = analyse([str(ARTICLE_HTML)], tmp_path / "r.db")
    assert len(articles) == 1
    a = articles[0]
    assert a.title == HEADLINE
    assert a.outlet == "The Daily Ledger"
    assert a.published == "2024-02-08"
    assert a.byline == "Layla Haddad"
    assert a.text.startswith("BAGHDAD — Leaders of several Iran-backed militias")
    assert a.text.endswith("as part of the coalition against the Islamic State group.")
    assert len(a.text.split("\n\n")) == 5
    for chrome in ("Subscribe", "More from World", "All rights reserved", "dataLayer",
                   "font-family", "Security forces gather"):
        assert chrome not in a.text
    assert [c.text for c in a.captions] == [
        "Security forces gather around a vehicle hit by a drone strike in eastern Baghdad on "
        "Wednesday. (Photo: Ahmed Saad/Reuters)"]


def test_html_is_sniffed_without_an_html_suffix(tmp_path):
    page = tmp_path / "saved-page"
    shutil.copyfile(ARTICLE_HTML, page)
    (a,) = clean_file(page, source="saved-page")
    assert a.title == HEADLINE
    assert "<p>" not in a.text and "dataLayer" not in a.text


# --- folders --------------------------------------------------------------------------------

def test_folders_are_read_recursively_in_a_stable_order(tmp_path):
    root = tmp_path / "in"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    shutil.copyfile(SEEDS[0], root / "z.txt")
    shutil.copyfile(SEEDS[1], root / "a" / "page.txt")
    shutil.copyfile(ARTICLE_HTML, root / "b" / "deeper" / "story.html")
    shutil.copyfile(SEEDS[2], root / ".hidden" / "skip.txt")
    shutil.copyfile(SEEDS[2], root / ".skip.txt")
    origins = [item.origin for item in iter_input_files([str(root)])]
    assert origins == [str(root / "z.txt"), str(root / "a" / "page.txt"),
                       str(root / "b" / "deeper" / "story.html")]
    articles = analyse([str(root)], tmp_path / "r.db")
    assert {a.source for a in articles} == set(origins)


def test_folders_skip_pipes_and_report_broken_links(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copyfile(SEEDS[0], root / "a.txt")
    os.mkfifo(root / "b-pipe")  # reading it would block the run forever
    (root / "c-link.txt").symlink_to(tmp_path / "gone.txt")
    items = list(iter_input_files([str(root)]))
    assert [getattr(i, "origin", None) for i in items[:1]] == [str(root / "a.txt")]
    assert len(items) == 2
    origin, error = items[1]
    assert origin == str(root / "c-link.txt") and "[E001]" in str(error)


# --- source: exactly as given ---------------------------------------------------------------

def test_source_is_the_path_as_given(in_tmp):
    (in_tmp / "corpus" / "sub").mkdir(parents=True)
    shutil.copyfile(SEEDS[0], in_tmp / "corpus" / SEEDS[0].name)
    shutil.copyfile(SEEDS[1], in_tmp / "corpus" / "sub" / SEEDS[1].name)
    shutil.copyfile(ARTICLE_HTML, in_tmp / "story.html")
    absolute = in_tmp / "abs.txt"
    shutil.copyfile(SEEDS[2], absolute)
    result = cli("analyze", "corpus", "./story.html", str(absolute), "--db", "r.db")
    assert result.exit_code == 0, result.stderr
    sources = {row[1] for row in article_rows(in_tmp / "r.db").values()}
    assert sources == {f"corpus/{SEEDS[0].name}", f"corpus/sub/{SEEDS[1].name}",
                       "./story.html", str(absolute)}


# --- JSONL ----------------------------------------------------------------------------------

def jsonl_records() -> list[dict]:
    return [
        {"url": "https://www.presstv.ir/Detail/2020/04/11/622827/US-reward-Hezbollah",
         "text": SEED_CAPTIONED.read_text("utf-8"), "fetched_at": "2020-04-11T08:00:00Z"},
        {"url": "https://dailyledger.example/world/2024/02/08/iraq-militia-meeting",
         "html": ARTICLE_HTML.read_text("utf-8"), "fetched_at": "2024-02-08T10:15:00Z"},
        {"html": ARTICLE_HTML.read_text("utf-8")},
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl_records(tmp_path, compress):
    records = jsonl_records()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:2])
    lines += "\n" + json.dumps(records[2]) + "\n"  # a blank line is skipped, not an error
    path = tmp_path / ("feed.jsonl.gz" if compress else "feed.jsonl")
    path.write_bytes(gzip.compress(lines.encode("utf-8")) if compress else lines.encode("utf-8"))
    articles = analyse([str(path)], tmp_path / "r.db")
    by_source = {a.source: a for a in articles}
    assert set(by_source) == {records[0]["url"], records[1]["url"], f"{path}#line 4"}
    text_page = by_source[records[0]["url"]]
    assert same_content(text_page, clean_file(SEED_CAPTIONED)[0])
    assert text_page.url == records[0]["url"]
    assert text_page.fetched_at == "2020-04-11T08:00:00Z"
    html_page = by_source[records[1]["url"]]
    assert same_content(html_page, clean_file(ARTICLE_HTML)[0])
    assert html_page.fetched_at == "2024-02-08T10:15:00Z"
    # a record without a URL takes the page's own canonical link
    assert by_source[f"{path}#line 4"].url == "https://dailyledger.example/world/2024/02/08/iraq-militia-meeting"


def test_jsonl_null_html_falls_back_to_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    record = {"url": "https://www.presstv.ir/x", "html": None,
              "text": SEED_CAPTIONED.read_text("utf-8")}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    (a,) = analyse([str(path)], tmp_path / "r.db")
    assert same_content(a, clean_file(SEED_CAPTIONED)[0])


def gzip_stream(*parts: bytes) -> bytes:
    """One gzip member holding ``parts``, flushed after each, so a cut after part n
    leaves parts 1..n whole."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(comp.compress(p) + comp.flush(zlib.Z_FULL_FLUSH) for p in parts) + comp.flush()


def test_truncated_jsonl_gz_keeps_every_complete_line(tmp_path):
    lines = [json.dumps({"url": f"https://news.example/{n}", "text": seed.read_text("utf-8")})
             .encode("utf-8") + b"\n" for n, seed in enumerate(SEEDS)]
    whole = gzip_stream(*lines)
    cut = len(gzip_stream(*lines[:2])) + 20  # inside the third line's data
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(whole[:cut])
    (item,) = iter_input_files([str(path)])
    got = list(item.pages())
    assert [p.source for p in got[:-1]] == ["https://news.example/0", "https://news.example/1"]
    assert isinstance(got[-1], InputError) and got[-1].locator == "after line 2"
    path.write_bytes(whole + gzip.compress(lines[0]))  # two members: both are read
    (item,) = iter_input_files([str(path)])
    assert [p.source for p in item.pages()] == [f"https://news.example/{n}" for n in
                                                 range(len(SEEDS))] + ["https://news.example/0"]


def test_empty_jsonl_is_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n\n", "utf-8")
    (item,) = iter_input_files([str(path)])
    (error,) = item.pages()
    assert isinstance(error, InputError) and "[E002]" in str(error)


def test_jsonl_record_without_body_is_reported_with_its_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(jsonl_records()[0]) + "\n"
                    + json.dumps({"url": "https://example.com/x", "body": "?"}) + "\n", "utf-8")
    pages = list(iter_input_files([str(path)]))[0].pages()
    first, second = list(pages)
    assert isinstance(first, Page)
    assert isinstance(second, InputError)
    assert second.locator == "line 2"
    assert "[E006]" in str(second)
    assert "{{" not in str(second)  # the message is formatted, not a raw template


# --- WARC -----------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def warc_records() -> list[dict]:
    return [
        {"url": "https://dailyledger.example/world/2024/02/08/iraq-militia-meeting",
         "body": ARTICLE_HTML.read_bytes(), "date": "2024-02-08T10:15:00Z"},
        {"url": "https://dailyledger.example/img/baghdad-strike.png", "body": PNG,
         "content_type": "image/png"},
        {"url": "https://www.presstv.ir/Detail/2020/04/11/622827/US-reward-Hezbollah",
         "body": SEED_CAPTIONED.read_bytes(), "content_type": "text/plain; charset=utf-8",
         "date": "2020-04-11T08:00:00Z"},
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_response_records(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    records = warc_records()
    write_warc(path, records, gzip=compress)
    ws = rashomon.analyze([str(path)], db=str(tmp_path / "r.db"))
    assert ws.summary.ok, [str(f) for f in ws.summary.failures]
    assert ws.summary.pages == 2  # the image and the request records are not pages
    by_source = {a.source: a for a in ws.articles()}
    ws.close()
    assert set(by_source) == {records[0]["url"], records[2]["url"]}
    html_page = by_source[records[0]["url"]]
    assert same_content(html_page, clean_file(ARTICLE_HTML)[0])
    assert html_page.url == records[0]["url"]
    assert html_page.fetched_at == "2024-02-08T10:15:00Z"
    text_page = by_source[records[2]["url"]]
    assert same_content(text_page, clean_file(SEED_CAPTIONED)[0])
    assert text_page.fetched_at == "2020-04-11T08:00:00Z"


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_cut_anywhere_gives_whole_records_and_one_error(tmp_path, compress):
    records = warc_records()
    whole = tmp_path / "whole.warc"
    write_warc(whole, records, gzip=compress)
    data = whole.read_bytes()
    full = {p.text for p in list(iter_input_files([str(whole)]))[0].pages()}
    # where each text record's body lies (uncompressed archives only)
    bodies = [] if compress else [(data.index(r["body"]), data.index(r["body"]) + len(r["body"]))
                                  for r in records if r.get("content_type") != "image/png"]
    cut_file = tmp_path / "cut.warc.gz" if compress else tmp_path / "cut.warc"
    for cut in range(1, len(data) - 1, 23):
        cut_file.write_bytes(data[:cut])
        (item,) = iter_input_files([str(cut_file)])
        got = list(item.pages())  # never raises
        pages = [p for p in got if isinstance(p, Page)]
        errors = [e for e in got if isinstance(e, InputError)]
        assert all(p.text in full for p in pages), f"a record cut at {cut} was read"
        assert len(errors) <= 1 and (not errors or got[-1] is errors[0])
        if any(start < cut < end for start, end in bodies):
            assert errors and "[E007]" in str(errors[0]), f"cut at {cut} not reported"


# --- stdin ----------------------------------------------------------------------------------

def test_stdin_text(tmp_path):
    proc = cli_process("analyze", "-", "--db", "r.db", cwd=tmp_path,
                       input=SEED_CAPTIONED.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    (row,) = article_rows(tmp_path / "r.db").values()
    ws = rashomon.open_workspace(str(tmp_path / "r.db"))
    (a,) = ws.articles()
    ws.close()
    assert row[1] == a.source == "-"
    assert same_content(a, clean_file(SEED_CAPTIONED)[0])


def test_stdin_html_is_sniffed(tmp_path):
    proc = cli_process("analyze", "-", "--db", "r.db", cwd=tmp_path,
                       input=ARTICLE_HTML.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    ws = rashomon.open_workspace(str(tmp_path / "r.db"))
    (a,) = ws.articles()
    ws.close()
    assert a.source == "-"
    assert same_content(a, clean_file(ARTICLE_HTML)[0])


def test_stdin_cp1252_is_decoded_with_a_warning(tmp_path):
    proc = cli_process("analyze", "-", "--db", "r.db", cwd=tmp_path,
                       input=SEED_TEXT.encode("cp1252"))
    assert proc.returncode == 0, proc.stderr.decode()
    warnings = warning_lines(proc.stderr.decode())
    assert len(warnings) == 1 and warnings[0].startswith("warning: -: [W001]")
    ws = rashomon.open_workspace(str(tmp_path / "r.db"))
    (a,) = ws.articles()
    ws.close()
    assert same_content(a, clean_file(SEED_CAPTIONED)[0])
