"""A document's units with its corrections applied: the one function the build step and the
review app share, so what the reviewer sees is what the next build writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..align.bead import Bead
from ..model import Document, ReviewRecord, Segment, Unit
from ..units import join_segments, make_units
from .apply import Applied, Realign, apply_corrections
from .corrections import Correction

EDITED = "edited"
# flags make_units and this module derive from the beads themselves, not the aligner's opinion
DERIVED_FLAGS = frozenset({"unaligned-zh", "unaligned-en", "no-translation", EDITED})


def units_to_beads(units: Sequence[Unit], zh: Document, en: Document | None) -> list[Bead]:
    """The index beads of a document's units (derived flags dropped: they are recomputed)."""
    zpos = {s.id: i for i, s in enumerate(zh.segments())}
    epos = {s.id: j for j, s in enumerate(en.segments())} if en is not None else {}
    try:
        return [Bead(tuple(zpos[i] for i in u.zh_ids), tuple(epos[j] for j in u.en_ids), float(u.score),
                     tuple(f for f in u.flags if f not in DERIVED_FLAGS)) for u in units]
    except KeyError as exc:
        raise ValueError(f"a unit of {zh.pair_id} names sentence {exc.args[0]}, which the documents lack") from None


def bead_record(b: Bead, zsegs: Sequence[Segment], esegs: Sequence[Segment]) -> dict[str, Any]:
    """A bead by sentence ids, as kept in the document's metadata (the aligner's own proposal)."""
    return {"zh": [zsegs[i].id for i in b.zh], "en": [esegs[j].id for j in b.en],
            "score": round(float(b.score), 4), "flags": list(b.flags)}


def original_beads(units: Sequence[Unit], zh: Document, en: Document | None) -> list[Bead]:
    """The aligner's beads before any correction, from built units plus the replaced beads the
    build recorded in ``zh.review["aligned"]`` (units of reviewed runs are swapped back)."""
    beads = units_to_beads(units, zh, en)
    recorded = (zh.review or {}).get("aligned") or []
    if not recorded or en is None:
        return beads
    zpos = {s.id: i for i, s in enumerate(zh.segments())}
    epos = {s.id: j for j, s in enumerate(en.segments())}
    orig = [Bead(tuple(zpos[i] for i in r["zh"]), tuple(epos[j] for j in r["en"]), float(r["score"]),
                 tuple(r.get("flags", ()))) for r in recorded]
    oz = {i: k for k, b in enumerate(orig) for i in b.zh}
    oe = {j: k for k, b in enumerate(orig) for j in b.en}
    out: list[Bead] = []
    emitted = 0  # the recorded beads are in sequence order: emit them in that order
    for b in beads:
        ks = [oz[i] for i in b.zh if i in oz] + [oe[j] for j in b.en if j in oe]
        if not ks:
            out.append(b)
        elif max(ks) >= emitted:
            out.extend(orig[emitted:max(ks) + 1])
            emitted = max(ks) + 1
    return out


@dataclass
class Corrected:
    """A document's units after its corrections, and the report of what was applied."""

    units: list[Unit]
    applied: Applied
    beads: list[Bead]


def corrected_units(zh: Document, en: Document | None, beads: Sequence[Bead],
                    corrections: Sequence[Correction], realign: Realign,
                    memo: dict[Bead, Unit] | None = None) -> Corrected:
    """Units of the pair from *beads* with *corrections* applied: reviewed beads fixed (flag
    ``reviewed``, score 1.0), edited English sentences carrying their new text (flag ``edited``).

    *memo* (bead -> its unit, filled here) lets a caller that applies corrections again and again
    to one document (the review app) rebuild only the units of beads that changed."""
    zsegs = zh.segments()
    esegs = en.segments() if en is not None else []
    applied = apply_corrections(zsegs, esegs, beads, corrections, realign)
    if memo is None:
        units = make_units(zh, en, [(b.zh, b.en, b.score) for b in applied.beads],
                           flags=[b.flags for b in applied.beads])
    else:
        new = [b for b in applied.beads if b not in memo]
        made = make_units(zh, en, [(b.zh, b.en, b.score) for b in new], flags=[b.flags for b in new])
        memo.update(zip(new, made, strict=True))
        units = [replace(memo[b], id=f"{zh.pair_id}/{n}", flags=list(memo[b].flags), terms=list(memo[b].terms))
                 for n, b in enumerate(applied.beads, 1)]
    if applied.edits:
        for u, b in zip(units, applied.beads, strict=True):
            if any(j in applied.edits for j in b.en):
                u.en = join_segments([esegs[j] for j in b.en], [applied.edits.get(j, esegs[j].text) for j in b.en])
                u.flags = sorted({*u.flags, EDITED})
    return Corrected(units, applied, applied.beads)


def review_meta(applied: Applied, zsegs: Sequence[Segment], esegs: Sequence[Segment], file: str) -> ReviewRecord:
    """What the build records in the Chinese document's ``review``: the corrections file,
    which corrections were applied, stale (with why) or superseded, and the aligner's beads that
    the fixed ones replaced (so the review app can show and undo back to them)."""
    return {
        "file": file,
        "applied": [c.n for c in applied.applied if c.fixes_bead or c.kind == "edit"],
        "stale": [{"n": c.n, "kind": c.kind, "ids": [*c.zh, *c.en], "reason": why} for c, why in applied.stale],
        "superseded": [c.n for c in applied.superseded],
        "aligned": [bead_record(b, zsegs, esegs) for b in applied.replaced],
    }
