"""The stacked search of small segments finds exactly the one-by-one search's paths and similarities."""

from __future__ import annotations

import numpy as np
import pytest

from seed_features import first_seed_features
from zhcorpus.align import aligner, batched
from zhcorpus.align import features as feat
from zhcorpus.align.hits import full_hits, pair_hits
from zhcorpus.align.search import ALL_TYPES, Band, dp
from zhcorpus.align.similarity import BeadScorer, ScoreParams


@pytest.fixture(scope="module")
def doc() -> feat.DocFeatures:
    return first_seed_features(14, 14)


def _segments(doc: feat.DocFeatures, rng: np.random.Generator, count: int) -> list[batched.Segment]:
    """Random sub-rectangles of 1 … 12 sentences a side."""
    out = []
    for _ in range(count):
        n, m = int(rng.integers(1, 13)), int(rng.integers(1, 13))
        z0, e0 = int(rng.integers(0, len(doc.zh) - n + 1)), int(rng.integers(0, len(doc.en) - m + 1))
        out.append(((z0, z0 + n), (e0, e0 + m)))
    return out


def test_full_hits_are_pair_hits_of_the_full_band(doc):
    rng = np.random.default_rng(5)
    segs = _segments(doc, rng, 60)
    z0, z1, e0, e1 = (np.array(v, dtype=np.int64) for v in zip(*((a, b, c, d) for (a, b), (c, d) in segs), strict=True))
    for ((a, b), (c, d)), (zh, en) in zip(segs, full_hits(doc, z0, z1, e0, e1), strict=True):
        want_zh, want_en = pair_hits(doc.slice((a, b), (c, d)), np.zeros(b - a, dtype=np.int64), d - c + 1)
        assert np.array_equal(zh, want_zh[:, :d - c]) and not want_zh[:, d - c].any()
        assert np.array_equal(en, want_en[:, :d - c]) and not want_en[:, d - c].any()


@pytest.mark.parametrize("params", [ScoreParams(), ScoreParams(skip=0.05), ScoreParams(skip=0.5),
                                    ScoreParams(skip=3.0, typical=0.8)])
def test_stacked_search_is_the_one_by_one_search(doc, params):
    rng = np.random.default_rng(3)
    segs = _segments(doc, rng, 40)
    assert all(batched.suits(doc, seg, params) for seg in segs)
    got = batched.search_full(doc, segs, params, 4.5)
    for ((z0, z1), (e0, e1)), (path, sims) in zip(segs, got, strict=True):
        g = doc.slice((z0, z1), (e0, e1))
        want, scorer = aligner.search_path(g, params, ratio=4.5)
        assert path == want
        assert np.array_equal(sims, aligner.bead_similarities(want, scorer))
        plain = BeadScorer(g, Band.full(len(g.zh), len(g.en)), params, reach=6, ratio=4.5)
        assert path == dp(plain.band, ALL_TYPES, plain.band_scores(ALL_TYPES))


def test_only_plain_small_segments_are_stacked(doc, monkeypatch):
    seg = ((0, 3), (0, 3))
    assert batched.suits(doc, seg, ScoreParams())
    assert not batched.suits(doc, seg, ScoreParams(orphan_weight=0.5))
    assert not batched.suits(doc, seg, ScoreParams(weights=tuple(range(32))))
    assert not batched.suits(doc, ((0, 0), (0, 3)), ScoreParams())
    assert not batched.suits(doc, ((0, batched.MAX_SIDE + 1), (0, 3)), ScoreParams())
    monkeypatch.setattr(batched, "CHUNK_TOKENS", 5)  # more zh tokens than one chunk of pair_hits
    assert not batched.suits(doc, seg, ScoreParams())


def test_length_sums_are_the_slices_sums(doc):
    rng = np.random.default_rng(9)
    for units in (doc.zh, doc.en, feat.Units(doc.zh.indptr, doc.zh.ids, doc.zh.weights,
                                             doc.zh.lengths / 3.0, doc.zh.mass)):  # not whole numbers: sums
        total = units.length_sum()
        for _ in range(200):
            a = int(rng.integers(0, len(units) + 1))
            b = int(rng.integers(a, len(units) + 1))
            got, want = total(a, b), float(units.lengths[a:b].sum())
            assert type(got) is float and np.float64(got).tobytes() == np.float64(want).tobytes()


def test_small_stacks_find_the_same(doc, monkeypatch):
    segs = _segments(doc, np.random.default_rng(11), 30)
    whole = batched.search_full(doc, segs, ScoreParams(), 4.5)
    monkeypatch.setattr(batched, "STACK_CELLS", 60)  # a few segments to a stack, some alone
    split = batched.search_full(doc, segs, ScoreParams(), 4.5)
    for (p, s), (q, t) in zip(whole, split, strict=True):
        assert p == q and np.array_equal(s, t)
