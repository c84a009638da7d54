"""The translation QA of the build (:mod:`zhcorpus.qa`): ``qa.json`` and ``qa.html`` in the corpus
folder, and the counts in the build report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..atomic import atomic_write_text
from ..model import Unit
from .base import PullExporter


class QaExporter(PullExporter):
    """Every QA check over every unit, with the seeds' reviewed allowlist when there is one.

    The checks compare units with each other (inconsistency, the length distribution), so the
    units are kept, each with only the texts the checks read (not the zh-Hant/zh-TW/zh-HK variants).
    """

    name = "qa"
    description = "translation QA report (qa.json, qa.html): numbers, consistency, untranslated, brackets, lengths"

    def consume(self, units: Iterable[Unit]) -> dict[str, Any]:
        from ..qa import run_qa, to_html, to_json

        kept = [Unit(id=u.id, doc_id=u.doc_id, zh_ids=u.zh_ids, en_ids=u.en_ids, zh=u.zh, en=u.en, score=u.score,
                     paragraph=u.paragraph, flags=u.flags, terms=u.terms,
                     variants={k: v for k, v in u.variants.items() if k == "zh-Hans"}) for u in units]
        allowlist = self.ctx.qa_allowlist if self.ctx.qa_allowlist and self.ctx.qa_allowlist.is_file() else None
        report = run_qa(kept, self.ctx.glossary, allowlist=allowlist)
        atomic_write_text(self.ctx.out_dir / "qa.json", to_json(report))
        atomic_write_text(self.ctx.out_dir / "qa.html", to_html(report, "zhcorpus build: translation QA"))
        explained = sum(1 for f in report.findings if f.allowed)
        return {**report.counts(), "explained": explained, "units": report.units,
                "stale_allowlist": len(report.stale_allowlist),
                "allowlist": allowlist.name if allowlist is not None else None}
