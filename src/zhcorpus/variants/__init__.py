"""Simplified and Traditional variants: every Chinese segment in zh-Hans, zh-Hant, zh-TW, zh-HK.

- :mod:`.backend` — the conversion backend interface and the official OpenCC binding (default).
- :mod:`.converter` — :class:`VariantConverter`: routes per source script and region, guards.
- :mod:`.script` — script detection (Hans, Hant, mixed) with a confidence; regional standard.
- :mod:`.phrases` — the reviewed Taiwan phrase list (``data/tw_phrases.tsv``).
- :mod:`.yi` — repair of the 壹-for-一 converter artifact.
- :mod:`.document` — :func:`add_variants`, the pipeline stage for a Chinese document.
- :mod:`.roundtrip` — the Hans→Hant→Hans / Hant→Hans→Hant round-trip report.
- :mod:`.suite` — OpenCC's own test suite run against a backend.
"""

from __future__ import annotations

from .backend import BACKENDS, USED_CONFIGS, Backend, OpenCCBackend, get_backend
from .converter import ROUTES, Conversion, VariantConverter, VariantSet, glossary_phrases
from .document import add_variants, default_converter, repair_yi
from .guard import ControlCharacterError, LengthMismatch, strip_unsafe
from .phrases import Phrase, PhraseHit, TaiwanPhrases
from .roundtrip import RoundTrip, format_report, round_trip
from .script import RegionGuess, ScriptGuess

__all__ = [
    "BACKENDS", "ROUTES", "USED_CONFIGS", "Backend", "ControlCharacterError", "Conversion",
    "LengthMismatch", "OpenCCBackend", "Phrase", "PhraseHit", "RegionGuess", "RoundTrip", "ScriptGuess",
    "TaiwanPhrases", "VariantConverter", "VariantSet", "add_variants", "default_converter", "format_report",
    "get_backend", "glossary_phrases", "repair_yi", "round_trip", "strip_unsafe",
]
