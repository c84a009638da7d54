"""Corner quotation marks for the Taiwan and Hong Kong variants: “”→「」 and ‘’→『』.

Taiwan and Hong Kong publishing (and government text) quote with 「」 and nest with 『』; the
mainland's “” and ‘’ are changed one character for one. A right single quote between two Latin
letters or digits is an apostrophe (China’s) and is left alone, as is a left one there.
"""

from __future__ import annotations

_DOUBLE = {"“": "「", "”": "」"}
_SINGLE = {"‘": "『", "’": "』"}


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def corner_quotes(text: str) -> str:
    """*text* with “”/‘’ as 「」/『』 (the same length; apostrophes in Latin words kept)."""
    if not any(c in text for c in "“”‘’"):
        return text
    out = list(text)
    for i, ch in enumerate(text):
        if ch in _DOUBLE:
            out[i] = _DOUBLE[ch]
        elif ch in _SINGLE:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not (_latin(before) and _latin(after)):
                out[i] = _SINGLE[ch]
    return "".join(out)
