"""Run the QA checks over units: :func:`run_qa` (a library function, no CLI needed)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Unit
from .allowlist import Allowed, apply_allowlist, load_allowlist
from .model import SEVERITIES, QaReport
from .registry import Context, all_checks

_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def run_qa(units: Iterable[Unit], glossary: Any = None, *, checks: Iterable[str] | None = None,
           allowlist: str | Path | list[Allowed] | None = None, options: dict[str, Any] | None = None) -> QaReport:
    """Every check (or those named in *checks*) over *units*; findings sorted by severity, check, unit.

    *glossary* (a :class:`~zhcorpus.glossary.Glossary`) enables the glossary check; *allowlist*
    (a path or loaded entries) marks reviewed findings; *options* tunes thresholds
    (``length_threshold``, ``length_min_units``, ``untranslated_share``).
    """
    registry = all_checks()
    names = list(registry) if checks is None else list(checks)
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise ValueError(f"unknown check(s): {', '.join(unknown)} (known: {', '.join(registry)})")
    units = list(units)
    ctx = Context(glossary, dict(options or {}))
    findings = [f for n in names for f in registry[n].run(units, ctx)]
    position = {u.id: i for i, u in enumerate(units)}
    findings.sort(key=lambda f: (_ORDER[f.severity], names.index(f.check), position.get(f.unit, len(units)),
                                 f.message))
    stale: list[str] = []
    if allowlist is not None:
        entries = load_allowlist(allowlist) if isinstance(allowlist, (str, Path)) else allowlist
        findings, stale = apply_allowlist(findings, entries)
    return QaReport(units=len(units), checks=names, findings=findings, stale_allowlist=stale)
