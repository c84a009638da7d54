"""CAT-tool glossary exports: OmegaT tab-separated glossaries (one per language pair) and a CSV
with language-code column headers for Trados MultiTerm and memoQ termbase import.

OmegaT (GlossaryReaderTSV) reads ``source<TAB>target<TAB>comment`` lines from a UTF-8 ``.utf8``
file; a header row would be read as an entry, so there is none. Every Chinese form of a concept
in the pair's script gets its own line (OmegaT matches source forms literally in CJK text), the
preferred target first; the comment gives the accepted alternatives, the definition and the id.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from ..atomic import atomic_write
from .model import Concept, Glossary
from .scripts import HANS, HANT, forms_in_script, to_hant

# (source, target) OmegaT project languages of the exported pairs.
OMEGAT_PAIRS: list[tuple[str, str]] = [
    ("zh-CN", "en-US"), ("zh-TW", "en-US"), ("zh-HK", "en-US"),
    ("en-US", "zh-CN"), ("en-US", "zh-TW"), ("zh-CN", "zh-TW"), ("zh-TW", "zh-CN"),
]


def _zh_forms(c: Concept, lang: str) -> list[str]:
    """The concept's Chinese forms for an OmegaT project language, preferred first."""
    if lang == "zh-CN":
        return forms_in_script(c, HANS)
    hant = forms_in_script(c, HANT)
    if lang == "zh-TW" and c.zh_tw and c.zh_tw != c.zh_hant:
        return list(dict.fromkeys([c.zh_tw, to_hant(c.zh_tw), *hant]))
    return hant


def _zh_preferred(c: Concept, lang: str) -> str:
    return _zh_forms(c, lang)[0]


def _clean(text: str) -> str:
    """One line of a TSV field: tabs and line breaks become spaces."""
    return " ".join(text.replace("\t", " ").split())


def _comment(c: Concept, extra: list[str]) -> str:
    parts = []
    if extra:
        parts.append("also: " + "; ".join(extra))
    if c.definition:
        parts.append(c.definition)
    parts.append(f"[{c.id}]")
    return _clean(" — ".join(parts))


def omegat_rows(glossary: Glossary, source: str, target: str) -> list[tuple[str, str, str]]:
    """The (source, target, comment) lines of the OmegaT glossary for a language pair."""
    rows: list[tuple[str, str, str]] = []
    for c in glossary:
        if source.startswith("zh") and target.startswith("en"):
            for form in _zh_forms(c, source):
                rows.append((form, c.en, _comment(c, [a for a in c.en_alt if a != c.en])))
        elif source.startswith("en") and target.startswith("zh"):
            zh = _zh_preferred(c, target)
            variants = [f for f in _zh_forms(c, target)[1:]]
            for en in c.en_forms():
                rows.append((en, zh, _comment(c, variants)))
        else:
            tgt = _zh_preferred(c, target)
            for form in _zh_forms(c, source):
                if form != tgt:
                    rows.append((form, tgt, _comment(c, [])))
    return list(dict.fromkeys((_clean(s), _clean(t), m) for s, t, m in rows))


def omegat_filename(stem: str, source: str, target: str) -> str:
    """``<stem>.<source>_<target>.utf8`` — OmegaT reads glossary files named *.utf8 as UTF-8."""
    return f"{stem}.{source}_{target}.utf8"


def write_omegat(glossary: Glossary, path: str | Path, source: str, target: str) -> Path:
    """Write the OmegaT glossary for one language pair (UTF-8, LF, no header), atomically."""
    path = Path(path)
    with atomic_write(path) as fh:
        for row in omegat_rows(glossary, source, target):
            fh.write("\t".join(row) + "\n")
    return path


# CSV columns: one column per term, headed by its language code; a code repeats for synonyms
# (the first column of a language holds the preferred term), so an import maps every such column
# to that language. Then the descriptive (concept-level) fields.
_DESCRIPTIVE: list[tuple[str, Callable[[Concept], str]]] = [
    ("Definition", lambda c: c.definition), ("Subject", lambda c: c.domain),
    ("Source", lambda c: ", ".join(x for x in (c.source, c.source_date) if x)),
    ("Note", lambda c: c.notes), ("ID", lambda c: c.id),
]
CSV_LANGS = ("zh-CN", "zh-TW", "en-US")


def _csv_terms(c: Concept, lang: str) -> list[str]:
    return c.en_forms() if lang == "en-US" else _zh_forms(c, lang)


def write_csv(glossary: Glossary, path: str | Path, langs: tuple[str, ...] = CSV_LANGS) -> Path:
    """Write the multilingual CSV (UTF-8 with BOM so Excel-based MultiTerm Convert reads it,
    CRLF as RFC 4180), one concept per row, with term columns for *langs*, atomically."""
    path = Path(path)
    width = {lang: max((len(_csv_terms(c, lang)) for c in glossary), default=1) for lang in langs}
    header = [lang for lang in langs for _ in range(width[lang])] + [n for n, _ in _DESCRIPTIVE]
    with atomic_write(path, encoding="utf-8-sig") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header)
        for c in glossary:
            row: list[str] = []
            for lang in langs:
                terms = _csv_terms(c, lang)
                row += terms + [""] * (width[lang] - len(terms))
            row += [_clean(f(c)) for _, f in _DESCRIPTIVE]
            w.writerow(row)
    return path
