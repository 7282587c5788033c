"""Quotes and reported speech (rashomon.compare.quotes) on real news text: the sample
corpus and articles on other topics, run through the Understand stage for their entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.compare.quotes import find_quotes
from rashomon.model import Article, ArticleQuote
from rashomon.understand import understand_article

FIXTURES = Path(__file__).parent / "fixtures"


def analysed(text: str):
    """The article's Understand layer and its quotes."""
    u = understand_article(Article("a1", "src", 0, text, published="2024-05-14")).understanding
    return u, find_quotes(text, u.sentences, u.entities)


def quote(quotes: list[ArticleQuote], words: str) -> ArticleQuote:
    """The one quote whose text starts with ``words``."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, f"{len(found)} quotes start with {words!r}: {quotes}"
    return found[0]


def speaker(u, q: ArticleQuote) -> str | None:
    return u.entities[q.speaker].name if q.speaker is not None else None


def check_offsets(text: str, quotes: list[ArticleQuote]) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.text == q.text.strip()


FLOODS = """\
Flooding in southern Brazil has killed at least 147 people, officials said on Monday, as \
rescuers struggled to reach towns cut off by the rising water.

"We have never seen anything like this," Governor Eduardo Leite told reporters in Porto \
Alegre. "Entire towns have disappeared."

The state's civil defence agency said that more than 600,000 people had been forced from \
their homes.

"The water came in the night," said Maria Souza, a 54-year-old teacher from Canoas. "We lost \
everything.

"My children are safe, and that is what matters," she added.

According to the National Meteorology Institute, more rain is expected this week.

President Luiz Inacio Lula da Silva, who visited the region on Sunday, told Reuters that \
federal aid would arrive within days. "Nobody will be left behind," he said, "not one family."

The death toll could still rise, according to the civil defence agency.
"""


def test_direct_quotes_attributed_after_and_split_around_the_speaker():
    u, quotes = analysed(FLOODS)
    check_offsets(FLOODS, quotes)
    q = quote(quotes, "We have never seen")
    assert (q.text, q.kind, q.cue) == ("We have never seen anything like this", "direct", "told")
    assert speaker(u, q) == "Eduardo Leite"
    q = quote(quotes, "The water came")
    assert (q.text, q.cue, speaker(u, q)) == ("The water came in the night", "said",
                                              "Maria Souza")
    assert q.speaker_text == "Maria Souza"        # not the appositive after the comma
    # a second quote with no attribution of its own continues the speaker
    q = quote(quotes, "Entire towns")
    assert q.text == "Entire towns have disappeared."
    assert speaker(u, q) == "Eduardo Leite" and q.cue is None
    # '"...," he said, "..."': both halves are the same speaker's
    first, second = quote(quotes, "Nobody will be"), quote(quotes, "not one family")
    assert first.text == "Nobody will be left behind"
    assert speaker(u, first) == speaker(u, second) == "Luiz Inacio Lula da Silva"
    assert first.speaker_text == "Luiz Inacio Lula da Silva"   # "he", resolved


def test_quote_over_two_paragraphs_is_one_quote():
    u, quotes = analysed(FLOODS)
    q = quote(quotes, "We lost everything")
    assert q.text == ('We lost everything.\n\n"My children are safe, and that is what '
                      'matters')
    assert (q.kind, q.cue, q.speaker_text) == ("direct", "added", "Maria Souza")
    assert speaker(u, q) == "Maria Souza"          # "she", the previous quote's speaker
    assert not [x for x in quotes if x.text.startswith("My children")]


def test_reported_speech_and_according_to_in_both_orders():
    u, quotes = analysed(FLOODS)
    q = quote(quotes, "more than 600,000")
    assert (q.text, q.kind, q.cue) == (
        "more than 600,000 people had been forced from their homes", "reported", "said")
    assert q.speaker is None and q.speaker_text == "The state's civil defence agency"
    q = quote(quotes, "Flooding in southern Brazil")     # "<clause>, officials said on Monday"
    assert q.text == "Flooding in southern Brazil has killed at least 147 people"
    assert (q.kind, q.cue, q.speaker_text) == ("reported", "said", "officials")
    q = quote(quotes, "more rain")                       # "According to X, <clause>."
    assert (q.text, q.cue) == ("more rain is expected this week", "according to")
    assert speaker(u, q) == "National Meteorology Institute"
    q = quote(quotes, "The death toll")                  # "<clause>, according to X."
    assert (q.text, q.cue) == ("The death toll could still rise", "according to")
    assert q.speaker is None and q.speaker_text == "the civil defence agency"
    q = quote(quotes, "federal aid")                     # "X told Reuters that <clause>."
    assert (q.text, q.cue, q.source) == ("federal aid would arrive within days", "told",
                                         "Reuters")
    assert speaker(u, q) == "Luiz Inacio Lula da Silva"


UKRAINE = """\
MOSCOW — Russia's Defence Ministry said on Tuesday that its forces had captured the village \
of Novomykhailivka, a claim Ukraine denied.

