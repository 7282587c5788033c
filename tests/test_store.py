"""Store: content-hash ids, one transaction per input file, nothing lost or half-written."""

from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    ARTICLE_HTML,
    SEED_MULTI,
    SEEDS,
    article_rows,
    child_env,
    cli_process,
    snapshot,
    without_generated_at,
)

import rashomon
from rashomon.deliver import export_json
from rashomon.errors import UsageError
from rashomon.model import Article, Caption, Failure
from rashomon.store import Store


def analyse(paths: list[str], db: Path):
    ws = rashomon.analyze(paths, db=str(db))
    summary = ws.summary
    ws.close()
    return summary


def export(db: Path) -> dict:
    with Store.existing(str(db)) as store:
        return export_json(store, generated_at="2026-01-01T00:00:00Z")


# --- ids ------------------------------------------------------------------------------------

def test_same_input_gives_the_same_ids_in_two_stores(in_tmp, corpus):
    shutil.copyfile(ARTICLE_HTML, corpus / "story.html")
    analyse(["corpus"], in_tmp / "one.db")
    analyse(["corpus"], in_tmp / "two.db")
    one, two = article_rows(in_tmp / "one.db"), article_rows(in_tmp / "two.db")
    assert len(one) >= 5
    assert one == two
    assert all(re.fullmatch(r"a[0-9a-f]{16}", i) for i in one)


def test_reanalysing_adds_no_duplicates(in_tmp, corpus):
    first = analyse(["corpus"], in_tmp / "r.db")
    before = snapshot(in_tmp / "r.db")
    second = analyse(["corpus", "corpus"], in_tmp / "r.db")
    assert first.ok and second.ok
    assert snapshot(in_tmp / "r.db") == before
    assert len(before["articles"]) == first.articles
    assert len(before["captions"]) > 0


def test_an_edited_page_replaces_its_old_articles(in_tmp, corpus):
    page = corpus / SEEDS[0].name
    analyse(["corpus"], in_tmp / "r.db")
    old = {i for i, row in article_rows(in_tmp / "r.db").items() if row[1] == f"corpus/{page.name}"}
    page.write_text(page.read_text("utf-8").replace("$10-million", "$12-million"), "utf-8")
    analyse(["corpus"], in_tmp / "r.db")
    rows = article_rows(in_tmp / "r.db")
    new = {i for i, row in rows.items() if row[1] == f"corpus/{page.name}"}
    assert len(new) == len(old) == 1
    assert new != old
    assert "$12-million" in rows[new.pop()][12]


def test_a_record_repeated_in_one_file_is_stored_and_counted_once(tmp_path):
    record = {"url": "https://www.arabnews.com/node/1626181/middle-east",
              "text": SEED_MULTI.read_text("utf-8")}
    feed = tmp_path / "feed.jsonl"
    feed.write_text((json.dumps(record) + "\n") * 2, "utf-8")
    summary = analyse([str(feed)], tmp_path / "r.db")
    stored = snapshot(tmp_path / "r.db")["articles"]
    assert summary.ok
    assert summary.pages == 2
    assert summary.articles == len(stored) > 1


# --- one transaction per file ---------------------------------------------------------------

def test_a_failed_write_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "r.db"
    analyse([str(SEED_MULTI)], db)
    before = snapshot(db)
    good = Article(id="anew000000000000", source=str(SEED_MULTI), ordinal=0,
                   text="A replacement body of text.", captions=[Caption("A caption.")])
    broken = Article(id="abroken000000000", source=str(SEED_MULTI), ordinal=1,
                     text="Another body.", captions=[Caption(None)])  # type: ignore[arg-type]
    # the caption's NULL text violates NOT NULL: the write fails in the middle of the file
    with Store.open(str(db)) as store, pytest.raises(sqlite3.IntegrityError):
        store.save_file(str(SEED_MULTI), {str(SEED_MULTI): [good, broken]},
                        [Failure(str(SEED_MULTI), "x")])
    assert snapshot(db) == before
    with Store.open(str(db)) as store:
        assert store.failures() == []


def test_a_file_that_became_unreadable_keeps_its_stored_articles(in_tmp, corpus):
    analyse(["corpus"], in_tmp / "r.db")
    before = snapshot(in_tmp / "r.db")
    (corpus / SEEDS[0].name).write_bytes(b"")
    summary = analyse(["corpus"], in_tmp / "r.db")
    assert [f.origin for f in summary.failures] == [f"corpus/{SEEDS[0].name}"]
    assert snapshot(in_tmp / "r.db") == before


def test_failures_are_stored_with_path_and_reason_and_cleared_when_fixed(in_tmp, corpus):
    bad = corpus / "broken.jsonl"
    bad.write_text('{"url": "https://example.com/a", "text": "unterminated\n', "utf-8")
    summary = analyse(["corpus"], in_tmp / "r.db")
    assert [str(f) for f in summary.failures] == [
        f"corpus/broken.jsonl:line 1: {summary.failures[0].reason}"]
    assert "[E005]" in summary.failures[0].reason
    with Store.existing(str(in_tmp / "r.db")) as store:
        assert [(f.origin, f.locator) for f in store.failures()] == [
            ("corpus/broken.jsonl", "line 1")]
    bad.write_text(json.dumps({"url": "https://example.com/a",
                               "text": SEEDS[1].read_text("utf-8")}) + "\n", "utf-8")
    assert analyse(["corpus"], in_tmp / "r.db").ok
    with Store.existing(str(in_tmp / "r.db")) as store:
        assert store.failures() == []
        assert any(a.source == "https://example.com/a" for a in store.articles())


