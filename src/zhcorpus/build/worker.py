"""Run the per-document steps for one manifest entry, with the stage cache; never raises.

A failing document becomes a DocPair with ``status="failed"`` and an error naming the document
and the stage, so one bad file cannot kill a long job; the build decides what to do with it.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhcorpusError
from ..manifest import Entry
from ..pipeline import DocPair, Resources
from .cache import StageCache, code_fingerprint, hash_parts, sha256_file
from .options import PER_DOCUMENT
from .source import Source
from .steps import STEPS, step_ingest


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to know: picklable, so it can be sent to processes and actors."""

    root: Path
    cache: Path | None
    glossary: Path | None
    low_score: float
    forced: tuple[str, ...] = ()  # stages recomputed even when cached
    last: str = "glossary"  # the last per-document stage to run


def _opencc_version() -> str:
    """The OpenCC binding's version: an upgrade can change the variants, so it is part of the key."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("opencc")
    except PackageNotFoundError:
        return "none"


def source_key(source: Source, glossary_hash: str) -> dict[str, str]:
    """The cache key of each per-document stage for this source."""
    meta = json.dumps({"id": source.id, "lang": source.lang, "script": source.script, "meta": source.meta,
                       "translation": source.translation_meta, "zh": source.zh_name, "en": source.en_name},
                      sort_keys=True, default=str)
    src = hashlib.sha256(source.zh_bytes).hexdigest()
    tr = hashlib.sha256(source.en_bytes).hexdigest() if source.en_bytes is not None else "none"
    gl = glossary_hash
    keys = {"ingest": hash_parts(code_fingerprint(), meta, src, tr)}
    keys["variants"] = hash_parts(keys["ingest"], "variants", _opencc_version(), gl)  # zh-TW uses the glossary
    keys["align"] = hash_parts(keys["variants"], "align", gl)
    keys["glossary"] = hash_parts(keys["align"], "glossary", gl)
    return keys


class DocWorker:
    """Holds one worker's resources and processes entries one at a time."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.resources = Resources(glossary_path=config.glossary, low_score=config.low_score)
        self.cache = StageCache(config.cache) if config.cache else None
        g = config.glossary
        self.glossary_hash = sha256_file(g) if g and g.is_file() else "none"

    def __call__(self, item: Entry | Source) -> DocPair:
        """The entry processed through the per-document stages (or a failed status row)."""
        cfg = self.config
        doc_id = item.id
        stages = list(PER_DOCUMENT[: PER_DOCUMENT.index(cfg.last) + 1])
        timings: dict[str, float] = {}
        stage = "ingest"
        try:
            source = Source.from_entry(item, cfg.root) if isinstance(item, Entry) else item
            keys = source_key(source, self.glossary_hash)
            pair: DocPair | None = None
            # the latest cached stage we may reuse (nothing at or after a forced stage)
            reusable = stages
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
            for stage in stages[start_at:]:
                t0 = time.perf_counter()
                pair = step_ingest(source) if stage == "ingest" else STEPS[stage](pair, self.resources)  # type: ignore[arg-type]
                timings[stage] = time.perf_counter() - t0
                if self.cache:
                    self.cache.save(stage, keys[stage], pair)
            assert pair is not None
            pair.timings = timings
            pair.status, pair.error = "ok", None
            return pair
        except ZhcorpusError as exc:
            return DocPair(id=doc_id, zh=None, status="failed", error=f"document {doc_id}, stage {stage}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad document must not kill the job
            return DocPair(id=doc_id, zh=None, status="failed",
                           error=f"document {doc_id}, stage {stage}: {type(exc).__name__}: {exc}")
