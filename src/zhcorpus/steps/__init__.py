"""The per-document steps of the pipeline, in order — the one list the build and the commands run.

To add a step (e.g. ``corrections`` after ``align``): write ``steps/<name>.py`` with a frozen
config dataclass and a :class:`~zhcorpus.steps.base.Step` subclass (``name``, ``version``,
``Config``, ``__call__``), then add it to :data:`PIPELINE` below. Its settings become the
``[<name>]`` section of corpus.toml, its signature goes into every artefact, and its cache key
chains after the previous step's, so nothing else needs to change. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .align import AlignConfig, AlignStep
from .base import Step, StepContext
from .corrections import CorrectionsConfig, CorrectionsStep
from .glossary import GlossaryConfig, GlossaryStep
from .ingest import IngestConfig, IngestStep
from .variants import VariantsConfig, VariantsStep

PIPELINE: tuple[type[Step], ...] = (IngestStep, VariantsStep, AlignStep, CorrectionsStep, GlossaryStep)
"""The per-document steps, in the order they run."""

STEP_NAMES: tuple[str, ...] = tuple(s.name for s in PIPELINE)


class PipelineConfig:
    """The config of every step, by step name (immutable, hashable, picklable)."""

    def __init__(self, **configs: Any) -> None:
        unknown = set(configs) - set(STEP_NAMES)
        if unknown:
            raise ValueError(f"unknown step(s) {', '.join(sorted(unknown))}; steps: {', '.join(STEP_NAMES)}")
        self._configs = {s.name: configs.get(s.name) or s.Config() for s in PIPELINE}

    def __getitem__(self, name: str) -> Any:
        return self._configs[name]

    def replace(self, name: str, **changes: Any) -> PipelineConfig:
        """A copy with some fields of step *name*'s config changed."""
        return PipelineConfig(**{**self._configs, name: dataclasses.replace(self._configs[name], **changes)})

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Every step's settings (as corpus.toml sections)."""
        return {k: dataclasses.asdict(v) for k, v in self._configs.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PipelineConfig) and self._configs == other._configs

    def __hash__(self) -> int:
        return hash(tuple(self._configs.items()))

    def __repr__(self) -> str:
        return f"PipelineConfig({', '.join(f'{k}={v!r}' for k, v in self._configs.items())})"

    def __getstate__(self) -> dict[str, Any]:
        return self._configs

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._configs = state


def make_steps(config: PipelineConfig | None = None, glossary: Path | None = None,
               last: str | None = None) -> list[Step]:
    """The pipeline's steps with *config*, up to and including *last*."""
    config = config or PipelineConfig()
    context = StepContext(glossary=glossary)
    steps: list[Step] = []
    for cls in PIPELINE:
        step = cls(config[cls.name], context)
        step.bind(steps)
        steps.append(step)
        if cls.name == last:
            break
    return steps


__all__ = ["PIPELINE", "STEP_NAMES", "AlignConfig", "AlignStep", "CorrectionsConfig", "CorrectionsStep", "GlossaryConfig", "GlossaryStep", "IngestConfig",
           "IngestStep", "PipelineConfig", "Step", "StepContext", "VariantsConfig", "VariantsStep", "make_steps"]
