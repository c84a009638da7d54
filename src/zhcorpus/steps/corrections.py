"""The corrections step: the reviewer's corrections (``corrections/<doc>.jsonl``) applied after
``align`` — reviewed beads fixed with score 1.0 and the flag ``reviewed``, only the sentences
around them re-aligned, edited English sentences carrying their corrected text.

The document's corrections are part of its cache key (:meth:`CorrectionsStep.document_inputs`),
so a new correction re-runs this step (and the later ones) for that document only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pipeline import DocPair
from .align import AlignStep
from .base import Step


@dataclass(frozen=True)
class CorrectionsConfig:
    """Settings of the corrections step (``[corrections]`` in corpus.toml)."""

    folder: str = "corrections"  # the project's corrections folder (one <doc>.jsonl per document)
    apply: bool = True  # off: the reviewer's corrections are ignored (the aligner's beads as they are)


class CorrectionsStep(Step):
    """Apply each document's review corrections to its units."""

    name = "corrections"
    version = "1"
    Config = CorrectionsConfig

    def __init__(self, config: Any = None, context: Any = None) -> None:
        super().__init__(config, context)
        self._align: AlignStep | None = None
        self._loaded: dict[str, Any] = {}

    def bind(self, earlier: list[Step]) -> None:
        """Re-align with the align step's aligner (same settings, dictionary loaded once)."""
        self._align = next((s for s in earlier if isinstance(s, AlignStep)), None)

    @property
    def folder(self) -> Path:
        """The corrections folder (relative to the project root, where the build runs)."""
        return Path(self.config.folder)

    def _load(self, doc: str) -> Any:
        from ..review.step import load_for

        return load_for(self.folder if self.config.apply else None, doc)

    def document_inputs(self, source: Any) -> dict[str, str]:
        """The content hash of the document's corrections (``none`` without any)."""
        got = self._loaded[source.id] = self._load(source.id)
        return {"corrections": got.digest()[:16]} if got.items else {}

    def keeps(self, pair: DocPair) -> bool:
        """True for a document without corrections (known from its cache key) or without both sides."""
        got = self._loaded.get(pair.id)
        return pair.zh is None or pair.en is None or (got is not None and not got.items)

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair with its corrections applied (unchanged when it has none)."""
        from ..review.step import apply_to_pair, corrections_file, make_realign

        got = self._loaded.pop(pair.id, None) or self._load(pair.id)
        if not got.items or pair.zh is None or pair.en is None:
            return pair
        align = self._align or AlignStep(None, self.context)
        realign = make_realign(align.aligner, pair.zh.segments(), pair.en.segments(), align.extra_dictionary())
        return apply_to_pair(pair, got, realign, corrections_file(self.folder, pair.id))
