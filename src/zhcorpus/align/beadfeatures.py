"""Features of the beads of a finished alignment, for the confidence model (:mod:`.confidence`).

The strongest evidence that a bead is wrong is that other paths through the band score almost
as well: the bead's **posterior probability** (forward-backward over every monotone path in a
band around the chosen one, the search's bead scores divided by a temperature serving as
log-potentials) sums that up, near ties with a moved boundary, a merge or a split included.
Besides it: the weaker neighbour's posterior; how far the posterior moves when the bead is
rescored with the sentence features from before self-training (two models that disagree are
a sign of error); and for policy texts (where the dictionary covers
most of a bead) how far the bead's similarity and coverage fall below the document's usual.
"""

from __future__ import annotations

import math

import numpy as np

from .features import DocFeatures
from .search import ALL_TYPES, Band, Path, band_from_path, forward_backward
from .similarity import BeadScorer, ScoreParams, beads_hits, length_ratio, typical_similarity

MAX_SIDE = 6  # the widest side of any bead type the search knows
FEATURES = ("sim", "post", "post_nb", "sim_gap", "len_dev", "policy", "policy_post", "policy_post_nb", "policy_sim",
            "policy_gap", "policy_cov", "policy_len", "policy_far", "shift", "bias")
POSTERIOR_TEMPERATURE = 0.3  # bead scores / this = log-potentials (chosen on MAC-Dev: 0.2–0.5 within 0.01 AUC)
FAR_GAP, FAR_GAP_WIDTH = 0.4, 0.2  # policy texts: 96% of beads within 0.2 of the median similarity are right,
# 57% of those 0.5-0.6 below it, 4% beyond (corrupted seeds and policy set); a hinge from 0.4 to 0.6
POLICY_SIMILARITY = 0.8  # a document whose median bead similarity reaches this reads like a policy text


class Rescorer:
    """DP scores of arbitrary beads (i0, i1, j0, j1) near a path (``-inf`` when not scorable)."""

    def __init__(self, f: DocFeatures, path: Path, params: ScoreParams) -> None:
        n, m = len(f.zh), len(f.en)
        band = band_from_path(path, 1, n, m, 2) if path else Band.full(n, m)
        self.scorer = BeadScorer(f, band, params, reach=MAX_SIDE + 1)
        self.band = band
        self.n, self.m = n, m
        self.params = params
        self._fb: tuple[float, np.ndarray, np.ndarray, float] | None = None

    def posteriors(self, beads: list[tuple[int, int, int, int]], temperature: float) -> np.ndarray:
        """Posterior probability of each bead among all paths in the band, the bead scores
        divided by *temperature* serving as log-potentials (0 for a bead outside the band)."""
        if self._fb is None or self._fb[0] != temperature:
            scores = self.scorer.band_scores(ALL_TYPES)
            alpha, beta, total = forward_backward(self.band, ALL_TYPES, np.where(scores > -1e17, scores / temperature, scores))
            self._fb = (temperature, alpha, beta, total)
        _t, alpha, beta, total = self._fb
        lo, hi = self.band.lo, self.band.hi
        own = self.scores(beads) / temperature
        out = np.zeros(len(beads))
        for k, (i0, i1, j0, j1) in enumerate(beads):
            if np.isfinite(own[k]) and lo[i0] <= j0 <= hi[i0] and lo[i1] <= j1 <= hi[i1]:
                out[k] = math.exp(min(0.0, alpha[i0, j0 - lo[i0]] + own[k] + beta[i1, j1 - lo[i1]] - total))
        return out

    def scores(self, beads: list[tuple[int, int, int, int]]) -> np.ndarray:
        out = np.full(len(beads), -math.inf)
        groups: dict[tuple[int, int], list[int]] = {}
        for k, (i0, i1, j0, j1) in enumerate(beads):
            a, b = i1 - i0, j1 - j0
            if a < 0 or b < 0 or (a == 0 and b == 0) or a > MAX_SIDE or b > MAX_SIDE \
                    or i0 < 0 or j0 < 0 or i1 > self.n or j1 > self.m:
                continue
            if a == 0 or b == 0:
                out[k] = self.params.null_score(a, b) if a + b == 1 else -math.inf
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


