"""Targets much shorter or longer than expected, measured against the corpus's own distribution.

For each aligned unit the log of English characters per Chinese character is compared with the
median of all units, in units of the median absolute deviation (a robust z-score, Iglewicz and
Hoaglin: |z| > 3.5 is an outlier). With fewer than ``length_min_units`` units the corpus cannot
give its own distribution and a prior is used (3.0 English characters per Chinese character,
MAD 0.2 in log units, measured on the seeds).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context
from ._text import HAN

THRESHOLD = 3.5
MIN_UNITS = 30
PRIOR_MEDIAN, PRIOR_MAD = math.log(3.0), 0.2
MIN_CHARS = 8  # very short segments (headings, "一是") are not judged


def _ratio(u: Unit) -> float | None:
    zh = len("".join(u.zh.split()))  # the characters that are not white space
    en = len("".join(u.en.split()))
    if min(zh, en) < MIN_CHARS or not HAN.search(u.zh):
        return None
    return math.log(en / zh)


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per unit whose length ratio is an outlier."""
    ratios = [(u, r) for u in ctx.aligned(units) if (r := _ratio(u)) is not None]
    if not ratios:
        return
    values = [r for _, r in ratios]
    if len(values) >= ctx.option("length_min_units", MIN_UNITS):
        median = statistics.median(values)
        mad = statistics.median(abs(v - median) for v in values) or PRIOR_MAD
    else:
        median, mad = PRIOR_MEDIAN, PRIOR_MAD
    threshold = ctx.option("length_threshold", THRESHOLD)
    for u, r in ratios:
        z = 0.6745 * (r - median) / mad
        if abs(z) > threshold:
            kind = "longer" if z > 0 else "shorter"
            yield Finding("length", "warning", u.id, f"the target is much {kind} than expected",
                          u.zh, u.en, detail=f"{math.exp(r):.2f} en chars per zh char vs median "
                          f"{math.exp(median):.2f} (robust z {z:+.1f})")


CHECK = Check("length", "targets much shorter or longer than the corpus's length ratio", ("warning",), run)
