"""Empty or whitespace-only segments: an aligned side with no text is an error; a bead with no
segment at all on one side (1-0, 0-1: kept so that no sentence is lost) is reported as info."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...model import Unit
from ..model import Finding
from ..registry import Check, Context


def run(units: Sequence[Unit], ctx: Context) -> Iterator[Finding]:
    """One finding per empty side."""
    for u in units:
        for side, text, ids, other in (("zh", u.zh, u.zh_ids, u.en_ids), ("en", u.en, u.en_ids, u.zh_ids)):
            if not ids and other:
                yield Finding("empty", "info", u.id, f"no {side} segment: an unaligned bead ({u.bead})",
                              u.zh, u.en, detail=f"unaligned-{side}")
            elif ids and not text.strip():
                what = "empty" if not text else "whitespace only"
                yield Finding("empty", "error", u.id, f"the {side} segment is {what}", u.zh, u.en, detail=what)


CHECK = Check("empty", "empty or whitespace-only segments; unaligned beads", ("error", "info"), run)
