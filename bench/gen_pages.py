"""Generate N varied, synthetic news pages for the Clean benchmark (deterministic).

About half are HTML pages with realistic site markup (head metadata, JSON-LD, navigation,
cookie banners, share buttons, ads, related lists, comments, footers, scripts and styles,
figures, sub-headings, bylines, ``<time>``, some with several ``<article>`` elements); the
other half are plain-text scrapes (one paragraph per line with the chrome lines scrapers
keep: breadcrumbs, "Share this article", "Advertisement", stamps, captions, datelines,
and multi-article pages where each headline is caught twice).

Page ``i`` depends only on ``(seed, i)``: the first 500 pages of a 2,000-page run are the
500 pages of a 500-page run.

    python bench/gen_pages.py OUT_DIR --pages 2000 --seed 7           # one file per page
    python bench/gen_pages.py OUT_DIR --pages 2000 --seed 7 --jsonl   # OUT_DIR/pages.jsonl
    python bench/gen_pages.py OUT_DIR --seed 7 --index 42 1337        # just pages 42 and 1337
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

# --- word lists ----------------------------------------------------------------------------

FIRST = ["Amina", "John", "Wanjiru", "Carlos", "Mei", "Olusegun", "Priya", "Tomasz", "Fatima",
         "David", "Grace", "Ahmed", "Sofia", "Kwame", "Elena", "Ravi", "Nadia", "Peter", "Lucia",
         "Hiroshi", "Chloé", "Mohammed", "Ana", "Samuel", "Ingrid", "Tariq", "Marta", "Joseph",
         "Leila", "Kenji", "Beatriz", "Daniel", "Zainab", "Oleksandr", "Rosa", "Emeka", "Sarah",
         "Nguyen", "José", "Aisha"]
LAST = ["Odhiambo", "Smith", "Mwangi", "Mendoza", "Chen", "Adeyemi", "Sharma", "Kowalski",
        "Haddad", "Miller", "Njoroge", "Rahman", "Rossi", "Mensah", "Petrova", "Iyer", "Karimi",
        "O'Brien", "Fernández", "Tanaka", "Dubois", "Al-Sayed", "Silva", "Okafor", "Larsen",
        "Qureshi", "Nowak", "Kamau", "Hosseini", "Sato", "Costa", "Brown", "Bello", "Shevchenko",
        "García", "Eze", "Cohen", "Tran", "Ramírez", "Abdullahi"]
ROLES = ["finance minister", "spokesperson", "chief executive", "mayor", "professor of economics",
         "union leader", "opposition leader", "police commander", "health official",
         "senior analyst", "director", "government spokesman", "regional governor",
         "deputy minister", "head of operations", "country representative", "chief economist",
         "campaign manager", "lawyer", "resident"]
ORGS = ["the World Bank", "the Ministry of Health", "the central bank", "the electoral commission",
        "Amnesty International", "the United Nations", "the Red Cross", "the transport authority",
        "the national statistics office", "the chamber of commerce", "the teachers' union",
        "the interior ministry", "the supreme court", "the African Union",
        "the International Monetary Fund", "the meteorological department", "Human Rights Watch",
        "the energy regulator", "the football federation", "the port authority"]
PLACES = [("Nairobi", "Kenya"), ("Lagos", "Nigeria"), ("Jakarta", "Indonesia"), ("Lima", "Peru"),
          ("Manila", "Philippines"), ("Warsaw", "Poland"), ("Dhaka", "Bangladesh"),
          ("Quito", "Ecuador"), ("Accra", "Ghana"), ("Hanoi", "Vietnam"), ("Beirut", "Lebanon"),
          ("Karachi", "Pakistan"), ("Bogota", "Colombia"), ("Kampala", "Uganda"),
          ("Istanbul", "Turkey"), ("Sao Paulo", "Brazil"), ("Mumbai", "India"),
          ("Johannesburg", "South Africa"), ("Kyiv", "Ukraine"), ("Addis Ababa", "Ethiopia"),
          ("Santiago", "Chile"), ("Colombo", "Sri Lanka"), ("Tunis", "Tunisia"), ("Lusaka", "Zambia")]
OUTLETS = [("The Daily Ledger", "dailyledger.com"), ("Coastal Herald", "coastalherald.co"),
           ("Nation Wire", "nationwire.net"), ("The Morning Post", "morningpost.news"),
           ("Metro Tribune", "metrotribune.com"), ("Global Dispatch", "globaldispatch.org"),
           ("The Standard Times", "standardtimes.co"), ("Capital FM News", "capitalfmnews.com"),
           ("The Observer Review", "observerreview.com"), ("Pan-Continental Press", "pcpress.info"),
           ("Frontline Daily", "frontlinedaily.com"), ("The Citizen Journal", "citizenjournal.net")]
AGENCIES = ["Reuters", "AFP", "AP", "Xinhua", "Anadolu", "EPA"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ADJ = ["reckless", "long overdue", "deeply worrying", "unacceptable", "historic", "premature",
       "unworkable", "a step in the right direction", "misguided", "courageous"]
SECTIONS = ["World", "Politics", "Business", "Africa", "Asia", "Americas", "Europe", "Sport",
            "Health", "Technology", "Climate", "Opinion", "Culture", "Science"]

TOPICS = {
    "elections": dict(
        section="Politics",
        noun=["electoral reform bill", "vote count", "presidential run-off", "voter register",
              "campaign finance law", "ballot recount", "coalition deal"],
        event=["polling stations opened hours late", "the opposition rejected the provisional results",
               "turnout fell to a record low", "clashes broke out near a tallying centre",
               "the ruling party lost its majority"],
        affected=["arrested", "detained", "injured", "questioned"],
        action=["announce the final results", "certify the vote", "meet opposition leaders",
                "address parliament", "name a new cabinet"],
        quote=["Every vote must be counted, and every vote will be counted",
               "We will not accept results that were decided before the polls opened",
               "The people have spoken clearly and we respect their choice",
               "This election was neither free nor fair"],
        hverb=["disputes", "challenges", "defends", "delays"]),
    "floods": dict(
        section="Climate",
        noun=["flood barrier", "evacuation plan", "relief fund", "river embankment",
              "drainage project", "early warning system"],
        event=["the river burst its banks", "torrential rain swept through low-lying districts",
               "a dam spillway failed overnight", "landslides blocked the main highway",
               "a cyclone made landfall near the coast"],
        affected=["displaced", "stranded", "killed", "evacuated", "left homeless"],
        action=["release emergency funds", "visit the worst-hit areas", "declare a state of disaster",
                "reopen the main highway"],
        quote=["We lost everything in one night", "The water came faster than anyone expected",
               "We warned about this embankment for years",
               "Our teams are working around the clock to reach those cut off"],
        hverb=["battles", "braces for", "counts cost of", "struggles with"]),
    "economy": dict(
        section="Business",
        noun=["inflation rate", "fuel subsidy", "interest rate", "currency", "budget deficit",
              "minimum wage", "bond sale", "tax package"],
        event=["the central bank raised its benchmark rate", "the currency slid against the dollar",
               "bread prices doubled in a month", "the government cut fuel subsidies",
               "ratings agencies downgraded the country's debt"],
        affected=["laid off", "priced out", "left without pay", "hit hardest"],
        action=["present a revised budget", "meet IMF negotiators", "cut interest rates",
                "publish new inflation figures"],
        quote=["Prices are rising faster than wages and families are paying the price",
               "The worst of the inflation is behind us",
               "We cannot keep borrowing to pay for yesterday's debts",
               "Small businesses are closing every week"],
        hverb=["raises", "cuts", "freezes", "reviews"]),
    "health": dict(
        section="Health",
        noun=["vaccination campaign", "cholera outbreak", "hospital strike", "health budget",
              "drug shortage", "measles outbreak"],
        event=["cases doubled in a fortnight", "nurses walked out over unpaid wages",
               "clinics ran out of basic medicines", "a new strain was detected in the north"],
        affected=["infected", "hospitalised", "treated", "vaccinated"],
        action=["roll out a second vaccine dose", "end the strike", "open isolation centres",
                "publish an emergency plan"],
        quote=["We are seeing children arrive too late to be saved",
               "The outbreak is under control but we cannot relax",
               "Our members have not been paid for four months",
               "Vaccines are safe and they save lives"],
        hverb=["expands", "struggles with", "warns over", "launches"]),
    "sport": dict(
        section="Sport",
        noun=["league title", "cup final", "stadium project", "transfer window",
              "national team", "coaching contract"],
        event=["the home side scored twice in stoppage time", "the match was halted by crowd trouble",
               "the coach was sacked after a run of defeats", "the star striker signed a new deal"],
        affected=["suspended", "fined", "injured", "dropped"],
        action=["name a new coach", "appeal the ruling", "reopen the stadium", "announce the squad"],
        quote=["We gave everything on the pitch tonight", "Nobody believed in us except ourselves",
               "This club deserves better than what we showed today",
               "The referee's decision cost us the match"],
        hverb=["wins", "loses", "clinches", "sacks"]),
    "tech": dict(
        section="Technology",
        noun=["AI regulation", "data protection law", "mobile money platform", "data breach",
              "broadband rollout", "satellite internet licence"],
        event=["hackers leaked millions of customer records", "regulators fined the operator",
               "the network went down for eleven hours", "parliament passed the new digital tax"],
        affected=["affected", "exposed", "cut off", "notified"],
        action=["publish the final rules", "compensate customers", "restore the service",
                "appeal the fine"],
        quote=["Innovation cannot come at the expense of people's privacy",
               "We take the security of our customers extremely seriously",
               "These rules will drive investment out of the country",
               "The outage showed how fragile our networks are"],
        hverb=["fines", "bans", "approves", "probes"]),
    "energy": dict(
        section="Business",
        noun=["power rationing plan", "electricity tariff", "solar project", "fuel import deal",
              "grid upgrade", "gas pipeline"],
        event=["the national grid collapsed for the third time this year",
               "fuel queues stretched for kilometres", "the utility announced twelve-hour blackouts",
               "a pipeline explosion halted supplies"],
        affected=["left without power", "stuck in queues", "forced to close", "cut off"],
        action=["restore full supply", "sign the import deal", "lift the rationing",
                "review the tariff"],
        quote=["We cannot run a factory on four hours of power a day",
               "The grid is being repaired as fast as possible",
               "Consumers are paying for decades of neglect",
               "Solar will end these blackouts within five years"],
        hverb=["extends", "ends", "approves", "postpones"]),
    "courts": dict(
        section="World",
        noun=["corruption trial", "appeal ruling", "extradition request", "land dispute",
              "constitutional challenge", "bail hearing"],
        event=["the judge adjourned the case for a third time", "the court overturned the conviction",
               "prosecutors added fresh charges", "the defence walked out in protest"],
        affected=["charged", "acquitted", "convicted", "released on bail"],
        action=["deliver a verdict", "hear the appeal", "rule on bail", "resume the hearing"],
        quote=["Justice delayed is justice denied", "My client is innocent and we will prove it",
               "No one is above the law", "The evidence against the accused is overwhelming"],
        hverb=["adjourns", "upholds", "rejects", "orders"]),
}

# Sentence templates. Slots are filled per occurrence: {person} is a new random person each
# time, {P}/{Plast} the article's main person, {city}/{country} the article's place.
SENTENCES = [
    "{Person}, the {role} of {org}, said on {weekday} that the {noun} would be reviewed within {n} weeks.",
    "“{quote},” {P} told reporters in {city}.",
    "“{quote},” said {person}, a {role} who has followed the {noun} closely.",
    "At least {n} people were {affected} after {event} in {city} on {weekday}, officials said.",
    "The {noun} has been criticised by {org}, which called it “{adj}”.",
    "Figures released by {org} showed the {noun} reached {money} in {month}, up from {money2} a year earlier.",
    "{Plast} is expected to {action} before the end of {month}.",
    "Critics argue that the {noun} will hurt the poorest households, while supporters say it is {adj}.",
    "In {year}, a similar {noun} in {ocountry} ended in weeks of protests.",
    "Residents of {ocity} said they had not been consulted about the {noun}.",
    "{P} did not respond to a request for comment on {weekday}.",
    "The announcement came hours after {event}.",
    "According to {org}, more than {big} people have been {affected} since {month}.",
    "Officials in {city} said {pct} percent of the {noun} had already been paid for.",
    "The {noun} is the biggest test for the government since it took office in {year}.",
    "Speaking on local radio, {person} said the {noun} had been {adj}.",
    "{Country}'s parliament is due to debate the {noun} on {weekday}.",
    "Analysts at {org} estimate the cost at {money}, roughly {pct} percent of annual spending.",
    "Neighbouring {ocountry} has faced similar pressure, with {big} people {affected} last year.",
    "The government has promised to {action}, but gave no timetable.",
    "Opposition leaders called the handling of the {noun} {adj} and demanded an inquiry.",
    "{n} people were still {affected} late on {weekday}, according to {org}.",
    "Witnesses said {event} shortly before dawn.",
    "“We need answers, not promises,” said {person}, {age}, who lives near the centre of {city}.",
]
HEADLINES = [
    "{Country} {hverb} {noun} as {event}",
    "{n} {affected} as {event} in {city}",
    "{Plast} vows to {action} amid row over {noun}",
    "{City} residents fear the worst as {event}",
    "What the {noun} means for {country}",
    "{Org} warns over {noun} in {country}",
    "{Country}: {big} {affected} after {event}",
    "Why the {noun} has divided {country}",
    "{Plast} under pressure over {noun}",
    "Pressure mounts on {country} to {action}",
]
SUBHEADS = ["What happens next", "A long history", "Reaction", "The numbers", "Why it matters",
            "Mounting pressure", "Background", "On the ground", "What they said", "Costs rising"]
CAPTIONS = ["Residents wade through water in {city} on {weekday}", "{P} speaks to reporters in {city}",
            "Protesters gather outside the parliament building in {city}",
            "A view of the {noun} site near {city}", "Supporters cheer outside the venue in {city}",
            "Workers inspect damage in {ocity} on {weekday}"]
NAV = ["Home", "World", "Politics", "Business", "Sport", "Tech", "Health", "Climate", "Opinion",
       "Culture", "Video", "Podcasts", "Newsletters", "Live", "Markets", "Science", "Travel"]
FOOTER_LINKS = ["About us", "Contact us", "Careers", "Advertise with us", "Privacy policy",
                "Terms of use", "Cookie policy", "Accessibility", "Site map", "RSS", "Help"]
COMMENTS = ["This is exactly what everyone predicted months ago.",
            "Who is going to pay for all of this? Us, as always.",
            "Great reporting, thank you for covering this.",
            "I live in {city} and the situation is much worse than described.",
            "Same story every year and nothing changes.", "Finally some good news!",
            "The government should resign.", "Does anyone have a link to the full report?"]
CSS_RULES = [".nav{display:flex;gap:12px}", ".ad-slot{min-height:250px;background:#f4f4f4}",
             "article p{line-height:1.6;margin:0 0 1em}", ".share a{padding:4px 8px}",
             "@media (max-width:600px){.sidebar{display:none}}", "h1{font-size:2.2rem}",
             ".cookie-banner{position:fixed;bottom:0;left:0;right:0}", "footer{color:#777}"]


_ICON = ('<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">'
         '<path d="M18 2h-3a5 5 0 0 0-5 5v3H7v4h3v8h4v-8h3l1-4h-4V7a1 1 0 0 1 1-1h3z" '
         'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
         'stroke-linejoin="round"/></svg>')


@dataclass
class GenPage:
    """One generated page: file name, URL, kind ("html" | "text") and content."""

    name: str
    url: str
    kind: str
    content: str
    articles: int       # how many articles the page holds (the truth for the benchmark)
    encoding: str = "utf-8"


class _Ctx:
    """The slot filler for one article: main person, place and topic are fixed."""

    def __init__(self, rng: random.Random, topic: str, when: datetime) -> None:
        self.rng = rng
        self.topic = TOPICS[topic]
        self.city, self.country = rng.choice(PLACES)
        self.first, self.last = rng.choice(FIRST), rng.choice(LAST)
        self.role = rng.choice(ROLES)
        self.when = when

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def slot(self, name: str) -> str:
        r, t = self.rng, self.topic
        key = name.lower()
        value = {
            "person": lambda: self.person(),
            "p": lambda: f"{self.first} {self.last}",
            "plast": lambda: self.last,
            "role": lambda: r.choice(ROLES),
            "org": lambda: r.choice(ORGS),
            "city": lambda: self.city,
            "country": lambda: self.country,
            "ocity": lambda: r.choice(PLACES)[0],
            "ocountry": lambda: r.choice(PLACES)[1],
            "weekday": lambda: r.choice(WEEKDAYS),
            "month": lambda: r.choice(MONTHS),
            "year": lambda: str(r.randint(1998, 2022)),
            "n": lambda: str(r.randint(2, 95)),
            "age": lambda: str(r.randint(19, 84)),
            "big": lambda: f"{r.randint(1, 480) * 100:,}",
            "pct": lambda: str(r.randint(3, 78)),
            "money": lambda: f"${r.randint(2, 900)} million",
            "money2": lambda: f"${r.randint(2, 900)} million",
            "adj": lambda: r.choice(ADJ),
            "noun": lambda: r.choice(t["noun"]),
            "event": lambda: r.choice(t["event"]),
            "affected": lambda: r.choice(t["affected"]),
            "action": lambda: r.choice(t["action"]),
            "quote": lambda: r.choice(t["quote"]),
            "hverb": lambda: r.choice(t["hverb"]),
        }[key]()
        return value[:1].upper() + value[1:] if name[:1].isupper() else value

    def fill(self, template: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.slot(m.group(1)), template)


@dataclass
class _Article:
    ctx: _Ctx
    title: str
    author: str
    agency: str | None
    when: datetime
    paragraphs: list[str]           # body paragraphs, first one may carry a dateline
    subheads: dict[int, str]        # index -> sub-heading before that paragraph
    caption: str | None
    section: str


def _article(rng: random.Random, when: datetime, min_par: int = 3, max_par: int = 40) -> _Article:
    topic = rng.choice(sorted(TOPICS))
    ctx = _Ctx(rng, topic, when)
    n_par = max(min_par, min(max_par, int(rng.triangular(min_par, max_par, 9))))
    paragraphs: list[str] = []
    seen: set[str] = set()
    while len(paragraphs) < n_par:   # no paragraph twice: a doubled line means a headline
        k = rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]
        para = " ".join(ctx.fill(t) for t in rng.sample(SENTENCES, k))
        if para not in seen:
            seen.add(para)
            paragraphs.append(para)
    agency = rng.choice(AGENCIES) if rng.random() < 0.3 else None
    if rng.random() < 0.5:
        place = ctx.city.upper()
        style = rng.randrange(3)
        if style == 0:
            lead = f"{place}: "
        elif style == 1:
            lead = f"{place}, {MONTHS[when.month - 1]} {when.day} ({agency or 'Reuters'}) - "
        else:
            lead = f"{place} — "
        paragraphs[0] = lead + paragraphs[0]
    subheads = {}
    if n_par >= 8:
        k = min(n_par // 6, 4)
        subheads = dict(zip(rng.sample(range(3, n_par), k=k), rng.sample(SUBHEADS, k), strict=True))
    caption = None
    if rng.random() < 0.6:
        credit = rng.choice([f" ({rng.choice(AGENCIES)})", f". Photo: {ctx.person()}/AFP",
                             " (File photo)", f" REUTERS/{ctx.person()}", ""])
        caption = ctx.fill(rng.choice(CAPTIONS)) + credit
    return _Article(ctx=ctx, title=ctx.fill(rng.choice(HEADLINES)), author=ctx.person(),
                    agency=agency, when=when, paragraphs=paragraphs, subheads=subheads,
                    caption=caption, section=TOPICS[topic]["section"])


def _when(rng: random.Random) -> datetime:
    base = datetime(2023, 1, 1, 6, 0)
    return base + timedelta(days=rng.randrange(0, 800), minutes=rng.randrange(0, 14 * 60))


def _fmt_date(rng: random.Random, when: datetime) -> str:
    return rng.choice([
        f"{when.day} {MONTHS[when.month - 1]} {when.year}",
        f"{MONTHS[when.month - 1]} {when.day}, {when.year}",
        f"{WEEKDAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day}, {when.year}",
        f"{when.day} {MONTHS[when.month - 1][:3]} {when.year}, {when:%H:%M} GMT",
        when.strftime("%Y-%m-%d %H:%M"),
    ])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


# --- plain-text scrapes --------------------------------------------------------------------

def _text_page(rng: random.Random, outlet: tuple[str, str]) -> tuple[str, int]:
    name, _domain = outlet
    when = _when(rng)
    lines: list[str] = []
    if rng.random() < 0.5:
        sep = rng.choice([" › ", " / ", " > ", "   /   "])
        lines.append(sep.join(["Home", rng.choice(SECTIONS), rng.choice(PLACES)[1]]))
    if rng.random() < 0.4:
        lines.append(rng.choice(["Skip to content", "Menu", "Search", "Sign in"]))
    if rng.random() < 0.3:
        lines.append(f"{WEEKDAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day}, {when.year}")
    multi = rng.random() < 0.15
    arts = [_article(rng, when - timedelta(hours=rng.randrange(0, 60)),
                     max_par=12 if multi else 40)
            for _ in range(rng.randint(2, 4) if multi else 1)]
    for a in arts:
        if multi:
            lines += [a.title, a.title, f"Updated {a.when.day} {MONTHS[a.when.month - 1]} {a.when.year}"]
        else:
            lines.append(a.title)
            if rng.random() < 0.3:
                lines.append(a.title)
            stamp = rng.choice([f"Updated {rng.randint(1, 11)} hours ago",
                                f"Published: {_fmt_date(rng, a.when)}",
                                f"Updated {a.when.day} {MONTHS[a.when.month - 1]} {a.when.year}",
                                _fmt_date(rng, a.when), None])
            if stamp:
                lines.append(stamp)
            by = rng.random()
            if by < 0.4:
                lines.append(f"By {a.author}")
            elif by < 0.55:
                lines.append(f"{a.author}, {a.agency or name}")
            if rng.random() < 0.5:
                lines.append(rng.choice(["Share this article", "Share", "Copy link", "Listen to this article"]))
            if a.caption:
                lines.append(a.caption if a.caption.endswith(")") else a.caption + " (Reuters)")
        for i, p in enumerate(a.paragraphs):
            if i in a.subheads:
                lines.append(a.subheads[i])
            lines.append(p)
            if i and i % rng.randint(4, 9) == 0 and not multi:
                lines.append(rng.choice(["Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
                                         f"Read more: {_article_title(rng)}"]))
        if not multi and rng.random() < 0.4:
            lines.append(rng.choice(["Share this article", "Tags: " + ", ".join(rng.sample(SECTIONS, 3)),
                                     f"Follow {name} on Twitter"]))
    if rng.random() < 0.5:
        lines.append(rng.choice(["Related stories", "Read more:", "More from " + name, "Most read"]))
        lines += [_article_title(rng) for _ in range(rng.randint(2, 6))]
    if rng.random() < 0.3:
        lines.append(f"Comments ({rng.randint(0, 40)})")
        ctx = arts[0].ctx
        lines += [ctx.fill(rng.choice(COMMENTS)) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.6:
        lines.append(f"© {when.year} {name}. All rights reserved.")
    if rng.random() < 0.1:  # hard-wrapped scrape
        lines = [w for line in lines for w in _wrap(line, 72)]
    sep = "\n\n" if rng.random() < 0.4 else "\n"
    text = sep.join(lines) + "\n"
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text, len(arts)


def _article_title(rng: random.Random) -> str:
    ctx = _Ctx(rng, rng.choice(sorted(TOPICS)), datetime(2024, 1, 1))
    return ctx.fill(rng.choice(HEADLINES))


def _wrap(line: str, width: int) -> list[str]:
    out, cur = [], ""
    for word in line.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return out + ([cur] if cur else [])


# --- HTML pages ----------------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(e: str) -> str:
    return html.escape(e, quote=True)


def _html_page(rng: random.Random, outlet: tuple[str, str], url: str) -> tuple[str, int, str]:
    name, domain = outlet
    when = _when(rng)
    multi = rng.random() < 0.12
    arts = [_article(rng, when - timedelta(hours=rng.randrange(0, 60)),
                     max_par=12 if multi else 40)
            for _ in range(rng.randint(2, 4) if multi else 1)]
    lead = arts[0]
    layout = rng.choice(["semantic", "divsoup", "wordpress"])
    encoding = "windows-1252" if rng.random() < 0.05 else "utf-8"
    lang = rng.choice(['lang="en"', 'lang="en-GB"', 'lang="en-US"', ""])
    o: list[str] = [rng.choice(["<!DOCTYPE html>", "<!doctype html>",
                                '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                                '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'])]
    o.append(f"<html {lang}>".replace(" >", ">"))
    o.append("<head>")
    o.append(f'<meta charset="{encoding}">' if rng.random() < 0.7 else
             f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">')
    o.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    title_sep = rng.choice([" | ", " - ", " – ", " :: "])
    page_title = lead.title
    if multi:
        page_title = rng.choice([f"{lead.section} news", "Latest news", f"{lead.ctx.country} live"])
    o.append(f"<title>{_e(page_title)}{title_sep}{_e(name)}</title>")
    iso = lead.when.strftime("%Y-%m-%dT%H:%M:%S") + rng.choice(["Z", "+00:00", "+03:00", ""])
    if not multi and rng.random() < 0.7:
        o.append(f'<meta property="og:title" content="{_a(lead.title)}">')
        o.append(f'<meta property="og:site_name" content="{_a(name)}">')
        o.append(f'<meta property="og:url" content="{_a(url)}">')
        o.append('<meta property="og:type" content="article">')
        o.append(f'<meta property="og:description" content="{_a(lead.paragraphs[0][:150])}">')
        if rng.random() < 0.6:
            o.append(f'<meta property="article:published_time" content="{iso}">')
        if rng.random() < 0.4:
            o.append(f'<meta name="author" content="{_a(lead.author)}">')
    o.append(f'<link rel="canonical" href="{_a(url)}">')
    o.append(f'<link rel="stylesheet" href="https://static.{domain}/css/main.{rng.randrange(16**8):08x}.css">')
    o.append("<style>" + "\n".join(rng.choice(CSS_RULES) for _ in range(int(rng.triangular(5, 500, 60))))
             + "</style>")
    if not multi and rng.random() < 0.5:
        ld = {"@context": "https://schema.org", "@type": rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
              "headline": lead.title, "datePublished": iso,
              "author": {"@type": "Person", "name": lead.author},
              "publisher": {"@type": "Organization", "name": name,
                            "logo": {"@type": "ImageObject", "url": f"https://{domain}/logo.png"}},
              "mainEntityOfPage": url}
        if rng.random() < 0.3:
            ld = {"@context": "https://schema.org", "@graph": [ld, {"@type": "WebSite", "name": name}]}
        o.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    o.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
             f"gtag('js',new Date());gtag('config','G-{rng.randrange(16**10):010X}');</script>")
    o.append('<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>')
    o.append("</head>")
    o.append(f'<body class="{rng.choice(["article-page", "single single-post", "story", "page"])}">')
    # cookie banner (top or bottom)
    cookie = ('<div class="cookie-banner" id="consent"><p>We use cookies to improve your experience '
              'on our site and to show you relevant advertising. By continuing you agree to our '
              '<a href="/cookies">cookie policy</a>.</p><button>Accept all cookies</button>'
              '<button>Manage preferences</button></div>')
    cookie_top = rng.random() < 0.5
    if cookie_top:
        o.append(cookie)
    o.append('<a class="skip" href="#main">Skip to content</a>')
    # header and nav
    o.append(f'<header class="site-header"><div class="logo"><a href="/">{_e(name)}</a></div>')
    nav_items = rng.sample(NAV, rng.randint(6, len(NAV)))
    mega = rng.random() < 0.6   # mega-menu: each item opens a list of sub-sections
    o.append('<nav class="main-nav"><ul>' + "".join(
        f'<li class="menu-item"><a href="/{_slug(n)}">{_e(n)}</a>' + (
            '<ul class="sub-menu">' + "".join(
                f'<li><a href="/{_slug(n)}/{_slug(x)}">{_e(x)}</a></li>'
                for x in rng.sample([p[1] for p in PLACES] + SECTIONS, rng.randint(4, 14)))
            + "</ul>" if mega else "") + "</li>"
        for n in nav_items) + "</ul></nav>")
    if rng.random() < 0.5:
        o.append('<nav class="sub-nav"><ul>' + "".join(
            f'<li><a href="/{_slug(p[1])}">{_e(p[1])}</a></li>' for p in rng.sample(PLACES, 8)) + "</ul></nav>")
    o.append('<div class="header-tools"><a href="/search">Search</a> <a href="/login">Sign in</a> '
             '<a class="btn" href="/subscribe">Subscribe</a></div></header>')
    if rng.random() < 0.4:
        o.append(f'<div class="ad ad-leaderboard" data-slot="top-{rng.randint(1, 9)}">'
                 '<span class="ad-label">Advertisement</span></div>')
    if rng.random() < 0.5:
        o.append('<ol class="breadcrumbs"><li><a href="/">Home</a></li>'
                 f'<li><a href="/{_slug(lead.section)}">{_e(lead.section)}</a></li>'
                 f'<li>{_e(lead.ctx.country)}</li></ol>')
    o.append('<main id="main">' if layout != "divsoup" else '<div id="content" class="container">')
    if multi:
        o.append(f'<h1 class="page-title">{_e(page_title)}</h1>')
    for k, a in enumerate(arts):
        o.append(_html_article(rng, a, layout, multi, k, name))
    o.append("</main>" if layout != "divsoup" else "</div>")
    # sidebar / related
    if rng.random() < 0.7:
        label = rng.choice(["Related stories", "More from " + name, "Most read", "You may also like",
                            "Recommended"])
        o.append(f'<aside class="sidebar related"><h3>{_e(label)}</h3><ul>' + "".join(
            f'<li><a href="/news/{_slug(t)}">{_e(t)}</a></li>'
            for t in (_article_title(rng) for _ in range(rng.randint(3, 8)))) + "</ul></aside>")
    if rng.random() < 0.5:
        o.append('<div class="newsletter"><h3>Sign up for our morning newsletter</h3>'
                 '<p>Get the day\'s top stories delivered to your inbox.</p>'
                 '<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>')
    if rng.random() < 0.35:
        o.append(_comments(rng, lead, layout))
    # footer
    links = rng.sample(FOOTER_LINKS, rng.randint(4, len(FOOTER_LINKS)))
    o.append('<footer class="site-footer"><ul class="footer-links">' + "".join(
        f'<li><a href="/{_slug(x)}">{_e(x)}</a></li>' for x in links) + "</ul>")
    o.append('<div class="social"><a href="https://twitter.com/x">Twitter</a> '
             '<a href="https://facebook.com/x">Facebook</a> <a href="https://instagram.com/x">Instagram</a></div>')
    o.append(f"<p class=\"copyright\">{rng.choice(['©', '&copy;', 'Copyright ©'])} {when.year} "
             f"{_e(name)}. All rights reserved.</p></footer>")
    if not cookie_top:
        o.append(cookie)
    # trailing scripts: a state blob like single-page-app sites ship, of varied size
    blob = {"page": {"id": rng.randrange(10**9), "section": lead.section, "tags": rng.sample(SECTIONS, 4)},
            "ads": [{"slot": f"div-gpt-{i}", "sizes": [[300, 250], [728, 90]]} for i in range(rng.randint(2, 10))],
            "teasers": [{"title": _article_title(rng), "url": f"/news/{rng.randrange(10**6)}"}
                        for _ in range(int(rng.triangular(5, 200, 30)))]}
    o.append(f"<script>window.__INITIAL_STATE__={json.dumps(blob)};</script>")
    o.append("<script>(function(){var s=document.querySelectorAll('.share a');for(var i=0;i<s.length;i++)"
             "{s[i].addEventListener('click',function(e){e.preventDefault();window.open(this.href,'share',"
             "'width=600,height=400');});}})();</script>")
    o.append("</body></html>")
    sep = "\n" if rng.random() < 0.7 else ""
    page = sep.join(o)
    if rng.random() < 0.3:
        page = page.replace("’", "&rsquo;").replace("“", "&ldquo;").replace("”", "&rdquo;")
    return page, len(arts), encoding


def _html_article(rng: random.Random, a: _Article, layout: str, multi: bool, k: int, outlet: str) -> str:
    o: list[str] = []
    iso = a.when.strftime("%Y-%m-%dT%H:%M:%S")
    human = _fmt_date(rng, a.when)
    htag = "h2" if multi else "h1"
    if layout == "semantic":
        o.append(f'<article class="story" id="story-{k}">')
        o.append(f'<header><{htag} class="headline">{_e(a.title)}</{htag}>')
        if rng.random() < 0.5:
            o.append(f'<p class="standfirst">{_e(a.ctx.fill("{Country} {hverb} {noun} as {event}"))}.</p>')
        o.append(f'<p class="byline">By <a rel="author" href="/authors/{_slug(a.author)}">{_e(a.author)}</a>'
                 + (f", {a.agency}" if a.agency else "") + "</p>")
        o.append(f'<time datetime="{iso}">{_e(human)}</time></header>')
        body_open, body_close = '<div class="article-body">', "</div>"
    elif layout == "divsoup":
        o.append(f'<div class="story-wrapper" data-id="{rng.randrange(10**7)}">')
        o.append(f'<div class="title-wrap"><{htag} class="story-title">{_e(a.title)}</{htag}></div>')
        o.append(f'<div class="meta"><span class="author">{_e(a.author)}</span> '
                 f'<span class="date">{rng.choice(["Published", "Updated", "Posted"])} {_e(human)}</span></div>')
        body_open, body_close = '<div class="story-body" itemprop="articleBody">', "</div>"
    else:  # wordpress
        o.append(f'<article id="post-{rng.randrange(10**5)}" class="post type-post status-publish">')
        o.append(f'<{htag} class="entry-title">{_e(a.title)}</{htag}>')
        o.append(f'<div class="entry-meta"><span class="posted-on">Posted on <a href="#"><time class="entry-date" '
                 f'datetime="{iso}">{_e(human)}</time></a></span> <span class="byline">by '
                 f'<span class="author vcard"><a href="#">{_e(a.author)}</a></span></span></div>')
        body_open, body_close = '<div class="entry-content">', "</div>"
    if not multi and rng.random() < 0.6:
        o.append('<div class="share"><ul>' + "".join(
            f'<li><a href="https://{s.lower()}.com/share?u=x">{_ICON}<span>{s}</span></a></li>'
            for s in rng.sample(["Facebook", "Twitter", "WhatsApp", "LinkedIn", "Email", "Telegram"], 4))
            + '<li><button class="copy">Copy link</button></li></ul></div>')
    if a.caption:
        o.append(f'<figure class="lead-image"><img src="https://cdn.example.com/img/{rng.randrange(10**8)}.jpg" '
                 f'alt="{_a(a.caption[:60])}" width="1200" height="675"><figcaption>{_e(a.caption)}</figcaption></figure>')
    o.append(body_open)
    for i, p in enumerate(a.paragraphs):
        if i in a.subheads:
            o.append(f"<h2>{_e(a.subheads[i])}</h2>")
        text = _e(p)
        if rng.random() < 0.15:   # inline link / emphasis
            words = text.split(" ")
            j = rng.randrange(len(words))
            words[j] = f'<a href="/topic/{_slug(words[j]) or "x"}">{words[j]}</a>'
            text = " ".join(words)
        if rng.random() < 0.05:
            text = f"<strong>{text}</strong>"
        o.append(f"<p>{text}</p>" if layout != "divsoup" or rng.random() < 0.8
                 else f'<div class="para">{text}</div>')
        if i and not multi and i % 5 == 0 and rng.random() < 0.6:
            o.append(rng.choice([
                '<div class="ad ad-inline"><span>Advertisement</span><div id="div-gpt-ad-1"></div></div>',
                f'<p class="read-more"><strong>Read more:</strong> <a href="/news/x">{_e(_article_title(rng))}</a></p>',
                '<div class="ad"><p>Story continues below advertisement</p></div>',
                f'<blockquote class="twitter-tweet"><p>{_e(a.ctx.fill("{quote}"))}</p>— {_e(a.ctx.person())} '
                f'(@{_slug(a.ctx.person()).replace("-", "")}) <a href="https://twitter.com/x">{_e(human)}</a></blockquote>',
            ]))
    o.append(body_close)
    if not multi and rng.random() < 0.4:
        o.append('<div class="tags">Tags: ' + ", ".join(
            f'<a href="/tag/{_slug(t)}">{_e(t)}</a>' for t in rng.sample(SECTIONS, 3)) + "</div>")
    if not multi and rng.random() < 0.2:
        o.append(f'<div class="author-bio"><p>{_e(a.author)} is a senior correspondent for {_e(outlet)} '
                 f'covering {_e(a.ctx.country)}.</p></div>')
    o.append("</div>" if layout == "divsoup" else "</article>")
    return "\n".join(o)


def _comments(rng: random.Random, a: _Article, layout: str) -> str:
    n = rng.randint(1, 6)
    head = (f'<h3 class="comments-title">{n} thoughts on “{_e(a.title)}”</h3>'
            if layout == "wordpress" else f"<h3>Comments ({n})</h3>")
    items = "".join(
        f'<li class="comment"><div class="comment-author">{_e(a.ctx.person())}</div>'
        f'<div class="comment-body"><p>{_e(a.ctx.fill(rng.choice(COMMENTS)))}</p></div>'
        f'<a class="reply" href="#">Reply</a></li>' for _ in range(n))
    form = ('<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. '
            'Required fields are marked *</p><textarea></textarea><button>Post Comment</button></div>')
    return f'<section id="comments" class="comments">{head}<ol>{items}</ol>{form}</section>'


# --- driver --------------------------------------------------------------------------------

def page(seed: int, i: int) -> GenPage:
    """The ``i``-th page for ``seed`` (independent of how many pages are generated)."""
    rng = random.Random(f"rashomon-bench:{seed}:{i}")
    outlet = rng.choice(OUTLETS)
    kind = "html" if rng.random() < 0.5 else "text"
    url = f"https://www.{outlet[1]}/news/{rng.randrange(10**6)}-{rng.randrange(16**6):06x}"
    if kind == "html":
        content, n, encoding = _html_page(rng, outlet, url)
        ext = ".htm" if rng.random() < 0.05 else ".html"
    else:
        content, n = _text_page(rng, outlet)
        encoding, ext = "utf-8", ".txt"
    return GenPage(name=f"page_{i:05d}{ext}", url=url, kind=kind, content=content,
                   articles=n, encoding=encoding)


def generate(n: int, seed: int = 7) -> Iterator[GenPage]:
    for i in range(n):
        yield page(seed, i)


def write_pages(out_dir: str, n: int, seed: int = 7) -> list[GenPage]:
    """Write one file per page into ``out_dir``; returns the pages (content included)."""
    os.makedirs(out_dir, exist_ok=True)
    pages = []
    for p in generate(n, seed):
        with open(os.path.join(out_dir, p.name), "wb") as fh:
            fh.write(p.content.encode(p.encoding, "xmlcharrefreplace"))
        pages.append(p)
    return pages


def write_jsonl(path: str, n: int, seed: int = 7) -> list[GenPage]:
    """Write the same pages as one JSONL file of ``{"url", "html"|"text"}`` records."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    pages = []
    with open(path, "w", encoding="utf-8") as fh:
        for p in generate(n, seed):
            fh.write(json.dumps({"url": p.url, p.kind: p.content}, ensure_ascii=False) + "\n")
            pages.append(p)
    return pages


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", help="folder to write the pages into (created if missing)")
    ap.add_argument("--pages", type=int, default=2000, help="how many pages (default 2000)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--jsonl", action="store_true",
                    help="write OUT_DIR/pages.jsonl (one record per page) instead of one file per page")
    ap.add_argument("--index", type=int, nargs="+", metavar="I",
                    help="write only these pages (to look at one page a run reported)")
    args = ap.parse_args(argv)
    if args.index:
        os.makedirs(args.out_dir, exist_ok=True)
        for i in args.index:
            p = page(args.seed, i)
            path = os.path.join(args.out_dir, p.name)
            with open(path, "wb") as fh:
                fh.write(p.content.encode(p.encoding, "xmlcharrefreplace"))
            print(f"wrote {path} ({p.kind}, {p.articles} article{'s' if p.articles > 1 else ''})")
        return
    if args.jsonl:
        path = os.path.join(args.out_dir, "pages.jsonl")
        pages = write_jsonl(path, args.pages, args.seed)
        where = path
    else:
        pages = write_pages(args.out_dir, args.pages, args.seed)
        where = args.out_dir
    n_html = sum(p.kind == "html" for p in pages)
    print(f"wrote {len(pages)} pages ({n_html} HTML, {len(pages) - n_html} text, "
          f"{sum(p.articles for p in pages)} articles) to {where}")


if __name__ == "__main__":
    main()
