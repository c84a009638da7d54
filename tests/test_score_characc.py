"""Character accuracy of a script conversion: position-wise or by edit distance, with confusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhcorpus.score import char_accuracy, load_segments
from zhcorpus.score.characc import EDIT, POSITIONAL, char_segment

DATA = Path(__file__).parent / "data" / "score"


def test_conversion_fixture():
    ref = load_segments(DATA / "s2tw.ref.txt").texts
    hyp = load_segments(DATA / "s2tw.hyp.txt").texts
    acc = char_accuracy(hyp, ref)
    assert (acc.errors, acc.ref_chars) == (4, 25)
    assert acc.accuracy == pytest.approx(0.84)
    assert (acc.positional_segments, acc.edit_segments) == (5, 0)
    assert sorted(acc.confusions) == sorted([("體", "件", 1), ("準", "准", 1), ("貧", "贫", 1), ("髮", "發", 1)])
    assert "position-wise on 5" in acc.method


def test_position_wise_when_lengths_equal():
    seg = char_segment("頭發", "頭髮")
    assert (seg.errors, seg.ref_chars, seg.method) == (1, 2, POSITIONAL)
    assert seg.accuracy == 0.5


def test_edit_distance_when_lengths_differ():
    seg = char_segment("發展產業", "發展軟體產業")  # two characters dropped
    assert (seg.errors, seg.method) == (2, EDIT)
    assert seg.accuracy == pytest.approx(4 / 6)
    # a shifted string is one deletion and one insertion, not a run of substitutions
    assert char_segment("xabcdef", "abcdef").errors == 1


def test_confusions_ranked_by_count_then_character():
    acc = char_accuracy(["发发", "发", "干"], ["發發", "發", "幹"])
    assert acc.confusions[0] == ("發", "发", 3)
    assert acc.confusions[1] == ("幹", "干", 1)
    assert acc.accuracy == 0.0


def test_empty_segments():
    acc = char_accuracy(["", ""], ["", "字"])
    assert (acc.errors, acc.ref_chars) == (1, 1)
    assert acc.segments[0].accuracy == 1.0
