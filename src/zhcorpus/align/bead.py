"""The result of alignment: a bead links consecutive zh sentences to consecutive en sentences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """Sentence indices of each side (either may be empty), a score and flags.

    ``score`` is the calibrated probability that the bead is exactly right. Flags:
    ``omission`` — a 1-0 or 0-1 bead: a sentence with no counterpart on the other side (left
    out of, or added by, the translation); ``low-confidence`` — the score is below
    ``AlignOptions.low_confidence``; ``length-mismatch`` — the English/Chinese length ratio is
    more than ``AlignOptions.length_mismatch`` times off the document's."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float
    flags: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        """``<zh count>-<en count>``, e.g. ``1-2``."""
        return f"{len(self.zh)}-{len(self.en)}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"zh": list(self.zh), "en": list(self.en), "type": self.type,
                "score": round(self.score, 4), "flags": list(self.flags)}
