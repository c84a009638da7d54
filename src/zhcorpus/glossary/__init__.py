"""The policy-term glossary: curated concepts, term matching, checks, extraction and exports."""

from .check import CheckReport, Miss, annotate_document, annotate_units, check_units, format_report
from .export import export_glossary
from .extract import Candidate, extract_candidates, write_candidates
from .match import TermHit, TermMatcher, en_contains, en_rendering_used
from .model import Concept, Glossary, load_glossary, write_glossary

__all__ = ["Candidate", "CheckReport", "Concept", "Glossary", "Miss", "TermHit", "TermMatcher",
           "annotate_document", "annotate_units", "check_units", "en_contains", "en_rendering_used",
           "export_glossary", "extract_candidates", "format_report", "load_glossary",
           "write_candidates", "write_glossary"]
