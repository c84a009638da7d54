"""The search of many small paragraph segments at once: whole-lattice scores and the DP, stacked.

A document's paragraphs are mostly a handful of sentences a side, searched over the full
lattice (:func:`.aligner.search_path` with one level and the full band). Searching them one by
one costs a few hundred small numpy calls each; here the segments of one pass are padded to a
common size and every step runs once on the stack. Each real cell sees the same floating-point
operations in the same order as :class:`.similarity._GridScores` and :func:`.search.dp` (padding
only ever follows real cells along an axis, and the running sums are sequential), so the paths
and similarities are bit-identical to the one-by-one search; only the count of numpy calls falls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .features import DocFeatures
from .hits import CHUNK_TOKENS, full_hits
from .search import ALL_TYPES, NEG, Path, trace_back, type_plan
from .similarity import ScoreParams

Segment = tuple[tuple[int, int], tuple[int, int]]  # (zh start, end), (en start, end)

MAX_SIDE = 24  # segments with at most this many sentences a side are searched together
STACK_CELLS = 1 << 14  # ... in stacks of at most this many (padded) lattice cells
_LINKED = [(k, a, b) for k, (a, b) in enumerate(ALL_TYPES) if a > 0 and b > 0]


def suits(f: DocFeatures, segment: Segment, params: ScoreParams) -> bool:
    """Whether a segment's search is the plain full-lattice one this module stacks: small (its
    zh tokens one chunk of :func:`.hits.pair_hits`), both sides non-empty, the hand-set score
    without orphan term, no sentence embeddings."""
    (z0, z1), (e0, e1) = segment
    return (0 < z1 - z0 <= MAX_SIDE and 0 < e1 - e0 <= MAX_SIDE and params.weights is None
            and params.orphan_weight == 0 and f.zh_vec is None
            and f.zh.indptr[z1] - f.zh.indptr[z0] <= CHUNK_TOKENS)


def search_full(f: DocFeatures, segments: Sequence[Segment], params: ScoreParams, ratio: float
                ) -> list[tuple[Path, np.ndarray]]:
    """Per segment of *f* (each :func:`suits`), the best path over its full lattice with every
    bead type and each bead's similarity, in the segment's coordinates, as
    :func:`.aligner.search_path` and :func:`.aligner.bead_similarities` find them. Consecutive segments
    go together, :data:`STACK_CELLS` padded lattice cells at most to a stack (a stack's cells: its
    count of segments times its largest sides)."""
    out: list[tuple[Path, np.ndarray]] = []
    group: list[Segment] = []
    n = m = 0
    for seg in segments:
        (z0, z1), (e0, e1) = seg
        if group and (len(group) + 1) * max(n, z1 - z0) * max(m, e1 - e0) > STACK_CELLS:
            out += _search_group(f, group, params, ratio)
            group, n, m = [], 0, 0
        group.append(seg)
        n, m = max(n, z1 - z0), max(m, e1 - e0)
    return out + (_search_group(f, group, params, ratio) if group else [])


def _search_group(f: DocFeatures, segments: Sequence[Segment], params: ScoreParams, ratio: float
                  ) -> list[tuple[Path, np.ndarray]]:
    """:func:`search_full` of segments stacked together."""
    z0, z1, e0, e1 = (np.array(v, dtype=np.int64) for v in zip(*((a, b, c, d) for (a, b), (c, d) in segments),
                                                                  strict=True))
    ns, ms = (z1 - z0).tolist(), (e1 - e0).tolist()
    S, N, M = len(ns), max(ns), max(ms)
    hits = full_hits(f, z0, z1, e0, e1)
    zh_hit, en_hit = np.zeros((S, N, M)), np.zeros((S, N, M))
    for s, (zh, en) in enumerate(hits):
        zh_hit[s, :ns[s], :ms[s]], en_hit[s, :ns[s], :ms[s]] = zh, en
    rows = np.minimum(z0[:, None] + np.arange(N)[None, :], len(f.zh) - 1)
    cols = np.minimum(e0[:, None] + np.arange(M)[None, :], len(f.en) - 1)
    zin = np.arange(N)[None, :] < (z1 - z0)[:, None]
    ein = np.arange(M)[None, :] < (e1 - e0)[:, None]
    zmass, emass = np.where(zin, f.zh.mass[rows], 0.0), np.where(ein, f.en.mass[cols], 0.0)
    zlen, elen = np.where(zin, f.zh.lengths[rows], 0.0), np.where(ein, f.en.lengths[cols], 0.0)
    sims, scores = _stacked_scores(zh_hit, en_hit, zmass, emass, zlen, elen, params, ratio)
    paths = _dp_full(ns, ms, scores)
    out = []
    for s, path in enumerate(paths):
        bead_sims = np.zeros(len(path))
        for k, (i0, i1, j0, j1) in enumerate(path):
            a, b = i1 - i0, j1 - j0
            if a and b:
                bead_sims[k] = sims[a, b][s, i0, j0]
        out.append((path, bead_sims))
    return out


def _stacked_scores(zh_hit: np.ndarray, en_hit: np.ndarray, zmass: np.ndarray, emass: np.ndarray,
                    zlen: np.ndarray, elen: np.ndarray, p: ScoreParams, ratio: float
                    ) -> tuple[dict[tuple[int, int], np.ndarray], np.ndarray]:
    """The similarities ([s, r, c] per linked type) and :meth:`.similarity.BeadScorer.band_scores`
    of the full lattices ([s, type, i, j]) of padded segments, by :class:`._GridScores`' recurrences."""
    S, N, M = zh_hit.shape
    zm, em = zmass[:, :, None], emass[:, None, :]
    zero = np.zeros((S, 1))
    zm_c = np.concatenate([zero, np.cumsum(zmass, axis=1)], axis=1)
    em_c = np.concatenate([zero, np.cumsum(emass, axis=1)], axis=1)
    zlen_c = np.concatenate([zero, np.cumsum(zlen, axis=1)], axis=1)
    elen_c = np.concatenate([zero, np.cumsum(elen, axis=1)], axis=1)
    racc, cacc = {1: zh_hit}, {1: en_hit}
    for b in range(2, M + 1):
        racc[b] = racc[b - 1][:, :, :M - b + 1] + zh_hit[:, :, b - 1:]
    for a in range(2, N + 1):
        cacc[a] = cacc[a - 1][:, :N - a + 1] + en_hit[:, a - 1:]
    rows = {b: np.minimum(x, zm) for b, x in racc.items()}
    cols = {a: np.minimum(x, em) for a, x in cacc.items()}
    todo = [(k, a, b) for k, a, b in _LINKED if a <= N and b <= M]
    t = len(todo)
    cover = np.zeros((t, S, N, M))
    zpart, zden = np.zeros((t, S, N, 1)), np.ones((t, S, N, 1))
    epart, enum = np.zeros((t, S, 1, M)), np.ones((t, S, 1, M))
    cz: dict[tuple[int, int], np.ndarray] = {}
    ce: dict[tuple[int, int], np.ndarray] = {}
    for q, (_k, a, b) in enumerate(todo):
        z = cz[a, b] = rows[b] if a == 1 else cz[a - 1, b][:, :N - a + 1] + rows[b][:, a - 1:]
        e = ce[a, b] = cols[a] if b == 1 else ce[a, b - 1][:, :, :M - b + 1] + cols[a][:, :, b - 1:]
        np.add(z, e, out=cover[q, :, :N - a + 1, :M - b + 1])
        zpart[q, :, :N - a + 1, 0] = zm_c[:, a:] - zm_c[:, :N - a + 1]
        zden[q, :, :N - a + 1, 0] = ratio * (zlen_c[:, a:] - zlen_c[:, :N - a + 1]) + p.length_smooth
        epart[q, :, 0, :M - b + 1] = em_c[:, b:] - em_c[:, :M - b + 1]
        enum[q, :, 0, :M - b + 1] = (elen_c[:, b:] - elen_c[:, :M - b + 1]) + p.length_smooth
    den = zpart + epart
    sim = np.where(den > 0, cover / np.maximum(den, 1e-9), 0.0)
    r = np.log(enum / zden)
    nll = r * r / (2 * p.length_sigma ** 2)
    size = np.array([(a + b) ** p.size_exponent for _k, a, b in todo])[:, None, None, None]
    penalty = np.array([p.type_penalty.get((a, b), 0.0) for _k, a, b in todo])[:, None, None, None]
    score = size * sim - p.length_weight * nll - penalty
    out = np.full((S, len(ALL_TYPES), N + 1, M + 1), NEG)
    sims = {}
    for q, (k, a, b) in enumerate(todo):
        sims[a, b] = sim[q]
        out[:, k, a:, b:] = score[q, :, :N - a + 1, :M - b + 1]
    for k, (a, b) in enumerate(ALL_TYPES):
        if a + b == 1:
            out[:, k, a:, b:] = p.null_score(a, b)
    return sims, out


