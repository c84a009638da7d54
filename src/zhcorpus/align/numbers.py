"""Numbers as language-neutral anchors: ``#21`` from 二十一, 21, twenty-one; ``#1998`` from 一九九八.

Only values of two and more are emitted: "one"/一 are mostly articles and measure words.
"""

from __future__ import annotations

import re

_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3,
              "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9}
_ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ZH_NUM = re.compile("[" + "".join(_ZH_DIGITS) + "".join(_ZH_UNITS) + "".join(_ZH_BIG) + "]+")
_ARABIC = re.compile(r"\d+(?:[.,]\d+)*")
_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

_EN_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
            "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
            "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
            "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "half": 0,
            "twice": 2, "double": 2, "first": 1, "second": 2, "third": 3, "fourth": 4,
            "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_EN_NUM = re.compile(r"\b(?:" + "|".join(sorted(_EN_ONES, key=len, reverse=True))
                     + r")(?:[- ](?:" + "|".join(sorted(_EN_ONES, key=len, reverse=True)) + r"))*\b",
                     re.IGNORECASE)


def zh_numeral_value(s: str) -> int | None:
    """The value of a Chinese numeral (二十一 → 21, 一九九八 → 1998, 三万五千 → 35000)."""
    if not s:
        return None
    if all(c in _ZH_DIGITS for c in s):  # digit by digit: years, codes
        return int("".join(str(_ZH_DIGITS[c]) for c in s)) if len(s) > 1 else _ZH_DIGITS[s]
    total, section, digit = 0, 0, None
    for c in s:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        elif c in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[c]
            digit = None
        elif c in _ZH_BIG:
            section += digit or 0
            total += max(section, 1) * _ZH_BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def _arabic(text: str) -> list[str]:
    out = []
    for m in _ARABIC.finditer(text.translate(_FULLWIDTH)):
        raw = m.group().replace(",", "")
        try:
            v = float(raw)
        except ValueError:
            continue
        if v >= 2:
            out.append(f"#{v:g}")
    return out


def zh_number_tokens(text: str) -> list[str]:
    """``#value`` tokens for the numbers written in a Chinese sentence (numerals and digits)."""
    out = _arabic(text)
    for m in _ZH_NUM.finditer(text.replace("百分之", "%").replace("萬一", "").replace("万一", "")):
        v = zh_numeral_value(m.group())
        if v is not None and v >= 2:
            out.append(f"#{v:g}")
    return out


def _en_words_value(phrase: str) -> int:
    total, current = 0, 0
    for w in re.split(r"[- ]", phrase.lower()):
        v = _EN_ONES[w]
        if v in (100, 1000, 1_000_000, 1_000_000_000):
            current = max(current, 1) * v
            if v >= 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current


def english_number_tokens(text: str) -> list[str]:
    """``#value`` tokens for the numbers in an English sentence (digits and number words)."""
    out = _arabic(text)
    for m in _EN_NUM.finditer(text):
        v = _en_words_value(m.group())
        if v >= 2:
            out.append(f"#{v:g}")
    return out
