"""The unit of work of the pipeline: a :class:`DocPair` (a document, its translation, their units).

The per-document steps (:mod:`zhcorpus.steps`) each take a DocPair and return it enriched; the
exporters (:mod:`zhcorpus.exporters`) read the finished pairs and write the corpus products.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Document, Unit


@dataclass
class DocPair:
    """A Chinese document, its English translation, and what later steps add to them."""

    id: str
    zh: Document | None
    en: Document | None = None
    units: list[Unit] = field(default_factory=list)
    status: str = "ok"
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage computed (not from the cache)
    log: list[str] = field(default_factory=list)  # what the worker reports (e.g. a bad cache entry dropped)
    source: Any = field(default=None, repr=False, compare=False)  # the input bytes (zhcorpus.source.Source)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "zh": self.zh.to_dict() if self.zh else None,
            "en": self.en.to_dict() if self.en else None,
            "units": [u.to_dict() for u in self.units],
            "status": self.status,
            "error": self.error,
            "log": self.log,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocPair:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            id=d["id"],
            zh=Document.from_dict(d["zh"]) if d.get("zh") else None,
            en=Document.from_dict(d["en"]) if d.get("en") else None,
            units=[Unit.from_dict(u) for u in d.get("units", [])],
            status=d.get("status", "ok"),
            error=d.get("error"),
            log=list(d.get("log", [])),
        )
