"""`corpus align` and `corpus align-eval`: sentence alignment of a document pair, and its
evaluation against gold beads."""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import InputError
from ..jsonl import dumps, write_jsonl

if TYPE_CHECKING:
    from ..align import AlignOptions


def _options(segmenter: str, self_train: bool, embedding_model: Path | None) -> AlignOptions:
    from ..align import AlignOptions

    return AlignOptions(segmenter=segmenter, rounds=1 if self_train else 0,
                        embedding_model=str(embedding_model) if embedding_model else None)


_EMBED_HELP = ("Also score beads by a local sentence-transformers model (a directory; nothing is "
               "downloaded). Needs the 'embed' extra.")


def _read_sentences(path: Path, lang: str, presegmented: bool) -> tuple[list[str], list[int]]:
    """Sentences of a file and each one's paragraph number (1-based)."""
    from ..clean import clean_text
    from ..reading import decode_bytes
    from ..segment import split

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    text = decode_bytes(data, path).text
    if presegmented:
        lines = [ln.strip() for ln in text.split("\n")]
        sents = [ln for ln in lines if ln]
        return sents, [1] * len(sents)
    sents, paras = [], []
    for pi, para in enumerate(clean_text(text, lang).paragraphs, 1):
        for sent, _space in split(para, lang):
            sents.append(sent)
            paras.append(pi)
    return sents, paras


def _glossary_pairs(path: Path | None) -> list[tuple[str, str]]:
    if path is None:
        return []
    from ..glossary import load_glossary

    return [(zh, en) for c in load_glossary(path) for zh in c.zh_forms() for en in c.en_forms()]


@click.command("align")
@click.argument("zh_file", metavar="ZH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("en_file", metavar="EN", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--presegmented", is_flag=True, help="The files hold one sentence per line (blank lines ignored).")
@click.option("--format", "fmt", type=click.Choice(["tsv", "jsonl"]), default="tsv", show_default=True,
              help="TSV: type, score, flags, zh ids, en ids, zh text, en text. JSONL: one bead object a line.")
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A glossary TSV whose terms join the dictionary at double weight.")
@click.option("--segmenter", type=click.Choice(["jieba", "dictionary"]), default="jieba", show_default=True,
              help="Chinese word segmentation: jieba, or maximum matching on CC-CEDICT (faster start).")
