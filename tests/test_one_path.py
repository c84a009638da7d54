"""One path: the single-purpose commands run the build's steps, and every artefact is signed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_build import built_project, make_project
from zhcorpus.cli import main
from zhcorpus.exporters.plain import one_line

ZH = "seeds/zh/001_cb556cae8a146f89.txt"
EN = "seeds/en/001_cb556cae8a146f89.txt"


@pytest.fixture(scope="module")
def project(tmp_path_factory, root) -> Path:
    return built_project(tmp_path_factory, root, "onepath")


def _invoke(project: Path, monkeypatch, *args: str) -> str:
    monkeypatch.chdir(project)
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def _build_units(project: Path, doc: str) -> list[str]:
    lines = (project / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines()
    return [x for x in lines if json.loads(x)["doc_id"] == doc]


def test_align_gives_the_build_units(project, monkeypatch):
    _invoke(project, monkeypatch, "align", ZH, EN, "-o", "pair.jsonl", "--documents", "pair-docs.jsonl")
    assert (project / "pair.jsonl").read_text(encoding="utf-8").splitlines() == _build_units(project, "001")
    docs = (project / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ours = (project / "pair-docs.jsonl").read_text(encoding="utf-8").splitlines()
    assert ours == [d for d in docs if json.loads(d)["id"].startswith("001.")]


def test_align_joins_a_2_1_bead_as_the_build_does(project, monkeypatch):
    out = _invoke(project, monkeypatch, "align", "seeds/zh/000_2bd413ae3be23088.txt",
                  "seeds/en/000_2bd413ae3be23088.txt")
    first = out.splitlines()[1].split("\t")
    assert first[0] == "2-1" and "最后一年。习近平" in first[5]
    assert json.loads(_build_units(project, "000")[0])["zh"] == first[5]


def test_align_jsonl_feeds_tmx_and_hf_export(project, monkeypatch, tmp_path):
    _invoke(project, monkeypatch, "align", ZH, EN, "-o", "u.jsonl", "--documents", "d.jsonl")
    _invoke(project, monkeypatch, "tmx", "export", "u.jsonl", "-o", str(tmp_path / "tmx"), "--pair", "zh-CN:en-US")
    tmx = (tmp_path / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    build = (project / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    assert _tus(tmx, "") == _tus(build, "001/") and len(_tus(tmx, "")) > 40
    _invoke(project, monkeypatch, "hf", "export", "--units", "u.jsonl", "--documents", "d.jsonl",
            "--out", str(tmp_path / "hf"))
    import datasets

    ds = datasets.load_dataset(str(tmp_path / "hf"), "en-zh_Hans")
    assert sum(len(s) for s in ds.values()) > 10


def _tus(text: str, prefix: str) -> list[str]:
    return [m for m in re.findall(r"<tu tuid=.*?</tu>", text, flags=re.S) if m.startswith(f'<tu tuid="{prefix}')]


def _header(text: str) -> str:
    return text[: text.index("<body>")]


def test_align_tmx_is_the_build_tmx_for_that_pair(project, monkeypatch):
    _invoke(project, monkeypatch, "align", ZH, EN, "-o", "pair.tmx")
    ours = (project / "pair.tmx").read_text(encoding="utf-8")
    build = (project / "tmx" / "zhcorpus_zh-CN_en-US.tmx").read_text(encoding="utf-8")
    assert _tus(ours, "") == _tus(build, "001/") and _tus(ours, "")
    assert _header(ours) == _header(build)
    _invoke(project, monkeypatch, "tmx", "validate", "pair.tmx")
    for ext in ("tsv", "jsonl"):
        _invoke(project, monkeypatch, "align", ZH, EN, "-o", f"pair.{ext}")
    assert (project / "pair.tsv").read_text(encoding="utf-8").startswith("type\tscore\tflags\tzh\ten\t")


def test_signature_in_every_artefact(project, monkeypatch):
    info = json.loads((project / "corpus" / "build-info.json").read_text(encoding="utf-8"))
    sig = info["signature"]
    assert [s.split("|")[0] for s in sig["steps"]] == ["ingest", "variants", "align", "corrections", "glossary"]
    assert sig["cedict"] != "none" and sig["glossary"] != "none" and sig["opencc"]
    card = (project / "corpus" / "hf" / "README.md").read_text(encoding="utf-8")
    assert "Build signature" in card and "segmenter jieba, self_train yes" in card
    for tmx in (project / "tmx").glob("*.tmx"):
        assert 'type="x-zhcorpus-signature">zhcorpus:' in _header(tmx.read_text(encoding="utf-8"))
    ref = project / "ref.txt"
    ref.write_text("The cat sat on the mat.\n", encoding="utf-8")
    out = _invoke(project, monkeypatch, "score", "--ref", str(ref), "--hyp", str(ref), "--json")
    assert json.loads(out)["signature"].startswith("zhcorpus:")


def test_hf_export_writes_the_build_card(project, monkeypatch, tmp_path):
    _invoke(project, monkeypatch, "hf", "export", "--out", str(tmp_path / "hf"))
    assert (tmp_path / "hf" / "README.md").read_bytes() == (project / "corpus" / "hf" / "README.md").read_bytes()


def test_line_aligned_and_tsv_exports(project):
    plain, tsv = project / "corpus" / "plain", project / "corpus" / "tsv"
    units = [json.loads(x) for x in (project / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines()]
    aligned = [u for u in units if u["zh_ids"] and u["en_ids"]]
    zh = (plain / "zhcorpus_zh-CN_en-US.zh-CN").read_text(encoding="utf-8").split("\n")
    en = (plain / "zhcorpus_zh-CN_en-US.en-US").read_text(encoding="utf-8").split("\n")
    assert zh[-1] == en[-1] == ""  # every line ends with LF
    assert zh[:-1] == [u["variants"]["zh-Hans"] for u in aligned]
    assert en[:-1] == [u["en"] for u in aligned]
    tw = (plain / "zhcorpus_zh-TW_en-US.zh-TW").read_text(encoding="utf-8").split("\n")[:-1]
    assert tw == [u["variants"]["zh-TW"] for u in aligned]
    rows = (tsv / "zhcorpus_zh-CN_en-US.tsv").read_text(encoding="utf-8").split("\n")
    assert rows[0] == "id\tzh-CN\ten-US\tscore" and rows[-1] == ""
    cells = [r.split("\t") for r in rows[1:-1]]
    assert [c[0] for c in cells] == [u["id"] for u in aligned] and all(len(c) == 4 for c in cells)
    assert [float(c[3]) for c in cells] == [u["score"] for u in aligned]
    report = json.loads((project / "corpus" / "report.json").read_text(encoding="utf-8"))
    assert report["plain"]["lines"]["zh-CN_en-US"] == len(aligned)


def test_one_line_keeps_the_line_alignment():
    assert one_line("a\nb\u2028c\td\x85e") == ("a b c d e", True)
    assert one_line("plain") == ("plain", False)


def test_align_uses_the_project_settings_under_its_options(tmp_path, root, monkeypatch):
    project = make_project(tmp_path / "p", root)
    toml = project / "corpus.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("low_score = 0.5", "low_score = 0.999"), encoding="utf-8")
    units = [json.loads(x) for x in _invoke(project, monkeypatch, "align", ZH, EN, "--format", "jsonl").splitlines()]
    assert all("low-confidence" in u["flags"] for u in units if u["score"] < 0.999)
    units = [json.loads(x) for x in _invoke(project, monkeypatch, "align", ZH, EN, "--format", "jsonl",
                                            "--low-score", "0").splitlines()]
    assert not any("low-confidence" in u["flags"] for u in units if u["zh_ids"] and u["en_ids"])
