"""apply_corrections: fixed beads stay fixed, only the sentences around them are re-aligned,
stale corrections are reported and skipped, a later action wins over an earlier one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from zhcorpus.align.bead import Bead
from zhcorpus.review.apply import apply_corrections
from zhcorpus.review.corrections import Correction, bead_correction, edit_correction


@dataclass
class S:
    id: str
    text: str


ZH = [S(f"d.zh/1/{i}", f"中{i}") for i in range(1, 7)]
EN = [S(f"d.en/1/{i}", f"E{i}") for i in range(1, 7)]
BEADS = [Bead((i,), (i,), 0.9) for i in range(6)]


def pairs(beads):
    return [(b.zh, b.en) for b in beads]


class Realign:
    """1-1 in order, the rest one-sided; counts its calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, zi, ei):
        self.calls.append((tuple(zi), tuple(ei)))
        n = min(len(zi), len(ei))
        return ([Bead((k,), (k,), 0.5) for k in range(n)] + [Bead((k,), (), 0.0) for k in range(n, len(zi))]
                + [Bead((), (k,), 0.0) for k in range(n, len(ei))])


def fix(n, zi, ei, kind="bead", zh=ZH, en=EN):
    return bead_correction(n, kind, [(zh[i].id, zh[i].text) for i in zi], [(en[j].id, en[j].text) for j in ei])


def test_no_corrections_keeps_beads():
    r = apply_corrections(ZH, EN, BEADS, [], Realign())
    assert r.beads == BEADS and not r.stale


def test_merge_fixes_one_bead_and_touches_nothing_else():
    rl = Realign()
    r = apply_corrections(ZH, EN, BEADS, [fix(1, [1, 2], [1, 2])], rl)
    assert pairs(r.beads) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,))]
    assert r.beads[1].flags == ("reviewed",) and r.beads[1].score == 1.0
    assert r.beads[0].score == 0.9 and not rl.calls


def test_leftovers_are_realigned_between_fixed_beads():
    beads = [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.3), Bead((3,), (2, 3), 0.4), Bead((4, 5), (4, 5), 0.9)]
    rl = Realign()
    r = apply_corrections(ZH, EN, beads, [fix(1, [2], [2])], rl)
    # the fixed bead cuts beads 1 and 2: leftovers 1|1 before it, 3|3 after it, each re-aligned
    assert pairs(r.beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4, 5), (4, 5))]
    assert rl.calls == [((1,), (1,)), ((3,), (3,))]
    assert [b.flags for b in r.beads][2] == ("reviewed",)


def test_omission_and_empty_sides():
    r = apply_corrections(ZH, EN, BEADS, [fix(1, [2], [], "omission"), fix(1, [], [2], "omission")], Realign())
    assert ((2,), ()) in pairs(r.beads) and ((), (2,)) in pairs(r.beads)
    assert [i for b in r.beads for i in b.zh] == list(range(6))


def test_stale_when_text_changed_or_sentence_gone():
    c = fix(1, [1, 2], [1, 2])
    zh2 = list(ZH)
    zh2[2] = S(ZH[2].id, "改了")
    r = apply_corrections(zh2, EN, BEADS, [c], Realign())
    assert r.beads == BEADS and r.stale == [(c, "the text of its sentences changed")]
    r = apply_corrections(ZH[:2], EN[:2], BEADS[:2], [c], Realign())
    assert "no longer exists" in r.stale[0][1]


def test_later_action_supersedes_overlapping_earlier_one():
    merge = fix(1, [1, 2], [1, 2])
    split_a, split_b = fix(2, [1], [1]), fix(2, [2], [2])
    r = apply_corrections(ZH, EN, BEADS, [merge, split_a, split_b], Realign())
    assert pairs(r.beads)[1:3] == [((1,), (1,)), ((2,), (2,))]
    assert r.superseded == [merge] and len(r.applied) == 2


def test_crossing_fixed_beads_keep_the_later():
    a, b = fix(1, [1], [2]), fix(2, [2], [1])
    r = apply_corrections(ZH, EN, BEADS, [a, b], Realign())
    assert r.superseded == [a] and ((2,), (1,)) in pairs(r.beads)
    assert [j for bd in r.beads for j in bd.en] == list(range(6))


def test_edit_applies_and_goes_stale():
    e = edit_correction(1, EN[3].id, "E4", "E four")
    assert apply_corrections(ZH, EN, BEADS, [e], Realign()).edits == {3: "E four"}
    e2 = edit_correction(2, EN[3].id, "E4 old", "x")
    r = apply_corrections(ZH, EN, BEADS, [e2], Realign())
    assert not r.edits and r.stale[0][0] is e2


def test_idempotent_on_its_own_output():
    cs = [fix(1, [1, 2], [1]), fix(2, [], [2], "omission")]
    first = apply_corrections(ZH, EN, BEADS, cs, Realign())
    again = apply_corrections(ZH, EN, first.beads, cs, Realign())
    assert again.beads == first.beads


def test_bad_correction_lines_are_rejected():
    with pytest.raises(ValueError):
        Correction.from_dict({"n": 1, "kind": "omission", "zh": ["a"], "en": ["b"], "hash": "x"})
    with pytest.raises(ValueError):
        Correction.from_dict({"n": 0, "kind": "bead", "zh": ["a"], "en": [], "hash": "x"})
    c = fix(3, [0], [0], "approve")
    assert Correction.from_dict(c.to_dict()) == c
