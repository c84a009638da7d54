"""The aligner's own pass over jieba's dictionary gives exactly jieba's Han words."""

from __future__ import annotations

import random
from pathlib import Path

from zhcorpus.align import chinese

ROOT = Path(__file__).resolve().parents[1]


def _jieba(text: str) -> list[str]:
    return [w for w in chinese._get_jieba().lcut(text, HMM=False) if chinese._HAN.fullmatch(w)]


def test_same_words_as_jieba_on_tricky_text():
    cases = ["", " ", "买A股和T恤，卡拉OK很好", "𠀀㐀豈中文ABC123中文", "3.5%的增长-率", "中\r\n国 人民\t万岁",
             "ＡＢＣ中国", "二〇二〇年", "a", "中", "中华人民共和国国务院关于促进经济发展的若干意见"]
    rng = random.Random(7)
    alphabet = "中国人民发展经济社会主义现代化A股T恤卡拉OK 123.%-_#&，。的了在是㐀豈"
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in cases:
        assert chinese.jieba_han_words(text) == _jieba(text), text


def test_same_words_as_jieba_on_the_seeds():
    lines = [line for f in sorted((ROOT / "seeds" / "zh").glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    assert lines
    for line in lines:
        simp = chinese.simplified(line)
        assert chinese.jieba_han_words(simp) == _jieba(simp)
