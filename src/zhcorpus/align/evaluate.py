"""Alignment quality: strict, lax and exact P/R/F1 against gold beads (the MAC / aligner-eval metric).

Strict: a bead is correct when it is exactly a gold bead (same zh set, same en set); 1-0 and
0-1 beads count on both sides. Lax: a bead is correct when it links some zh–en pair that the gold
links (for an empty side: when the gold also leaves that sentence unaligned). Exact: the share of
documents whose whole alignment equals the gold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def _norm(beads: Iterable[Sequence[Sequence[int]]]) -> list[BeadIds]:
    return [(tuple(sorted(z)), tuple(sorted(e))) for z, e in beads]


@dataclass
class Counts:
    """Counts behind precision and recall, poolable over documents."""

    pred: int = 0
    gold: int = 0
    pred_ok: int = 0
    gold_ok: int = 0

    def add(self, other: Counts) -> None:
        """Pool another document's counts into these."""
        self.pred += other.pred
        self.gold += other.gold
        self.pred_ok += other.pred_ok
        self.gold_ok += other.gold_ok

    @property
    def precision(self) -> float:
        """Correct predicted beads / predicted beads."""
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        """Correct gold beads / gold beads."""
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def strict_counts(pred: Iterable[Sequence[Sequence[int]]], gold: Iterable[Sequence[Sequence[int]]]) -> Counts:
    """Exact bead matching (aligner-eval's strict score)."""
    p, g = _norm(pred), _norm(gold)
    gs, ps = set(g), set(p)
    return Counts(len(p), len(g), sum(b in gs for b in p), sum(b in ps for b in g))


def _links(beads: list[BeadIds]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for z, e in beads:
        if z and e:
            out.update((a, b) for a in z for b in e)
        elif z:
            out.update((a, -1) for a in z)
        else:
            out.update((-1, b) for b in e)
    return out


def _bead_links(b: BeadIds) -> set[tuple[int, int]]:
    return _links([b])


def lax_counts(pred: Iterable[Sequence[Sequence[int]]], gold: Iterable[Sequence[Sequence[int]]]) -> Counts:
    """A bead is lax-correct when it shares a link with the other side's beads."""
    p, g = _norm(pred), _norm(gold)
    gl, pl = _links(g), _links(p)
    return Counts(len(p), len(g), sum(bool(_bead_links(b) & gl) for b in p),
                  sum(bool(_bead_links(b) & pl) for b in g))


@dataclass
class Report:
    """Pooled strict and lax counts, and how many documents were aligned exactly."""

    strict: Counts
    lax: Counts
    docs: int = 0
    exact_docs: int = 0

    def as_dict(self) -> dict[str, float]:
        """Flat numbers for printing or JSON."""
        out: dict[str, float] = {}
        for name, c in (("strict", self.strict), ("lax", self.lax)):
            out[f"{name}_precision"] = round(c.precision, 4)
            out[f"{name}_recall"] = round(c.recall, 4)
            out[f"{name}_f1"] = round(c.f1, 4)
        out["exact_docs"] = self.exact_docs
        out["docs"] = self.docs
        return out


def evaluate(pairs: Iterable[tuple[Sequence[Sequence[Sequence[int]]], Sequence[Sequence[Sequence[int]]]]]) -> Report:
    """Pool (predicted beads, gold beads) over documents into a :class:`Report`."""
    rep = Report(Counts(), Counts())
    for pred, gold in pairs:
        rep.strict.add(strict_counts(pred, gold))
        rep.lax.add(lax_counts(pred, gold))
        rep.docs += 1
        rep.exact_docs += sorted(_norm(pred)) == sorted(_norm(gold))
    return rep
