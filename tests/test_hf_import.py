"""`import_hf`: our export comes back as the units it was made from (and as the same TMX), and
OPUS/WMT style datasets in Parquet, JSON Lines, Arrow or a `save_to_disk` folder become units."""

# ruff: noqa: F811  (pytest fixtures imported from test_hf_fixtures are parameters here)
from __future__ import annotations

import dataclasses
import json

import datasets
import pytest

from test_hf_fixtures import (  # noqa: F401  (fixtures)
    exported,
    hf_docs,
    hf_glossary,
    hf_offline,
    hf_units,
)
from zhcorpus.errors import InputError
from zhcorpus.hf.importer import import_hf

PAIRS = {"en-zh_Hans": ("zh-CN", "zh-Hans"), "en-zh_TW": ("zh-TW", "zh-TW"),
         "en-zh_HK": ("zh-HK", "zh-HK")}


def projected(units, tag):
    """What a translation subset keeps of each aligned unit: the pair's variant only."""
    return [dataclasses.replace(u, variants={tag: u.variants[tag]}) for u in units if u.aligned]


@pytest.mark.parametrize("config", sorted(PAIRS))
def test_export_then_import_gives_the_units_back(exported, hf_units, tmp_path, config):
    units = import_hf(exported.out_dir, config=config, cache_dir=tmp_path)
    assert units == projected(hf_units, PAIRS[config][1])


@pytest.mark.parametrize("config", sorted(PAIRS))
def test_round_trip_through_tmx(exported, hf_units, tmp_path, config):
    """HF export -> import -> TMX gives the same TUs as the TMX written from the build's units."""
    tmx = pytest.importorskip("zhcorpus.tmx", reason="the TMX writer (zhcorpus.tmx) is not there yet")
    code = PAIRS[config][0]
    pairs = [(code, "en-US")]
    direct = tmx.export_tmx_pairs(hf_units, tmp_path / "direct", pairs=pairs, creation_date="2026-01-01")
    imported = import_hf(exported.out_dir, config=config, cache_dir=tmp_path / "cache")
    again = tmx.export_tmx_pairs(imported, tmp_path / "again", pairs=pairs, creation_date="2026-01-01")
    (name,) = direct
    a = [(t.tuid, t.segs, t.props) for t in tmx.read_tmx(direct[name])]
    b = [(t.tuid, t.segs, t.props) for t in tmx.read_tmx(again[name])]
    assert a and a == b
    assert direct[name].read_bytes() == again[name].read_bytes()


def test_one_split_and_all_splits(exported, tmp_path):
    test_docs = {d for d, s in exported.splits.items() if s == "test"}
    units = import_hf(exported.out_dir, config="en-zh_Hant", split="test", cache_dir=tmp_path)
    assert units and {u.doc_id for u in units} == test_docs
    with pytest.raises(InputError, match="no split 'dev'"):
        import_hf(exported.out_dir, config="en-zh_Hant", split="dev", cache_dir=tmp_path)


def test_folder_with_several_subsets_needs_a_config(exported, tmp_path):
    with pytest.raises(InputError, match="--config: en-zh_Hans, en-zh_Hant"):
        import_hf(exported.out_dir, cache_dir=tmp_path)
    with pytest.raises(InputError) as exc:
        import_hf(exported.out_dir, config="en-fr", cache_dir=tmp_path)
    assert str(exc.value).startswith(str(exported.out_dir))


OPUS_ROWS = [
    {"id": "0", "translation": {"en": "Poverty alleviation is a priority.", "zh": "脱贫攻坚是重中之重。"}},
    {"id": "1", "translation": {"en": "Rural revitalization follows.", "zh": "乡村振兴随后推进。"}},
    {"id": "2", "translation": {"en": "An untranslated line.", "zh": ""}},
]


def test_opus_style_parquet(tmp_path):
    path = tmp_path / "opus_en-zh.parquet"
    datasets.Dataset.from_list(OPUS_ROWS).to_parquet(str(path))
    units = import_hf(path, cache_dir=tmp_path / "cache")
    assert [u.id for u in units] == ["opus_en-zh-train/1", "opus_en-zh-train/2", "opus_en-zh-train/3"]
    u = units[0]
    assert (u.zh, u.en, u.score, u.bead, u.flags, u.variants) == (
        "脱贫攻坚是重中之重。", "Poverty alleviation is a priority.", 1.0, "1-1", [], {})
    assert u.zh_ids == ["opus_en-zh-train/1/zh"] and u.doc_id == "opus_en-zh-train"
    assert units[2].flags == ["unaligned-en"] and units[2].zh_ids == [] and not units[2].aligned


def test_wmt_style_jsonl_with_other_keys(tmp_path):
    path = tmp_path / "wmt.jsonl"
    rows = [{"translation": {"zh_hant": "脫貧攻堅", "en": "poverty alleviation"}}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        import_hf(path, cache_dir=tmp_path / "cache")
    assert str(exc.value).startswith(f"{path}:train:1: translation has no 'zh'")
    (u,) = import_hf(path, src="zh_hant", cache_dir=tmp_path / "cache")
    assert u.zh == "脫貧攻堅" and u.variants == {"zh-Hant": "脫貧攻堅"}


def test_flat_columns_in_an_arrow_file(tmp_path):
    ds = datasets.Dataset.from_dict({"zh": ["第一句。", "第二句。"], "en": ["One.", "Two."],
                                     "score": [0.5, None]})
    ds.save_to_disk(str(tmp_path / "saved"))
    (arrow,) = (tmp_path / "saved").glob("*.arrow")
    units = import_hf(arrow, cache_dir=tmp_path / "cache")
    assert [(u.zh, u.en, u.score) for u in units] == [("第一句。", "One.", 0.5), ("第二句。", "Two.", 1.0)]


def test_save_to_disk_folder_with_splits(tmp_path):
    dd = datasets.DatasetDict({
        "train": datasets.Dataset.from_list(OPUS_ROWS[:2]),
        "test": datasets.Dataset.from_list(OPUS_ROWS[2:]),
    })
    dd.save_to_disk(str(tmp_path / "dd"))
    units = import_hf(tmp_path / "dd")
    assert [u.doc_id for u in units] == ["dd-train", "dd-train", "dd-test"]
    assert [u.id for u in import_hf(tmp_path / "dd", split="test")] == ["dd-test/1"]


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.parquet", "no such file or folder"),
    (lambda p: (p / "x.csv").write_text("zh,en\n") and p / "x.csv", "unknown dataset file type '.csv'"),
])
def test_bad_paths(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as exc:
        import_hf(path, cache_dir=tmp_path / "cache")
    assert str(exc.value).startswith(str(path))


def test_bad_rows_name_the_row(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"zh": "一。", "en": "One."}\n{"zh": 2, "en": "Two."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="'zh' is int, not text") as exc:
        import_hf(path, cache_dir=tmp_path / "cache")
    assert str(exc.value).startswith(f"{path}:train:2:")
    path.write_text('{"text": "一。"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no 'translation' column and no 'zh'/'en' columns"):
        import_hf(path, cache_dir=tmp_path / "cache2")
