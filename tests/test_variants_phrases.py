"""The reviewed Taiwan phrase list: well-formed, in the forms OpenCC writes, applied on whole words."""

from __future__ import annotations

import pytest

from zhcorpus.errors import InputError
from zhcorpus.glossary import Concept
from zhcorpus.variants import (
    Phrase,
    TaiwanPhrases,
    VariantConverter,
    apply_glyphs,
    glossary_phrases,
)
from zhcorpus.variants.phrases import REJECTED_FILE, data_path, load_phrases, read_tsv


@pytest.fixture(scope="module")
def conv():
    return VariantConverter()


@pytest.fixture(scope="module")
def shipped():
    return load_phrases()


@pytest.fixture(scope="module")
def rejected():
    return [row for _, row in read_tsv(data_path(REJECTED_FILE), ("mainland", "rewrite", "config", "reason"))]


def test_every_entry_has_a_source_and_reason(shipped):
    assert len(shipped) >= 30
    for p in shipped:
        assert p.source and len(p.reason) > 10, p


def test_keys_are_written_as_s2tw_writes_them(shipped, conv):
    """A key must be what s2tw/t2tw produce, or it could never match the zh-TW text."""
    for p in shipped:
        hans = conv.run("tw2s", p.mainland)
        assert apply_glyphs(conv.run("s2tw", hans), "zh-TW") == p.mainland, p
        assert apply_glyphs(conv.run("t2tw", conv.run("s2t", hans)), "zh-TW") == p.mainland, p


def test_taiwan_forms_are_taiwan_standard(shipped, conv):
    for p in shipped:
        assert apply_glyphs(conv.run("t2tw", p.taiwan), "zh-TW") == p.taiwan, p


def test_keep_entries_protect_a_longer_phrase(shipped):
    keys = {p.mainland for p in shipped if not p.keep}
    for p in shipped:
        if p.keep:
            assert any(k in p.mainland and k != p.mainland for k in keys), p


def test_rejected_rewrites_never_made(shipped, rejected):
    mapping = {p.mainland: p.taiwan for p in shipped}
    for r in rejected:
        assert mapping.get(r["mainland"]) != r["rewrite"], r
        assert r["rewrite"] not in mapping.values(), r


def test_rejected_rewrites_do_not_appear_in_seed_variants(seed_pairs, conv, rejected):
    for zh, _ in seed_pairs:
        for seg in zh.segments():
            tw = conv.convert(seg.text, "zh-TW").text
            chars_only = VariantConverter(conv.backend, tw_phrases=False).convert(seg.text, "zh-TW").text
            for r in rejected:
                assert r["rewrite"] not in tw or r["rewrite"] in chars_only, (seg.id, r)


@pytest.mark.parametrize("hans, expected", [
    ("开展就业信息服务", "開展就業資訊服務"),
    ("充分利用信息化手段", "充分利用資訊化手段"),  # start of a longer word
    ("推动信息技术发展", "推動資訊科技發展"),  # longest match wins
    ("提高生活质量", "提高生活品質"),  # end of a longer word
    ("实现高质量发展", "實現高質量發展"),  # a mainland policy formula keeps its wording
    ("确保脱贫攻坚任务高质量完成", "確保脫貧攻堅任務高質量完成"),  # adverbial 高质量 too
    ("采取“互联网+招聘”等途径", "採取「互聯網+招聘」等途徑"),  # the name of an initiative
    ("党中央适时宣布打赢脱贫攻坚战", "黨中央適時宣布打贏脫貧攻堅戰"),  # 佈→布 (MOE)
    ("生活服务业的区域布局", "生活服務業的區域布局"),
    ("多渠道增加本地就业机会", "多管道增加本地就業機會"),
    ("实现可持续发展", "實現永續發展"),
    ("拓宽销售渠道", "拓寬銷售通路"),  # a sales channel
    ("修缮灌溉渠道", "修繕灌溉渠道"),  # a keep entry protects the literal sense
    ("画一条水平线", "畫一條水平線"),
    ("电视频道", "電視頻道"),  # 视频 is not a word here
    ("培养心智能力", "培養心智能力"),  # nor 智能
    ("本土豆腐", "本土豆腐"),  # nor 土豆
    ("中国残疾人联合会", "中國殘疾人聯合會"),  # a proper name
    ("加大对片区贫困重度残疾人的帮扶", "加大對片區貧困重度身心障礙者的幫扶"),  # 004
    ("帮助残疾人士就业", "幫助身心障礙人士就業"),
    ("对象、社区、项目、优化、类型", "對象、社區、項目、優化、類型"),  # no IT jargon
    ("华声在线发布", "華聲在線發布"),
])
def test_zh_tw_uses_the_phrases_on_whole_words(conv, hans, expected):
    assert conv.convert(hans, "zh-TW", "zh-Hans").text == expected


