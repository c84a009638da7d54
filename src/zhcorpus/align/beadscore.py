"""A learned bead score: a linear-chain CRF's log-potential over features of a candidate bead.

The hand-set score of :mod:`.similarity` is ``(a+b)**0.75 * sim - 0.7 * length_nll - penalty``.
This module scores a bead as ``SCALE * (w · phi)`` instead, with ``phi`` the features below
(similarity, each side's coverage and untranslated weight, length deviation, bead-type one-hots)
and ``w`` fitted by ``python bench/align_crf.py`` to maximise the conditional likelihood of the
gold paths, the forward-backward posteriors of :mod:`.search` giving the expected features.
``SCALE`` is the confidence model's posterior temperature, so that the potentials the
confidence features read are exactly the CRF's. Run time needs nothing but numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .search import ALL_TYPES

SCALE = 0.3  # search score = SCALE * potential (the posterior temperature of .beadfeatures)
SIZE_EXPONENT = 0.75  # as in ScoreParams: a bead's similarity counts (a+b)**0.75 times
CONTINUOUS = ("sim_size", "sim", "cov_zh", "cov_en", "miss_zh", "miss_en", "len_nll", "len_abs", "len_long",
              "no_mass", "weak_zh", "weak_en", "sim_n", "cov_min", "typ_size", "typ_null")
FEATURES = CONTINUOUS + tuple(f"type_{a}_{b}" for a, b in ALL_TYPES)

# BEGIN CRF WEIGHTS (written by bench/align_crf.py --write)
WEIGHTS: dict[str, float] = {
    'sim_size': 3.723861,
    'sim': 0.932348,
    'cov_zh': 0.133853,
    'cov_en': 1.585181,
    'miss_zh': -0.010618,
    'miss_en': -0.188273,
    'len_nll': -1.754507,
    'len_abs': -1.080052,
    'len_long': -1.259743,
    'no_mass': 0.561377,
    'weak_zh': -0.254193,
    'weak_en': -0.696036,
    'sim_n': -0.291558,
    'cov_min': 1.290312,
    'typ_size': 0.591843,
    'typ_null': -0.711761,
    'type_1_1': 0.396049,
    'type_1_2': -0.914759,
    'type_2_1': -1.846642,
    'type_1_0': -2.848920,
    'type_0_1': -4.178329,
    'type_1_3': -3.089012,
    'type_3_1': -3.742482,
    'type_2_2': -3.607740,
    'type_1_4': -4.619954,
    'type_4_1': -5.000509,
    'type_2_3': -4.708898,
    'type_3_2': -4.964633,
    'type_1_5': -7.217873,
    'type_1_6': -8.101061,
    'type_2_4': -7.131675,
    'type_3_3': -6.985948,
}
# END CRF WEIGHTS


def hand_weights(type_penalty: dict[tuple[int, int], float], skip: float, length_weight: float) -> np.ndarray:
    """The hand-set score of :mod:`.similarity` as a weight vector (divided by :data:`SCALE`):
    the CRF's starting point and the centre of its L2 prior."""
    w = dict.fromkeys(FEATURES, 0.0)
    w["sim_size"] = 1.0 / SCALE
    w["len_nll"] = -length_weight / SCALE
    for a, b in ALL_TYPES:
        w[f"type_{a}_{b}"] = -(skip if a == 0 or b == 0 else type_penalty.get((a, b), 0.0)) / SCALE
    return np.array([w[k] for k in FEATURES])


def default_weights() -> tuple[float, ...] | None:
    """The fitted weights in :data:`FEATURES` order, or ``None`` when none are written."""
    if not WEIGHTS:
        return None
    return tuple(float(WEIGHTS.get(k, 0.0)) for k in FEATURES)


def continuous(sim: np.ndarray, cz: np.ndarray, ce: np.ndarray, zmass: np.ndarray, emass: np.ndarray,
               r: np.ndarray, nll: np.ndarray, weak_zh: np.ndarray, weak_en: np.ndarray, typical: float,
               a: int, b: int) -> list[np.ndarray]:
    """The :data:`CONTINUOUS` features of linked beads (a, b ≥ 1), elementwise: *sim* the bead
    similarity, *cz*/*ce* each side's translated weight, *zmass*/*emass* its matchable weight,
    *r* the log length ratio against the document's, *nll* the length term and *weak_zh*/*weak_en*
    the largest untranslated share of any one sentence of a multi-sentence side (see :func:`weakest`),
    *typical* the document's median bead similarity (so that the cost of a bead's size, and of a
    1-0 or 0-1 bead, can follow the document: free translations score lower everywhere)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        cov_zh = np.where(zmass > 0, cz / np.maximum(zmass, 1e-9), 0.0)
        cov_en = np.where(emass > 0, ce / np.maximum(emass, 1e-9), 0.0)
    return [(a + b) ** SIZE_EXPONENT * sim, sim, cov_zh, cov_en,
            np.log1p(np.maximum(zmass - cz, 0.0)), np.log1p(np.maximum(emass - ce, 0.0)),
            nll, np.abs(r), np.maximum(r, 0.0), ((zmass <= 0) | (emass <= 0)).astype(float), weak_zh, weak_en,
            (a + b) * sim, np.minimum(cov_zh, cov_en), np.full(sim.shape, typical * (a + b) ** SIZE_EXPONENT),
            np.zeros(sim.shape)]


def weakest(covered: list[np.ndarray], masses: list[np.ndarray]) -> np.ndarray:
    """Per bead, the largest share of a sentence's matchable weight that finds no translation on
    the other side, over the sentences of one side with at least 1 of weight (0 for a side of
    one sentence: its coverage is a feature of its own). *covered[k]* is sentence k's translated
    weight (already capped at its weight), *masses[k]* its weight."""
    if len(covered) < 2:
        return np.zeros(np.shape(covered[0]))
    out = np.zeros(np.broadcast_shapes(*(np.shape(c) for c in covered), *(np.shape(w) for w in masses)))
    for c, w in zip(covered, masses, strict=True):
        out = np.maximum(out, np.where(w >= 1.0, 1.0 - c / np.maximum(w, 1e-9), 0.0))
    return out


def potential(weights: Sequence[float], parts: list[np.ndarray], a: int, b: int) -> np.ndarray:
    """``w · phi`` of linked beads of type (a, b) from their :func:`continuous` features."""
    w = weights
    out = np.full(parts[0].shape, float(w[FEATURES.index(f"type_{a}_{b}")]) if (a, b) in ALL_TYPES else -1e3)
    for k, x in enumerate(parts):
        if w[k]:
            out = out + w[k] * x
    return out


def null_potential(weights: Sequence[float], a: int, b: int, typical: float) -> float:
    """``w · phi`` of a 1-0 (a=1) or 0-1 (b=1) bead in a document of median similarity *typical*."""
    return float(weights[FEATURES.index(f"type_{a}_{b}")]) + float(weights[FEATURES.index("typ_null")]) * typical


def null_features(typical: float) -> np.ndarray:
    """The :data:`CONTINUOUS` features of a 1-0 or 0-1 bead."""
    x = np.zeros(len(CONTINUOUS))
    x[CONTINUOUS.index("typ_null")] = typical
    return x
