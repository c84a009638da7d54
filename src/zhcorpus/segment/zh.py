"""Chinese sentence segmentation.

A sentence ends after 。！？ (or a run such as ！？ or ……) together with the closing quotes and
brackets that follow it. It never ends inside “”「」『』（）《》【】 — except when the closing mark
follows the terminator directly (“……。” ends with the quote). Semicolons, colons, commas and list
openers (第一，) never end a sentence; a heading (no final punctuation) is one segment.
"""

from __future__ import annotations

import re

from .rules import ZH_CLOSERS, ZH_ELLIPSIS, ZH_PAIRS, ZH_TERMINATORS

_CLOSER_OF = ZH_PAIRS
_OPENER_OF = {v: k for k, v in ZH_PAIRS.items()}
_SPACE = " \t\u3000\u00a0"
# the only characters the scans below act on; the regexes find them without a Python step per character
_BRACKET = re.compile("[" + re.escape("".join(ZH_PAIRS) + "".join(ZH_PAIRS.values())) + "]")
_END = re.compile("[" + re.escape(ZH_TERMINATORS + ZH_ELLIPSIS) + "]")


def _matched_pairs(text: str) -> set[int]:
    """Positions of openers and closers that are properly matched (others are ignored)."""
    stack: list[int] = []
    matched: set[int] = set()
    for m in _BRACKET.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in _CLOSER_OF:
            stack.append(i)
        else:
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
    # the positions where the scan does something: matched brackets and sentence-ending marks
    # (everywhere else it only steps on, so it jumps from one of these to the next)
    events = sorted(matched.union(m.start() for m in _END.finditer(text)))
    out: list[tuple[str, str]] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    e = 0
    n_events = len(events)
    while True:
        while e < n_events and events[e] < i:
            e += 1
        if e == n_events:
            break
        i = events[e]
        ch = text[i]
        if i in matched:
            depth += 1 if ch in _CLOSER_OF else -1
            i += 1
            continue
        j = i  # a sentence-ending mark
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
    if start < n:
        seg = text[start:]
        stripped = seg.rstrip(_SPACE)
        out.append((stripped, seg[len(stripped):]))
    return out
