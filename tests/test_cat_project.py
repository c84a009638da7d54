"""`corpus cat-project`: the OmegaT project folder a translator opens — its files, languages, the
pair's memory and glossary only, the segmentation rules, determinism, and the folder rules (never
write into or delete from a folder it did not make). OmegaT itself is driven in
test_cat_project_omegat.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from zhcorpus.catproject import ProjectFolderError, write_cat_project
from zhcorpus.catproject.project import MARKER
from zhcorpus.catproject.sources import RAW_LIST_MARKER, raw_file
from zhcorpus.clean import LIST_MARKER, clean_text, restore
from zhcorpus.cli import main
from zhcorpus.errors import EXIT_DATA, EXIT_USAGE, ZhcorpusError
from zhcorpus.glossary import load_glossary
from zhcorpus.jsonl import JsonlRecords
from zhcorpus.model import Document, Unit
from zhcorpus.tmx import read_tmx
from zhcorpus.tmx.srx import segment, sentences

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@pytest.fixture(scope="module")
def inputs(root):
    docs = JsonlRecords(root / "corpus" / "documents.jsonl", Document.from_dict)
    units = JsonlRecords(root / "corpus" / "units.jsonl", Unit.from_dict)
    return docs, units, load_glossary(root / "seeds" / "glossary.tsv")


@pytest.fixture(scope="module")
def cn(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("cat") / "zh-CN"
    return write_cat_project(*inputs, "zh-CN:en-US", out, raw=True, creation_date="2026-11-24")


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_the_folder_is_an_omegat_project_for_the_pair(cn, inputs):
    p = cn.path
    proj = etree.parse(str(p / "omegat.project"), PARSER).getroot().find("project")
    assert (proj.findtext("source_lang"), proj.findtext("target_lang")) == ("zh-CN", "en-US")
    assert proj.findtext("source_tok").endswith("LuceneCJKTokenizer")
    assert proj.findtext("target_tok").endswith("LuceneEnglishTokenizer")
    assert proj.findtext("sentence_seg") == "true"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        assert (p / d).is_dir(), d
    assert [x.name for x in (p / "tm" / "auto").iterdir()] == ["zhcorpus_zh-CN_en-US.tmx"]
    assert not list((p / "tm").glob("*.tmx"))  # tm/ itself would be a fuzzy reference only
    # one glossary file, this pair's: Simplified sources, English targets (no 脱贫攻坚 = 脫貧攻堅)
    glossary = list((p / "glossary").iterdir())
    assert [g.name for g in glossary] == ["zhcorpus-glossary.zh-CN_en-US.utf8"]
    rows = [line.split("\t") for line in glossary[0].read_text(encoding="utf-8").splitlines()]
    assert ["脱贫攻坚", "poverty alleviation"] == rows[0][:2] and len(rows) == cn.glossary_entries
    assert not any("\u4e00" <= ch <= "\u9fff" for r in rows for ch in r[1])
    docs, _, _ = inputs
    zh = [d for d in docs if d.lang == "zh"]
    assert sorted(x.name for x in (p / "source").glob("*.txt")) == [f"{d.pair_id}.txt" for d in zh]


def test_sources_are_the_corpus_documents_in_the_pair_variant(inputs, tmp_path):
    docs, units, glossary = inputs
    res = write_cat_project(docs, units, glossary, "zh-TW:en-US", tmp_path / "tw")
    for d in (d for d in docs if d.lang == "zh"):
        lines = (tmp_path / "tw" / "source" / f"{d.pair_id}.txt").read_text(encoding="utf-8").splitlines()
        assert lines == ["".join(s.variants["zh-TW"] + s.space_after for s in p.segments)
                         for p in d.paragraphs]
    text = (tmp_path / "tw" / "source" / "000.txt").read_text(encoding="utf-8")
    assert "脫貧攻堅" in text and "脱贫攻坚" not in text
    tus = list(read_tmx(tmp_path / "tw" / "tm" / "auto" / "zhcorpus_zh-TW_en-US.tmx"))
    assert tus and all(set(tu.segs) == {"zh-TW", "en-US"} for tu in tus)
    assert res.fill.rate >= 0.9


def test_every_multi_sentence_bead_is_one_segment_and_the_memory_fills_it(cn, inputs):
    _, units, _ = inputs
    multi = [u for u in units if len(u.zh_ids) > 1 and u.en_ids]
    assert cn.multi_sentence_beads == len(multi) > 0
    assert cn.kept_together == len(multi) and cn.exceptions >= len(multi)
    assert cn.fill.segments > 200 and cn.fill.rate >= 0.9
    assert cn.raw_fill is not None and cn.raw_fill.segments > 0
    # the rules OmegaT gets: the project's sentence rules plus the bead exceptions
    rules = _conf_rules(cn.path / "omegat" / "segmentation.conf")
    text = (cn.path / "source" / "000.txt").read_text(encoding="utf-8").splitlines()
    bead = next(u for u in multi if u.doc_id == "000")
    assert bead.variants["zh-Hans"] in sentences(text[bead.paragraph - 1], rules)
    # without the exceptions the same paragraph splits the bead, as the memory's own SRX does
    assert bead.variants["zh-Hans"] not in sentences(text[bead.paragraph - 1], [r for r in rules if r.brk or
                                                                              not r.before.endswith("。")])


def _conf_rules(path: Path):
    """The Chinese rules of a segmentation.conf, read back as XMLDecoder would see them."""
    from zhcorpus.tmx.srx import SrxRule

    root = etree.parse(str(path), PARSER).getroot()
    maps = root.findall("object/void[@property='mappingRules']/void/object")
    chinese = next(m for m in maps if m.findtext("void[@property='language']/string") == "Chinese")
    assert chinese.findtext("void[@property='pattern']/string") == "[Zz][Hh].*"
    out = []
    for r in chinese.iterfind("void[@property='rules']/object/void/object"):
        out.append(SrxRule(r.findtext("void[@property='breakRule']/boolean") == "true",
                           r.findtext("void[@property='beforebreak']/string"),
                           r.findtext("void[@property='afterbreak']/string")))
    assert root.findtext("object/void[@property='version']/string") == "0.2.2"
    return out


def test_raw_documents_are_the_seeds_as_received(cn, root):
    raw = sorted((cn.path / "source" / "raw").iterdir())
    assert [p.name for p in raw] == ["000_2bd413ae3be23088.txt", "001_cb556cae8a146f89.txt",
                                     "004_12ad51d8a144d648.txt"]  # the Simplified ones, for zh-CN
    for p in raw:
        seed = (root / "seeds" / "zh" / p.name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        assert p.read_text(encoding="utf-8").rstrip("\n") == seed.rstrip("\n")


def test_raw_list_marker_rule_splits_what_cleaning_removes(root):
    lines = [line for f in sorted((root / "seeds" / "zh").iterdir())
             for line in f.read_text(encoding="utf-8-sig").splitlines()]
    marked = [line for line in lines if LIST_MARKER.match(line)]
    assert marked
    for line in lines:
        pieces = segment(line, [RAW_LIST_MARKER])
        m = LIST_MARKER.match(line)
        assert (len(pieces) > 1) == bool(m), line
        if m:
            assert pieces[0] == line[:m.end()]


def test_raw_file_restores_the_cleaning(inputs):
    docs, _, _ = inputs
    d = next(d for d in docs if d.id == "004.zh")
    assert raw_file(d) == restore(d.text, d.edits) + ("" if d.text.endswith("\n") else "\n")


def test_a_second_generation_is_byte_identical(cn, inputs, tmp_path):
    again = write_cat_project(*inputs, "zh-CN:en-US", tmp_path / "again", raw=True, creation_date="2026-11-24")
    assert _tree(again.path) == _tree(cn.path)
    before = _tree(cn.path)  # regenerating in place changes nothing
    write_cat_project(*inputs, "zh-CN:en-US", cn.path, raw=True, creation_date="2026-11-24")
    assert _tree(cn.path) == before


def test_never_writes_into_a_folder_it_did_not_make(inputs, tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ProjectFolderError, match="not made by"):
        write_cat_project(*inputs, "zh-CN:en-US", foreign)
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_regeneration_keeps_the_translators_files_and_refuses_changed_ones(inputs, tmp_path):
    out = tmp_path / "p"
    write_cat_project(*inputs, "zh-CN:en-US", out, raw=True)
    (out / "omegat" / "project_save.tms").write_text("<tmx/>", encoding="utf-8")  # OmegaT's, not ours
    (out / "target" / "000.txt").write_text("translated", encoding="utf-8")
    write_cat_project(*inputs, "zh-CN:en-US", out)  # no --raw: our raw files go, the folder too
    assert not (out / "source" / "raw").exists()
    assert (out / "omegat" / "project_save.tms").read_text(encoding="utf-8") == "<tmx/>"
    assert (out / "target" / "000.txt").read_text(encoding="utf-8") == "translated"
    listing = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert "source/000.txt" in listing["files"] and not any("raw" in f for f in listing["files"])
    (out / "source" / "000.txt").write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(ProjectFolderError, match="changed since"):
        write_cat_project(*inputs, "zh-CN:en-US", out)
    assert (out / "source" / "000.txt").read_text(encoding="utf-8") == "edited by hand\n"


def test_cli(root, tmp_path):
    runner = CliRunner()
    args = ["--documents", str(root / "corpus" / "documents.jsonl"), "--units", str(root / "corpus" / "units.jsonl"),
            "--glossary", str(root / "seeds" / "glossary.tsv")]
    res = runner.invoke(main, ["cat-project", "--pair", "zh-HK:en-US", *args, str(tmp_path / "hk")])
    assert res.exit_code == 0, res.output
    assert "OmegaT project zh-HK → en-US" in res.output and "exact matches when the project opens" in res.output
    proj = (tmp_path / "hk" / "omegat.project").read_text(encoding="utf-8")
    assert "<source_lang>zh-HK</source_lang>" in proj
    res = runner.invoke(main, ["cat-project", "--pair", "en-US:zh-CN", *args, str(tmp_path / "x")])
    assert res.exit_code == EXIT_USAGE and "must be Chinese" in res.output
    res = runner.invoke(main, ["cat-project", "--documents", str(tmp_path / "none.jsonl"), str(tmp_path / "y")])
    assert res.exit_code == EXIT_DATA and res.output.count("\n") == 1 and "none.jsonl" in res.output
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "a.txt").write_text("x", encoding="utf-8")
    res = runner.invoke(main, ["cat-project", *args, str(tmp_path / "busy")])
    assert res.exit_code == EXIT_DATA and "not made by" in res.output
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_punct_width_is_a_cleaning_edit_that_restores():
    text = "2020年以前,脫貧攻堅戰以“攻堅”為主。真的?! 會議 2020-12-11 18:56 來源:澎湃新聞,GDP,1,000元"
    r = clean_text(text, "zh")
    assert r.text == "2020年以前，脫貧攻堅戰以“攻堅”為主。真的？！會議 2020-12-11 18:56 來源：澎湃新聞，GDP,1,000元"  # GDP,1 is Latin
    assert {e.rule for e in r.edits} == {"punct-width", "stray-space"}
    assert restore(r.text, r.edits) == text
    assert clean_text("He said: yes, ok?", "en").text == "He said: yes, ok?"


def test_the_build_exporter_writes_the_manifests_cat_projects(inputs, cn, tmp_path):
    import datetime as dt

    from zhcorpus.exporters import EXPORTERS, ExportContext
    from zhcorpus.pipeline import DocPair

    docs, units, glossary = inputs
    exporter = EXPORTERS["cat"]()
    ctx = ExportContext(out_dir=tmp_path, tmx_dir=tmp_path / "tmx", glossary=glossary,
                        date=dt.datetime(2026, 11, 24, tzinfo=dt.UTC), corpus={"cat_projects": ["zh-CN:en-US"]})
    exporter.open(ctx)
    by_doc: dict[str, list[Unit]] = {}
    for u in units:
        by_doc.setdefault(u.doc_id, []).append(u)
    for d in docs:
        if d.lang == "zh":
            exporter.add(DocPair(id=d.pair_id, zh=d, units=by_doc.get(d.pair_id, [])))
    report = exporter.close()
    out = tmp_path / "cat" / "zh-CN_en-US"
    assert report["zh-CN:en-US"]["fill"]["filled"] == cn.fill.filled
    mine = _tree(out)
    theirs = {k: v for k, v in _tree(cn.path).items() if not k.startswith("source/raw")}
    assert set(mine) == set(theirs)
    differ = {k for k in mine if mine[k] != theirs[k]}  # the command's was made with --raw
    assert differ == {MARKER, "omegat/segmentation.conf"}
    none = EXPORTERS["cat"]()
    none.open(ExportContext(out_dir=tmp_path / "n", tmx_dir=tmp_path, date=ctx.date))
    assert none.close() == {} and not (tmp_path / "n").exists()
    with pytest.raises(ZhcorpusError, match="cat_projects: the source language must be Chinese"):
        EXPORTERS["cat"]().open(ExportContext(out_dir=tmp_path, tmx_dir=tmp_path, date=ctx.date,
                                              corpus={"cat_projects": ["en-US:zh-CN"]}))


def test_units_from_another_build_are_a_one_line_error(root, tmp_path):
    units = [json.loads(line) for line in (root / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines()]
    multi = next(u for u in units if len(u["zh_ids"]) > 1)
    multi["zh_ids"][1] = "000.zh/99/1"
    bad = tmp_path / "units.jsonl"
    bad.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in units), encoding="utf-8")
    res = CliRunner().invoke(main, ["cat-project", "--documents", str(root / "corpus" / "documents.jsonl"),
                                    "--units", str(bad), "--glossary", str(root / "seeds" / "glossary.tsv"),
                                    "--raw", "--pair", "zh-HK:en-US", str(tmp_path / "p")])
    assert res.exit_code == EXIT_DATA and res.output.count("\n") == 1, res.output
    assert "000.zh/99/1" in res.output and "units.jsonl" in res.output and not (tmp_path / "p").exists()
    good = (root / "corpus" / "units.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    bad.write_text("".join(good[:3]) + "{oops\n",
                     encoding="utf-8")
    res = CliRunner().invoke(main, ["cat-project", "--documents", str(root / "corpus" / "documents.jsonl"),
                                    "--units", str(bad), "--glossary", str(root / "seeds" / "glossary.tsv"),
                                    str(tmp_path / "q")])
    assert res.exit_code == EXIT_DATA and "units.jsonl:4:" in res.output and not (tmp_path / "q").exists()
