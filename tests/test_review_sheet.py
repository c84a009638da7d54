"""The offline review sheet: export the queue to .xlsx (deterministic bytes, a decision drop-down),
fill in decisions, import them as corrections; what cannot be applied is reported."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from review_fixtures import mini_corpus
from zhcorpus.cli import main
from zhcorpus.errors import InputError
from zhcorpus.review.project import ReviewProject
from zhcorpus.review.sheet import DECISIONS, export_sheet, import_sheet
from zhcorpus.review.store import CorrectionsStore


@pytest.fixture()
def project(tmp_path) -> ReviewProject:
    mini_corpus(tmp_path)
    return ReviewProject(tmp_path / "corpus", tmp_path / "corrections")


def _rows(path):
    ws = load_workbook(path).active
    return ws, {r[0].value: r for r in ws.iter_rows(min_row=2)}


def test_export_is_the_queue_with_a_decision_dropdown(project, tmp_path, monkeypatch):
    n = export_sheet(project, tmp_path / "a.xlsx")
    assert n == 7
    ws, rows = _rows(tmp_path / "a.xlsx")
    header = [c.value for c in ws[1]]
    assert header[:7] == ["unit", "document", "bead #", "zh ids", "en ids", "Chinese", "English"]
    assert "decision" in header and "score" in header and "flags" in header
    first = [c.value for c in ws[2]]
    assert first[0] == project.queue().items[0].unit.id
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].formula1 == '"' + ",".join(DECISIONS) + '"' and "L2:L8" in str(dv[0].sqref)
    # the same corpus gives the same bytes, whenever it is written
    export_sheet(project, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    export_sheet(project, tmp_path / "c.xlsx")
    assert (tmp_path / "c.xlsx").read_bytes() != (tmp_path / "a.xlsx").read_bytes()


def test_round_trip_applies_decisions_and_reports_the_rest(project, tmp_path):
    export_sheet(project, tmp_path / "r.xlsx")
    ws, rows = _rows(tmp_path / "r.xlsx")
    col = [c.value for c in ws[1]].index("decision")
    rows["a01/1"][col].value = "merge-next"   # a01/1 + a01/2
    rows["a01/2"][col].value = "ok"           # applied first (later bead first), then merged into a01/1
    rows["a01/4"][col].value = "omission"
    rows["b02/1"][col].value = "ok"
    rows["b02/2"][col].value = "split-after-1"  # a 1-1 bead cannot be split: reported
    rows["a01/5"][col].value = "merge-next"   # the last bead: reported
    rows["a01/3"][col].value = "maybe"         # not a decision: reported
    ws.parent.save(tmp_path / "r.xlsx")
    rep = import_sheet(project, tmp_path / "r.xlsx")
    assert rep.applied == 4 and rep.skipped == 0
    assert len(rep.problems) == 3
    assert any("row" in p and "b02/2" in p and "at least one sentence" in p for p in rep.problems)
    assert any("a01/5" in p and "no next bead" in p for p in rep.problems)
    assert any("a01/3" in p and "unknown decision 'maybe'" in p for p in rep.problems)
    a = project.view("a01").units
    assert [u.bead for u in a] == ["2-2", "1-1", "1-0", "0-1", "1-1"]
    assert [("reviewed" in u.flags) for u in a] == [True, False, True, True, False]
    b = project.view("b02").units
    assert "reviewed" in b[0].flags and "reviewed" not in b[1].flags
    store = CorrectionsStore(tmp_path / "corrections")
    assert [c.action for c in store.load("a01").items] == ["omission", "omission", "approve", "merge-next"]
    # the same sheet again: the beads it names are gone or already decided -> reported, nothing breaks
    rep2 = import_sheet(project, tmp_path / "r.xlsx")
    assert any("no longer exists" in p for p in rep2.problems)


def test_cli_export_and_import(tmp_path, monkeypatch):
    mini_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["review", "--export", "q.xlsx"])
    assert r.exit_code == 0, r.output
    assert "7 beads" in r.output and (tmp_path / "q.xlsx").is_file()
    ws, rows = _rows(tmp_path / "q.xlsx")
    rows["b02/1"][[c.value for c in ws[1]].index("decision")].value = "ok"
    ws.parent.save(tmp_path / "q.xlsx")
    r = CliRunner().invoke(main, ["review", "--import", "q.xlsx"])
    assert r.exit_code == 0, r.output
    assert "1 decisions applied" in r.output and (tmp_path / "corrections" / "b02.jsonl").is_file()
    r = CliRunner().invoke(main, ["review", "--import", "missing.xlsx"])
    assert r.exit_code == 1 and "missing.xlsx: not found" in r.output
    (tmp_path / "bad.xlsx").write_text("not a spreadsheet")
    r = CliRunner().invoke(main, ["review", "--import", "bad.xlsx"])
    assert r.exit_code == 1 and "bad.xlsx: not an .xlsx review sheet" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["review", "--export", "a.xlsx", "--import", "q.xlsx"])
    assert r.exit_code == 2


def test_import_needs_the_columns(project, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["unit", "decision"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="columns missing: document, zh ids, en ids"):
        import_sheet(project, tmp_path / "x.xlsx")
