"""A bead's score: the estimated probability that it is exactly right, comparable across documents.

A logistic model over the bead features of :mod:`.beadfeatures`: the bead's posterior
probability among all paths of the search's band (and its weaker neighbour's), plus, for policy
texts, its similarity and coverage against the document's usual. The weights are fitted on
MAC-Dev gold and corrupted policy texts by ``python bench/align_fit.py --write`` (L2-regularised
IRLS, plain numpy), which also reports the leave-one-document-out quality; runtime needs
nothing but numpy.
"""

from __future__ import annotations

import math

import numpy as np

from .beadfeatures import FEATURES

# BEGIN WEIGHTS (written by bench/align_fit.py --write)
WEIGHTS: dict[str, float] = {
    'sim': -0.069448,
    'post': 1.406596,
    'post_nb': 0.267378,
    'sim_gap': -0.463074,
    'len_dev': -0.464646,
    'policy': -0.221595,
    'policy_post': -0.035423,
    'policy_post_nb': -0.351591,
    'policy_sim': -5.633516,
    'policy_gap': 1.430893,
    'policy_cov': 7.226253,
    'policy_len': -4.036485,
    'policy_far': -5.392384,
    'shift': -0.944252,
    'bias': 1.603651,
}
# END WEIGHTS

_W = np.array([WEIGHTS.get(name, 0.0) for name in FEATURES])  # a feature without a weight counts 0


def bead_confidence(x: np.ndarray) -> float:
    """Probability in 0..1 that the bead with features *x* (one row of
    :func:`.beadfeatures.bead_features`) is exactly right."""
    z = float(np.dot(_W, x))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
