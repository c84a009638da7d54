"""Chinese tokens for alignment: jieba words (on a Simplified copy), backed off to dictionary words
and characters, with numbers as ``#value`` and pinyin spellings for names."""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from types import ModuleType
from typing import Any

from .cache import cache_dir
from .cedict import ZhEnDictionary

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Function words whose dictionary glosses are grammar notes or unrelated homographs.
STOP_WORDS = frozenset("""
的 地 得 了 着 著 过 過 吗 嗎 呢 吧 啊 呀 嘛 哪 之 也 就 都 而 又 把 被 让 讓 给 給 是 在 和 与 與 及 或
这 這 那 个 個 些 其 此 所 以 为 為 于 於 从 從 对 對 向 将 將 则 則 却 卻 但 并 並 很 还 還 才 再 已 要 会 會
能 可 有 没 沒 不 无 無 我 你 他 她 它 们 們 自己 什么 什麼 怎么 怎麼 这个 這個 那个 那個 就是 一个 一個 等
""".split())

_jieba = None


def _get_jieba() -> ModuleType:
    """jieba, initialised quietly once, with its dictionary cache in the zhcorpus cache dir."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        try:
            d = cache_dir()
            d.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(d)
        except OSError:
            pass
        jieba.initialize()
        _jieba = jieba
    return _jieba


# jieba's own block pattern (re_han_default): it segments these runs and splits the rest into characters
_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")


def jieba_han_words(text: str) -> list[str]:
    """The Han words (fullmatching ``_HAN``) of ``jieba.lcut(text, HMM=False)``, in order: jieba's
    dictionary route (the same prefix dictionary, log-frequency sums and ties) computed in one
    pass per block, without the generators and the ASCII buffering whose output is dropped here."""
    tk = _get_jieba().dt
    freq, logtotal, log = tk.FREQ, math.log(tk.total), math.log
    out: list[str] = []
    for k, blk in enumerate(_JIEBA_BLOCK.split(text)):
        if not blk:
            continue
        if not k % 2:  # between blocks jieba yields every character on its own
            out.extend(ch for ch in blk if _HAN.fullmatch(ch))
            continue
        n = len(blk)
        score = [0.0] * (n + 1)
        end = list(range(n + 1))
        for idx in range(n - 1, -1, -1):
            best, at = -math.inf, -1
            i, frag = idx, blk[idx]
            while i < n and frag in freq:  # the DAG's edges from idx, in jieba's order
                f = freq[frag]
                if f:
                    sc = log(f) - logtotal + score[i + 1]
                    if sc >= best:  # a tie goes to the later end, as max() over (score, end) does
                        best, at = sc, i
                i += 1
                frag = blk[idx:i + 1]
            if at < 0:  # no word starts here: the character alone
                best, at = log(freq.get(blk[idx]) or 1) - logtotal + score[idx + 1], idx
            score[idx], end[idx] = best, at
        x = 0
        while x < n:
            y = end[x] + 1
            w = blk[x:y]
            if _HAN.fullmatch(w):
                out.append(w)
            x = y
    return out


def jieba_tokenizer() -> Any:
    """jieba's default tokenizer, initialised (shared by the aligner and the variants' word check)."""
    return _get_jieba().dt


@lru_cache(maxsize=1)
def _t2s() -> Any:  # an opencc.OpenCC converter
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """A Simplified copy of *text* (OpenCC t2s), so one segmenter serves both scripts."""
    return _t2s().convert(text)


def max_match(run: str, dictionary: ZhEnDictionary) -> list[str]:
    """Forward maximum matching of a Han run against the dictionary headwords."""
    out, i, n = [], 0, len(run)
    while i < n:
        for k in range(min(dictionary.max_word_len, n - i), 0, -1):
            if k == 1 or run[i:i + k] in dictionary.words:
                out.append(run[i:i + k])
                i += k
                break
    return out


def words(text: str, dictionary: ZhEnDictionary, segmenter: str = "jieba") -> list[str]:
    """The Han words of a sentence, in order (punctuation, Latin and digits dropped)."""
    simp = simplified(text)
    if segmenter == "jieba":
        raw = jieba_han_words(simp)
    else:
        raw = [w for run in _HAN.findall(simp) for w in max_match(run, dictionary)]
    out: list[str] = []
    for w in raw:
        if w in dictionary.words or len(w) == 1:
            out.append(w)
        else:
            out.extend(max_match(w, dictionary))
    return out


def latin_tokens(text: str) -> list[str]:
    """Latin words kept in a Chinese sentence (names, acronyms), as lower-cased tokens."""
    return [w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)]
