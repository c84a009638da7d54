"""The SRX export: valid SRX 2.0 that segments the seeds exactly like the project, in two engines."""

from __future__ import annotations

import pytest
from lxml import etree

from zhcorpus.segment import split
from zhcorpus.tmx.srx import (
    OMEGAT_ZH_RULES,
    omegat_splits,
    project_rules,
    read_srx,
    sentences,
    write_srx,
)

LANG_RULE = {"zh": "Chinese", "en": "English"}


@pytest.fixture(scope="module")
def srx(tmp_path_factory):
    return write_srx(tmp_path_factory.mktemp("srx") / "zhcorpus.srx")


def project_sentences(text: str, lang: str) -> list[str]:
    return [s.strip() for s, _ in split(text, lang) if s.strip()]


def paragraphs(seed_pairs):
    for zh, en in seed_pairs:
        for doc in (zh, en):
            for p in doc.paragraphs:
                yield doc.lang, p.text


def test_srx_reads_back_and_is_deterministic(srx, tmp_path):
    rules, mapping = read_srx(srx)
    assert rules == project_rules()
    assert mapping == [("[Zz][Hh].*", "Chinese"), ("[Ee][Nn].*", "English")]
    assert write_srx(tmp_path / "again.srx").read_bytes() == srx.read_bytes()


def test_srx_engine_segments_the_seeds_like_the_project(srx, seed_pairs):
    rules, _ = read_srx(srx)
    checked = 0
    for lang, text in paragraphs(seed_pairs):
        assert sentences(text, rules[LANG_RULE[lang]]) == project_sentences(text, lang), text
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang,text", [
    ("zh", "他说：“今天很好。明天更好。”然后走了。真的吗？！是的……好。"),
    ("zh", "（第一条。第二条。）下一句。书名《甲。乙》很长。"),
    ("zh", "省略…不算结束。这是一句"),
    ("en", "Mr. Li met Dr. Wang in the U.S. on Jan. 5. They agreed. J. Smith said \"Yes.\" Then left."),
    ("en", "It costs 3.5 yuan, e.g. rice. See No. 7. Done etc. Next one."),
])
def test_srx_engine_matches_the_segmenters_on_hard_cases(lang, text):
    assert sentences(text, project_rules()[LANG_RULE[lang]]) == project_sentences(text, lang)


@pytest.mark.integration
def test_srx_is_valid_srx20_and_works_in_an_independent_engine(srx, seed_pairs):
    choppa = pytest.importorskip("choppa", reason="choppa-srx (pip) is the independent SRX engine used here")
    schema = etree.XMLSchema(etree.parse(str(choppa.SRX_2_XSD)))
    assert schema.validate(etree.parse(str(srx))), schema.error_log
    document = choppa.SrxDocument(ruleset=str(srx))
    for lang, text in paragraphs(seed_pairs):
        code = {"zh": "zh-CN", "en": "en-US"}[lang]
        got = [s.strip() for s in choppa.SrxTextIterator(document, code, text) if s.strip()]
        assert got == project_sentences(text, lang)


def test_omegat_default_chinese_rules():
    assert sentences("第一句。第二句！“引用。”后文。", OMEGAT_ZH_RULES) == ["第一句。", "第二句！", "“引用。”后文。"]
    assert omegat_splits("今年是最后一年。习近平指出：“更高。”") and not omegat_splits("只有一句。")
    assert not omegat_splits("他说：“好。”")
