"""The aligner's parts: numbers, dictionary, tokens, metric, banded search."""

from __future__ import annotations

import numpy as np
import pytest

from zhcorpus.align import english
from zhcorpus.align.cache import cached_pickle
from zhcorpus.align.cedict import gloss_stems, load_cedict
from zhcorpus.align.chinese import max_match, words
from zhcorpus.align.evaluate import evaluate, lax_counts, strict_counts
from zhcorpus.align.features import build_features
from zhcorpus.align.hits import pair_hits
from zhcorpus.align.numbers import english_number_tokens, zh_number_tokens, zh_numeral_value
from zhcorpus.align.search import Band, band_from_path, dp


@pytest.mark.parametrize(("text", "value"), [("二十一", 21), ("一九九八", 1998), ("三万五千", 35000),
                                             ("十", 10), ("两百", 200), ("三", 3), ("一亿", 100_000_000)])
def test_chinese_numerals(text, value):
    assert zh_numeral_value(text) == value


def test_number_tokens_meet_across_languages():
    assert "#21" in zh_number_tokens("我过二十一岁生日以前")
    assert "#21" in english_number_tokens("before my twenty-one birthday")
    assert "#1998" in zh_number_tokens("１９９８年") and "#1998" in english_number_tokens("In 1998,")
    assert "#20" in zh_number_tokens("增长百分之二十") and "#20" in english_number_tokens("grew 20%")
    assert zh_number_tokens("一个人") == [] and english_number_tokens("one man") == []


def test_english_tokens():
    assert english.content_stems("The children were running quickly") == ["child", "run", "quick"]
    assert english.stem("thought") == english.stem("think")
    assert english.punctuation_tokens('"Why?" he asked!') == ["p:?", "p:!", 'p:"']


def test_cedict_has_both_scripts_and_pinyin():
    d = load_cedict()
    assert "beat" in d.translations("打")
    assert d.translations("說") == d.translations("说") and "speak" in d.translations("说")
    assert d.pinyin_readings("清扬") == ["qingyang"]
    assert d.is_pinyin("qingyang") and not d.is_pinyin("then")
    assert gloss_stems("to beat/CL:個|个[ge4]/see 打開|打开[da3 kai1]/surname Chen") == ["beat", "chen"]


def test_segmenters_give_dictionary_words():
    d = load_cedict()
    assert max_match("伟大友谊", d) == ["伟大", "友谊"]
    for seg in ("jieba", "dictionary"):
        assert "友谊" in words("以偉大友誼的名義", d, seg)  # Traditional is read via a Simplified copy


def test_cache_builds_once(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHCORPUS_CACHE", str(tmp_path))
    calls = []
    assert cached_pickle("x", "k" * 20, lambda: calls.append(1) or {"a": 1}) == {"a": 1}
    assert cached_pickle("x", "k" * 20, lambda: calls.append(1) or {"a": 2}) == {"a": 1}
    assert calls == [1] and len(list(tmp_path.glob("x-*.pickle"))) == 1
    assert cached_pickle("x", "j" * 20, lambda: {"a": 3}) == {"a": 3}
    assert [p.name[:3] for p in tmp_path.glob("x-*.pickle")] == ["x-j"]  # the stale one is gone


def test_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ZHCORPUS_CACHE", str(blocker / "sub"))
    assert cached_pickle("y", "0" * 20, lambda: 42) == 42


def test_pair_hits_count_translations():
    d = load_cedict()
    f = build_features(["苹果很甜。", "小狗在跑。"], ["The apple is sweet.", "The puppy runs."], d)
    zh_hit, en_hit = pair_hits(f, np.zeros(2, dtype=np.int64), 2)
    assert zh_hit[0, 0] > 0 and zh_hit[1, 1] > 0
    assert zh_hit[0, 1] == 0 and en_hit[0, 1] == 0
    assert np.all(zh_hit <= f.zh.mass[:, None] + 1e-9)


def test_metric_strict_and_lax():
    gold = [[[0], [0]], [[1], [1, 2]], [[2], []]]
    pred = [[[0], [0]], [[1], [1]], [[], [2]], [[2], []]]
    s = strict_counts(pred, gold)
    assert (s.pred, s.gold, s.pred_ok, s.gold_ok) == (4, 3, 2, 2)
    lax = lax_counts(pred, gold)
    assert lax.pred_ok == 3 and lax.gold_ok == 3  # [1]-[1] shares a link; the 0-1 bead does not
    rep = evaluate([(gold, gold), (pred, gold)])
    assert rep.exact_docs == 1 and rep.strict.gold == 6


def test_dp_finds_the_diagonal_and_band_stays_narrow():
    n = m = 50
    types = ((1, 1), (1, 0), (0, 1))
    band = Band.full(n, m)
    width = m + 1
    scores = np.full((3, n + 1, width), -1.0)
    scores[0] = np.where(np.arange(n + 1)[:, None] == np.arange(width)[None, :], 1.0, -1.0)
    path = dp(band, types, scores)
    assert path == [(i, i + 1, i, i + 1) for i in range(n)]
    fine = band_from_path([(i, i + 1, i, i + 1) for i in range(25)], 2, n, m, 4)
    assert fine.lo[0] == 0 and fine.hi[n] == m
    assert np.all(np.diff(fine.lo) >= 0) and np.all(np.diff(fine.hi) >= 0)
    assert fine.cells() <= (2 * 4 + 4) * (n + 1)  # margin on both sides of a 2-wide step
