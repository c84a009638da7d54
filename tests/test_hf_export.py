"""The Hugging Face export: loads with `datasets.load_dataset` offline, types survive, splits are
by document, every aligned bead is in each translation subset exactly once, the card agrees."""

# ruff: noqa: F811  (pytest fixtures imported from test_hf_fixtures are parameters here)
from __future__ import annotations

import dataclasses

import pyarrow.parquet as pq
import pytest
from datasets import List, Translation, Value
from huggingface_hub import DatasetCard

from test_hf_fixtures import (  # noqa: F401  (fixtures)
    BUILD_INFO,
    exported,
    hf_docs,
    hf_glossary,
    hf_offline,
    hf_units,
    load,
)
from zhcorpus.errors import InputError
from zhcorpus.hf import TRANSLATION_CONFIGS, export_hf
from zhcorpus.hf.verify import check_export

SPLITS = ("train", "validation", "test")
EN_ZH = {"en-zh_Hans": "zh-Hans", "en-zh_Hant": "zh-Hant", "en-zh_TW": "zh-TW", "en-zh_HK": "zh-HK"}


@pytest.fixture(scope="module")
def loaded(exported, tmp_path_factory):
    """Every subset of the export, loaded with `datasets.load_dataset` from the folder."""
    cache = tmp_path_factory.mktemp("cache")
    return {name: load(exported.out_dir, name, cache) for name in exported.subsets}


def test_every_subset_loads_with_counts_and_splits(exported, loaded):
    assert set(loaded) == {c.name for c in TRANSLATION_CONFIGS} | {"glossary", "documents"}
    for name, dd in loaded.items():
        assert {s: len(ds) for s, ds in dd.items()} == exported.subsets[name].rows, name
    # five documents: every split of the document-split subsets has data
    assert set(loaded["documents"]) == set(SPLITS)
    assert set(loaded["en-zh_Hans"]) == set(SPLITS)
    assert list(loaded["glossary"]) == ["train"]


def test_default_subset_is_en_zh_hans(exported, tmp_path):
    dd = load(exported.out_dir, None, tmp_path)
    assert {s: len(ds) for s, ds in dd.items()} == exported.subsets["en-zh_Hans"].rows


def test_feature_types_survive(loaded):
    f = loaded["en-zh_Hans"]["train"].features
    assert f["translation"] == Translation(languages=["en", "zh"])
    assert f["score"] == Value("float32")
    assert f["paragraph"] == Value("int32")
    assert f["terms"] == List(Value("string")) and f["flags"] == List(Value("string"))
    assert loaded["zh_Hans-zh_Hant"]["train"].features["translation"] == Translation(
        languages=["zh_Hans", "zh_Hant"])
    assert loaded["glossary"]["train"].features["occurrences"] == Value("int32")
    edits = loaded["documents"]["train"].features["edits"]
    assert isinstance(edits, List) and edits.feature["line"] == Value("int32")


def test_no_document_in_two_splits(exported, loaded):
    for name, dd in loaded.items():
        if name == "glossary":
            continue
        seen: dict[str, str] = {}
        for split, ds in dd.items():
            for doc in set(ds["doc_id"]):
                assert seen.setdefault(doc, split) == split, (name, doc)
                assert exported.splits[doc] == split


