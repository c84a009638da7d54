"""Translation-unit records as they are written: a Unit becomes one TU per file, and back.

Each unit field that is not a text travels in a ``<prop type="x-…">`` so an import gives the
unit back: ``x-doc``, ``x-paragraph``, ``x-bead``, ``x-score``, ``x-zh-id``/``x-en-id`` (one per
segment), ``x-flag``, ``x-reviewed`` (``yes`` on a bead a person reviewed), ``x-term`` (glossary ids), ``x-variant`` (which ``Unit.variants`` keys the
Chinese segments are) and ``x-zh`` (the original Chinese when it differs from the first Chinese
segment). The writer adds ``x-count`` (identical units merged) and ``x-warning``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Unit
from .inline import InlineTag
from .langs import ENGLISH, Lang, key_of_tag

# Unit.variants key a unit without variants fills, by the script of its document.
FALLBACK_KEY = {"Hans": "zh-Hans", "Hant": "zh-TW"}


@dataclass(slots=True)
class TuRecord:
    """One ``<tu>``: its id, segments ``(tag, text)`` in file order and props ``(type, value)``."""

    tuid: str | None
    segs: list[tuple[str, str]]
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    score: float = 0.0  # alignment score, used to pick among conflicting translations
    inline: dict[str, list[InlineTag]] = field(default_factory=dict)  # tag -> inline codes of its seg
    tuv_props: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # tag -> props of its tuv
    weight: int = 1  # occurrences this record stands for (its x-count when it was merged before)
    plain: bool = False  # set by the writer: no character in it needs removing or escaping


def unit_text(unit: Unit, lang: Lang, script: str | None) -> str | None:
    """The text of *unit* for *lang*: English, a variant, or (no variants yet) the original Chinese
    when its script fits; ``None`` when the unit has no text for that language."""
    if lang.key == ENGLISH:
        return unit.en
    if unit.variants:
        return unit.variants.get(lang.key)
    return unit.zh if FALLBACK_KEY.get(script or "Hans") == lang.key else None


def unit_segs(unit: Unit, langs: Sequence[Lang], script: str | None = None) -> list[tuple[Lang, str]] | str:
    """The texts of *unit* for *langs* (the first is the source), or the reason there is no TU:
    ``"unaligned"`` (an empty side) or ``"missing-variant"``. A two-language TU needs both texts;
    a multilingual one needs the source and one more."""
    present: list[tuple[Lang, str]] = []
    for i, lg in enumerate(langs):
        text = unit_text(unit, lg, script)
        if text:
            present.append((lg, text))
        elif i == 0 or len(langs) == 2:
            side_missing = lg.key == ENGLISH or not unit.zh_ids
            return "unaligned" if side_missing else "missing-variant"
    if len(present) < 2:
        return "missing-variant"
    return present


def unit_record(unit: Unit, langs: Sequence[Lang], script: str | None = None) -> TuRecord | str:
    """The TU of *unit* with a segment per language of *langs*, or why there is none (see
    :func:`unit_segs`)."""
    present = unit_segs(unit, langs, script)
    if isinstance(present, str):
        return present
    return record_of(unit, present, unit_props(unit))


def unit_props(unit: Unit) -> list[tuple[str, str]]:
    """The props of every TU of *unit*, whatever its languages (the first of :func:`record_of`'s)."""
    props: list[tuple[str, str]] = [("x-doc", unit.doc_id)]
    if unit.paragraph is not None:
        props.append(("x-paragraph", str(unit.paragraph)))
    props.append(("x-bead", f"{len(unit.zh_ids)}-{len(unit.en_ids)}"))
    props.append(("x-score", repr(float(unit.score))))
    props += [("x-zh-id", i) for i in unit.zh_ids]
    props += [("x-en-id", i) for i in unit.en_ids]
    if unit.flags:
        props += [("x-flag", f) for f in unit.flags]
    if "reviewed" in unit.flags:
        props.append(("x-reviewed", "yes"))
    if unit.terms:
        props += [("x-term", t) for t in unit.terms]
    return props


def record_of(unit: Unit, present: list[tuple[Lang, str]], common: list[tuple[str, str]]) -> TuRecord:
    """The TU of *unit* with the segments *present* (from :func:`unit_segs`); *common* is
    :func:`unit_props` of the unit (made once when a unit goes into several files)."""
    props = [*common]
    if unit.variants:
        props += [("x-variant", lg.key) for lg, _ in present if lg.chinese]
    first_zh = next((text for lg, text in present if lg.chinese), None)
    if unit.zh != first_zh:
        props.append(("x-zh", unit.zh))
    return TuRecord(tuid=unit.id, segs=[(lg.tag, text) for lg, text in present], props=props,
                    score=float(unit.score))


def record_to_unit(tuid: str | None, segs: dict[str, str], props: dict[str, list[str]]) -> Unit:
    """Rebuild a :class:`~zhcorpus.model.Unit` from a TU's segments (tag -> text) and props.

    Works for the project's own TMX (every field comes back) and for any other TMX (Chinese and
    English segments found by their tags; missing fields get neutral values).
    """
    zh_text: str | None = None
    en_text = ""
    by_key: dict[str, str] = {}
    for tag, text in segs.items():
        key = key_of_tag(tag)
        if key is None:
            continue
        if key == ENGLISH:
            en_text = en_text or text
            continue
        if zh_text is None:
            zh_text = text
        if key != "zh":
            by_key.setdefault(key, text)
    variant_keys = props.get("x-variant", [])
    variants = {k: by_key[k] for k in variant_keys if k in by_key}
    zh = props["x-zh"][0] if "x-zh" in props else (zh_text or "")

    def one(name: str) -> str | None:
        vals = props.get(name)
        return vals[0] if vals else None

    para = one("x-paragraph")
    score = one("x-score")
    doc = one("x-doc") or ""
    uid = tuid if tuid is not None else ""
    if "x-zh-id" in props or "x-en-id" in props or "x-bead" in props:
        zh_ids = list(props.get("x-zh-id", []))
        en_ids = list(props.get("x-en-id", []))
    else:  # a foreign TMX: one segment a side, named after the TU
        zh_ids = [f"{uid}/zh"] if zh else []
        en_ids = [f"{uid}/en"] if en_text else []
    return Unit(
        id=uid, doc_id=doc, zh_ids=zh_ids, en_ids=en_ids, zh=zh, en=en_text,
        score=_score(score),
        paragraph=int(para) if para is not None and para.lstrip("-").isdigit() else None,
        flags=list(props.get("x-flag", [])), terms=list(props.get("x-term", [])), variants=variants,
    )


def _score(value: str | None) -> float:
    """An x-score prop as a number; a missing or unreadable one is 1.0 (taken as aligned)."""
    try:
        return float(value) if value is not None else 1.0
    except ValueError:
        return 1.0
