"""The build pipeline: per-document steps over a :class:`DocPair`, then global export steps.

Per-document steps are pure functions ``step(pair, resources) -> pair`` (datatrove style: small,
composable, testable alone); heavy resources (converters, dictionaries, glossary automaton) live
in one :class:`Resources` object created once per worker. Global steps read all pairs and write
the corpus products.
"""

from __future__ import annotations

from collections.abc import Callable
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
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "zh": self.zh.to_dict() if self.zh else None,
            "en": self.en.to_dict() if self.en else None,
            "units": [u.to_dict() for u in self.units],
            "status": self.status,
            "error": self.error,
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
        )


class Resources:
    """Heavy, read-only resources shared by the per-document steps; created once per worker."""

    def __init__(self, **kwargs: Any) -> None:
        self._cache: dict[str, Any] = dict(kwargs)

    def get(self, name: str, factory: Callable[[], Any]) -> Any:
        """The resource *name*, made by *factory* on first use."""
        if name not in self._cache:
            self._cache[name] = factory()
        return self._cache[name]


Step = Callable[[DocPair, Resources], DocPair]
