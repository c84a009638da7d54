"""Annotate translation units and segments with glossary term ids, and check term consistency:
for each aligned unit whose Chinese side contains a term, does the English side use the preferred
or an accepted rendering? A miss the concept's notes accept as a paraphrase is reported apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Unit
from .match import TermHit, TermMatcher, en_contains, en_rendering_used
from .model import Glossary


def _unit_texts(unit: Unit) -> list[str]:
    """The Chinese side and its script/regional variants (a term may only match in one)."""
    return [unit.zh, *(v for _, v in sorted(unit.variants.items()) if v and v != unit.zh)]


def _hits(matcher: TermMatcher, texts: list[str]) -> list[tuple[TermHit, str]]:
    """One hit per concept over several versions of a text, with the matched text, in order."""
    seen: dict[str, tuple[TermHit, str]] = {}
    for t in texts:
        for h in matcher.find(t):
            seen.setdefault(h.concept_id, (h, t[h.start:h.end]))
    return sorted(seen.values(), key=lambda p: (p[0].start, p[0].concept_id))


def annotate_units(units: Iterable[Unit], matcher: TermMatcher) -> Iterator[Unit]:
    """Set each unit's ``terms`` to the ids of the concepts its Chinese side contains (in order of
    first occurrence, also matching its variants), and yield it; the units are changed in place."""
    for u in units:
        u.terms = [h.concept_id for h, _ in _hits(matcher, _unit_texts(u))]
        yield u


def annotate_document(doc: Document, matcher: TermMatcher) -> Document:
    """Record in each segment's ``meta["terms"]`` the concept ids it contains (Chinese documents;
    segments without terms get no key). Returns *doc*, changed in place."""
    if doc.lang != "zh":
        return doc
    for seg in doc.segments():
        variants = seg.variants or {}
        texts = [seg.text, *(v for _, v in sorted(variants.items()) if v and v != seg.text)]
        ids = [h.concept_id for h, _ in _hits(matcher, texts)]
        meta = dict(seg.meta or {})  # None while a segment has no meta (see Segment.meta)
        if ids:
            meta["terms"] = ids
        else:
            meta.pop("terms", None)
        seg.meta = meta or None
    return doc


@dataclass(frozen=True)
class Miss:
    """A unit whose Chinese side has a term the English side does not render as the glossary says."""

    unit_id: str
    doc_id: str
    zh_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    concept_id: str
    term: str  # the concept's zh-Hans term
    found: str  # the Chinese text that matched, as it stands in the unit
    expected: tuple[str, ...]  # the preferred and accepted renderings
    en: str  # the unit's English side
    paraphrase: str | None = None  # the accepted paraphrase used, for an explained miss

    @property
    def location(self) -> str:
        """Where to look: the unit id and its Chinese and English segment ids."""
        return f"{self.unit_id} [{' '.join(self.zh_ids)} | {' '.join(self.en_ids)}]"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"unit": self.unit_id, "doc": self.doc_id, "zh_ids": list(self.zh_ids),
                "en_ids": list(self.en_ids), "concept": self.concept_id, "term": self.term,
                "found": self.found, "expected": list(self.expected), "en": self.en,
                "paraphrase": self.paraphrase}


@dataclass
class CheckReport:
    """The result of a consistency check over units."""

    units: int = 0  # aligned units checked
    units_with_terms: int = 0
    occurrences: int = 0  # (unit, concept) pairs checked
    rendered: int = 0  # ... whose English uses the preferred or an accepted rendering
    misses: list[Miss] = field(default_factory=list)  # unexplained
    explained: list[Miss] = field(default_factory=list)  # accepted paraphrases
    skipped: int = 0  # units with a term but an empty side (unaligned), not checkable
    by_concept: dict[str, list[int]] = field(default_factory=dict)  # id -> [occurrences, rendered]
    renderings: dict[str, dict[str, int]] = field(default_factory=dict)  # id -> rendering -> count
    unused: list[str] = field(default_factory=list)  # status=seed concepts in no unit at all

    @property
    def ok(self) -> bool:
        """True when every occurrence is rendered or explained."""
        return not self.misses

    def summary(self) -> str:
        """One line with the counts."""
        return (f"{self.units} aligned units, {self.units_with_terms} with glossary terms, "
                f"{self.occurrences} term occurrences: {self.rendered} rendered as the glossary says, "
                f"{len(self.explained)} accepted paraphrases, {len(self.misses)} misses"
                + (f"; {self.skipped} unaligned units with terms skipped" if self.skipped else "")
                + (f"; {len(self.unused)} seed concepts not found" if self.unused else ""))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted, so equal reports serialize identically)."""
        return {
            "units": self.units, "units_with_terms": self.units_with_terms,
            "occurrences": self.occurrences, "rendered": self.rendered, "skipped": self.skipped,
            "misses": [m.to_dict() for m in self.misses],
            "explained": [m.to_dict() for m in self.explained],
            "by_concept": {k: {"occurrences": v[0], "rendered": v[1]}
                           for k, v in sorted(self.by_concept.items())},
            "renderings": {k: dict(sorted(v.items())) for k, v in sorted(self.renderings.items())},
            "unused": sorted(self.unused), "ok": self.ok,
        }


