"""Omissions and insertions: split off a sentence whose content finds no counterpart.

The search happily absorbs a sentence whose translation is missing into a neighbouring bead
(a 1-1 becomes a 2-1), because a coverage Dice barely drops when one more sentence joins. After
the search, every edge sentence of a bead's multi-sentence side is a candidate; a logistic
model (:data:`WEIGHTS`, fitted by ``python bench/align_fit.py --write`` on the seeds and the
policy gold with sentences deleted at random) reads how much of the sentence's own content is translated in the
bead, how the bead's length ratio changes without it, and the search's score margin of the
split. When the model says "omission" (probability above one half), the sentence leaves the
bead as a 1-0 or 0-1 bead of its own.
"""

from __future__ import annotations

import math

import numpy as np

from .features import DocFeatures
from .search import Path
from .similarity import (
    BeadScorer,
    ScoreParams,
    bead_hits,
    length_ratio,
    linked_beads,
    typical_similarity,
)

OMISSION_FEATURES = ("cov", "unique", "log_mass", "rest_cov", "dev_with", "dev_without", "split_margin",
                     "len_share", "sim_with", "sim_without", "is_zh", "bias")

# BEGIN OMISSION WEIGHTS (written by bench/align_fit.py --write)
WEIGHTS: dict[str, float] = {
    'cov': -1.695550,
    'unique': -5.036238,
    'log_mass': 0.721034,
    'rest_cov': 1.103163,
    'dev_with': 1.809269,
    'dev_without': -6.080746,
    'split_margin': 6.984772,
    'len_share': -4.992801,
    'sim_with': 0.454480,
    'sim_without': 4.145480,
    'is_zh': -1.288513,
    'bias': 0.642642,
}
# END OMISSION WEIGHTS

_W = np.array([WEIGHTS[name] for name in OMISSION_FEATURES])

Candidate = tuple[int, str, int]  # (bead index, side "zh"/"en", sentence index)


def applies(sims: np.ndarray, path: Path, min_similarity: float) -> bool:
    """Whether to look for omissions: only where the dictionary covers most of a typical bead
    (median similarity of the linked beads at least *min_similarity*: policy texts score 0.87
    to 0.93, MAC-Dev's literary ones 0.51 to 0.73); in free translation a sentence without
    dictionary evidence is no sign of an omission."""
    return bool(linked_beads(path)) and typical_similarity(path, sims) >= min_similarity


def candidates(path: Path) -> list[Candidate]:
    """Edge sentences of every multi-sentence side of a linked bead."""
    out: list[Candidate] = []
    for k, (i0, i1, j0, j1) in enumerate(path):
        if i1 == i0 or j1 == j0:
            continue
        if i1 - i0 >= 2:
            out += [(k, "zh", i0), (k, "zh", i1 - 1)]
        if j1 - j0 >= 2:
            out += [(k, "en", j0), (k, "en", j1 - 1)]
    return out


def _without(bead: tuple[int, int, int, int], side: str, s: int) -> tuple[int, int, int, int]:
    i0, i1, j0, j1 = bead
    if side == "zh":
        return (i0 + 1, i1, j0, j1) if s == i0 else (i0, i1 - 1, j0, j1)
    return (i0, i1, j0 + 1, j1) if s == j0 else (i0, i1, j0, j1 - 1)


