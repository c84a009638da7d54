"""`corpus score`: BLEU, chrF, TER with intervals and significance, character and term accuracy."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from ..glossary import load_glossary
from ..score import ScoreOptions, load_inputs, score, write_html, write_segments
from ..score.metrics import METRICS
from ..score.report_text import print_report
from ..score.run import score_signature

DEFAULT_GLOSSARY = Path("seeds/glossary.tsv")
TOKENIZERS = ("zh", "13a", "intl", "char", "none")  # sacrebleu's built-in ones that need no extras


@click.command("score")
@click.option("--ref", "ref", required=True, type=click.Path(path_type=Path),
              help="Reference: plain text (one segment per line), TMX, units JSONL, or an HF subset "
                   "(Parquet file or folder).")
@click.option("--hyp", "hyps", required=True, multiple=True, type=click.Path(path_type=Path),
              help="Hypothesis: plain text or TMX; repeat for more systems (the first is the baseline).")
@click.option("--src", type=click.Path(path_type=Path), default=None,
              help="Source segments (any REF format), for term accuracy and the report.")
@click.option("--ref-lang", default=None, help="Language of REF to use (en, zh, zh-Hans, zh-Hant, zh-TW, zh-HK); "
              "plain text is guessed when not given.")
@click.option("--hyp-lang", default=None, help="Language to take from a TMX hypothesis (default: --ref-lang).")
@click.option("--src-lang", default=None, help="Language of SRC (default: the other language of a bilingual file).")
@click.option("-m", "--metrics", "metrics", multiple=True, type=click.Choice(METRICS),
              help="Metrics to compute (repeat). Default: bleu, chrf, chrf++, ter; for Chinese targets "
                   "bleu, chrf, ter (chrF++ counts words, which unsegmented Chinese does not have).")
@click.option("--tokenize", type=click.Choice(TOKENIZERS), default=None,
              help="BLEU tokenizer (default: zh for Chinese targets, 13a otherwise).")
@click.option("--lowercase", is_flag=True, help="Case-insensitive BLEU and chrF (TER is always case-insensitive).")
@click.option("--ter-cjk/--no-ter-cjk", default=None,
              help="TER with normalisation and CJK characters as words (default: on for Chinese targets).")
@click.option("--bootstrap", "n_bootstrap", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap resamples for the 95% intervals (0: none). Seeded by SACREBLEU_SEED (default 12345).")
@click.option("--paired-bs-n", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Resamples of the paired bootstrap test (two or more hypotheses).")
@click.option("--paired-ar-n", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Trials of the approximate randomisation test (two or more hypotheses).")
@click.option("--glossary", type=click.Path(path_type=Path), default=None,
              help=f"Glossary TSV for term accuracy (default: {DEFAULT_GLOSSARY} when it exists; needs --src).")
@click.option("--no-terms", is_flag=True, help="Skip term accuracy.")
@click.option("--char-acc/--no-char-acc", default=None,
              help="Character accuracy (default: on for Chinese targets; for script conversion).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON instead of the table.")
@click.option("--segments", "segments_out", type=click.Path(path_type=Path), default=None,
              help="Write per-segment scores, character accuracy and term checks as JSONL.")
@click.option("--report", "report_out", type=click.Path(path_type=Path), default=None,
              help="Write a self-contained HTML report (score distribution, worst segments side by side).")
@click.option("--worst", type=click.IntRange(min=0), default=20, show_default=True,
              help="Worst segments to show in the HTML report.")
@click.option("-w", "--width", type=click.IntRange(0, 10), default=1, show_default=True,
              help="Decimals of the scores (as sacrebleu's --width).")
def score_cmd(ref: Path, hyps: tuple[Path, ...], src: Path | None, ref_lang: str | None, hyp_lang: str | None,
              src_lang: str | None, metrics: tuple[str, ...], tokenize: str | None, lowercase: bool,
              ter_cjk: bool | None, n_bootstrap: int, paired_bs_n: int, paired_ar_n: int,
              glossary: Path | None, no_terms: bool, char_acc: bool | None, as_json: bool,
              segments_out: Path | None, report_out: Path | None, worst: int, width: int) -> None:
    """Score translations against a reference with sacrebleu (BLEU, chrF, TER), bootstrap
    intervals and, for two or more hypotheses, paired significance against the first; plus term
    accuracy (with --src and a glossary) and character accuracy (Chinese targets).

    The lines of REF, each HYP and SRC must correspond one to one. Each score comes with its
    sacrebleu signature; the numbers equal the sacrebleu command's for the same options.

    \b
    Examples:
      corpus score --ref ref.en.txt --hyp mt.en.txt --src src.zh.txt
      corpus score --ref corpus/units.jsonl --ref-lang en --hyp a.txt --hyp b.txt --report scores.html
      corpus score --ref trad.txt --hyp converted.txt --json      # Simplified->Traditional conversion
    """
    ref_segs, hyp_segs, src_segs = load_inputs(ref, [str(h) for h in hyps], src,
                                               ref_lang=ref_lang, hyp_lang=hyp_lang, src_lang=src_lang)
    gloss = None
    if not no_terms:
        path = glossary or (DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.is_file() else None)
        gloss = load_glossary(path) if path is not None else None
    options = ScoreOptions(metrics=metrics or None, tokenize=tokenize, lowercase=lowercase, ter_cjk=ter_cjk,
                           n_bootstrap=n_bootstrap, paired_bs_n=paired_bs_n, paired_ar_n=paired_ar_n,
                           char_accuracy=char_acc, segment_scores=bool(segments_out or report_out), width=width)
    report = score(ref_segs, hyp_segs, src=src_segs, glossary=gloss, options=options)
    report.signature = score_signature(report, path if gloss is not None else None)
    if segments_out is not None:
        n = write_segments(segments_out, report)
        click.echo(f"wrote {n} segments to {segments_out}", err=True)
    if report_out is not None:
        write_html(report_out, report, worst=worst, width=width)
        click.echo(f"wrote the report to {report_out}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print_report(report, Console(highlight=False), width)

