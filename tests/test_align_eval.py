"""`corpus align` / `corpus align-eval`, gold files, and the quality targets on seeds and MAC-Dev."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhcorpus.align import Aligner
from zhcorpus.align.goldfile import evaluate_gold, prediction_records, read_gold
from zhcorpus.cli import main
from zhcorpus.errors import InputError


@pytest.fixture(scope="module")
def aligner() -> Aligner:
    return Aligner()


def test_seeds_meet_target(root, aligner):
    res = evaluate_gold(root / "tests/data/gold/seeds.jsonl", aligner)
    assert res.report.strict.f1 >= 0.95
    assert res.report.lax.f1 >= 0.99


def test_mac_dev_meets_target(shared, aligner):
    res = evaluate_gold(shared / "mac/dev.jsonl", aligner, jobs=2)
    assert res.report.strict.f1 >= 0.80
    assert res.report.lax.f1 >= 0.95
    # predictions carry indices only, never the (copyrighted) text
    for rec in prediction_records(res.predictions):
        assert set(rec) == {"doc", "align"}
        assert all(isinstance(i, int) for z, e in rec["align"] for i in z + e)


def test_parallel_equals_serial(root, aligner):
    path = root / "tests/data/gold/seeds.jsonl"
    a = evaluate_gold(path, aligner, jobs=1).predictions
    b = evaluate_gold(path, aligner, jobs=2).predictions
    assert a == b and list(a) == list(b)


@pytest.mark.parametrize(("line", "message"), [
    ('{"doc": "x", "zh": ["a"]}', "needs 'doc', 'zh' and 'en'"),
    ('{"doc": "x", "zh": ["a"], "en": ["b"], "gold": [[[0], [3]]]}', "does not exist"),
    ('{"doc": "x", "zh": ["a"], "en": ["b"], "gold": [[0, 1, 2]]}', "is not [[zh ids], [en ids]]"),
    ('{"doc": "x", "zh": "a", "en": ["b"]}', "lists of sentences"),
    ('{"doc": "x", "zh": ["a"], "en": ["b"], "zh_ids": ["bad"]}', "zh_ids must look like"),
    ("not json", "not valid JSON"),
])
def test_bad_gold_names_file_and_line(tmp_path, line, message):
    p = tmp_path / "gold.jsonl"
    p.write_text('{"doc": "ok", "zh": ["a"], "en": ["b"], "gold": [[[0], [0]]]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_gold(p))
    assert f"{p}:2" in str(exc.value) and message in str(exc.value)


def test_cli_align_eval_writes_predictions(root, tmp_path):
    pred = tmp_path / "pred.jsonl"
    r = CliRunner().invoke(main, ["align-eval", str(root / "tests/data/gold/seeds.jsonl"), "--write-pred",
                                  str(pred), "--json", "--per-doc", "-j", "1"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["strict_f1"] >= 0.95 and set(out["per_doc"]) == {"000", "001", "002", "003", "004"}
    recs = [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]
    assert [x["doc"] for x in recs] == ["000", "001", "002", "003", "004"]
    gold = {d.doc: d for d in read_gold(root / "tests/data/gold/seeds.jsonl")}
    for rec in recs:
        assert sorted(i for z, _ in rec["align"] for i in z) == list(range(len(gold[rec["doc"]].zh)))


def test_cli_align_eval_text_output(root):
    r = CliRunner().invoke(main, ["align-eval", str(root / "tests/data/gold/seeds.jsonl"), "-j", "1"])
    assert r.exit_code == 0
    assert "strict" in r.output and "lax" in r.output and "time:" in r.output


def test_cli_align_eval_missing_file(tmp_path):
    r = CliRunner().invoke(main, ["align-eval", str(tmp_path / "nope.jsonl")])
    assert r.exit_code == 1
    assert "nope.jsonl: no such file" in r.output


def test_cli_align_seed_files(root, tmp_path):
    zh = root / "seeds/zh/000_2bd413ae3be23088.txt"
    en = root / "seeds/en/000_2bd413ae3be23088.txt"
    r = CliRunner().invoke(main, ["align", str(zh), str(en)])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split("\t") == ["type", "score", "flags", "zh", "en", "zh_text", "en_text"]
    rows = [x.split("\t") for x in lines[1:]]
    assert {row[0] for row in rows} >= {"1-1", "1-2"}
    out = tmp_path / "beads.jsonl"
    r = CliRunner().invoke(main, ["align", str(zh), str(en), "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0
    units = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(units) == len(rows)
    assert all({"id", "zh_ids", "en_ids", "zh", "en", "bead", "score", "flags", "variants"} <= set(u) for u in units)


def test_cli_align_presegmented_and_warning(tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("苹果很甜。\n\n我的哥哥是医生。\n", encoding="utf-8")
    en.write_text("The apple is sweet.\nMy brother is a doctor.\n" + "Filler sentence here.\n" * 12, encoding="utf-8")
    r = CliRunner().invoke(main, ["align", "--presegmented", "--format", "jsonl", str(zh), str(en)])
    assert r.exit_code == 0
    assert "warning:" in r.output and "differ wildly" in r.output
    units = [json.loads(x) for x in r.output.splitlines() if x.startswith("{")]
    assert [i for u in units for i in u["zh_ids"]] == ["zh.zh/1/1", "zh.zh/1/2"]
    assert [j for u in units for j in u["en_ids"]] == [f"zh.en/1/{k}" for k in range(1, 15)]


def test_cli_align_bad_input(tmp_path):
    zh = tmp_path / "zh.txt"
    zh.write_bytes(b"")
    en = tmp_path / "en.txt"
    en.write_text("Hello.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["align", str(zh), str(en)])
    assert r.exit_code == 1
    assert r.output.count("\n") == 1 and "zh.txt" in r.output
