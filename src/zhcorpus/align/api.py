"""The public aligner: ``align(zh, en, ...) -> list[Bead]`` and the reusable :class:`Aligner`."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from . import beadscore, chinese, english, omission
from .aligner import Segment, align_features
from .bead import Bead
from .beadfeatures import Rescorer, bead_features
from .cedict import ZhEnDictionary, load_cedict
from .confidence import bead_confidence
from .embed import SentenceEmbedder
from .features import DocFeatures, build_features
from .search import Path
from .selftrain import SelfTrainParams
from .similarity import EXPECTED_RATIO, ScoreParams, length_ratio

BEAD_SCORES = ("hand", "learned")  # AlignOptions.bead_score: the hand-set score, or the fitted CRF's


class AlignmentWarning(UserWarning):
    """A document pair that aligns poorly by construction (empty side, very different lengths)."""


@dataclass(frozen=True)
class AlignOptions:
    """Settings of the aligner; the defaults are the measured ones (see the README)."""

    score: ScoreParams = field(default_factory=ScoreParams)
    train: SelfTrainParams | None = field(default_factory=SelfTrainParams)
    rounds: int = 1  # self-training rounds (0: dictionary only)
    segmenter: str = "jieba"  # or "dictionary" (forward maximum matching on CC-CEDICT; faster)
    low_confidence: float = 0.5  # beads scoring below this are flagged "low-confidence"
    length_mismatch: float = 2.5  # a bead whose en/zh length is this far off the document's
    embedding_model: str | None = None  # a local sentence-transformers model: adds its cosine
    omissions: bool = True  # split off sentences whose content has no counterpart (1-0 / 0-1 beads)
    omission_min_similarity: float = 0.8  # ... in documents whose median bead similarity reaches this
    policy_skip: float | None = 0.5  # a 1-0 or 0-1 bead costs this, not score.skip, in a policy text: one whose
    policy_similarity: float = 0.7  # ... first-pass median bead similarity reaches this (seeds 0.73-0.77, MAC-Dev 0.40-0.65)
    bead_score: str = "hand"  # or "learned": the CRF weights of .beadscore (unless score.weights sets others)

    def __post_init__(self) -> None:
        if self.segmenter not in ("jieba", "dictionary"):
            raise ValueError(f"segmenter must be 'jieba' or 'dictionary', not {self.segmenter!r}")
        if self.bead_score not in BEAD_SCORES:
            raise ValueError(f"bead_score must be 'hand' or 'learned', not {self.bead_score!r}")
        if self.rounds < 0:
            raise ValueError("rounds must be 0 or more")

    def score_params(self) -> ScoreParams:
        """The bead score parameters the search uses: ``score``, with the fitted CRF weights
        when ``bead_score`` is "learned" and ``score`` sets none of its own."""
        if self.bead_score == "learned" and self.score.weights is None:
            weights = beadscore.default_weights()
            if weights is None:
                raise ValueError("bead_score 'learned': no fitted weights (run bench/align_crf.py --write)")
            return replace(self.score, weights=weights)
        return self.score


class Aligner:
    """Aligns document pairs; holds the dictionary so that many documents share one load."""

    def __init__(self, options: AlignOptions | None = None, dictionary: ZhEnDictionary | None = None) -> None:
        self.options = options or AlignOptions()
        self.dictionary = dictionary or load_cedict()
        self.embedder: SentenceEmbedder | None = None
        if self.options.embedding_model is not None:
            self.embedder = SentenceEmbedder(self.options.embedding_model)

    def features(self, zh: Sequence[str], en: Sequence[str],
                 extra_dictionary: Iterable[tuple[str, str]] = ()) -> DocFeatures:
        """The sentence features of a document pair (with embeddings when a model is set)."""
        f = build_features(zh, en, self.dictionary, extra=_extra_table(extra_dictionary),
                           segmenter=self.options.segmenter)
        if self.embedder is not None:
            f = f.with_vectors(self.embedder(zh), self.embedder(en))
        return f

    def align(self, zh: Sequence[str], en: Sequence[str], *,
              zh_paragraphs: Sequence[int] | None = None, en_paragraphs: Sequence[int] | None = None,
              extra_dictionary: Iterable[tuple[str, str]] = ()) -> list[Bead]:
        """Align Chinese sentences *zh* with English sentences *en*.

        Every sentence is in exactly one bead, in order. ``zh_paragraphs``/``en_paragraphs``
        give each sentence's paragraph; when both sides have the same paragraphs, beads never
        cross a paragraph boundary. ``extra_dictionary`` adds (Chinese term, English rendering)
        pairs, e.g. the project glossary, at double weight."""
        zh, en = list(zh), list(en)
        _check_lengths(zh, en)
        if not zh or not en:
            return [Bead((i,), (), 0.0, ("omission", "low-confidence")) for i in range(len(zh))] + \
                   [Bead((), (j,), 0.0, ("omission", "low-confidence")) for j in range(len(en))]
        path, x, f = self.bead_features(zh, en, zh_paragraphs=zh_paragraphs, en_paragraphs=en_paragraphs,
                                        extra_dictionary=extra_dictionary)
        opts = self.options
        ratio = length_ratio(f)
        beads = []
        zsum, esum = f.zh.length_sum(), f.en.length_sum()
        for (i0, i1, j0, j1), row in zip(path, x, strict=True):
            lz, le = zsum(i0, i1), esum(j0, j1)
            score = bead_confidence(row)
            flags = []
            if i1 == i0 or j1 == j0:
                flags.append("omission")
            if score < opts.low_confidence:
                flags.append("low-confidence")
            if i1 > i0 and j1 > j0 and abs(math.log((le + 1) / (ratio * lz + 1))) > math.log(opts.length_mismatch):
                flags.append("length-mismatch")
            beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), score, tuple(flags)))
        return beads

    def bead_features(self, zh: Sequence[str], en: Sequence[str], *,
                      zh_paragraphs: Sequence[int] | None = None, en_paragraphs: Sequence[int] | None = None,
                      extra_dictionary: Iterable[tuple[str, str]] = ()) -> tuple[Path, np.ndarray, DocFeatures]:
        """The bead path (as (zh start, end, en start, end)), each bead's confidence features
        (:data:`.beadfeatures.FEATURES`) and the final sentence features of a non-empty pair."""
        opts = self.options
        path, f, params, base = self._search(zh, en, zh_paragraphs, en_paragraphs, extra_dictionary)
        rs = Rescorer(f, path, params)
        if opts.omissions and omission.applies(rs.sims(path), path, opts.omission_min_similarity):
            cands = omission.candidates(path)
            if cands:
                p = omission.probabilities(omission.candidate_features(f, path, rs.scorer, params, cands))
                path = omission.split_omissions(path, cands, p)
        return path, bead_features(f, path, rs.sims(path), params, rs, base=base), f

    def search(self, zh: Sequence[str], en: Sequence[str], *,
               zh_paragraphs: Sequence[int] | None = None, en_paragraphs: Sequence[int] | None = None,
               extra_dictionary: Iterable[tuple[str, str]] = ()) -> tuple[Path, DocFeatures, ScoreParams]:
        """The search's bead path (before omissions are split off), the final sentence features
        and the bead score parameters the search ended with (a policy text's null-bead cost)."""
        path, f, params, _base = self._search(zh, en, zh_paragraphs, en_paragraphs, extra_dictionary)
        return path, f, params

    def _search(self, zh: Sequence[str], en: Sequence[str], zh_paragraphs: Sequence[int] | None,
                en_paragraphs: Sequence[int] | None, extra_dictionary: Iterable[tuple[str, str]]
                ) -> tuple[Path, DocFeatures, ScoreParams, DocFeatures]:
        """:meth:`search`, plus the sentence features before self-training re-weighted them."""
        opts = self.options
        base = self.features(zh, en, extra_dictionary)
        segments = paragraph_segments(zh_paragraphs, en_paragraphs, len(zh), len(en))
        policy = None if opts.policy_skip is None else (opts.policy_similarity, opts.policy_skip)
        path, _sims, f, params = align_features(base, opts.score_params(), opts.train, opts.rounds, segments, policy)
        return path, f, params, base


def _extra_table(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]] | None:
    return _extra_table_of(tuple(pairs))


