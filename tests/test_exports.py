"""Standard exports (json, csv, graphml, gexf, ftm), each read back with its consumer's own
library: the csv module, networkx, followthemoney."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from conftest import ARTICLE_HTML, SEEDS
from followthemoney import model as ftm_model

import rashomon
from rashomon.deliver.export import export_json
from rashomon.deliver.formats import FORMATS, csv_tables, export
from rashomon.deliver.graph import VALUE_TYPES
from rashomon.errors import UsageError
from rashomon.model import (
    Article,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    Participant,
    Quote,
    Story,
    StoryRelation,
)

#: A news report on another subject than the sample corpus.
PORT_STRIKE = """\
Dock workers strike at Rotterdam as talks with port operator collapse

By Sanne de Vries

March 4, 2024

ROTTERDAM — Thousands of dock workers walked off the job at the Port of Rotterdam on Monday \
after talks between the FNV union and the terminal operator Hutchison Ports broke down over \
pay and automation.

Union negotiator Marieke Jansen said the strike would last at least 48 hours. "We have waited \
eight months for a fair offer, and the company has given us nothing," Jansen told reporters \
outside the Maasvlakte terminal.

Hutchison Ports said in a statement that it regretted the walkout and that it had offered a \
wage increase of 6 percent over two years. The company warned that the strike could delay \
shipments to Germany and Belgium.

Dutch Economy Minister Micky Adriaansens met union leaders in The Hague on Tuesday and urged \
both sides to return to the table. The European Commission said it was monitoring the situation.
"""

CSV_TABLES = ("articles", "entities", "mentions", "events", "event_participants",
              "event_mentions", "stories", "story_articles", "descriptors", "quotes",
              "discrepancies", "claims", "facts", "coverage")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for page in [*SEEDS, ARTICLE_HTML]:
        shutil.copyfile(page, folder / page.name)
    (folder / "port-strike.txt").write_text(PORT_STRIKE, encoding="utf-8")
    ws = rashomon.analyze([str(folder)], db=str(tmp_path_factory.mktemp("ws") / "w.db"))
    assert ws.summary.ok
    yield ws.store
    ws.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("out")


def expected_counts(store) -> dict[str, int]:
    """Rows each CSV table must hold, counted from the store's own objects."""
    entities, events, stories = store.entities(), store.events(), store.stories()
    discrepancies = store.discrepancies()
    has_compare = hasattr(store, "facts")
    return {
        "articles": len(list(store.articles())),
        "entities": len(entities),
        "mentions": sum(len(e.mentions) for e in entities),
        "events": len(events),
        "event_participants": sum(len(v.participants) for v in events),
        "event_mentions": sum(len(v.mentions) for v in events),
        "stories": len(stories),
        "story_articles": sum(len(s.article_ids) for s in stories),
        "descriptors": len(store.descriptors()),
        "quotes": len(store.quotes()),
        "discrepancies": len(discrepancies),
        "claims": sum(len(d.claims) for d in discrepancies),
        "facts": len(store.facts()) if has_compare else 0,
        "coverage": len(store.coverage()) if has_compare else 0,
    }


def read_csv_folder(folder: Path) -> dict[str, list[dict[str, str]]]:
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            tables[path.stem] = list(csv.DictReader(fh))
    return tables


