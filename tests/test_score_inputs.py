"""Reading references and hypotheses in every format, and clear errors for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from zhcorpus.cli import main
from zhcorpus.errors import InputError
from zhcorpus.score import load_inputs, load_segments

DATA = Path(__file__).parent / "data" / "score"


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, ["score", *args])


def test_plain_text_lines_like_sacrebleu(tmp_path):
    p = tmp_path / "h.txt"
    p.write_bytes(b"one  \r\n\r\nthree\t\n")  # trailing whitespace stripped, blank line kept
    seg = load_segments(p)
    assert seg.texts == ["one", "", "three"]
    assert seg.ids == ["line 1", "line 2", "line 3"]
    assert seg.lang == "en" and seg.lang_guessed


def test_units_jsonl_sides_and_variants():
    en = load_segments(DATA / "units.jsonl", "en")
    assert en.ids == ["900/1", "900/3"]  # the unaligned unit 900/2 is skipped, and said so
    assert en.notes == ["skipped 1 unaligned units"]
    assert load_segments(DATA / "units.jsonl", "zh-TW").texts[0] == "發展軟體產業。"
    assert load_segments(DATA / "units.jsonl", "zh-Hant").texts[0] == "發展軟件產業。"
    assert load_segments(DATA / "units.jsonl", "zh").texts[0] == "发展软件产业。"
    with pytest.raises(InputError, match="choose one with --ref-lang"):
        load_segments(DATA / "units.jsonl")


def test_tmx_by_language():
    zh = load_segments(DATA / "ref.tmx", "zh-Hans")  # zh-CN in the file: same language and script
    assert zh.lang == "zh-CN" and zh.ids == ["900/1", "900/3"]
    en = load_segments(DATA / "ref.tmx", "en")
    assert en.texts[0] == "Develop the software industry."
    with pytest.raises(InputError, match=r"ref\.tmx.*no unambiguous language 'fr'"):
        load_segments(DATA / "ref.tmx", "fr")


def test_hf_parquet_subset(tmp_path):
    table = pa.table({"id": ["900/1", "900/3"],
                      "translation": [{"en": "Develop the software industry.", "zh": "发展软件产业。"},
                                      {"en": "Help poor households.", "zh": "帮助贫困户。"}]})
    folder = tmp_path / "en-zh_Hans"
    folder.mkdir()
    pq.write_table(table, folder / "test-00000-of-00001.parquet")
    seg = load_segments(folder, "zh-Hans")
    assert seg.format == "parquet" and seg.texts == ["发展软件产业。", "帮助贫困户。"] and seg.ids == ["900/1", "900/3"]
    pq.write_table(table, folder / "train-00000-of-00001.parquet")
    with pytest.raises(InputError, match="several subsets or splits"):
        load_segments(folder, "en")
    assert load_segments(folder / "test", "en").texts[0] == "Develop the software industry."


def test_structured_reference_takes_the_hypothesis_language(tmp_path):
    hyp = write(tmp_path / "mt.txt", "Develop software.\nHelp the poor.\n")
    ref, hyps, src = load_inputs(DATA / "units.jsonl", [hyp], DATA / "units.jsonl")
    assert ref.lang == "en" and src is not None and src.lang == "zh"


def test_count_mismatch_names_both_counts(tmp_path):
    hyp = write(tmp_path / "short.txt", "one line\n")
    with pytest.raises(InputError) as exc:
        load_inputs(DATA / "zh-en.ref.txt", [hyp])
    assert str(exc.value).startswith(hyp)
    assert "has 1 segments" in str(exc.value) and "has 6" in str(exc.value)
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", hyp)
    assert r.exit_code == 1
    assert "error:" in r.output and "has 1 segments but the reference" in r.output


def test_empty_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", str(empty))
    assert r.exit_code == 1 and "empty.txt: empty file" in r.output


def test_wrong_encoding_names_the_byte(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\u00e9\n".encode("latin-1") * 6)  # not UTF-8, GB18030 or Big5
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", str(bad))
    assert r.exit_code == 1
    assert "latin1.txt:byte 3: cannot decode" in r.output
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("text\n".encode("utf-16-le"))  # no byte-order mark
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", str(utf16))
    assert r.exit_code == 1 and "binary file" in r.output


def test_gb18030_hypothesis_is_decoded_and_noted(tmp_path):
    hyp = tmp_path / "gb.txt"
    hyp.write_bytes("\n".join(load_segments(DATA / "en-zh.hyp.txt").texts).encode("gb18030") + b"\n")
    r = run("--ref", str(DATA / "en-zh.ref.txt"), "--hyp", str(hyp), "--bootstrap", "0", "--no-terms")
    assert r.exit_code == 0, r.output
    assert "decoded as gb18030" in r.output


def test_missing_files_and_bad_jsonl(tmp_path):
    r = run("--ref", str(tmp_path / "nope.txt"), "--hyp", str(DATA / "zh-en.hyp.txt"))
    assert r.exit_code == 1 and "nope.txt: no such file" in r.output
    bad = write(tmp_path / "units.jsonl", '{"id": "1/1", "zh": "字", "en": "word"}\n{"id": \n')
    with pytest.raises(InputError, match=r"units\.jsonl:2:"):
        load_segments(bad, "en")
    other = write(tmp_path / "docs.jsonl", '{"id": "000.zh", "text": "x"}\n')
    with pytest.raises(InputError, match="line 1.*not a unit record"):
        load_segments(other, "en")


def test_duplicate_hypothesis_is_an_error(tmp_path):
    hyp = shutil.copy(DATA / "zh-en.hyp.txt", tmp_path / "h.txt")
    r = run("--ref", str(DATA / "zh-en.ref.txt"), "--hyp", str(hyp), "--hyp", str(hyp))
    assert r.exit_code == 1 and "given twice" in r.output


def test_hypothesis_in_the_wrong_language_is_noted():
    r = run("--ref", str(DATA / "en-zh.ref.txt"), "--hyp", str(DATA / "en-zh.src.txt"), "--bootstrap", "0")
    assert r.exit_code == 0, r.output
    assert "en-zh.src.txt looks like en but the reference is zh-Hans" in r.output