"Our units continue to advance," the ministry said in a statement. It gave no casualty figures.

Ukrainian President Volodymyr Zelenskiy said in his nightly video address that the situation \
in the east remained "extremely difficult". He urged Western allies to speed up deliveries of \
air defence systems.

"We need the Patriots now, not in six months," Zelenskiy said. "Every day of delay costs \
lives. I told Chancellor Scholz exactly that."

Kremlin spokesman Dmitry Peskov told reporters the so-called 'peace formula' was "detached \
from reality". He said Moscow remained open to talks "on our terms."

Andriy Yermak, head of the presidential office, told Reuters in an interview that Kyiv would \
not cede territory. "There will be no deal that rewards aggression," he said, adding that \
the summit in Switzerland would go ahead.

The claim could not be independently verified, according to AFP.

"This is a war of attrition," said Michael Kofman, a military analyst, in an interview with \
the BBC. "Both sides are running short of men.
Neither can break through."

Analysts said the "fortress" strategy had cost both armies dearly.
"""


def test_institutions_speak_and_agencies_are_sources():
    u, quotes = analysed(UKRAINE)
    check_offsets(UKRAINE, quotes)
    q = quote(quotes, "its forces had captured")
    assert (q.kind, q.cue, speaker(u, q)) == ("reported", "said", "Defence Ministry")
    assert q.text == ("its forces had captured the village of Novomykhailivka, a claim Ukraine "
                      "denied")
    q = quote(quotes, "Our units")                 # "the ministry" names the Defence Ministry
    assert (q.text, q.speaker_text, speaker(u, q)) == (
        "Our units continue to advance", "the ministry", "Defence Ministry")
    q = quote(quotes, "Kyiv would not")
    assert (speaker(u, q), q.cue, q.source) == ("Andriy Yermak", "told", "Reuters")
    q = quote(quotes, "This is a war")             # "said X ... in an interview with the BBC"
    assert (speaker(u, q), q.cue, q.source) == ("Michael Kofman", "said", "BBC")
    q = quote(quotes, "The claim could not")       # credited to an agency only
    assert (q.kind, q.cue, q.source, q.speaker, q.speaker_text) == (
        "reported", "according to", "AFP", None, None)
    assert all(speaker(u, q) not in ("Reuters", "AFP", "BBC") for q in quotes)


def test_participle_continues_the_speaker_and_pronoun_after_quote():
    u, quotes = analysed(UKRAINE)
    q = quote(quotes, "There will be no deal")
    assert speaker(u, q) == "Andriy Yermak" and q.speaker_text == "Andriy Yermak"
    q = quote(quotes, "the summit in Switzerland")
    assert (q.kind, q.cue, speaker(u, q)) == ("reported", "adding", "Andriy Yermak")
    q = quote(quotes, "Every day of delay")
    assert q.text == "Every day of delay costs lives. I told Chancellor Scholz exactly that."
    assert speaker(u, q) == "Volodymyr Zelenskiy"


def test_scare_quotes_and_quoted_terms_are_no_quotes():
    u, quotes = analysed(UKRAINE)
    texts = [q.text for q in quotes if q.kind == "direct"]
    for term in ("extremely difficult", "detached from reality", "on our terms.", "fortress",
                 "peace formula"):
        assert term not in texts
    # the reported clause keeps its quoted words inside it
    q = quote(quotes, 'the "fortress" strategy')
    assert (q.text, q.speaker_text) == ('the "fortress" strategy had cost both armies dearly',
                                        "Analysts")


def test_unbalanced_mark_is_bounded_by_its_paragraph():
    u, quotes = analysed(UKRAINE)
    q = quote(quotes, "Both sides")                # no closing mark: ends with its line
    assert q.text == "Both sides are running short of men."
    assert speaker(u, q) == "Michael Kofman"
    assert quote(quotes, 'the "fortress"').kind == "reported"   # the next paragraph is intact


PERU = """\
Lima, Peru — Peru's Congress voted on Thursday to remove President Dina Boluarte, the latest \
upheaval in a country that has had six presidents since 2018.

