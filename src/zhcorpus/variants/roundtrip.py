"""Round-trip report: which characters change under Hans→Hant→Hans or Hant→Hans→Hant.

For a Simplified document the text goes through ``s2t`` and back through ``t2s`` (nothing should
change); for a Traditional one through the Simplified converter of its regional standard
(``tw2s``/``hk2s``/``t2s``) and back through ``s2t``. Each change is classed ``standard-form``
when it is only the OpenCC standard form of the same character (為→爲, 群→羣, as ``tw2t``/``hk2t``
give) and ``review`` otherwise: a source error the round trip fixes (關系→關係) or a conversion
to check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .script import changed_positions

if TYPE_CHECKING:
    from ..model import Document, RoundTripRecord
    from .converter import VariantConverter

# source route -> (forward, back, standardiser) configurations
_CONFIGS = {
    "zh-Hans": ("s2t", "t2s", None),
    "zh-Hant": ("t2s", "s2t", None),
    "zh-TW": ("tw2s", "s2t", "tw2t"),
    "zh-HK": ("hk2s", "s2t", "hk2t"),
}


@dataclass
class Change:
    """One character changed by the round trip."""

    segment: str
    offset: int  # in the segment text
    before: str
    after: str
    context: str  # the characters around it, before the round trip
    kind: str  # "standard-form" or "review"


@dataclass
class RoundTrip:
    """The round trip of one document: configurations used and every character changed."""

    doc: str
    script: str
    forward: str
    back: str
    chars: int
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # mixed-script segments

    @property
    def changed(self) -> int:
        """How many characters the round trip changed."""
        return len(self.changes)

    def to_dict(self) -> RoundTripRecord:
        """A JSON-ready dict (with the count of changes by kind)."""
        # what dataclasses.asdict gives (the fields in order: __init__ sets them so), without its
        # generic deep copy, which was most of the cost
        d: RoundTripRecord = dict(vars(self))  # type: ignore[assignment]
        d["changes"] = [dict(vars(c)) for c in self.changes]
        d["skipped"] = list(self.skipped)
        d["changed"] = self.changed
        kinds: dict[str, int] = {}
        for c in self.changes:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        d["by_kind"] = dict(sorted(kinds.items()))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RoundTrip:
        """Rebuild from :meth:`to_dict` output."""
        return cls(doc=d["doc"], script=d["script"], forward=d["forward"], back=d["back"], chars=d["chars"],
                   changes=[Change(**c) for c in d.get("changes", [])], skipped=d.get("skipped", []))


def trad_route(doc: Document) -> str:
    """The route of the document's Traditional text: its regional standard if one was told apart."""
    det = doc.script_detection or {}
    if det.get("region") and any((det.get("region_distances") or {}).values()):
        return str(det["region"])
    return "zh-Hant"


def round_trip(doc: Document, converter: VariantConverter,
               cache: dict[str, dict[str, str]] | None = None) -> RoundTrip:
    """The round trip of *doc*, whose scripts have been detected (segment ``script``).

    Simplified segments go Hans→Hant→Hans, Traditional ones Hant→Hans→Hant; segments that mix
    both scripts have no meaningful round trip and are listed in ``skipped``. *cache* maps a
    segment id to its text already converted by some configurations (``{"s2t": ...}``).
    """
    routes = {"Hans": "zh-Hans", "Hant": trad_route(doc)}
    main = routes["Hant"] if doc.script == "Hant" else "zh-Hans"
    trip = RoundTrip(doc=doc.id, script=doc.script or "", forward=_CONFIGS[main][0], back=_CONFIGS[main][1], chars=0)
    for seg in doc.segments():
        route = routes.get(seg.script or "")
        if route is None:
            trip.skipped.append(seg.id)
            continue
        fwd, back, std = _CONFIGS[route]
        text = seg.text
        known = (cache or {}).get(seg.id, {})
        trip.chars += len(text)
        forward = known.get(fwd) or converter.run(fwd, text)
        again = converter.run(back, forward)
        positions = changed_positions(text, again)
        if not positions:
            continue
        standard = (known.get(std) or converter.run(std, text)) if std else text
        aligned = len(again) == len(text)
        for i in positions:
            after = again[i] if aligned else ""
            kind = "standard-form" if aligned and len(standard) == len(text) and standard[i] == after else "review"
            trip.changes.append(Change(seg.id, i, text[i], after, text[max(0, i - 3):i + 4], kind))
    return trip


def format_report(trips: list[RoundTrip]) -> str:
    """A plain-text report: one summary line per document and its changes grouped by character."""
    lines: list[str] = []
    total = sum(t.chars for t in trips)
    changed = sum(t.changed for t in trips)
    lines.append(f"round trip: {changed} of {total} characters changed in {len(trips)} documents")
    for t in trips:
        skipped = f"; {len(t.skipped)} mixed segments skipped" if t.skipped else ""
        lines.append(f"{t.doc} ({t.script}, {t.forward}→{t.back}): {t.changed} of {t.chars} characters changed{skipped}")
        groups: dict[tuple[str, str, str], list[Change]] = {}
        for c in t.changes:
            groups.setdefault((c.kind, c.before, c.after), []).append(c)
        for (kind, before, after), cs in sorted(groups.items(), key=lambda kv: (kv[0][0] != "review", -len(kv[1]), kv[0])):
            where = ", ".join(f"{c.segment}+{c.offset} {c.context}" for c in cs[:3])
            more = f" (+{len(cs) - 3} more)" if len(cs) > 3 else ""
            lines.append(f"  {kind:13} {before}→{after or '∅'} ×{len(cs)}: {where}{more}")
    return "\n".join(lines)