def read_csv_zip(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as zf:
        return {name.removesuffix(".csv"): list(csv.DictReader(
                    io.TextIOWrapper(zf.open(name), encoding="utf-8", newline="")))
                for name in zf.namelist()}


def entity_named(store, name: str) -> Entity:
    return next(e for e in store.entities() if e.name == name)


# --- the registry ----------------------------------------------------------------------------

def test_registry_names_every_format_and_refuses_others(store, out):
    assert set(FORMATS) == {"json", "csv", "graphml", "gexf", "ftm"}
    assert all(FORMATS[name].description for name in FORMATS)
    with pytest.raises(UsageError, match="E014.*unknown export format 'xlsx'"):
        export(store, "xlsx", str(out / "x.xlsx"))


def test_unwritable_path_is_a_usage_error(store, out):
    with pytest.raises(UsageError, match="E017"):
        export(store, "graphml", str(out / "missing-folder" / "g.graphml"))


# --- json ------------------------------------------------------------------------------------

def test_json_is_the_contract_document(store, out):
    (path,) = export(store, "json", str(out / "w.json"))
    raw = Path(path).read_text("utf-8")
    assert "Marieke Jansen" in raw and "\\u" not in raw[:2000]  # UTF-8, not escaped
    doc = json.loads(raw)
    assert doc["format"] == "rashomon.export/1"
    assert isinstance(doc["generated_at"], str)
    for key in ("articles", "entities", "events", "stories", "descriptors", "quotes",
                "discrepancies"):
        assert isinstance(doc[key], list), key
    fresh = export_json(store)
    assert {k: v for k, v in doc.items() if k != "generated_at"} == {
        k: v for k, v in fresh.items() if k != "generated_at"}


# --- csv -------------------------------------------------------------------------------------

def test_csv_folder_has_one_table_per_type_with_the_store_counts(store, out):
    written = export(store, "csv", str(out / "tables"))
    assert sorted(Path(p).stem for p in written) == sorted(CSV_TABLES)
    tables = read_csv_folder(out / "tables")
    assert {name: len(rows) for name, rows in tables.items()} == expected_counts(store)
    assert expected_counts(store)["mentions"] > 100  # the real corpus, not an empty store


def test_csv_round_trips_text_lists_and_ids(store, out):
    export(store, "csv", str(out / "tables2"))
    tables = read_csv_folder(out / "tables2")
    # bodies with quotes, commas and line breaks come back exactly (RFC 4180 quoting)
    stored = {a.id: a for a in store.articles()}
    for row in tables["articles"]:
        assert row["text"] == stored[row["id"]].text
        assert int(row["words"]) == stored[row["id"]].words
    jansen = entity_named(store, "Marieke Jansen")
    row = next(r for r in tables["entities"] if r["id"] == jansen.id)
    assert row["type"] == "PERSON"
    assert json.loads(row["aliases"]) == jansen.aliases  # a list field is a JSON string
    assert int(row["mention_count"]) == len(jansen.mentions) == 2
    mentions = [r for r in tables["mentions"] if r["entity_id"] == jansen.id]
    article = stored[mentions[0]["article_id"]]
    for m in mentions:
        assert article.text[int(m["start"]):int(m["end"])] == m["text"]
    event_ids = {r["id"] for r in tables["events"]}
    assert {r["event_id"] for r in tables["event_participants"]} <= event_ids
    entity_ids = {r["id"] for r in tables["entities"]}
    assert {r["entity_id"] for r in tables["event_participants"]} <= entity_ids


def test_csv_zip_holds_the_same_tables_and_is_byte_stable(store, out):
    (first,) = export(store, "csv", str(out / "tables.zip"))
    (second,) = export(store, "csv", str(out / "again.zip"))
    assert Path(first).read_bytes() == Path(second).read_bytes()
    export(store, "csv", str(out / "tables3"))
    assert read_csv_zip(Path(first)) == read_csv_folder(out / "tables3")


class CompareStore:
    """A store holding the Compare layers (stories, claims, facts, coverage), built by hand
    from a two-outlet report of one strike, through the same public methods."""

    TEXT_A = ("About 3,000 dock workers walked out in Rotterdam on Monday, the FNV union said. "
              "Hutchison Ports called the strike \"irresponsible\".")
    TEXT_B = "Some 2,500 workers, members of the militant FNV union, joined the strike."

    def articles(self):
        return [Article("a1", "https://news.example/strike", 0, self.TEXT_A, "Port strike",
                        "Harbour Daily", "2024-03-04"),
                Article("a2", "https://other.example/rotterdam", 0, self.TEXT_B,
                        "Rotterdam walkout", "Shipping Wire", "2024-03-05")]

    def entities(self):
        return [Entity("e1", "ORG", "FNV", ["FNV union"], [Mention("a1", 66, 75, "FNV union"),
                                                           Mention("a2", 52, 61, "FNV union")])]

    def events(self):
        return [Event("v1", "protest", "walked out", "2024-03-04",
                      [Participant("e1", "participant")], None,
                      [Mention("a1", 0, 80, self.TEXT_A[:80])])]

    def stories(self):
        return [Story("s1", "Rotterdam port strike", ["a1", "a2"],
                      ["Harbour Daily", "Shipping Wire"], "2024-03-04", "2024-03-05",
                      [StoryRelation("s2", "follow-up", ["e1"])])]

    def descriptors(self):
        return [Descriptor("e1", "a2", "militant", 43, 51, "premodifier", -0.5,
                           ["militant:delegitimising"])]

    def quotes(self):
        return [Quote("a1", None, "Hutchison Ports", "irresponsible", 111, 124, "direct",
                      "called")]

    def discrepancies(self):
        return [Discrepancy("d1", "striking workers", [
            Claim("3,000", ["a1"], self.TEXT_A[:80], number=3000.0, qualifier="about",
                  outlets=["Harbour Daily"]),
            Claim("2,500", ["a2"], self.TEXT_B, number=2500.0, qualifier="some",
                  outlets=["Shipping Wire"])], "s1", "count", "approximate")]

    def facts(self):
        return [Fact("f1", "s1", "union", "agent", "FNV", ["a1", "a2"],
                     ["Harbour Daily", "Shipping Wire"])]

    def coverage(self):
        return [CoverageRow("s1", "v1", "event", "protest: walked out",
                            {"a1": [Mention("a1", 0, 80, self.TEXT_A[:80])], "a2": []})]


class UnderstandOnlyStore(CompareStore):
    """A store from before the Compare stage: no ``facts`` or ``coverage``."""

    facts = None
    coverage = None

    def __getattribute__(self, name):
        if name in ("facts", "coverage"):
            raise AttributeError(name)
        return super().__getattribute__(name)


def test_csv_flattens_the_compare_layers(out):
    fake = CompareStore()
    export(fake, "csv", str(out / "compare"))
    tables = read_csv_folder(out / "compare")
    assert {name: len(rows) for name, rows in tables.items()} == expected_counts(fake)
    assert tables["story_articles"] == [{"story_id": "s1", "article_id": "a1"},
                                        {"story_id": "s1", "article_id": "a2"}]
    (story,) = tables["stories"]
    assert json.loads(story["outlets"]) == ["Harbour Daily", "Shipping Wire"]
    assert json.loads(story["related"]) == [
        {"story_id": "s2", "relation": "follow-up", "shared": ["e1"]}]
    claims = tables["claims"]
    assert [(c["discrepancy_id"], c["ordinal"], c["value"]) for c in claims] == [
        ("d1", "0", "3,000"), ("d1", "1", "2,500")]
    assert float(claims[0]["number"]) == 3000 and json.loads(claims[1]["article_ids"]) == ["a2"]
    assert tables["discrepancies"][0]["status"] == "approximate"
    assert json.loads(tables["descriptors"][0]["terms"]) == ["militant:delegitimising"]
    assert tables["quotes"][0]["speaker_id"] == ""  # None is an empty cell
    (row,) = tables["coverage"]
    assert json.loads(row["reported_by"]) == ["a1"]
    assert json.loads(row["cells"])["a1"][0]["text"].startswith("About 3,000 dock workers")
    # a quoted word inside a field survives the quoting
    assert tables["articles"][0]["text"] == CompareStore.TEXT_A


def test_csv_before_the_compare_stage_writes_empty_tables():
    tables = {t.name: t for t in csv_tables(UnderstandOnlyStore())}
    assert tables["facts"].rows == [] and tables["coverage"].rows == []
    assert tables["facts"].columns[:3] == ["id", "story_id", "topic"]
    assert len(tables["claims"].rows) == 2


# --- graphml and gexf ------------------------------------------------------------------------

def check_graph(graph: nx.MultiGraph, store) -> None:
    entities = {e.id: e for e in store.entities()}
    nodes = {k for k, e in entities.items() if e.type not in VALUE_TYPES}
    assert set(graph.nodes) == nodes
    assert not any(graph.nodes[n]["type"] in VALUE_TYPES for n in graph.nodes)
    for n, data in graph.nodes(data=True):
        assert data["name"] == entities[n].name
        assert int(data["mentions"]) == len(entities[n].mentions)
    events = {v.id: v for v in store.events()}
    texts = {a.id: a.text for a in store.articles()}
    kinds = {"event": 0, "cooccurrence": 0}
    for u, v, data in graph.edges(data=True):
        kinds[data["kind"]] += 1
        articles = data["articles"].split("; ")
        assert int(data["weight"]) == len(articles)
        if data["kind"] == "event":
            event = events[data["event"]]
            roles = {p.entity_id: p.role for p in reversed(event.participants)}
            assert f"{roles[u]}-{roles[v]}" == data["roles"]
            assert data["event_type"] == event.type and data["trigger"] == event.trigger
            assert data.get("date") == event.date
            assert data["sentences"].split("\n")[0] == event.mentions[0].text.strip()
        else:
            # both entities are named in each article the edge gives
            for aid in articles:
                named = {m.article_id for m in entities[u].mentions} & {
                    m.article_id for m in entities[v].mentions}
                assert aid in named and aid in texts
    assert kinds["event"] > 0 and kinds["cooccurrence"] > 0


def known_entities(graph: nx.MultiGraph, store) -> None:
    jansen = entity_named(store, "Marieke Jansen")
    node = graph.nodes[jansen.id]
    assert node["type"] == "PERSON" and node["aliases"] == "Jansen"
    assert int(node["mentions"]) == 2 and int(node["articles"]) == 1
    soleimani = entity_named(store, "Qassem Soleimani")
    assert "Qasem Soleimani" in graph.nodes[soleimani.id]["aliases"].split("; ")
    assert int(graph.nodes[soleimani.id]["articles"]) >= 3
    # "shipments to Germany and Belgium": one sentence names both countries
    germany, belgium = entity_named(store, "Germany"), entity_named(store, "Belgium")
    links = graph.get_edge_data(germany.id, belgium.id).values()
    (co,) = [d for d in links if d["kind"] == "cooccurrence"]
    assert co["articles"] == jansen.mentions[0].article_id
    # named in one article but never in one sentence: no co-occurrence
    minister = entity_named(store, "Micky Adriaansens")
    assert not any(d["kind"] == "cooccurrence"
                   for d in (graph.get_edge_data(jansen.id, minister.id) or {}).values())
    # the minister's meeting is an event edge with its sentence
    meetings = [d for _, _, d in graph.edges(minister.id, data=True)
                if d["kind"] == "event" and d["event_type"] == "meeting"]
    assert meetings and all("met union leaders" in d["sentences"] for d in meetings)


def test_graphml_reads_back_with_networkx(store, out):
    (path,) = export(store, "graphml", str(out / "g.graphml"))
    graph = nx.read_graphml(path)
    assert graph.is_multigraph() and not graph.is_directed()
    check_graph(graph, store)
    known_entities(graph, store)
    dates = [d["date"] for _, _, d in graph.edges(data=True) if "date" in d]
    assert dates and all(re.fullmatch(r"\d{4}(-\d\d){0,2}", x) for x in dates)


def test_gexf_reads_back_with_networkx(store, out):
    (path,) = export(store, "gexf", str(out / "g.gexf"))
    graph = nx.read_gexf(path)
    assert graph.is_multigraph()
    check_graph(graph, store)
    known_entities(graph, store)
    assert graph.nodes[entity_named(store, "Germany").id]["label"] == "Germany"


def test_graph_exports_are_byte_stable(store, out):
    for fmt in ("graphml", "gexf"):
        (a,) = export(store, fmt, str(out / f"one.{fmt}"))
        (b,) = export(store, fmt, str(out / f"two.{fmt}"))
        # GEXF's lastmodifieddate is the writer's day, like the JSON's generated_at
        undated = [re.sub(r'lastmodifieddate="[^"]*"', "", Path(p).read_text("utf-8"))
                   for p in (a, b)]
        assert undated[0] == undated[1]


# --- followthemoney --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ftm_lines(store, out) -> list[dict]:
    (path,) = export(store, "ftm", str(out / "w.ftm.json"))
    (again,) = export(store, "ftm", str(out / "again.ftm.json"))
    assert Path(path).read_bytes() == Path(again).read_bytes()
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines()]


