"""Untranslated targets: Chinese left in the English. A target that is the source, or mostly
Chinese, is an error; a few Chinese characters in an English sentence are a warning."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context
from ._text import HAN, short

_RUN = re.compile(f"(?:{HAN.pattern})+")
MOSTLY = 0.5  # share of Han characters among letters and digits that makes a target "untranslated"


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per unit whose English holds Han characters."""
    for u in ctx.aligned(units):
        en = u.en.strip()
        han = HAN.findall(en)
        if not han:
            continue
        sources = {u.zh.strip(), *(v.strip() for v in u.variants.values())}
        letters = sum(1 for c in en if c.isalnum())
        runs = sorted({m.group() for m in _RUN.finditer(en)})
        if en in sources or len(han) / max(letters, 1) >= ctx.option("untranslated_share", MOSTLY):
            yield Finding("untranslated", "error", u.id, "the target is untranslated (Chinese, not English)",
                          u.zh, u.en, detail=short(en, 40))
        else:
            yield Finding("untranslated", "warning", u.id, "Chinese left in the English: " + " ".join(runs),
                          u.zh, u.en, detail=" ".join(runs))


CHECK = Check("untranslated", "untranslated or partly untranslated targets (Chinese in the English)",
              ("error", "warning"), run)
