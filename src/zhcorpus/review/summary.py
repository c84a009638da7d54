"""What the build report says about review: a row per document, the first beads of the review
queue with their texts, every glossary miss. Streams the units once; memory grows with the
number of documents, not units."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Unit
from .rank import category, is_flagged, is_reviewed, rank_key

QUEUE_IN_REPORT = 50


@dataclass
class _Doc:
    zh: int = 0
    en: int = 0
    beads: int = 0
    score_sum: float = 0.0
    scored: int = 0
    flagged: int = 0
    misses: int = 0
    reviewed: int = 0


@dataclass
class ReviewSummary:
    """Per-document review numbers and the head of the review queue."""

    documents: dict[str, _Doc] = field(default_factory=dict)
    queue: list[tuple[Any, ...]] = field(default_factory=list)  # a max-heap by negated rank
    queue_size: int = QUEUE_IN_REPORT

    def add(self, u: Unit, miss: bool) -> None:
        """Count one unit (*miss*: it has a glossary miss)."""
        d = self.documents.setdefault(u.doc_id, _Doc())
        d.zh += len(u.zh_ids)
        d.en += len(u.en_ids)
        d.beads += 1
        if u.aligned:
            d.score_sum += u.score
            d.scored += 1
        d.flagged += is_flagged(u, miss)
        d.misses += miss
        d.reviewed += is_reviewed(u)
        if is_reviewed(u):  # the same queue as `corpus review`: every bead not reviewed, worst first
            return
        key = rank_key(u, miss)
        item = (tuple(-k if isinstance(k, (int, float)) else _Neg(k) for k in key), u.id, u, miss)
        if len(self.queue) < self.queue_size:
            heapq.heappush(self.queue, item)
        elif item > self.queue[0]:
            heapq.heapreplace(self.queue, item)

    def rows(self) -> list[dict[str, Any]]:
        """The per-document table."""
        out = []
        for doc, d in sorted(self.documents.items()):
            out.append({"document": doc, "sentences": {"zh": d.zh, "en": d.en}, "beads": d.beads,
                        "mean_score": round(d.score_sum / d.scored, 4) if d.scored else None,
                        "flagged": d.flagged, "glossary_misses": d.misses, "reviewed": d.reviewed,
                        "reviewed_pct": round(100 * d.reviewed / d.beads, 1) if d.beads else 0.0})
        return out

    def head(self) -> list[dict[str, Any]]:
        """The first beads of the queue, worst first, with texts and the command that opens each."""
        items = sorted(self.queue, reverse=True)
        return [{"unit": u.id, "document": u.doc_id, "category": category(u.flags, miss), "bead": u.bead,
                 "score": u.score, "flags": list(u.flags), "zh": u.zh, "en": u.en,
                 "command": f"corpus review --unit {u.id}"} for _, _, u, miss in items]


class _Neg:
    """Reverses the order of a string inside a negated sort key."""

    __slots__ = ("s",)

    def __init__(self, s: str) -> None:
        self.s = s

    def __lt__(self, other: _Neg) -> bool:
        return self.s > other.s

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Neg) and self.s == other.s


def summarize(units: Iterable[Unit], miss_units: Iterable[str]) -> ReviewSummary:
    """The review summary of *units*, given the ids of units with a glossary miss."""
    misses = set(miss_units)
    s = ReviewSummary()
    for u in units:
        s.add(u, u.id in misses)
    return s
