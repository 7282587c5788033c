"""The web app driven as a WSGI application (no server): real pages analysed into a store,
the Compare tables filled from their analysed sentences, then the HTML every page gives.

The store holds the sample corpus's pages, three outlets' reports of one warehouse fire
(written for these tests) and a hostile page whose title and body carry markup.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from wsgiref.util import setup_testing_defaults

import lxml.html
import pytest
from conftest import SEEDS

import rashomon
from rashomon.deliver.web import make_app
from rashomon.deliver.web.highlight import Mark, paragraphs, render
from rashomon.deliver.web.views import safe_url
from rashomon.errors import UsageError
from rashomon.model import (
    Article,
    Claim,
    CoverageRow,
    Descriptor,
    Discrepancy,
    Fact,
    Mention,
    Quote,
    Story,
    StoryRelation,
    stable_id,
)
from rashomon.store import Store

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T08:00:00Z">
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li>
<li><a href="/world">World</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By {author}</div>
<time datetime="{date}T08:00:00Z">{date}</time>
{paragraphs}
</article></main>
<footer class="site-footer"><p>© 2024 {outlet}. All rights reserved.</p></footer>
</body></html>
"""

#: One story told by three outlets that disagree on the toll.
FIRE = {
    "ledger.html": dict(
        outlet="The Harbour Ledger", date="2024-05-14", author="Maria Jansen",
        title="Fire at Rotterdam warehouse kills 12, officials say",
        paragraphs=[
            "ROTTERDAM — A fire tore through a chemical warehouse in the port of Rotterdam on "
            "Monday night, killing 12 people and injuring 30 others, city officials said on "
            "Tuesday.",
            "The blaze started shortly after 11 p.m. in a storage hall operated by Vanderlinde "
            "Logistics, according to the Rotterdam fire brigade.",
            "“This is a dark day for our port and for every family that works in it,” Mayor "
            "Willem Bakker told reporters outside the city hall.",
            "Firefighters battled the flames for more than six hours before bringing them under "
            "control early on Tuesday.",
            "Residents of nearby Schiedam were told to keep their windows closed because of "
            "thick smoke drifting over the river.",
            "The national environment agency said it was measuring air quality across the "
            "region and would publish its results on Wednesday.",
            "Vanderlinde Logistics said in a statement that it was cooperating fully with "
            "investigators and that its thoughts were with the victims.",
            "Prosecutors opened an investigation into the cause of the fire on Tuesday.",
            "Union leader Sanne de Vries called the reckless company a danger to its own "
            "workers and demanded an independent inquiry.",
            "Dock workers laid flowers at the gate of the warehouse as the sun rose over the "
            "harbour.",
            "The city has set up a support centre for relatives at the Maritime Museum.",
            "The death toll of 12 made it the deadliest industrial accident in the country in "
            "two decades, the fire brigade said.",
        ]),
    "courier.html": dict(
        outlet="Northern Courier", date="2024-05-15", author="Tom Visser",
        title="At least 15 dead in Rotterdam port blaze",
        paragraphs=[
            "ROTTERDAM — At least 15 people were killed when a fire swept through a warehouse "
            "in the port of Rotterdam on Monday night, emergency services said.",
            "The fire broke out in a hall run by Vanderlinde Logistics, a firm that stores "
            "industrial chemicals for shipping companies.",
            "“We will find out what went wrong, and we will not rest until we do,” Mayor Willem "
            "Bakker said at a news conference on Tuesday.",
            "Smoke from the blaze could be seen from Schiedam, where residents were told to "
            "keep their windows closed.",
            "The environment agency said it was measuring air quality in the region.",
            "Crews from three cities fought the fire through the night, the Rotterdam fire "
            "brigade said.",
            "The embattled firm Vanderlinde Logistics has faced two safety inspections in the "
            "past year, according to public records.",
            "Relatives gathered at a support centre set up by the city.",
            "Prosecutors said they had opened an investigation.",
            "Several of the dead were contract workers from Poland and Romania, the union said.",
            "The port authority said shipping traffic had resumed on Tuesday afternoon.",
            "Emergency services said at least 15 people had died, while 27 others were treated "
            "in hospital.",
        ]),
    "wire.html": dict(
        outlet="Metro Wire", date="2024-05-14", author="Anouk de Boer",
        title="Rotterdam warehouse fire: what we know",
        paragraphs=[
            "ROTTERDAM — Twelve people died in a fire at a warehouse in the port of Rotterdam "
            "on Monday night, officials said.",
            "The fire started in a storage hall run by Vanderlinde Logistics shortly after 11 "
            "p.m., the fire brigade said.",
            "Firefighters brought the blaze under control early on Tuesday after more than six "
            "hours.",
            "“Our hearts go out to the families,” Mayor Willem Bakker said.",
            "Prosecutors have opened an investigation into the cause of the fire.",
            "Vanderlinde Logistics said it was cooperating with the authorities.",
            "Officials said 12 people were killed and 30 were injured.",
        ]),
}

