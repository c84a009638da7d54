"""TMX 1.4b, one file per language pair, and the SRX segmentation rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Unit
from ..signature import signature_text
from .base import PullExporter


class TmxExporter(PullExporter):
    """``tmx/zhcorpus_<src>_<tgt>.tmx`` per pair (duplicates merged) and ``tmx/zhcorpus.srx``."""

    name = "tmx"
    description = "TMX 1.4b per language pair, SRX"

    def consume(self, units: Iterable[Unit]) -> dict[str, Any]:
        from ..tmx import export_tmx_pairs, write_srx

        ctx = self.ctx
        result = export_tmx_pairs(units, ctx.tmx_dir, codes=ctx.tmx_codes,
                                  creation_date=ctx.date.strftime("%Y%m%dT%H%M%SZ"),
                                  signature=signature_text(ctx.signature) if ctx.signature else None)
        write_srx(ctx.tmx_dir / "zhcorpus.srx")
        return {k: r.to_dict() for k, r in sorted(result.reports.items())}
