"""zh-HK as Hong Kong government text writes it: the glyph map, the phrase list, quotation marks,
and the converter-error repairs, on sentences from the seeds."""

from __future__ import annotations

import copy

import pytest

from zhcorpus.errors import InputError
from zhcorpus.variants import VariantConverter, add_variants, apply_glyphs, corner_quotes
from zhcorpus.variants.glyphs import load_glyphs
from zhcorpus.variants.phrases import load_phrases
from zhcorpus.variants.repairs import ConverterError, find_repairs, load_errors


@pytest.fixture(scope="module")
def conv():
    return VariantConverter()


@pytest.fixture(scope="module")
def hk():
    return load_phrases(region="zh-HK")


def test_hk_list_entries_have_sources_and_are_written_as_s2hk_writes_them(hk, conv):
    assert len(hk) >= 25
    for p in hk:
        assert p.source and len(p.reason) > 10, p
        hans = conv.run("hk2s", p.mainland)
        assert apply_glyphs(conv.run("s2hk", hans), "zh-HK") == p.mainland, p


def test_hk_forms_and_glyphs_exist_in_big5_hkscs(hk):
    """Hong Kong government text is Big5-HKSCS text: every form we write must be encodable."""
    for p in hk:
        p.regional.encode("big5hkscs")
    for g in load_glyphs():
        if g.region == "zh-HK":
            g.form.encode("big5hkscs")
            with pytest.raises(UnicodeEncodeError):
                g.opencc.encode("big5")


@pytest.mark.parametrize("hans, expected", [
    # from the seeds (000, 002, 003, 004)
    ("继续推动服务业与信息技术的紧密融合。", "繼續推動服務業與資訊科技的緊密融合。"),
    ("不断提高贫困地区农民收入水平和生活质量。", "不斷提高貧困地區農民收入水平和生活質素。"),
    ("加大对片区贫困重度残疾人、贫困家庭的帮扶", "加大對片區貧困重度殘疾人士、貧困家庭的幫扶"),
    ("建立部门间信息共享机制", "建立部門間資訊共享機制"),
    ("如何坚决克服新冠肺炎疫情影响", "如何堅決克服2019冠狀病毒病疫情影響"),
    ("为党中央适时宣布打赢脱贫攻坚战", "為黨中央適時宣布打贏脫貧攻堅戰"),
    ("生活服务业的区域布局", "生活服務業的區域布局"),
    ("快递物流、批发零售", "速遞物流、批發零售"),
    ("能够实现线上销售的均可以把线上销售和线下服务结合起来", "能夠實現網上銷售的均可以把網上銷售和線下服務結合起來"),
    ("或者处在脱贫边缘线上", "或者處在脫貧邊緣線上"),  # 线上 here is "on the line"
    ("采取“互联网+招聘”等途径", "採取「互聯網+招聘」等途徑"),  # HK keeps 互聯網
    ("拓宽销售渠道", "拓寬銷售渠道"),  # and 渠道
    ("注重人民群众的获得感", "注重人民群眾的獲得感"),  # 群 and 眾, not 羣/衆
    ("总的来说，向人民兑现承诺", "總的來說，向人民兌現承諾"),  # 說 兌, not 説 兑
    ("贫困户、税收", "貧困戶、稅收"),
    ("中国残疾人联合会", "中國殘疾人聯合會"),  # a proper name
    ("残疾人士", "殘疾人士"),  # already the Hong Kong form
])
def test_zh_hk_on_seed_sentences(conv, hans, expected):
    assert conv.convert(hans, "zh-HK", "zh-Hans").text == expected


def test_zh_hk_keeps_opencc_forms_hong_kong_uses(conv):
    # 着 (本着, 着重), 衞 (衞生署), 裏, 台 (平台), 為 are Hong Kong government forms: kept
    assert conv.convert("本着公共卫生，平台里着力", "zh-HK", "zh-Hans").text == "本着公共衞生，平台裏着力"


def test_without_hk_phrases_only_characters_and_glyphs(conv):
    plain = VariantConverter(conv.backend, hk_phrases=False)
    assert plain.convert("信息技术，脱贫", "zh-HK", "zh-Hans").text == "信息技術，脫貧"


