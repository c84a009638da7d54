"""Training the learned bead score (:mod:`.beadscore`) as a linear-chain CRF over the bead lattice.

A document's paths through a band (around its gold path and the aligner's path) form the CRF's
support; a path's log-potential is the sum of ``w · phi`` over its beads. The conditional
log-likelihood of the gold path is ``w · Phi(gold) - log Z`` and its gradient
``Phi(gold) - E[Phi]``, the expectation taken with the bead posteriors of
:func:`.search.forward_backward`. :func:`fit` maximises the sum over documents minus an L2
penalty towards a prior (the hand-set score) with L-BFGS, in plain numpy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from . import beadscore
from .features import DocFeatures
from .search import (
    ALL_TYPES,
    NEG,
    Band,
    Path,
    band_from_path,
    bead_log_posteriors,
    forward_backward,
)
from .similarity import DEFAULT_SKIP, BeadScorer, ScoreParams

Bead = tuple[int, int, int, int]


@dataclass
class Lattice:
    """One training document: per bead type, the band cells it can end at and their features."""

    band: Band
    cells: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # per type: rows, band columns, features
    gold: np.ndarray  # summed features of the gold path
    null_offset: float  # added to the potential of 1-0 / 0-1 beads (a policy text's cheaper null bead)
    gold_nulls: int  # 1-0 and 0-1 beads in the gold path
    width: int
    wrong: list[np.ndarray]  # per type: whether each cell's bead is not a gold bead


def gold_path(gold: Sequence[tuple[Sequence[int], Sequence[int]]], n: int, m: int) -> Path:
    """The gold beads as a monotone path of (i0, i1, j0, j1) the search could output: beads
    that cross or interleave are merged into the smallest contiguous bead holding them, and beads
    of types the search does not know are split into ones it does (training only needs a
    nearby path; MAC-Dev has 2 crossing and 2 over-long beads among 1,329)."""
    zb: dict[int, int] = {}
    eb: dict[int, int] = {}
    for k, (z, e) in enumerate(gold):
        zb.update(dict.fromkeys(z, k))
        eb.update(dict.fromkeys(e, k))
    i = j = 0
    path: Path = []
    while i < n or j < m:
        k, q = zb.get(i), eb.get(j)
        if k is not None and not gold[k][1]:
            path.append((i, i + 1, j, j))
            i += 1
            continue
        if q is not None and not gold[q][0]:
            path.append((i, i, j, j + 1))
            j += 1
            continue
        beads = {x for x in (k, q) if x is not None}
        zi, ej = i, j
        while True:
            zi = max([zi] + [max(gold[x][0]) + 1 for x in beads if gold[x][0]])
            ej = max([ej] + [max(gold[x][1]) + 1 for x in beads if gold[x][1]])
            more = {zb[x] for x in range(i, zi) if x in zb} | {eb[y] for y in range(j, ej) if y in eb}
            if more <= beads:
                break
            beads |= more
        path.extend(_split((i, zi, j, ej)))
        i, j = zi, ej
    return path


def _split(bead: Bead) -> list[Bead]:
    """A bead of a type the search lacks (e.g. 3-5) as a chain of known types."""
    i0, i1, j0, j1 = bead
    za, eb = i1 - i0, j1 - j0
    if (za, eb) in ALL_TYPES:
        return [bead]
    if za == 0 or eb == 0:
        return [(i, i + 1, j0, j0) for i in range(i0, i1)] + [(i1, i1, j, j + 1) for j in range(j0, j1)]
    b = min(eb - 1, 6) if za == 1 else max(1, min(eb - 1, round(eb / za)))
    return _split((i0, i0 + 1, j0, j0 + b)) + _split((i0 + 1, i1, j0 + b, j1))


def lattice(f: DocFeatures, params: ScoreParams, paths: Sequence[Path], gold: Path, margin: int = 3) -> Lattice:
    """The CRF support of a document: a band of ±*margin* around *paths* (gold included) and
    the :data:`.beadscore.FEATURES` of every bead in it."""
    n, m = len(f.zh), len(f.en)
    bands = [band_from_path(p, 1, n, m, margin) for p in [gold, *paths]]
    band = Band(np.minimum.reduce([b.lo for b in bands]), np.maximum.reduce([b.hi for b in bands]))
    scorer = BeadScorer(f, band, replace(params, weights=None), reach=max(max(t) for t in ALL_TYPES))
    width = int((band.hi - band.lo).max()) + 1
    ii = np.repeat(np.arange(n + 1)[:, None], width, axis=1)
    kk = np.repeat(np.arange(width)[None, :], n + 1, axis=0)
    jj = band.lo[:, None] + kk
    inside = jj <= band.hi[:, None]
    nc = len(beadscore.CONTINUOUS)
    offset = (DEFAULT_SKIP - params.skip) / beadscore.SCALE  # see ScoreParams.null_score
    null_x = beadscore.null_features(params.typical)
    cells = []
    for a, b in ALL_TYPES:
        ok = inside & (ii >= a) & (jj >= b)
        i, j = ii[ok], jj[ok]
        x = np.zeros((len(i), nc)) + (0.0 if a and b else null_x)
        if a and b and len(i):
            x = np.stack(scorer.learned_parts(i, j, a, b), axis=1)
        cells.append((i, kk[ok], x))
    golden = set(gold)
    wrong = [np.array([(int(i) - a, int(i), int(k) + int(band.lo[i]) - b, int(k) + int(band.lo[i])) not in golden
                       for i, k in zip(ii_, kk_, strict=True)], dtype=bool)
             for (a, b), (ii_, kk_, _x) in zip(ALL_TYPES, cells, strict=True)]
    g = np.zeros(len(beadscore.FEATURES))
    nulls = 0
    for i0, i1, j0, j1 in gold:
        a, b = i1 - i0, j1 - j0
        g[beadscore.FEATURES.index(f"type_{a}_{b}")] += 1
        if a and b:
            g[:nc] += np.array([x[0] for x in scorer.learned_parts(np.array([i1]), np.array([j1]), a, b)])
        else:
            g[:nc] += null_x
            nulls += 1
    return Lattice(band, cells, g, offset, nulls, width, wrong)


def log_likelihood(w: np.ndarray, lat: Lattice, cost: float = 0.0) -> tuple[float, np.ndarray]:
    """log P(gold path | document) under weights *w*, and its gradient. With *cost* > 0 the
    softmax-margin version: every wrong bead's potential is raised by *cost* in the partition
    function, so that the gold path must win by a margin that grows with its errors."""
    nc = len(beadscore.CONTINUOUS)
    n = len(lat.band.lo) - 1
    scores = np.full((len(ALL_TYPES), n + 1, lat.width), NEG)
    for t, ((a, b), (i, k, x)) in enumerate(zip(ALL_TYPES, lat.cells, strict=True)):
        scores[t, i, k] = w[nc + t] + x @ w[:nc] + (0.0 if a and b else lat.null_offset) + cost * lat.wrong[t]
    alpha, beta, total = forward_backward(lat.band, ALL_TYPES, scores)
    post = np.exp(bead_log_posteriors(lat.band, ALL_TYPES, scores, alpha, beta, total))
    expect = np.zeros(len(w))
    for t, (i, k, x) in enumerate(lat.cells):
        p = post[t, i, k]
        expect[nc + t] = p.sum()
        expect[:nc] += p @ x
    gold_potential = float(lat.gold @ w) + lat.null_offset * lat.gold_nulls
    return gold_potential - total, lat.gold - expect


def objective(w: np.ndarray, lattices: Sequence[Lattice], prior: np.ndarray, lam: float, cost: float = 0.0
              ) -> tuple[float, np.ndarray]:
    """The negative penalised log-likelihood of all documents and its gradient."""
    val = 0.5 * lam * float(((w - prior) ** 2).sum())
    grad = lam * (w - prior)
    for lat in lattices:
        ll, g = log_likelihood(w, lat, cost)
        val -= ll
        grad = grad - g
    return val, grad


def lbfgs(fun: Callable[[np.ndarray], tuple[float, np.ndarray]], x0: np.ndarray, iterations: int = 200,
          memory: int = 10, tol: float = 1e-5) -> np.ndarray:
    """Minimise *fun* (value and gradient) by limited-memory BFGS with a backtracking line search."""
    x = x0.astype(float).copy()
    fx, g = fun(x)
    hist: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(iterations):
        q = g.copy()
        coefs = []
        for s, y, rho in reversed(hist):
            c = rho * float(s @ q)
            q -= c * y
            coefs.append(c)
        if hist:
            s, y, _rho = hist[-1]
            q *= float(s @ y) / float(y @ y)
        else:
            q /= max(1.0, float(np.abs(g).max()))
        for (s, y, rho), c in zip(hist, reversed(coefs), strict=True):
            q += s * (c - rho * float(y @ q))
        d = -q
        slope = float(g @ d)
        if slope >= 0:
            d, slope, hist = -g, -float(g @ g), []
        step = 1.0
        while True:
            xn = x + step * d
            fn, gn = fun(xn)
            if fn <= fx + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = xn - x, gn - g
        if float(s @ y) > 1e-12:
            hist = (hist + [(s, y, 1.0 / float(s @ y))])[-memory:]
        done = abs(fx - fn) <= tol * max(1.0, abs(fx))
        x, fx, g = xn, fn, gn
        if done or float(np.abs(g).max()) < tol:
            break
    return x


def fit(lattices: Sequence[Lattice], prior: np.ndarray, lam: float, cost: float = 0.0, iterations: int = 200
        ) -> np.ndarray:
    """CRF weights maximising the penalised gold-path likelihood, starting from the prior."""
    return lbfgs(lambda w: objective(w, lattices, prior, lam, cost), prior, iterations)
