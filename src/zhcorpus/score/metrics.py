"""Corpus metrics through sacrebleu's Python API: BLEU, chrF, chrF++ and TER, with the tokenizer
right for the target language, bootstrap confidence intervals and the sacrebleu signature.

The numbers are sacrebleu's own (the same objects and options its command line builds), so a
score printed here equals the ``sacrebleu`` command's for the options :meth:`MetricConfig.cli_args`
gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Score

from .langs import bleu_tokenizer, is_chinese

METRICS = ("bleu", "chrf", "chrf++", "ter")
# chrF++ adds word bigrams; Chinese without spaces has no words to count, so it is left out of
# the default set for Chinese targets (ask for it with --metrics to see it anyway).
DEFAULT_EN = ("bleu", "chrf", "chrf++", "ter")
DEFAULT_ZH = ("bleu", "chrf", "ter")
LOWER_IS_BETTER = {"ter"}


@dataclass(frozen=True)
class MetricConfig:
    """Which metrics to compute and how, for one target language.

    ``tokenize`` overrides BLEU's tokenizer (default: ``zh`` for Chinese, ``13a`` otherwise);
    ``lowercase`` applies to BLEU and chrF (TER is case-insensitive, as in sacrebleu and tercom).
    TER splits CJK characters (``normalized`` + ``asian_support``) for Chinese targets by default:
    without it a Chinese sentence is one "word" and TER says nothing.
    """

    target: str
    metrics: tuple[str, ...] | None = None
    tokenize: str | None = None
    lowercase: bool = False
    ter_cjk: bool | None = None

    def names(self) -> tuple[str, ...]:
        """The metric keys to compute, in report order."""
        if self.metrics:
            unknown = [m for m in self.metrics if m not in METRICS]
            if unknown:
                raise ValueError(f"unknown metric(s) {', '.join(unknown)}; choose from {', '.join(METRICS)}")
            return tuple(m for m in METRICS if m in self.metrics)
        return DEFAULT_ZH if is_chinese(self.target) else DEFAULT_EN

    @property
    def bleu_tokenize(self) -> str:
        """The BLEU tokenizer in use."""
        return self.tokenize or bleu_tokenizer(self.target)

    @property
    def ter_split_cjk(self) -> bool:
        """Whether TER normalises and splits CJK characters."""
        return is_chinese(self.target) if self.ter_cjk is None else self.ter_cjk

    def build(self, name: str, cache: StatsCache | None = None) -> Metric:
        """A fresh sacrebleu metric object for *name* (objects keep state, so never share them);
        with *cache*, its segment statistics are shared with other objects for the same metric."""
        metric = self._new(name)
        return cache.attach(name, metric) if cache is not None else metric

    def _new(self, name: str) -> Metric:
        if name == "bleu":
            return BLEU(tokenize=self.bleu_tokenize, lowercase=self.lowercase)
        if name in ("chrf", "chrf++"):
            return CHRF(word_order=2 if name == "chrf++" else 0, lowercase=self.lowercase)
        if name == "ter":
            cjk = self.ter_split_cjk
            return TER(normalized=cjk, asian_support=cjk)  # case-insensitive, as tercom and sacrebleu
        raise ValueError(f"unknown metric {name!r}")

    def build_sentence(self, name: str) -> Metric:
        """The metric for single segments: BLEU with effective order, as ``sacrebleu -sl``."""
        if name == "bleu":
            return BLEU(tokenize=self.bleu_tokenize, lowercase=self.lowercase, effective_order=True)
        return self.build(name)

    def cli_args(self, name: str) -> list[str]:
        """The ``sacrebleu`` command-line options that compute *name* the same way."""
        if name == "bleu":
            return ["-m", "bleu", "--tokenize", self.bleu_tokenize, *(["--lowercase"] if self.lowercase else [])]
        if name in ("chrf", "chrf++"):
            return ["-m", "chrf", "--chrf-word-order", "2" if name == "chrf++" else "0",
                    *(["--chrf-lowercase"] if self.lowercase else [])]
        if name == "ter":
            cjk = ["--ter-normalized", "--ter-asian-support"] if self.ter_split_cjk else []
            return ["-m", "ter", *cjk]
        raise ValueError(f"unknown metric {name!r}")


# TER's shift search and beam edit distance grow faster than quadratically with segment length
# (sacrebleu 2.x: 43 s and 170 MB for one 1,000-word segment, 290 s for 3,000, > 20 GB for 250,000).
# sacrebleu and tercom are meant for sentences; longer segments are refused with the segment named.
TER_MAX_WORDS = 1000


def ter_too_long(texts: Sequence[str], config: MetricConfig) -> tuple[int, int] | None:
    """(index, words) of the first segment longer than TER_MAX_WORDS as TER tokenises it, or None."""
    if "ter" not in config.names():
        return None
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    cjk = config.ter_split_cjk
    tok = TercomTokenizer(normalized=cjk, asian_support=cjk)
    for i, text in enumerate(texts):
        if len(text) > TER_MAX_WORDS:  # fewer characters cannot make more words: skip the tokenizer
            n = len(tok(text).split())
            if n > TER_MAX_WORDS:
                return i, n
    return None


class StatsCache:
    """Shares sacrebleu's per-segment statistics between metric objects of one configuration, so
    the corpus score, its bootstrap and both paired tests extract them once per system and metric
    (TER's edit distances dominate the time). Statistics are a pure function of the metric's
    options, the hypotheses and the references; the objects' own state (signature) stays separate.
    """

    def __init__(self) -> None:
        self._stats: dict[tuple[str, int], tuple[tuple[str, ...], tuple[tuple[str, ...], ...], list, int]] = {}

    def attach(self, name: str, metric: Metric) -> Metric:
        """Route *metric*'s statistics extraction through the cache; returns *metric*."""
        original = metric._extract_corpus_statistics

        def extract(hypotheses: Sequence[str], references: Sequence[Sequence[str]] | None) -> list:
            if references is None:  # the metric's own reference cache: not ours to key
                return original(hypotheses, references)
            hyps, refs = tuple(hypotheses), tuple(tuple(r) for r in references)
            key = (name, hash((hyps, refs)))
            hit = self._stats.get(key)
            if hit is not None and hit[0] == hyps and hit[1] == refs:
                metric.num_refs = hit[3]  # set by extraction; the signature needs it
                return list(hit[2])
            stats = original(hypotheses, references)
            self._stats[key] = (hyps, refs, stats, metric.num_refs)
            return list(stats)

        metric._extract_corpus_statistics = extract  # type: ignore[method-assign]
        return metric


@dataclass
class CorpusScore:
    """One corpus-level score with its signature and, if bootstrapped, mean ± 95% half-width."""

    metric: str  # our key: bleu, chrf, chrf++, ter
    name: str  # sacrebleu's name: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    line: str  # the line the sacrebleu command prints in text format, at the width asked for
    mean: float | None = None
    ci: float | None = None  # half-width of the bootstrap 95% interval, as sacrebleu reports it
    detail: dict[str, Any] | None = None

    @property
    def higher_is_better(self) -> bool:
        """False for TER (an error rate)."""
        return self.metric not in LOWER_IS_BETTER

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"metric": self.metric, "name": self.name, "score": self.score, "signature": self.signature,
                "sacrebleu": self.line, "mean": self.mean, "ci": self.ci, "detail": self.detail,
                "higher_is_better": self.higher_is_better}


