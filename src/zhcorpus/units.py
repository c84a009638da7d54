"""Turn an alignment (lists of segment indices) into translation units with ids and text."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Document, Segment, Unit


def join_segments(segs: Sequence[Segment], texts: Sequence[str] | None = None) -> str:
    """The text of consecutive segments, with the whitespace that separated them in the source
    (*texts*: other texts for the same segments, e.g. a variant, joined the same way)."""
    if len(segs) < 2:  # most beads: the one segment's text as it is
        return (texts[0] if texts is not None else segs[0].text) if segs else ""
    texts = texts if texts is not None else [s.text for s in segs]
    parts = []
    for k, (a, b) in enumerate(zip(segs, segs[1:], strict=False)):
        same_para = a.paragraph == b.paragraph
        parts.append(texts[k] + (a.space_after if same_para else (" " if a.space_after or texts[k + 1][:1].isascii() else "")))
    parts.append(texts[-1])
    return "".join(parts)


def make_units(zh: Document, en: Document | None, links: Sequence[tuple[Sequence[int], Sequence[int], float]],
               flags: Sequence[Sequence[str]] | None = None) -> list[Unit]:
    """Units from *links* ``(zh indices, en indices, score)`` over the two documents' segments."""
    zsegs, esegs = zh.segments(), (en.segments() if en is not None else [])
    units: list[Unit] = []
    pair_id = zh.pair_id
    for n, (zi, ei, score) in enumerate(links, 1):
        zs = [zsegs[i] for i in zi]
        es = [esegs[i] for i in ei]
        para = zs[0].paragraph if zs else (es[0].paragraph if es else None)
        unit_flags = list(flags[n - 1]) if flags else []
        if not zs:
            unit_flags.append("unaligned-en")
        if not es:
            unit_flags.append("unaligned-zh" if en is not None else "no-translation")
        variants = {}
        if len(zs) == 1 and zs[0].variants is not None:  # one segment: its variants as they are
            variants = dict(zs[0].variants)
        elif zs and all(s.variants is not None for s in zs):
            for tag in zs[0].variants or {}:
                variants[tag] = join_segments(zs, [(s.variants or {})[tag] for s in zs])
        units.append(Unit(
            id=f"{pair_id}/{n}", doc_id=pair_id, zh_ids=[s.id for s in zs], en_ids=[s.id for s in es],
            zh=join_segments(zs), en=join_segments(es), score=round(float(score), 4), paragraph=para,
            flags=sorted(set(unit_flags)), variants=variants,
        ))
    return units
