"""A reviewed allowlist: findings a person has checked and explained, with the reason.

TSV with a header ``check unit detail reason``: *detail* is ``*`` (any finding of that check on
that unit) or a text the finding's detail must contain. An allowed finding stays in the report,
marked with its reason, and does not count for ``--strict``; entries that match nothing are
reported as stale so the list does not rot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from .model import Finding

COLUMNS = ("check", "unit", "detail", "reason")


@dataclass(frozen=True)
class Allowed:
    """One reviewed entry."""

    check: str
    unit: str
    detail: str
    reason: str
    line: int

    def matches(self, f: Finding) -> bool:
        """Whether this entry explains *f*."""
        return f.check == self.check and f.unit == self.unit and (self.detail == "*" or self.detail in f.detail)


def load_allowlist(path: str | Path) -> list[Allowed]:
    """The entries of an allowlist TSV (``#`` lines are comments); errors name the line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(p, "allowlist not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(p, "not valid UTF-8", where=f"byte {exc.start}") from None
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not body or tuple(body[0][1].split("\t")) != COLUMNS:
        raise InputError(p, f"the header must be {' '.join(COLUMNS)} (tab-separated)",
                         where=str(body[0][0]) if body else None)
    out: list[Allowed] = []
    for n, line in body[1:]:
        cells = line.split("\t")
        if len(cells) != len(COLUMNS) or not all(c.strip() for c in cells):
            raise InputError(p, f"expected {len(COLUMNS)} non-empty tab-separated fields", where=str(n))
        out.append(Allowed(*(c.strip() for c in cells), line=n))
    return out


def apply_allowlist(findings: list[Finding], allowed: list[Allowed]) -> tuple[list[Finding], list[str]]:
    """*findings* with ``allowed`` set where an entry explains them, and the stale entries."""
    used: set[int] = set()
    out = []
    for f in findings:
        entry = next((a for a in allowed if a.matches(f)), None)
        if entry is not None:
            used.add(entry.line)
            f = replace(f, allowed=entry.reason)
        out.append(f)
    stale = [f"line {a.line}: {a.check} {a.unit} {a.detail}" for a in allowed if a.line not in used]
    return out, stale
