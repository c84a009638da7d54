"""`corpus convert` (streaming) and `corpus variants` (the build stage on documents JSONL)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.jsonl import read_jsonl, write_jsonl
from zhcorpus.model import VARIANT_TAGS, Document


@pytest.fixture
def run():
    def _run(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return _run


def test_help_has_an_example(run):
    for cmd in ("convert", "variants"):
        r = run(cmd, "--help")
        assert r.exit_code == 0 and "Example:" in r.output and "corpus " + cmd in r.output


def test_convert_stdin_to_taiwan(run):
    r = run("convert", "--to", "zh-TW", input="发展数字经济，推动信息化。\n")
    assert r.exit_code == 0 and r.stdout == "發展數位經濟，推動資訊化。\n"


def test_convert_keeps_line_ends_and_detects_each_line(run):
    text = "關系為民,著力推進\r\n2020年\n发展经济\n"
    r = run("convert", "--to", "zh-Hans", input=text.encode("utf-8"))
    assert r.stdout_bytes.decode("utf-8") == "关系为民,着力推进\r\n2020年\n发展经济\n"


def test_convert_from_is_honoured(run):
    r = run("convert", "--to", "zh-Hant", "--from", "zh-TW", input="人民群眾\n")
    assert r.stdout == "人民羣衆\n"
    r = run("convert", "--to", "zh-TW", "--no-tw-phrases", input="信息\n")
    assert r.stdout == "信息\n"


def test_convert_file_to_file(run, tmp_path, root):
    out = tmp_path / "003.hans.txt"
    src = root / "seeds" / "zh" / "003_63451c0a4ff8f0c7.txt"
    r = run("convert", "--to", "zh-Hans", str(src), "-o", str(out))
    assert r.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("\n") == src.read_text(encoding="utf-8").count("\n")
    assert "决战决胜脱贫攻坚" in text


def test_convert_rejects_nul_with_the_place(run):
    r = CliRunner().invoke(main, ["convert", "--to", "zh-TW"], input="发展\n前a\x00b后发\n")
    assert r.exit_code == 1
    assert "<stdin>:2:3: NUL" in r.stderr and "--strip-controls" in r.stderr
    r = run("convert", "--to", "zh-TW", "--strip-controls", input="前a\x00b后发\n")
    assert r.stdout == "前ab後發\n" and "removed 1 control" in r.stderr


def test_convert_bad_utf8_and_missing_file(run, tmp_path):
    r = CliRunner().invoke(main, ["convert", "--to", "zh-TW"], input=b"ok\n\xe5\x8f\n")
    assert r.exit_code == 1 and "<stdin>:2:1: not valid UTF-8" in r.stderr
    r = CliRunner().invoke(main, ["convert", "--to", "zh-TW", str(tmp_path / "none.txt")])
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_failed_convert_leaves_earlier_output(run, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("earlier\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["convert", "--to", "zh-TW", "-o", str(out)], input="发展\n\x00\n")
    assert r.exit_code == 1 and out.read_text(encoding="utf-8") == "earlier\n"


@pytest.fixture(scope="module")
def docs_jsonl(seed_pairs, tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / "documents.jsonl"
    write_jsonl(path, (d.to_dict() for pair in seed_pairs for d in pair))
    return path


def test_variants_stage_adds_four_variants_to_every_chinese_segment(run, docs_jsonl, tmp_path):
    out = tmp_path / "with.jsonl"
    r = run("variants", str(docs_jsonl), "-o", str(out), "--report", "--report-json", str(tmp_path / "rt.json"))
    assert r.exit_code == 0
    docs = [Document.from_dict(d) for d in read_jsonl(out)]
    assert len(docs) == 10
    for doc in docs:
        for seg in doc.segments():
            if doc.lang == "zh":
                assert set(seg.variants) == set(VARIANT_TAGS) and all(seg.variants.values())
            else:
                assert "variants" not in (seg.meta or {})
    assert "13 壹 repaired; 3 converter errors repaired" in r.stderr and "002.zh (Hant, tw2s→s2t)" in r.stderr
    trips = json.loads((tmp_path / "rt.json").read_text(encoding="utf-8"))
    assert [t["doc"] for t in trips] == ["000.zh", "001.zh", "002.zh", "003.zh", "004.zh"]
    # in place by default, byte-identical to the -o output, and stable when run again
    inplace = tmp_path / "documents.jsonl"
    inplace.write_bytes(docs_jsonl.read_bytes())
    run("variants", str(inplace))
    assert inplace.read_bytes() == out.read_bytes()
    run("variants", str(inplace))
    assert inplace.read_bytes() == out.read_bytes()


def test_variants_bad_input_leaves_the_file_intact(tmp_path, docs_jsonl):
    bad = tmp_path / "documents.jsonl"
    lines = docs_jsonl.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    before = bad.read_bytes()
    r = CliRunner().invoke(main, ["variants", str(bad)])
    assert r.exit_code == 1 and f"{bad}:2:2: not valid JSON" in r.stderr
    assert bad.read_bytes() == before
    r = CliRunner().invoke(main, ["variants", str(tmp_path / "absent.jsonl")])
    assert r.exit_code == 1 and "corpus ingest" in r.stderr


def test_glossary_zh_tw_forms_are_used(run, tmp_path):
    from zhcorpus.glossary import Concept, write_glossary

    gloss = tmp_path / "glossary.tsv"
    write_glossary(gloss, [Concept(id="T1", zh_hans="精准扶贫", zh_hant="精準扶貧", en="targeted poverty alleviation",
                                   zh_tw="精準扶助")])
    r = run("convert", "--to", "zh-TW", "--glossary", str(gloss), input="精准扶贫，信息\n")
    assert r.stdout == "精準扶助，資訊\n"


def test_variants_reads_stdin_and_writes_stdout(run, docs_jsonl):
    r = run("variants", "-", input=docs_jsonl.read_text(encoding="utf-8"))
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(docs) == 10 and docs[0]["paragraphs"][0]["segments"][0]["meta"]["variants"]["zh-TW"]