def test_ftm_lines_are_valid_entities(ftm_lines):
    assert len({d["id"] for d in ftm_lines}) == len(ftm_lines)
    for data in ftm_lines:
        proxy = ftm_model.get_proxy(data, cleaned=False)  # cleans every value again
        assert proxy.to_dict()["properties"] == data["properties"], data["schema"]
        assert proxy.schema.validate(data) is None, data


def test_ftm_schemata_and_links(store, ftm_lines):
    by_schema: dict[str, list[dict]] = {}
    for d in ftm_lines:
        by_schema.setdefault(d["schema"], []).append(d)
    assert set(by_schema) == {"Article", "Person", "Organization", "Territory", "Address",
                              "Event", "Documentation"}
    assert len(by_schema["Article"]) == len(list(store.articles()))
    assert len(by_schema["Event"]) == len(store.events())
    ids = {d["id"]: d["schema"] for d in ftm_lines}
    for doc in by_schema["Documentation"]:
        (document,) = doc["properties"]["document"]
        (entity,) = doc["properties"]["entity"]
        assert ids[document] == "Article"
        assert ids[entity] in {"Person", "Organization", "Territory", "Address", "Event"}
    for event in by_schema["Event"]:
        for other in event["properties"].get("involved", []):
            assert ids[other] in {"Person", "Organization"}