@lru_cache(maxsize=4)  # a build passes the same glossary with every document: made once
def _extra_table_of(pairs: tuple[tuple[str, str], ...]) -> dict[str, dict[str, float]] | None:
    table: dict[str, dict[str, float]] = {}
    for zh, en in pairs:
        stems = english.content_stems(en)
        if zh.strip() and stems:
            table.setdefault(chinese.simplified(zh.strip()), {}).update(dict.fromkeys(stems, 1.0))
    return table or None


def paragraph_segments(zh_paragraphs: Sequence[int] | None, en_paragraphs: Sequence[int] | None,
                       n: int, m: int) -> list[Segment] | None:
    """Hard anchors from paragraph structure: one segment per paragraph when both sides have the
    same paragraphs in the same order; ``None`` (align the whole) otherwise, with a warning."""
    if zh_paragraphs is None or en_paragraphs is None:
        return None
    zp, ep = list(zh_paragraphs), list(en_paragraphs)
    if len(zp) != n or len(ep) != m:
        raise ValueError(f"paragraph lists must have one entry per sentence ({len(zp)}/{n} zh, {len(ep)}/{m} en)")
    zorder, eorder = _runs(zp), _runs(ep)
    if [p for p, _, _ in zorder] != [p for p, _, _ in eorder]:
        warnings.warn("the two sides have different paragraphs; aligning without paragraph anchors",
                      AlignmentWarning, stacklevel=3)
        return None
    return [((za, zb), (ea, eb)) for (_, za, zb), (_, ea, eb) in zip(zorder, eorder, strict=True)]