def check_units(units: Iterable[Unit], glossary: Glossary,
                matcher: TermMatcher | None = None) -> CheckReport:
    """Check every aligned unit: each concept found on the Chinese side (in any script or variant
    form) must have its preferred or an accepted English rendering on the English side
    (case-insensitive, inflection-tolerant). Misses matching a paraphrase the concept's notes
    accept are reported as explained."""
    matcher = matcher or TermMatcher(glossary)
    report = CheckReport()
    # seed concepts not met yet, for report.unused: once every one was met, no text needs scanning
    unseen = {c.id for c in glossary if c.status == "seed"}
    # (English text, concept id) -> (rendering used, paraphrase used): units repeat their texts
    verdicts: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for u in units:
        texts = _unit_texts(u)
        hits = _hits(matcher, texts)
        if unseen:
            for t in texts:
                unseen -= matcher.occurring(t)
        if not u.aligned:
            report.skipped += bool(hits)
            continue
        report.units += 1
        report.units_with_terms += bool(hits)
        for h, found in hits:
            concept = glossary.get(h.concept_id)
            stats = report.by_concept.get(concept.id)
            if stats is None:
                stats = report.by_concept[concept.id] = [0, 0]
            stats[0] += 1
            report.occurrences += 1
            verdict = verdicts.get((u.en, concept.id))
            if verdict is None:
                used = en_rendering_used(u.en, concept)
                para = None if used is not None else next(
                    (p for p in concept.paraphrases() if en_contains(u.en, p)), None)
                verdict = verdicts[u.en, concept.id] = (used, para)
            used, para = verdict
            if used is not None:
                stats[1] += 1
                report.rendered += 1
                counts = report.renderings.get(concept.id)
                if counts is None:  # not setdefault(…, Counter()): that made a Counter per occurrence
                    counts = report.renderings[concept.id] = Counter()
                counts[used] += 1
                continue
            miss = Miss(u.id, u.doc_id, tuple(u.zh_ids), tuple(u.en_ids), concept.id, concept.zh_hans,
                        found, tuple(concept.en_forms()), u.en, para)
            (report.explained if para else report.misses).append(miss)
    report.renderings = {k: dict(v) for k, v in report.renderings.items()}
    report.unused = [c.id for c in glossary if c.status == "seed" and c.id in unseen]
    return report


def format_report(report: CheckReport, glossary: Glossary, *, show_explained: bool = False) -> str:
    """The report as text: one block per miss (location, term, what was expected, the English)."""
    lines = []
    for m in report.misses:
        lines.append(f"MISS {m.location} {m.concept_id} {m.term} (found {m.found})")
        lines.append(f"     expected: {' | '.join(m.expected)}")
        lines.append(f"     english:  {m.en}")
    if show_explained:
        for m in report.explained:
            lines.append(f"PARAPHRASE {m.location} {m.concept_id} {m.term}: {m.paraphrase!r} accepted "
                         "by the concept's notes")
    for cid in report.unused:
        c = glossary.get(cid)
        lines.append(f"UNUSED {cid} {c.zh_hans}: status=seed but in no unit (not even inside a longer term)")
    lines.append(report.summary())
    return "\n".join(lines)
