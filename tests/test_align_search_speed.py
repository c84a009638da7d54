"""The search's shortcuts find exactly the paths of the plain computation: the one-pass DP over
all bead types against the type-group-by-group DP it replaced, and the 1x1 segment's shortcut."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from seed_features import first_seed_features
from zhcorpus.align import aligner, beadscore
from zhcorpus.align import features as feat
from zhcorpus.align.search import (
    ALL_TYPES,
    COARSE_TYPES,
    NEG,
    Band,
    _lse0,
    band_from_path,
    dp,
    forward_backward,
)
from zhcorpus.align.similarity import BeadScorer, ScoreParams


def _grouped_dp(band: Band, types: Sequence[tuple[int, int]], scores: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The DP as it was: one pass per group of types with the same zh count."""
    lo, hi = band.lo, band.hi
    n = len(lo) - 1
    m = int(hi[n])
    width = scores.shape[2]
    pad = width + 5
    ks = np.arange(width)
    widths = hi - lo + 1
    best_all = np.full((n + 1, width + 2 * pad), NEG)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    skip = [k for k, (a, b) in enumerate(types) if a == 0 and b == 1]
    groups: dict[int, list[tuple[int, int]]] = {}
    for k, (a, b) in enumerate(types):
        if a > 0:
            groups.setdefault(a, []).append((k, b))
    plan = []
    for a, g in groups.items():
        bs = np.array([b for _, b in g])
        offs = np.zeros((n + 1, len(g)), dtype=np.int64)
        if n + 1 > a:
            offs[a:] = pad + np.clip(lo[a:, None] - bs[None, :] - lo[:-a, None], -pad, pad)
        plan.append((a, np.array([k for k, _ in g]), offs))
    for i in range(n + 1):
        best = np.full(width, NEG)
        arg = back[i]
        if i == 0 and lo[0] == 0:
            best[0] = 0.0
        for a, kidx, offs in plan:
            if i < a:
                continue
            cand = best_all[i - a][offs[i][:, None] + ks[None, :]] + scores[kidx, i]
            top = cand.argmax(axis=0)
            val = cand[top, ks]
            better = val > best
            best = np.where(better, val, best)
            arg[better] = kidx[top[better]]
        if skip:
            k = skip[0]
            s = np.where(ks < widths[i], scores[k, i], NEG / 4)
            s[0] = 0.0
            c = np.cumsum(s)
            run = np.maximum.accumulate(best - c) + c
            better = run > best + 1e-9
            best = np.where(better, run, best)
            arg[better] = k
        best[ks >= widths[i]] = NEG
        best_all[i, pad:pad + width] = best
    if best_all[n, pad + m - lo[n]] <= NEG / 2:
        raise RuntimeError("no path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = types[int(back[i, j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def _random_band(rng: np.random.Generator, top: int) -> tuple[int, int, Band, int]:
    """A random lattice of 1 … top-1 sentences a side: the full band, or a band around the diagonal."""
    n, m = int(rng.integers(1, top)), int(rng.integers(1, top))
    if rng.random() < 0.5:
        band = Band.full(n, m)
    else:
        diagonal = [(i, i + 1, min(i, m - 1), min(i + 1, m)) for i in range(min(n, m))]
        band = band_from_path(diagonal, 1, n, m, int(rng.integers(1, 3)))
    return n, m, band, int((band.hi - band.lo).max()) + 1


def _as_band_scores(scores: np.ndarray, rng: np.random.Generator, band: Band,
                    types: tuple[tuple[int, int], ...], null: float) -> None:
    """Make random *scores* look like band_scores' output: a tenth of the cells unreachable, null
    beads scoring *null* everywhere, cells outside the band or before a type fits at NEG."""
    width = scores.shape[2]
    scores[rng.random(scores.shape) < 0.1] = NEG
    jj = band.lo[:, None] + np.arange(width)[None, :]
    ii = np.arange(len(band.lo))[:, None] + 0 * jj
    for k, (a, b) in enumerate(types):
        if a + b == 1:
            scores[k] = null
        scores[k][(ii < a) | (jj < b) | (jj > band.hi[:, None])] = NEG


@pytest.mark.parametrize("types", [ALL_TYPES, COARSE_TYPES, ((2, 1), (1, 1), (0, 1), (1, 0), (3, 2), (1, 2))])
def test_one_pass_dp_finds_the_grouped_dps_path(types):
    rng = np.random.default_rng(7)
    for _ in range(300):
        n, m, band, width = _random_band(rng, 9)
        # small integers: many exact ties, so the tie rules are exercised too
        scores = rng.integers(-4, 3, size=(len(types), n + 1, width)).astype(float)
        _as_band_scores(scores, rng, band, types, -1.0)
        try:
            want = _grouped_dp(band, types, scores)
        except RuntimeError:
            with pytest.raises(RuntimeError):
                dp(band, types, scores)
            continue
        assert dp(band, types, scores) == want


@pytest.fixture(scope="module")
def doc() -> feat.DocFeatures:
    return first_seed_features(12, 12)


@pytest.mark.parametrize("params", [ScoreParams(), ScoreParams(skip=0.05), ScoreParams(skip=0.4), ScoreParams(skip=3.0),
                                    ScoreParams(weights=beadscore.default_weights(), typical=0.7),
                                    ScoreParams(weights=beadscore.default_weights(), typical=0.3, skip=0.5),
                                    ScoreParams(orphan_weight=0.5)])
def test_one_by_one_shortcut_matches_the_search(doc, params):
    seen = set()
    for i in range(len(doc.zh)):
        for j in range(len(doc.en)):
            g = doc.slice((i, i + 1), (j, j + 1))
            path, scorer = aligner.search_path(g, params, ratio=4.5)
            plain = BeadScorer(g, Band.full(1, 1), params, reach=6, ratio=4.5)
            assert path == dp(Band.full(1, 1), ALL_TYPES, plain.band_scores(ALL_TYPES))
            assert np.array_equal(aligner.bead_similarities(path, scorer), aligner.bead_similarities(path, plain))
            seen.add(len(path))
    if params.weights is None and params.skip == 0.05:
        assert 2 in seen  # two null beads win somewhere
    if params.weights is None and params.skip == 3.0:
        assert seen == {1}


def _old_log_run(b: np.ndarray, s: np.ndarray, reverse: bool) -> np.ndarray:
    """Log-sum over runs of 0-1 beads within a row: forward ``A[j] = lse(B[j], A[j-1] + s[j])``,
    backward ``A[j] = lse(B[j], A[j+1] + s[j+1])`` (``s[0]`` is ignored)."""
    c = np.cumsum(np.concatenate([[0.0], s[1:]]))
    if not reverse:
        return np.logaddexp.accumulate(b - c) + c
    return np.logaddexp.accumulate((b + c)[::-1])[::-1] - c


def _old_forward_backward(band: Band, types: Sequence[tuple[int, int]], scores: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, float]:
    """Log forward and backward sums over all monotone paths inside *band*, with bead scores as
    log-potentials: ``alpha[i, k]`` sums the paths from (0, 0) to (i, lo[i] + k), ``beta[i, k]``
    those from there to the end; and the log total. The posterior of a bead is
    ``exp(alpha[start] + score + beta[end] - total)``."""
    lo, hi = band.lo, band.hi
    n = len(lo) - 1
    m = int(hi[n])
    width = scores.shape[2]
    pad = width + 5
    ks = np.arange(width)
    inside = ks[None, :] < (hi - lo + 1)[:, None]
    skip = [k for k, (a, b) in enumerate(types) if a == 0 and b == 1]
    kidx = np.array([k for k, (a, _b) in enumerate(types) if a > 0])
    rows = np.array([types[k][0] for k in kidx])
    cols = np.array([types[k][1] for k in kidx])
    # offs[i, t]: where row i-a's columns start relative to row i's, minus b (0 where i < a)
    prev = np.maximum(np.arange(n + 1)[:, None] - rows[None, :], 0)
    offs = np.clip(lo[:, None] - cols[None, :] - lo[prev], -pad, pad)
    scp = np.full((len(types), n + 1, width + 2 * pad), -np.inf)  # padded so shifts stay inside
    scp[:, :, pad:pad + width] = np.where(scores <= NEG / 2, -np.inf, scores)
    sc = scp[:, :, pad:pad + width]
    alpha = np.full((n + 1, width + 2 * pad), -np.inf)
    beta = np.full((n + 1, width + 2 * pad), -np.inf)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(n + 1):
            ok = rows <= i
            acc = np.full(width, -np.inf)
            if ok.any():
                acc = _lse0(alpha[i - rows[ok, None], pad + offs[i, ok, None] + ks[None, :]] + sc[kidx[ok], i])
            if i == 0 and lo[0] == 0:
                acc[0] = np.logaddexp(acc[0], 0.0)
            if skip:
                acc = _old_log_run(acc, np.where(inside[i], sc[skip[0], i], -1e4), reverse=False)
            acc[~inside[i]] = -np.inf
            alpha[i, pad:pad + width] = acc
        for i in range(n, -1, -1):
            ok = i + rows <= n
            nxt = i + rows[ok]  # a bead (a, b) from (i, lo[i]+k) ends at (i+a, lo[i]+k+b)
            cand = (beta[nxt] + scp[kidx[ok], nxt])[np.arange(len(nxt))[:, None],
                                                     pad - offs[nxt, np.flatnonzero(ok), None] + ks[None, :]]
            acc = _lse0(cand) if len(nxt) else np.full(width, -np.inf)
            if i == n:
                acc[m - lo[n]] = np.logaddexp(acc[m - lo[n]], 0.0)
            if skip:
                acc = _old_log_run(acc, np.where(inside[i], sc[skip[0], i], -1e4), reverse=True)
            acc[~inside[i]] = -np.inf
            beta[i, pad:pad + width] = acc
    alpha, beta = alpha[:, pad:pad + width], beta[:, pad:pad + width]
    return alpha, beta, float(alpha[n, m - lo[n]])


def test_forward_backward_sums_are_the_per_row_ones():
    """The forward-backward sums with the rows' 0-1 runs prepared at once and the backward pass
    gathering before it adds: the same bits as the per-row computation it replaced."""
    rng = np.random.default_rng(11)
    for _ in range(200):
        n, m, band, width = _random_band(rng, 10)
        scores = rng.normal(-1, 2, size=(len(ALL_TYPES), n + 1, width))
        _as_band_scores(scores, rng, band, ALL_TYPES, -0.8)
        want = _old_forward_backward(band, ALL_TYPES, scores)
        got = forward_backward(band, ALL_TYPES, scores)
        assert np.array_equal(got[0], want[0], equal_nan=True) and np.array_equal(got[1], want[1], equal_nan=True)
        assert np.array_equal(got[2], want[2], equal_nan=True)
