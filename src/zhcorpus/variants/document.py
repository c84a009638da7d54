"""The variants stage for a Chinese :class:`~zhcorpus.model.Document`.

:func:`add_variants` repairs the 壹 artifact and, in Traditional text, the reviewed artifacts of
a bad Simplified→Traditional conversion (keeping the document consistent and restorable),
detects the script of every segment and of the document, and adds the four variants to every
segment. It changes the document in place and returns it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from ..clean import restore
from ..errors import InputError
from ..memo import BoundedMemo
from ..model import Document, Edit, RepairRecord, ScriptDetection
from .converter import MIXED, Analysis, VariantConverter, VariantSet
from .guard import ControlCharacterError
from .repairs import RULE as CONVERTER_ERROR_RULE
from .repairs import find_repairs
from .roundtrip import round_trip
from .script import RegionGuess, ScriptGuess, classify
from .yi import YI, YI_CAPITAL, repair_text

REPAIR_RULE = "yi-repair"
_OWN_FLAGS = ("script-mixed", "script-mismatch")


@cache
def default_converter() -> VariantConverter:
    """The process-wide default converter (official OpenCC binding, shipped phrase list)."""
    return VariantConverter()


def _undo_pass(group: list[Edit], pos: int) -> int:
    """Offset in a pass's input of offset *pos* in its output (*group*: the pass's edits by start)."""
    shift = 0
    for e in group:
        out_start = e.start + shift
        if pos < out_start:
            break
        if pos < out_start + len(e.after):
            return e.start + min(pos - out_start, max(len(e.before) - 1, 0))
        shift += len(e.after) - len(e.before)
    return pos - shift


def source_offset(edits: list[Edit], pos: int) -> int:
    """The offset in the decoded source of offset *pos* in the cleaned text (undoing every pass)."""
    for pass_no in sorted({e.pass_no for e in edits}, reverse=True):
        pos = _undo_pass(sorted((e for e in edits if e.pass_no == pass_no), key=lambda e: e.start), pos)
    return pos


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def apply_repairs(doc: Document, repairs: list[tuple[int, str, str]], rule: str) -> list[RepairRecord]:
    """Replace single characters of *doc* (text, paragraphs and segments together).

    *repairs* are (offset, before, after) in ``doc.text``. Each is recorded in
    ``doc.repairs``, in the segment's ``repairs`` (with the segment's original text in
    ``original``) and as an :class:`Edit` of a new cleaning pass, so
    :func:`zhcorpus.clean.restore` still gives back the decoded source.
    """
    if not repairs:
        return []
    edits = list(doc.edits)  # the cleaning edits, looked through for every repair
    source = restore(doc.text, edits)
    pass_no = max((e.pass_no for e in edits), default=0) + 1
    segs = doc.segments()
    chars = list(doc.text)
    out: list[RepairRecord] = []
    si = 0
    for pos, before, after in sorted(repairs):
        if chars[pos] != before or len(after) != 1:
            raise AssertionError(f"repair at {pos} expects {before!r}, found {chars[pos]!r}")
        while si < len(segs) and segs[si].end <= pos:
            si += 1
        seg = segs[si] if si < len(segs) and segs[si].start <= pos else None
        line, col = _line_col(source, source_offset(edits, pos))
        out.append({"rule": rule, "position": pos, "segment": seg.id if seg else None,
                    "before": before, "after": after, "line": line, "col": col})
        doc.edits.append(Edit(rule=rule, start=pos, end=pos + 1, before=before, after=after,
                              pass_no=pass_no, line=line, col=col))
        if seg is not None:
            if seg.original is None:
                seg.original = seg.text
            entry = {"offset": pos - seg.start, "before": before, "after": after}
            if rule != REPAIR_RULE:
                entry["rule"] = rule
            seg.repairs = [*(seg.repairs or []), entry]
        chars[pos] = after
    text = "".join(chars)
    for para in doc.paragraphs:
        for seg in para.segments:
            seg.text = text[seg.start:seg.end]
        if para.joined() != text[para.start:para.end]:
            raise AssertionError(f"{rule} repair broke the segmentation of {para.id}")
    doc.repairs = [*(doc.repairs or []), *out]
    return out


def repair_yi(doc: Document) -> list[RepairRecord]:
    """Repair the 壹-for-一 artifact in *doc* (see :func:`apply_repairs` for what is recorded)."""
    _text, positions = repair_text(doc.text)
    repairs = apply_repairs(doc, [(p, YI_CAPITAL, YI) for p in positions], REPAIR_RULE)
    if repairs:
        for flag in doc.meta.get("flags", []):
            if flag.get("rule") == "yi-artifact":
                flag["repaired"] = len(positions)
    return repairs


def repair_converter_errors(doc: Document, conv: VariantConverter) -> list[RepairRecord]:
    """Repair the reviewed artifacts of a bad Simplified→Traditional conversion (註重→注重, 關系→關係)
    that the round trip confirms, segment by segment (see :mod:`.repairs`)."""
    found: list[tuple[int, str, str]] = []
    for seg in doc.segments():
        found.extend((seg.start + off, a, b) for off, a, b in find_repairs(seg.text, conv.run))
    return apply_repairs(doc, found, CONVERTER_ERROR_RULE)


MEMO_SENTENCES = 4096  # sentences whose analysis and variants a converter keeps (boilerplate repeats)


class _SentenceMemo:
    """What a converter made of sentences it has seen: their analyses and variant sets (both
    immutable in use here), so a sentence repeated across documents is converted once. Bounded:
    the oldest entry is dropped first."""

    def __init__(self, size: int = MEMO_SENTENCES) -> None:
        self.analyses: BoundedMemo[str, Analysis] = BoundedMemo(size)
        self.variants: BoundedMemo[tuple[Any, ...], VariantSet] = BoundedMemo(size)

    def analyse(self, conv: VariantConverter, text: str) -> Analysis:
        """``conv.analyse(text)``, remembered."""
        return self.analyses.get(text, lambda: conv.analyse(text))

    def variant_set(self, conv: VariantConverter, text: str, route: str, analysis: Analysis) -> VariantSet:
        """``conv.variants(text, route, analysis.outputs)``, remembered (keyed also by the phrase
        lists and quotes setting the result depends on)."""
        key = (text, route, conv.phrases, conv.hk_phrases, conv.fixes, conv.quotes)
        return self.variants.get(key, lambda: conv.variants(text, route, analysis.outputs))


_MEMOS: WeakKeyDictionary[VariantConverter, _SentenceMemo] = WeakKeyDictionary()


def _memo(conv: VariantConverter) -> _SentenceMemo:
    memo = _MEMOS.get(conv)
    if memo is None:
        memo = _MEMOS[conv] = _SentenceMemo()
    return memo


def _where(doc: Document, seg_id: str, exc: ControlCharacterError) -> InputError:
    return InputError(doc.meta.get("path") or doc.id, str(exc.message), where=f"{seg_id} char {exc.offset + 1}")


@dataclass
class _Detection:
    """The scripts of a document's segments and of the document, and the routes they imply."""

    analyses: list[Analysis]
    guess: ScriptGuess
    declared: str | None
    script: str  # Hans, Hant or mixed
    region: RegionGuess | None
    trad_form: str  # the route of its Traditional text: zh-TW, zh-HK or zh-Hant

    @property
    def default_route(self) -> str:
        """The route of a segment with no script evidence of its own."""
        return {"Hans": "zh-Hans", "Hant": self.trad_form}.get(self.script, MIXED)

    def to_meta(self, previous: ScriptDetection) -> ScriptDetection:
        """``doc.script_detection``, keeping what *previous* held (the declared script)."""
        counts = Counter(a.guess.script for a in self.analyses)
        return {**previous, "declared": self.declared, "script": self.script, "confidence": self.guess.confidence,
                "hans_chars": self.guess.hans, "hant_chars": self.guess.hant,
                "segments": dict(sorted(counts.items())),
                "region": self.region.tag if self.region else None,
                "region_distances": self.region.distances if self.region else None}


