"""Banded dynamic programming over beads, and coarse-to-fine search for linear cost.

The lattice point (i, j) means "i zh and j en sentences consumed". A band gives, for every row i,
the allowed columns ``lo[i] … hi[i]``; a bead type (a, b) leads from (i-a, j-b) to (i, j). Bead
scores for the whole band are computed up front (vectorised), then rows are filled in order, so
the cost is O(rows × band width × bead types). Coarse-to-fine: the document is aligned at halving
resolutions (blocks of 2, 4, 8 … sentences); the path found at one level, widened by a margin,
is the band of the next finer level. :func:`forward_backward` sums over all paths of a band
instead of maximising, which gives each bead's posterior probability (the confidence score's
main feature).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    skip, kidx, rows, cols, top_a = type_plan(tuple(types))
    stride = width + 2 * pad
    flat = best_all.reshape(-1)  # a view: rows written below are read back through it
    prev = np.maximum(np.arange(n + 1)[:, None] - rows[None, :], 0)
    # where row i-a's columns start in the flat table (row i's column 0, minus b)
    start = prev * stride + pad + np.clip(lo[:, None] - cols[None, :] - lo[prev], -pad, pad)
    outside = ks[None, :] >= widths[:, None]
    if skip:  # each row's run of 0-1 beads: its scores' running sums (every row at once)
        steps = np.where(outside, NEG / 4, scores[skip[0]])
        steps[:, 0] = 0.0
        sums = np.cumsum(steps, axis=1)
    for i in range(n + 1):
        best = np.full(width, NEG)
        arg = back[i]
        if i == 0 and lo[0] == 0:
            best[0] = 0.0
        if i >= top_a:
            sel, kk = start[i], kidx
        else:
            on = rows <= i
            sel, kk = start[i][on], kidx[on]
        if len(kk):
            cand = flat[sel[:, None] + ks[None, :]] + scores[kk, i]
            top = cand.argmax(axis=0)
            val = cand[top, ks]
            better = val > best
            best = np.where(better, val, best)
            arg[better] = kk[top[better]]
        if skip:
            c = sums[i]
            run = np.maximum.accumulate(best - c) + c  # best[j] = max(best[j], best[j-1] + s[j])
            better = run > best + 1e-9
            best = np.where(better, run, best)
            arg[better] = skip[0]
        best[outside[i]] = NEG
        best_all[i, pad:pad + width] = best
    return trace_back(best_all[n, pad + m - lo[n]], back, lo, m, types)


def trace_back(final: float, back: np.ndarray, lo: np.ndarray, m: int, types: Sequence[tuple[int, int]]) -> Path:
    """The path :func:`dp` found: from (n, m) (its best score *final*) back to (0, 0) by the bead
    types stored in ``back[i, j - lo[i]]``."""
    if final <= NEG / 2:
        raise RuntimeError("no path inside the band")
    path: Path = []
    i, j = len(lo) - 1, m
    while i > 0 or j > 0:
        a, b = types[int(back[i, j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


@lru_cache(maxsize=8)
def type_plan(types: tuple[tuple[int, int], ...]) -> tuple[tuple[int, ...], np.ndarray, np.ndarray, np.ndarray, int]:
    """:func:`dp`'s order of the bead types: the 0-1 type (if any); every type with a > 0 grouped
    by rows back (in order of first appearance), then in type order (the first maximum over this
    order is the bead a group-by-group maximum keeps), with its a and b; the largest a."""
    skip = tuple(k for k, (a, b) in enumerate(types) if a == 0 and b == 1)
    first = {a: r for r, a in reversed(list(enumerate(a for a, _ in types)))}
    order = sorted((k for k, (a, _b) in enumerate(types) if a > 0), key=lambda k: (first[types[k][0]], k))
    rows = np.array([types[k][0] for k in order], dtype=np.int64)
    cols = np.array([types[k][1] for k in order], dtype=np.int64)
    for arr in (rows, cols):
        arr.flags.writeable = False
    kidx = np.array(order, dtype=np.int64)
    kidx.flags.writeable = False
    return skip, kidx, rows, cols, int(rows.max()) if len(rows) else 0


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


def forward_backward(band: Band, types: Sequence[tuple[int, int]], scores: np.ndarray
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
    kidx = np.array([k for k, (a, _b) in enumerate(types) if a > 0], dtype=np.int64)
    rows = np.array([types[k][0] for k in kidx], dtype=np.int64)
    cols = np.array([types[k][1] for k in kidx], dtype=np.int64)
    # offs[i, t]: where row i-a's columns start relative to row i's, minus b (0 where i < a)
    prev = np.maximum(np.arange(n + 1)[:, None] - rows[None, :], 0)
    offs = np.clip(lo[:, None] - cols[None, :] - lo[prev], -pad, pad)
    scp = np.full((len(types), n + 1, width + 2 * pad), -np.inf)  # padded so shifts stay inside
    scp[:, :, pad:pad + width] = np.where(scores <= NEG / 2, -np.inf, scores)
    sc = scp[:, :, pad:pad + width]
    alpha = np.full((n + 1, width + 2 * pad), -np.inf)
    beta = np.full((n + 1, width + 2 * pad), -np.inf)
    outside = ~inside
    runs = None
    if skip:  # each row's running sums of its 0-1 bead scores, all rows at once
        steps = np.where(inside, sc[skip[0]], -1e4)
        steps[:, 0] = 0.0
        runs = np.cumsum(steps, axis=1)
    top = int(rows.max()) if len(rows) else 0
    stride = width + 2 * pad
    # every row's gathers at once (row i < a reads row 0: never used, those types are left out)
    ii = np.arange(n + 1)[:, None]
    fwd = ((np.maximum(ii - rows[None, :], 0) * stride + pad + offs)[:, :, None] + ks[None, None, :])
    fwd_sc = sc[kidx].transpose(1, 0, 2)  # [i, type, k]
    nxt = np.minimum(ii + rows[None, :], n)  # a bead (a, b) from (i, lo[i]+k) ends at (i+a, lo[i]+k+b)
    at = pad - offs[nxt, np.arange(len(rows))[None, :]][:, :, None] + ks[None, None, :]  # its end's column, padded
    bwd = nxt[:, :, None] * stride + at
    bwd_sc = scp.reshape(-1)[((kidx[None, :] * (n + 1) + nxt) * stride)[:, :, None] + at]  # scp[type, nxt, at]
    alpha_flat, beta_flat = alpha.reshape(-1), beta.reshape(-1)  # views: rows written below are read back
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(n + 1):
            acc = np.full(width, -np.inf)
            if i >= top:
                if len(rows):
                    acc = _lse0(alpha_flat[fwd[i]] + fwd_sc[i])
            else:
                ok = rows <= i
                if ok.any():
                    acc = _lse0(alpha_flat[fwd[i][ok]] + fwd_sc[i][ok])
            if i == 0 and lo[0] == 0:
                acc[0] = np.logaddexp(acc[0], 0.0)
            if runs is not None:
                c = runs[i]
                acc = np.logaddexp.accumulate(acc - c) + c
            acc[outside[i]] = -np.inf
            alpha[i, pad:pad + width] = acc
        for i in range(n, -1, -1):
            if i + top <= n:
                cand = beta_flat[bwd[i]] + bwd_sc[i]
            else:
                ok = i + rows <= n
                cand = beta_flat[bwd[i][ok]] + bwd_sc[i][ok]
            acc = _lse0(cand) if len(cand) else np.full(width, -np.inf)
            if i == n:
                acc[m - lo[n]] = np.logaddexp(acc[m - lo[n]], 0.0)
            if runs is not None:
                c = runs[i]
                acc = np.logaddexp.accumulate((acc + c)[::-1])[::-1] - c
            acc[outside[i]] = -np.inf
            beta[i, pad:pad + width] = acc
    alpha, beta = alpha[:, pad:pad + width], beta[:, pad:pad + width]
    return alpha, beta, float(alpha[n, m - lo[n]])


def _lse0(x: np.ndarray) -> np.ndarray:
    """log-sum-exp over axis 0 (rows of -inf give -inf)."""
    top = x.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.exp(x - safe).sum(axis=0))


def bead_log_posteriors(band: Band, types: Sequence[tuple[int, int]], scores: np.ndarray,
                        alpha: np.ndarray, beta: np.ndarray, total: float) -> np.ndarray:
    """Log posterior of the bead of each type ending at each band cell (shape of *scores*;
    ``-inf`` where there is no such bead), from :func:`forward_backward`'s sums."""
    lo = band.lo
    n = len(lo) - 1
    width = scores.shape[2]
    ks = np.arange(width)
    out = np.full(scores.shape, -np.inf)
    padded = np.pad(alpha, ((0, 0), (0, 1)), constant_values=-np.inf)
    for t, (a, b) in enumerate(types):
        if a == 0:
            start = np.pad(alpha[:, :-1], ((0, 0), (1, 0)), constant_values=-np.inf) if b else alpha
            out[t] = start + scores[t] + beta - total
            continue
        if n < a:
            continue
        cols = lo[a:, None] + ks[None, :] - b - lo[:-a, None]
        cols = np.where((cols >= 0) & (cols < width), cols, width)
        out[t, a:] = np.take_along_axis(padded[:-a], cols, axis=1) + scores[t, a:] + beta[a:] - total
    out[scores <= NEG / 2] = -np.inf
    return np.minimum(out, 0.0)
