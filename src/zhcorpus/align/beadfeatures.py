"""Features of the beads of a finished alignment, for the confidence model (:mod:`.confidence`).

Besides a bead's own similarity, length deviation and type, the strongest evidence that a bead
is wrong is a near tie with a neighbouring alternative: moving one sentence across the boundary
to the next bead, or merging the two beads, scores almost as well as the chosen path. Each
alternative is re-scored with the search's own bead score; the features are the score margins.
"""

from __future__ import annotations

import math

import numpy as np

from .features import DocFeatures
from .search import Band, Path, band_from_path
from .similarity import BeadScorer, ScoreParams, length_ratio

MAX_SIDE = 6  # the widest side of any bead type the search knows
FEATURES = ("sim", "len_dev", "empty", "extra", "min_cov", "margin_next", "margin_prev", "merge_next",
            "merge_prev", "sim_next", "sim_prev", "split", "is_11", "is_12", "is_21", "sim_gap", "policy", "policy_sim", "policy_gap", "policy_cov", "bias")
POLICY_SIMILARITY = 0.8  # a document whose median bead similarity reaches this reads like a policy text


class Rescorer:
    """DP scores of arbitrary beads (i0, i1, j0, j1) near a path (``-inf`` when not scorable)."""

    def __init__(self, f: DocFeatures, path: Path, params: ScoreParams) -> None:
        n, m = len(f.zh), len(f.en)
        band = band_from_path(path, 1, n, m, 2) if path else Band.full(n, m)
        self.scorer = BeadScorer(f, band, params, reach=MAX_SIDE + 1)
        self.n, self.m = n, m
        self.skip = -params.skip

    def scores(self, beads: list[tuple[int, int, int, int]]) -> np.ndarray:
        out = np.full(len(beads), -math.inf)
        groups: dict[tuple[int, int], list[int]] = {}
        for k, (i0, i1, j0, j1) in enumerate(beads):
            a, b = i1 - i0, j1 - j0
            if a < 0 or b < 0 or (a == 0 and b == 0) or a > MAX_SIDE or b > MAX_SIDE \
                    or i0 < 0 or j0 < 0 or i1 > self.n or j1 > self.m:
                continue
            if a == 0 or b == 0:
                out[k] = self.skip if a + b == 1 else -math.inf
                continue
            groups.setdefault((a, b), []).append(k)
        for (a, b), ks in groups.items():
            i = np.array([beads[k][1] for k in ks])
            j = np.array([beads[k][3] for k in ks])
            out[ks] = self.scorer.score(i, j, a, b)
        return out

    def sims(self, beads: list[tuple[int, int, int, int]]) -> np.ndarray:
        out = np.zeros(len(beads))
        groups: dict[tuple[int, int], list[int]] = {}
        for k, (i0, i1, j0, j1) in enumerate(beads):
            if i1 > i0 and j1 > j0:
                groups.setdefault((i1 - i0, j1 - j0), []).append(k)
        for (a, b), ks in groups.items():
            out[ks] = self.scorer.similarity(np.array([beads[k][1] for k in ks]),
                                             np.array([beads[k][3] for k in ks]), a, b)
        return out


def _moves(p: tuple[int, int, int, int], q: tuple[int, int, int, int]) -> list[list[tuple[int, int, int, int]]]:
    """Alternatives for two consecutive beads p, q: one sentence of either side moved across
    their boundary, either way (each alternative is a pair of beads)."""
    (i0, i1, j0, j1), (_, i2, _, j2) = p, q
    return [[(i0, i1 - 1, j0, j1), (i1 - 1, i2, j1, j2)], [(i0, i1 + 1, j0, j1), (i1 + 1, i2, j1, j2)],
            [(i0, i1, j0, j1 - 1), (i1, i2, j1 - 1, j2)], [(i0, i1, j0, j1 + 1), (i1, i2, j1 + 1, j2)]]


