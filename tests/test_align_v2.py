"""Aligner v2: omissions split off and flagged, score sanity, the wider bead inventory, the
policy gold set, determinism."""

from __future__ import annotations

import json
import warnings

import pytest

from zhcorpus.align import Aligner, AlignmentWarning, align
from zhcorpus.align.goldfile import read_gold
from zhcorpus.align.omission import split_omissions
from zhcorpus.align.search import ALL_TYPES


@pytest.fixture(scope="module")
def policy(root):
    return next(read_gold(root / "tests/data/gold/policy.jsonl"))


@pytest.fixture(scope="module")
def aligner() -> Aligner:
    return Aligner()


def _align(aligner, zh, en):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        return aligner.align(zh, en)


def test_policy_gold_loads_and_covers_every_sentence_once(root, policy):
    lines = (root / "tests/data/gold/policy.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["doc"] == "assembly-law"  # the first of the policy documents
    zs = sorted(i for z, _ in policy.gold for i in z)
    es = sorted(j for _, e in policy.gold for j in e)
    assert zs == list(range(len(policy.zh))) and es == list(range(len(policy.en)))
    assert len(policy.zh) == len(policy.en) == 79
    assert policy.zh_paragraphs is not None and policy.en_paragraphs is not None


@pytest.mark.parametrize("gone", [12, 25, 40, 61])
def test_a_dropped_english_sentence_leaves_its_partner_unaligned(aligner, policy, gone):
    en = policy.en[:gone] + policy.en[gone + 1:]
    beads = _align(aligner, policy.zh, en)
    orphan = [b for b in beads if b.zh == (gone,)]
    assert len(orphan) == 1 and orphan[0].en == () and "omission" in orphan[0].flags
    assert sum(not b.en for b in beads) == 1  # nothing else is unaligned


@pytest.mark.parametrize("gone", [2, 33, 70])
def test_an_added_english_sentence_is_left_alone(aligner, policy, gone):
    zh = policy.zh[:gone] + policy.zh[gone + 1:]  # the English now has a sentence more
    beads = _align(aligner, zh, policy.en)
    added = [b for b in beads if b.en == (gone,)]
    assert len(added) == 1 and added[0].zh == () and "omission" in added[0].flags


def test_no_omissions_invented_in_a_complete_translation(aligner, policy):
    beads = _align(aligner, policy.zh, policy.en)
    assert all(b.zh and b.en and "omission" not in b.flags for b in beads)


def test_score_drops_when_a_bead_is_wrong(aligner, policy):
    """Monotonicity sanity: the same Chinese sentence scores higher against its translation
    than against a neighbour's translation, and a document with shuffled English scores lower."""
    right = _align(aligner, policy.zh[:20], policy.en[:20])
    swapped = policy.en[:20]
    swapped[5], swapped[6] = swapped[6], swapped[5]
    wrong = _align(aligner, policy.zh[:20], swapped)
    bead_right = next(b for b in right if 5 in b.zh)
    bead_wrong = next(b for b in wrong if 5 in b.zh)
    assert bead_right.score > bead_wrong.score
    assert sum(b.score for b in right) / len(right) > 0.9
    far = policy.en[:20]
    far[5], far[15] = far[15], far[5]  # out of order: beads 5 and 15 must be wrong, and say so
    beads = {b.zh: b for b in _align(aligner, policy.zh[:20], far)}
    for k in (5, 15):
        assert beads[(k,)].score < 0.5 and "low-confidence" in beads[(k,)].flags
        assert beads[(k,)].score < min(b.score for b in right)


def test_omission_split_keeps_the_path_whole():
    path = [(0, 2, 0, 1), (2, 3, 1, 3), (3, 5, 3, 5)]
    cands = [(0, "zh", 0), (1, "en", 2), (2, "zh", 4), (2, "en", 3)]
    out = split_omissions(path, cands, [0.9, 0.9, 0.9, 0.9])
    assert out == [(0, 1, 0, 0), (1, 2, 0, 1), (2, 3, 1, 2), (3, 3, 2, 3), (3, 3, 3, 4), (3, 4, 4, 5),
                   (4, 5, 5, 5)]
    assert split_omissions(path, cands, [0.1] * 4) == path


def test_bead_inventory_is_wide():
    assert {(1, 5), (1, 6), (2, 4), (3, 3)} <= set(ALL_TYPES)


def test_one_to_five_bead():
    zh = ["苹果很甜。", "我的哥哥是医生，这条河很长，她喜欢唱歌，北京的冬天很冷，老师在教室里看书。", "小狗在花园里跑。"]
    en = ["The apple is sweet.", "My brother is a doctor.", "This river is very long.", "She likes singing.",
          "Winter in Beijing is cold.", "The teacher reads a book in the classroom.", "The puppy runs in the garden."]
    assert [b.type for b in align(zh, en)] == ["1-1", "1-5", "1-1"]


def test_deterministic_with_scores(aligner, policy):
    en = policy.en[:30] + policy.en[31:]
    a = _align(aligner, policy.zh, en)
    b = _align(Aligner(dictionary=aligner.dictionary), policy.zh, en)
    assert a == b


def test_null_beads_cost_less_only_in_well_covered_texts(aligner, policy):
    """A policy text (the dictionary covers a typical bead well) gets the cheaper null bead;
    a pair whose sentences share little keeps the default cost."""
    _path, _f, params = aligner.search(policy.zh[:30], policy.en[:30])
    assert params.skip == aligner.options.policy_skip
    loose = ["他笑了笑，没有说话。", "窗外下着雨。", "我们走吧。", "她想起了小时候的事。"]
    other = ["Nobody answered the door.", "It was late.", "The train left on time.", "He never came back."]
    _path, _f, params = aligner.search(loose, other)
    assert params.skip == aligner.options.score.skip
