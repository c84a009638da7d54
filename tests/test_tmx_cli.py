"""`corpus tmx …`: every sub-command end to end, and bad input as one clear line and an exit code."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.jsonl import write_jsonl
from zhcorpus.model import Unit


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def units_file(tmp_path, gold_units):
    path = tmp_path / "units.jsonl"
    write_jsonl(path, (u.to_dict() for u in gold_units))
    return path


@pytest.fixture
def documents_file(tmp_path, seed_pairs):
    path = tmp_path / "documents.jsonl"
    write_jsonl(path, ({"id": zh.id, "lang": "zh", "script": zh.script} for zh, _ in seed_pairs))
    return path


def test_help_has_examples(runner):
    for cmd in ("export", "import", "validate", "stats", "merge", "srx"):
        result = runner.invoke(main, ["tmx", cmd, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, cmd


def test_export_validate_import_round_trip(runner, tmp_path, units_file, documents_file, gold_units):
    out = tmp_path / "tmx"
    result = runner.invoke(main, ["tmx", "export", str(units_file), "-o", str(out), "--date", "2026-11-24",
                                  "--documents", str(documents_file), "--pair", "zh-CN:en-US",
                                  "--pair", "zh-TW:en-US", "--duplicates", "keep"])
    assert result.exit_code == 0, result.output
    tmx = out / "zhcorpus_zh-CN_en-US.tmx"
    hans = sum(1 for u in gold_units if u.doc_id in ("000", "001", "004"))
    assert f"zhcorpus_zh-CN_en-US.tmx: {hans} TUs, {len(gold_units) - hans} missing-variant" in result.output
    assert (out / "zhcorpus_zh-TW_en-US.tmx").is_file()

    result = runner.invoke(main, ["tmx", "validate", *map(str, sorted(out.glob("*.tmx")))])
    assert result.exit_code == 0 and result.output.count(": valid,") == 2, result.output

    back = tmp_path / "back.jsonl"
    result = runner.invoke(main, ["tmx", "import", str(tmx), "-o", str(back)])
    assert result.exit_code == 0, result.output
    got = [Unit.from_dict(json.loads(line)) for line in back.read_text(encoding="utf-8").splitlines()]
    assert got == [u for u in gold_units if u.doc_id in ("000", "001", "004")]


def test_import_to_stdout_raw(runner, tmp_path, units_file):
    runner.invoke(main, ["tmx", "export", str(units_file), "-o", str(tmp_path), "--pair", "zh-CN:en-US"])
    result = runner.invoke(main, ["tmx", "import", str(tmp_path / "zhcorpus_zh-CN_en-US.tmx"), "--format", "raw"])
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["tuid"] == "000/1" and first["segs"]["zh-CN"].startswith("今年是") and first["inline"] == {}


def test_stats_merge_and_srx(runner, tmp_path, units_file):
    runner.invoke(main, ["tmx", "export", str(units_file), "-o", str(tmp_path), "--pair", "zh-CN:en-US", "--gzip"])
    gz = tmp_path / "zhcorpus_zh-CN_en-US.tmx.gz"
    result = runner.invoke(main, ["tmx", "stats", str(gz), "--json"])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["srclang"] == "zh-CN" and sorted(stats["docs"]) == ["000", "001", "002", "003", "004"]
    merged = tmp_path / "merged.tmx"
    result = runner.invoke(main, ["tmx", "merge", str(gz), str(gz), "-o", str(merged)])
    assert result.exit_code == 0 and f"{stats['tus']} TUs, {stats['tus']} identical merged" in result.output
    result = runner.invoke(main, ["tmx", "srx", str(tmp_path / "rules.srx")])
    assert result.exit_code == 0 and (tmp_path / "rules.srx").read_text().count("<languagerule ") == 2


def test_bad_input_is_one_line_and_non_zero(runner, tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\x01</tu></body></tmx>')
    result = runner.invoke(main, ["tmx", "import", str(bad), "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and result.output.startswith(f"error: {bad}:2:")
    assert not (tmp_path / "x.jsonl").exists()

    result = runner.invoke(main, ["tmx", "validate", str(bad)])
    assert result.exit_code == 1 and "INVALID" in result.output

    units = tmp_path / "u.jsonl"
    units.write_text('{"id": "1"}\n')
    result = runner.invoke(main, ["tmx", "export", str(units), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "not a unit record" in result.output and "record 1" in result.output

    result = runner.invoke(main, ["tmx", "export", str(units), "--pair", "zh_CN-en"])
    assert result.exit_code == 2 and "SRC:TGT" in result.output


def test_validate_strict_fails_on_warnings(runner, tmp_path):
    units_file = tmp_path / "u.jsonl"
    variants = {"zh-Hans": "发展。", "zh-Hant": "發展。", "zh-TW": "發展。", "zh-HK": "發展。"}
    write_jsonl(units_file, [Unit(id="1/1", doc_id="1", zh_ids=["a"], en_ids=["b"], zh="发展。", en="Develop.",
                                  score=1.0, variants=variants).to_dict()])
    runner.invoke(main, ["tmx", "export", str(units_file), "-o", str(tmp_path), "--multilingual"])
    path = str(tmp_path / "zhcorpus_multilingual.tmx")
    assert runner.invoke(main, ["tmx", "validate", path]).exit_code == 0
    result = runner.invoke(main, ["tmx", "validate", "--strict", path])
    assert result.exit_code == 3 and "multilingual" in result.output
