"""Term accuracy on constructed examples with known hits and misses, in every direction."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhcorpus.glossary import load_glossary
from zhcorpus.score import load_segments, term_accuracy
from zhcorpus.score.terms import ACCEPTED, MISSING, PREFERRED, WRONG_VARIANT, TermScorer

DATA = Path(__file__).parent / "data" / "score"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "glossary.tsv")


def lines(name: str) -> list[str]:
    return load_segments(DATA / name).texts


def statuses(acc) -> list[tuple[int, str, str]]:
    return [(c.segment + 1, c.concept_id, c.status) for c in acc.checks]


def test_zh_to_en(glossary):
    acc = term_accuracy(glossary, lines("zh-en.src.txt"), lines("zh-en.hyp.txt"), "zh-Hans", "en")
    assert statuses(acc) == [
        (1, "S01", PREFERRED),  # fight against poverty
        (2, "S02", ACCEPTED),  # precision poverty alleviation (an accepted alternative)
        (3, "S03", MISSING),  # "well-off society" is not in the glossary
        (4, "S05", PREFERRED),  # "poor households": inflection ignored
        (4, "S04", PREFERRED),
        (6, "S01", MISSING),  # "poverty alleviation" is not a rendering of 脱贫攻坚
        (6, "S02", PREFERRED),
    ]
    assert (acc.hits, acc.total, acc.preferred) == (5, 7, 4)
    assert acc.accuracy == pytest.approx(5 / 7)
    per = {t.concept_id: (t.hits, t.total) for t in acc.terms}
    assert per == {"S01": (1, 2), "S02": (2, 2), "S03": (0, 1), "S04": (1, 1), "S05": (1, 1)}
    assert [t.concept_id for t in acc.terms] == ["S01", "S02", "S03", "S04", "S05"]  # glossary order
    assert [(m.segment, m.concept_id) for m in acc.misses()] == [(2, "S03"), (5, "S01")]
    # the reference uses every preferred rendering
    ref = term_accuracy(glossary, lines("zh-en.src.txt"), lines("zh-en.ref.txt"), "zh-Hans", "en")
    assert ref.accuracy == 1.0


def test_en_to_zh_hans_reports_wrong_variant(glossary):
    acc = term_accuracy(glossary, lines("en-zh.src.txt"), lines("en-zh.hyp.txt"), "en", "zh-Hans")
    assert statuses(acc) == [
        (1, "S01", PREFERRED),
        (2, "S04", WRONG_VARIANT),  # 軟體: the Taiwan form in a Simplified target
        (3, "S05", MISSING),
        (4, "S02", WRONG_VARIANT),  # 精準扶貧: Traditional
    ]
    assert [c.found for c in acc.checks] == ["脱贫攻坚", "軟體", None, "精準扶貧"]
    assert acc.accuracy == 0.25


def test_accepted_variant_form_in_chinese_target(glossary):
    acc = term_accuracy(glossary, ["Help poor households."], ["帮助贫困家庭。"], "en", "zh-Hans")
    assert statuses(acc) == [(1, "S05", ACCEPTED)]
    # the Traditional variant form is not accepted in a Simplified target
    acc = term_accuracy(glossary, ["Help poor households."], ["幫助貧困家庭。"], "en", "zh-Hans")
    assert statuses(acc) == [(1, "S05", WRONG_VARIANT)]


def test_simplified_to_taiwan_conversion(glossary):
    src, hyp = lines("s2tw.src.txt"), lines("s2tw.hyp.txt")
    acc = term_accuracy(glossary, src, hyp, "zh-Hans", "zh-TW")
    assert statuses(acc) == [(1, "S04", PREFERRED), (2, "S04", WRONG_VARIANT),
                             (3, "S02", PREFERRED), (4, "S02", WRONG_VARIANT)]
    assert acc.direction == "zh-Hans -> zh-TW"
    # for generic Traditional, 軟件 is the preferred form and Taiwan's 軟體 is accepted
    hant = term_accuracy(glossary, src, hyp, "zh-Hans", "zh-Hant")
    assert statuses(hant)[:2] == [(1, "S04", ACCEPTED), (2, "S04", PREFERRED)]
    # Hong Kong usage is not Taiwan's
    hk = term_accuracy(glossary, src, hyp, "zh-Hans", "zh-HK")
    assert statuses(hk)[:2] == [(1, "S04", WRONG_VARIANT), (2, "S04", PREFERRED)]


def test_term_counted_once_per_segment_and_scorer_reused(glossary):
    scorer = TermScorer(glossary, "zh", "en")
    found = scorer.find_all(["脱贫攻坚，脱贫攻坚。", "没有术语。"])
    assert found == [[("S01", "脱贫攻坚")], []]
    a = scorer.score(["the fight against poverty", "no term"], found)
    b = scorer.score(["poverty", "no term"], found)
    assert (a.hits, a.total, b.hits, b.total) == (1, 1, 0, 1)


def test_english_source_longest_match_first(glossary):
    scorer = TermScorer(glossary, "en", "zh-Hans")
    assert scorer.source_terms("Precision poverty alleviation and the fight against poverty.") == [
        ("S02", "precision poverty alleviation"), ("S01", "fight against poverty")]


def test_unsupported_directions(glossary):
    with pytest.raises(ValueError, match="Chinese on one side"):
        TermScorer(glossary, "en", "en-GB")
    with pytest.raises(ValueError, match="Chinese and English"):
        TermScorer(glossary, "zh", "fr")
