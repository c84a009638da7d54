"""The policy-term glossary: curated concepts, term matching, checks, extraction and exports."""

from .match import TermHit, TermMatcher, en_contains, en_rendering_used
from .model import Concept, Glossary, load_glossary, write_glossary

__all__ = ["Concept", "Glossary", "TermHit", "TermMatcher", "en_contains", "en_rendering_used",
           "load_glossary", "write_glossary"]
