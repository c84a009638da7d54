"""The offline review sheet: the queue as an .xlsx with a decision column (ok / merge-next /
split-after-N / omission), and its decisions applied back as corrections.

Rows name their bead by sentence ids, so a decision applies to exactly the bead the reviewer saw;
one whose bead no longer exists (the corpus was rebuilt differently, or another decision changed
it) is reported, not guessed. The file's bytes depend only on the corpus and the corrections:
fixed timestamps (SOURCE_DATE_EPOCH, else 2020-01-01) in the zip and the document properties.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from ..errors import InputError, ZhcorpusError
from .project import ReviewProject

COLUMNS = ["unit", "document", "bead #", "zh ids", "en ids", "Chinese", "English", "type", "score", "flags",
           "why", "decision", "note"]
DECISIONS = ["ok", "merge-next", "split-after-1", "split-after-2", "split-after-3", "omission"]
_SPLIT = re.compile(r"^split-after-(\d+)(?:/(\d+))?$")
SHEET = "review"


def _fixed_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime(2020, 1, 1)


def _deterministic(data: bytes, when: dt.datetime) -> bytes:
    """The xlsx zip rewritten with fixed entry dates and a fixed modification time."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(max(1980, when.year), when.month, when.day,
                                                          when.hour, when.minute, when.second))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def export_sheet(project: ReviewProject, path: Path) -> int:
    """Write the review queue (beads not yet reviewed, worst first) to *path*; returns the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    q = project.queue(per_page=1 << 30)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE6F0")
    for it in q.items:
        u = it.unit
        ws.append([u.id, u.doc_id, it.position + 1, " ".join(u.zh_ids), " ".join(u.en_ids), u.zh, u.en, u.bead,
                   round(float(u.score), 4), " ".join([*u.flags, *(["glossary-miss"] if it.misses else [])]),
                   it.category, None, None])
    n = len(q.items)
    last = max(2, n + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                        errorStyle="warning", showErrorMessage=True, errorTitle="decision",
                        error="ok, merge-next, split-after-N (or split-after-Z/E: Z Chinese and E English "
                              "sentences in the first part) or omission",
                        promptTitle="decision", prompt="ok / merge-next / split-after-N / omission",
                        showInputMessage=True)
    dv.add(f"L2:L{last}")
    ws.add_data_validation(dv)
    widths = {"A": 10, "B": 9, "C": 7, "D": 18, "E": 18, "F": 60, "G": 70, "H": 6, "I": 7, "J": 22, "K": 15,
              "L": 14, "M": 30}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=7):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:M{last}"
    when = _fixed_date()
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "zhcorpus"
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, _deterministic(buf.getvalue(), when))
    return n


@dataclass
class ImportReport:
    """What an import did."""

    applied: int = 0
    skipped: int = 0  # rows without a decision
    problems: list[str] = field(default_factory=list)


def _find(project: ReviewProject, doc: str, zh_ids: list[str], en_ids: list[str]) -> int | None:
    v = project.view(doc)
    for k, u in enumerate(v.units):
        if u.zh_ids == zh_ids and u.en_ids == en_ids:
            return k
    return None


def _plan(decision: str, k: int, zh_n: int, en_n: int) -> tuple[str, dict[str, Any]]:
    if decision == "ok":
        return "approve", {"bead": k}
    if decision == "merge-next":
        return "merge-next", {"bead": k}
    if decision == "omission":
        return "omission", {"bead": k}
    m = _SPLIT.match(decision)
    if m:
        a = int(m[1])
        b = int(m[2]) if m[2] is not None else a
        return "split", {"bead": k, "zh": min(a, zh_n), "en": min(b, en_n)}
    raise ValueError(f"unknown decision {decision!r} (ok, merge-next, split-after-N, omission)")


def import_sheet(project: ReviewProject, path: Path) -> ImportReport:
    """Apply the decisions of a review sheet as corrections (latest rows of a document first, so a
    merge-next meets the next bead as the reviewer saw it); problems are listed, not fatal."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(path, "not found") from None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(path, f"not an .xlsx review sheet: {exc}") from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    missing = [c for c in ("unit", "document", "zh ids", "en ids", "decision") if c not in header]
    if missing:
        raise InputError(path, f"sheet {ws.title!r}: columns missing: {', '.join(missing)}", where="row 1")
    col = {name: header.index(name) for name in header if name}
    report = ImportReport()
    todo: list[tuple[int, int, str, str, list[str], list[str], str]] = []
    for r, row in enumerate(rows, 2):
        def cell(name: str, row: Any = row) -> str:
            i = col[name]
            v = row[i] if i < len(row) else None
            return "" if v is None else str(v).strip()
        decision = cell("decision").lower()
        if not decision:
            report.skipped += 1
            continue
        pos = cell("bead #") if "bead #" in col else ""
        todo.append((r, int(float(pos)) if pos.replace(".", "", 1).isdigit() else 0, cell("unit"), cell("document"),
                     cell("zh ids").split(), cell("en ids").split(), decision))
    wb.close()
    order = {d: i for i, d in enumerate(project.order)}
    todo.sort(key=lambda t: (order.get(t[3], len(order)), -t[1], t[0]))  # per document, last bead first
    for r, _, unit, doc, zh_ids, en_ids, decision in todo:
        where = f"{path.name} row {r} ({unit})"
        if doc not in project.docs:
            report.problems.append(f"{where}: no document {doc!r} in the corpus")
            continue
        k = _find(project, doc, zh_ids, en_ids)
        if k is None:
            report.problems.append(f"{where}: {decision}: the bead {' '.join(zh_ids)} | {' '.join(en_ids)} no "
                                   "longer exists (the corpus or its corrections changed since the export)")
            continue
        try:
            action, params = _plan(decision, k, len(zh_ids), len(en_ids))
            project.act(doc, project.view(doc).version, action, params)
        except (ValueError, ZhcorpusError) as exc:
            report.problems.append(f"{where}: {decision}: {exc}")
            continue
        report.applied += 1
    return report
