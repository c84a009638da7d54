"""Corpus statistics gathered while documents stream past, in memory that does not grow with the corpus."""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Unit
from ..pipeline import DocPair

BINS = 20
_NOT_A_PROBLEM = frozenset({"reviewed", "edited"})  # flags that say a person checked the unit
MAX_POINTS = 4000


@dataclass
class Stats:
    """Counts, a score histogram and a bounded, deterministic sample of length pairs."""

    documents: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    segments: Counter = field(default_factory=Counter)
    beads: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    flagged_units: int = 0
    units: int = 0
    score_sum: float = 0.0
    score_n: int = 0
    score_min: float | None = None
    score_min_unit: str | None = None
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    terms: Counter = field(default_factory=Counter)
    timings: Counter = field(default_factory=Counter)
    recomputed: list[str] = field(default_factory=list)  # documents with at least one stage not from the cache
    cache_problems: list[str] = field(default_factory=list)  # bad cache entries dropped, cache write failures
    _points: list[tuple[int, float, float, bool, str]] = field(default_factory=list)

    def add_pair(self, pair: DocPair) -> None:
        """Count one processed (or failed) document pair."""
        self.cache_problems.extend(pair.log)
        if pair.status != "ok" or pair.zh is None:
            self.failures.append({"document": pair.id, "error": pair.error or "failed"})
            return
        self.documents += 1
        self.segments["zh"] += len(pair.zh.segments())
        if pair.en is not None:
            self.segments["en"] += len(pair.en.segments())
        for stage, t in pair.timings.items():
            self.timings[stage] += t
        if pair.timings:
            self.recomputed.append(pair.id)
        for u in pair.units:
            self.add_unit(u)

    def add_unit(self, u: Unit) -> None:
        """Count one unit."""
        self.units += 1
        self.beads[u.bead] += 1
        if u.flags:
            self.flagged_units += bool(set(u.flags) - _NOT_A_PROBLEM)
            self.flags.update(u.flags)
        self.terms.update(u.terms)
        if not u.aligned:
            return
        self.score_sum += u.score
        self.score_n += 1
        if self.score_min is None or u.score < self.score_min or (u.score == self.score_min and u.id < (self.score_min_unit or "")):
            self.score_min, self.score_min_unit = u.score, u.id
        self.histogram[min(BINS - 1, max(0, int(u.score * BINS)))] += 1
        h = int.from_bytes(hashlib.sha256(u.id.encode()).digest()[:8], "big")
        item = (-h, float(len(u.zh)), float(len(u.en)), bool(u.flags), u.id)
        if len(self._points) < MAX_POINTS:
            heapq.heappush(self._points, item)
        elif item > self._points[0]:
            heapq.heapreplace(self._points, item)

    @property
    def score_mean(self) -> float | None:
        """Mean alignment score of the aligned units."""
        return self.score_sum / self.score_n if self.score_n else None

    def points(self) -> list[tuple[float, float, bool, str]]:
        """The sampled (zh length, en length, flagged, unit id) points, in a stable order."""
        return sorted((zl, el, fl, uid) for _, zl, el, fl, uid in self._points)

    def to_dict(self) -> dict[str, Any]:
        """The numbers for report.json (rounded for stable output)."""
        return {
            "documents": self.documents,
            "failures": self.failures,
            "segments": dict(sorted(self.segments.items())),
            "units": self.units,
            "beads": dict(sorted(self.beads.items())),
            "flags": dict(sorted(self.flags.items())),
            "flagged_units": self.flagged_units,
            "score": {
                "mean": round(self.score_mean, 4) if self.score_mean is not None else None,
                "min": self.score_min,
                "min_unit": self.score_min_unit,
                "histogram": {"bins": BINS, "counts": self.histogram},
            },
            "terms": dict(sorted(self.terms.items())),
            **({"cache_problems": self.cache_problems} if self.cache_problems else {}),
        }
