"""Optional neural scorer: sentence embeddings from a sentence-transformers model the user
supplies (a local directory; nothing is downloaded), mixed into the bead similarity.

The default aligner is lexical and needs no model. With ``AlignOptions(embedding_model=PATH)``
each sentence is embedded once; a bead's embedding is the sum of its sentences' (as Vecalign
concatenates), and its cosine enters the similarity with weight ``ScoreParams.embedding_weight``.
Install with ``pip install 'zhcorpus[embed]'``; a multilingual model (LaBSE, a multilingual
MiniLM/MPNet) is what helps Chinese–English.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import InputError, ZhcorpusError


class SentenceEmbedder:
    """Embeds sentences with a local sentence-transformers model, on CPU, as unit vectors."""

    def __init__(self, model_path: str | Path, *, device: str = "cpu", batch_size: int = 64) -> None:
        path = Path(model_path)
        if not path.is_dir():
            raise InputError(path, "no such model directory (give the path of a sentence-transformers model)")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ZhcorpusError("the embedding scorer needs sentence-transformers: "
                                "pip install 'zhcorpus[embed]'") from None
        try:
            self.model = SentenceTransformer(str(path), device=device, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise InputError(path, f"not a loadable sentence-transformers model: {exc}") from None
        self.batch_size = batch_size

    def __call__(self, sentences: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per sentence (an empty sentence embeds as it comes)."""
        if not sentences:
            dim = self.model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dim))
        vecs = self.model.encode(list(sentences), batch_size=self.batch_size, show_progress_bar=False,
                                 convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(vecs, dtype=float)