# --- opening --------------------------------------------------------------------------------

def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices(total) VALUES (12.5)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(UsageError, match=r"\[E011\].*other\.db"):
        Store.open(str(db))
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("These are my notes, not a database.\n" * 100, "utf-8")
    before = db.read_bytes()
    with pytest.raises(UsageError, match=r"\[E011\]"):
        Store.open(str(db))
    assert db.read_bytes() == before


def test_existing_refuses_a_missing_store_without_creating_it(tmp_path):
    with pytest.raises(UsageError, match=r"\[E013\]"):
        Store.existing(str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


# --- killed midway --------------------------------------------------------------------------

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def vary(text: str, n: int) -> str:
    """The page with the sentences of each long paragraph rotated ``n`` places."""
    out = []
    for line in text.split("\n"):
        sentences = SENTENCE.split(line)
        if len(line.split()) >= 40 and "(" not in line and len(sentences) >= 2:
            k = n % len(sentences)
            line = " ".join(sentences[k:] + sentences[:k])
        out.append(line)
    return "\n".join(out)


def make_pages(root: Path, count: int) -> None:
    """``count`` real-looking pages in sub-folders of 30, varied from the sample pages."""
    texts = [seed.read_text("utf-8") for seed in SEEDS]
    for i in range(count):
        folder = root / f"batch{i // 30:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = vary(texts[i % len(texts)], i // len(texts))
        (folder / f"page{i:03d}.txt").write_text(text, "utf-8")


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:  # schema not there yet, or busy
        return 0


def test_a_run_killed_midway_loses_nothing_and_reruns_cleanly(in_tmp):
    make_pages(in_tmp / "pages", 300)
    assert analyse(["pages"], in_tmp / "clean.db").ok
    clean = export(in_tmp / "clean.db")
    clean_by_id = {a["id"]: a for a in clean["articles"]}
    ids_by_source: dict[str, set[str]] = {}
    for a in clean["articles"]:
        ids_by_source.setdefault(a["source"], set()).add(a["id"])
    assert len(ids_by_source) == 300
    assert sum(1 for a in clean["articles"] if a["captions"]) > 50

    killed = in_tmp / "killed.db"
    with open(in_tmp / "stderr.txt", "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", "pages",
                                 "--db", "killed.db", "-q"], cwd=in_tmp, env=child_env(),
                                stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            while proc.poll() is None and stored_count(killed) < 20:
                time.sleep(0.002)
            killed_midway = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
    assert killed_midway, ("the run ended before it could be killed: "
                           + (in_tmp / "stderr.txt").read_text("utf-8")[-2000:])
    assert proc.returncode == -signal.SIGKILL

    with Store.open(str(killed)) as store:
        assert [tuple(r) for r in store.conn.execute("PRAGMA integrity_check")] == [("ok",)]
        partial = export_json(store, generated_at=clean["generated_at"])
    assert 20 <= len(partial["articles"]) < len(clean["articles"])
    stored_sources: dict[str, set[str]] = {}
    for a in partial["articles"]:
        assert a["text"].strip()
        # complete: same text, metadata and captions (the story is derived: a killed run
        # had not yet grouped its articles into stories)
        assert {**a, "story_id": None} == {**clean_by_id[a["id"]], "story_id": None}
        stored_sources.setdefault(a["source"], set()).add(a["id"])
    for source, ids in stored_sources.items():
        assert ids == ids_by_source[source], f"{source} was half-written"

    rerun = cli_process("analyze", "pages", "--db", "killed.db", "-q", cwd=in_tmp)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert "300 files, 300 pages" in rerun.stdout.decode()
    assert without_generated_at(export(killed)) == without_generated_at(clean)


# --- reading --------------------------------------------------------------------------------

def test_opening_a_current_store_to_read_it_writes_nothing(tmp_path):
    db = tmp_path / "w.db"
    analyse([str(SEED_MULTI)], db)
    Store.existing(str(db)).close()  # checkpoints the WAL
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with Store.existing(str(db)) as store:
        assert store.count("articles") > 0
        assert store.stories()
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after.get("w.db") == before["w.db"]


def test_a_store_missing_a_later_index_gains_it_on_open(tmp_path):
    db = tmp_path / "w.db"
    analyse([str(SEED_MULTI)], db)
    con = sqlite3.connect(db)
    con.execute("DROP INDEX event_mentions_article")
    con.commit()
    con.close()
    with Store.existing(str(db)) as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert "event_mentions_article" in names


def test_one_story_and_one_entitys_events_read_alone_match_the_whole_workspace(tmp_path):
    db = tmp_path / "w.db"
    analyse([str(p) for p in SEEDS], db)
    with Store.existing(str(db)) as store:
        stories = store.stories()
        for st in stories:
            assert store.story(st.id) == st
            whole = [d for d in store.discrepancies() if d.story_id == st.id]
            assert store.discrepancies(st.id) == whole
        events = store.events()
        busy = max(store.entities(), key=lambda e: len(e.mentions))
        mine = [v for v in events if v.location_id == busy.id
                or any(p.entity_id == busy.id for p in v.participants)]
        assert mine and store.events_of(busy.id) == mine
        with pytest.raises(UsageError, match=r"\[E019\]"):
            store.story("no-such-story")
