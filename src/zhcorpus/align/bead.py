"""The result of alignment: a bead links consecutive zh sentences to consecutive en sentences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """Sentence indices of each side (either may be empty), a 0..1 confidence and flags."""

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
