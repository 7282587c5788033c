"""The Clean stage on real pages: the bundled sample corpus and pages of other shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.clean import clean_page
from rashomon.clean.dates import parse_date, resolve_relative
from rashomon.ingest import make_page

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def clean(name: str, data: bytes | str, **kw):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return clean_page(make_page(name, name, raw, **kw))


def seed(prefix: str):
    path = next(DEMO.glob(f"{prefix}_*.txt"))
    return clean(str(path), path.read_bytes())


# --- the sample corpus ----------------------------------------------------------------------

def test_multi_article_page_is_split_into_its_six_articles():
    arts = seed("004")
    assert [a.title for a in arts] == [
        "Iranian-backed Hezbollah stepping in to guide Iraqi militias after death of Qassem "
        "Soleimani",
        "Families urge Tunisia to release detained pro-migrant activists",
        "Netanyahu says Israeli strikes across Gaza that killed hundreds are ‘only the beginning’",
        "China, Kuwait sign agreement to expand solar power projects",
        "In Lebanon, Israeli strikes point to a precarious ceasefire",
        "Syria says Israeli strikes aiming to undermine ‘stability’",
    ]
    assert [a.dateline for a in arts] == ["BAGHDAD", "TUNIS", "GAZA", "LONDON", "BEIRUT",
                                          "DAMASCUS"]
    # "Updated 14 sec ago" is relative to an unknown time: no date rather than a guess
    assert [a.published for a in arts] == ["2020-02-11", None, None, "2025-03-18",
                                           "2025-03-18", "2025-03-18"]
    assert {a.outlet for a in arts} == {"Arab News"}


def test_sub_heading_and_fact_box_do_not_split_an_article():
    arts = seed("004")
    lebanon = arts[4]
    assert "\n\nSTRIKES DESTROY PREFAB HOUSES\n\n" in lebanon.text
    assert lebanon.text.rstrip().endswith("a Lebanese analyst close to Hezbollah.")
    lead = arts[0]
    assert "Death of Qassem Soleimani\n\nA US air strike killed" in lead.text
    assert "FASTFACT" not in lead.text


def test_chrome_is_removed_and_body_kept_in_order():
    lead = seed("004")[0]
    for chrome in ("Short Url", "Updated 11 February", "\nFollow\n", "READ MORE", "--------"):
        assert chrome not in lead.text
    paragraphs = lead.text.split("\n\n")
    assert paragraphs[0].startswith("• Lebanese group sought to unite")
    assert paragraphs[2].startswith("BAGHDAD: Shortly after Iranian Major General")
    assert paragraphs[-1].startswith("If the Iraqi militias have their way")
    # photo captions are kept apart from the body, with their credit
    assert len(lead.captions) == 3
    assert all(c.credit == "(Reuters)" for c in lead.captions)
    assert not any(c.text in lead.text for c in lead.captions)


def test_outlet_from_the_pages_own_words_and_never_from_a_credited_agency():
    press = seed("000")[0]
    assert press.outlet == "Press TV"  # "Press TV's website can also be accessed at..."
    assert press.title == "US offers massive reward for info on Hezbollah cmdr."
    assert "alternate addresses" not in press.text and "SHARE THIS" not in press.text
    agency_credited = seed("001")[0]  # credits Reuters and AP, never names its publisher
    assert agency_credited.outlet is None
    assert agency_credited.published is None
    newsweek = seed("003")[0]
    assert newsweek.outlet == "Newsweek"  # "Newsweek has reached out to ... for comment"
    assert newsweek.published == "2024-02-29"  # the date line above the headline
    assert newsweek.title == "Iraq’s Hezbollah Issues New Threat to US and Israel After Officials Killed"
    for tail in ("This is a developing story", "Please enter your comment", "Most Popular"):
        assert tail not in newsweek.text


def test_headline_repeated_by_the_scraper_is_the_title_not_body():
    art = seed("001")[0]
    assert art.title == "Hezbollah coordinating Iraqi Shiite militias post-Soleimani killing — report"
    assert art.title not in art.text
    assert art.text.startswith("Reuters says Lebanon-based Iranian proxy")  # the standfirst
    assert len(art.captions) == 2  # the caption scraped twice is stored once


# --- other shapes of page -------------------------------------------------------------------

SPORTS = """Skip to content
The Coastal Ledger
Home > Sport > Cricket

