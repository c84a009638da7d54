"""Unbalanced brackets and quotation marks in a segment.

A quotation that spans several sentences leaves each of its units unbalanced in the same way on
both sides (opened in one, closed in a later one): that is reported as info. Unbalanced on one
side only is a warning. A ’ between letters is an apostrophe, not a quote.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context

PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "{": "}", "《": "》", "〈": "〉", "“": "”", "‘": "’",
         "「": "」", "『": "』"}
_CLOSE = {v: k for k, v in PAIRS.items()}
# kinds, so that “ in Chinese and " in English count as the same quotation
_KIND = {"“": "quote", "「": "quote", "‘": "inner", "『": "inner", "(": "paren", "（": "paren", "[": "square",
         "【": "square", "{": "brace", "《": "title", "〈": "title"}


def unbalanced(text: str) -> tuple[list[str], list[str]]:
    """(unclosed openers, unopened closers) of *text*; straight " counts as a pair when even."""
    opened, stray = _unbalanced(text)
    return list(opened), list(stray)


@lru_cache(maxsize=8192)  # texts repeat across units
def _unbalanced(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    stack: list[str] = []
    unclosed: list[str] = []
    stray: list[str] = []
    for i, ch in enumerate(text):
        if ch == "’" and 0 < i < len(text) - 1 and _latin(text[i - 1]) and _latin(text[i + 1]):
            continue  # an apostrophe
        if ch in PAIRS:
            stack.append(ch)
        elif ch in _CLOSE:
            if stack and stack[-1] == _CLOSE[ch]:
                stack.pop()
            elif _CLOSE[ch] in stack:
                while stack and stack[-1] != _CLOSE[ch]:
                    unclosed.append(stack.pop())
                stack.pop()
            else:
                stray.append(ch)
    if text.count('"') % 2:
        stray.append('"')
    return (*unclosed, *stack), tuple(stray)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _signature(opened: list[str], stray: list[str]) -> tuple[str, ...]:
    """The kinds of the unbalanced marks (a straight " cannot say if it opens or closes, so direction is left out)."""
    def kind(c: str) -> str:
        return _KIND.get(c) or _KIND.get(_CLOSE.get(c, ""), "quote")

    return tuple(sorted(kind(c) for c in [*opened, *stray]))


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per unit with an unbalanced side."""
    for u in ctx.aligned(units):
        zo, zs = unbalanced(u.zh)
        eo, es = unbalanced(u.en)
        if not (zo or zs or eo or es):
            continue
        parts = [f"{side}: " + " ".join([*(f"unclosed {c}" for c in o), *(f"unopened {c}" for c in s)])
                 for side, o, s in (("zh", zo, zs), ("en", eo, es)) if o or s]
        same = _signature(zo, zs) == _signature(eo, es)
        msg = ("a quotation or bracket spans units (same on both sides)" if same
               else "unbalanced brackets or quotes")
        yield Finding("brackets", "info" if same else "warning", u.id, msg, u.zh, u.en, detail="; ".join(parts))


CHECK = Check("brackets", "unbalanced brackets and quotation marks", ("warning", "info"), run)
