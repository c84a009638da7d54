"""The step contract: a per-document stage with a name, a version, a typed config and a signature.

A step is a small object (datatrove style): ``step(pair) -> pair`` enriches one
:class:`~zhcorpus.pipeline.DocPair`. Its :meth:`Step.signature` is a readable string, as
sacrebleu's ``Signature``: the step's name and version, every field of its config, and the hashes
of the data it reads (OpenCC version, CC-CEDICT, glossary). The stage cache key is
``hash(previous key, signature)``, so changing one setting re-runs exactly that stage and the
later ones, while an edit that changes no behaviour (a docstring) invalidates nothing. Bump
``version`` whenever a change to the step's code changes its output.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from ..pipeline import DocPair


def _value(v: Any) -> str:
    """A config value as it appears in a signature (stable, readable)."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if v is None:
        return "none"
    if isinstance(v, (tuple, list)):
        return "+".join(_value(x) for x in v) or "none"
    return str(v)


@cache
def file_hash(path: Path) -> str:
    """The first 16 hex digits of a file's sha256 (signatures name data files by content)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class StepContext:
    """What every step may read besides its config: the build's glossary (or None)."""

    glossary: Path | None = None

    def glossary_hash(self) -> str:
        """The glossary's content hash, ``none`` without a glossary."""
        return file_hash(self.glossary) if self.glossary is not None and self.glossary.is_file() else "none"

    def load_glossary(self) -> Any:
        """The glossary (loaded once per process and content), or None."""
        if self.glossary is None:
            return None
        return _load_glossary(self.glossary, self.glossary_hash())

    def glossary_pairs(self) -> list[tuple[str, str]]:
        """Every (Chinese form, English form) pair of the glossary: the aligner's extra dictionary."""
        if self.glossary is None:
            return []
        return _glossary_pairs(self.glossary, self.glossary_hash())


@cache
def _load_glossary(path: Path, digest: str) -> Any:
    from ..glossary import load_glossary

    return load_glossary(path)


@cache
def _glossary_pairs(path: Path, digest: str) -> list[tuple[str, str]]:
    return [(zh, en) for c in _load_glossary(path, digest) for zh in c.zh_forms() for en in c.en_forms()]


class Step:
    """A per-document stage. Subclasses set ``name``, ``version``, ``Config`` and implement
    :meth:`__call__`; heavy resources are made lazily and kept for the worker's lifetime."""

    name: ClassVar[str]
    version: ClassVar[str]
    Config: ClassVar[type]

    def __init__(self, config: Any = None, context: StepContext | None = None) -> None:
        self.config = config if config is not None else self.Config()
        self.context = context or StepContext()
        self._signature: str | None = None

    def inputs(self) -> dict[str, str]:
        """Data the step reads besides the pair, by content (name -> hash or version)."""
        return {}

    def document_inputs(self, source: Any) -> dict[str, str]:
        """Per-document data the step reads besides the pair (name -> hash), e.g. the document's
        corrections file; part of that document's cache key only, not of the signature."""
        return {}

    def bind(self, earlier: list[Step]) -> None:
        """Called with the steps that run before this one in the same worker, so a step may
        reuse their loaded resources (the corrections step re-aligns with the align step's aligner)."""

    def signature(self) -> str:
        """``name|v:VERSION|field:value|…|input:hash`` — every config field and input, in order."""
        if self._signature is None:
            parts = [self.name, f"v:{self.version}"]
            parts += [f"{f.name}:{_value(getattr(self.config, f.name))}" for f in dataclasses.fields(self.config)]
            parts += [f"{k}:{v}" for k, v in self.inputs().items()]
            self._signature = "|".join(parts)
        return self._signature

    def keeps(self, pair: DocPair) -> bool:
        """Whether calling the step now will leave *pair* exactly as it is (then its cache entry
        reuses the previous stage's encoded body); False when the step cannot tell cheaply."""
        return False

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair enriched by this step."""
        raise NotImplementedError

    def __getstate__(self) -> dict[str, Any]:
        # workers get steps by pickling: send the settings, not the loaded resources
        return {"config": self.config, "context": self.context}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"], state["context"])  # type: ignore[misc]
