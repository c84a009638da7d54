"""The variants stage: routes, script and region detection, guards, add_variants on the seeds."""

from __future__ import annotations

import copy
import json

import pytest

from zhcorpus.errors import InputError
from zhcorpus.ingest import build_document
from zhcorpus.jsonl import dumps
from zhcorpus.model import VARIANT_TAGS
from zhcorpus.units import make_units
from zhcorpus.variants import (
    Backend,
    ControlCharacterError,
    OpenCCBackend,
    VariantConverter,
    add_variants,
    apply_glyphs,
    corner_quotes,
    format_report,
    get_backend,
    strip_unsafe,
)


@pytest.fixture(scope="module")
def conv():
    return VariantConverter()


@pytest.fixture(scope="module")
def plain(conv):
    """The same converter without the phrase lists and quotes (zh-TW/zh-HK by characters and glyphs only)."""
    return VariantConverter(conv.backend, tw_phrases=False, hk_phrases=False, quotes=False)


@pytest.fixture(scope="module")
def docs(seed_pairs, conv):
    """The seeds' Chinese documents with variants (copies: the session fixture stays as ingested)."""
    return {zh.pair_id: add_variants(copy.deepcopy(zh), conv) for zh, _ in seed_pairs}


# -- backend -------------------------------------------------------------------------------------

def test_default_backend_is_the_official_binding():
    b = get_backend()
    assert isinstance(b, OpenCCBackend) and isinstance(b, Backend)
    assert b.name == "opencc" and b.version
    assert {"s2t", "s2tw", "tw2s", "t2tw", "t2hk", "tw2t", "hk2t"} <= b.configs()
    with pytest.raises(ValueError, match="unknown OpenCC configuration"):
        b.convert("s2martian", "x")
    with pytest.raises(ValueError, match="unknown conversion backend"):
        get_backend("nope")


class _Stretching:
    """A backend that adds a character to every s2t output (to see length checks work)."""

    name, version = "stretch", "0"

    def __init__(self):
        self.inner = OpenCCBackend()

    def configs(self):
        return self.inner.configs()

    def convert(self, config, text):
        out = self.inner.convert(config, text)
        return out + "〇" if config == "s2t" else out


def test_any_backend_fits_the_interface_and_length_changes_are_reported():
    conv = VariantConverter(_Stretching())
    vs = conv.variants("发展经济", "zh-Hans")
    assert vs.variants["zh-Hant"] == "發展經濟〇"
    assert [(m.config, m.source, m.output) for m in vs.mismatches] == [("s2t", "发展经济", "發展經濟〇")]
    doc = add_variants(build_document("901.zh", "zh", "发展经济。"), conv)
    assert doc.variants_summary["length_mismatches"] == [
        {"segment": "901.zh/1/1", "config": "s2t", "source": "发展经济。", "output": "發展經濟。〇",
         "source_len": 5, "output_len": 6}]


# -- guards --------------------------------------------------------------------------------------

def test_nul_is_rejected_before_it_truncates(conv):
    with pytest.raises(ControlCharacterError) as exc:
        conv.run("s2tw", "前a\x00b后发")
    assert exc.value.offset == 2 and "NUL" in str(exc.value)
    text, n = strip_unsafe("前a\x00b后发\x1b")
    assert n == 2 and conv.run("s2tw", text) == "前ab後發"


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85", "\ud800"])
def test_other_unsafe_characters_rejected(conv, char):
    with pytest.raises(ControlCharacterError):
        conv.convert(f"发展{char}经济", "zh-TW")


def test_tab_and_newline_pass(conv):
    assert conv.convert("发展\t经济\n后发", "zh-Hant", "zh-Hans").text == "發展\t經濟\n後發"


def test_unsafe_text_in_a_document_names_the_segment():
    doc = build_document("902.zh", "zh", "发展经济。后发\x00优势。", {"path": "x/902.txt"})
    with pytest.raises(InputError) as exc:
        add_variants(doc)
    assert exc.value.path == "x/902.txt" and exc.value.where.startswith("902.zh/1/2")


