"""Time `corpus score` steps on N segments (the seeds' English beads repeated, two degraded
systems): corpus metrics with 1000 bootstrap resamples, paired tests (bootstrap 1000, approximate
randomisation 10000), term accuracy with the seeds glossary, per-segment scores and the HTML
report. Prints seconds per step and the peak RSS.

    python bench/score_speed.py --segments 2000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

from zhcorpus.glossary import load_glossary
from zhcorpus.score import ScoreOptions, render_html
from zhcorpus.score.loaders import Segments
from zhcorpus.score.metrics import MetricConfig, StatsCache, corpus_scores, sentence_scores
from zhcorpus.score.run import score
from zhcorpus.score.significance import paired_tests
from zhcorpus.score.terms import TermScorer

sys.path.insert(0, str(Path(__file__).parent))
from score_example import GLOSSARY, beads, drop_words, swap_terms  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", type=int, default=2000)
    n = ap.parse_args().segments
    base = beads()
    pairs = [base[i % len(base)] for i in range(n)]
    rng = random.Random(1)
    src = [z for _, z, _ in pairs]
    ref = [e for _, _, e in pairs]
    a = [drop_words(e, rng, 0.08) for e in ref]
    b = [swap_terms(x) for x in a]
    cfg = MetricConfig("en")
    rows = []

    def timed(label: str, fn):  # noqa: ANN202
        t = time.perf_counter()
        out = fn()
        rows.append((label, time.perf_counter() - t))
        return out

    timed("corpus BLEU+chrF+chrF+++TER, 1 system, bootstrap 1000", lambda: corpus_scores(a, ref, cfg))
    cache = StatsCache()
    timed("same, statistics cached for the paired tests", lambda: corpus_scores(a, ref, cfg, cache=cache))
    timed("paired bootstrap 1000 + AR 10000, 2 systems (cache warm for A)",
          lambda: paired_tests([("a", a), ("b", b)], ref, cfg, cache=cache))
    glossary = load_glossary(GLOSSARY)
    scorer = timed(f"term scorer (seeds glossary, {len(glossary)} concepts)", lambda: TermScorer(glossary, "zh-Hans", "en"))
    found = timed("find source terms", lambda: scorer.find_all(src))
    timed("term accuracy of 1 system", lambda: scorer.score(a, found))
    timed("per-segment scores, 1 system (statistics cached)", lambda: sentence_scores(a, ref, cfg, cache=cache))
    seg = lambda p, t: Segments(p, "text", "en", t, [f"line {i}" for i in range(1, n + 1)])  # noqa: E731
    report = timed("whole score(): 2 systems, terms, segments, significance",
                   lambda: score(seg("ref", ref), [seg("a", a), seg("b", b)], src=Segments("src", "text", "zh-Hans", src, []),
                                 glossary=glossary, options=ScoreOptions(segment_scores=True)))
    html = timed("HTML report", lambda: render_html(report))
    print(f"{n} segments ({sum(len(r.split()) for r in ref)} reference words)")
    for label, sec in rows:
        print(f"  {sec:8.2f} s  {label}")
    print(f"  HTML size {len(html.encode()) / 1024:.0f} KiB; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
