"""The align step: a document pair's segments aligned into translation units with a score each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Document
from ..pipeline import DocPair
from ..units import make_units
from .base import Step, file_hash

BEAD_SCORES = ("hand", "learned")  # the bead_score choices (the aligner's AlignOptions checks its own)


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the align step (``[align]`` in corpus.toml; ``corpus align`` options)."""

    segmenter: str = "jieba"  # Chinese word segmentation: jieba or dictionary (--segmenter)
    self_train: bool = True  # the second, self-trained pass (--no-self-train: off)
    embedding_model: str | None = None  # a local sentence-transformers model folder (--embedding-model)
    low_score: float = 0.5  # beads below this score are flagged low-confidence (--low-score)
    length_mismatch: float = 2.5  # beads this far off the document's length ratio are flagged
    glossary_dictionary: bool = True  # the glossary's terms join the dictionary at double weight
    bead_score: str = "hand"  # the bead score: hand-set, or "learned" (the fitted CRF weights; --bead-score)

    def __post_init__(self) -> None:
        if self.segmenter not in ("jieba", "dictionary"):
            raise ValueError(f"segmenter must be 'jieba' or 'dictionary', not {self.segmenter!r}")
        if self.bead_score not in BEAD_SCORES:
            raise ValueError(f"bead_score must be 'hand' or 'learned', not {self.bead_score!r}")
        if not 0 <= float(self.low_score) <= 1:
            raise ValueError(f"low_score must be between 0 and 1, not {self.low_score!r}")
        if float(self.length_mismatch) <= 1:
            raise ValueError(f"length_mismatch must be above 1, not {self.length_mismatch!r}")

    def options(self) -> Any:
        """The aligner's own :class:`~zhcorpus.align.AlignOptions` for these settings."""
        from ..align import AlignOptions

        return AlignOptions(segmenter=self.segmenter, rounds=1 if self.self_train else 0,
                            low_confidence=float(self.low_score), length_mismatch=float(self.length_mismatch),
                            embedding_model=self.embedding_model, bead_score=self.bead_score)


def cedict_hash() -> str:
    """CC-CEDICT (the aligner's dictionary), by content."""
    from ..align.cedict import cedict_path

    return file_hash(cedict_path())


def sentences(doc: Document) -> tuple[list[str], list[int]]:
    """A document's segment texts and each one's paragraph index (the aligner's anchors)."""
    texts, paras = [], []
    for p in doc.paragraphs:
        for s in p.segments:
            texts.append(s.text)
            paras.append(p.index)
    return texts, paras


class AlignStep(Step):
    """Align the Chinese and English segments; a pair without translation gets unaligned units."""

    name = "align"
    version = "4"  # 2: bead scores from the posterior confidence model; null-bead cost in policy texts; 3: + posterior shift vs. before self-training; 4: policy-text self-training from 1-1 beads
    Config = AlignConfig

    def inputs(self) -> dict[str, str]:
        """CC-CEDICT and (when used) the glossary, by content."""
        out = {"cedict": cedict_hash()}
        if self.config.glossary_dictionary:
            out["glossary"] = self.context.glossary_hash()
        return out

    @property
    def aligner(self) -> Any:
        """The aligner (dictionary shared in the process), made on first use and kept."""
        al = self.__dict__.get("_aligner")
        if al is None:
            from ..align import Aligner
            from ..align.cedict import load_cedict

            al = self.__dict__["_aligner"] = Aligner(self.config.options(), load_cedict())
        return al

    def extra_dictionary(self) -> list[tuple[str, str]]:
        """The glossary's term pairs, when the settings use them."""
        return self.context.glossary_pairs() if self.config.glossary_dictionary else []

    def __call__(self, pair: DocPair) -> DocPair:
        """The pair with ``units`` from the alignment of its documents."""
        assert pair.zh is not None
        zh, zpara = sentences(pair.zh)
        if pair.en is None:
            pair.units = make_units(pair.zh, None, [((i,), (), 0.0) for i in range(len(zh))])
            return pair
        en, epara = sentences(pair.en)
        beads = self.aligner.align(zh, en, zh_paragraphs=zpara, en_paragraphs=epara,
                                   extra_dictionary=self.extra_dictionary())
        pair.units = make_units(pair.zh, pair.en, [(b.zh, b.en, b.score) for b in beads],
                                flags=[b.flags for b in beads])
        return pair
