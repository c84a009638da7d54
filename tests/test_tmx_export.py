"""TMX export: header, pair files, language profiles, determinism, duplicates, conflicts, cleaning."""

from __future__ import annotations

import gzip

import pytest
from lxml import etree

from zhcorpus.model import Unit
from zhcorpus.tmx import export_tmx, export_tmx_pairs, merge_tmx, read_tmx, tmx_stats, validate_tmx
from zhcorpus.tmx.text import tmx_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def unit(n: int, zh: str, en: str, *, doc: str = "900", score: float = 0.9, variants=None, **kw) -> Unit:
    return Unit(id=f"{doc}/{n}", doc_id=doc, zh_ids=[f"{doc}.zh/1/{n}"] if zh else [],
                en_ids=[f"{doc}.en/1/{n}"] if en else [], zh=zh, en=en, score=score, paragraph=1,
                variants=variants if variants is not None else {}, **kw)


def variants(hans: str, tw: str, hk: str | None = None) -> dict[str, str]:
    return {"zh-Hans": hans, "zh-Hant": tw, "zh-TW": tw, "zh-HK": hk or tw}


@pytest.fixture
def units():
    return [
        unit(1, "发展经济。", "Develop the economy.", variants=variants("发展经济。", "發展經濟。")),
        unit(2, "推进改革。", "Advance reform.", variants=variants("推进改革。", "推進改革。"), terms=["T1"]),
        unit(3, "只有中文。", "", variants=variants("只有中文。", "只有中文。")),  # unaligned-zh
        unit(4, "", "English only.", flags=["unaligned-en"]),
    ]


def test_pair_files_header_and_units(tmp_path, units):
    res = export_tmx_pairs(units, tmp_path, creation_date="2026-11-24")
    assert set(res) == {"zh-CN_en-US", "zh-TW_en-US", "zh-HK_en-US", "zh-CN_zh-TW"}
    root = etree.parse(str(res["zh-TW_en-US"])).getroot()
    header = root.find("header").attrib
    assert dict(header) == {
        "creationtool": "zhcorpus", "creationtoolversion": header["creationtoolversion"], "segtype": "sentence",
        "o-tmf": "zhcorpus", "adminlang": "en-US", "srclang": "zh-TW", "datatype": "plaintext",
        "creationdate": "20261124T000000Z",
    }
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == ["900/1", "900/2"]
    assert [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in tus] == [["zh-TW", "en-US"]] * 2
    assert tus[0].find("tuv/seg").text == "發展經濟。"
    props = [(p.get("type"), p.text) for p in tus[1].findall("prop")]
    assert ("x-term", "T1") in props and ("x-variant", "zh-TW") in props and ("x-bead", "1-1") in props
    rep = res.reports["zh-TW_en-US"]
    assert rep.written == 2 and rep.skipped == {"unaligned": 2}
    # a zh-CN -> zh-TW file needs no English: the Chinese-only unit is in it, the English-only one is not
    zz = res.reports["zh-CN_zh-TW"]
    assert zz.written == 3 and zz.skipped == {"unaligned": 1}
    for path in res.values():
        assert validate_tmx(path).ok


