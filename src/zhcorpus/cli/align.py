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

from ..jsonl import dumps, write_jsonl
from ..model import Document
from ..pairs import find_manifest, pair_source, presegmented_document, run_pair
from ..pipeline import DocPair
from ..steps import AlignConfig, PipelineConfig
from ..steps.align import BEAD_SCORES
from .stepopts import align_config, align_options

if TYPE_CHECKING:
    from ..align import AlignOptions


def _options(segmenter: str, self_train: bool, embedding_model: Path | None, bead_score: str = "hand") -> AlignOptions:
    from ..steps import AlignConfig

    return AlignConfig(segmenter=segmenter, self_train=self_train, bead_score=bead_score,
                       embedding_model=str(embedding_model) if embedding_model else None).options()


_EMBED_HELP = ("Also score beads by a local sentence-transformers model (a directory; nothing is "
               "downloaded). Needs the 'embed' extra.")
FORMATS = {".tsv": "tsv", ".jsonl": "jsonl", ".tmx": "tmx"}


def _tsv(pair: DocPair) -> str:
    """One line per unit: type, score, flags, 0-based sentence indices, the joined texts."""
    def index(doc: Document | None) -> dict[str, int]:
        return {seg.id: i for i, seg in enumerate(doc.segments())} if doc is not None else {}

    def cell(s: str) -> str:
        return s.replace("\t", " ").replace("\n", " ")

    zi, ei = index(pair.zh), index(pair.en)
    lines = ["type\tscore\tflags\tzh\ten\tzh_text\ten_text"]
    for u in pair.units:
        lines.append("\t".join([u.bead, f"{u.score:.4f}", ",".join(u.flags),
                                ",".join(str(zi[i]) for i in u.zh_ids), ",".join(str(ei[i]) for i in u.en_ids),
                                cell(u.zh), cell(u.en)]))
    return "\n".join(lines) + "\n"


def _write_tmx(pair: DocPair, output: Path, date: str | None, signature: str) -> int:
    """The pair's units as the build's zh-CN → en-US TMX, in one file."""
    import shutil
    import tempfile

    from ..tmx import export_tmx_pairs

    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=f".{output.name}.") as tmp:
        result = export_tmx_pairs(pair.units, Path(tmp), pairs=[("zh-CN", "en-US")], creation_date=date,
                                  signature=signature)
        (name, path), = result.items()
        shutil.move(str(path), output)
        return result.reports[name].written


def _project_config(given: AlignConfig) -> PipelineConfig:
    """The step settings of the project (corpus.toml in the working folder, as the build reads
    them), with the align options given on the command line over them."""
    from ..build.options import load_config

    config = load_config(Path(".")).get("steps") or PipelineConfig()
    ctx = click.get_current_context()
    names = {"segmenter": "segmenter", "no_self_train": "self_train", "embedding_model": "embedding_model",
             "low_score": "low_score", "length_mismatch": "length_mismatch", "bead_score": "bead_score"}
    changes = {field: getattr(given, field) for option, field in names.items()
               if ctx.get_parameter_source(option) is not click.core.ParameterSource.DEFAULT}
    return config.replace("align", **changes) if changes else config


