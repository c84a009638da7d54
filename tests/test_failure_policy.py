"""The failure policy, the same for every engine: stop at the first failed document (outputs
untouched), or with --keep-going build the others, list the failures and exit 1."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from test_build import make_project
from zhcorpus.cli import main

BAD = "seeds/zh/002_9f6beda70938858f.txt"


def test_stop_at_the_first_failure_and_keep_going(tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "p", root)
    monkeypatch.chdir(project)
    (project / BAD).write_bytes(b"\x00\x01binary\xff")
    r = CliRunner().invoke(main, ["build", "-q"])
    assert r.exit_code == 1 and "002" in r.output and "failed" in r.output
    assert not (project / "corpus").exists() and not list(project.glob(".*.staging"))
    r = CliRunner().invoke(main, ["build", "-q", "--keep-going"])
    assert r.exit_code == 1
    assert "FAILED 002" in r.output and "the other documents were built" in "".join(r.output.split("\n"))
    report = json.loads((project / "corpus" / "report.json").read_text(encoding="utf-8"))
    assert [f["document"] for f in report["stats"]["failures"]] == ["002"]
    units = (project / "corpus" / "units.jsonl").read_text(encoding="utf-8")
    assert '"doc_id":"001"' in units and '"doc_id":"002"' not in units
    r = CliRunner().invoke(main, ["build", "-q", "--keep-going"])  # a partial build is never "up to date"
    assert r.exit_code == 1 and "FAILED 002" in r.output
    # fixed: the next build is complete and exits 0
    shutil.copy(root / BAD, project / BAD)
    r = CliRunner().invoke(main, ["build", "-q"])
    assert r.exit_code == 0, r.output
    assert '"doc_id":"002"' in (project / "corpus" / "units.jsonl").read_text(encoding="utf-8")
