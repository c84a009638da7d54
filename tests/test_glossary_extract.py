"""Term extraction: new candidates only, real terms near the top, English renderings by Dice."""

from __future__ import annotations

import pytest

from zhcorpus.glossary import Concept, Glossary, TermMatcher, load_glossary
from zhcorpus.glossary.extract import CANDIDATE_COLUMNS, extract_candidates, write_candidates
from zhcorpus.model import Unit


@pytest.fixture(scope="module")
def glossary(root):
    return load_glossary(root / "seeds" / "glossary.tsv")


@pytest.fixture(scope="module")
def candidates(glossary, gold_units):
    return extract_candidates(gold_units, glossary, top=30)


def test_candidates_are_new(candidates, glossary):
    matcher = TermMatcher(glossary)
    assert len(candidates) == 30
    for c in candidates:
        assert not matcher.occurring(c.zh), f"{c.zh} overlaps a glossary term"
        assert c.freq >= 2 and c.unit_ids and c.docs >= 1


def test_real_terms_rank_high_with_their_english(candidates):
    by_zh = {c.zh: c for c in candidates}
    # policy terms of the seeds that the glossary does not have yet, with the English the units use
    assert {"产业发展", "小微经济", "责任意识"} <= set(by_zh)
    assert by_zh["小微经济"].en[0].text == "small and micro economy"
    assert by_zh["责任意识"].en[0].text == "sense of responsibility"
    # earlier finds, since added to the glossary, are no longer proposed
    assert not {"补齐短板", "外出务工", "帮扶政策", "基本公共服务", "特殊扶持政策"} & set(by_zh)
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)


def test_extraction_is_deterministic(candidates, glossary, gold_units, tmp_path):
    again = extract_candidates(gold_units, glossary, top=30)
    assert [(c.zh, c.score, c.en) for c in again] == [(c.zh, c.score, c.en) for c in candidates]
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    write_candidates(a, candidates)
    write_candidates(b, again)
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == CANDIDATE_COLUMNS and len(lines) == 31
    assert all(len(line.split("\t")) == len(CANDIDATE_COLUMNS) for line in lines)


def test_a_known_term_is_not_proposed_and_traditional_counts_with_simplified():
    units = [
        Unit("1/1", "1", ["a"], ["b"], "各地发展庭院经济。", "Localities develop the courtyard economy.", 1.0),
        Unit("1/2", "1", ["c"], ["d"], "要扶持庭院经济。", "The courtyard economy must be supported.", 1.0),
        Unit("2/1", "2", ["e"], ["f"], "發展庭院經濟增加收入。", "The courtyard economy raises incomes.", 1.0),
    ]
    found = extract_candidates(units, Glossary([]), top=0)
    top = next(c for c in found if c.zh == "庭院经济")
    assert (top.freq, top.docs) == (3, 2) and top.en[0].text == "courtyard economy"
    known = Glossary([Concept("T1", "庭院经济", "庭院經濟", "courtyard economy")])
    assert "庭院经济" not in {c.zh for c in extract_candidates(units, known, top=0)}