def _detect(doc: Document, conv: VariantConverter) -> _Detection:
    analyses = []
    memo = _memo(conv)
    for seg in doc.segments():
        try:
            analyses.append(memo.analyse(conv, seg.text))
        except ControlCharacterError as exc:
            raise _where(doc, seg.id, exc) from None
    guess = classify(sum(a.guess.hans for a in analyses), sum(a.guess.hant for a in analyses))
    declared = (doc.script_detection or {}).get("declared", doc.script)
    script = guess.script if guess.script != "neutral" else (declared or "Hans")
    region = conv.region(doc.text) if script in ("Hant", MIXED) else None
    trad_form = region.tag if region and any(region.distances.values()) else "zh-Hant"
    return _Detection(analyses, guess, declared, script, region, trad_form)


def add_variants(doc: Document, converter: VariantConverter | None = None) -> Document:
    """Add the four variants to every segment of a Chinese *doc*; detect scripts; repair 壹 and
    (in Traditional text) the reviewed converter errors.

    Sets ``doc.script`` (Hans, Hant or mixed), ``doc.script_detection``,
    ``doc.variants_summary`` (backend, routes, length mismatches, Taiwan and Hong Kong phrases applied),
    ``doc.round_trip``, and per segment ``script``, ``script_confidence``
    and ``variants`` = {"zh-Hans", "zh-Hant", "zh-TW", "zh-HK"}. A document that is not
    Chinese is returned unchanged.
    """
    if doc.lang != "zh":
        return doc
    conv = converter if converter is not None else default_converter()
    repair_yi(doc)
    det = _detect(doc, conv)
    if det.script in ("Hant", MIXED) and repair_converter_errors(doc, conv):
        det = _detect(doc, conv)
    mismatches: list[dict[str, Any]] = []
    phrase_counts: Counter[str] = Counter()
    hk_counts: Counter[str] = Counter()
    fix_counts: Counter[str] = Counter()
    routes: Counter[str] = Counter()
    cache: dict[str, dict[str, str]] = {}
    memo = _memo(conv)
    for seg, analysis in zip(doc.segments(), det.analyses, strict=True):
        guess = analysis.guess
        neutral = guess.script == "neutral"
        seg.script = det.script if neutral else guess.script
        seg.script_confidence = det.guess.confidence if neutral else guess.confidence
        route = conv.route_for(guess, det.default_route, det.trad_form)
        routes[route] += 1
        vs = memo.variant_set(conv, seg.text, route, analysis)
        cache[seg.id] = {**analysis.outputs, **vs.outputs}
        seg.variants = dict(vs.variants)
        seg.tw_phrases = [[h.mainland, h.regional] for h in vs.phrases] if vs.phrases else None
        seg.hk_phrases = [[h.mainland, h.regional] for h in vs.hk_phrases] if vs.hk_phrases else None
        # most segments have none of these: Counter.update's own cost is then skipped
        if vs.phrases:
            phrase_counts.update(f"{h.mainland}→{h.regional}" for h in vs.phrases)
        if vs.fixes:
            fix_counts.update(f"{h.mainland}→{h.regional}" for h in vs.fixes)
        if vs.hk_phrases:
            hk_counts.update(f"{h.mainland}→{h.regional}" for h in vs.hk_phrases)
        if vs.mismatches:
            mismatches.extend({"segment": seg.id, **m.to_dict()} for m in vs.mismatches)
    doc.script = det.script
    doc.script_detection = det.to_meta(doc.script_detection or {})
    doc.script_detection["mixed_segments"] = [
        s.id for s, a in zip(doc.segments(), det.analyses, strict=True) if a.guess.script == MIXED]
    doc.variants_summary = {
        "backend": conv.description, "routes": dict(sorted(routes.items())),
        "length_mismatches": mismatches, "tw_phrases": dict(sorted(phrase_counts.items())),
        "hk_phrases": dict(sorted(hk_counts.items())), "opencc_fixes": dict(sorted(fix_counts.items())),
        "quotes": conv.quotes,
    }
    _set_flags(doc, det.script, det.declared, det.guess.confidence)
    doc.round_trip = round_trip(doc, conv, cache).to_dict()
    return doc


def _set_flags(doc: Document, script: str, declared: str | None, confidence: float) -> None:
    flags = [f for f in doc.meta.get("flags", []) if f.get("rule") not in _OWN_FLAGS]
    if script == MIXED:
        flags.append({"rule": "script-mixed", "note": "the document mixes Simplified and Traditional text",
                      "confidence": confidence})
    if declared and script != declared:
        flags.append({"rule": "script-mismatch", "declared": declared, "detected": script})
    if flags:
        doc.meta["flags"] = flags
    else:
        doc.meta.pop("flags", None)