# -- detection -----------------------------------------------------------------------------------

@pytest.mark.parametrize("pair, script, region", [
    ("000", "Hans", None), ("001", "Hans", None), ("004", "Hans", None),
    ("002", "Hant", "zh-TW"), ("003", "Hant", "zh-TW"),
])
def test_script_of_each_seed(docs, pair, script, region):
    doc = docs[pair]
    det = doc.script_detection
    assert doc.script == script == det["script"] == det["declared"]
    assert det["confidence"] > 0.99 and det["region"] == region
    assert det["mixed_segments"] == [] and "segments" in det
    assert min(det["hans_chars"], det["hant_chars"]) == 0 and max(det["hans_chars"], det["hant_chars"]) > 500
    assert all(s.script == script for s in doc.segments())
    assert not [f for f in doc.meta.get("flags", []) if f["rule"].startswith("script-")]


def test_regional_standard_told_apart(seed_pairs, conv):
    for zh, _ in seed_pairs:
        if zh.script == "Hans":
            assert conv.region(conv.run("s2t", zh.text)).tag == "zh-Hant"
            assert conv.region(conv.run("s2tw", zh.text)).tag == "zh-TW"
            assert conv.region(conv.run("s2hk", zh.text)).tag == "zh-HK"


def test_detect_segments(conv):
    assert conv.detect("巩固拓展脱贫攻坚成果").script == "Hans"
    assert conv.detect("鞏固拓展脫貧攻堅成果").script == "Hant"
    assert conv.detect("2020年").script == "neutral"
    mixed = conv.detect("巩固拓展脱贫攻坚成果，鞏固拓展脫貧攻堅成果")
    assert mixed.script == "mixed" and mixed.hans and mixed.hant
    one = conv.detect("巩固拓展脱贫攻坚成果，推动乡村振兴，确保农民收入持续增长，推动臺")
    assert one.script == "Hans" and 0.5 < one.confidence < 1


def test_mixed_document_is_reported(conv):
    doc = build_document("903.zh", "zh", "巩固拓展脱贫攻坚成果。\n鞏固拓展脫貧攻堅成果。\n发展经济，鞏固成果。", script="Hans")
    add_variants(doc, conv)
    det = doc.script_detection
    assert doc.script == "mixed" and det["mixed_segments"] == ["903.zh/3/1"]
    assert {f["rule"] for f in doc.meta["flags"]} == {"script-mixed", "script-mismatch"}
    assert [s.script for s in doc.segments()] == ["Hans", "Hant", "mixed"]
    hans = [s.variants["zh-Hans"] for s in doc.segments()]
    hant = [s.variants["zh-Hant"] for s in doc.segments()]
    assert hans == ["巩固拓展脱贫攻坚成果。", "巩固拓展脱贫攻坚成果。", "发展经济，巩固成果。"]
    assert hant == ["鞏固拓展脫貧攻堅成果。", "鞏固拓展脫貧攻堅成果。", "發展經濟，鞏固成果。"]
    assert doc.variants_summary["routes"] == {"mixed": 1, "zh-Hans": 1, "zh-TW": 1}
    assert doc.round_trip["skipped"] == ["903.zh/3/1"]


def test_declared_script_that_is_wrong_is_flagged(conv):
    doc = add_variants(build_document("904.zh", "zh", "巩固拓展脱贫攻坚成果。", script="Hant"), conv)
    assert doc.script == "Hans"
    assert [f for f in doc.meta["flags"] if f["rule"] == "script-mismatch"] == [
        {"rule": "script-mismatch", "declared": "Hant", "detected": "Hans"}]


# -- routes --------------------------------------------------------------------------------------