def bead_features(f: DocFeatures, path: Path, sims: np.ndarray, params: ScoreParams,
                  rs: Rescorer | None = None, base: DocFeatures | None = None) -> np.ndarray:
    """One row of :data:`FEATURES` per bead of *path* (*rs*: a rescorer whose band holds it;
    *base*: the sentence features before self-training, whose posterior is a second opinion)."""
    nb = len(path)
    x = np.zeros((nb, len(FEATURES)))
    if nb == 0:
        return x
    rs = rs or Rescorer(f, path, params)
    cov = _min_coverage(rs.scorer, path)
    post = _logit(rs.posteriors(path, POSTERIOR_TEMPERATURE))
    post_nb = np.minimum(np.concatenate([[post[0]], post[:-1]]), np.concatenate([post[1:], [post[-1]]]))
    typical = typical_similarity(path, sims)  # the document's usual similarity
    policy = float(typical >= POLICY_SIMILARITY)  # literary and policy texts get their own weights
    # self-training re-weights the dictionary; in literary texts, where the posterior before it
    # disagrees, the bead is often wrong (in policy texts this adds nothing, held out)
    shift = np.zeros(nb) if base is None or base is f or policy else np.abs(
        _logit(Rescorer(base, path, params).posteriors(path, POSTERIOR_TEMPERATURE)) - post)
    ratio = length_ratio(f)
    zsum, esum = f.zh.length_sum(), f.en.length_sum()
    for k, (i0, i1, j0, j1) in enumerate(path):
        empty = i1 == i0 or j1 == j0
        gap = 0.0 if empty else max(0.0, typical - sims[k])
        lz, le = zsum(i0, i1), esum(j0, j1)
        dev = 0.0 if empty else abs(math.log((le + 20.0) / (ratio * lz + 20.0)))
        x[k] = (sims[k], post[k], post_nb[k], gap, dev, policy, policy * post[k], policy * post_nb[k],
                policy * sims[k], policy * gap, policy * cov[k], policy * dev,
                policy * min(1.0, max(0.0, gap - FAR_GAP) / FAR_GAP_WIDTH), shift[k], 1.0)
    return x


def _logit(p: np.ndarray) -> np.ndarray:
    """log(p / (1 - p)), clipped to ±9.2 (p within 1e-4 of 0 or 1)."""
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def _min_coverage(scorer: BeadScorer, path: Path) -> np.ndarray:
    """Per bead, the smallest share of any of its sentences' matchable weight that finds a
    translation on the other side (1 for a sentence with nothing matchable; 0 for null beads)."""
    zm, em = scorer.zm.tolist(), scorer.em.tolist()
    out = np.zeros(len(path))
    linked = [(k, bead) for k, bead in enumerate(path) if bead[1] > bead[0] and bead[3] > bead[2]]
    if not linked:
        return out
    zh_all, en_all = beads_hits(scorer.table, [bead for _k, bead in linked])  # one gather for all
    zh_list, en_list = zh_all.tolist(), en_all.tolist()
    at = 0
    for k, (i0, i1, j0, j1) in linked:
        a, b = i1 - i0, j1 - j0
        worst = 1.0
        if a == 1 and b == 1:  # one number a side: the sums below are that number
            if zm[i0] >= 1.0:
                worst = min(worst, min(1.0, zh_list[at] / zm[i0]))
            if em[j0] >= 1.0:
                worst = min(worst, min(1.0, (0.0 + en_list[at]) / em[j0]))
        else:
            zh_hit, en_hit = zh_all[at:at + a * b].reshape(a, b), en_all[at:at + a * b].reshape(a, b)
            en_cov = np.zeros(b)
            for d, zz in enumerate(range(i0, i1)):  # each sentence's row in turn, as the sums always ran
                en_cov += en_hit[d]
                if zm[zz] >= 1.0:
                    worst = min(worst, min(1.0, zh_hit[d].sum() / zm[zz]))
            for d, ee in enumerate(range(j0, j1)):
                if em[ee] >= 1.0:
                    worst = min(worst, min(1.0, en_cov[d] / em[ee]))
        out[k] = worst
        at += a * b
    return out
