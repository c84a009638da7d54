"""Forward-backward over the search band: sums and bead posteriors agree with enumerating every path."""

from __future__ import annotations

import numpy as np
import pytest

from zhcorpus.align.search import (
    ALL_TYPES,
    NEG,
    Band,
    band_from_path,
    bead_log_posteriors,
    forward_backward,
)

TYPES = ALL_TYPES[:8]


def _scores(band: Band, rng: np.random.Generator) -> np.ndarray:
    n = len(band.lo) - 1
    width = int((band.hi - band.lo).max()) + 1
    scores = rng.normal(size=(len(TYPES), n + 1, width))
    for i in range(n + 1):
        for k in range(width):
            j = band.lo[i] + k
            for t, (a, b) in enumerate(TYPES):
                if j > band.hi[i] or i < a or j < b:
                    scores[t, i, k] = NEG
    return scores


def _paths(band: Band, scores: np.ndarray) -> list[tuple[float, list[tuple[int, int, int, int]]]]:
    """Every path through the band with its total score (brute force)."""
    n, m = len(band.lo) - 1, int(band.hi[-1])
    out = []

    def walk(i: int, j: int, total: float, beads: list) -> None:
        if (i, j) == (n, m):
            out.append((total, beads))
            return
        for t, (a, b) in enumerate(TYPES):
            i1, j1 = i + a, j + b
            if i1 <= n and j1 <= m and band.lo[i1] <= j1 <= band.hi[i1]:
                s = scores[t, i1, j1 - band.lo[i1]]
                if s > NEG / 2:
                    walk(i1, j1, total + s, [*beads, (i, i1, j, j1)])

    walk(0, 0, 0.0, [])
    return out


@pytest.mark.parametrize("seed", range(6))
def test_forward_backward_matches_enumeration(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    band = Band.full(n, m) if seed % 2 else band_from_path([(0, n, 0, m)], 1, n, m, 1)
    scores = _scores(band, rng)
    alpha, beta, total = forward_backward(band, TYPES, scores)
    paths = _paths(band, scores)
    assert total == pytest.approx(np.logaddexp.reduce([s for s, _ in paths]))
    assert beta[0, 0] == pytest.approx(total)
    post = np.exp(bead_log_posteriors(band, TYPES, scores, alpha, beta, total))
    weight = np.exp(np.array([s for s, _ in paths]) - total)
    for t, (a, b) in enumerate(TYPES):  # each bead's posterior is the weight of the paths using it
        for i in range(n + 1):
            for k in range(scores.shape[2]):
                j = band.lo[i] + k
                bead = (i - a, i, j - b, j)
                want = sum(w for w, (_, beads) in zip(weight, paths, strict=True) if bead in beads)
                assert post[t, i, k] == pytest.approx(want, abs=1e-9)