def bead_features(f: DocFeatures, path: Path, sims: np.ndarray, params: ScoreParams,
                  rs: Rescorer | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per bead of *path* (*rs*: a rescorer whose band holds it)."""
    nb = len(path)
    x = np.zeros((nb, len(FEATURES)))
    if nb == 0:
        return x
    ratio = length_ratio(f)
    rs = rs or Rescorer(f, path, params)
    own = rs.scores(path)
    own = np.where(np.isfinite(own), own, -params.skip)
    # alternatives at the boundary between bead k and k+1
    alts: list[tuple[int, int, int, int]] = []
    index: list[tuple[int, int]] = []  # (boundary k, kind: 0-3 moves, 4 merge)
    for k in range(nb - 1):
        p, q = path[k], path[k + 1]
        for pair in _moves(p, q):
            alts.extend(pair)
            index.append((k, 0))
        alts.extend([(p[0], q[1], p[2], q[3]), (q[1], q[1], q[3], q[3])])  # merged; a dummy
        index.append((k, 1))
    for k, (i0, i1, j0, j1) in enumerate(path):  # a bead split in two (a part may be empty)
        for c in range(i0, i1 + 1):
            for d in range(j0, j1 + 1):
                if (c, d) not in ((i0, j0), (i1, j1)):
                    alts.extend([(i0, c, j0, d), (c, i1, d, j1)])
                    index.append((k, 2))
    alt = rs.scores(alts).reshape(-1, 2) if alts else np.zeros((0, 2))
    move = np.full(nb, -10.0)
    merge = np.full(nb, -10.0)
    split = np.full(nb, -10.0)
    for (k, kind), (s1, s2) in zip(index, alt, strict=True):
        if kind == 0:
            if np.isfinite(s1) and np.isfinite(s2):
                move[k] = max(move[k], s1 + s2 - own[k] - own[k + 1])
        elif kind == 1:
            if np.isfinite(s1):
                merge[k] = max(merge[k], s1 - own[k] - own[k + 1])
        elif np.isfinite(s1) and np.isfinite(s2):
            split[k] = max(split[k], s1 + s2 - own[k])
    move, merge, split = np.minimum(move, 0.0), np.minimum(merge, 0.0), np.minimum(split, 0.0)
    cov = _min_coverage(rs.scorer, path)
    linked = [k for k, (i0, i1, j0, j1) in enumerate(path) if i1 > i0 and j1 > j0]
    typical = float(np.median(sims[linked])) if linked else 0.0  # the document's usual similarity
    policy = float(typical >= POLICY_SIMILARITY)  # literary and policy texts get their own weights
    for k, (i0, i1, j0, j1) in enumerate(path):
        a, b = i1 - i0, j1 - j0
        empty = a == 0 or b == 0
        lz, le = float(f.zh.lengths[i0:i1].sum()), float(f.en.lengths[j0:j1].sum())
        dev = 0.0 if empty else abs(math.log((le + 20.0) / (ratio * lz + 20.0)))
        x[k] = (sims[k], dev, float(empty), max(0, a + b - 2), cov[k],
                _squash(move[k]) if k < nb - 1 else 1.0, _squash(move[k - 1]) if k > 0 else 1.0,
                _squash(merge[k]) if k < nb - 1 else 1.0, _squash(merge[k - 1]) if k > 0 else 1.0,
                sims[k + 1] if k < nb - 1 else 1.0, sims[k - 1] if k > 0 else 1.0, _squash(split[k]),
                float(a == 1 and b == 1), float(a == 1 and b == 2), float(a == 2 and b == 1),
                0.0 if empty else max(0.0, typical - sims[k]), policy, policy * sims[k],
                0.0 if empty else policy * max(0.0, typical - sims[k]), policy * cov[k], 1.0)
    return x


def _squash(margin: float) -> float:
    """A score margin (≤ 0) mapped to 0 (a tie) … 1 (a clear winner)."""
    return 1.0 - math.exp(margin)


def _min_coverage(scorer: BeadScorer, path: Path) -> np.ndarray:
    """Per bead, the smallest share of any of its sentences' matchable weight that finds a
    translation on the other side (1 for a sentence with nothing matchable; 0 for null beads)."""
    t = scorer.table
    zm, em = scorer.zm, scorer.em
    out = np.zeros(len(path))
    for k, (i0, i1, j0, j1) in enumerate(path):
        if i1 == i0 or j1 == j0:
            continue
        cols = np.arange(j0, j1)
        worst = 1.0
        en_cov = np.zeros(j1 - j0)
        for z in range(i0, i1):
            zz = np.full(len(cols), z)
            row = t.take(t.zh_hit, zz, cols)
            en_cov += t.take(t.en_hit, zz, cols)
            if zm[z] >= 1.0:
                worst = min(worst, min(1.0, row.sum() / zm[z]))
        for d, e in enumerate(range(j0, j1)):
            if em[e] >= 1.0:
                worst = min(worst, min(1.0, en_cov[d] / em[e]))
        out[k] = worst
    return out
