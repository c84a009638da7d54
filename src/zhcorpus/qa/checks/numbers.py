"""Numbers that do not match between the Chinese and the English.

Both sides are reduced to values: 2707 = 2,707; 97% = 97 percent = 百分之九十七; 一亿 = 1亿 =
100 million; 十三五 = 13th Five-Year Plan (13 and 5); 3月 = March; Chinese numerals are read
with :func:`zhcorpus.align.numbers.zh_numeral_value`, English number words with
:func:`zhcorpus.align.numbers.english_number_tokens`. Values 0 and 1 are ignored (一 and "a"/"one"
are mostly articles and measure words), and so are idioms and place names that only look numeric
(千方百计, 四川) and identifiers that hold digits (COVID-19, G20).
A value written in digits on one side and missing on the other is an error; a numeral written in
characters or words is a warning (二是 ↔ "Second", 三农 ↔ "agriculture, rural areas and farmers").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ...align.numbers import english_number_tokens, zh_numeral_value
from ...model import Unit
from ..model import Finding
from ..registry import Check, Context

_FULLWIDTH = str.maketrans("０１２３４５６７８９％．，", "0123456789%.,")
_ZH_MULT = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_EN_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_ZH_DIGITS_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*([万萬亿億])?")
_ZH_MONTH = re.compile(r"(\d{1,2})\s*月")
_ZH_FYP = re.compile("(十[一二三四五六七八九]?)五(?=[”」\"]?(?:规划|規劃|时期|時期|期间|期間|计划|計劃)|[”」\"])")
_ZH_NUMERALS = "零〇○一二两兩三四五六七八九十百千万萬亿億"
_ZH_NUM = re.compile(f"[{_ZH_NUMERALS}]+")
# idioms and fixed words whose numerals are not quantities
_ZH_IDIOMS = ("千方百计", "千方百計", "千家万户", "千家萬戶", "万无一失", "萬無一失", "一心一意", "三番五次",
              "七上八下", "五花八门", "五花八門", "四面八方", "千千万万", "千千萬萬", "成千上万", "成千上萬",
              "百花齐放", "百花齊放", "九死一生", "一五一十", "十分", "万一", "萬一", "一一", "千百", "百姓",
              "千万", "千萬", "万众一心", "萬眾一心", "三令五申", "五湖四海", "一二",
              "2019冠状病毒病", "2019冠狀病毒病",  # COVID-19 in Hong Kong government text
              # place names
              "四川", "三亚", "三亞", "九江", "十堰", "六盘水", "六盤水", "三明", "七台河", "万州", "萬州",
              "三门峡", "三門峽", "九寨沟", "九寨溝", "千岛湖", "千島湖", "三峡", "三峽", "五指山")
_ZH_WORDS = {"双": 2, "雙": 2}  # 双胜利 = "double victory"
_EN_WORDS = {"tertiary": 3, "secondary": 2, "dual": 2, "triple": 3}  # 第三产业 = "tertiary sector"
# letters right before digits make an identifier, not a quantity: COVID-19, G20, H7N9, SARS-CoV-2
_IDENT = re.compile(r"\b[A-Za-z]+-?\d[\w-]*")
_EN_DIGITS = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?\s*(%|percent\b|per cent\b|thousand\b|million\b"
                        r"|billion\b|trillion\b)?", re.IGNORECASE)
_EN_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\b")


def _key(v: float) -> str:
    return f"{v:.10g}"


def zh_values(text: str) -> dict[str, str]:
    """Value → "digits" or "words" for the numbers of a Chinese text."""
    return dict(_zh_values(text))


@lru_cache(maxsize=8192)  # texts repeat across units
def _zh_values(text: str) -> dict[str, str]:
    text = _IDENT.sub(" ", text.translate(_FULLWIDTH).replace("百分之", "%"))
    for idiom in _ZH_IDIOMS:
        text = text.replace(idiom, " " * len(idiom))
    out: dict[str, str] = {}

    def put(k: str, kind: str) -> None:
        if out.get(k) != "digits":
            out[k] = kind

    for word, v in _ZH_WORDS.items():
        if word in text:
            put(_key(v), "words")

    def fyp(m: re.Match[str]) -> str:
        put(_key(zh_numeral_value(m.group(1)) or 0), "words")
        put("5", "words")
        return " " * len(m.group())

    text = _ZH_FYP.sub(fyp, text)

    def month(m: re.Match[str]) -> str:
        put(f"month {int(m.group(1))}", "digits")
        return " " * len(m.group())

    text = _ZH_MONTH.sub(month, text)

    def digits(m: re.Match[str]) -> str:
        v = float(m.group(1).replace(",", "")) * _ZH_MULT.get(m.group(2) or "", 1)
        if v >= 2 or m.group(2):
            put(_key(v), "digits")
        return " " * len(m.group())

    text = _ZH_DIGITS_RE.sub(digits, text)
    for m in _ZH_NUM.finditer(text):
        v = zh_numeral_value(m.group())
        if v is not None and v >= 2:
            put(_key(v), "words")
    return out


def en_values(text: str) -> dict[str, str]:
    """Value → "digits" or "words" for the numbers of an English text."""
    return dict(_en_values(text))


@lru_cache(maxsize=8192)  # texts repeat across units
def _en_values(text: str) -> dict[str, str]:
    out: dict[str, str] = {}

    def put(k: str, kind: str) -> None:
        if out.get(k) != "digits":
            out[k] = kind

    text = _IDENT.sub(" ", text)
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _EN_WORDS:
            put(_key(_EN_WORDS[word]), "words")

    def month(m: re.Match[str]) -> str:
        put(f"month {_MONTHS.index(m.group(1).lower()) + 1}", "digits")
        return " " * len(m.group())

    text = _EN_MONTH.sub(month, text)

    def digits(m: re.Match[str]) -> str:
        mult = (m.group(2) or "").lower()
        v = float(m.group(1).replace(",", "")) * _EN_MULT.get(mult, 1)
        if v >= 2 or mult in _EN_MULT:
            put(_key(v), "digits")
        return " " * len(m.group())

    text = _EN_DIGITS.sub(digits, text)
    for tok in english_number_tokens(text):
        put(_key(float(tok[1:])), "words")
    return out


def _show(k: str) -> str:
    return k if k.startswith("month") else f"{float(k):,.10g}"


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per unit whose numbers differ, listing what is missing on each side."""
    for u in ctx.aligned(units):
        zh, en = zh_values(u.variants.get("zh-Hans") or u.zh), en_values(u.en)
        only_zh = sorted(k for k in zh if k not in en)
        only_en = sorted(k for k in en if k not in zh)
        if not only_zh and not only_en:
            continue
        parts = []
        if only_zh:
            parts.append("in the Chinese only: " + ", ".join(_show(k) for k in only_zh))
        if only_en:
            parts.append("in the English only: " + ", ".join(_show(k) for k in only_en))
        digits = any(zh[k] == "digits" for k in only_zh) or any(en[k] == "digits" for k in only_en)
        yield Finding("numbers", "error" if digits else "warning", u.id, "numbers differ: " + "; ".join(parts),
                      u.zh, u.en, detail="; ".join(parts))


CHECK = Check("numbers", "numbers that differ (2707 = 2,707, 97% = 97 percent, 一亿 = 100 million, 十三五 = 13th Five-Year Plan)",
              ("error", "warning"), run)
