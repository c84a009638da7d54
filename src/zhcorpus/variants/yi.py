"""Repair of the 壹-for-一 artifact: some converters write the capital numeral 壹 for every 一.

Only in a text where 壹 is at least as frequent as 一 is 壹 replaced by 一, and never inside a
capital-numeral amount: a run of numerals that holds another capital numeral (壹拾貳圓,
貳零壹玖年), is followed by a currency unit or 整 (壹萬元整), or follows 人民幣/金額/大寫.
The repair is one character for one, so every offset stays valid.
"""

from __future__ import annotations

import re

YI_CAPITAL, YI = "壹", "一"
# Capital numerals that are not also ordinary characters (拾, 萬, 億, 零 are both).
CAPITALS = "貳贰弍叁參叄肆伍陸陆柒捌玖佰仟"
NUMERALS = YI_CAPITAL + CAPITALS + "拾萬万億亿零〇"
_RUN = re.compile(f"[{NUMERALS}]+")
_UNIT_AFTER = re.compile("(?:[元圓圆](?!化)|[整角])")
_PREFIX_BEFORE = re.compile(r"(?:人民幣|人民币|金額|金额|大寫|大写)[:：\s￥¥]{0,2}$")


def needs_repair(text: str) -> bool:
    """Whether *text* shows the artifact: 壹 occurs and is at least as frequent as 一."""
    n = text.count(YI_CAPITAL)
    return n > 0 and n >= text.count(YI)


def is_amount(text: str, start: int, end: int) -> bool:
    """Whether the numeral run text[start:end] is a capital-numeral amount (kept as written)."""
    run = text[start:end]
    if any(c in CAPITALS for c in run):
        return True
    if _UNIT_AFTER.match(text, end):
        return True
    return bool(_PREFIX_BEFORE.search(text, max(0, start - 5), start))


def repair_positions(text: str) -> list[int]:
    """Offsets of the 壹 to replace by 一 (empty unless :func:`needs_repair`)."""
    if not needs_repair(text):
        return []
    out: list[int] = []
    for m in _RUN.finditer(text):
        if YI_CAPITAL in m.group() and not is_amount(text, m.start(), m.end()):
            out.extend(m.start() + i for i, c in enumerate(m.group()) if c == YI_CAPITAL)
    return out


def repair_text(text: str) -> tuple[str, list[int]]:
    """*text* with the artifact repaired, and the offsets changed."""
    positions = repair_positions(text)
    if not positions:
        return text, []
    chars = list(text)
    for p in positions:
        chars[p] = YI
    return "".join(chars), positions
