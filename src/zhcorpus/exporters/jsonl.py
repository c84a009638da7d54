"""documents.jsonl and units.jsonl: every document and unit, one JSON object a line."""

from __future__ import annotations

from typing import Any

from ..jsonl import encode
from ..pipeline import DocPair
from .base import ExportContext, Exporter


class JsonlExporter(Exporter):
    """``documents.jsonl`` (each Chinese document, then its translation) and ``units.jsonl``."""

    name = "jsonl"
    description = "JSONL: every cleaned document and every unit (documents.jsonl, units.jsonl)"

    def open(self, ctx: ExportContext) -> None:
        super().open(ctx)
        self.docs = open(ctx.out_dir / "documents.jsonl", "wb")  # noqa: SIM115  # UTF-8 JSON lines, as bytes
        self.units = open(ctx.out_dir / "units.jsonl", "wb")  # noqa: SIM115

    def add(self, pair: DocPair) -> None:
        docs = [encode(doc.to_dict()) for doc in (pair.zh, pair.en) if doc is not None]
        if docs:
            self.docs.write(b"\n".join(docs) + b"\n")
        if pair.units:  # one write per file and pair
            self.units.write(b"".join([encode(u.to_dict()) + b"\n" for u in pair.units]))

    def close(self) -> dict[str, Any]:
        self.abort()
        return {}

    def abort(self) -> None:
        for fh in (self.docs, self.units):
            fh.close()
