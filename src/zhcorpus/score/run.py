"""Score one or more hypotheses against a reference: load the files, check they correspond, and
compute the corpus metrics, confidence intervals, paired significance, character accuracy and
term accuracy into one :class:`ScoreReport` (what the terminal table, JSON and HTML show).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError
from ..glossary import Glossary
from .characc import CharAccuracy, char_accuracy
from .langs import base_lang, is_chinese, normalise_tag
from .loaders import Segments, check_counts, detect_format, load_segments
from .metrics import CorpusScore, MetricConfig, StatsCache, corpus_scores, sentence_scores
from .significance import Significance, paired_tests
from .terms import TermAccuracy, TermScorer


@dataclass(frozen=True)
class ScoreOptions:
    """How to score: metric options, resampling sizes and the optional parts."""

    metrics: tuple[str, ...] | None = None  # None: the default set for the target language
    tokenize: str | None = None
    lowercase: bool = False
    ter_cjk: bool | None = None
    n_bootstrap: int = 1000  # 0 or 1: no confidence interval
    paired_bs_n: int = 1000
    paired_ar_n: int = 10000
    char_accuracy: bool | None = None  # None: for Chinese targets
    segment_scores: bool = False  # per-segment metric scores (for --segments and --report)
    width: int = 1  # decimals in sacrebleu's score lines


@dataclass
class SystemResult:
    """Everything measured for one hypothesis file."""

    name: str
    segments: Segments
    scores: dict[str, CorpusScore]
    char_accuracy: CharAccuracy | None = None
    terms: TermAccuracy | None = None
    sentence: list[dict[str, float]] | None = None  # per-segment metric scores

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (corpus level)."""
        return {"name": self.name, "path": self.segments.path, "format": self.segments.format,
                "lang": self.segments.lang, "notes": self.segments.notes,
                "scores": {k: v.to_dict() for k, v in self.scores.items()},
                "char_accuracy": self.char_accuracy.to_dict() if self.char_accuracy else None,
                "terms": self.terms.to_dict() if self.terms else None}


def _seg_info(s: Segments | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"path": s.path, "format": s.format, "lang": s.lang, "lang_guessed": s.lang_guessed,
            "segments": len(s), "notes": s.notes}


@dataclass
class ScoreReport:
    """The result of scoring: reference, systems, significance and notes for the reader."""

    ref: Segments
    target: str
    config: MetricConfig
    systems: list[SystemResult]
    src: Segments | None = None
    significance: Significance | None = None
    reference_terms: TermAccuracy | None = None  # how often the reference itself uses the glossary
    notes: list[str] = field(default_factory=list)
    signature: str = ""  # what scored it (see score_signature)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, deterministic for the same inputs."""
        return {
            "zhcorpus": __version__, "target": self.target, "segments": len(self.ref),
            "metrics": list(self.config.names()), "tokenize": self.config.bleu_tokenize,
            "ref": _seg_info(self.ref), "src": _seg_info(self.src),
            "systems": [s.to_dict() for s in self.systems],
            "significance": self.significance.to_dict() if self.significance else None,
            "reference_terms": self.reference_terms.to_dict() if self.reference_terms else None,
            "notes": self.notes,
            "signature": self.signature,
        }


def load_inputs(ref: str | Path, hyps: Sequence[str | Path], src: str | Path | None = None, *,
                ref_lang: str | None = None, hyp_lang: str | None = None,
                src_lang: str | None = None) -> tuple[Segments, list[Segments], Segments | None]:
    """Read the reference, hypotheses and source; languages not given are taken from the other
    files or guessed from the text. Raises InputError when the segment counts differ."""
    hyp_segs: list[Segments] = []
    for h in hyps:
        # plain text guesses its own language (so a wrong-language file is noticed); the other
        # formats hold several and take the reference's unless --hyp-lang says otherwise
        want = hyp_lang if detect_format(h) == "text" else (hyp_lang or ref_lang)
        hyp_segs.append(load_segments(h, want, flag="--hyp-lang"))
    if ref_lang is None and detect_format(ref) != "text":
        guessed = next((h.lang for h in hyp_segs if h.lang), None)
        ref_lang = base_lang(guessed) if guessed else None
    ref_segs = load_segments(ref, ref_lang, flag="--ref-lang")
    if ref_segs.lang is None:
        raise InputError(ref, "cannot tell the reference's language (no letters): give --ref-lang")
    src_segs = None
    if src is not None:
        if src_lang is None and detect_format(src) != "text":
            src_lang = "en" if is_chinese(ref_segs.lang) else "zh"
        src_segs = load_segments(src, src_lang, flag="--src-lang")
    check_counts(ref_segs, hyp_segs, src_segs)
    return ref_segs, hyp_segs, src_segs


