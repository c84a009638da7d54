"""The registry of QA checks: id → :class:`Check` (what it looks for and the function running it)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Unit
from .checks._text import aligned
from .model import Finding

CheckFn = Callable[[Sequence[Unit], "Context"], Iterable[Finding]]

# the modules of .checks, in report order
CHECK_MODULES = ("empty", "untranslated", "numbers", "inconsistency", "glossary", "brackets", "doubled", "length")


@dataclass
class Context:
    """What checks may need besides the units: the glossary (or None) and tunable thresholds."""

    glossary: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    _aligned: tuple[Sequence[Unit], int, list[Unit]] | None = field(default=None, init=False, repr=False,
                                                                     compare=False)

    def option(self, name: str, default: Any) -> Any:
        """A threshold by name, or *default*."""
        return self.options.get(name, default)

    def aligned(self, units: Sequence[Unit]) -> list[Unit]:
        """The units with text on both sides (:func:`.checks._text.aligned`), found once for all the
        checks of a run given the same units (the checks read the list, never change it)."""
        last = self._aligned
        if last is not None and last[0] is units and last[1] == len(units):
            return last[2]
        out = aligned(list(units))
        self._aligned = (units, len(units), out)
        return out


@dataclass(frozen=True)
class Check:
    """One QA check: its id, the severities it can report, a one-line description and its function."""

    id: str
    description: str
    severities: tuple[str, ...]
    run: CheckFn


def all_checks() -> dict[str, Check]:
    """Every registered check by id, in report order."""
    out: dict[str, Check] = {}
    for name in CHECK_MODULES:
        check: Check = importlib.import_module(f".checks.{name}", __package__).CHECK
        out[check.id] = check
    return out
