"""What a QA check reports: a :class:`Finding` (check id, severity, unit, message) and the
:class:`QaReport` over a set of units."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem a check found in one unit (or a group of units, for consistency checks)."""

    check: str  # the check id, e.g. "numbers"
    severity: str  # error, warning or info
    unit: str  # the unit id it concerns (the first, for a group)
    message: str
    zh: str = ""
    en: str = ""
    related: tuple[str, ...] = ()  # other units of a group (inconsistency)
    detail: str = ""  # what exactly differs (the numbers, the term, the ratio)
    allowed: str = ""  # the reason from a reviewed allowlist entry, if one covers it

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        d = asdict(self)
        d["related"] = list(self.related)
        return d


@dataclass
class QaReport:
    """Every finding of a QA run, with the number of units checked and the checks run."""

    units: int
    checks: list[str]
    findings: list[Finding] = field(default_factory=list)
    stale_allowlist: list[str] = field(default_factory=list)  # allowlist entries that matched nothing

    @property
    def open(self) -> list[Finding]:
        """The findings no allowlist entry explains."""
        return [f for f in self.findings if not f.allowed]

    def counts(self, *, include_allowed: bool = False) -> dict[str, int]:
        """Findings per severity (open ones unless *include_allowed*)."""
        c = Counter(f.severity for f in (self.findings if include_allowed else self.open))
        return {s: c.get(s, 0) for s in SEVERITIES}

    def by_check(self) -> dict[str, dict[str, int]]:
        """Open findings per check and severity."""
        out: dict[str, dict[str, int]] = {c: {} for c in self.checks}
        for f in self.open:
            out.setdefault(f.check, {})
            out[f.check][f.severity] = out[f.check].get(f.severity, 0) + 1
        return out

    @property
    def errors(self) -> int:
        """Open errors (what ``--strict`` fails on)."""
        return self.counts()["error"]

    def summary(self) -> str:
        """One line with the counts."""
        c = self.counts()
        allowed = sum(1 for f in self.findings if f.allowed)
        return (f"{self.units} units, {len(self.checks)} checks: {c['error']} errors, {c['warning']} warnings, "
                f"{c['info']} info" + (f"; {allowed} explained by the allowlist" if allowed else "")
                + (f"; {len(self.stale_allowlist)} allowlist entries matched nothing" if self.stale_allowlist else ""))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (findings in a stable order)."""
        return {"units": self.units, "checks": self.checks, "counts": self.counts(),
                "counts_with_allowed": self.counts(include_allowed=True), "by_check": self.by_check(),
                "findings": [f.to_dict() for f in self.findings], "stale_allowlist": self.stale_allowlist}
