"""The build's ``corrections`` step: a document's reviewed beads fixed, the rest left as aligned.

Runs after ``align`` and before ``glossary``. The spans between fixed beads that no longer fit
are re-aligned with the build's own aligner (same glossary dictionary, paragraph anchors where
the span's paragraphs match), so a rebuild with the same corrections gives the same bytes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..align.bead import Bead
from ..pipeline import DocPair
from .apply import Realign
from .document import corrected_units, review_meta, units_to_beads
from .store import CorrectionsStore, DocCorrections


def _para(seg: Any) -> int:
    return int(seg.paragraph) or int(seg.id.split("/")[1])  # the typed field; ids for older records


def make_realign(aligner: Any, zh: Sequence[Any], en: Sequence[Any],
                 extra_dictionary: Iterable[tuple[str, str]] = ()) -> Realign:
    """A ``realign`` for :func:`~zhcorpus.review.apply.apply_corrections` over the segments of one
    document pair, aligning a span with *aligner* (an :class:`zhcorpus.align.Aligner`)."""
    extra = list(extra_dictionary)

    def realign(zi: Sequence[int], ei: Sequence[int]) -> list[Bead]:
        with warnings.catch_warnings():  # a short span may look "unbalanced": it is expected here
            warnings.simplefilter("ignore")
            return aligner.align([zh[i].text for i in zi], [en[j].text for j in ei],
                                 zh_paragraphs=[_para(zh[i]) for i in zi],
                                 en_paragraphs=[_para(en[j]) for j in ei], extra_dictionary=extra)
    return realign


def apply_to_pair(pair: DocPair, corrections: DocCorrections, realign: Realign, file: str) -> DocPair:
    """The pair's units with *corrections* applied; what happened is recorded in
    ``pair.zh.review`` (nothing is recorded for a document without corrections)."""
    if not corrections.items or pair.zh is None:
        return pair
    zh, en = pair.zh, pair.en
    beads = units_to_beads(pair.units, zh, en)
    got = corrected_units(zh, en, beads, corrections.items, realign)
    pair.units = got.units
    zh.review = review_meta(got.applied, zh.segments(), en.segments() if en else [], file)
    return pair


def corrections_file(folder: Path, doc: str) -> str:
    """The corrections file of *doc* as the report names it (``corrections/000.jsonl``)."""
    return (Path(folder.name) / f"{doc}.jsonl").as_posix()


def load_for(folder: Path | None, doc: str) -> DocCorrections:
    """The document's corrections from *folder* (none when the folder is not set)."""
    from .store import valid_doc_id

    if folder is None or not valid_doc_id(doc):  # an id no file can be named after has no corrections
        return DocCorrections(doc)
    return CorrectionsStore(folder).load(doc)
