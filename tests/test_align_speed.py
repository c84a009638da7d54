"""The aligner's shortcuts give exactly what the plain computation gives: the whole-lattice bead
scores, and the per-process memos of sentence tokens and glossary terms."""

from __future__ import annotations

import numpy as np
import pytest

from seed_features import first_seed_features
from zhcorpus.align import beadscore, similarity
from zhcorpus.align import features as feat
from zhcorpus.align.api import Aligner
from zhcorpus.align.cedict import load_cedict
from zhcorpus.align.search import ALL_TYPES, COARSE_TYPES, Band, band_from_path
from zhcorpus.align.similarity import BeadScorer, ScoreParams
from zhcorpus.memo import BoundedMemo


@pytest.fixture(scope="module")
def doc() -> feat.DocFeatures:
    return first_seed_features(40, 44)


def _bands(n: int, m: int) -> list[Band]:
    diagonal = [(i, i + 1, min(i, m - 1), min(i + 1, m)) for i in range(min(n, m))]
    return [Band.full(n, m), band_from_path(diagonal, 1, n, m, 8), band_from_path(diagonal, 1, n, m, 2)]


@pytest.mark.parametrize("learned", [False, True])
@pytest.mark.parametrize("types", [ALL_TYPES, COARSE_TYPES])
def test_whole_lattice_scores_are_bit_identical(doc, types, learned, monkeypatch):
    n, m = len(doc.zh), len(doc.en)
    params = ScoreParams(weights=beadscore.default_weights(), typical=0.6) if learned else ScoreParams()
    for band in _bands(n, m):
        scorer = BeadScorer(doc, band, params, reach=max(max(t) for t in types))
        fast = scorer.band_scores(types)
        monkeypatch.setattr(similarity._GridScores, "suits", classmethod(lambda cls, s, w: False))
        plain_scorer = BeadScorer(doc, band, params, reach=max(max(t) for t in types))
        plain = plain_scorer.band_scores(types)
        assert scorer._lattice() is not None and plain_scorer._lattice() is None
        monkeypatch.undo()
        assert fast.shape == plain.shape
        assert np.array_equal(fast, plain)  # every bit, NEG outside the band included


def test_grid_is_not_used_for_orphan_scores(doc):
    n, m = len(doc.zh), len(doc.en)
    params = ScoreParams(orphan_weight=0.5)
    scorer = BeadScorer(doc, Band.full(n, m), params)
    assert not similarity._GridScores.suits(scorer, m + 1)
    assert similarity._GridScores.suits(BeadScorer(doc, Band.full(n, m), ScoreParams()), m + 1)


def test_memos_change_nothing():
    d = load_cedict()
    zh = ["苹果很甜。", "小狗在跑。", "苹果很甜。"]
    en = ["The apple is sweet.", "The puppy runs.", "The apple is sweet."]
    extra = {"小狗": {"puppi": 1.0}}
    first = feat.build_features(zh, en, d, extra=extra)
    again = feat.build_features(zh, en, d, extra=extra)  # every sentence now from the memos
    feat._DICTIONARY_MEMOS.clear()
    feat._TERMS.clear()
    fresh = feat.build_features(zh, en, d, extra=extra)
    for f in (again, fresh):
        assert f.zh_vocab == first.zh_vocab and f.en_vocab == first.en_vocab and f.table == first.table
        for side in ("zh", "en"):
            a, b = getattr(f, side), getattr(first, side)
            assert np.array_equal(a.ids, b.ids) and np.array_equal(a.weights, b.weights)
            assert np.array_equal(a.mass, b.mass)
    assert "小狗" in first.zh_vocab


def test_memo_is_bounded():
    memo: BoundedMemo[str, int] = BoundedMemo(size=3)
    for k in "abcde":
        assert memo.get(k, lambda k=k: ord(k)) == ord(k)
    assert list(memo.data) == ["c", "d", "e"]


def test_glossary_table_is_made_once():
    pairs = [("小狗", "puppy")]
    a = Aligner(dictionary=load_cedict())
    assert a.features(["小狗在跑。"], ["The puppy runs."], pairs).table == \
        a.features(["小狗在跑。"], ["The puppy runs."], list(pairs)).table
    from zhcorpus.align import api

    assert api._extra_table(iter(pairs)) is api._extra_table(list(pairs))


def test_similarities_read_from_the_lattice_are_bit_identical(doc):
    n, m = len(doc.zh), len(doc.en)
    scorer = BeadScorer(doc, Band.full(n, m), ScoreParams())
    scorer.band_scores(ALL_TYPES)
    assert scorer._grid is not None
    plain = BeadScorer(doc, Band.full(n, m), ScoreParams())
    for a, b in [(1, 1), (1, 2), (2, 1), (3, 3)]:
        i, j = np.meshgrid(np.arange(a, n + 1), np.arange(b, m + 1), indexing="ij")
        i, j = i.ravel(), j.ravel()
        assert np.array_equal(scorer.similarity(i, j, a, b), plain.parts(i, j, a, b)[0])


