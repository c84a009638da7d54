"""A bead's score: the estimated probability that it is exactly right, comparable across documents.

A logistic model over the bead features of :mod:`.beadfeatures` (similarity, length deviation,
type, the weakest sentence's coverage, and the score margins of the neighbouring alternatives:
a sentence moved across a boundary, two beads merged, a bead split). The weights are fitted on
MAC-Dev gold by ``python bench/align_fit.py --write`` (L2-regularised IRLS, plain numpy), which
also reports the leave-one-document-out quality; runtime needs nothing but numpy.
"""

from __future__ import annotations

import math

import numpy as np

from .beadfeatures import FEATURES

# BEGIN WEIGHTS (written by bench/align_fit.py --write)
WEIGHTS: dict[str, float] = {
    'sim': -0.636738,
    'len_dev': -2.501696,
    'empty': -3.481186,
    'extra': -0.008207,
    'min_cov': 0.943189,
    'margin_next': 1.612681,
    'margin_prev': 1.465688,
    'merge_next': 0.777691,
    'merge_prev': 0.303970,
    'sim_next': 0.685105,
    'sim_prev': 0.939471,
    'split': 2.225146,
    'is_11': 0.574212,
    'is_12': 0.053471,
    'is_21': -0.154551,
    'sim_gap': -2.487986,
    'policy': 0.708822,
    'policy_sim': -5.049350,
    'policy_gap': -4.663196,
    'policy_cov': 4.489663,
    'bias': -2.389518,
}
# END WEIGHTS

_W = np.array([WEIGHTS.get(name, 0.0) for name in FEATURES])  # a feature without a weight counts 0


def bead_confidence(x: np.ndarray) -> float:
    """Probability in 0..1 that the bead with features *x* (one row of
    :func:`.beadfeatures.bead_features`) is exactly right."""
    z = float(np.dot(_W, x))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
