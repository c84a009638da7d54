"""Chinese sentence segmentation.

A sentence ends after 。！？ (or a run such as ！？ or ……) together with the closing quotes and
brackets that follow it. It never ends inside “”「」『』（）《》【】 — except when the closing mark
follows the terminator directly (“……。” ends with the quote). Semicolons, colons, commas and list
openers (第一，) never end a sentence; a heading (no final punctuation) is one segment.
"""

from __future__ import annotations

from .rules import ZH_CLOSERS, ZH_ELLIPSIS, ZH_PAIRS, ZH_TERMINATORS

_CLOSER_OF = ZH_PAIRS
_OPENER_OF = {v: k for k, v in ZH_PAIRS.items()}
_SPACE = " \t\u3000\u00a0"


def _matched_pairs(text: str) -> set[int]:
    """Positions of openers and closers that are properly matched (others are ignored)."""
    stack: list[int] = []
    matched: set[int] = set()
    for i, ch in enumerate(text):
        if ch in _CLOSER_OF:
            stack.append(i)
        elif ch in _OPENER_OF:
            for k in range(len(stack) - 1, -1, -1):
                if _CLOSER_OF[text[stack[k]]] == ch:
                    matched.add(stack[k])
                    matched.add(i)
                    del stack[k:]
                    break
    return matched


def split_zh(text: str) -> list[tuple[str, str]]:
    """Split a Chinese paragraph into (sentence, whitespace-after) pairs."""
    matched = _matched_pairs(text)
    out: list[tuple[str, str]] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if i in matched:
            depth += 1 if ch in _CLOSER_OF else -1
            i += 1
            continue
        if ch in ZH_TERMINATORS or ch == ZH_ELLIPSIS:
            j = i
            while j < n and (text[j] in ZH_TERMINATORS or text[j] == ZH_ELLIPSIS):
                j += 1
            if ch == ZH_ELLIPSIS and j - i < 2 and j < n:
                i = j  # a single … is not a sentence end
                continue
            d = depth
            while j < n and text[j] in ZH_CLOSERS and d > 0 and j in matched:
                d -= 1
                j += 1
            while j < n and text[j] in ZH_CLOSERS and j not in matched:
                j += 1  # stray closers stay with the sentence too
            if d == 0:
                k = j
                while k < n and text[k] in _SPACE:
                    k += 1
                if k < n:
                    out.append((text[start:j], text[j:k]))
                    start = k
                depth = d
                i = k
                continue
            i = j
            continue
        i += 1
    if start < n:
        seg = text[start:]
        stripped = seg.rstrip(_SPACE)
        out.append((stripped, seg[len(stripped):]))
    return out
