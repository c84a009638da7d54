"""Banded dynamic programming over beads, and coarse-to-fine search for linear cost.

The lattice point (i, j) means "i zh and j en sentences consumed". A band gives, for every row i,
the allowed columns ``lo[i] … hi[i]``; a bead type (a, b) leads from (i-a, j-b) to (i, j). Bead
scores for the whole band are computed up front (vectorised), then rows are filled in order, so
the cost is O(rows × band width × bead types). Coarse-to-fine: the document is aligned at halving
resolutions (blocks of 2, 4, 8 … sentences); the path found at one level, widened by a margin,
is the band of the next finer level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NEG = -1e18

# (zh count, en count)
ALL_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (1, 3), (3, 1),
                                          (2, 2), (1, 4), (4, 1), (2, 3), (3, 2), (1, 5), (1, 6), (2, 4),
                                          (3, 3))
COARSE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))

Path = list[tuple[int, int, int, int]]  # beads as (i0, i1, j0, j1)


@dataclass
class Band:
    """Allowed columns per lattice row: ``lo[i] <= j <= hi[i]`` for ``i in 0..n``."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        """Every lattice point (for small problems)."""
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    def cells(self) -> int:
        """Number of lattice points in the band."""
        return int((self.hi - self.lo + 1).sum())


def dp(band: Band, types: Sequence[tuple[int, int]], scores: np.ndarray) -> Path:
    """Best monotone path from (0, 0) to (n, hi[n]) inside *band*, given ``scores[type, i, k]``
    of the bead of each type ending at (i, lo[i] + k)."""
    lo, hi = band.lo, band.hi
    n = len(lo) - 1
    m = int(hi[n])
    width = scores.shape[2]
    pad = width + 5
    ks = np.arange(width)
    widths = hi - lo + 1
    best_all = np.full((n + 1, width + 2 * pad), NEG)  # padded with NEG so shifts are slices
    back = np.full((n + 1, width), -1, dtype=np.int8)
    skip = [k for k, (a, b) in enumerate(types) if a == 0 and b == 1]
    groups: dict[int, list[tuple[int, int]]] = {}  # rows back -> [(type index, columns back)]
    for k, (a, b) in enumerate(types):
        if a > 0:
            groups.setdefault(a, []).append((k, b))
    plan = []
    for a, g in groups.items():
        bs = np.array([b for _, b in g])
        offs = np.zeros((n + 1, len(g)), dtype=np.int64)  # where row i-a's columns start
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
            run = np.maximum.accumulate(best - c) + c  # best[j] = max(best[j], best[j-1] + s[j])
            better = run > best + 1e-9
            best = np.where(better, run, best)
            arg[better] = k
        best[ks >= widths[i]] = NEG
        best_all[i, pad:pad + width] = best
    best_all = best_all[:, pad:pad + width]
    if best_all[n, m - lo[n]] <= NEG / 2:
        raise RuntimeError("no path inside the band")
    path: Path = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = types[int(back[i, j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def band_from_path(path: Path, factor: int, n: int, m: int, margin: int) -> Band:
    """The band at a finer level (units *factor* times smaller) around a coarse path."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path:
        a0, a1 = min(i0 * factor, n), min(i1 * factor, n)
        b0, b1 = min(j0 * factor, m), min(j1 * factor, m)
        lo[a0:a1 + 1] = np.minimum(lo[a0:a1 + 1], b0)
        hi[a0:a1 + 1] = np.maximum(hi[a0:a1 + 1], b1)
    lo = np.maximum(lo - margin, 0)
    hi = np.minimum(hi + margin, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # non-decreasing
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    return Band(lo, hi)