def _dp_full(ns: list[int], ms: list[int], scores: np.ndarray) -> list[Path]:
    """:func:`.search.dp` over the full lattice of each segment (*scores* [s, type, i, j] of
    :data:`.search.ALL_TYPES`, padded), all segments in one pass over the rows."""
    types = ALL_TYPES
    S, _K, rows_n, width = scores.shape
    N = rows_n - 1
    pad = 8  # a bead's b reads up to 6 columns to the left: NEG there
    ks = np.arange(width)
    skip, kidx, rows, cols, top_a = type_plan(tuple(types))
    best_all = np.full((S, N + 1, pad + width), NEG)
    back = np.full((S, N + 1, width), -1, dtype=np.int8)
    outside = ks[None, :] > np.array(ms)[:, None]
    steps = np.where(outside[:, None, :], NEG / 4, scores[:, skip[0]])
    steps[:, :, 0] = 0.0
    sums = np.cumsum(steps, axis=2)
    at = pad - cols[:, None] + ks[None, :]  # [type, k]: the column of the bead's start
    for i in range(N + 1):
        best = np.full((S, width), NEG)
        arg = back[:, i]
        if i == 0:
            best[:, 0] = 0.0
        on = slice(None) if i >= top_a else rows <= i
        kk = kidx[on]
        if len(kk):
            cand = best_all[:, (i - rows[on])[:, None], at[on]] + scores[:, kk, i]
            top = cand.argmax(axis=1)
            val = np.take_along_axis(cand, top[:, None, :], axis=1)[:, 0]
            better = val > best
            best = np.where(better, val, best)
            arg[better] = kk[top[better]]
        c = sums[:, i]
        run = np.maximum.accumulate(best - c, axis=1) + c
        better = run > best + 1e-9
        best = np.where(better, run, best)
        arg[better] = skip[0]
        best[outside] = NEG
        best_all[:, i, pad:] = best
    return [trace_back(best_all[s, ns[s], pad + ms[s]], back[s, :ns[s] + 1], np.zeros(ns[s] + 1, dtype=np.int64),
                       ms[s], types) for s in range(S)]
