"""The command line: exit status, summary, error messages, articles/show/export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    ARTICLE_HTML,
    SEEDS,
    child_env,
    cli,
    error_lines,
    summary_counts,
    without_generated_at,
)

LATER_STAGES = ("entities", "events", "stories", "descriptors", "quotes", "discrepancies")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@pytest.fixture
def analysed(in_tmp: Path, corpus: Path) -> Path:
    shutil.copyfile(ARTICLE_HTML, corpus / "story.html")
    result = cli("analyze", "corpus", "--db", "r.db")
    assert result.exit_code == 0, result.stderr
    return in_tmp / "r.db"


def exported(db: str = "r.db") -> dict:
    result = cli("export", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- analyze --------------------------------------------------------------------------------

def test_analyze_summary_and_success(in_tmp, corpus):
    shutil.copyfile(ARTICLE_HTML, corpus / "story.html")
    result = cli("analyze", "corpus", "--db", "r.db")
    assert result.exit_code == 0
    assert error_lines(result.stderr) == []
    counts = summary_counts(result.stdout)
    assert counts["files"] == counts["pages"] == len(SEEDS) + 1
    assert counts["failures"] == 0
    assert counts["articles"] == len(exported()["articles"])
    assert result.stdout.strip().endswith("-> r.db")


def test_analyze_fails_when_any_file_failed_and_says_what_to_do(in_tmp, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    result = cli("analyze", "corpus", "missing.txt", "--db", "r.db")
    assert result.exit_code == 1
    counts = summary_counts(result.stdout)
    assert counts["files"] == len(SEEDS) + 1 and counts["failures"] == 2
    errors = error_lines(result.stderr)
    assert [e.split(": [")[0] for e in errors] == ["error: corpus/empty.txt", "error: missing.txt"]
    assert "re-run analyze" in result.stderr
    # the good files went in all the same
    assert {a["source"] for a in exported()["articles"]} == {f"corpus/{s.name}" for s in SEEDS}


def test_analyze_refuses_a_database_that_is_not_a_store(in_tmp, corpus):
    Path("notes.db").write_text("my notes\n" * 200, "utf-8")
    result = cli("analyze", "corpus", "--db", "notes.db")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E011]" in line and "notes.db" in line and "pick another --db file" in line
    assert Path("notes.db").read_text("utf-8") == "my notes\n" * 200


def test_analyze_needs_no_stdin_unless_given_dash(tmp_path, corpus):
    proc = subprocess.run(["sh", "-c", 'exec "$0" -m rashomon.cli analyze corpus --db r.db <&-',
                           sys.executable], cwd=tmp_path, capture_output=True, env=child_env(),
                          timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    closed = subprocess.run(["sh", "-c", 'exec "$0" -m rashomon.cli analyze - --db r.db <&-',
                             sys.executable], cwd=tmp_path, capture_output=True,
                            env=child_env(), timeout=60)
    assert closed.returncode == 1
    assert error_lines(closed.stderr.decode())[0].startswith("error: -: [E008]")


# --- articles and show ----------------------------------------------------------------------

def test_articles_lists_one_line_per_article(analysed):
    result = cli("articles", "--db", "r.db")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    doc = exported()
    assert [line.split("\t")[0] for line in lines] == [a["id"] for a in doc["articles"]]
    by_id = {a["id"]: a for a in doc["articles"]}
    for line in lines:
        article_id, outlet, published, title, words = line.split("\t")
        a = by_id[article_id]
        assert (outlet, published, title, int(words)) == (
            a["outlet"] or "-", a["published"] or "-", a["title"] or "(untitled)", a["words"])


def test_show_prints_the_article_with_captions_apart(analysed):
    doc = exported()
    a = next(a for a in doc["articles"] if a["source"] == "corpus/story.html")
    result = cli("show", a["id"], "--db", "r.db")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(a["title"] + "\n")
    assert "source: corpus/story.html" in out
    assert "outlet: The Daily Ledger" in out and "published: 2024-02-08" in out
    assert a["text"] in out
    body_end = out.index(a["text"]) + len(a["text"])
    captions = out[body_end:]
    assert captions.lstrip().startswith("Captions:")
    assert a["captions"][0]["text"] in captions


def test_show_unknown_id_says_how_to_list_ids(analysed):
    result = cli("show", "a0000000000000000", "--db", "r.db")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E012]" in line and "a0000000000000000" in line
    assert "rashomon articles --db r.db" in line


@pytest.mark.parametrize("command", [["articles"], ["show", "a1"], ["export"]])
def test_commands_on_a_missing_store_say_how_to_create_it(in_tmp, command):
    result = cli(*command, "--db", "nothing.db")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E013]" in line and "rashomon analyze PATH --db nothing.db" in line
    assert not Path("nothing.db").exists()


# --- export ---------------------------------------------------------------------------------

def test_export_follows_the_contract(analysed):
    doc = exported()
    assert set(doc) >= {"format", "generated_at", "articles", *LATER_STAGES}
    assert doc["format"] == "rashomon.export/1"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", doc["generated_at"])
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    story_ids = {s["id"] for s in doc["stories"]}
    # every article is in exactly one story
    assert sorted(a for s in doc["stories"] for a in s["article_ids"]) == sorted(texts)
    for s in doc["stories"]:
        assert set(s) >= {"id", "title", "article_ids"} and s["title"]
    for key in ("descriptors", "quotes"):
        assert doc[key], key
        for d in doc[key]:
            assert texts[d["article_id"]][d["start"]:d["end"]] == d["text"]
    for d in doc["discrepancies"]:
        assert set(d) >= {"id", "topic", "claims"} and len(d["claims"]) >= 2
        assert all(set(c) >= {"value", "article_ids", "text"} for c in d["claims"])
    assert doc["entities"] and doc["events"]
    ids = {e["id"] for e in doc["entities"]}
    for e in doc["entities"]:
        assert set(e) >= {"id", "type", "name", "aliases", "mentions"}
        for m in e["mentions"]:
            assert texts[m["article_id"]][m["start"]:m["end"]] == m["text"]
    for v in doc["events"]:
        assert set(v) >= {"id", "type", "trigger", "date", "participants", "location_id",
                          "mentions"}
        assert all(p["entity_id"] in ids and p["role"] for p in v["participants"])
        assert v["location_id"] is None or v["location_id"] in ids
        for m in v["mentions"]:
            assert texts[m["article_id"]][m["start"]:m["end"]] == m["text"]
    articles = doc["articles"]
    assert len(articles) >= len(SEEDS) + 1
    assert len({a["id"] for a in articles}) == len(articles)
    for a in articles:
        assert isinstance(a["id"], str) and a["id"]
        assert isinstance(a["source"], str) and a["source"].startswith("corpus/")
        for key in ("title", "outlet", "story_id"):
            assert a[key] is None or isinstance(a[key], str), key
        assert a["published"] is None or ISO_DATE.fullmatch(a["published"]), a["published"]
        assert isinstance(a["language"], str) and a["language"]
        assert isinstance(a["text"], str) and a["text"].strip()
        assert a["story_id"] in story_ids
        assert isinstance(a["captions"], list)
        for c in a["captions"]:
            assert isinstance(c["text"], str) and c["text"]
        assert a["words"] == len(a["text"].split())
    story = next(a for a in articles if a["source"] == "corpus/story.html")
    assert (story["title"], story["outlet"], story["published"], story["language"]) == (
        "Iraqi militia leaders meet in Baghdad after drone strike", "The Daily Ledger",
        "2024-02-08", "en")


def test_export_to_a_file(analysed):
    result = cli("export", "--format", "json", "--db", "r.db", "-o", "out.json")
    assert result.exit_code == 0
    doc = json.loads(Path("out.json").read_text("utf-8"))
    assert without_generated_at(doc) == without_generated_at(exported())
    assert "wrote out.json (json)" in result.stderr


def test_export_to_a_missing_folder_says_what_to_do(analysed):
    result = cli("export", "--db", "r.db", "-o", "no/such/folder/out.json")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E017]" in line and "no/such/folder/out.json" in line and "folder exists" in line


def test_analyze_into_a_missing_folder_says_what_to_do(in_tmp, corpus):
    result = cli("analyze", "corpus", "--db", "no/such/r.db")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E017]" in line and "no/such/r.db" in line
    assert not Path("no").exists()


def test_export_unknown_format(analysed):
    result = cli("export", "--format", "xml", "--db", "r.db")
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "[E014]" in line and "'xml'" in line and "json" in line


def test_export_is_deterministic_across_stores(in_tmp, corpus):
    shutil.copyfile(ARTICLE_HTML, corpus / "story.html")
    assert cli("analyze", "corpus", "--db", "one.db").exit_code == 0
    assert cli("analyze", "corpus", "--db", "two.db").exit_code == 0
    one = cli("export", "--db", "one.db").stdout
    two = cli("export", "--db", "two.db").stdout
    drop = re.compile(r'^ "generated_at": .*$', re.M)
    assert one != "" and drop.search(one)
    assert drop.sub("", one) == drop.sub("", two)  # byte for byte, apart from generated_at
