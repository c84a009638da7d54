"""Chinese–English sentence alignment: lexical (CC-CEDICT + glossary + self-training), offline.

``align(zh, en) -> list[Bead]``: a coarse-to-fine banded dynamic programme over beads 0-1 … 4-1,
scoring each bead by the dictionary coverage of its concatenated sentences, a length term and
bead-type priors; a second pass re-weights the dictionary from the first pass's confident beads.
"""

from .api import Aligner, AlignmentWarning, AlignOptions, align, default_aligner
from .bead import Bead
from .evaluate import Report, evaluate

__all__ = ["AlignOptions", "Aligner", "AlignmentWarning", "Bead", "Report", "align",
           "default_aligner", "evaluate"]