def test_ftm_known_entities(store, ftm_lines):
    people = {d["properties"]["name"][0]: d for d in ftm_lines if d["schema"] == "Person"}
    jansen = people["Marieke Jansen"]
    assert jansen["properties"]["weakAlias"] == ["Jansen"]  # a bare surname matches weakly
    soleimani = people["Qassem Soleimani"]["properties"]
    assert "Qasem Soleimani" in soleimani["alias"] and "Soleimani" in soleimani["weakAlias"]
    orgs = {d["properties"]["name"][0] for d in ftm_lines if d["schema"] == "Organization"}
    assert "European Commission" in orgs
    port = next(d for d in ftm_lines if d["schema"] == "Article"
                and d["properties"].get("title") == [PORT_STRIKE.splitlines()[0]])
    assert port["properties"]["publishedAt"] == ["2024-03-04"]
    assert port["properties"]["fileName"][0].endswith("port-strike.txt")
    assert "Marieke Jansen" in port["properties"]["bodyText"][0]
    links = [d for d in ftm_lines if d["schema"] == "Documentation"
             and d["properties"]["entity"] == [jansen["id"]]]
    assert [d["properties"]["document"] for d in links] == [[port["id"]]]
    assert links[0]["properties"]["namesMentioned"] == ["Jansen", "Marieke Jansen"]
    assert links[0]["properties"]["role"] == ["mention"]