def test_phrases_apply_to_traditional_sources_too(conv):
    assert conv.convert("提高農民收入水平和生活質量", "zh-TW", "zh-TW").text == "提高農民收入水準和生活品質"


def test_hits_are_reported(conv):
    result = conv.convert("网络销售信息", "zh-TW", "zh-Hans")
    assert [(h.start, h.mainland, h.taiwan) for h in result.phrases] == [(0, "網絡", "網路"), (4, "信息", "資訊")]


def test_without_phrases_zh_tw_is_s2tw(conv):
    plain = VariantConverter(conv.backend, tw_phrases=False)
    assert plain.convert("开展就业信息服务", "zh-TW", "zh-Hans").text == "開展就業信息服務"


def test_glossary_zh_tw_forms_extend_the_list(conv):
    concept = Concept(id="T900", zh_hans="精准扶贫", zh_hant="精準扶貧", en="targeted poverty alleviation",
                      zh_tw="精準扶助")
    same = Concept(id="T901", zh_hans="脱贫", zh_hant="脫貧", en="poverty exit", zh_tw="脫貧")
    extra = glossary_phrases([concept, same], conv)
    assert extra == [Phrase("精準扶貧", "精準扶助", "glossary T900", "glossary zh_tw form")]
    with_glossary = VariantConverter(conv.backend, conv.phrases.extended(extra))
    assert with_glossary.convert("推进精准扶贫", "zh-TW", "zh-Hans").text == "推進精準扶助"


def test_empty_list_changes_nothing():
    assert TaiwanPhrases([]).apply("信息", "信息") == ("信息", [])


@pytest.mark.parametrize("body, where, message", [
    ("mainland\ttaiwan\tsource\treason\n信息\t資訊\tx\n", "2", "expected 4"),
    ("mainland\ttaiwan\tsource\treason\n信息\t資訊\t\ty\n", "2", "empty field"),
    ("mainland\ttaiwan\tsource\treason\n信息\t資訊\tx\ty\n# c\n信息\t資料\tx\ty\n", "4", "duplicate"),
    ("mainland\ttaiwan\n", "1", "header"),
    ("mainland\ttaiwan\tsource\treason\n信 息\t資訊\tx\ty\n", "2", "whitespace"),
])
def test_bad_phrase_file_names_the_line(tmp_path, body, where, message):
    p = tmp_path / "tw.tsv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        load_phrases(p)
    assert exc.value.where == where and exc.value.path == str(p)


@pytest.mark.parametrize("hans, expected", [
    # 001: the section on selling farm produce; 004: jobs, not sales
    ("畅通渠道，强化贫困地区农产品产销对接", "暢通通路，強化貧困地區農產品產銷對接"),
    ("——畅渠道，化解农产品销售难题。", "——暢通路，化解農產品銷售難題。"),
    ("贫困户就业增收渠道明显增多", "貧困戶就業增收管道明顯增多"),
    ("多渠道增加本地就业机会", "多管道增加本地就業機會"),
])
def test_context_entries_choose_the_sales_sense(conv, hans, expected):
    assert conv.convert(hans, "zh-TW", "zh-Hans").text == expected


def test_seed_glossary_taiwan_forms_apply_to_zh_tw(root, conv):
    """One source of truth: the glossary's zh-TW column (T080, T190, T193) reaches zh-TW segments."""
    from zhcorpus.glossary import load_glossary

    with_glossary = VariantConverter(conv.backend, glossary=load_glossary(root / "seeds" / "glossary.tsv"))
    cases = {
        "促进了第三产业在国民经济中的比重不断攀升": "促進了第三級產業在國民經濟中的比重不斷攀升",  # 000
        "應當建設精準扶貧脫貧大數據平臺": "應當建設精準扶貧脫貧巨量資料平臺",  # 002 (Traditional source)
        "全面支持片区的遂川县地理标志产品狗牯脑茶产业发展": "全面支持片區的遂川縣地理標示產品狗牯腦茶產業發展",  # 004
        "采取“互联网+招聘”等途径": "採取「互聯網+招聘」等途徑",  # the reviewed keep entry wins over T192
    }
    for text, expected in cases.items():
        assert with_glossary.convert(text, "zh-TW").text == expected
    assert conv.convert("促进了第三产业", "zh-TW", "zh-Hans").text == "促進了第三產業"  # without the glossary
