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
    'sim': -0.267977,
    'len_dev': -1.590060,
    'empty': -3.107303,
    'extra': 0.053378,
    'min_cov': 1.679640,
    'margin_next': 1.912371,
    'margin_prev': 1.984008,
    'merge_next': 1.026863,
    'merge_prev': 0.368830,
    'sim_next': 0.434590,
    'sim_prev': 1.096561,
    'split': 1.682972,
    'is_11': -0.337690,
    'is_12': 0.082507,
    'is_21': -0.560671,
    'bias': -3.169114,
}
# END WEIGHTS

_W = np.array([WEIGHTS.get(name, 0.0) for name in FEATURES])  # a feature without a weight counts 0


def bead_confidence(x: np.ndarray) -> float:
    """Probability in 0..1 that the bead with features *x* (one row of
    :func:`.beadfeatures.bead_features`) is exactly right."""
    z = float(np.dot(_W, x))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