HOSTILE_TITLE = "Mayor <script>window.__pwned=1;alert(1)</script> wins vote in Springfield"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_LINK = '<a href="javascript:window.__pwned=1">this link</a>'
#: A plain-text scrape whose text holds markup, a javascript: URL and HTML entities.
HOSTILE = "\n\n".join([
    HOSTILE_TITLE, "By Jane Doe", "Updated 12 March 2024",
    "SPRINGFIELD — Mayor Alan Brooks won a council vote on Tuesday after a heated debate, "
    f"officials said. Protesters held signs reading {HOSTILE_IMG} outside City Hall.",
    "A flyer urged readers to visit javascript:window.__pwned=1 and "
    f"{HOSTILE_LINK} for details, and showed the code &lt;b&gt;bold&lt;/b&gt; in plain text.",
    '"We will rebuild the bridge within two years," Brooks told reporters at the Springfield '
    "council chamber.",
]) + "\n"


# --- building the workspace ------------------------------------------------------------------
@dataclass
class Site:
    """The analysed workspace, its app, and the ids the tests look at."""

    db: str
    app: object
    ids: dict[str, str]
    articles: dict[str, Article]         # by key: ledger, courier, wire, hostile, ...


def write_pages(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, page in FIRE.items():
        fields = {k: v for k, v in page.items() if k != "paragraphs"}
        paras = "\n".join(f"<p>{p}</p>" for p in page["paragraphs"])
        (folder / name).write_text(PAGE.format(paragraphs=paras, **fields), "utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, "utf-8")
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    return [str(folder)]


def sentence(article: Article, phrase: str) -> Mention:
    """The sentence of ``article`` holding ``phrase`` (within its paragraph)."""
    text = article.text
    i = text.index(phrase)
    stop = text.rfind(". ", 0, i)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, i) + 1)
    ends = [x for x in (text.find(". ", i + len(phrase)) + 1, text.find("\n", i)) if x > 0]
    end = min(ends) if ends else len(text)
    return Mention(article.id, start, end, text[start:end])


def span(article: Article, phrase: str) -> tuple[int, int]:
    i = article.text.index(phrase)
    return i, i + len(phrase)


def entity_at(store: Store, article: Article, phrase: str) -> str:
    """The id of the entity the store found where ``phrase`` is named in ``article``."""
    start, end = span(article, phrase)
    row = store.conn.execute(
        'SELECT entity_id FROM mentions WHERE article_id = ? AND start < ? AND "end" > ? '
        'ORDER BY ("end" - start) DESC', (article.id, end, start)).fetchone()
    assert row, f"no entity at {phrase!r} in {article.title!r}"
    return row[0]


def _story(sid: str, articles: list[Article], related: list[StoryRelation] = ()) -> Story:
    dates = sorted(a.published for a in articles if a.published)
    return Story(sid, articles[0].title, [a.id for a in articles],
                 sorted({a.outlet for a in articles if a.outlet}),
                 dates[0] if dates else None, dates[-1] if dates else None, list(related))


