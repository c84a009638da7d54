"""Run the pipeline's steps for one manifest entry, with the stage cache; never raises.

A failing document becomes a DocPair with ``status="failed"`` and an error naming the document
and the stage, so one bad file cannot kill a long job; the build decides what to do with it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZhcorpusError
from ..manifest import Entry
from ..pipeline import DocPair
from ..source import Source
from ..steps import STEP_NAMES, PipelineConfig, Step, make_steps
from .cache import StageCache, hash_parts


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to know: picklable, so it can be sent to processes and actors."""

    root: Path
    cache: Path | None
    glossary: Path | None
    steps: PipelineConfig = field(default_factory=PipelineConfig)
    forced: tuple[str, ...] = ()  # stages recomputed even when cached
    last: str = STEP_NAMES[-1]  # the last per-document stage to run


def stage_keys(source: Source, steps: list[Step]) -> dict[str, str]:
    """The cache key of each step for *source*: hash(previous key, the step's signature, and the
    step's per-document inputs when it has any)."""
    key = source.key()
    keys = {}
    for step in steps:
        doc = step.document_inputs(source)
        key = hash_parts(key, step.signature(), *(f"{k}:{v}" for k, v in doc.items()))
        keys[step.name] = key
    return keys


class DocWorker:
    """Holds one worker's steps (with their loaded resources) and processes entries one at a time."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.steps = make_steps(config.steps, config.glossary, config.last)
        self.cache = StageCache(config.cache) if config.cache else None

    def __call__(self, item: Entry | Source) -> DocPair:
        """The entry processed through the per-document stages (or a failed status row)."""
        cfg = self.config
        doc_id = item.id
        names = [s.name for s in self.steps]
        timings: dict[str, float] = {}
        stage = names[0]
        try:
            source = Source.from_entry(item, cfg.root) if isinstance(item, Entry) else item
            keys = stage_keys(source, self.steps)
            pair: DocPair | None = None
            # the latest cached stage we may reuse (nothing at or after a forced stage)
            reusable = names
            for f in cfg.forced:
                if f in reusable:
                    reusable = reusable[: reusable.index(f)]
            start_at = 0
            if self.cache:
                for i in range(len(reusable) - 1, -1, -1):
                    hit = self.cache.load(reusable[i], keys[reusable[i]])
                    if hit is not None:
                        pair, start_at = hit, i + 1
                        break
            if pair is None:
                pair = DocPair(id=source.id, zh=None)
            pair.source = source
            body = None  # the previous stage's encoded cache entry body
            for step in self.steps[start_at:]:
                stage = step.name
                t0 = time.perf_counter()
                kept = body is not None and step.keeps(pair)
                pair = step(pair)
                timings[stage] = time.perf_counter() - t0
                if self.cache:
                    body = self.cache.save(stage, keys[stage], pair, body if kept else None)
            pair.source = None
            pair.timings = timings
            pair.status, pair.error = "ok", None
            pair.log = self._log()
            return pair
        except ZhcorpusError as exc:
            error = f"document {doc_id}, stage {stage}: {exc}"
        except Exception as exc:  # noqa: BLE001 - one bad document must not kill the job
            error = f"document {doc_id}, stage {stage}: {type(exc).__name__}: {exc}"
        return DocPair(id=doc_id, zh=None, status="failed", error=error, log=self._log())

    def _log(self) -> list[str]:
        if not self.cache or not self.cache.problems:
            return []
        out, self.cache.problems = self.cache.problems, []
        return out
