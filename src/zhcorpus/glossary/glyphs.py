"""Fold variant glyphs of one character to one glyph, so glossary terms match across the
Traditional character standards: the glossary writes 為/群眾/考核 (Taiwan standard), OpenCC's
zh-Hant writes 爲/羣衆/考覈, Hong Kong writes 脱/説/衞. The fold is character for character
(offsets stay valid) and is applied to the terms and to the text alike.

The table is read from OpenCC's own variant tables (the ``t2tw`` and ``hk2t`` configurations,
one character at a time): a character folds to its Taiwan-standard glyph, a Hong Kong glyph
first to OpenCC's standard. :data:`KEEP` lists characters the fold must leave alone (reviewed).
"""

from __future__ import annotations

from functools import lru_cache

import opencc

# Ranges whose characters are looked up: CJK Unified Ideographs, Extension A, Compatibility.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))

# Reviewed exclusions: pairs OpenCC lists as variants that are different words in policy text.
# 幺/么 (么 is also a Simplified particle), 樑/梁 and 棱/稜 (梁 and 棱 are common surnames and
# Simplified forms with their own meaning), 蔘/參 (參 is "take part"), 泄/洩 is kept as a fold.
KEEP = frozenset("幺么梁樑棱稜參蔘")


@lru_cache(maxsize=1)
def glyph_table() -> dict[int, int]:
    """Code point -> code point for every character whose glyph folds (built once from OpenCC)."""
    chars = [chr(cp) for lo, hi in _RANGES for cp in range(lo, hi)]
    joined = "\n".join(chars)  # one character per line: no phrase context
    hk = opencc.OpenCC("hk2t.json").convert(joined).split("\n")
    tw_conv = opencc.OpenCC("t2tw.json")
    tw = tw_conv.convert("\n".join(hk)).split("\n")
    table: dict[int, int] = {}
    for src, dst in zip(chars, tw, strict=True):
        if len(dst) == 1 and dst != src and src not in KEEP and dst not in KEEP:
            table[ord(src)] = ord(dst)
    # The fold must be idempotent: a target that itself folds is followed to its end.
    for cp, dst in list(table.items()):
        seen = {cp}
        while dst in table and dst not in seen:
            seen.add(dst)
            dst = table[dst]
        if dst == cp:
            del table[cp]
        else:
            table[cp] = dst
    return table


def fold_glyphs(text: str) -> str:
    """*text* with each variant glyph replaced by its standard one; same length as *text*."""
    return text.translate(glyph_table())
