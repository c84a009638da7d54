"""Paired significance of two or more systems against the first (the baseline): sacrebleu's
paired bootstrap resampling (Koehn 2004) and approximate randomisation (Riezler and Maxwell
2005), both run on every metric, seeded by ``SACREBLEU_SEED`` (default 12345) like the
sacrebleu command, so the p-values are reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sacrebleu.significance import PairedTest, Result

from .metrics import MetricConfig, StatsCache

ALPHA = 0.05


@dataclass
class PairedRow:
    """One system's score on one metric, compared with the baseline."""

    system: str
    metric: str
    name: str
    score: float
    delta: float | None  # system minus baseline; None for the baseline itself
    mean: float | None  # paired-bootstrap estimate of the true mean
    ci: float | None  # its 95% half-width
    p_bs: float | None  # paired bootstrap p-value (None for the baseline)
    p_ar: float | None  # approximate randomisation p-value

    @property
    def significant(self) -> bool | None:
        """Whether both tests reject "no difference" at 0.05 (None for the baseline)."""
        if self.p_bs is None or self.p_ar is None:
            return None
        return self.p_bs < ALPHA and self.p_ar < ALPHA

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {**asdict(self), "significant": self.significant}


@dataclass
class Significance:
    """The paired tests of every system against the baseline, with their signatures."""

    baseline: str
    n_bs: int
    n_ar: int
    rows: list[PairedRow] = field(default_factory=list)
    signatures: dict[str, dict[str, str]] = field(default_factory=dict)  # metric -> test -> signature

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"baseline": self.baseline, "alpha": ALPHA, "n_bs": self.n_bs, "n_ar": self.n_ar,
                "rows": [r.to_dict() for r in self.rows], "signatures": self.signatures}


def _run(named: list[tuple[str, Sequence[str]]], refs: Sequence[str], config: MetricConfig,
         test: str, n: int, cache: StatsCache) -> tuple[dict[str, str], dict[str, list[Result]]]:
    metrics = {key: config.build(key, cache) for key in config.names()}
    sigs, scores = PairedTest(named, metrics, references=[list(refs)], test_type=test, n_samples=n)()
    return {k: v.format() for k, v in sigs.items()}, {k: v for k, v in scores.items() if k != "System"}


def paired_tests(systems: Sequence[tuple[str, Sequence[str]]], refs: Sequence[str], config: MetricConfig, *,
                 n_bs: int = 1000, n_ar: int = 10000, cache: StatsCache | None = None) -> Significance:
    """Paired bootstrap and approximate randomisation of ``systems[1:]`` against ``systems[0]``."""
    if len(systems) < 2:
        raise ValueError("paired tests need at least two systems")
    named = [(name, list(h)) for name, h in systems]
    cache = cache if cache is not None else StatsCache()
    bs_sigs, bs = _run(named, refs, config, "bs", n_bs, cache)
    ar_sigs, ar = _run(named, refs, config, "ar", n_ar, cache)
    # PairedTest keys results by sacrebleu's score name, in the order the metrics were given.
    key_of = dict(zip(bs, config.names(), strict=True))
    sig = Significance(baseline=systems[0][0], n_bs=n_bs, n_ar=n_ar)
    for score_name, results in bs.items():
        key = key_of[score_name]
        sig.signatures[key] = {"bs": bs_sigs[score_name], "ar": ar_sigs[score_name]}
        base = results[0].score
        for i, (name, _) in enumerate(systems):
            rb, ra = results[i], ar[score_name][i]
            sig.rows.append(PairedRow(
                system=name, metric=key, name=score_name, score=float(rb.score),
                delta=None if i == 0 else float(rb.score - base),
                mean=None if rb.mean is None else float(rb.mean), ci=None if rb.ci is None else float(rb.ci),
                p_bs=None if i == 0 else float(rb.p_value), p_ar=None if i == 0 else float(ra.p_value),
            ))
    return sig