def fill_comparison(store: Store, arts: dict[str, Article]) -> dict[str, str]:
    """Stories, labels, quotes, discrepancies, facts and coverage built from the analysed
    articles' own sentences, written through the store's public write method."""
    ledger, courier, wire, hostile = (arts[k] for k in ("ledger", "courier", "wire", "hostile"))
    sample = [arts[k] for k in ("presstv", "arabnews", "unknown")]
    fire_id, sample_id, hostile_id = (stable_id("s", k) for k in ("fire", "sample", "hostile"))
    company = entity_at(store, ledger, "Vanderlinde Logistics")
    mayor = entity_at(store, ledger, "Willem Bakker")
    brooks = entity_at(store, hostile, "Alan Brooks")
    stories = [_story(fire_id, [ledger, courier, wire],
                      [StoryRelation(sample_id, "earlier", [])]),
               _story(sample_id, sample), _story(hostile_id, [hostile])]

    def desc(entity: str, a: Article, phrase: str, score: float, terms: list[str]) -> Descriptor:
        return Descriptor(entity, a.id, phrase, *span(a, phrase), "premodifier", score, terms)

    descriptors = [desc(company, ledger, "reckless company", -0.8, ["reckless:pejorative"]),
                   desc(company, courier, "embattled firm", -0.3, ["embattled:loaded"]),
                   desc(brooks, hostile, HOSTILE_IMG, 0.0, [])]

    def quote(a: Article, speaker: str | None, name: str, phrase: str, kind: str = "direct"
              ) -> Quote:
        return Quote(a.id, speaker, name, phrase, *span(a, phrase), kind, "said")

    quotes = [
        quote(ledger, mayor, "Willem Bakker", "This is a dark day for our port"),
        quote(courier, mayor, "Willem Bakker", "We will find out what went wrong"),
        quote(wire, mayor, "Willem Bakker", "Our hearts go out to the families"),
        quote(courier, None, "the Rotterdam fire brigade",
              "Crews from three cities fought the fire through the night", "reported"),
        quote(hostile, brooks, "Alan Brooks", "We will rebuild the bridge within two years"),
        quote(hostile, None, "<b>a flyer</b>", HOSTILE_LINK, "reported"),
    ]

    def claim(value: str, number: float, mentions: list[Mention], qualifier=None) -> Claim:
        ids = [m.article_id for m in mentions]
        return Claim(value, ids, value, mentions, number, qualifier,
                     sorted(arts_by_id[i].outlet for i in ids))

    arts_by_id = {a.id: a for a in arts.values()}
    killed = Discrepancy(stable_id("d", "killed"), "people killed", [
        claim("12", 12, [sentence(ledger, "killing 12 people"),
                         sentence(wire, "Twelve people died")]),
        claim("15", 15, [sentence(courier, "at least 15 people had died")], "at least"),
    ], fire_id, "count", "contradiction")
    injured = Discrepancy(stable_id("d", "injured"), "people injured", [
        claim("30", 30, [sentence(ledger, "injuring 30 others")]),
        claim("27", 27, [sentence(courier, "27 others were treated")]),
    ], fire_id, "count", "approximate")
    started = [sentence(ledger, "A fire tore through"), sentence(courier, "fire swept through"),
               sentence(wire, "Twelve people died")]
    facts = [
        Fact(stable_id("f", "date"), fire_id, "fire broke out", "date", "2024-05-13",
             [m.article_id for m in started], sorted(a.outlet for a in (ledger, courier, wire)),
             started),
        Fact(stable_id("f", "strike"), sample_id, "drone strike", "agent", "US",
             [sample[0].id, sample[1].id], sorted(a.outlet for a in sample[:2]),
             [sentence(sample[0], "drone strike"), sentence(sample[1], "drone strike")]),
    ]

    def row(item: str, kind: str, label: str, *phrases: str | None) -> CoverageRow:
        """A coverage row; ``phrases`` name the sentence in ledger, courier, wire (or None)."""
        return CoverageRow(fire_id, item, kind, label,
                           {a.id: [sentence(a, p)] if p else []
                            for a, p in zip((ledger, courier, wire), phrases, strict=True)})

    coverage = [
        row(facts[0].id, "fact", "fire broke out on 2024-05-13", "A fire tore through",
            "fire swept through", "Twelve people died"),
        row(stable_id("v", "union"), "event", "union blames the company", "Union leader",
            None, None),
        row(stable_id("v", "air"), "event", "air quality measured", "measuring air quality",
            "measuring air quality", None),
        row(killed.id, "discrepancy", "people killed", "killing 12 people",
            "at least 15 people had died", "Twelve people died"),
    ]
    store.replace_comparison(stories, descriptors, quotes, [killed, injured], facts, coverage)
    return {"fire": fire_id, "sample": sample_id, "hostile": hostile_id, "company": company,
            "mayor": mayor, "brooks": brooks, "killed": killed.id}


def _pick(articles: list[Article]) -> dict[str, Article]:
    def by(pred) -> Article:
        found = [a for a in articles if pred(a)]
        assert len(found) == 1, [a.title for a in articles]
        return found[0]

    return {
        "ledger": by(lambda a: a.outlet == "The Harbour Ledger"),
        "courier": by(lambda a: a.outlet == "Northern Courier"),
        "wire": by(lambda a: a.outlet == "Metro Wire"),
        "hostile": by(lambda a: "<script>" in (a.title or "")),
        "presstv": by(lambda a: "Hezbollah cmdr" in (a.title or "")),
        "arabnews": by(lambda a: "guide Iraqi militias" in (a.title or "")),
        "unknown": by(lambda a: "Reciprocal Blow" in (a.title or "")),
    }


