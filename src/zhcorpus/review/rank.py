"""Which beads a reviewer should look at first: one order for the review app, its sheet and the
build report — omissions, then low confidence, length mismatch, glossary misses, then by score."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Unit

OMISSION_FLAGS = frozenset({"omission", "unaligned-zh", "unaligned-en"})
CATEGORIES = ("omission", "low-confidence", "length-mismatch", "glossary-miss", "other")
# flags that say a bead may be wrong (the report's "flagged"); reviewed beads are never flagged
PROBLEM_FLAGS = frozenset({*OMISSION_FLAGS, "low-confidence", "length-mismatch"})


def category(flags: Iterable[str], glossary_miss: bool = False) -> str:
    """The queue category of a bead with these flags (``other`` when nothing is wrong with it)."""
    if flags:
        fl = set(flags)
        if not OMISSION_FLAGS.isdisjoint(fl):
            return "omission"
        if "low-confidence" in fl:
            return "low-confidence"
        if "length-mismatch" in fl:
            return "length-mismatch"
    return "glossary-miss" if glossary_miss else "other"


def unit_number(unit_id: str) -> int:
    """The ``n`` of a unit id ``<doc>/<n>`` (0 if it has none)."""
    tail = unit_id.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def rank_key(unit: Unit, glossary_miss: bool = False) -> tuple[int, float, str, int]:
    """Sort key, worst first: category, score, then document order."""
    return (CATEGORIES.index(category(unit.flags, glossary_miss)), float(unit.score), unit.doc_id,
            unit_number(unit.id))


def is_reviewed(unit: Unit) -> bool:
    """Whether a person reviewed this bead."""
    return "reviewed" in unit.flags


def is_flagged(unit: Unit, glossary_miss: bool = False) -> bool:
    """Whether the bead has a problem flag or a glossary miss and nobody reviewed it yet."""
    return not is_reviewed(unit) and (bool(PROBLEM_FLAGS.intersection(unit.flags)) or glossary_miss)
