"""Doubled words ("the the") in the English, doubled punctuation (，，) in the Chinese, and doubled
spaces on either side. Some doubled words are English grammar and are not reported (that that, had had)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context

# possessive: giving back letters or spaces can never help (a letter cannot start the spaces, a space
# cannot start the repeated word), so this matches what r"\b([A-Za-z]+)\s+\1\b" does, with less backtracking
_WORD = re.compile(r"\b([A-Za-z]++)\s++\1\b", re.IGNORECASE)
_GRAMMAR = {"that", "had", "is", "do", "bye", "so", "very", "far", "more", "again", "many"}
_ZH_PUNCT = re.compile("([，。、；：！？])\\1")
_SPACES = re.compile("(?<=\\S)(?:  +|\u3000\u3000+)(?=\\S)")


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per unit and kind of doubling."""
    for u in ctx.aligned(units):
        words = sorted({m.group() for m in _WORD.finditer(u.en) if m.group(1).lower() not in _GRAMMAR}) \
            if _WORD.search(u.en) else None  # most texts have none: one search, no set
        if words:
            yield Finding("doubled", "warning", u.id, "doubled word: " + ", ".join(words), u.zh, u.en,
                          detail=", ".join(words))
        punct = sorted({m.group() for m in _ZH_PUNCT.finditer(u.zh)}) if _ZH_PUNCT.search(u.zh) else None
        if punct:
            yield Finding("doubled", "warning", u.id, "doubled punctuation: " + " ".join(punct), u.zh, u.en,
                          detail=" ".join(punct))
        for side, text in (("zh", u.zh), ("en", u.en)):
            # the pattern needs two spaces or two ideographic spaces in a row: most texts have neither
            n = len(_SPACES.findall(text)) if "  " in text or "\u3000\u3000" in text else 0
            if n:
                yield Finding("doubled", "warning", u.id, f"doubled space in the {side} ({n}×)", u.zh, u.en,
                              detail=f"{side} spaces")


CHECK = Check("doubled", "doubled words, doubled punctuation and doubled spaces", ("warning",), run)
