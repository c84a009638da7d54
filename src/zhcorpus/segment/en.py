"""English sentence segmentation.

A sentence ends at . ! ? (plus closing quotes/brackets) followed by white space and a capital
letter, digit or opening quote — except after abbreviations (No., Mr., U.S., e.g., i.e.) and
single initials; decimals (3.5) never split because no space follows the point.
"""

from __future__ import annotations

import re

from .rules import EN_ABBREVIATIONS, EN_TERMINAL_ABBREVIATIONS

_BOUNDARY = re.compile(r"""([.!?]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _no_break(text: str, end: int) -> bool:
    """Whether the full stop ending text[:end] belongs to an abbreviation or an initial."""
    # The word can only start inside the run of letters and dots before the stop: searching from
    # there finds the match a search of all of text[:end] finds, without rescanning the paragraph.
    start = end - 1
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    m = _WORD_BEFORE.search(text, start, end)
    if not m:
        return False
    word = m.group(1).lower()
    if word in EN_TERMINAL_ABBREVIATIONS:
        return False
    if word in EN_ABBREVIATIONS or word.rstrip(".") in EN_ABBREVIATIONS:
        return True
    return len(word) == 1 and m.group(1).isupper()  # an initial such as "J."


def split_en(text: str) -> list[tuple[str, str]]:
    """Split an English paragraph into (sentence, whitespace-after) pairs."""
    out: list[tuple[str, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        punct_end = m.end(1)
        if m.group(1).startswith(".") and len(m.group(1)) == 1 and _no_break(text, punct_end):
            continue
        out.append((text[start:punct_end], m.group(2)))
        start = m.end(2)
    if start < len(text):
        seg = text[start:]
        stripped = seg.rstrip()
        out.append((stripped, seg[len(stripped):]))
    return out