def build_site(folder: Path) -> Site:
    """Analyse the pages into ``folder``/web.db and fill its Compare tables."""
    db = str(folder / "web.db")
    ws = rashomon.analyze(write_pages(folder / "pages"), db=db)
    assert ws.summary.ok, ws.summary.failures
    arts = _pick(ws.articles())
    ids = fill_comparison(ws.store, arts)
    ws.close()
    return Site(db, make_app(db), ids, arts)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("web"))


# --- calling the app -------------------------------------------------------------------------
@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def doc(self) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.text)


def call(app, url: str, method: str = "GET", **headers: str) -> Answer:
    """One request through the WSGI interface, as a server would pass it."""
    path, _, query = url.partition("?")
    environ: dict = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, PATH_INFO=unquote(path), QUERY_STRING=query)
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    got: dict = {}

    def start_response(status: str, hdrs: list[tuple[str, str]]) -> None:
        got["status"], got["headers"] = int(status.split()[0]), dict(hdrs)

    body = b"".join(app(environ, start_response))
    return Answer(got["status"], got["headers"], body)


def ok(site: Site, url: str) -> Answer:
    answer = call(site.app, url)
    assert answer.status == 200, (url, answer.text[:500])
    return answer


def texts(doc: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# --- pages -----------------------------------------------------------------------------------
def test_home_lists_stories_entities_and_articles(site: Site) -> None:
    doc = ok(site, "/").doc
    stories = doc.xpath(f"//li[{cls('story-card')}]")
    fire = [s for s in stories if s.xpath(f".//a[@href='/story/{site.ids['fire']}']")]
    assert len(stories) == 3 and len(fire) == 1
    card = " ".join(fire[0].text_content().split())
    assert "Fire at Rotterdam warehouse kills 12, officials say" in card
    assert "14 May 2024 – 15 May 2024" in card and "3 articles" in card
    assert "2 discrepancies" in card
    assert texts(fire[0], f".//span[{cls('chip')}]") == [
        "Metro Wire", "Northern Courier", "The Harbour Ledger"]
    latest = texts(doc, "//section[@id='articles']//li/a")
    assert "US offers massive reward for info on Hezbollah cmdr." in latest
    assert "Rotterdam warehouse fire: what we know" in latest
    top = doc.xpath("//section[@id='entities']//li/a")
    assert top and all(a.get("href").startswith("/entity/e") for a in top)
    assert "Rotterdam" in [a.text for a in top]


def test_story_page_outlets_side_by_side(site: Site) -> None:
    doc = ok(site, f"/story/{site.ids['fire']}").doc
    columns = doc.xpath(f"//section[@id='outlets']//div[{cls('column')}]")
    heads = [texts(c, ".//h3")[0] for c in columns]
    assert heads == ["Metro Wire", "The Harbour Ledger", "Northern Courier"]   # by date
    courier = columns[2]
    assert texts(courier, ".//li/a") == ["At least 15 dead in Rotterdam port blaze"]
    assert "15 May 2024" in texts(courier, ".//li")[0]
    related = doc.xpath(f"//p[{cls('related')}]/a")
    assert related[0].get("href") == f"/story/{site.ids['sample']}"
    assert related[0].text == "US offers massive reward for info on Hezbollah cmdr."


def test_story_page_discrepancies_link_each_claim_to_its_sentence(site: Site) -> None:
    doc = ok(site, f"/story/{site.ids['fire']}").doc
    discs = doc.xpath(f"//article[{cls('disc')}]")
    assert texts(doc, f"//article[{cls('disc')}]//h3") == ["people killed", "people injured"]
    assert cls("status-contradiction")[:8] and "status-contradiction" in discs[0].get("class")
    values = texts(discs[0], f".//div[{cls('value')}]")
    assert values == ["12", "at least 15"]
    courier = site.articles["courier"]
    want = sentence(courier, "at least 15 people had died")
    links = discs[0].xpath(f".//a[{cls('claim-link')}]")
    hrefs = [a.get("href") for a in links]
    assert (f"/article/{courier.id}?hl={want.start}-{want.end}#s-{want.start}-{want.end}"
            in hrefs)
    assert len(links) == 3       # one sentence per article behind a claim
    assert want.text in texts(discs[0], f".//a[{cls('claim-link')}]")[2]


def test_story_page_facts_timeline_and_coverage(site: Site) -> None:
    doc = ok(site, f"/story/{site.ids['fire']}").doc
    fact = doc.xpath(f"//li[{cls('fact')}]")[0]
    assert texts(fact, f".//span[{cls('corroborated')}]") == ["3"]
    assert "fire broke out" in fact.text_content() and "2024-05-13" in fact.text_content()
    events = doc.xpath(f"//section[@id='timeline']//div[{cls('event')}]")
    assert events, "the story's articles tell events"
    story_articles = {site.articles[k].id for k in ("ledger", "courier", "wire")}
    for link in doc.xpath(f"//section[@id='timeline']//a[{cls('sent')}]"):
        assert link.get("href").split("?")[0].removeprefix("/article/") in story_articles
    rows = {texts(r, "./th")[0]: r for r in doc.xpath("//table[@class='coverage']/tbody/tr")}
    union = next(r for k, r in rows.items() if "union blames the company" in k)
    air = next(r for k, r in rows.items() if "air quality measured" in k)
    # columns follow the articles by date: wire, ledger (14 May), courier (15 May)
    assert [c.get("class").split()[1:] for c in union.xpath("./td")] == [
        ["omit"], ["rep", "flag-only"], ["omit"]]
    assert "only The Harbour Ledger" in texts(union, "./th")[0]
    assert [c.get("class").split()[1:] for c in air.xpath("./td")] == [
        ["omit", "flag-all-but"], ["rep"], ["rep"]]
    assert "all but Metro Wire" in texts(air, "./th")[0]
    ledger = site.articles["ledger"]
    union_sentence = sentence(ledger, "Union leader")
    assert union.xpath("./td/a")[0].get("href").endswith(
        f"#s-{union_sentence.start}-{union_sentence.end}")


def test_story_page_labels_and_quotes_by_outlet(site: Site) -> None:
    doc = ok(site, f"/story/{site.ids['fire']}").doc
    labels = doc.xpath("//section[@id='labels']//tbody/tr")
    assert texts(labels[0], "./th") == ["Vanderlinde Logistics"]
    cells = labels[0].xpath("./td")            # Metro Wire, The Harbour Ledger, Northern Courier
    assert texts(cells[0], ".//a") == []
    assert [(a.text, a.get("class")) for a in cells[1].xpath(".//a")] == [
        ("reckless company", "label score-n2")]
    assert [(a.text, a.get("class")) for a in cells[2].xpath(".//a")] == [
        ("embattled firm", "label score-n1")]
    quotes = {texts(r, "./th")[0]: r for r in doc.xpath("//section[@id='quotes']//tbody/tr")}
    mayor = quotes["Willem Bakker"]
    assert mayor.xpath("./th/a")[0].get("href") == f"/entity/{site.ids['mayor']}"
    assert [texts(td, f".//span[{cls('count')}]") for td in mayor.xpath("./td")] == [
        ["1"], ["1"], ["1"]]
    assert "We will find out what went wrong" in texts(mayor, "./td[3]//a")[0]
    assert "the Rotterdam fire brigade" in quotes


def test_story_json_twin(site: Site) -> None:
    answer = ok(site, f"/story/{site.ids['fire']}.json")
    assert answer.headers["Content-Type"].startswith("application/json")
    data = json.loads(answer.body)
    assert data["story"]["id"] == site.ids["fire"]
    assert sorted(d["topic"] for d in data["discrepancies"]) == ["people injured",
                                                                   "people killed"]


def test_entity_page_aliases_merges_labels_quotes(site: Site) -> None:
    store = Store.existing(site.db)
    try:
        person = next(e for e, _, _ in store.entity_summaries("PERSON")
                      if "Soleimani" in e.aliases)
        merges = store.merges(person.id)
    finally:
        store.close()
    doc = ok(site, f"/entity/{person.id}").doc
    assert texts(doc, "//h1") == ["Qassem Soleimani"]
    assert set(texts(doc, f"//span[{cls('alias')}]")) == set(person.aliases)
    rows = [tuple(texts(r, "./td")) for r in doc.xpath("//section[@id='merges']//tbody/tr")]
    assert rows == [(m.alias, m.of, m.reason) for m in merges]
    assert any("spelling or transliteration variant" in r[2] for r in rows)
    assert doc.xpath("//svg[@id='graph']")[0].get("data-src") == f"/entity/{person.id}/graph.json"
    assert doc.xpath("//section[@id='events']//div[@class='event']")

    company = ok(site, f"/entity/{site.ids['company']}").doc
    groups = {texts(g, f"./span[{cls('chip')}]")[0]: texts(g, "./a")
              for g in company.xpath(f"//div[{cls('label-row')}]")}
    assert groups == {"Northern Courier": ["embattled firm"],
                      "The Harbour Ledger": ["reckless company"]}
    mayor = ok(site, f"/entity/{site.ids['mayor']}").doc
    quoted = texts(mayor, f"//section[@id='quotes']//a[{cls('sent')}]")
    assert len(quoted) == 3 and any("Our hearts go out" in q for q in quoted)


def test_entity_graph_json_is_a_bounded_neighbourhood(site: Site) -> None:
    data = json.loads(ok(site, f"/entity/{site.ids['mayor']}/graph.json").body)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["center"] == site.ids["mayor"] and nodes[site.ids["mayor"]]["center"]
    assert 2 <= len(nodes) <= 40
    names = {n["name"] for n in nodes.values()}
    assert {"Rotterdam", "Schiedam"} <= names
    assert all(n["href"] == f"/entity/{i}" for i, n in nodes.items())
    assert all(e["source"] in nodes and e["target"] in nodes for e in data["edges"])
    assert {e["target"] for e in data["edges"] if e["source"] == site.ids["mayor"]} == (
        set(nodes) - {site.ids["mayor"]})
    assert call(site.app, "/entity/e0000000000000000/graph.json").status == 404


def test_article_page_highlights_mentions_quotes_events(site: Site) -> None:
    ledger = site.articles["ledger"]
    doc = ok(site, f"/article/{ledger.id}").doc
    body = doc.xpath("//div[@id='body']")[0]
    assert " ".join(body.text_content().split()) == " ".join(ledger.text.split())
    mayor = body.xpath(f".//a[@href='/entity/{site.ids['mayor']}']")
    assert [a.text_content() for a in mayor] == ["Willem Bakker"]
    assert "t-PERSON" in mayor[0].get("class")
    quote = body.xpath(f".//span[{cls('quote')}]")
    assert [q.text_content() for q in quote] == ["This is a dark day for our port"]
    events = body.xpath(f".//span[{cls('ev')}]")
    assert events and all(e.get("id", "").startswith("s-") for e in events)
    start, end = map(int, events[0].get("id")[2:].split("-"))
    assert events[0].text_content() == ledger.text[start:end]
    assert not body.xpath(".//mark")


def test_article_hl_marks_the_exact_sentence(site: Site) -> None:
    courier = site.articles["courier"]
    want = sentence(courier, "at least 15 people had died")
    doc = ok(site, f"/article/{courier.id}?hl={want.start}-{want.end}").doc
    marks = doc.xpath("//div[@id='body']//mark")
    assert len(marks) == 1 and marks[0].get("id") == f"s-{want.start}-{want.end}"
    assert marks[0].text_content() == want.text == (
        "Emergency services said at least 15 people had died, while 27 others were treated "
        "in hospital.")
    for bad in ("5-2", "0-999999", "x-y", "1-2-3", ""):
        doc = ok(site, f"/article/{courier.id}?hl={bad}").doc
        assert not doc.xpath("//div[@id='body']//mark"), bad


def test_timeline_pages_and_json(site: Site) -> None:
    doc = ok(site, f"/timeline?story={site.ids['fire']}").doc
    svg = doc.xpath("//svg[@id='timeline']")[0]
    assert svg.get("data-src") == f"/timeline.json?story={site.ids['fire']}"
    data = json.loads(ok(site, svg.get("data-src")).body)
    assert data["subject"]["title"] == "Fire at Rotterdam warehouse kills 12, officials say"
    assert data["events"], "dated events"
    for event in data["events"]:
        assert event["precision"] in ("day", "month", "year")
        assert event["start"] < event["end"]
        assert all(s["href"].startswith("/article/a") for s in event["sentences"])
    listed = doc.xpath(f"//div[{cls('event')}]")
    assert len(listed) == len(data["events"]) + len(data["undated"])
    entity = ok(site, f"/timeline?entity={site.ids['mayor']}")
    assert "Willem Bakker" in texts(entity.doc, "//h1")[0]
    for bad in ("/timeline", "/timeline?story=../x", "/timeline?entity=e0000000000000000",
                f"/timeline?story={site.ids['fire']}&entity={site.ids['mayor']}"):
        assert call(site.app, bad).status == 404, bad


def test_search_finds_entities_and_articles(site: Site) -> None:
    doc = ok(site, "/search?q=bakker").doc
    found = doc.xpath("//section[@id='entity-results']//li/a")
    assert [(a.text, a.get("href")) for a in found] == [
        ("Willem Bakker", f"/entity/{site.ids['mayor']}")]
    titles = texts(doc, "//section[@id='article-results']//li/a")
    assert sorted(titles) == sorted(FIRE[k]["title"] for k in FIRE)
    assert texts(doc, "//p[@class='snippet']/mark")[0].lower() == "bakker"
    alias = ok(site, "/search?q=Solemani").doc             # an alias, not the name
    assert "Qassem Soleimani" in texts(alias, "//section[@id='entity-results']//li/a")
    # wildcards are literal: no article holds "z%z" or "q_q"
    for q in ("z%25z", "q_q"):
        empty = ok(site, f"/search?q={q}").doc
        assert not empty.xpath("//section[@id='article-results']//li/a"), q
    assert "at least two characters" in ok(site, "/search?q=a").text


# --- HTTP behaviour --------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "/story/s0000000000000000", "/article/a0000000000000000", "/entity/e0000000000000000",
    "/entity/E-1", "/article/../../etc/passwd", "/story/%3Cscript%3E", "/nowhere",
    "/entity/e0000000000000000/graph.json", "/story/s0000000000000000.json",
    "/article/" + "a" * 100,
])
def test_unknown_or_bad_ids_are_404_pages(site: Site, url: str) -> None:
    answer = call(site.app, url)
    assert answer.status == 404
    assert "Traceback" not in answer.text and "404" in texts(answer.doc, "//h1")[0]
    assert answer.headers["Content-Security-Policy"] == CSP