Boluarte's lawyer, Juan Carlos Portugal, said the vote was unconstitutional. He told the La \
Republica newspaper that his client would challenge it.

Supporters of the president described the vote as a "coup. Hundreds gathered outside \
Congress on Thursday night.

"We are tired of politicians who only think of themselves," said Rosa Quispe, a street \
vendor. "Every year it is the same story. Nobody governs for us.

"Nobody listens to the south. Nobody comes here unless there is an election.

"We will vote, but we will not forget."

The new president, Jose Jeri, was sworn in hours later.
"""


def test_quote_over_three_paragraphs_and_a_stray_mark():
    u, quotes = analysed(PERU)
    check_offsets(PERU, quotes)
    q = quote(quotes, "Every year")
    assert q.text == ("Every year it is the same story. Nobody governs for us.\n\n"
                      '"Nobody listens to the south. Nobody comes here unless there is an '
                      'election.\n\n"We will vote, but we will not forget.')
    assert speaker(u, q) == "Rosa Quispe" and q.cue is None
    # the stray mark before "coup" opens no quote and swallows nothing
    assert not [x for x in quotes if "coup" in x.text or "Hundreds" in x.text]
    assert quote(quotes, "We are tired").text == ("We are tired of politicians who only think "
                                                  "of themselves")


def test_appositive_name_and_outlet_named_by_a_media_word():
    u, quotes = analysed(PERU)
    q = quote(quotes, "the vote was")
    assert (q.text, q.cue, speaker(u, q)) == ("the vote was unconstitutional", "said",
                                              "Juan Carlos Portugal")
    q = quote(quotes, "his client")
    assert (q.text, q.cue, q.source) == ("his client would challenge it", "told", "La Republica")
    assert speaker(u, q) == "Juan Carlos Portugal"


KENYA = """\
NAIROBI, Kenya — Kenyan police fired tear gas at protesters in Nairobi on Thursday as anger \
over a finance bill spilled into a third week.

Interior Minister Kithure Kindiki defended the police response. "Officers acted within the \
law," Kindiki said. "Anyone who broke the law will face the full force of it."

Opposition leader Raila Odinga met church leaders later in the day. "The government must \
listen to the young people," he told the Nation newspaper. "They are not criminals."

Amnesty International said in a report that at least 23 people had been killed since the \
protests began. "We have documented cases of live ammunition used against unarmed \
demonstrators," it said.

The Health Ministry said hospitals were overwhelmed, and the ministry added that blood \
supplies were running low.

Grace Wanjiru, a 31-year-old trader, said a police officer shouted at the crowd before \
opening fire. "He looked straight at me and said, 'You are next.' I ran," she said.

President William Ruto was quoted by the Standard newspaper as saying that the bill would \
be withdrawn. Kenya's finance ministry did not say whether the budget would be revised.

"This bill is dead," Ruto told KTN television late on Wednesday.
"""


def test_pronouns_name_people_and_institutions():
    u, quotes = analysed(KENYA)
    check_offsets(KENYA, quotes)
    q = quote(quotes, "The government must")
    assert (speaker(u, q), q.speaker_text, q.cue, q.source) == (
        "Raila Odinga", "Raila Odinga", "told", "Nation")
    assert speaker(u, quote(quotes, "They are not criminals")) == "Raila Odinga"
    q = quote(quotes, "We have documented")          # '"...," it said.'
    assert (speaker(u, q), q.speaker_text, q.cue) == ("Amnesty International",
                                                      "Amnesty International", "said")
    q = quote(quotes, "blood supplies")              # "the ministry added that ..."
    assert (speaker(u, q), q.speaker_text, q.cue) == ("Health Ministry", "the ministry", "added")


def test_quote_inside_a_quote_stays_inside():
    u, quotes = analysed(KENYA)
    q = quote(quotes, "He looked straight")
    assert q.text == "He looked straight at me and said, 'You are next.' I ran"
    assert speaker(u, q) == "Grace Wanjiru"
    assert not [x for x in quotes if x.text.startswith("You are next")]


def test_quoted_by_an_outlet_and_negated_speech():
    u, quotes = analysed(KENYA)
    q = quote(quotes, "the bill would be withdrawn")
    assert (speaker(u, q), q.cue, q.source) == ("William Ruto", "quoted as saying", "Standard")
    q = quote(quotes, "This bill is dead")
    assert (speaker(u, q), q.cue, q.source) == ("William Ruto", "told", "KTN")
    assert not [x for x in quotes if "budget" in x.text]        # "did not say whether"


BANK = """\
TOKYO — Japan's central bank raised interest rates for the first time in 17 years on \
Tuesday, ending the world's last negative rate policy, Kyodo News reported.

