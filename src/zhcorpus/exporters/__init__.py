"""The build's exporters, in the order they are fed: one streaming pass over the finished document
pairs feeds every one (see :mod:`.base` for the protocol).

To add an exporter: write ``exporters/<name>.py`` with an :class:`~.base.Exporter` subclass
(``name``, ``description``, ``open``/``add``/``close``) and add one line to :data:`EXPORTERS`.
The build writes what it writes into the staging folders, puts its ``close()`` report into
report.json under its name and lists it in the dataset card. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from .base import ExportContext, Exporter, PullExporter, run_exporters
from .glossary import GlossaryExporter
from .hf import HfExporter
from .jsonl import JsonlExporter
from .plain import MosesExporter, TsvExporter
from .tmx import TmxExporter

EXPORTERS: dict[str, type[Exporter]] = {
    cls.name: cls for cls in (JsonlExporter, TmxExporter, GlossaryExporter, MosesExporter, TsvExporter, HfExporter)
}
"""Every exporter by name, in the order they run (the dataset card lists them in this order)."""

__all__ = ["EXPORTERS", "ExportContext", "Exporter", "PullExporter", "run_exporters"]