@pytest.mark.parametrize("learned", [False, True])
def test_single_bead_scores_read_from_the_lattice_are_bit_identical(doc, learned, monkeypatch):
    """score() and similarity() of a few beads (the omission check's questions) read the lattice
    once it is made: the same bits as the per-bead computation."""
    n, m = len(doc.zh), len(doc.en)
    params = ScoreParams(weights=beadscore.default_weights(), typical=0.6) if learned else ScoreParams()
    band = _bands(n, m)[1]
    lattice = BeadScorer(doc, band, params)
    monkeypatch.setattr(similarity._GridScores, "suits", classmethod(lambda cls, s, w: False))
    plain = BeadScorer(doc, band, params)
    assert plain._lattice() is None
    monkeypatch.undo()
    assert lattice._lattice() is not None
    rng = np.random.default_rng(3)
    for a, b in ALL_TYPES:
        if a == 0 or b == 0:
            continue
        i, j = rng.integers(a, n + 1, size=5), rng.integers(b, m + 1, size=5)
        assert np.array_equal(lattice.score(i, j, a, b), plain.score(i, j, a, b))
        assert np.array_equal(lattice.similarity(i, j, a, b), plain.similarity(i, j, a, b))


def test_translation_table_is_the_per_word_one():
    """The table built from the per-dictionary memo of word translations is the one built word by
    word from the dictionary (glossary terms, a Latin glossary term and repeated stems included)."""
    d = load_cedict()
    zh = ["苹果很甜，GDP增长了。", "小狗在跑，打球。", "发展经济。"]
    en = ["The apple is sweet and GDP grew.", "The puppy runs and plays ball.", "Develop the economy."]
    extra = {"小狗": {"puppi": 1.0, "dog": 0.5}, "GDP": {"gdp": 1.0, "product": 1.0}, "发展": {"develop": 0.7}}
    for ex in (None, extra):
        f = feat.build_features(zh, en, d, extra=ex)
        eid = {t: k for k, t in enumerate(f.en_vocab)}
        want = []
        for t in f.zh_vocab:
            if t.startswith(("#", "py:", "p:")) or t.isascii():
                cands = {t: 1.0}
            else:
                cands = dict.fromkeys(d.translations(t), 1.0)
                if ex and t in ex:
                    cands.update(ex[t])
            want.append({eid[s]: q for s, q in cands.items() if s in eid})
        assert f.table == want
        assert [list(t.items()) for t in f.table] == [list(t.items()) for t in want]  # the same order too


def test_dense_unique_is_numpys_unique():
    """The vocabulary-mask unique/inverse of the hit tables is ``np.unique``'s, and leaves its mask clean."""
    from zhcorpus.align.hits import _dense_unique

    rng = np.random.default_rng(5)
    mark, pos = np.zeros(50, dtype=bool), np.empty(50, dtype=np.int64)
    for size in (1, 2, 7, 60, 300):
        x = rng.integers(0, 50, size=size)
        u, inv = _dense_unique(x, mark, pos)
        want_u, want_inv = np.unique(x, return_inverse=True)
        assert np.array_equal(u, want_u) and np.array_equal(inv, want_inv)
        assert not mark.any()


@pytest.mark.parametrize("chunk", [5, 600])
def test_pair_hits_are_the_per_pair_sums(doc, chunk, monkeypatch):
    """Every cell of the hit tables is the saturated per-token sum of its definition (one chunk or many)."""
    from zhcorpus.align import hits

    monkeypatch.setattr(hits, "CHUNK_TOKENS", chunk)
    starts = np.maximum(0, np.arange(len(doc.zh)) - 3)
    zh_hit, en_hit = hits.pair_hits(doc, starts, 6)
    for z in range(len(doc.zh)):
        a, b = doc.zh.indptr[z], doc.zh.indptr[z + 1]
        zt, zw = doc.zh.ids[a:b], doc.zh.weights[a:b]
        for k in range(6):
            e = starts[z] + k
            if e >= len(doc.en):
                assert zh_hit[z, k] == 0 and en_hit[z, k] == 0
                continue
            c, d = doc.en.indptr[e], doc.en.indptr[e + 1]
            stems: dict[int, float] = {}
            for s_, w_ in zip(doc.en.ids[c:d].tolist(), doc.en.weights[c:d].tolist(), strict=True):
                stems[s_] = stems.get(s_, 0.0) + w_
            zl = sum(w * min(1.0, sum(q for s, q in doc.table[t].items() if s in stems)) for t, w in zip(zt, zw, strict=True))
            el = sum(w * min(1.0, sum(doc.table[t].get(s, 0.0) for t in zt)) for s, w in stems.items())
            assert zh_hit[z, k] == pytest.approx(zl) and en_hit[z, k] == pytest.approx(el)


def test_reweighted_table_keeps_every_word_entries_in_order(doc):
    """With nothing to change, self-training's rebuilt table is the table it started from (the same
    entries, values and order for every word, empty words included)."""
    from zhcorpus.align.selftrain import SelfTrainParams, reweighted

    beads = [([i], [i]) for i in range(min(len(doc.zh), len(doc.en)))]
    same = reweighted(doc, beads, SelfTrainParams(min_word_count=10**9, min_pair_count=10**9))
    assert [list(t.items()) for t in same.table] == [list(t.items()) for t in doc.table]
    assert any(not t for t in doc.table) and any(len(t) > 1 for t in doc.table)
    changed = reweighted(doc, beads, SelfTrainParams())
    assert changed.table != doc.table  # the defaults do change weights (the test is not vacuous)
