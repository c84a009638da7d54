"""Translation quality scoring: sacrebleu's BLEU, chrF, chrF++ and TER with the right tokenizer
for Chinese or English targets, bootstrap intervals, paired significance, character accuracy for
script conversion and glossary term accuracy, reported as a table, JSON, JSONL or HTML.

Typical use::

    ref, hyps, src = load_inputs("ref.txt", ["mt.txt"], "src.txt")
    report = score(ref, hyps, src=src, glossary=load_glossary("seeds/glossary.tsv"))
    print(format_text(report))
"""

from .characc import CharAccuracy, char_accuracy
from .loaders import Segments, check_counts, load_segments
from .metrics import CorpusScore, MetricConfig, corpus_scores, sentence_scores
from .report_html import render_html, write_html
from .report_text import format_text
from .run import ScoreOptions, ScoreReport, SystemResult, load_inputs, score
from .segments import segment_rows, worst_segments, write_segments
from .significance import Significance, paired_tests
from .terms import TermAccuracy, TermScorer, term_accuracy

__all__ = [
    "CharAccuracy", "CorpusScore", "MetricConfig", "ScoreOptions", "ScoreReport", "Segments",
    "Significance", "SystemResult", "TermAccuracy", "TermScorer", "char_accuracy", "check_counts",
    "corpus_scores", "format_text", "load_inputs", "load_segments", "paired_tests", "render_html",
    "score", "segment_rows", "sentence_scores", "term_accuracy", "worst_segments", "write_html",
    "write_segments",
]