def test_every_aligned_bead_exactly_once(exported, loaded, hf_units):
    by_id = {u.id: u for u in hf_units}
    aligned = [u.id for u in hf_units if u.aligned]
    unaligned = [u.id for u in hf_units if not u.aligned]
    assert unaligned and sorted(exported.unaligned) == sorted(unaligned)
    assert sorted(exported.aligned) == sorted(aligned)
    for name, tag in EN_ZH.items():
        rows = [r for ds in loaded[name].values() for r in ds]
        ids = [r["id"] for r in rows]
        assert sorted(ids) == sorted(aligned), name  # each aligned bead once, nothing else
        for r in rows:
            u = by_id[r["id"]]
            assert r["translation"] == {"en": u.en, "zh": u.variants[tag]}
            assert r["zh_source"] == (None if u.zh == u.variants[tag] else u.zh)
            assert r["bead"] == u.bead and r["zh_ids"] == u.zh_ids and r["en_ids"] == u.en_ids
            assert r["terms"] == u.terms and r["flags"] == u.flags and r["paragraph"] == u.paragraph
            assert abs(r["score"] - u.score) < 1e-6
    # the conversion pairs: every bead with a Chinese side, once
    zz = [r for ds in loaded["zh_Hans-zh_Hant"].values() for r in ds]
    assert sorted(r["id"] for r in zz) == sorted(u.id for u in hf_units if u.zh_ids)
    # unaligned beads: once, in their document's row, not as translation rows
    listed = [(x["id"], x["side"], x["text"]) for ds in loaded["documents"].values()
              for row in ds for x in row["unaligned"]]
    assert sorted(i for i, _, _ in listed) == sorted(unaligned)
    for i, side, text in listed:
        assert text == (by_id[i].zh if side == "zh" else by_id[i].en) and text


def test_documents_subset_keeps_cleaning_log(loaded, hf_docs):
    rows = {r["doc_id"]: r for ds in loaded["documents"].values() for r in ds}
    zh = {d.pair_id: d for d in hf_docs if d.lang == "zh"}
    assert sorted(rows) == sorted(zh)
    for pid, d in zh.items():
        r = rows[pid]
        assert r["zh_text"] == d.text and r["script"] == d.script
        assert len([e for e in r["edits"] if e["lang"] == "zh"]) == len(d.edits)
        assert {c["rule"]: c["count"] for c in r["cleaning"] if c["lang"] == "zh"} == d.meta.get("cleaning", {})
    assert any(b["rule"] == "byline" for b in rows["004"]["boilerplate"])
    assert any(f["rule"] == "masked-text" for f in rows["002"]["doc_flags"])
    assert rows["003"]["source"] == "人民網"


def test_glossary_subset(loaded, hf_glossary, hf_units):
    rows = list(loaded["glossary"]["train"])
    assert [r["id"] for r in rows] == [c.id for c in hf_glossary]
    t1 = rows[0]
    assert (t1["zh_hans"], t1["zh_hant"], t1["en"], t1["en_alt"]) == (
        "脱贫攻坚", "脫貧攻堅", "poverty alleviation", ["fight against poverty"])
    assert t1["occurrences"] == sum(1 for u in hf_units if "T001" in u.terms) > 0


def test_card_yaml_matches_export(exported):
    card = DatasetCard.load(exported.card_path)
    d = card.data.to_dict()
    assert d["license"] == "other"  # the Chinese source texts state no licence (see test_own_documents)
    assert d["language"] == ["zh", "en"] and d["multilinguality"] == "translation"
    assert d["task_categories"] == ["translation"] and d["size_categories"] == ["n<1K"]
    assert {"zh-Hans", "zh-Hant"} <= set(d["tags"]) and d["pretty_name"]
    assert [c["config_name"] for c in d["configs"]] == list(exported.subsets)
    assert next(c for c in d["configs"] if c.get("default"))["config_name"] == "en-zh_Hans"
    for info in d["dataset_info"]:
        counts = {s["name"]: s["num_examples"] for s in info["splits"]}
        assert counts == exported.subsets[info["config_name"]].rows
    for cfg in d["configs"]:
        for df in cfg["data_files"]:
            paths = [df["path"]] if isinstance(df["path"], str) else df["path"]
            rows = sum(pq.read_metadata(exported.out_dir / p).num_rows for p in paths)
            assert rows == exported.subsets[cfg["config_name"]].rows[df["split"]]
    assert check_export(exported.out_dir) == []


def test_card_body_states_how_it_was_built(exported, hf_docs):
    text = exported.card_path.read_text(encoding="utf-8")
    assert "0.973" in text and "seeds gold" in text and "gold alignment (test fixture)" in text
    assert "CC-BY-4.0" in text and "publishers' texts" in text
    total_blank = sum(d.meta.get("cleaning", {}).get("blank-lines", 0) for d in hf_docs if d.lang == "en")
    assert "| blank-lines | " in text and f"| {total_blank} |" in text
    for doc, split in exported.splits.items():
        assert f"| {doc} | {split} |" in text
    assert "## Known limitations" in text and "## Citation" in text
    assert "three concepts only" in text