def _system_names(hyps: Sequence[Segments]) -> list[str]:
    names = [h.path for h in hyps]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(dupes[0], "given twice as a hypothesis")
    return names


def score(ref: Segments, hyps: Sequence[Segments], *, src: Segments | None = None,
          glossary: Glossary | None = None, options: ScoreOptions | None = None) -> ScoreReport:
    """Score every hypothesis against *ref* (segments must already correspond: see
    :func:`load_inputs`). Term accuracy needs *src* and *glossary*."""
    opts = options or ScoreOptions()
    if not hyps:
        raise ValueError("no hypothesis to score")
    check_counts(ref, hyps, src)
    target = normalise_tag(ref.lang or "und")
    config = MetricConfig(target, opts.metrics, opts.tokenize, opts.lowercase, opts.ter_cjk)
    names = _system_names(hyps)
    report = ScoreReport(ref=ref, target=target, config=config, systems=[], src=src)
    for h in hyps:
        if h.lang and ref.lang and base_lang(h.lang) != base_lang(ref.lang):
            report.notes.append(f"{h.path} looks like {h.lang} but the reference is {ref.lang}")
    if any(not t.strip() for t in ref.texts):
        report.notes.append(f"{sum(not t.strip() for t in ref.texts)} reference segments are empty")

    want_chars = is_chinese(target) if opts.char_accuracy is None else opts.char_accuracy
    scorer, found = None, None
    if glossary is not None and src is not None and src.lang:
        try:
            scorer = TermScorer(glossary, src.lang, target)
        except ValueError as exc:
            report.notes.append(f"no term accuracy: {exc}")
        else:
            found = scorer.find_all(src.texts)
            report.reference_terms = scorer.score(ref.texts, found)
    elif glossary is not None:
        report.notes.append("no term accuracy: it needs the source segments (--src)")

    cache = StatsCache()
    for name, h in zip(names, hyps, strict=True):
        res = SystemResult(name, h, corpus_scores(h.texts, ref.texts, config, n_bootstrap=opts.n_bootstrap,
                                                  width=opts.width, cache=cache))
        if want_chars:
            res.char_accuracy = char_accuracy(h.texts, ref.texts)
        if scorer is not None and found is not None:
            res.terms = scorer.score(h.texts, found)
        if opts.segment_scores:
            res.sentence = sentence_scores(h.texts, ref.texts, config, cache=cache)
        report.systems.append(res)

    if len(hyps) > 1:
        report.significance = paired_tests([(n, h.texts) for n, h in zip(names, hyps, strict=True)],
                                           ref.texts, config, n_bs=opts.paired_bs_n, n_ar=opts.paired_ar_n,
                                           cache=cache)
    return report


def score_signature(report: ScoreReport, glossary: Path | None) -> str:
    """The scoring signature, as the build's: tool and sacrebleu versions, metrics, tokenizer,
    and the glossary (by content) used for term accuracy."""
    from importlib.metadata import version

    from ..steps.base import StepContext

    return "|".join([f"zhcorpus:{__version__}", f"sacrebleu:{version('sacrebleu')}",
                     f"metrics:{'+'.join(report.config.names())}", f"tokenize:{report.config.bleu_tokenize}",
                     f"glossary:{StepContext(glossary).glossary_hash()}"])