def test_segments_are_never_pretty_printed(tmp_path, units):
    path = export_tmx_pairs(units, tmp_path, pairs=[("zh-CN", "en-US")])["zh-CN_en-US"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    assert "<seg>发展经济。</seg>" in text and "<seg>\n" not in text


def test_script_profile(tmp_path, units):
    res = export_tmx_pairs(units, tmp_path, codes="script")
    assert set(res) == {"zh-Hans_en-US", "zh-Hant_en-US", "zh-Hant-HK_en-US", "zh-Hans_zh-Hant"}
    tu = next(read_tmx(res["zh-Hant_en-US"]))
    assert tu.segs == {"zh-Hant": "發展經濟。", "en-US": "Develop the economy."}


def test_deterministic_bytes_and_source_date_epoch(tmp_path, units, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    a = export_tmx_pairs(units, tmp_path / "a", gzip=True)
    b = export_tmx_pairs(iter(units), tmp_path / "b", gzip=True)
    for name in a:
        assert a[name].name.endswith(".tmx.gz")
        assert a[name].read_bytes() == b[name].read_bytes()
    with gzip.open(a["zh-CN_en-US"]) as fh:
        assert b'creationdate="20260921T' in fh.read()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    plain = export_tmx_pairs(units, tmp_path / "c")["zh-CN_en-US"]
    assert b"creationdate" not in plain.read_bytes()  # no wall clock, ever


@pytest.mark.parametrize("value,expected", [
    ("2026-11-24", "20261124T000000Z"), ("2026-11-24T08:30:00+08:00", "20261124T003000Z"),
    ("20261124T003000Z", "20261124T003000Z"), (0, "19700101T000000Z"), ("1790000000", "20260921T141320Z"),
])
def test_tmx_date_forms(value, expected):
    assert tmx_date(value) == expected


def test_bad_date_is_refused():
    with pytest.raises(ValueError, match="not a date"):
        tmx_date("yesterday")


def test_units_without_variants_use_their_script(tmp_path):
    hans = unit(1, "发展。", "Develop.", doc="001")
    hant = unit(1, "發展。", "Develop.", doc="002")
    res = export_tmx_pairs([hans, hant], tmp_path, scripts={"001": "Hans", "002": "Hant"})
    assert [u.segs for u in read_tmx(res["zh-CN_en-US"])] == [{"zh-CN": "发展。", "en-US": "Develop."}]
    assert [u.segs for u in read_tmx(res["zh-TW_en-US"])] == [{"zh-TW": "發展。", "en-US": "Develop."}]
    assert res.reports["zh-CN_en-US"].skipped == {"missing-variant": 1}
    assert res.reports["zh-HK_en-US"].skipped == {"missing-variant": 2}


def test_identical_units_are_merged_with_a_count(tmp_path):
    us = [unit(i, "同一句。", "Same sentence.") for i in range(1, 4)] + [unit(4, "另一句。", "Another.")]
    res = export_tmx_pairs(us, tmp_path, pairs=[("zh-CN", "en-US")])
    got = list(read_tmx(res["zh-CN_en-US"]))
    assert [u.tuid for u in got] == ["900/1", "900/4"]
    assert got[0].props["x-count"] == ["3"] and "x-count" not in got[1].props
    assert res.reports["zh-CN_en-US"].merged == 2
    kept = export_tmx(us, tmp_path / "keep", pairs=[("zh-CN", "en-US")], duplicates="keep")
    assert len(list(read_tmx(kept["zh-CN_en-US"]))) == 4


CONFLICT = [
    ("同一句。", "Translation A.", 0.5),
    ("同一句。", "Translation B.", 0.9),
    ("同一句。", "Translation B.", 0.6),
    ("同一句。", "Translation C.", 0.7),
    ("别的。", "Other.", 0.8),
]


@pytest.mark.parametrize("policy,expected", [
    ("all", ["Translation A.", "Translation B.", "Translation C.", "Other."]),
    ("first", ["Translation A.", "Other."]),
    ("most-frequent", ["Translation B.", "Other."]),
    ("best-score", ["Translation B.", "Other."]),
])
def test_conflicting_translations_policy(tmp_path, policy, expected):
    us = [unit(i, zh, en, score=s) for i, (zh, en, s) in enumerate(CONFLICT, 1)]
    res = export_tmx(us, tmp_path, pairs=[("zh-CN", "en-US")], conflicts=policy)
    assert [u.segs["en-US"] for u in read_tmx(res["zh-CN_en-US"])] == expected
    rep = res.reports["zh-CN_en-US"]
    assert rep.conflicts == 1 and rep.conflict_units == 4 and rep.conflict_examples == ["900/1"]
    assert rep.dropped_conflicts == {"all": 0, "first": 3, "most-frequent": 2, "best-score": 2}[policy]


def test_illegal_characters_removed_and_counted(tmp_path):
    us = [unit(1, "坏\x01字\x0b符。", "Bad\x00 char\ufffe.", flags=["x\x02"]), unit(2, "\x03", "Only control.")]
    res = export_tmx_pairs(us, tmp_path, pairs=[("zh-CN", "en-US")])
    rep = res.reports["zh-CN_en-US"]
    assert rep.illegal_removed == 5 and rep.units_with_illegal == 1  # the emptied unit is skipped, not written
    assert rep.skipped == {"empty": 1}
    (tu,) = read_tmx(res["zh-CN_en-US"])
    assert tu.segs == {"zh-CN": "坏字符。", "en-US": "Bad char."}
    assert tu.props["x-flag"] == ["x"] and tu.props["x-warning"] == ["illegal-characters-removed"]


def test_long_segments_are_flagged(tmp_path):
    res = export_tmx_pairs([unit(1, "长" * 2001 + "。", "Long.")], tmp_path, pairs=[("zh-CN", "en-US")])
    assert res.reports["zh-CN_en-US"].long_segments == 1
    assert next(read_tmx(res["zh-CN_en-US"])).props["x-warning"] == ["long-segment"]


def test_failure_leaves_earlier_outputs_intact(tmp_path, units):
    res = export_tmx_pairs(units, tmp_path)
    before = {k: p.read_bytes() for k, p in res.items()}

    def broken():
        yield units[0]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        export_tmx_pairs(broken(), tmp_path)
    assert {k: p.read_bytes() for k, p in res.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in res.values())


def test_multilingual_file_on_request(tmp_path, units):
    res = export_tmx(units, tmp_path, multilingual=True)
    (path,) = res.values()
    first = next(read_tmx(path))
    assert list(first.segs) == ["zh-CN", "en-US", "zh-TW", "zh-HK"]
    rep = validate_tmx(path)
    assert rep.ok and any(i.code == "multilingual" for i in rep.issues)


def test_merge_adds_counts_and_normalises_tags(tmp_path, units):
    res = export_tmx_pairs(units, tmp_path / "a", pairs=[("zh-CN", "en-US")])
    src = res["zh-CN_en-US"]
    odd = tmp_path / "odd.tmx"
    odd.write_text(src.read_text(encoding="utf-8").replace('"zh-CN"', '"zh_cn"'), encoding="utf-8")
    rep = merge_tmx([src, src, odd], tmp_path / "m.tmx", srclang="zh-CN")
    got = list(read_tmx(tmp_path / "m.tmx"))
    assert rep.written == 2 and rep.merged == 4
    assert [u.props["x-count"] for u in got] == [["3"], ["3"]]
    assert all(list(u.segs) == ["zh-CN", "en-US"] for u in got)
    assert validate_tmx(tmp_path / "m.tmx").ok


def test_stats_counts(tmp_path, units):
    path = export_tmx_pairs(units, tmp_path, pairs=[("zh-CN", "en-US")])["zh-CN_en-US"]
    st = tmx_stats(path)
    assert st.tus == 2 and st.segments == {"zh-CN": 2, "en-US": 2} and st.beads == {"1-1": 2}
    assert st.srclang == "zh-CN" and st.duplicates == 0 and st.to_dict()["mean_chars"]["zh-CN"] == 5.0


def test_shared_unit_parts_give_the_per_file_records():
    """The export builds a unit's common props and its cleanliness check once for all its files:
    the records and their prepared form are those of the per-file functions."""
    from zhcorpus.tmx.langs import DEFAULT_PAIRS, lang
    from zhcorpus.tmx.records import record_of, unit_props, unit_record, unit_segs
    from zhcorpus.tmx.writer import WriteStats, prepare

    odd = [unit(5, "发展&经济。", "Develop <the> \x01 economy.", variants=variants("发展&经济。", "發展&經濟。"),
                flags=["reviewed"]),
           unit(6, "推进改革。" * 300, "Advance reform. " * 300, variants=variants("推进改革。", "推進改革。")),
           unit(7, "推进改革。", "Advance reform.", terms=['T"1'])]
    for u in odd + [unit(8, "发展经济。", "Develop the economy.", variants=variants("发展经济。", "發展經濟。"))]:
        for s, t in DEFAULT_PAIRS:
            langs = [lang(s), lang(t)]
            present = unit_segs(u, langs, "Hans")
            if isinstance(present, str):
                continue
            rec = record_of(u, present, unit_props(u))
            assert rec == unit_record(u, langs, "Hans")
            plain_stats, full_stats = WriteStats(), WriteStats()
            full = prepare(unit_record(u, langs, "Hans"), full_stats)
            if full is not None and full.plain:  # the caller's check said "nothing to clean"
                assert prepare(rec, plain_stats, plain=True) == full and plain_stats == full_stats