def candidate_features(f: DocFeatures, path: Path, scorer: BeadScorer, params: ScoreParams,
                       cands: list[Candidate]) -> np.ndarray:
    """One row of :data:`OMISSION_FEATURES` per candidate."""
    x = np.zeros((len(cands), len(OMISSION_FEATURES)))
    ratio = length_ratio(f)
    zsum, esum = f.zh.length_sum(), f.en.length_sum()
    per_bead: dict[int, tuple] = {}  # a bead's coverages, lengths and score: the same for each of its candidates
    for r, (k, side, s) in enumerate(cands):
        bead = path[k]
        i0, i1, j0, j1 = bead
        rest = _without(bead, side, s)
        a, b = i1 - i0, j1 - j0
        if k not in per_bead:
            per_bead[k] = (_coverages(scorer, i0, i1, j0, j1),
                           zsum(i0, i1), esum(j0, j1),
                           float(scorer.score(np.array([i1]), np.array([j1]), a, b)[0]),
                           float(scorer.similarity(np.array([i1]), np.array([j1]), a, b)[0]))
        (zc, ec, uz, ue), lz, le, s_with, sim_with = per_bead[k]
        covs, masses = (zc, scorer.zm[i0:i1]) if side == "zh" else (ec, scorer.em[j0:j1])
        pos = s - (i0 if side == "zh" else j0)
        mass = float(masses[pos])
        cov = float(covs[pos]) if mass > 0 else 1.0
        others = [float(c) for q, c in enumerate(covs) if q != pos and masses[q] > 0]
        rz, re_ = zsum(rest[0], rest[1]), esum(rest[2], rest[3])
        own_len = float(f.zh.lengths[s] if side == "zh" else f.en.lengths[s])
        ra, rb = rest[1] - rest[0], rest[3] - rest[2]
        s_without = float(scorer.score(np.array([rest[1]]), np.array([rest[3]]), ra, rb)[0])
        sim_without = float(scorer.similarity(np.array([rest[1]]), np.array([rest[3]]), ra, rb)[0])
        unique = float((uz if side == "zh" else ue)[pos])
        x[r] = (cov, unique, math.log1p(mass), float(np.mean(others)) if others else 1.0,
                abs(math.log((le + 20) / (ratio * lz + 20))), abs(math.log((re_ + 20) / (ratio * rz + 20))),
                max(-5.0, s_without + params.null_score(int(side == "zh"), int(side == "en")) - s_with), own_len / max(lz if side == "zh" else le, 1.0),
                sim_with, sim_without, float(side == "zh"), 1.0)
    return x


def _coverages(scorer: BeadScorer, i0: int, i1: int, j0: int, j1: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per zh and per en sentence of a bead: the share of its matchable weight translated on the
    other side, and the share of the other side's translated weight that only it explains."""
    zh_hit, en_hit = bead_hits(scorer.table, i0, i1, j0, j1)
    zm, em = scorer.zm[i0:i1], scorer.em[j0:j1]
    rows, colsum = zh_hit.sum(axis=1), en_hit.sum(axis=0)
    cz, ce = np.minimum(rows, zm), np.minimum(colsum, em)
    uz = (ce[None, :] - np.minimum(colsum[None, :] - en_hit, em[None, :])).sum(axis=1) / max(ce.sum(), 1e-9)
    ue = (cz[:, None] - np.minimum(rows[:, None] - zh_hit, zm[:, None])).sum(axis=0) / max(cz.sum(), 1e-9)
    return (np.minimum(1.0, rows / np.maximum(zm, 1e-9)), np.minimum(1.0, colsum / np.maximum(em, 1e-9)), uz, ue)


def probabilities(x: np.ndarray) -> np.ndarray:
    """P(omission) of each candidate row."""
    return 1.0 / (1.0 + np.exp(-np.clip(x @ _W, -50, 50)))


def split_omissions(path: Path, cands: list[Candidate], p: np.ndarray, threshold: float = 0.5) -> Path:
    """*path* with each candidate above *threshold* split off its bead as a 1-0 or 0-1 bead
    (each side of a bead keeps at least one sentence)."""
    cut: dict[int, set[tuple[str, int]]] = {}
    for (k, side, s), q in zip(cands, p, strict=True):
        if q > threshold:
            cut.setdefault(k, set()).add((side, s))
    out: Path = []
    for k, (i0, i1, j0, j1) in enumerate(path):
        drop = cut.get(k, set())
        zh_head = ("zh", i0) in drop
        zh_tail = ("zh", i1 - 1) in drop and i1 - i0 - zh_head >= 2
        en_head = ("en", j0) in drop
        en_tail = ("en", j1 - 1) in drop and j1 - j0 - en_head >= 2
        a0, a1 = i0 + zh_head, i1 - zh_tail
        b0, b1 = j0 + en_head, j1 - en_tail
        if zh_head:
            out.append((i0, a0, j0, j0))
        if en_head:
            out.append((a0, a0, j0, b0))
        out.append((a0, a1, b0, b1))
        if zh_tail:
            out.append((a1, i1, b1, b1))
        if en_tail:
            out.append((i1, i1, b1, j1))
    return out
