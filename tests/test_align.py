"""The aligner's API: coverage, bead types on constructed documents, edge cases, determinism."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhcorpus.align import Aligner, AlignmentWarning, AlignOptions, Bead, align
from zhcorpus.units import make_units

PAIRS = [("苹果很甜。", "The apple is sweet."), ("我的哥哥是医生。", "My brother is a doctor."),
         ("这条河很长。", "This river is very long."), ("她喜欢唱歌。", "She likes singing."),
         ("北京的冬天很冷。", "Winter in Beijing is cold."),
         ("老师在教室里看书。", "The teacher reads a book in the classroom."),
         ("我们明天去公园。", "Tomorrow we go to the park."), ("小狗在花园里跑。", "The puppy runs in the garden."),
         ("爸爸买了一辆新汽车。", "Father bought a new car."),
         ("医院离火车站不远。", "The hospital is not far from the railway station.")]
ZH = [z for z, _ in PAIRS]
EN = [e for _, e in PAIRS]


def assert_covers(beads: list[Bead], n: int, m: int) -> None:
    """Every sentence in exactly one bead, beads in order and contiguous."""
    zs = [i for b in beads for i in b.zh]
    es = [j for b in beads for j in b.en]
    assert zs == list(range(n))
    assert es == list(range(m))
    for b in beads:
        assert b.zh or b.en
        assert list(b.zh) == list(range(b.zh[0], b.zh[0] + len(b.zh))) if b.zh else True
        assert list(b.en) == list(range(b.en[0], b.en[0] + len(b.en))) if b.en else True
        assert 0.0 <= b.score <= 1.0


def types(beads: list[Bead]) -> list[str]:
    return [b.type for b in beads]


def test_one_to_one():
    beads = align(ZH, EN)
    assert types(beads) == ["1-1"] * 10
    assert_covers(beads, 10, 10)
    assert all(b.score > 0.5 and not b.flags for b in beads)


@pytest.mark.parametrize(("zh", "en", "expected"), [
    (ZH[:3] + ["她喜欢唱歌，北京的冬天很冷。"] + ZH[5:], EN, "1-2"),
    (ZH, EN[:3] + ["She likes singing, and winter in Beijing is cold."] + EN[5:], "2-1"),
    (ZH[:3] + ["她喜欢唱歌，北京的冬天很冷，老师在教室里看书。"] + ZH[6:], EN, "1-3"),
    (ZH, EN[:3] + ["She likes singing, winter in Beijing is cold, and the teacher reads a book in the classroom."]
     + EN[6:], "3-1"),
    (ZH[:3] + ["她喜欢唱歌，北京的", "冬天很冷。"] + ZH[5:],
     EN[:3] + ["She likes", "singing and winter in Beijing is cold."] + EN[5:], "2-2"),
    (ZH[:5] + ["这个问题非常复杂，需要仔细研究和长期讨论才能解决，各方面的专家学者多次召开会议，但是至今仍然没有得出一致的结论。"]
     + ZH[5:], EN, "1-0"),
    (ZH, EN[:5] + ["Nobody expected the committee to publish such a detailed report on migration."] + EN[5:], "0-1"),
])
def test_each_bead_type(zh, en, expected):
    beads = align(zh, en)
    assert_covers(beads, len(zh), len(en))
    others = [t for t in types(beads) if t != "1-1"]
    assert others == [expected]


def test_empty_and_one_sided():
    assert align([], []) == []
    with pytest.warns(AlignmentWarning, match="one side is empty"):
        beads = align(ZH[:3], [])
    assert types(beads) == ["1-0"] * 3 and all("low-confidence" in b.flags for b in beads)
    with pytest.warns(AlignmentWarning):
        beads = align([], EN[:2])
    assert types(beads) == ["0-1"] * 2


def test_wildly_different_lengths_warn_not_crash():
    en = EN * 6
    with pytest.warns(AlignmentWarning, match="differ wildly"):
        beads = align(ZH[:2], en)
    assert_covers(beads, 2, len(en))


def test_single_sentences_and_blank_text():
    beads = align(["你好。"], ["Hello."])
    assert types(beads) == ["1-1"]
    beads = align(["", "苹果很甜。"], ["", "The apple is sweet."])
    assert_covers(beads, 2, 2)


def test_paragraph_anchors_are_respected():
    zp = [1] * 5 + [2] * 5
    ep = [1] * 5 + [2] * 5
    # a wrong-looking split across the boundary must not happen: beads stay inside paragraphs
    beads = align(ZH, EN[:4] + [EN[4] + " " + EN[5]] + EN[6:], zh_paragraphs=zp, en_paragraphs=[1] * 5 + [2] * 4)
    for b in beads:
        assert len({zp[i] for i in b.zh}) <= 1
    assert_covers(beads, 10, 9)
    with pytest.warns(AlignmentWarning, match="different paragraphs"):
        align(ZH, EN, zh_paragraphs=zp, en_paragraphs=[1] * 10)
    with pytest.raises(ValueError):
        align(ZH, EN, zh_paragraphs=[1], en_paragraphs=ep)


def test_extra_dictionary_pairs_help():
    zh = ["甲乙丙丁很好。", "天气不错。"]
    en = ["Quuxification works well.", "The weather is fine."]
    # a made-up term: only the extra pair links 甲乙丙丁 and quuxification
    plain = align(zh, en, options=AlignOptions(rounds=0))
    helped = align(zh, en, extra_dictionary=[("甲乙丙丁", "quuxification")], options=AlignOptions(rounds=0))
    assert types(plain) == types(helped) == ["1-1", "1-1"]
    assert helped[0].score > plain[0].score
    a = Aligner(AlignOptions(rounds=0))
    sim_plain = a.bead_features(zh, en)[1][0, 0]
    sim_helped = a.bead_features(zh, en, extra_dictionary=[("甲乙丙丁", "quuxification")])[1][0, 0]
    assert sim_helped > sim_plain + 0.2


def test_deterministic(seed_pairs):
    zh, en = seed_pairs[1]
    z = [s.text for s in zh.segments()]
    e = [s.text for s in en.segments()]
    assert align(z, e) == align(z, e)


def test_beads_make_units(seed_pairs):
    zh, en = seed_pairs[0]
    zs, es = zh.segments(), en.segments()
    beads = align([s.text for s in zs], [s.text for s in es],
                  zh_paragraphs=[int(s.id.split("/")[1]) for s in zs],
                  en_paragraphs=[int(s.id.split("/")[1]) for s in es])
    units = make_units(zh, en, [(b.zh, b.en, b.score) for b in beads], flags=[b.flags for b in beads])
    assert sorted(i for u in units for i in u.zh_ids) == sorted(s.id for s in zs)
    assert sorted(i for u in units for i in u.en_ids) == sorted(s.id for s in es)
    assert all(u.bead == b.type for u, b in zip(units, beads, strict=True))


sentences = st.lists(st.sampled_from(ZH + ["", "。", "1998年", "ABC"]), max_size=12)
en_sentences = st.lists(st.sampled_from(EN + ["", "?", "In 1998.", "ABC"]), max_size=12)


@settings(max_examples=40, deadline=None)
@given(sentences, en_sentences)
def test_coverage_invariant_on_arbitrary_input(zh, en):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        beads = align(zh, en)
    assert_covers(beads, len(zh), len(en))