Bank of Japan Governor Kazuo Ueda told a news conference that the bank would keep buying \
government bonds. "We will continue to support the economy," he said. "Financial conditions \
will remain accommodative.

"But the era of "extraordinary" easing is over. We have reached a turning point."

Shares rose 0.7%, the Nikkei newspaper reported.
"""


def test_outlet_reports_are_sourced_and_nested_straight_marks_stay_inside():
    u, quotes = analysed(BANK)
    check_offsets(BANK, quotes)
    q = quote(quotes, "Japan's central bank")      # the dateline is no part of the clause
    assert q.text == ("Japan's central bank raised interest rates for the first time in 17 "
                      "years on Tuesday, ending the world's last negative rate policy")
    assert (q.kind, q.cue, q.source, q.speaker) == ("reported", "reported", "Kyodo News", None)
    q = quote(quotes, "Shares rose")
    assert (q.text, q.source, q.speaker) == ("Shares rose 0.7%", "Nikkei", None)
    q = quote(quotes, "Financial conditions")
    assert q.text.endswith('"But the era of "extraordinary" easing is over. We have reached '
                           'a turning point.')
    assert speaker(u, q) == "Kazuo Ueda"
    q = quote(quotes, "the bank would keep")
    assert (q.cue, speaker(u, q)) == ("told", "Kazuo Ueda")


def test_sample_corpus_page_with_an_agency_credit():
    text = (FIXTURES / "002_352512476b0fd6ab.txt").read_text("utf-8")
    u, quotes = analysed(text)
    check_offsets(text, quotes)
    q = quote(quotes, "The Islamic Republic of Iran will never forget")
    assert (speaker(u, q), q.cue, q.source) == ("Khamenei", "said", "Tasnim")
    q = quote(quotes, "The US crime")
    assert (speaker(u, q), q.cue) == ("Khamenei", "added")
    q = quote(quotes, "They want a government")    # "..., he said."
    assert speaker(u, q) == "Khamenei"
    q = quote(quotes, "the agency would reject")   # "An Interpol spokesperson said ..."
    assert q.kind == "reported" and speaker(u, q) == "Interpol"
    assert q.speaker_text == "An Interpol spokesperson"
    for term in ("reciprocal blow", "harsh retaliation", "act of war.", "rejected immediately."):
        assert term not in [x.text for x in quotes if x.kind == "direct"]


def test_mixed_curly_and_straight_marks_and_colon_introduction():
    text = ("The company's chief executive, Sarah Lindqvist, told investors on Wednesday: "
            "“We expect margins to recover in the second half.\"\n\n"
            "Volvo Cars said it would cut 3,000 jobs. “These are difficult decisions,” "
            "the carmaker said in a statement.\n")
    u, quotes = analysed(text)
    q = quote(quotes, "We expect margins")
    assert (q.text, q.cue, speaker(u, q)) == (
        "We expect margins to recover in the second half.", "told", "Sarah Lindqvist")
    q = quote(quotes, "These are difficult")
    assert (q.text, q.cue, q.speaker_text) == ("These are difficult decisions", "said",
                                               "the carmaker")


def test_no_marks_no_cues_and_determinism():
    assert find_quotes("", [], []) == []
    text = "The match ended 2-1. Fans celebrated in the streets until late at night.\n"
    u, quotes = analysed(text)
    assert quotes == []
    assert find_quotes(FLOODS, [], []) == find_quotes(FLOODS, [], [])


@pytest.mark.parametrize("tail", ["", "\n\nThe minister said the talks would resume."])
def test_unbalanced_marks_never_swallow_the_article(tail):
    # an opening mark with no closing one in each of many paragraphs
    para = 'Officials said that the "new rules would apply from June, without exception.\n\n'
    text = para * 200 + tail
    quotes = find_quotes(text, [], [])
    assert quotes and all("\n" not in q.text for q in quotes)
    assert all(q.kind == "reported" for q in quotes)
    if tail:
        assert quotes[-1].text == "the talks would resume"
        assert quotes[-1].speaker_text == "The minister"


MERGER = """\
SEOUL — Hanbit Air and Sakura Pacific Airways agreed on Tuesday to merge in a $4.1 billion \
deal that would create Asia's fifth-largest airline group.

