"""The per-document steps of the build: pure functions over one DocPair and the worker's Resources.

Each step takes the pair the previous step returned and returns it enriched; the heavy
resources (OpenCC converters, the alignment dictionary, the glossary automaton) are made once per
worker through :class:`~zhcorpus.pipeline.Resources`. These same functions run under the local
engine (processes) and the Ray engine (actors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Unit
from ..pipeline import DocPair, Resources
from ..units import make_units
from .source import Source


def step_ingest(source: Source) -> DocPair:
    """Decode, clean and segment a document and its translation."""
    zh, en = source.ingest()
    return DocPair(id=source.id, zh=zh, en=en)


def _converter(res: Resources) -> Any:
    """The variant converter; the glossary's zh-TW forms join the Taiwan phrase list."""
    from ..variants import VariantConverter

    return res.get("converter", lambda: VariantConverter(glossary=_glossary(res)))


def step_variants(pair: DocPair, res: Resources) -> DocPair:
    """Add zh-Hans/zh-Hant/zh-TW/zh-HK to every Chinese segment (and repair the 壹 artifact)."""
    from ..variants import add_variants

    assert pair.zh is not None
    add_variants(pair.zh, _converter(res))
    return pair


def _glossary(res: Resources) -> Any:
    from ..glossary import load_glossary

    path = res.get("glossary_path", lambda: None)
    return res.get("glossary", lambda: load_glossary(path) if path else None)


def _glossary_pairs(res: Resources) -> list[tuple[str, str]]:
    def make() -> list[tuple[str, str]]:
        g = _glossary(res)
        if g is None:
            return []
        return [(zh, en) for c in g for zh in c.zh_forms() for en in c.en_forms()]

    return res.get("glossary_pairs", make)


def step_align(pair: DocPair, res: Resources) -> DocPair:
    """Align the Chinese and English segments into units with a score per bead."""
    from ..align import Aligner, AlignOptions, default_aligner

    assert pair.zh is not None
    zsegs = pair.zh.segments()
    if pair.en is None:
        pair.units = make_units(pair.zh, None, [((i,), (), 0.0) for i in range(len(zsegs))])
        return pair
    esegs = pair.en.segments()
    aligner = res.get("aligner", lambda: Aligner(AlignOptions(low_confidence=res.get("low_score", lambda: 0.5)),
                                                 default_aligner().dictionary))
    beads = aligner.align(
        [s.text for s in zsegs], [s.text for s in esegs],
        zh_paragraphs=[int(s.id.split("/")[1]) for s in zsegs],
        en_paragraphs=[int(s.id.split("/")[1]) for s in esegs],
        extra_dictionary=_glossary_pairs(res),
    )
    pair.units = make_units(pair.zh, pair.en, [(b.zh, b.en, b.score) for b in beads],
                            flags=[b.flags for b in beads])
    return pair


def step_glossary(pair: DocPair, res: Resources) -> DocPair:
    """Annotate every unit with the glossary concepts its Chinese side contains."""
    glossary = _glossary(res)
    if glossary is None:
        return pair
    from ..glossary import TermMatcher, annotate_units

    matcher = res.get("matcher", lambda: TermMatcher(glossary))
    pair.units = list(annotate_units(pair.units, matcher))
    return pair


STEPS: dict[str, Callable[[DocPair, Resources], DocPair]] = {
    "variants": step_variants,
    "align": step_align,
    "glossary": step_glossary,
}


def unit_count(units: list[Unit]) -> int:
    """Units with both sides (the ones exported as translation units)."""
    return sum(1 for u in units if u.aligned)
