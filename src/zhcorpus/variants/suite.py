"""OpenCC's own conversion test suite (``testcases.json``) run against a backend.

The file is OpenCC's ``test/testcases/testcases.json``: ``{"cases": [{"id", "input",
"expected": {config: output}}]}``. OpenCC reads it with a parser that accepts trailing commas,
so they are removed (outside strings) before the standard JSON parser reads it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .backend import Backend

# The ten core configurations the suite covers (484 cases); the others are extra.
CORE_CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "t2hk")
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|,(?=\s*[}\]])')


@dataclass(frozen=True)
class Case:
    """One expected conversion: input, configuration and the output OpenCC expects."""

    id: str
    config: str
    input: str
    expected: str


@dataclass
class SuiteResult:
    """Pass counts per configuration and the failed cases with what the backend gave."""

    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[Case, str]] = field(default_factory=list)

    def rate(self, config: str) -> float:
        """The share of cases of *config* that passed (0.0 when it has none)."""
        n = self.total.get(config, 0)
        return self.passed.get(config, 0) / n if n else 0.0

    def overall(self, configs: tuple[str, ...] | None = None) -> tuple[int, int]:
        """(passed, total) over *configs* (default: all)."""
        keys = configs if configs is not None else tuple(self.total)
        return sum(self.passed.get(k, 0) for k in keys), sum(self.total.get(k, 0) for k in keys)


def strip_trailing_commas(text: str) -> str:
    """JSON text without the trailing commas before ``}``/``]`` (strings are left as they are)."""
    return _TOKEN.sub(lambda m: m.group() if m.group().startswith('"') else "", text)


def load_cases(path: str | Path) -> list[Case]:
    """Every (case, configuration) pair of an OpenCC ``testcases.json``, in file order."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "OpenCC test cases not found") from None
    try:
        data = json.loads(strip_trailing_commas(raw))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg}", where=f"{exc.lineno}:{exc.colno}") from None
    cases: list[Case] = []
    for i, c in enumerate(data.get("cases", []), 1):
        if not isinstance(c, dict) or not isinstance(c.get("input"), str) or not isinstance(c.get("expected"), dict):
            raise InputError(path, "a case needs a string 'input' and an 'expected' object", where=f"case {i}")
        for config, expected in c["expected"].items():
            cases.append(Case(str(c.get("id", i)), config, c["input"], expected))
    return cases


def run_suite(backend: Backend, cases: list[Case]) -> SuiteResult:
    """Run every case whose configuration the backend has; exact match counts as a pass."""
    result = SuiteResult()
    available = backend.configs()
    for case in cases:
        if case.config not in available:
            continue
        result.total[case.config] = result.total.get(case.config, 0) + 1
        got = backend.convert(case.config, case.input)
        if got == case.expected:
            result.passed[case.config] = result.passed.get(case.config, 0) + 1
        else:
            result.failures.append((case, got))
    return result
