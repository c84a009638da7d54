"""`corpus cat-project`: a ready OmegaT project for one language pair."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..catproject import write_cat_project
from ..catproject.check import open_in_omegat
from ..catproject.project import parse_pair
from ..errors import InputError
from ..glossary import load_glossary
from ..jsonl import JsonlRecords
from ..model import Document, Unit


def _date(documents: Path) -> str | None:
    """SOURCE_DATE_EPOCH, else the build's date (build-info.json beside the documents), else none."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    info = documents.parent / "build-info.json"
    try:
        return json.loads(info.read_text(encoding="utf-8")).get("build_date")
    except (OSError, ValueError, AttributeError):
        return None


def _existing(path: Path, what: str) -> Path:
    if not path.is_file():
        raise InputError(path, f"{what} not found (run `corpus build` first, or pass its path)")
    return path


@click.command("cat-project")
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--pair", default="zh-CN:en-US", show_default=True,
              help="SOURCE:TARGET, e.g. zh-CN:en-US, zh-TW:en-US, zh-HK:en-US, zh-CN:zh-TW.")
@click.option("--documents", type=click.Path(path_type=Path), default=Path("corpus/documents.jsonl"),
              show_default=True, help="The build's cleaned documents.")
@click.option("--units", type=click.Path(path_type=Path), default=Path("corpus/units.jsonl"),
              show_default=True, help="The build's translation units.")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path),
              default=Path("seeds/glossary.tsv"), show_default=True, help="The glossary (TSV).")
@click.option("--raw", is_flag=True,
              help="Also the documents as received (source/raw/, those in the pair's script), to "
              "compare the exact-match fill with the cleaned ones.")
@click.option("--check", is_flag=True,
              help="Then open a copy of the project in OmegaT (console mode, tens of seconds) and "
              "print the fill OmegaT itself reports.")
def cat_project(out_dir: Path, pair: str, documents: Path, units: Path, glossary_path: Path,
                raw: bool, check: bool) -> None:
    """Write OUT_DIR as an OmegaT project for one language pair: the documents as the corpus holds
    them in source/, the pair's TMX in tm/auto/ (exact matches are inserted when the project
    opens), the pair's glossary in glossary/, and the corpus's own segmentation rules in omegat/.

    OUT_DIR must be new, empty, or made by this command before; files it did not write are never
    touched. The same inputs give byte-identical files.

    \b
    Example:
      corpus cat-project --pair zh-CN:en-US ~/omegat/zhcorpus-zh-CN
      corpus cat-project --pair zh-TW:en-US --raw --check /tmp/zhcorpus-zh-TW
    """
    try:
        parse_pair(pair)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair") from None
    docs = JsonlRecords(_existing(documents, "documents"), Document.from_dict, "document")
    recs = JsonlRecords(_existing(units, "units"), Unit.from_dict, "unit")
    g = load_glossary(glossary_path)
    report = write_cat_project(docs, recs, g, pair, out_dir, raw=raw, creation_date=_date(documents))
    click.echo(report.summary())
    if check:
        view = open_in_omegat(out_dir)
        for label, prefix in (("documents", "source/"), ("raw documents", "source/raw/")):
            total, filled = view.fill(prefix)
            if prefix == "source/":
                raw_total, raw_filled = view.fill("source/raw/")
                total, filled = total - raw_total, filled - raw_filled
            if total:
                click.echo(f"  OmegaT: {label}: {filled} of {total} segments filled ({filled / total:.1%})")
        for problem in view.problems:
            click.echo(f"  OmegaT: {problem}", err=True)
