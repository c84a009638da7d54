"""Properties of the guards and the repair on generated text (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhcorpus.variants import ControlCharacterError, VariantConverter
from zhcorpus.variants.guard import find_unsafe
from zhcorpus.variants.yi import YI, YI_CAPITAL, repair_text

ALPHABET = "发展经济脱贫攻坚後發著着爲為群羣壹一貳萬元整信息网络质量渠道 ，。\n\t\r\x00\x1b\x7f\x85ab12"


@pytest.fixture(scope="module")
def conv():
    return VariantConverter()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_no_conversion_truncates_silently(conv, text):
    for route in ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "mixed"):
        if find_unsafe(text) is not None:
            with pytest.raises(ControlCharacterError):
                conv.variants(text, route)
            continue
        vs = conv.variants(text, route)
        grown = {"zh-TW": sum(len(h.regional) - len(h.mainland) for h in vs.phrases),
                 "zh-HK": sum(len(h.regional) - len(h.mainland) for h in vs.hk_phrases)}
        for tag, out in vs.variants.items():
            expected = len(text) + grown.get(tag, 0)
            assert len(out) == expected or vs.mismatches, (route, tag, text, out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="壹一貳叁拾萬元圓整化人民幣金額大寫年第些 ，", max_size=30))
def test_yi_repair_changes_only_yi_capital_to_yi(text):
    out, positions = repair_text(text)
    assert len(out) == len(text)
    for i, (a, b) in enumerate(zip(text, out, strict=True)):
        assert a == b or (i in positions and (a, b) == (YI_CAPITAL, YI))
    if text.count(YI_CAPITAL) < text.count(YI):
        assert out == text
