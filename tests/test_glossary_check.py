"""Term occurrence in the seeds, annotation of units and segments, and the consistency check."""

from __future__ import annotations

import copy

import pytest

from zhcorpus.glossary import Concept, Glossary, TermMatcher, load_glossary
from zhcorpus.glossary.check import annotate_document, annotate_units, check_units, format_report
from zhcorpus.model import Unit


@pytest.fixture(scope="module")
def glossary(root):
    return load_glossary(root / "seeds" / "glossary.tsv")


@pytest.fixture(scope="module")
def matcher(glossary):
    return TermMatcher(glossary)


def test_every_seed_term_occurs_in_the_seeds_and_added_ones_do_not(glossary, matcher, seed_pairs):
    found: set[str] = set()
    for zh, _ in seed_pairs:
        for seg in zh.segments():
            found |= matcher.occurring(seg.text)
    seed = {c.id for c in glossary if c.status == "seed"}
    added = {c.id for c in glossary if c.status == "added"}
    assert not sorted(seed - found), "status=seed concepts that occur in no seed text"
    assert not sorted(added & found), "status=added concepts that do occur in the seeds"


def test_seed_translations_are_consistent_with_the_glossary(glossary, gold_units):
    report = check_units(gold_units, glossary)
    assert report.ok, format_report(report, glossary)
    assert report.units == len(gold_units)
    assert report.occurrences > 400 and report.rendered + len(report.explained) == report.occurrences
    assert not report.unused
    # every accepted paraphrase is named in the notes of its concept
    for m in report.explained:
        assert m.paraphrase in glossary.get(m.concept_id).paraphrases()


def test_a_miss_names_unit_segments_term_and_english(glossary):
    unit = Unit(id="009/4", doc_id="009", zh_ids=["009.zh/2/1"], en_ids=["009.en/2/1"],
                zh="要防止返貧，發展扶貧車間。", en="We must stop people sliding back into destitution "
                "and develop poverty alleviation workshops.", score=1.0)
    report = check_units([unit], glossary)
    assert [(m.concept_id, m.found) for m in report.misses] == [(_id(glossary, "防止返贫"), "防止返貧")]
    miss = report.misses[0]
    assert miss.location == "009/4 [009.zh/2/1 | 009.en/2/1]"
    assert "prevent relapse into poverty" in miss.expected
    text = format_report(report, glossary)
    assert text.startswith("MISS 009/4 [009.zh/2/1 | 009.en/2/1]") and "1 misses" in text


def test_paraphrase_in_notes_explains_a_miss():
    g = Glossary([Concept("T1", "民政部", "民政部", "Ministry of Civil Affairs",
                          notes='paraphrase: "the Ministry"')])
    units = [Unit("1/1", "1", ["a"], ["b"], "民政部认真履行职责。", "The Ministry has fulfilled its duties.", 1.0),
             Unit("1/2", "1", ["c"], ["d"], "民政部认真履行职责。", "It has fulfilled its duties.", 1.0)]
    report = check_units(units, g)
    assert [m.unit_id for m in report.explained] == ["1/1"]
    assert [m.unit_id for m in report.misses] == ["1/2"]
    assert report.to_dict()["by_concept"] == {"T1": {"occurrences": 2, "rendered": 0}}


def test_unaligned_units_are_skipped_not_failed(glossary):
    unit = Unit("1/1", "1", ["a"], [], "推进乡村振兴。", "", 0.0, flags=["unaligned-zh"])
    report = check_units([unit], glossary)
    assert report.ok and report.skipped == 1 and report.units == 0


def test_annotate_units_sets_terms_in_order_also_from_variants(glossary, matcher, gold_units):
    units = copy.deepcopy(gold_units)
    out = list(annotate_units(units, matcher))
    assert out is not units and out[0] is units[0]  # changed in place, yielded in order
    assert sum(1 for u in out if u.terms) > 150
    by_id = {u.id: u for u in out}
    # 003 is Traditional: 建檔立卡貧困人口, 脫貧, 貧困縣, 摘帽
    assert [glossary.get(t).zh_hans for t in by_id["003/9"].terms] == ["建档立卡贫困人口", "脱贫", "贫困县", "摘帽"]
    variant = Unit("x/1", "x", ["a"], ["b"], "壹村壹品", "one village, one product", 1.0,
                   variants={"zh-Hans": "一村一品"})
    assert [glossary.get(t).zh_hans for t in next(annotate_units([variant], matcher)).terms] == ["一村一品"]


def test_annotate_document_marks_segments(glossary, matcher, seed_pairs):
    zh = copy.deepcopy(seed_pairs[0][0])
    annotate_document(zh, matcher)
    segs = zh.segments()
    assert _id(glossary, "脱贫攻坚战") in segs[0].meta["terms"]
    assert all(s.meta is None or s.meta["terms"] for s in segs)
    en = copy.deepcopy(seed_pairs[0][1])
    assert annotate_document(en, matcher) is en and all(s.meta is None for s in en.segments())


def _id(glossary, zh: str) -> str:
    return next(c.id for c in glossary if c.zh_hans == zh)
