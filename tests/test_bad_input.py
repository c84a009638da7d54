"""Bad input gets a clear error naming the file and place, a non-zero exit, and leaves outputs intact."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.errors import InputError
from zhcorpus.reading import decode_bytes, read_text

SAMPLE = "決戰決勝脫貧攻堅要抓好三個重點。習近平總書記強調,必須如期實現。"
SAMPLE_HANS = "今年是脱贫攻坚战最后一年。习近平总书记指出，各项工作任务更重、要求更高。"


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="empty file") as exc:
        read_text(p)
    assert str(p) in str(exc.value)


def test_undecodable_bytes_name_the_byte_offset(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("脱贫攻坚".encode() + b"\xff\xfe\xfd\x80\x81" + "乡村".encode())
    with pytest.raises(InputError) as exc:
        read_text(p)
    assert "byte 12" in str(exc.value) and str(p) in str(exc.value)


def test_binary_file(tmp_path):
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        read_text(p)


def test_nul_and_control_characters(tmp_path):
    p = tmp_path / "ctrl.txt"
    p.write_bytes("第一行。\n第二行\x07有响铃。".encode())
    with pytest.raises(InputError, match="U\\+0007") as exc:
        read_text(p)
    assert "2:4" in str(exc.value)
    with pytest.raises(InputError, match="NUL"):
        decode_bytes(codecs.BOM_UTF8 + "甲\x00乙".encode(), "nul.txt")


@pytest.mark.parametrize("encoding", ["big5", "gb18030", "utf-16", "utf-8-sig", "utf-8"])
def test_encodings_detected(tmp_path, encoding):
    text = SAMPLE if encoding == "big5" else SAMPLE_HANS
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    d = read_text(p)
    assert d.text == text
    assert d.encoding.startswith({"utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding))


def test_crlf_and_nfc_normalised():
    d = decode_bytes("Cafe\u0301\r\nline".encode(), "x")
    assert d.text == "Café\nline" and d.crlf == 1 and d.nfc_changed >= 1


def _project(tmp_path: Path, root: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(root / "seeds", seeds)
    return seeds


def test_cli_missing_manifest_entry(tmp_path, root):
    extra = tmp_path / "extra.txt"
    extra.write_text(SAMPLE_HANS, encoding="utf-8")
    seeds = _project(tmp_path, root)
    r = CliRunner().invoke(main, ["ingest", str(extra), "--manifest", str(seeds / "manifest.toml"),
                                  "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 1
    assert "not listed in the manifest" in r.output and "extra.txt" in r.output


def test_cli_bad_input_leaves_earlier_output_intact(tmp_path, root):
    seeds = _project(tmp_path, root)
    out = tmp_path / "corpus"
    runner = CliRunner()
    r = runner.invoke(main, ["build", "--seeds", str(seeds), "--out", str(out), "--tmx-out", str(tmp_path / "tmx"), "-q"])
    assert r.exit_code == 0, r.output
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert before
    (seeds / "zh" / "002_9f6beda70938858f.txt").write_bytes(b"\x00\x01binary\xff")
    r = runner.invoke(main, ["build", "--seeds", str(seeds), "--out", str(out), "--tmx-out", str(tmp_path / "tmx"), "-q"])
    assert r.exit_code != 0
    assert "002_9f6beda70938858f.txt" in r.output
    after = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert after == before


def test_cli_segment_reads_stdin():
    r = CliRunner().invoke(main, ["segment", "--lang", "en"], input="Mr. Li arrived. He spoke.\n")
    assert r.exit_code == 0 and r.output.splitlines() == ["Mr. Li arrived.", "He spoke."]


def test_cli_version_and_help():
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output.startswith("corpus, version")
    for cmd in ["ingest", "segment", "build"]:
        r = runner.invoke(main, [cmd, "--help"])
        assert r.exit_code == 0 and "Example" in r.output
