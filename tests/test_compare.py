"""The Compare stage on real-style news: stories, claims, discrepancies, coverage, the
story report and the schema migration. Texts: the labelled Compare set (eval/data/compare,
written for the project) and the sample pages."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import cli

from rashomon.compare.claims import find_claims
from rashomon.model import Article
from rashomon.store import Store
from rashomon.understand import understand_article
from rashomon.workspace import analyze

DEV = Path(__file__).resolve().parents[1] / "eval" / "data" / "compare" / "dev"
FILES = [DEV / "c03_peru_mine.jsonl", DEV / "c06_ladakh_clash.jsonl",
         DEV / "distractors_b.jsonl"]


def labels() -> tuple[dict[str, str], dict[str, str]]:
    """Gold story of each record id, and record id by URL (our article's source)."""
    story, by_url = {}, {}
    for f in FILES:
        for s in json.loads(f.with_suffix(".json").read_text("utf-8"))["stories"]:
            for a in s["articles"]:
                story[a] = s["key"]
        for line in f.read_text("utf-8").splitlines():
            r = json.loads(line)
            by_url[r["url"]] = r["id"]
    return story, by_url


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    db = tmp_path_factory.mktemp("compare") / "c.db"
    workspace = analyze([str(f) for f in FILES], db=str(db))
    assert workspace.summary.ok
    yield workspace
    workspace.close()


def test_articles_group_into_their_stories(ws):
    gold, by_url = labels()
    ours = {by_url[a.source]: a.story_id for a in ws.articles()}
    assert len(ours) == len(gold) == 13
    for x in gold:
        for y in gold:
            assert (gold[x] == gold[y]) == (ours[x] == ours[y]), (x, y)
    stories = {s.id: s for s in ws.stories()}
    assert len(stories) == len(set(gold.values()))
    mine = stories[ours["c03_peru_mine_andes"]] if "c03_peru_mine_andes" in ours else next(
        s for s in stories.values() if "mine" in s.title.lower() and len(s.article_ids) == 4)
    assert len(mine.outlets) == 4 and mine.first == "2025-07-05"
    # the inquiry four months later is a related story, not the same one
    follow = [r for r in mine.related if r.relation == "follow-up"]
    assert follow and stories[follow[0].story_id].first.startswith("2025-11")
    assert any(r.relation == "earlier" and r.story_id == mine.id
               for r in stories[follow[0].story_id].related)


def test_outlets_disagreeing_on_a_count_is_a_discrepancy_with_each_sentence(ws):
    articles = {a.id: a for a in ws.articles()}
    trapped = [d for d in ws.discrepancies() if "missing or trapped" in d.topic]
    assert len(trapped) == 1
    d = trapped[0]
    assert d.status == "contradiction" and d.kind == "count"
    values = {c.number: c for c in d.claims}
    assert set(values) == {27.0, 31.0}
    assert values[31.0].outlets == ["Pacific Wire"]
    assert "31 workers unaccounted for" in values[31.0].text
    for c in d.claims:
        for m in c.mentions:   # each claim points at its exact sentence
            assert articles[m.article_id].text[m.start:m.end] == m.text
            assert c.value.split()[-1] in m.text


def test_hedged_values_are_approximate_not_contradictions(ws):
    depth = [d for d in ws.discrepancies() if d.kind == "measure"]
    assert depth, "the depth of the collapse is given as 300, about 300 and 320 metres"
    by_value = {c.value for d in depth for c in d.claims}
    assert "320 meters" in by_value and "about 300 metres" in by_value
    ounces = [d for d in ws.discrepancies() if d.topic == "ounces"]
    assert ounces and ounces[0].status == "approximate"   # 84,600 vs about 85,000


def test_coverage_marks_who_reports_what(ws):
    story = next(s for s in ws.stories() if len(s.article_ids) == 4 and "mine" in s.title.lower())
    rows = ws.coverage(story.id)
    assert rows and all(set(r.cells) == set(story.article_ids) for r in rows)
    kinds = {r.kind for r in rows}
    assert {"event", "discrepancy"} <= kinds
    # a discrepancy row is reported exactly by the articles that state a value
    d = next(r for r in rows if r.kind == "discrepancy" and "trapped" in r.label)
    assert len(d.reported_by) == 3


def test_quotes_and_descriptors_point_at_entities(ws):
    entities = {e.id: e for e in ws.entities()}
    quotes = ws.quotes()
    assert quotes and any(q.kind == "reported" for q in quotes)
    named = [q for q in quotes if q.speaker_id]
    assert len(named) > len(quotes) / 3
    for q in named:
        assert entities[q.speaker_id].type in ("PERSON", "ORG", "GPE", "NORP")
    descriptors = ws.descriptors()
    assert any(d.kind == "appositive" for d in descriptors)
    assert all(d.entity_id in entities for d in descriptors)


def test_claims_know_units_hedges_and_topics():
    text = ("Rescuers reached 27 miners trapped at a depth of about 300 metres on Saturday. "
            "The company said it had set aside $4.5 million for the families, and some 1,200 "
            "soldiers were deployed. A 45-year-old engineer, Ana Ruiz, 38, was among them.")
    a = understand_article(Article("t1", "t", 0, text, published="2025-07-06"))
    u = a.understanding
    claims = {c.text: c for c in find_claims(text, u.sentences, u.values, u.entities)}
    assert claims["27"].topic == "count|worker|missing or trapped"   # miners are workers
    depth = next(c for c in claims.values() if c.kind == "measure:length")
    assert depth.number == 300 and depth.qualifier == "about"
    money = next(c for c in claims.values() if c.kind.startswith("money"))
    assert money.number == 4_500_000
    assert claims["1,200"].qualifier == "some" and "deployed" in claims["1,200"].topic
    assert "45" not in claims and "38" not in claims   # ages are not claims


def test_story_report_and_compare_command(ws, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(ws.store.path).parent)
    db = Path(ws.store.path).name
    story = next(s for s in ws.stories() if len(s.article_ids) == 4 and "mine" in s.title.lower())
    result = cli("story", story.id, "--db", db)
    assert result.exit_code == 0
    for section in ("OUTLETS", "TIMELINE", "AGREED FACTS", "DISCREPANCIES", "COVERAGE",
                    "LABELS PER ACTOR", "QUOTES"):
        assert section in result.output
    two = cli("compare", story.id, "--outlets", "Andes,Pacific", "--db", db)
    assert two.exit_code == 0
    outlets_part = two.output.split("TIMELINE")[0]
    assert "Andes Post" in outlets_part and "Pacific Wire" in outlets_part
    assert "Harbour Gazette" not in outlets_part
    bad = cli("compare", story.id, "--outlets", "Nonexistent Times", "--db", db)
    assert bad.exit_code == 2 and "[E020]" in bad.output and "Andes Post" in bad.output
    listed = cli("stories", "--db", db)
    assert listed.exit_code == 0 and story.id in listed.output


def test_same_input_gives_the_same_stories_and_ids(ws, tmp_path):
    again = analyze([str(f) for f in reversed(FILES)], db=str(tmp_path / "again.db"))
    try:
        assert [(s.id, s.title, s.article_ids) for s in again.stories()] == \
            [(s.id, s.title, s.article_ids) for s in ws.stories()]
        assert [(d.id, [c.value for c in d.claims]) for d in again.discrepancies()] == \
            [(d.id, [c.value for c in d.claims]) for d in ws.discrepancies()]
    finally:
        again.close()


def test_a_schema_1_store_is_migrated_and_keeps_its_articles(tmp_path):
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1');
        CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT NOT NULL, origin TEXT NOT NULL,
            ordinal INTEGER NOT NULL, title TEXT, outlet TEXT, published TEXT, byline TEXT,
            dateline TEXT, language TEXT NOT NULL DEFAULT 'en', url TEXT, fetched_at TEXT,
            text TEXT NOT NULL, words INTEGER NOT NULL, story_id TEXT);
        INSERT INTO articles(id, source, origin, ordinal, text, words)
            VALUES ('a1', 'x.txt', 'x.txt', 0, 'Kept text.', 2);
        CREATE TABLE descriptors (entity_id TEXT NOT NULL, article_id TEXT NOT NULL,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
        CREATE TABLE quotes (article_id TEXT NOT NULL, speaker_id TEXT, speaker TEXT,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
    """)
    con.commit()
    con.close()
    with Store.open(str(db)) as store:
        assert [a.text for a in store.articles()] == ["Kept text."]
        assert store.quotes() == [] and store.descriptors() == []
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(quotes)")}
        assert {"kind", "cue", "source"} <= cols
        assert store.conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] \
            == "2"