def _runs(paras: list[int]) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) for each run of equal paragraph numbers."""
    out: list[tuple[int, int, int]] = []
    for k, p in enumerate(paras):
        if out and out[-1][0] == p:
            out[-1] = (p, out[-1][1], k + 1)
        else:
            out.append((p, k, k + 1))
    return out


def _check_lengths(zh: list[str], en: list[str]) -> None:
    """Warn when a pair cannot align well: an empty side, or sizes far from a translation's."""
    if not zh or not en:
        if zh or en:
            warnings.warn(f"one side is empty ({len(zh)} zh, {len(en)} en sentences): "
                          "every sentence stays unaligned", AlignmentWarning, stacklevel=3)
        return
    zc = sum(len("".join(s.split())) for s in zh)
    ec = sum(len(s) for s in en)
    ratio = ec / max(zc, 1)
    if not (EXPECTED_RATIO / 4 <= ratio <= EXPECTED_RATIO * 4) or not (1 / 4 <= len(en) / len(zh) <= 4):
        warnings.warn(f"the sides differ wildly in length ({len(zh)} zh sentences / {zc} characters, "
                      f"{len(en)} en sentences / {ec} characters): is this really a translation? "
                      "Expect many unaligned sentences", AlignmentWarning, stacklevel=3)


_DEFAULT: list[Aligner] = []


def default_aligner() -> Aligner:
    """A shared :class:`Aligner` with the default options (the dictionary loaded once)."""
    if not _DEFAULT:
        _DEFAULT.append(Aligner())
    return _DEFAULT[0]


def align(zh: Sequence[str], en: Sequence[str], *, zh_paragraphs: Sequence[int] | None = None,
          en_paragraphs: Sequence[int] | None = None, extra_dictionary: Iterable[tuple[str, str]] = (),
          options: AlignOptions | None = None) -> list[Bead]:
    """Align Chinese sentences with their English translation; see :meth:`Aligner.align`."""
    aligner = default_aligner() if options is None else Aligner(options, default_aligner().dictionary)
    return aligner.align(zh, en, zh_paragraphs=zh_paragraphs, en_paragraphs=en_paragraphs,
                         extra_dictionary=extra_dictionary)


__all__ = ["AlignOptions", "Aligner", "AlignmentWarning", "align", "default_aligner",
           "paragraph_segments"]