def test_simplified_seed_variants(docs, conv, plain):
    for pair in ("000", "001", "004"):
        for seg in docs[pair].segments():
            v = seg.variants

            def opencc(config: str, text: str = seg.text) -> str:  # OpenCC, its own errors fixed (較大沖擊)
                return conv.fix_opencc(conv.run(config, text), text)[0]

            assert v["zh-Hans"] == seg.text
            assert v["zh-Hant"] == opencc("s2t")
            assert plain.convert(seg.text, "zh-HK", "zh-Hans").text == apply_glyphs(opencc("s2hk"), "zh-HK")
            assert plain.convert(seg.text, "zh-TW", "zh-Hans").text == apply_glyphs(opencc("s2tw"), "zh-TW")
            if seg.hk_phrases is None:
                assert v["zh-HK"] == corner_quotes(apply_glyphs(opencc("s2hk"), "zh-HK"))
            if seg.tw_phrases is None:
                assert v["zh-TW"] == corner_quotes(apply_glyphs(opencc("s2tw"), "zh-TW"))
    assert docs["000"].variants_summary["opencc_fixes"] == {"沖擊→衝擊": 2}


def test_traditional_seed_variants(docs, conv, plain):
    for pair in ("002", "003"):
        for seg in docs[pair].segments():
            v = seg.variants
            assert v["zh-Hans"] == conv.run("tw2s", seg.text)
            assert v["zh-Hant"] == conv.run("tw2t", seg.text)
            if seg.hk_phrases is None:
                assert v["zh-HK"] == corner_quotes(apply_glyphs(conv.run("t2hk", v["zh-Hant"]), "zh-HK"))
            # Taiwan-form source: zh-TW is the text itself apart from 佈→布, the Taiwan phrases and quotes
            assert plain.convert(seg.text, "zh-TW", "zh-TW").text == apply_glyphs(seg.text, "zh-TW")
            if seg.tw_phrases is None:
                assert v["zh-TW"] == corner_quotes(apply_glyphs(seg.text, "zh-TW"))


def test_taiwan_form_input_uses_tw2s_not_t2s(conv):
    assert conv.convert("農村,著力推進", "zh-Hans", "zh-TW").text == "农村,着力推进"
    assert conv.run("t2s", "農村,著力推進") == "农村,著力推进"  # why: t2s keeps the Taiwan 著
    assert conv.convert("成效显著", "zh-Hans").text == "成效显著"  # tw2s never sees Simplified text


def test_zh_hk_from_taiwan_form_goes_through_the_standard(conv):
    # 著→着 from the standard route; 羣 is then 群 again, as Hong Kong government text writes it
    assert conv.convert("人民群眾,著力推進", "zh-HK", "zh-TW").text == "人民群眾,着力推進"
    assert conv.run("t2hk", conv.run("tw2t", "人民群眾,著力推進")) == "人民羣眾,着力推進"
    assert conv.run("t2hk", "人民群眾,著力推進") == "人民群眾,著力推進"  # why: t2hk expects standard input


def test_every_variant_converts_back_to_the_simplified_seed(seed_pairs, conv):
    for zh, _ in seed_pairs:
        if zh.script != "Hans":
            continue
        for seg in zh.segments():
            for form, config in (("zh-Hant", "s2t"), ("zh-TW", "s2tw"), ("zh-HK", "s2hk")):
                text = conv.run(config, seg.text)
                assert conv.convert(text, "zh-Hans", form).text == seg.text
                assert conv.convert(text, "zh-Hans").text == seg.text  # auto-detected


def test_four_variants_on_every_segment_and_length_preserved(docs):
    for doc in docs.values():
        assert doc.variants_summary["length_mismatches"] == []
        for seg in doc.segments():
            v = seg.variants
            assert list(v) == list(VARIANT_TAGS)
            for tag in ("zh-Hans", "zh-Hant"):
                assert len(v[tag]) == len(seg.text)
            for tag, key in (("zh-TW", "tw_phrases"), ("zh-HK", "hk_phrases")):
                grow = sum(len(b) - len(a) for a, b in (getattr(seg, key) or []))
                assert len(v[tag]) == len(seg.text) + grow