@click.option("--no-self-train", is_flag=True, help="Dictionary only: skip the second, self-trained pass.")
@click.option("--embedding-model", type=click.Path(path_type=Path), default=None, help=_EMBED_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of stdout.")
def align(zh_file: Path, en_file: Path, presegmented: bool, fmt: str, glossary: Path | None,
          segmenter: str, no_self_train: bool, embedding_model: Path | None, output: Path | None) -> None:
    """Align the sentences of ZH (Chinese) with EN (its English translation).

    Plain text is cleaned and segmented by the project's rules; paragraphs present on both sides
    anchor the alignment. Each bead prints with its type (1-1, 1-2, 0-1 …), a score (estimated
    probability that the bead is exactly right) and flags (omission, low-confidence, length-mismatch).
    Indices are 0-based sentence numbers.

    \b
    Example:
      corpus align seeds/zh/000_2bd413ae3be23088.txt seeds/en/000_2bd413ae3be23088.txt | head
      corpus align --presegmented --format jsonl zh.txt en.txt -o beads.jsonl
    """
    from ..align import Aligner, AlignmentWarning

    zh, zpara = _read_sentences(zh_file, "zh", presegmented)
    en, epara = _read_sentences(en_file, "en", presegmented)
    aligner = Aligner(_options(segmenter, not no_self_train, embedding_model))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        beads = aligner.align(zh, en, zh_paragraphs=zpara, en_paragraphs=epara,
                              extra_dictionary=_glossary_pairs(glossary))
    for w in caught:
        click.echo(f"warning: {zh_file} / {en_file}: {w.message}", err=True)
    records = [{**b.to_dict(), "zh_text": " ".join(zh[i] for i in b.zh), "en_text": " ".join(en[j] for j in b.en)}
               for b in beads]
    if fmt == "jsonl":
        lines = [dumps(r) for r in records]
    else:
        def cell(s: str) -> str:
            return s.replace("\t", " ").replace("\n", " ")
        lines = ["type\tscore\tflags\tzh\ten\tzh_text\ten_text"] + [
            "\t".join([r["type"], f"{r['score']:.4f}", ",".join(r["flags"]),
                       ",".join(map(str, r["zh"])), ",".join(map(str, r["en"])),
                       cell(r["zh_text"]), cell(r["en_text"])]) for r in records]
    if output is not None:
        from ..atomic import atomic_write_text

        atomic_write_text(output, "\n".join(lines) + "\n")
        click.echo(f"{len(beads)} beads -> {output}", err=True)
    else:
        for line in lines:
            click.echo(line)


@click.command("align-eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--write-pred", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help='Also write the predictions, one line per document: {"doc", "align": [[[zh], [en]], ...], '
                   '"scores": [...], "flags": [[...], ...]} (one score and flag list per bead).')
@click.option("--per-doc", is_flag=True, help="Also print each document's strict and lax F1.")
@click.option("--no-paragraphs", is_flag=True, help="Ignore zh_ids/en_ids paragraph anchors even when present.")
@click.option("--segmenter", type=click.Choice(["jieba", "dictionary"]), default="jieba", show_default=True,
              help="Chinese word segmentation (see `corpus align --help`).")
@click.option("--no-self-train", is_flag=True, help="Dictionary only: skip the self-trained pass.")
@click.option("--embedding-model", type=click.Path(path_type=Path), default=None, help=_EMBED_HELP)
@click.option("--jobs", "-j", type=click.IntRange(1), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Documents aligned in parallel (forked workers sharing the loaded dictionary).")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
def align_eval(gold: Path, write_pred: Path | None, per_doc: bool, no_paragraphs: bool, segmenter: str,
               no_self_train: bool, embedding_model: Path | None, jobs: int, as_json: bool) -> None:
    """Align every document of GOLD (MAC-Dev format, using its sentence splits) and score it.

    GOLD has one document a line: {"doc", "zh": [...], "en": [...], "gold": [[[zh], [en]], ...]},
    optionally "zh_ids"/"en_ids" ("000.zh/3/2": paragraph 3) used as paragraph anchors. Prints
    strict P/R/F1 (a bead is right when it is exactly a gold bead; 1-0/0-1 count too), lax P/R/F1
    (it shares a link with the gold), documents aligned exactly, and time (dictionary loading
    and aligning separately).

    \b
    Example:
      corpus align-eval ../shared/mac/dev.jsonl
      corpus align-eval tests/data/gold/seeds.jsonl --per-doc --write-pred /tmp/pred.jsonl
    """
    from ..align import Aligner, AlignmentWarning
    from ..align.goldfile import evaluate_gold, prediction_records

    t0 = time.perf_counter()
    aligner = Aligner(_options(segmenter, not no_self_train, embedding_model))
    from ..align import chinese

    if segmenter == "jieba":
        chinese.words("预热", aligner.dictionary)  # load jieba now, so that it counts as loading
    load = time.perf_counter() - t0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AlignmentWarning)
        res = evaluate_gold(gold, aligner, use_paragraphs=not no_paragraphs, jobs=jobs)
    if write_pred is not None:
        write_jsonl(write_pred, prediction_records(res.predictions))
    numbers = {**res.report.as_dict(), "load_seconds": round(load, 3), "align_seconds": round(res.seconds, 3)}
    if as_json:
        out = dict(numbers)
        if per_doc:
            out["per_doc"] = {k: v.as_dict() for k, v in res.per_doc.items()}
        click.echo(json.dumps(out, sort_keys=True))
        return
    r = res.report
    click.echo(f"{gold}: {r.docs} documents, {r.strict.gold} gold beads, {r.strict.pred} predicted")
    click.echo(f"{'':8}{'P':>8}{'R':>8}{'F1':>8}")
    for name, c in (("strict", r.strict), ("lax", r.lax)):
        click.echo(f"{name:8}{c.precision:8.4f}{c.recall:8.4f}{c.f1:8.4f}")
    click.echo(f"exact documents: {r.exact_docs}/{r.docs}")
    click.echo(f"time: {load:.2f} s loading, {res.seconds:.2f} s aligning")
    if per_doc:
        for doc, rep in res.per_doc.items():
            click.echo(f"  {doc}: strict F1 {rep.strict.f1:.4f}, lax F1 {rep.lax.f1:.4f}")
    if write_pred is not None:
        click.echo(f"predictions -> {write_pred}", err=True)
    sys.stdout.flush()
