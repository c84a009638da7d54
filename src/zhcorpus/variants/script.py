"""Script detection (Simplified, Traditional, mixed) and, for Traditional, the regional standard.

Evidence is counted per character with the converter itself: a character is Traditional evidence
when ``t2s`` changes it, and Simplified evidence when ``s2t``, ``s2tw`` and ``s2hk`` all change it
(so shared characters that only have an OpenCC-standard variant, like 群→羣, count for neither).
The confidence is the Laplace-smoothed share of the majority, ``(majority + 1) / (total + 2)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

# A text is "mixed" when the minority script has at least this share of the evidence.
MIXED_SHARE = 0.1


def changed_positions(a: str, b: str) -> list[int]:
    """Offsets in *a* whose character differs in *b* (aligned by difflib if the lengths differ)."""
    if a == b:
        return []
    if len(a) == len(b):  # compared as arrays of code points (one per character)
        x = np.frombuffer(a.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        y = np.frombuffer(b.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return np.flatnonzero(x != y).tolist()
    out: list[int] = []
    for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.extend(range(i1, i2))
    return out


@dataclass(frozen=True)
class ScriptGuess:
    """The script of a text: ``Hans``, ``Hant``, ``mixed`` or ``neutral`` (no evidence either way)."""

    script: str
    confidence: float
    hans: int  # characters that exist only in Simplified
    hant: int  # characters that exist only in Traditional

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def classify(hans: int, hant: int) -> ScriptGuess:
    """The script for evidence counts *hans* and *hant*."""
    total = hans + hant
    if total == 0:
        return ScriptGuess("neutral", 0.5, 0, 0)
    major = max(hans, hant)
    confidence = round((major + 1) / (total + 2), 4)
    if min(hans, hant) / total >= MIXED_SHARE:
        return ScriptGuess("mixed", confidence, hans, hant)
    return ScriptGuess("Hans" if hans > hant else "Hant", confidence, hans, hant)


def simplified_evidence(text: str, converted: Callable[[str], str]) -> int:
    """Characters of *text* that ``s2t``, ``s2tw`` and ``s2hk`` all change.

    *converted(config)* gives *text* converted with *config*; it is asked for s2tw and s2hk only
    while some character is still a candidate (Traditional text rarely needs them).
    """
    candidates = changed_positions(text, converted("s2t"))
    for config in ("s2tw", "s2hk"):
        if not candidates:
            break
        out = converted(config)
        if len(out) == len(text):
            candidates = [i for i in candidates if out[i] != text[i]]
        else:
            candidates = sorted(set(candidates) & set(changed_positions(text, out)))
    return len(candidates)


@dataclass(frozen=True)
class RegionGuess:
    """The regional standard of a Traditional text: ``zh-TW``, ``zh-HK`` or ``zh-Hant`` (OpenCC)."""

    tag: str
    distances: dict[str, int]  # characters that differ from each standard

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def guess_region(text: str, t2tw: str, t2hk: str, tw2t: str, hk2t: str) -> RegionGuess:
    """The standard *text* is closest to: fewest characters changed by converting into it.

    Distance to Taiwan is what ``t2tw`` changes, to Hong Kong what ``t2hk`` changes, and to the
    OpenCC standard what ``tw2t`` or ``hk2t`` changes; ties prefer OpenCC, then Taiwan.
    """
    std = set(changed_positions(text, tw2t)) | set(changed_positions(text, hk2t))
    distances = {"zh-Hant": len(std), "zh-TW": len(changed_positions(text, t2tw)),
                 "zh-HK": len(changed_positions(text, t2hk))}
    tag = min(("zh-Hant", "zh-TW", "zh-HK"), key=lambda t: distances[t])  # min keeps the first of ties
    return RegionGuess(tag, distances)