Openers steer Lions to eight-wicket win in rain-hit final

By Nomvula Dlamini and Arjun Mehta, Staff Writers
Published 14 April 2024

Lions captain Sipho Ndlovu lifts the trophy at Kingsmead on Sunday. (Photo: Themba Hadebe/Getty Images)

DURBAN: The Lions chased down 161 with eight wickets and 11 balls to spare on Sunday, their openers sharing a stand of 118 after rain had cut the final to 18 overs a side.
Reeza Moodley made 71 from 44 balls and Kyle Petersen an unbeaten 52 as the Dolphins' bowlers struggled to grip a wet ball on a ground that had been under covers until mid-afternoon.
The Turning Point
The Dolphins had looked on course for a bigger total at 98 for one in the 11th over, but the leg-spinner Imran Tahiri took three wickets in nine balls to change the innings.
"We knew the ball would skid on once the rain stopped, so the plan was simple: keep taking the singles and wait for the bad ball," Moodley said.
Share this article
Related:
Dolphins name uncapped seamer for tour
Women's league to expand to eight teams
© 2024 The Coastal Ledger. All rights reserved.
"""


def test_plain_text_scrape_of_another_site():
    [art] = clean("sports.txt", SPORTS)
    assert art.title == "Openers steer Lions to eight-wicket win in rain-hit final"
    assert art.byline == "Nomvula Dlamini and Arjun Mehta"
    assert art.published == "2024-04-14"
    assert art.dateline == "DURBAN"
    assert art.outlet == "The Coastal Ledger"  # from the copyright line, not the logo line
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0].startswith("DURBAN: The Lions chased down 161")
    assert paragraphs[2] == "The Turning Point"  # a sub-heading stays, in place
    assert paragraphs[-1].endswith("wait for the bad ball,\" Moodley said.")
    assert len(paragraphs) == 5
    assert [c.credit for c in art.captions] == ["(Photo: Themba Hadebe/Getty Images)"]


def test_wire_copy_with_agency_dateline_has_no_outlet_and_a_dateline():
    text = ("Chilean lawmakers approve pension overhaul after two-year fight\n\n"
            "SANTIAGO (Reuters) - Chile's Congress approved on Wednesday an overhaul of the "
            "country's private pension system, raising employer contributions by six "
            "percentage points over nine years, after more than two years of negotiations.\n"
            "The reform passed the lower house by 84 votes to 64, a labour ministry official "
            "told AFP, and now goes to President Gabriel Boric to be signed into law.\n"
            "Employers' groups warned the higher contributions could slow hiring.\n")
    [art] = clean("wire.txt", text)
    assert art.dateline == "SANTIAGO"
    assert art.outlet is None
    assert art.published is None


def test_relative_stamp_is_resolved_only_against_a_known_fetch_time():
    text = ("Storm closes ports along the northern coast\n\nUpdated 3 hours ago\n\n"
            "HAIPHONG: Authorities closed five ports and ordered fishing boats back to shore on "
            "Monday as a tropical storm approached the northern coast with winds of up to 90 "
            "kilometres an hour, the disaster agency said. More than 2,000 people were moved to "
            "shelters in low-lying districts overnight.\n")
    [unknown] = clean("storm.txt", text)
    assert unknown.published is None
    [known] = clean("storm.txt", text, fetched_at="2024-09-02T02:00:00Z")
    assert known.published == "2024-09-01"
    assert resolve_relative("35 min 27 sec ago", "2025-03-18T10:00:00Z") == "2025-03-18"


@pytest.mark.parametrize("text,iso", [
    ("Updated 18 March 2025", "2025-03-18"),
    ("Thursday, February 29, 2024", "2024-02-29"),
    ("2024-02-29T10:00:00+03:00", "2024-02-29"),
    ("Feb. 3, 2023 at 10:31 a.m. EST", "2023-02-03"),
    ("29/02/2024", "2024-02-29"),
    ("5/6/2024", None),          # day-month or month-day: abstain
    ("February 30, 2024", None),  # no such day
    ("March 2024", "2024-03"),
])
def test_dates_as_precise_as_known(text, iso):
    assert parse_date(text) == iso


HTML_FRONT = """<!doctype html><html lang="en"><head><title>World | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<h1>World</h1>
<article><h2>Floods cut off villages in the north-east</h2>
<p class="byline">By Farhana Rahman</p><time datetime="2024-07-04T08:00:00Z">4 July</time>
<p>DHAKA – More than half a million people have been cut off by floodwater in north-eastern
Bangladesh after days of heavy rain swelled rivers above danger levels, officials said.</p>
<p>About 1,200 shelters have been opened in schools and government buildings, and the army has
been deployed with boats to reach families stranded on rooftops, the disaster ministry said.</p>
</article>
<article><h2>Care homes test robot helpers as staff shortage deepens</h2>
<p class="byline">By Kenji Watanabe</p><time datetime="2024-07-03T09:00:00Z">3 July</time>
<p>TOKYO – Japan's health ministry will test robots that help lift and move elderly residents
in 40 care homes from October, as the country struggles to recruit enough care workers.</p>
<p>Care workers' unions welcomed the trial but warned that machines could not replace people,
and said wages in the sector remained far below the national average for full-time work.</p>
</article>
<footer>© 2024 The Harbour Gazette</footer></body></html>"""


def test_html_page_with_several_articles_is_split_by_its_containers():
    arts = clean("front.html", HTML_FRONT)
    assert [a.title for a in arts] == ["Floods cut off villages in the north-east",
                                       "Care homes test robot helpers as staff shortage deepens"]
    assert [a.published for a in arts] == ["2024-07-04", "2024-07-03"]
    assert [a.byline for a in arts] == ["Farhana Rahman", "Kenji Watanabe"]
    assert [a.dateline for a in arts] == ["DHAKA", "TOKYO"]
    assert all(a.outlet == "The Harbour Gazette" for a in arts)
    assert "Home" not in arts[0].text and "Sport" not in arts[1].text


def test_html_article_with_sections_is_one_article_and_markup_in_title_is_text():
    html = """<html><head><title><script>alert(1)</script>Court rules on land consent | The
    Highveld Herald</title></head><body><div class="cookie-banner">We use cookies. Accept all</div>
    <article><h1>Court rules mining communities must consent before land is stripped</h1>
    <section class="part"><h2>The ruling</h2><p>JOHANNESBURG – The Constitutional Court ruled on
    Tuesday that communities living on land covered by a mining right must give their consent
    before mining can begin, in a unanimous judgment that overturns a 2021 decision.</p></section>
    <section class="part"><h2>What happens next</h2><p>The mining company said it would study the
    judgment. Lawyers for the community said about 1,900 people would now be able to stay on the
    land where their families have farmed for generations.</p>
    <figure><img src="a.jpg"><figcaption>Residents outside the court. (Photo: Sipho Maseko)</figcaption></figure>
    </section></article><div class="related"><h3>Related</h3><a href="/x">Another story</a></div>
    </body></html>"""
    [art] = clean("court.html", html)
    assert art.title == "Court rules mining communities must consent before land is stripped"
    assert art.outlet == "The Highveld Herald"  # the <title> suffix
    assert "The ruling" in art.text and "What happens next" in art.text
    assert "cookies" not in art.text and "Another story" not in art.text
    assert [c.text for c in art.captions] == ["Residents outside the court. (Photo: Sipho Maseko)"]
    assert "<script" not in (art.title or "")


def test_live_blog_is_one_article():
    html = """<html><head><script type="application/ld+json">{"@type": "LiveBlogPosting",
    "headline": "Election live", "datePublished": "2025-09-17T06:00:00Z",
    "publisher": {"name": "Lakeshore Times"}}</script></head><body>
    <h1>Election live: counting continues as early results show a tight race</h1>
    <article class="entry"><h3>Turnout passes 60%</h3><p>The electoral commission said turnout had
    passed 60% in 19 of 28 districts by mid-morning, higher than at the same point in the last
    election, with long queues reported in the capital and the northern region.</p></article>
    <article class="entry"><h3>Opposition alleges delays</h3><p>The main opposition party said
    results sheets from several constituencies in the south had not been posted at tally centres,
    and called on the commission to publish every sheet online as soon as it is signed.</p></article>
    </body></html>"""
    [art] = clean("live.html", html)
    assert art.title == "Election live: counting continues as early results show a tight race"
    assert art.outlet == "Lakeshore Times" and art.published == "2025-09-17"
    assert "Turnout passes 60%" in art.text and "Opposition alleges delays" in art.text