def test_oversized_queries_are_400(site: Site) -> None:
    assert call(site.app, "/search?" + "&".join(f"f{k}=1" for k in range(30))).status == 400
    answer = call(site.app, "/search?q=" + "x" * 5000)
    assert answer.status == 400 and "Traceback" not in answer.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_get_and_head(site: Site, method: str) -> None:
    answer = call(site.app, "/", method)
    assert answer.status == 405 and answer.headers["Allow"] == "GET, HEAD"
    head = call(site.app, f"/story/{site.ids['fire']}", "HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["Content-Length"]) == len(ok(site, f"/story/{site.ids['fire']}").body)


def test_security_headers_on_every_answer(site: Site) -> None:
    for url in ("/", f"/article/{site.articles['ledger'].id}", "/static/style.css",
                f"/entity/{site.ids['mayor']}/graph.json", "/nowhere"):
        headers = call(site.app, url).headers
        assert headers["Content-Security-Policy"] == CSP, url
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_static_files_and_traversal(site: Site) -> None:
    css = ok(site, "/static/style.css")
    assert css.headers["Content-Type"] == "text/css; charset=utf-8" and b".chip" in css.body
    assert ok(site, "/static/graph.js").headers["Content-Type"].startswith("text/javascript")
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                "/static/../templates/base.html", "/static/app.py", "/static/",
                "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/.style.css"):
        answer = call(site.app, url)
        assert answer.status == 404, url
        assert b"import" not in answer.body and b"root:" not in answer.body