def test_export_is_byte_identical(tmp_path, exported, hf_units, hf_docs, hf_glossary):
    again = export_hf(list(reversed(hf_units)), hf_docs, hf_glossary, tmp_path / "hf",
                      build_info=BUILD_INFO)
    a = sorted(p.relative_to(exported.out_dir) for p in exported.files)
    b = sorted(p.relative_to(again.out_dir) for p in again.files)
    assert a == b
    for rel in a:
        assert (exported.out_dir / rel).read_bytes() == (again.out_dir / rel).read_bytes(), rel


def test_source_date_epoch_sets_the_citation_year(tmp_path, monkeypatch, hf_units, hf_docs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    r = export_hf(hf_units, hf_docs, None, tmp_path / "hf", build_info=BUILD_INFO)
    assert "year = {2026}" in r.card_path.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        export_hf(hf_units, hf_docs, None, tmp_path / "hf2", build_info=BUILD_INFO)


def test_missing_variants_are_stated(tmp_path, gold_units, hf_docs):
    """Units without variants (no variants stage yet): each subset takes what the units carry."""
    r = export_hf(gold_units, hf_docs, None, tmp_path / "hf", build_info={})
    hant_docs = {d.pair_id for d in hf_docs if d.lang == "zh" and d.script == "Hant"}
    assert "en-zh_TW" in r.skipped and "zh_Hans-zh_Hant" in r.skipped
    missing = r.subsets["en-zh_Hans"].missing
    assert missing and {m.split("/")[0] for m in missing} == hant_docs
    text = r.card_path.read_text(encoding="utf-8")
    assert "`en-zh_TW` is not in this export" in text and f"lacks {len(missing)} units" in text
    assert "licence is **unknown**" in text and "no F1 is stated" in text
    assert any("licence" in p for p in check_export(r.out_dir))


def test_failed_export_leaves_earlier_export_intact(tmp_path, hf_units, hf_docs, hf_glossary):
    out = tmp_path / "hf"
    first = export_hf(hf_units, hf_docs, hf_glossary, out, build_info=BUILD_INFO)
    before = {p: p.read_bytes() for p in first.files}
    stray = dataclasses.replace(hf_units[0], id="999/1", doc_id="999")
    with pytest.raises(InputError, match="999") as exc:
        export_hf([*hf_units, stray], hf_docs, hf_glossary, out, build_info=BUILD_INFO,
                  sources={"units": "corpus/units.jsonl"})
    assert str(exc.value).startswith("corpus/units.jsonl:999/1:")
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hf"]  # no staging folder left


def test_reexport_drops_subsets_no_longer_exported(tmp_path, hf_units, hf_docs, hf_glossary):
    out = tmp_path / "hf"
    export_hf(hf_units, hf_docs, hf_glossary, out, build_info=BUILD_INFO)
    assert (out / "glossary").is_dir()
    r = export_hf(hf_units, hf_docs, None, out, build_info=BUILD_INFO)
    assert not (out / "glossary").exists() and "glossary" in r.skipped
    assert check_export(out) == []


@pytest.mark.parametrize("info, key", [
    ({"license": 4}, "license"),
    ({"stages": "align"}, "stages"),
    ({"alignment": {"f1": "high"}}, "alignment"),
    ({"licence": "CC-BY-4.0"}, "licence"),
])
def test_bad_build_info_names_the_key(tmp_path, hf_units, hf_docs, info, key):
    with pytest.raises(InputError) as exc:
        export_hf(hf_units, hf_docs, None, tmp_path / "hf", build_info=info,
                  sources={"build_info": "build_info.json"})
    assert str(exc.value).startswith(f"build_info.json:{key}")
    assert not (tmp_path / "hf").exists()


def test_files_stream_one_document_at_a_time(tmp_path, exported, hf_units, hf_docs, hf_glossary, monkeypatch):
    """JSONL files grouped by document (as the build writes them) are exported without loading
    the corpus; the result is byte-identical to the in-memory export."""
    import zhcorpus.hf.export as export_module
    from zhcorpus.jsonl import JsonlRecords, dumps
    from zhcorpus.model import Document, Unit

    units, docs = tmp_path / "units.jsonl", tmp_path / "documents.jsonl"
    units.write_text("".join(dumps(u.to_dict()) + "\n" for u in hf_units), encoding="utf-8")
    docs.write_text("".join(dumps(d.to_dict()) + "\n" for d in hf_docs), encoding="utf-8")

    def no_grouping(*args, **kwargs):
        raise AssertionError("the in-memory path was taken")

    monkeypatch.setattr(export_module, "group_documents", no_grouping)
    again = export_hf(JsonlRecords(units, Unit.from_dict), JsonlRecords(docs, Document.from_dict), hf_glossary,
                      tmp_path / "hf", build_info=BUILD_INFO)
    assert [p.relative_to(again.out_dir) for p in again.files] == [p.relative_to(exported.out_dir) for p in exported.files]
    for p in exported.files:
        assert (again.out_dir / p.relative_to(exported.out_dir)).read_bytes() == p.read_bytes(), p.name


def test_small_row_groups_and_shards(tmp_path, exported, hf_units, hf_docs, hf_glossary, monkeypatch):
    """With tiny row groups and shards, the files are named -of-N, hold fixed row groups, and
    load with the same rows in the same order."""
    import zhcorpus.hf.export as export_module

    monkeypatch.setitem(export_module.ROW_GROUP, "translation", 7)
    monkeypatch.setitem(export_module.SHARD_ROWS, "translation", 21)
    small = export_hf(hf_units, hf_docs, hf_glossary, tmp_path / "hf", build_info=BUILD_INFO)
    files = small.subsets["en-zh_Hans"].files["train"]
    rows = small.subsets["en-zh_Hans"].rows["train"]
    assert len(files) == -(-rows // 21) > 1
    assert all(f.endswith(f"-of-{len(files):05d}.parquet") for f in files)
    for f in files[:-1]:
        meta = pq.ParquetFile(small.out_dir / f).metadata
        assert meta.num_rows == 21 and [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [7, 7, 7]
    cache = tmp_path / "cache"
    for name in ("en-zh_Hans", "zh_Hans-zh_Hant"):
        a, b = load(small.out_dir, name, cache), load(exported.out_dir, name, cache)
        for split in a:
            assert a[split].to_list() == b[split].to_list()
    assert check_export(small.out_dir) == []


@pytest.mark.parametrize("row_group", [1, 7, 10_000])
def test_batches_of_documents_give_the_same_bytes(tmp_path, hf_units, hf_docs, hf_glossary, monkeypatch, row_group):
    """Rows turned into Arrow tables a batch of documents at a time give the files (and the
    card's in-memory sizes) of one table per document, whatever the row groups cut."""
    import zhcorpus.hf.export as export_module

    monkeypatch.setitem(export_module.ROW_GROUP, "translation", row_group)
    monkeypatch.setitem(export_module.ROW_GROUP, "documents", min(row_group, 2))
    monkeypatch.setitem(export_module.SHARD_ROWS, "translation", 3 * row_group)
    out = {}
    for batch in (1, 2, 1000):
        monkeypatch.setattr(export_module, "BATCH_DOCUMENTS", batch)
        out[batch] = export_hf(hf_units, hf_docs, hf_glossary, tmp_path / str(batch) / "hf", build_info=BUILD_INFO)
    one = out[1]
    for batch in (2, 1000):
        rels = [p.relative_to(out[batch].out_dir) for p in out[batch].files]
        assert rels == [p.relative_to(one.out_dir) for p in one.files]
        for rel in rels:
            assert (out[batch].out_dir / rel).read_bytes() == (one.out_dir / rel).read_bytes(), (batch, rel)
