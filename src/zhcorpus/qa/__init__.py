"""Translation QA over units, a TMX file or an aligned pair (what Xbench or Verifika check).

Each check (``checks/``, registered in :mod:`.registry`) reports :class:`Finding` objects with a
check id, a severity (error, warning, info) and the unit it concerns: inconsistent translations,
numbers that differ, untranslated targets, glossary misses, unbalanced brackets and quotes,
doubled words and spaces, empty segments, and length-ratio outliers. :func:`run_qa` runs them;
:mod:`.report` writes text, JSON and HTML; a reviewed allowlist explains accepted findings.
"""

from __future__ import annotations

from .allowlist import Allowed, apply_allowlist, load_allowlist
from .inputs import load_units, units_from_jsonl, units_from_pair, units_from_tmx, units_from_tsv
from .model import SEVERITIES, Finding, QaReport
from .registry import Check, Context, all_checks
from .report import format_text, to_html, to_json
from .run import run_qa

__all__ = [
    "SEVERITIES", "Allowed", "Check", "Context", "Finding", "QaReport", "all_checks", "apply_allowlist",
    "format_text", "load_allowlist", "load_units", "run_qa", "to_html", "to_json", "units_from_jsonl",
    "units_from_pair", "units_from_tmx", "units_from_tsv",
]