def test_pages_are_cached_until_the_database_changes(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    src = sqlite3.connect(site.db)
    src.backup(dst := sqlite3.connect(db))
    src.close(), dst.close()
    app = make_app(str(db))
    before = call(app, "/")
    assert call(app, "/").body == before.body and "Rotterdam warehouse" in before.text
    store = Store.existing(str(db))
    store.replace_comparison([], [], [], [], [], [])
    store.close()
    after = call(app, "/")
    assert "No stories yet" in after.text and after.body != before.body
    assert call(app, f"/story/{site.ids['fire']}").status == 404


def test_gzip_and_etag(site: Site) -> None:
    url = f"/story/{site.ids['fire']}"
    plain = ok(site, url)
    zipped = call(site.app, url, accept_encoding="gzip, deflate")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    again = call(site.app, url, if_none_match=plain.headers["ETag"])
    assert again.status == 304 and again.body == b""


def test_make_app_needs_an_existing_workspace(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        make_app(str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


def test_overlapping_spans_nest_and_split() -> None:
    """A quote running across a sentence end is split, each piece inside its sentence."""
    text = ("The minister said “the talks failed. We walk away” on Friday.\n\n"
            "Talks resume in <b>May</b>.")
    q0 = text.index("the talks")
    s1 = text.index("We walk")
    marks = [Mark(0, s1 - 1, "sentence", (("class", "ev"),), anchor="s-a"),
             Mark(q0, text.index("”"), "quote", (("class", "quote"),)),
             Mark(text.index("Friday"), text.index("Friday") + 6, "mention",
                  (("href", "/entity/e1"),))]
    html = str(render(text, paragraphs(text) + marks))
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert doc.text_content() == text          # every character, once, in order
    assert [p.text_content() for p in doc.xpath("./p")] == text.split("\n\n")
    pieces = doc.xpath("//span[@class='quote']")
    assert [q.text_content() for q in pieces] == ["the talks failed.", " We walk away"]
    assert pieces[0].getparent().get("id") == "s-a" and pieces[1].getparent().tag == "p"
    assert len(doc.xpath("//*[@id='s-a']")) == 1
    assert doc.xpath("//a")[0].text == "Friday" and "&lt;b&gt;May&lt;/b&gt;" in html


@pytest.mark.parametrize("url,shown", [
    ("https://news.example/a?b=1", "https://news.example/a?b=1"),
    ("http://news.example/", "http://news.example/"),
    ("javascript:window.__pwned=1", None), ("JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None), ("//news.example/a", None),
    ("demo/corpus/000.txt", None), (None, None),
])
def test_article_source_links_only_web_addresses(url: str | None, shown: str | None) -> None:
    assert safe_url(url) == shown


# --- hostile text ------------------------------------------------------------------------------
def _assert_inert(answer: Answer) -> None:
    """Only the app's own scripts, no element or attribute from the article's text."""
    doc = answer.doc
    assert [s.get("src").split("?")[0] for s in doc.xpath("//script")] == [
        s for s in ("/static/app.js", "/static/graph.js", "/static/timeline.js")
        if f'src="{s}' in answer.text]
    assert all(not (s.text or "").strip() for s in doc.xpath("//script"))
    assert not doc.xpath("//img") and not doc.xpath("//*[@onerror]")
    assert not [a for a in doc.xpath("//a[@href]") if a.get("href").startswith("javascript")]
    assert "window.__pwned" not in "".join(doc.xpath("//@*"))


def test_hostile_text_is_escaped_everywhere(site: Site) -> None:
    hostile = site.articles["hostile"]
    page = ok(site, f"/article/{hostile.id}")
    _assert_inert(page)
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in page.text
    assert "&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;" in page.text      # entities stay text
    assert texts(page.doc, "//h1") == [HOSTILE_TITLE]
    body = page.doc.xpath("//div[@id='body']")[0]
    assert HOSTILE_IMG in body.text_content() and "&lt;b&gt;bold" in body.text_content()
    sent = sentence(hostile, "Protesters held signs")
    marked = ok(site, f"/article/{hostile.id}?hl={sent.start}-{sent.end}")
    _assert_inert(marked)
    assert marked.doc.xpath("//div[@id='body']//mark[@class='hl']")[0].text_content() == sent.text
    for url in ("/", f"/story/{site.ids['hostile']}", f"/entity/{site.ids['brooks']}",
                "/search?q=script", "/search?q=%3Cimg", f"/timeline?story={site.ids['hostile']}"):
        answer = ok(site, url)
        _assert_inert(answer)
        assert "<script>window" not in answer.text and "<img src=x" not in answer.text, url
    story = ok(site, f"/story/{site.ids['hostile']}")
    assert HOSTILE_TITLE in texts(story.doc, "//h1")
    assert "&lt;img src=x onerror=&#34;window.__pwned=1;alert(1)&#34;&gt;" in story.text
    assert "&lt;a href=&#34;javascript:window.__pwned=1&#34;&gt;this link&lt;/a&gt;" in story.text
    assert "<b>a flyer</b>" in texts(story.doc, "//section[@id='quotes']//tbody/tr/th")
    assert "&lt;b&gt;a flyer&lt;/b&gt;" in story.text
    search = ok(site, "/search?q=%3Cscript%3E")
    assert texts(search.doc, "//h1") == ['Search “<script>”']
    data = json.loads(ok(site, f"/story/{site.ids['hostile']}.json").body)
    assert data["story"]["title"] == HOSTILE_TITLE            # JSON keeps the text as it is