@click.command("align")
@click.argument("zh_file", metavar="ZH", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("en_file", metavar="EN", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--presegmented", is_flag=True, help="The files hold one sentence per line (blank lines ignored).")
@click.option("--format", "fmt", type=click.Choice(["tsv", "jsonl", "tmx"]), default=None,
              help="tsv: type, score, flags, zh indices, en indices, zh text, en text. jsonl: one unit record a "
              "line (as corpus/units.jsonl). tmx: the zh-CN→en-US TMX the build writes. "
              "[default: by the -o extension, else tsv]")
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A glossary TSV: its terms join the dictionary and annotate the units "
              "[default: the manifest's glossary.tsv for a pair listed in the manifest].")
@click.option("--no-glossary", is_flag=True, help="No glossary, even for a pair listed in the manifest.")
@click.option("--manifest", "manifest_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Manifest listing ZH (ids and metadata as in the build) [default: seeds/manifest.toml "
              "when it lists ZH].")
@align_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of stdout; .jsonl or .tmx chooses that format, any other name TSV.")
@click.option("--documents", "documents_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the two documents as JSONL (as corpus/documents.jsonl), e.g. for `corpus hf export`.")
@click.option("--encoding", default=None, help="Encoding of ZH (text formats), when detection is not certain.")
@click.option("--en-encoding", default=None, help="Encoding of EN (e.g. cp1252), when detection is not certain.")
def align(zh_file: Path, en_file: Path, presegmented: bool, fmt: str | None, glossary: Path | None,
          no_glossary: bool, manifest_path: Path | None, segmenter: str, no_self_train: bool,
          embedding_model: Path | None, low_score: float, length_mismatch: float, bead_score: str, output: Path | None,
          documents_out: Path | None, encoding: str | None, en_encoding: str | None) -> None:
    """Align the sentences of ZH (Chinese) with EN (its English translation).

    Runs the build's steps on the pair — ingest (clean, segment), variants, align, glossary — with
    the project's settings (corpus.toml) under the options given, so the units are exactly the
    build's. Paragraphs present on both sides anchor the alignment. Each
    unit prints with its bead type (1-1, 1-2, 0-1 …), a score (estimated probability that the bead
    is exactly right) and flags (omission, low-confidence,
    length-mismatch). TSV indices are 0-based
    sentence numbers.

    \b
    Example:
      corpus align seeds/zh/000_2bd413ae3be23088.txt seeds/en/000_2bd413ae3be23088.txt | head
      corpus align seeds/zh/000_2bd413ae3be23088.txt seeds/en/000_2bd413ae3be23088.txt -o 000.tmx
      corpus align --presegmented zh.txt en.txt -o units.jsonl
      corpus align report.docx report.en.pdf -o report.tmx     # Word, web pages, PDF, text
    """
    from ..build.run import build_date
    from ..signature import build_signature, signature_text

    if fmt is None:
        fmt = FORMATS.get(output.suffix.lower(), "tsv") if output is not None else "tsv"
    if fmt == "tmx" and output is None:
        raise click.UsageError("--format tmx needs -o FILE")
    manifest = None if presegmented else find_manifest(zh_file, manifest_path)
    if glossary is None and not no_glossary and manifest is not None:
        from ..project import find_project

        project = find_project()  # the project's glossary (corpus.toml may refer to one elsewhere)
        in_project = project is not None and project.manifest.resolve() == manifest.path.resolve()
        default = project.glossary if in_project and project is not None else manifest.path.parent / "glossary.tsv"
        glossary = default if default is not None and default.is_file() else None
    if no_glossary:
        glossary = None
    config = _project_config(align_config(segmenter, no_self_train, embedding_model, low_score, length_mismatch,
                                          bead_score=bead_score))

    def warn(msg: str) -> None:
        click.echo(f"warning: {zh_file} / {en_file}: {msg}", err=True)

    if presegmented:
        pid = zh_file.stem
        pair = DocPair(id=pid, zh=presegmented_document(zh_file, f"{pid}.zh", "zh", encoding),
                       en=presegmented_document(en_file, f"{pid}.en", "en", en_encoding))
        pair = run_pair(pair, config, glossary, skip_ingest=True, warn=warn)
    else:
        pair = run_pair(DocPair(id="", zh=None, source=pair_source(zh_file, en_file, manifest, encoding=encoding,
                                                                         en_encoding=en_encoding)), config, glossary,
                        warn=warn)
        pair.id = pair.zh.pair_id if pair.zh is not None else pair.id
    if documents_out is not None:
        write_jsonl(documents_out, (d.to_dict() for d in (pair.zh, pair.en) if d is not None))
    if fmt == "tmx":
        assert output is not None
        date = build_date(manifest.corpus if manifest is not None else {})
        n = _write_tmx(pair, output, date.strftime("%Y%m%dT%H%M%SZ"),
                       signature_text(build_signature(config, glossary)))
        click.echo(f"{len(pair.units)} units, {n} TUs -> {output}", err=True)
        return
    text = _tsv(pair) if fmt == "tsv" else "".join(dumps(u.to_dict()) + "\n" for u in pair.units)
    if output is not None:
        from ..atomic import atomic_write_text

        atomic_write_text(output, text)
        click.echo(f"{len(pair.units)} units -> {output}", err=True)
    else:
        click.echo(text, nl=False)


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
@click.option("--bead-score", type=click.Choice(BEAD_SCORES), default="hand", show_default=True,
              help="Bead score: hand-set, or learned (see `corpus align --help`).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Documents aligned in parallel (forked workers sharing the loaded dictionary).")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
def align_eval(gold: Path, write_pred: Path | None, per_doc: bool, no_paragraphs: bool, segmenter: str,
               no_self_train: bool, embedding_model: Path | None, bead_score: str, jobs: int, as_json: bool) -> None:
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
    aligner = Aligner(_options(segmenter, not no_self_train, embedding_model, bead_score))
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
