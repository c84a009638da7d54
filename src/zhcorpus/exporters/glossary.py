"""The glossary exports (TBX, OmegaT, CSV) and the term check of every unit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..atomic import atomic_write_text
from ..model import Unit
from .base import ExportContext, PullExporter


class GlossaryExporter(PullExporter):
    """``glossary/`` (TBX, OmegaT, CSV) and ``glossary/check.json``; nothing without a glossary."""

    name = "glossary"
    description = "TBX, OmegaT/CSV glossaries and the glossary check"

    def open(self, ctx: ExportContext) -> None:
        if ctx.glossary is None:
            self.ctx, self._off = ctx, True
            return
        self._off = False
        super().open(ctx)

    def add(self, pair: Any) -> None:
        if not self._off:
            super().add(pair)

    def close(self) -> dict[str, Any]:
        return {} if self._off else super().close()

    def abort(self) -> None:
        if not self._off:
            super().abort()

    def consume(self, units: Iterable[Unit]) -> dict[str, Any]:
        from ..glossary import check_units, export_glossary

        glossary = self.ctx.glossary
        export_glossary(glossary, self.ctx.out_dir / "glossary")
        report = check_units(units, glossary)
        summary = report.to_dict()
        atomic_write_text(self.ctx.out_dir / "glossary" / "check.json",
                          json.dumps(summary, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        return {"misses": len(report.misses), "explained": len(report.explained),
                "units": summary.get("units"), "occurrences": summary.get("occurrences")}