def test_units_carry_the_four_variants(docs, seed_pairs, gold):
    for zh, en in seed_pairs:
        links = [(z, e, 1.0) for z, e in gold[zh.pair_id]["gold"]]
        for u in make_units(docs[zh.pair_id], en, links):
            if u.zh_ids:
                assert set(u.variants) == set(VARIANT_TAGS)
                assert len(u.variants["zh-Hant"]) == len(u.zh)


def test_seed_002_repaired_before_conversion(docs):
    doc = docs["002"]
    rules = [r["rule"] for r in doc.repairs]
    assert rules.count("yi-repair") == 13 and rules.count("converter-error") == 3
    for seg in doc.segments():
        assert all("壹" not in v for v in seg.variants.values())
    first = doc.segments()[0]
    assert first.original.startswith("第壹") and first.variants["zh-Hans"].startswith("第一")


def test_add_variants_is_deterministic_and_idempotent(seed_pairs, docs, conv):
    zh = next(z for z, _ in seed_pairs if z.pair_id == "002")
    again = add_variants(copy.deepcopy(zh), VariantConverter())
    assert dumps(again.to_dict()) == dumps(docs["002"].to_dict())
    twice = add_variants(copy.deepcopy(docs["002"]), conv)
    assert dumps(twice.to_dict()) == dumps(docs["002"].to_dict())


def test_english_documents_pass_through(seed_pairs):
    en = copy.deepcopy(seed_pairs[0][1])
    before = dumps(en.to_dict())
    assert dumps(add_variants(en).to_dict()) == before


# -- round trip ----------------------------------------------------------------------------------

def test_round_trip_zero_on_simplified_seeds(docs):
    for pair in ("000", "001", "004"):
        rt = docs[pair].round_trip
        assert (rt["forward"], rt["back"], rt["changed"]) == ("s2t", "t2s", 0)
        assert rt["chars"] == sum(len(s.text) for s in docs[pair].segments())


def test_round_trip_on_traditional_seeds_lists_fixes_and_standard_forms(docs):
    changes = {}
    for pair in ("002", "003"):
        rt = docs[pair].round_trip
        assert (rt["forward"], rt["back"]) == ("tw2s", "s2t")
        assert 0 < rt["changed"] < rt["chars"] * 0.02
        for c in rt["changes"]:
            changes[(c["before"], c["after"])] = c["kind"]
    # the converter errors it flagged (關系, 寬松, 註重) are repaired before: only the reviewed
    # non-error 艱巨 (OpenCC prefers 艱鉅) is left for review
    assert [k for k, kind in changes.items() if kind == "review"] == [("巨", "鉅")]
    repaired = {(r["before"], r["after"]) for r in docs["002"].repairs if r["rule"] == "converter-error"}
    assert repaired == {("系", "係"), ("松", "鬆"), ("註", "注")}
    assert changes[("為", "爲")] == "standard-form"
    assert changes[("群", "羣")] == "standard-form"
    report = format_report([])
    assert report.startswith("round trip: 0 of 0")


def test_report_text_lists_each_document(docs):
    from zhcorpus.variants import RoundTrip

    text = format_report([RoundTrip.from_dict(d.round_trip) for d in docs.values()])
    assert "002.zh (Hant, tw2s→s2t)" in text and "巨→鉅" in text and "000.zh (Hans, s2t→t2s): 0 of" in text
    json.dumps(docs["002"].round_trip)  # JSON-ready


def test_round_trip_record_is_asdict_plus_its_counts(docs):
    from dataclasses import asdict

    from zhcorpus.variants import RoundTrip

    for d in docs.values():
        rt = RoundTrip.from_dict(d.round_trip)
        record = rt.to_dict()
        extra = {k: record.pop(k) for k in ("changed", "by_kind")}
        assert list(record.items()) == list(asdict(rt).items())  # the same fields, in the same order
        assert extra["changed"] == len(rt.changes)
