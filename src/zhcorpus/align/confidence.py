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
    'sim': -0.386885,
    'len_dev': -1.883123,
    'empty': -3.526031,
    'extra': -0.093472,
    'min_cov': 1.823066,
    'margin_next': 1.731420,
    'margin_prev': 1.659747,
    'merge_next': 0.929567,
    'merge_prev': 0.405987,
    'sim_next': 0.613481,
    'sim_prev': 1.054955,
    'split': 1.683811,
    'is_11': -0.625598,
    'is_12': -0.150851,
    'is_21': -0.786806,
    'bias': -2.610041,
}
# END WEIGHTS

_W = np.array([WEIGHTS[name] for name in FEATURES])


def bead_confidence(x: np.ndarray) -> float:
    """Probability in 0..1 that the bead with features *x* (one row of
    :func:`.beadfeatures.bead_features`) is exactly right."""
    z = float(np.dot(_W, x))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
