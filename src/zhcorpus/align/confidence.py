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
    'sim': -0.108686,
    'post': 1.406247,
    'post_nb': 0.268633,
    'sim_gap': -0.530631,
    'len_dev': -0.443113,
    'policy': -0.420718,
    'policy_post': -0.415670,
    'policy_post_nb': -0.166990,
    'policy_sim': -5.850841,
    'policy_gap': 0.849149,
    'policy_cov': 9.138684,
    'policy_len': -3.544389,
    'policy_far': -5.902426,
    'shift': -0.943056,
    'bias': 1.626794,
}
# END WEIGHTS

_W = np.array([WEIGHTS.get(name, 0.0) for name in FEATURES])  # a feature without a weight counts 0


def bead_confidence(x: np.ndarray) -> float:
    """Probability in 0..1 that the bead with features *x* (one row of
    :func:`.beadfeatures.bead_features`) is exactly right."""
    z = float(np.dot(_W, x))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