Skyline Partners, a Singapore-based investment company, advised on the deal. The company \
said the merged group would keep both brands.

The union would hold a strike vote next week, Kim Minji, a union leader at Hanbit Air, told \
Yonhap news agency.

Finance Minister Choi Sang-mok said the government welcomed the merger but warned that fares \
must not rise. Regulators in Tokyo insist the deal was never properly reviewed.

Analysts at Daehan Securities called the tie-up "a long overdue consolidation of a crowded \
market" in a note to clients.

Park Seo-jun, chief executive of Hanbit Air, spoke to staff on Wednesday, saying no pilots \
would lose their jobs.

Police in Incheon had opened an inquiry into share trading before the announcement, the \
German news agency dpa reported.
"""


def test_business_story_speakers_named_several_ways():
    u, quotes = analysed(MERGER)
    check_offsets(MERGER, quotes)
    assert not [q for q in quotes if "fifth-largest" in q.text]   # "agreed ... to": no speech
    q = quote(quotes, "the merged group")          # "The company" = the company named so
    assert (q.text, q.speaker_text, speaker(u, q)) == (
        "the merged group would keep both brands", "The company", "Skyline Partners")
    q = quote(quotes, "The union")                 # '<clause>, X, an appositive, told Y.'
    assert (q.text, q.cue, q.source) == ("The union would hold a strike vote next week",
                                         "told", "Yonhap")
    assert speaker(u, q) == "Kim Minji"
    # "X said A but warned that B": two quotes, one speaker
    said, warned = quote(quotes, "the government welcomed"), quote(quotes, "fares must")
    assert (said.text, said.cue, warned.text, warned.cue) == (
        "the government welcomed the merger", "said", "fares must not rise", "warned")
    assert said.speaker == warned.speaker is not None
    q = quote(quotes, "the deal was never")        # "insist" with no "that"
    assert (q.cue, q.speaker_text) == ("insist", "Regulators in Tokyo")
    q = quote(quotes, "no pilots")                 # a participle: the sentence's subject
    assert (q.cue, q.text) == ("saying", "no pilots would lose their jobs")
    assert q.speaker is not None and u.entities[q.speaker].label == "PERSON"
    q = quote(quotes, "Police in Incheon")         # "the German news agency dpa reported"
    assert (q.kind, q.cue, q.source, q.speaker_text) == ("reported", "reported", "dpa", None)


def test_partial_quote_and_participle_introducing_a_quote():
    text = ("Conservative leader Kemi Badenoch called the plan \"a shambles from start to "
            "finish\" and said her party would oppose it.\n\n"
            "\"People are scared,\" said Sarah Jones, who runs a food bank in Leeds.\n"
            "Jones said demand had doubled since January, adding: \"We can't keep up.\"\n")
    u, quotes = analysed(text)
    check_offsets(text, quotes)
    q = quote(quotes, "a shambles")                # no cue: its sentence's subject
    assert q.kind == "direct" and q.cue is None
    assert q.speaker is not None and "Kemi" in u.entities[q.speaker].name
    q = quote(quotes, "demand had doubled")        # the clause stops at ", adding:"
    assert q.text == "demand had doubled since January"
    assert speaker(u, q) == "Sarah Jones"
    q = quote(quotes, "We can't")
    assert (q.kind, q.cue, speaker(u, q)) == ("direct", "adding", "Sarah Jones")


def test_relative_that_and_a_dateline_open_no_clause():
    text = ("GAZA CITY: Prime Minister Benjamin Netanyahu says strikes that killed hundreds "
            "across the territory were only the beginning.\n\n"
            "The army said in a letter to residents that the evacuation order remained in "
            "force.\n")
    u, quotes = analysed(text)
    q = quote(quotes, "strikes that")
    assert q.text == "strikes that killed hundreds across the territory were only the beginning"
    assert (q.cue, speaker(u, q)) == ("says", "Benjamin Netanyahu")
    q = quote(quotes, "the evacuation order")
    assert (q.text, q.cue, q.speaker_text) == ("the evacuation order remained in force", "said",
                                               "The army")
