"""Term matching: Chinese longest-match in both scripts and variant forms; English renderings
ignoring case, inflection, articles and hyphens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.glossary import Concept, Glossary, TermMatcher, en_contains, en_rendering_used
from zhcorpus.glossary.match import fold_zh
from zhcorpus.glossary.scripts import to_hans

G = Glossary([
    Concept("T1", "脱贫攻坚", "脫貧攻堅", "poverty alleviation"),
    Concept("T2", "脱贫攻坚战", "脫貧攻堅戰", "battle against poverty"),
    Concept("T3", "边缘易致贫户", "邊緣易致貧戶", "households on the verge of poverty",
            zh_variants=["边缘易贫户"]),
    Concept("T4", "小康不小康，关键看老乡", "小康不小康，關鍵看老鄉",
            "the key to moderate prosperity lies in the rural folk"),
    Concept("T5", "信息技术", "信息技術", "information technology", zh_tw="資訊科技"),
    Concept("T6", "群众", "群眾", "the people"),
])
M = TermMatcher(G)


def test_longest_match_wins():
    hits = M.find("打赢脱贫攻坚战，推进脱贫攻坚。")
    assert [(h.concept_id, h.start, h.end) for h in hits] == [("T2", 2, 7), ("T1", 10, 14)]


def test_traditional_and_variant_forms():
    # the variant is listed in Simplified only; its Traditional spelling is found too
    assert M.concept_ids("對不穩定脫貧戶、邊緣易貧戶實施常態化監測") == ["T3"]
    assert M.concept_ids("脫貧攻堅戰") == ["T2"]
    assert M.concept_ids("資訊科技與信息技術") == ["T5"]
    # the other Traditional standards (OpenCC 羣衆, Hong Kong) are found as well
    assert M.concept_ids("羣衆") == M.concept_ids("群眾") == ["T6"]


def test_fullwidth_and_halfwidth_punctuation_match_alike():
    assert M.concept_ids("小康不小康,關鍵看老鄉。") == ["T4"]
    assert M.concept_ids("小康不小康，关键看老乡") == ["T4"]
    assert fold_zh("，（１）") == ",(1)"


def test_occurring_sees_terms_inside_longer_ones():
    assert M.occurring("脱贫攻坚战") == {"T1", "T2"}
    assert M.concept_ids("") == [] and M.occurring("") == set()


def test_find_any_takes_each_concept_once():
    hits = M.find_any(["脫貧攻堅", "脱贫攻坚"])
    assert [h.concept_id for h in hits] == ["T1"]


def test_en_contains_is_inflection_tolerant():
    assert en_contains("people who relapsed into poverty", "relapse into poverty")
    assert en_contains("China has built a moderately prosperous society",
                       "build a moderately prosperous society")
    assert en_contains("those newly fallen into poverty", "newly fall into poverty")
    assert en_contains("temporary safety-net placement", "safety net")
    assert en_contains("Promoting The Poverty Alleviation Workshops", "poverty alleviation workshop")
    assert en_contains("help riders into a saddle", "help riders into the saddle")
    assert en_contains("the Ministry’s Party leadership group", "Ministry's Party leadership group")
    assert not en_contains("relapse in poverty", "relapse into poverty")
    assert not en_contains("anything", "")


def test_rendering_used_prefers_the_preferred_form():
    c = Concept("T1", "返贫", "返貧", "relapse into poverty", en_alt=["return to poverty"])
    assert en_rendering_used("they returned to poverty", c) == "return to poverty"
    assert en_rendering_used("relapse into poverty and return to poverty", c) == "relapse into poverty"
    assert en_rendering_used("slid back", c) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="脱贫攻坚战邊緣易致貧戶边缘贫户，,小康不关键看老乡群众眾信息技术資訊科a", max_size=40))
def test_hits_are_ordered_disjoint_and_spell_a_form(text):
    hits = M.find(text)
    for a, b in zip(hits, hits[1:], strict=False):
        assert a.end <= b.start
    for h in hits:
        assert 0 <= h.start < h.end <= len(text)
        # the matched text is the glossary form, perhaps in another script or punctuation width
        assert to_hans(fold_zh(text[h.start:h.end])) == to_hans(fold_zh(h.form))
        assert h.concept_id in M.occurring(text)
