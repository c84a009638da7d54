"""The build report's review sections (per-document table, queue head, glossary misses, stale
corrections, signature), from the units and documents the build exported.

``units.jsonl`` and ``documents.jsonl`` are read back as a stream (memory flat whatever the corpus
size). A build with more than one job reads them in a spare process as soon as the JSONL and
glossary exports are closed, while it closes the other exports; otherwise here, after them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Unit


def _stale(doc_id: Any, lang: Any, meta: Any) -> list[dict[str, Any]]:
    """The stale corrections of a document, from its documents.jsonl record's id, lang and meta."""
    review = (meta or {}).get("review")
    if lang != "zh" or not review:
        return []
    return [{"document": doc_id.rsplit(".", 1)[0], "file": review.get("file"), **s} for s in review.get("stale", [])]


def review_report(out_dir: Path, signature: dict[str, Any]) -> dict[str, Any]:
    """The report's review sections, from the units and documents in *out_dir* (read as a stream)
    and the glossary misses of the glossary check just written."""
    from ..jsonl import JsonlRecords
    from ..review.summary import summarize
    from ..signature import signature_text

    units_path, check_path = out_dir / "units.jsonl", out_dir / "glossary" / "check.json"
    misses: list[dict[str, Any]] = []
    if check_path.is_file():
        misses = json.loads(check_path.read_text(encoding="utf-8")).get("misses", [])
    out: dict[str, Any] = {"signature": signature_text(signature), "glossary_misses": misses}
    if units_path.is_file():
        summary = summarize(JsonlRecords(units_path, Unit.from_dict, "unit"), (m["unit"] for m in misses))
        out["documents"] = summary.rows()
        out["review_queue"] = summary.head()
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
