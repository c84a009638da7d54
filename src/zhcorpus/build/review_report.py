"""The build report's review sections (per-document table, queue head, glossary misses, stale
corrections, signature), from the units and documents the build exported.

A writing build keeps what the sections read as the pairs pass (:class:`ReviewInputs`: a small
copy of each unit, the stale corrections of each Chinese document), so that the report need not
read ``units.jsonl`` and ``documents.jsonl`` back, which cost more than the rest of the report.
A build that only writes the report reads them from the corpus folder, as they were written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Unit
from ..pipeline import DocPair


def _stale(doc_id: Any, lang: Any, meta: Any) -> list[dict[str, Any]]:
    """The stale corrections of a document, from its documents.jsonl record's id, lang and meta."""
    review = (meta or {}).get("review")
    if lang != "zh" or not review:
        return []
    return [{"document": doc_id.rsplit(".", 1)[0], "file": review.get("file"), **s} for s in review.get("stale", [])]


class ReviewInputs:
    """What the review sections read, kept while the build exports: each unit without its variants
    and terms, and the stale corrections of each Chinese document, in export order."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.stale: list[dict[str, Any]] = []

    def add(self, pair: DocPair) -> None:
        """Keep what the sections need of one exported pair."""
        for doc in (pair.zh, pair.en):
            if doc is not None:
                self.stale += _stale(doc.id, doc.lang, doc.record_meta())
        self.units += [Unit(id=u.id, doc_id=u.doc_id, zh_ids=u.zh_ids, en_ids=u.en_ids, zh=u.zh, en=u.en,
                            score=u.score, flags=u.flags) for u in pair.units]


def review_report(out_dir: Path, signature: dict[str, Any], kept: ReviewInputs | None = None) -> dict[str, Any]:
    """The report's review sections, from *kept* (this build's exports) or else from the units and
    documents in *out_dir*; the glossary misses from the glossary check just written."""
    from ..jsonl import JsonlRecords
    from ..review.summary import summarize
    from ..signature import signature_text

    units_path, check_path = out_dir / "units.jsonl", out_dir / "glossary" / "check.json"
    misses: list[dict[str, Any]] = []
    if check_path.is_file():
        misses = json.loads(check_path.read_text(encoding="utf-8")).get("misses", [])
    out: dict[str, Any] = {"signature": signature_text(signature), "glossary_misses": misses}
    if kept is not None or units_path.is_file():
        units = kept.units if kept is not None else JsonlRecords(units_path, Unit.from_dict, "unit")
        summary = summarize(units, (m["unit"] for m in misses))
        out["documents"] = summary.rows()
        out["review_queue"] = summary.head()
    if kept is not None:
        out["stale_corrections"] = kept.stale
        return out
    docs_path = out_dir / "documents.jsonl"
    stale: list[dict[str, Any]] = []
    if docs_path.is_file():
        with open(docs_path, "rb") as fh:  # only the documents with a review record are read as JSON
            for raw in fh:
                if b'"review":' in raw:
                    d = json.loads(raw)
                    stale += _stale(d.get("id"), d.get("lang"), d.get("meta"))
    out["stale_corrections"] = stale
    return out
