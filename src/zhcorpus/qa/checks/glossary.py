"""Glossary misses: a term on the Chinese side that the English does not render as the glossary
says (the check of :mod:`zhcorpus.glossary.check`; paraphrases its notes accept are not misses).
Without a glossary the check finds nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per (unit, concept) miss."""
    if ctx.glossary is None:
        return
    from ...glossary import check_units

    zh = {u.id: u.zh for u in units}
    for m in check_units(list(units), ctx.glossary).misses:
        yield Finding("glossary", "warning", m.unit_id,
                      f"{m.concept_id} {m.term} (found {m.found}) not rendered as the glossary says",
                      zh.get(m.unit_id, ""), m.en, detail=f"{m.concept_id}: expected {' | '.join(m.expected)}")


CHECK = Check("glossary", "glossary terms not rendered as the glossary says", ("warning",), run)
