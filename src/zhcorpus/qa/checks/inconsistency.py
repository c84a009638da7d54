"""Inconsistency: the same source translated differently, and the same target given for different
sources. The Chinese is compared in Simplified (a Traditional and a Simplified copy of a sentence
are the same source); both sides with Unicode NFKC and spaces collapsed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context
from ._text import short, source_key, target_key


def _groups(units: list[Unit], key: Callable[[Unit], str], other: Callable[[Unit], str]
            ) -> Iterator[tuple[str, list[Unit]]]:
    by: dict[str, list[Unit]] = {}
    for u in units:
        by.setdefault(key(u), []).append(u)
    for k, group in by.items():
        if len({other(u) for u in group}) > 1:
            yield k, group


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per group: the first unit, the others as related, the variants in the detail."""
    units = ctx.aligned(units)
    for _k, group in _groups(units, source_key, target_key):
        variants = sorted({target_key(u) for u in group})
        yield Finding("inconsistency", "warning", group[0].id,
                      f"the same source has {len(variants)} different translations", group[0].zh, group[0].en,
                      related=tuple(u.id for u in group[1:]), detail=" | ".join(short(v, 80) for v in variants))
    for _k, group in _groups(units, target_key, source_key):
        variants = sorted({source_key(u) for u in group})
        yield Finding("inconsistency", "warning", group[0].id,
                      f"the same translation is given for {len(variants)} different sources", group[0].zh,
                      group[0].en, related=tuple(u.id for u in group[1:]),
                      detail=" | ".join(short(v, 40) for v in variants))


CHECK = Check("inconsistency", "same source with different targets, same target for different sources",
              ("warning",), run)