def test_hk_hits_are_recorded_on_segments(seed_pairs, conv):
    zh = next(z for z, _ in seed_pairs if z.pair_id == "000")
    doc = add_variants(copy.deepcopy(zh), conv)
    counts = doc.variants_summary["hk_phrases"]
    assert counts["信息技術→資訊科技"] == 1 and counts["新冠肺炎→2019冠狀病毒病"] >= 3
    assert any(["信息技術", "資訊科技"] in (s.hk_phrases or []) for s in doc.segments())


# -- quotation marks -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("以“攻坚”为主", "以「攻坚」为主"),
    ("他说：“要做到‘两不愁’。”", "他说：「要做到『两不愁』。」"),
    ("China’s plan", "China’s plan"),  # an apostrophe
    ("「已是」", "「已是」"),
])
def test_corner_quotes(text, expected):
    out = corner_quotes(text)
    assert out == expected and len(out) == len(text)


def test_quotes_are_an_option_on_by_default(conv):
    assert conv.convert("“造血”", "zh-TW", "zh-Hans").text == "「造血」"
    assert conv.convert("“造血”", "zh-Hant", "zh-Hans").text == "“造血”"  # OpenCC standard: unchanged
    off = VariantConverter(conv.backend, quotes=False)
    assert off.convert("“造血”", "zh-HK", "zh-Hans").text == "“造血”"


# -- converter errors in the sources -----------------------------------------------------------

def test_converter_errors_repaired_only_where_the_round_trip_confirms(conv):
    assert find_repairs("處理好產業發展與增加農民就業的關系,為產業發展創造寬松環境", conv.run) == [
        (16, "系", "係"), (26, "松", "鬆")]
    assert find_repairs("實施鄉村建設行動,註重人民群眾的獲得感", conv.run) == [(9, "註", "注")]
    assert find_repairs("建立有關系統的數據", conv.run) == []  # 有關 + 系統: not 關係
    assert find_repairs("任務十分艱巨", conv.run) == []  # reviewed: not an error


def test_seed_002_converter_errors_repaired_in_every_variant_and_restorable(seed_pairs, conv):
    from zhcorpus.clean import restore

    zh = next(z for z, _ in seed_pairs if z.pair_id == "002")
    source = restore(zh.text, zh.edits)
    doc = add_variants(copy.deepcopy(zh), conv)
    fixes = [r for r in doc.repairs if r["rule"] == "converter-error"]
    assert [(r["before"], r["after"], r["segment"]) for r in fixes] == [
        ("註", "注", "002.zh/7/6"), ("系", "係", "002.zh/8/3"), ("松", "鬆", "002.zh/8/3")]
    for seg in doc.segments():
        for v in seg.variants.values():
            assert "註重" not in v and "關系" not in v and "寬松" not in v
    seg = next(s for s in doc.segments() if s.id == "002.zh/8/3")
    assert "關系" in seg.original and "關係" in seg.text
    assert {"offset": seg.text.index("關係") + 1, "before": "系", "after": "係", "rule": "converter-error"} in seg.repairs
    assert restore(doc.text, doc.edits) == source


def test_converter_error_table_is_checked(tmp_path):
    assert all(isinstance(e, ConverterError) for e in load_errors())
    bad = tmp_path / "e.tsv"
    bad.write_text("wrong\tright\tfix\tsource\treason\n關系\t關係係\tyes\tx\ty\n", encoding="utf-8")
    with pytest.raises(InputError, match="same length") as exc:
        load_errors(bad)
    assert exc.value.where == "2"


def test_opencc_errors_fixed_in_every_traditional_variant(conv):
    from zhcorpus.variants.phrases import load_phrases as load

    for p in load(region="zh-Hant"):
        # the same Simplified word; the fix is what OpenCC writes for the word on its own
        assert conv.run("t2s", p.mainland) == conv.run("t2s", p.regional) and p.source and p.reason, p
        assert conv.run("s2t", conv.run("t2s", p.regional)) == p.regional, p
    text = "同时也不可避免会对经济社会造成较大冲击"  # seed 000
    for tag in ("zh-Hant", "zh-TW", "zh-HK"):
        assert conv.convert(text, tag, "zh-Hans").text.endswith("造成較大衝擊")
    assert conv.convert("大冲村", "zh-Hant", "zh-Hans").text == "大沖村"  # the place name OpenCC has in mind
