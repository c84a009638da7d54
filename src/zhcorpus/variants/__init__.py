"""Simplified and Traditional variants: every Chinese segment in zh-Hans, zh-Hant, zh-TW, zh-HK.

- :mod:`.backend` — the conversion backend interface and the official OpenCC binding (default).
- :mod:`.converter` — :class:`VariantConverter`: routes per source script and region, guards.
- :mod:`.script` — script detection (Hans, Hant, mixed) with a confidence; regional standard.
- :mod:`.phrases` — the reviewed Taiwan and Hong Kong phrase lists (``data/tw_phrases.tsv``, ``data/hk_phrases.tsv``).
- :mod:`.glyphs` — the regional glyph maps (佈→布 for Taiwan; 脱→脫, 羣→群 for Hong Kong government text).
- :mod:`.quotes` — corner quotation marks (“”→「」, ‘’→『』) for zh-TW and zh-HK.
- :mod:`.yi` — repair of the 壹-for-一 converter artifact.
- :mod:`.repairs` — repair of reviewed Simplified→Traditional converter errors (註重→注重).
- :mod:`.document` — :func:`add_variants`, the pipeline stage for a Chinese document.
- :mod:`.roundtrip` — the Hans→Hant→Hans / Hant→Hans→Hant round-trip report.
- :mod:`.suite` — OpenCC's own test suite run against a backend.
"""

from __future__ import annotations

from .backend import BACKENDS, USED_CONFIGS, Backend, OpenCCBackend, get_backend
from .converter import ROUTES, Conversion, VariantConverter, VariantSet, glossary_phrases
from .document import add_variants, default_converter, repair_converter_errors, repair_yi
from .glyphs import apply_glyphs
from .guard import ControlCharacterError, LengthMismatch, strip_unsafe
from .phrases import HongKongPhrases, Phrase, PhraseHit, TaiwanPhrases
from .quotes import corner_quotes
from .roundtrip import RoundTrip, format_report, round_trip
from .script import RegionGuess, ScriptGuess

__all__ = [
    "BACKENDS", "ROUTES", "USED_CONFIGS", "Backend", "ControlCharacterError", "Conversion",
    "HongKongPhrases", "LengthMismatch", "OpenCCBackend", "Phrase", "PhraseHit", "RegionGuess", "RoundTrip",
    "ScriptGuess", "TaiwanPhrases", "VariantConverter", "VariantSet", "add_variants", "apply_glyphs",
    "corner_quotes", "default_converter", "format_report", "get_backend", "glossary_phrases",
    "repair_converter_errors", "repair_yi", "round_trip", "strip_unsafe",
]