def _detail(score: Score) -> dict[str, Any] | None:
    if hasattr(score, "precisions"):
        return {"precisions": [round(p, 4) for p in score.precisions], "bp": round(score.bp, 4),
                "ratio": round(score.ratio, 4), "hyp_len": score.sys_len, "ref_len": score.ref_len}
    if hasattr(score, "num_edits"):
        return {"edits": score.num_edits, "ref_len": round(score.ref_length, 4)}
    return None


def to_corpus_score(key: str, metric: Metric, score: Score, width: int = 1) -> CorpusScore:
    """Wrap a sacrebleu score with its signature (taken after scoring: it records bootstrap use)."""
    sig = metric.get_signature().format()
    bootstrapped = score._mean >= 0  # sacrebleu keeps the bootstrap estimate on the score object
    return CorpusScore(
        metric=key, name=score.name, score=float(score.score), signature=sig,
        line=score.format(width=width, signature=sig),
        mean=float(score._mean) if bootstrapped else None,
        ci=float(score._ci) if bootstrapped else None,
        detail=_detail(score),
    )


def _uniform_bootstrap(metric: Metric) -> Metric:
    """Work around sacrebleu 2.x mixing number types in the bootstrap: a resample whose statistics
    are degenerate (an empty reference drawn alone) scores a Python float among float32 scores, and
    ``statistics.mean`` raises "don't know how to coerce float and float32" (so does the sacrebleu
    command). Only then is the metric run again with such scores cast to float32."""
    original = metric._compute_score_from_stats

    def compute(stats: Any) -> Any:
        s = original(stats)
        if isinstance(stats, np.ndarray) and stats.dtype == np.float32 and type(s.score) is float:
            s.score = np.float32(s.score)
        return s

    metric._compute_score_from_stats = compute  # type: ignore[method-assign]
    return metric


def corpus_scores(hyps: Sequence[str], refs: Sequence[str], config: MetricConfig, *,
                  n_bootstrap: int = 1000, width: int = 1, cache: StatsCache | None = None) -> dict[str, CorpusScore]:
    """Every metric of *config* over the corpus; ``n_bootstrap`` > 1 adds a 95% interval
    (seeded by ``SACREBLEU_SEED``, default 12345, exactly as the sacrebleu command)."""
    out: dict[str, CorpusScore] = {}
    for key in config.names():
        metric = config.build(key, cache)
        try:
            score = metric.corpus_score(list(hyps), [list(refs)], n_bootstrap=max(1, n_bootstrap))
        except TypeError as exc:
            if "coerce" not in str(exc):
                raise
            metric = _uniform_bootstrap(config.build(key, cache))
            score = metric.corpus_score(list(hyps), [list(refs)], n_bootstrap=max(1, n_bootstrap))
        out[key] = to_corpus_score(key, metric, score, width)
    return out


def sentence_scores(hyps: Sequence[str], refs: Sequence[str], config: MetricConfig, *,
                    cache: StatsCache | None = None) -> list[dict[str, float]]:
    """Per-segment scores of every metric (BLEU with effective order), as ``sacrebleu -sl``.

    Computed from each segment's statistics, so with *cache* the corpus scoring's are reused
    instead of extracted again (a segment's score from its statistics is what sacrebleu's
    ``sentence_score`` computes).
    """
    rows: list[dict[str, float]] = [{} for _ in hyps]
    for key in config.names():
        stats = config.build(key, cache)._extract_corpus_statistics(list(hyps), [list(refs)])
        scorer = config.build_sentence(key)
        for row, st in zip(rows, stats, strict=True):
            row[key] = float(scorer._compute_score_from_stats(st).score)
    return rows
