"""The 壹-for-一 repair: only where 壹 dominates, never inside capital-numeral amounts."""

from __future__ import annotations

import copy

import pytest

from zhcorpus.clean import restore
from zhcorpus.ingest import build_document
from zhcorpus.reading import decode_bytes
from zhcorpus.variants import repair_yi
from zhcorpus.variants.yi import needs_repair, repair_positions, repair_text


@pytest.mark.parametrize("text, expected", [
    ("第壹,要逐壹擊破壹些問題", "第一,要逐一擊破一些問題"),
    ("形成“壹縣壹業”“壹村壹品”", "形成“一縣一業”“一村一品”"),
    ("壹萬多人返鄉,第壹批", "一萬多人返鄉,第一批"),  # 萬 alone is an ordinary character
    ("城鄉壹元化,第壹", "城鄉一元化,第一"),  # 元化 is not a currency unit
])
def test_artifact_repaired(text, expected):
    assert repair_text(text)[0] == expected


@pytest.mark.parametrize("amount", ["壹萬元整", "壹拾貳圓", "貳零壹玖年", "人民幣壹萬", "金額：壹佰", "大寫壹仟",
                                    "壹元", "叁拾壹"])
def test_capital_numeral_amounts_kept(amount):
    text = f"第壹,{amount},壹些"
    out, positions = repair_text(text)
    assert out == f"第一,{amount},一些"
    assert len(positions) == 2


def test_only_where_yi_capital_is_at_least_as_frequent():
    assert needs_repair("一些壹")  # equal counts: repaired
    assert not needs_repair("一一壹")
    assert repair_positions("一一壹些") == []
    assert needs_repair("壹") and not needs_repair("")


def test_seed_002_all_13_repaired_and_restorable(seed_pairs, root):
    zh = copy.deepcopy(next(z for z, _ in seed_pairs if z.pair_id == "002"))
    source = decode_bytes((root / zh.meta["path"]).read_bytes(), zh.meta["path"]).text
    assert zh.text.count("壹") == 13 and zh.text.count("一") == 0
    repairs = repair_yi(zh)
    assert len(repairs) == 13
    assert zh.text.count("壹") == 0 and zh.text.count("一") == 13
    # the document stays consistent: paragraphs, segments and offsets
    for p in zh.paragraphs:
        assert zh.text[p.start:p.end] == p.text == p.joined()
        for s in p.segments:
            assert zh.text[s.start:s.end] == s.text
    # every repair is recorded with its place in the source, and undoing the edits gives it back
    assert restore(zh.text, zh.edits) == source
    lines = source.split("\n")
    for r in repairs:
        assert lines[r["line"] - 1][r["col"] - 1] == "壹"
        seg = next(s for s in zh.segments() if s.id == r["segment"])
        assert seg.original[r["position"] - seg.start] == "壹"
    edits = [e for e in zh.edits if e.rule == "yi-repair"]
    assert len(edits) == 13 and len({e.pass_no for e in edits}) == 1
    assert edits[0].pass_no == max((e.pass_no for e in zh.edits if e.rule != "yi-repair"), default=0) + 1
    flag = next(f for f in zh.meta["flags"] if f["rule"] == "yi-artifact")
    assert flag["repaired"] == 13
    assert repair_yi(zh) == []  # idempotent: nothing left to repair


def test_simplified_seeds_untouched(seed_pairs):
    for zh, _ in seed_pairs:
        if zh.pair_id != "002":
            assert repair_yi(copy.deepcopy(zh)) == []


def test_repair_after_cleaning_edits_maps_to_the_source_line_and_column():
    """Cleaning removed indentation, a byline and blank lines: the repair still restores exactly."""
    source = ("王明 | 記者\n\n\u3000\u3000第壹,要逐壹擊破。\n\n\n  壹是重視監測, 壹些地方\n貳零壹玖年,金額壹萬元整。\n")
    doc = build_document("900.zh", "zh", source)
    assert doc.edits  # the cleaning did change the text
    repairs = repair_yi(doc)
    assert [r["after"] for r in repairs] == ["一"] * 4
    assert "貳零壹玖年" in doc.text and "壹萬元整" in doc.text
    assert restore(doc.text, doc.edits) == source
    lines = source.split("\n")
    for r in repairs:
        assert lines[r["line"] - 1][r["col"] - 1] == "壹"
    assert [(r["line"], r["col"]) for r in repairs] == [(3, 4), (3, 8), (6, 3), (6, 11)]
