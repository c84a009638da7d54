"""Rows of each subset, built from units, documents and the glossary (plain dicts, stable order).

Only beads with both sides are translation rows; a bead with an empty side (flag
``unaligned-zh``/``unaligned-en``) is listed under its document in the ``documents`` subset
instead, so every sentence of the corpus is in the dataset exactly once as a translation row or
as an unaligned entry. The Chinese text of a subset is the unit's variant for its tag; a unit
without variants falls back to its own text when the document's script is that tag's script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..glossary import Glossary
from ..jsonl import dumps
from ..model import Document, Unit
from .features import TranslationConfig

_SCRIPT_OF_TAG = {"zh-Hans": "Hans", "zh-Hant": "Hant"}
_UNIT_N = re.compile(r"^(?P<doc>.+)/(?P<n>\d+)$")


@dataclass
class DocumentGroup:
    """A document pair (Chinese source and its translation) and its units."""

    doc_id: str
    zh: Document
    en: Document | None
    units: list[Unit] = field(default_factory=list)


def unit_sort_key(unit: Unit) -> tuple[str, int, str]:
    """Document id, then the unit's number (``000/10`` after ``000/9``)."""
    m = _UNIT_N.match(unit.id)
    return (unit.doc_id, int(m["n"]), "") if m else (unit.doc_id, 0, unit.id)


def id_sort_key(unit_id: str) -> tuple[str, int, str]:
    """The order of :func:`unit_sort_key` from a unit id ``<doc>/<n>`` alone."""
    m = _UNIT_N.match(unit_id)
    return (m["doc"], int(m["n"]), "") if m else (unit_id, 0, unit_id)


def group_documents(units: Iterable[Unit], documents: Iterable[Document], *,
                    units_src: str | Path | None = None, docs_src: str | Path | None = None
                    ) -> list[DocumentGroup]:
    """Pair documents by pair id and attach their units; errors name the source (file), and
    the unit or document."""
    zh_docs: dict[str, Document] = {}
    en_docs: dict[str, Document] = {}
    for d in documents:
        target = zh_docs if d.lang == "zh" else en_docs
        if d.pair_id in target:
            raise InputError(docs_src, f"document {d.id} given twice", where=d.id)
        # the export needs the text, metadata and edits, not the segment tree: drop it (memory)
        target[d.pair_id] = d.detached() if d.paragraphs else d
    for pid in en_docs:
        if pid not in zh_docs:
            raise InputError(docs_src, f"translation {en_docs[pid].id} has no Chinese document", where=pid)
    groups = {pid: DocumentGroup(pid, zh_docs[pid], en_docs.get(pid)) for pid in sorted(zh_docs)}
    seen: set[str] = set()
    for u in units:
        if u.doc_id not in groups:
            raise InputError(units_src, f"unit {u.id} belongs to document {u.doc_id!r}, which is not among "
                             "the documents", where=u.id)
        if u.id in seen:
            raise InputError(units_src, f"unit id {u.id} occurs twice", where=u.id)
        seen.add(u.id)
        groups[u.doc_id].units.append(u)
    for g in groups.values():
        g.units.sort(key=unit_sort_key)
    return list(groups.values())


def zh_variant(unit: Unit, tag: str, script: str | None) -> str | None:
    """The unit's Chinese text for *tag*, or None when the unit does not carry it."""
    if tag in unit.variants:
        return unit.variants[tag]
    if script is not None and _SCRIPT_OF_TAG.get(tag) == script:
        return unit.zh
    return None


@dataclass
class TranslationColumns:
    """A translation subset over a list of units: which units it keeps, and its own columns."""

    keep: list[bool]  # per unit of the list
    translation: list[dict[str, str]]  # per kept unit
    zh_source: list[str | None]  # per kept unit: the source text where it differs
    missing: list[str]  # ids of units that qualify but lack the variant text


def shared_columns(units: Sequence[Unit]) -> dict[str, list[Any]]:
    """The columns every translation subset has, for *units* in order."""
    return {
        "id": [u.id for u in units], "doc_id": [u.doc_id for u in units],
        "paragraph": [u.paragraph for u in units], "bead": [u.bead for u in units],
        "score": [float(u.score) for u in units], "terms": [list(u.terms) for u in units],
        "flags": [list(u.flags) for u in units], "reviewed": ["reviewed" in u.flags for u in units],
        "zh_ids": [list(u.zh_ids) for u in units],
        "en_ids": [list(u.en_ids) for u in units],
    }


