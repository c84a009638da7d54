"""The ingest step: a document pair's bytes decoded, cleaned and segmented into Documents."""

from __future__ import annotations

from dataclasses import dataclass

from ..clean import CLEAN_RULES
from ..errors import InputError
from ..pipeline import DocPair
from .base import Step


@dataclass(frozen=True)
class IngestConfig:
    """Settings of the ingest step (``[ingest]`` in corpus.toml)."""

    clean: tuple[str, ...] = CLEAN_RULES  # the cleaning passes to run (``corpus segment --no-clean``: none)

    def __post_init__(self) -> None:
        object.__setattr__(self, "clean", tuple(self.clean))
        unknown = [r for r in self.clean if r not in CLEAN_RULES]
        if unknown:
            raise ValueError(f"unknown cleaning rule(s) {', '.join(unknown)}; known: {', '.join(CLEAN_RULES)}")


class IngestStep(Step):
    """Decode, clean and segment ``pair.source`` (a :class:`~zhcorpus.source.Source`) into ``zh``/``en``."""

    name = "ingest"
    version = "1"
    Config = IngestConfig

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair with its Chinese document and translation ingested."""
        if pair.source is None:
            raise InputError(None, f"document {pair.id}: nothing to ingest")
        pair.zh, pair.en = pair.source.ingest(self.config.clean)
        return pair
