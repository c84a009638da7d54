"""`corpus glossary …` end to end: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.errors import EXIT_CHECK, EXIT_DATA
from zhcorpus.glossary.sources import write_units

DATA = Path(__file__).parent / "data" / "glossary"


@pytest.fixture(scope="module")
def units_file(gold_units, tmp_path_factory):
    path = tmp_path_factory.mktemp("units") / "units.jsonl"
    write_units(path, gold_units)
    return path


def _run(*args: str):
    return CliRunner().invoke(main, ["glossary", *args], catch_exceptions=False)


def test_check_passes_on_the_seeds(root, units_file, tmp_path):
    res = _run("check", "--glossary", str(root / "seeds/glossary.tsv"), "--units", str(units_file),
               "--strict", "-v", "--json", str(tmp_path / "report.json"))
    assert res.exit_code == 0, res.output
    assert "0 misses" in res.output and "PARAPHRASE" in res.output
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["occurrences"] > 400


def test_check_strict_fails_on_a_wrong_rendering(units_file):
    res = _run("check", "--glossary", str(DATA / "bad_rendering.tsv"), "--units", str(units_file))
    assert res.exit_code == 0
    miss = next(line for line in res.output.splitlines() if line.startswith("MISS 000/9 "))
    assert "[000.zh/4/" in miss and " | 000.en/4/" in miss and miss.endswith("X001 返贫 (found 返贫)")
    res = _run("check", "--glossary", str(DATA / "bad_rendering.tsv"), "--units", str(units_file), "--strict")
    assert res.exit_code == EXIT_CHECK
    assert res.output.strip().splitlines()[-1].startswith("error: ")


def test_check_with_gold_alignment(root):
    res = _run("check", "--glossary", str(root / "seeds/glossary.tsv"),
               "--gold", str(root / "tests/data/gold/seeds.jsonl"),
               "--manifest", str(root / "seeds/manifest.toml"), "--strict")
    assert res.exit_code == 0 and "226 aligned units" in res.output


def test_missing_inputs_are_one_line_errors(root, tmp_path):
    res = _run("check", "--glossary", str(root / "seeds/glossary.tsv"), "--units", str(tmp_path / "no.jsonl"))
    assert res.exit_code == EXIT_DATA and res.output.count("\n") == 1 and "units file not found" in res.output
    res = _run("export", "--glossary", str(tmp_path / "none.tsv"), "-o", str(tmp_path))
    assert res.exit_code == EXIT_DATA and "glossary not found" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1/1"}\nnot json\n', encoding="utf-8")
    res = _run("check", "--glossary", str(root / "seeds/glossary.tsv"), "--units", str(bad))
    assert res.exit_code == EXIT_DATA and "record 1" in res.output


def test_export_annotate_lookup_find(root, units_file, tmp_path):
    g = str(root / "seeds/glossary.tsv")
    res = _run("export", "--glossary", g, "-o", str(tmp_path / "out"), "-f", "tbx-basic", "-f", "omegat")
    assert res.exit_code == 0
    # each pair's OmegaT file in a folder of its own, so a project's glossary folder holds one pair
    out_dir = tmp_path / "out"
    assert (out_dir / "zh-CN_en-US" / "zhcorpus-glossary.zh-CN_en-US.utf8").is_file()
    assert sorted(p.name for p in out_dir.iterdir() if p.is_file()) == ["zhcorpus-glossary.tbx"]
    assert all(len(list(d.iterdir())) == 1 for d in out_dir.iterdir() if d.is_dir())
    assert "tbx-basic\t" in res.output and "csv\t" not in res.output
    one = tmp_path / "one"
    res = _run("export", "--glossary", g, "-o", str(one), "--pair", "zh-TW:en-US")
    assert res.exit_code == 0, res.output
    assert [p.name for p in one.iterdir()] == ["zhcorpus-glossary.zh-TW_en-US.utf8"]  # one pair, one format
    res = _run("export", "--glossary", g, "-o", str(one), "--pair", "zh-CN:fr-FR")
    assert res.exit_code == 2 and "unknown language pair" in res.output
    out = tmp_path / "annotated.jsonl"
    res = _run("annotate", "--glossary", g, "--units", str(units_file), "-o", str(out))
    assert res.exit_code == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["id"] == "000/1" and first["terms"]
    res = _run("lookup", "--glossary", g, "返贫")
    assert res.exit_code == 0 and "relapse into poverty" in res.output
    assert _run("lookup", "--glossary", g, "no such term").exit_code == 1
    res = _run("find", "--glossary", g, "利用扶贫车间、公益岗位等")
    assert res.output.splitlines()[0].split("\t")[:2] == ["1:3", "扶贫车间"]


def test_help_has_examples():
    for cmd in ("check", "extract", "export", "annotate", "lookup", "find"):
        res = _run(cmd, "--help")
        assert res.exit_code == 0 and "Example:" in res.output
