"""The policy gold set (tests/data/gold/policy.jsonl): it loads, covers every sentence once and in
order, has the documented documents and counts, stays in step with the segmenter (rebuilding it
from the source table and the hand-made bead file gives the same file), and the aligner meets
the 0.97 strict-F1 target on it."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from zhcorpus.align import Aligner
from zhcorpus.align.goldfile import evaluate_gold, read_gold

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "tests" / "data" / "gold" / "policy.jsonl"

# document: (zh sentences, en sentences, beads), as in tests/data/gold/README.md
COUNTS = {
    "assembly-law": (79, 79, 79),
    "basic-law-1": (90, 97, 90),
    "basic-law-2": (141, 150, 139),
    "basic-law-3": (118, 121, 117),
}


@pytest.fixture(scope="module")
def policy_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("policy_gold", ROOT / "bench" / "policy_gold.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["policy_gold"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def docs():
    return list(read_gold(POLICY))


def test_documents_and_counts_as_documented(docs):
    assert {d.doc: (len(d.zh), len(d.en), len(d.gold)) for d in docs} == COUNTS
    assert docs[0].doc == "assembly-law"  # tests/test_align_v2.py reads the first document


def test_bead_types_as_documented(docs):
    types = Counter(f"{len(z)}-{len(e)}" for d in docs for z, e in d.gold)
    assert types == {"1-1": 401, "1-2": 20, "2-1": 3, "1-3": 1}


def test_every_sentence_in_exactly_one_bead_in_order(docs):
    for d in docs:
        zs = [i for z, _ in d.gold for i in z]
        es = [j for _, e in d.gold for j in e]
        assert zs == list(range(len(d.zh))), d.doc
        assert es == list(range(len(d.en))), d.doc
        assert all(z or e for z, e in d.gold)
        assert all(z == sorted(z) and e == sorted(e) for z, e in d.gold)
        assert d.zh_paragraphs is not None and d.en_paragraphs is not None


def test_rebuilding_from_the_source_gives_the_same_file(policy_gold):
    """The source table, segmented by the project's reader, and the bead file give policy.jsonl
    byte for byte: the gold's sentences are the segmenter's."""
    assert policy_gold.render() == POLICY.read_text(encoding="utf-8")
    assert policy_gold.main(["check"]) == 0


def test_the_source_annotations_are_gone(docs):
    text = " ".join(s for d in docs if d.doc.startswith("basic-law") for s in d.zh + d.en)
    for mark in ("註：", "Note:", "#", "*", "•", "Section "):
        assert mark not in text


def test_source_has_every_article_once(policy_gold):
    articles = policy_gold.read_source()
    assert [a.number for a in articles] == list(range(1, 161))
    assert all(a.zh and a.en for a in articles)
    assert set(policy_gold.read_bead_file()) == set(range(1, 161))


def test_a_bead_file_that_misses_a_sentence_is_refused(policy_gold):
    with pytest.raises(SystemExit, match="article 46"):
        policy_gold.check_article(46, policy_gold.parse_beads("1:1"), 1, 2)
    assert policy_gold.format_beads(policy_gold.parse_beads("1,2:1 -:2 3:-")) == "1,2:1 -:2 3:-"


def test_aligner_meets_target():
    res = evaluate_gold(POLICY, Aligner())
    assert res.report.strict.f1 >= 0.97
    assert all(r.strict.f1 >= 0.95 for r in res.per_doc.values())
