"""The policy-term glossary: curated concepts, term matching, checks, extraction and exports."""

from typing import Any

from .check import CheckReport, Miss, annotate_document, annotate_units, check_units, format_report
from .export import export_glossary
from .match import TermHit, TermMatcher, en_contains, en_rendering_used
from .model import Concept, Glossary, load_glossary, write_glossary

_EXTRACT = ("Candidate", "extract_candidates", "write_candidates")


def __getattr__(name: str) -> Any:
    """The extraction names, imported on first use (they load jieba's part-of-speech tables)."""
    if name in _EXTRACT:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Candidate", "CheckReport", "Concept", "Glossary", "Miss", "TermHit", "TermMatcher",
           "annotate_document", "annotate_units", "check_units", "en_contains", "en_rendering_used",
           "export_glossary", "extract_candidates", "format_report", "load_glossary",
           "write_candidates", "write_glossary"]
