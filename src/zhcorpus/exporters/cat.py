"""OmegaT projects (``corpus/cat/<src>_<tgt>/``) for the language pairs the manifest's ``[corpus]``
table lists in ``cat_projects`` (e.g. ``["zh-CN:en-US"]``); nothing when it lists none. The same
projects as ``corpus cat-project`` writes from the build's outputs."""

from __future__ import annotations

from typing import Any

from ..errors import ZhcorpusError
from ..model import Document, Unit
from .base import ExportContext, Exporter


class CatProjectExporter(Exporter):
    """Keeps the Chinese documents and units of the build (only when a project is asked for) and
    writes each project at the end: a project needs every document for its segmentation rules."""

    name = "cat"
    description = "OmegaT projects for the manifest's cat_projects pairs"

    def open(self, ctx: ExportContext) -> None:
        from ..catproject import parse_pair

        super().open(ctx)
        pairs = ctx.corpus.get("cat_projects", [])
        if isinstance(pairs, str) or not isinstance(pairs, list):
            raise ZhcorpusError("manifest [corpus] cat_projects: a list of pairs such as [\"zh-CN:en-US\"]")
        for p in pairs:
            try:
                parse_pair(str(p))
            except ValueError as exc:
                raise ZhcorpusError(f"manifest [corpus] cat_projects: {exc}") from None
        self.pairs = [str(p) for p in pairs]
        self.docs: list[Document] = []
        self.units: list[Unit] = []

    def add(self, pair: Any) -> None:
        if self.pairs and pair.zh is not None:
            self.docs.append(pair.zh)
            self.units.extend(pair.units)

    def close(self) -> dict[str, Any]:
        from ..catproject import write_cat_project

        out: dict[str, Any] = {}
        for p in self.pairs:
            folder = self.ctx.out_dir / "cat" / p.replace(":", "_")
            report = write_cat_project(self.docs, self.units, self.ctx.glossary, p, folder,
                                       creation_date=self.ctx.date.strftime("%Y%m%dT%H%M%SZ"))
            d = report.to_dict()
            d["path"] = f"cat/{p.replace(':', '_')}"
            out[p] = d
        self.docs, self.units = [], []
        return out