def translation_columns(config: TranslationConfig, units: Sequence[Unit],
                        scripts: Mapping[str, str | None]) -> TranslationColumns:
    """The subset's rows among *units* (``scripts``: document id -> script of its Chinese).

    ``en-zh_*`` subsets take the aligned beads; ``zh_Hans-zh_Hant`` takes every bead with a
    Chinese side (a conversion pair needs no English). ``zh_source`` is null where the source
    text equals the subset's first Chinese text.
    """
    out = TranslationColumns([], [], [], [])
    bilingual = "en" in config.languages
    for u in units:
        if not u.zh_ids or (bilingual and not u.en_ids):
            out.keep.append(False)
            continue
        script = scripts.get(u.doc_id)
        texts = [zh_variant(u, t, script) for t in config.zh_tags]
        if None in texts:
            out.keep.append(False)
            out.missing.append(u.id)
            continue
        out.keep.append(True)
        if bilingual:
            out.translation.append({"en": u.en, "zh": texts[0]})
        else:
            out.translation.append(dict(zip(config.languages, texts, strict=True)))
        out.zh_source.append(None if u.zh == texts[0] else u.zh)
    return out


def glossary_rows(glossary: Glossary, units: Iterable[Unit] = (),
                  counts: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """One row per concept in glossary order, with how many units contain it (counted from
    *units*, or given as *counts*: concept id -> units)."""
    if counts is None:
        tally: dict[str, int] = {}
        for u in units:
            for t in set(u.terms):
                tally[t] = tally.get(t, 0) + 1
        counts = tally
    return [{
        "id": c.id, "zh_hans": c.zh_hans, "zh_hant": c.zh_hant, "zh_tw": c.zh_tw,
        "zh_variants": list(c.zh_variants), "en": c.en, "en_alt": list(c.en_alt),
        "definition": c.definition, "domain": c.domain, "source": c.source,
        "source_date": c.source_date, "status": c.status, "notes": c.notes,
        "occurrences": counts.get(c.id, 0),
    } for c in glossary]


def _opt(meta: dict[str, Any], key: str) -> str | None:
    v = meta.get(key)
    return None if v is None or v == "" else str(v)


def document_row(g: DocumentGroup) -> dict[str, Any]:
    """The ``documents`` row of a pair: texts, provenance, cleaning log and unaligned beads."""
    docs = [d for d in (g.zh, g.en) if d is not None]
    unaligned = []
    for u in g.units:
        if u.aligned:
            continue
        side = "zh" if u.zh_ids else "en"
        unaligned.append({"id": u.id, "side": side, "text": u.zh if side == "zh" else u.en,
                          "flags": list(u.flags)})
    cleaning, edits, boilerplate, flags = [], [], [], []
    for d in docs:
        for rule, count in sorted((d.meta.get("cleaning") or {}).items()):
            cleaning.append({"lang": d.lang, "rule": rule, "count": int(count)})
        for e in d.edits:
            edits.append({"lang": d.lang, "rule": e.rule, "line": e.line, "col": e.col,
                          "before": e.before, "after": e.after})
        for b in d.meta.get("boilerplate") or []:
            text = b.get("text") if b.get("text") is not None else "\n".join(b.get("items", []))
            boilerplate.append({"lang": d.lang, "rule": str(b.get("rule", "")),
                                "line": b.get("line"), "text": text})
        for f in d.meta.get("flags") or []:
            detail = {k: v for k, v in f.items() if k != "rule"}
            flags.append({"lang": d.lang, "rule": str(f.get("rule", "")), "detail": dumps(detail)})
    zm, em = g.zh.record_meta(), (g.en.record_meta() if g.en else {})
    return {
        "doc_id": g.doc_id, "script": g.zh.script, "title": _opt(zm, "title"),
        "date": _opt(zm, "date"), "source": _opt(zm, "source"), "author": _opt(zm, "author"),
        "zh_text": g.zh.text, "en_text": g.en.text if g.en else None,
        "zh_sha256": _opt(zm, "sha256"), "en_sha256": _opt(em, "sha256"),
        "translation_license": _opt(em, "license"),
        "units": sum(1 for u in g.units if u.aligned), "unaligned": unaligned,
        "cleaning": cleaning, "edits": edits, "boilerplate": boilerplate, "doc_flags": flags,
        "zh_meta": dumps(zm), "en_meta": dumps(em) if g.en else None,
    }
