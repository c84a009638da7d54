"""Per-segment results: metric scores, character accuracy and term checks of every system for
each segment, written as JSONL (``--segments``) and ranked to find the worst segments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..jsonl import write_jsonl
from .run import ScoreReport

RANK_METRICS = ("chrf", "chrf++", "bleu", "ter")


def segment_rows(report: ScoreReport) -> list[dict[str, Any]]:
    """One JSON-ready record per segment: ids, source, reference and each system's results."""
    by_seg: list[dict[str, list[dict[str, Any]]]] = [{} for _ in report.ref.texts]
    for sysres in report.systems:
        if sysres.terms is not None:
            for chk in sysres.terms.checks:
                by_seg[chk.segment].setdefault(sysres.name, []).append(chk.to_dict())
    rows = []
    for i, (rid, ref) in enumerate(zip(report.ref.ids, report.ref.texts, strict=True)):
        row: dict[str, Any] = {"n": i + 1, "id": rid, "ref": ref, "systems": {}}
        if report.src is not None:
            row["src"] = report.src.texts[i]
        for sysres in report.systems:
            entry: dict[str, Any] = {"hyp": sysres.segments.texts[i]}
            if sysres.sentence is not None:
                entry["scores"] = sysres.sentence[i]
            if sysres.char_accuracy is not None:
                cs = sysres.char_accuracy.segments[i]
                entry["char_accuracy"] = {"accuracy": cs.accuracy, "errors": cs.errors,
                                          "ref_chars": cs.ref_chars, "method": cs.method}
            if sysres.terms is not None:
                entry["terms"] = [{k: v for k, v in c.items() if k != "segment"}
                                  for c in by_seg[i].get(sysres.name, [])]
            row["systems"][sysres.name] = entry
        rows.append(row)
    return rows


def write_segments(path: str | Path, report: ScoreReport) -> int:
    """Write :func:`segment_rows` as JSONL (atomically); returns the number of segments."""
    return write_jsonl(path, segment_rows(report))


def rank_metric(report: ScoreReport) -> str:
    """The metric that ranks segments: chrF when computed (stabler than sentence BLEU)."""
    names = report.config.names()
    return next(m for m in RANK_METRICS if m in names)


def worst_segments(report: ScoreReport, n: int = 20, system: int = 0) -> list[int]:
    """Indices of the *n* worst segments of one system (lowest chrF, or highest TER), stable."""
    sysres = report.systems[system]
    if sysres.sentence is None:
        raise ValueError("segment scores were not computed (ScoreOptions(segment_scores=True))")
    key = rank_metric(report)
    sign = 1.0 if key != "ter" else -1.0
    order = sorted(range(len(sysres.sentence)), key=lambda i: (sign * sysres.sentence[i][key], i))
    return order[:n]
