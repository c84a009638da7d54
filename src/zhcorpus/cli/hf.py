"""`corpus hf`: export the corpus as a Hugging Face dataset, import a translation dataset as
units, upload the export to the Hub."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import InputError
from ..glossary import load_glossary
from ..jsonl import JsonlRecords, write_jsonl
from ..manifest import load_manifest
from ..model import Document, Unit

T = TypeVar("T")
DEFAULT_UNITS = Path("corpus/units.jsonl")
DEFAULT_DOCUMENTS = Path("corpus/documents.jsonl")
DEFAULT_GLOSSARY = Path("seeds/glossary.tsv")
DEFAULT_MANIFEST = Path("seeds/manifest.toml")


def _optional(path: Path | None, default: Path) -> Path | None:
    """The given path, else the default when it exists (a given path must exist)."""
    if path is not None:
        if not path.exists():
            raise InputError(path, "no such file")
        return path
    return default if default.exists() else None


def _build_info(path: Path | None, manifest: Path | None) -> dict[str, Any]:
    info: dict[str, Any] = {}
    if path is not None:
        if not path.is_file():
            raise InputError(path, "no such build info file")
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON: {exc.msg}", where=f"{exc.lineno}:{exc.colno}") from None
        if not isinstance(info, dict):
            raise InputError(path, "build info must be a JSON object")
    if manifest is not None:
        corpus = load_manifest(manifest).corpus
        for key, mkey in (("license", "license"), ("license_note", "license_note"), ("pretty_name", "name")):
            if corpus.get(mkey) and key not in info:
                info[key] = corpus[mkey]
    return info


def _card_from_build(path: Path, manifest: Path | None) -> dict[str, Any]:
    """The card facts of the build that wrote *path* (build-info.json): its signature, date and
    manifest, so that `corpus hf export` writes the card `corpus build` writes."""
    from ..build.options import BuildOptions
    from ..exporters import EXPORTERS
    from ..exporters.hf import card_info

    try:
        built = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a readable build-info file: {exc}") from None
    if not isinstance(built, dict) or not isinstance(built.get("signature"), dict):
        return _build_info(None, manifest)
    corpus = load_manifest(manifest).corpus if manifest is not None else {}
    from ..build.run import dataset_path

    return card_info(built["signature"], corpus, str(built.get("build_date", ""))[:10],
                     [cls.description for cls in EXPORTERS.values()], BuildOptions().alignment_eval,
                     dataset_path(path.parent))  # the build's dataset folder, as its card names it


@click.group()
def hf() -> None:
    """Hugging Face datasets: export the corpus, import a translation dataset, upload to the Hub.

    \b
    Example:
      corpus hf export                       # corpus/*.jsonl -> corpus/hf/
      corpus hf import corpus/hf --config en-zh_Hans -o units.jsonl
      corpus hf push me/zh-en-policy --dry-run
    """


@hf.command("export", short_help="Write the corpus as a dataset folder (Parquet + card).")
@click.option("--units", "units_path", type=click.Path(path_type=Path), default=DEFAULT_UNITS,
              show_default=True, help="Units JSONL (one Unit per line, as the build writes it).")
@click.option("--documents", "docs_path", type=click.Path(path_type=Path), default=DEFAULT_DOCUMENTS,
              show_default=True, help="Documents JSONL (one Document per line, Chinese and English).")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help=f"Glossary TSV for the `glossary` subset [default: {DEFAULT_GLOSSARY} if it exists].")
@click.option("--build-info", "info_path", type=click.Path(path_type=Path), default=None,
              help="JSON object with the facts the card states [default: those of the build, from build-info.json "
              "next to the units, when present]: license, license_note, stages, "
              "alignment {method, f1, precision, recall, measured_on}, variants, limitations, ...")
@click.option("--manifest", "manifest_path", type=click.Path(path_type=Path), default=None,
              help="Manifest whose [corpus] licence and name the card uses when the build info "
              f"has none [default: {DEFAULT_MANIFEST} if it exists].")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Dataset folder to write (Parquet per subset and split, and README.md); required, so the "
              "build's own corpus/hf is replaced only when named.")
def export_cmd(units_path: Path, docs_path: Path, glossary_path: Path | None, info_path: Path | None,
               manifest_path: Path | None, out: Path) -> None:
    """Write the corpus as a Hugging Face dataset folder that `datasets.load_dataset` reads
    with no loading script: subsets en-zh_Hans, en-zh_Hant, en-zh_TW, zh_Hans-zh_Hant,
    glossary and documents, split by document, with a dataset card.

    \b
    Example:
      corpus hf export --out corpus/hf
      python -c 'import datasets; print(datasets.load_dataset("corpus/hf", "en-zh_Hans"))'
    """
    from ..hf import export_hf
    from ..hf.verify import check_export

    for path, what in ((units_path, "unit"), (docs_path, "document")):
        if not path.is_file():
            raise InputError(path, f"no such {what} file (run `corpus build` first)")
    # re-iterable readers: the export streams one document at a time (memory stays flat)
    units = JsonlRecords(units_path, Unit.from_dict, "unit")
    docs = JsonlRecords(docs_path, Document.from_dict, "document")
    gpath = _optional(glossary_path, DEFAULT_GLOSSARY)
    glossary = load_glossary(gpath) if gpath is not None else None
    manifest = _optional(manifest_path, DEFAULT_MANIFEST)
    built = units_path.parent / "build-info.json"
    if info_path is None and built.is_file():
        info = _card_from_build(built, manifest)  # the card the build wrote
    else:
        info = _build_info(info_path, manifest)
    result = export_hf(units, docs, glossary, out, build_info=info, sources={
        "units": units_path, "documents": docs_path, "build_info": info_path or "build info"})
    for name, rows in result.counts().items():
        click.echo(f"{name}: " + ", ".join(f"{s} {n}" for s, n in rows.items()), err=True)
    for name, why in result.skipped.items():
        click.echo(f"{name}: not exported: {why}", err=True)
    for problem in check_export(out):
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"wrote {len(result.files)} files to {out}", err=True)


@hf.command("import", short_help="Read a local translation dataset into units JSONL.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--config", default=None, help="Subset (config) to read, for a folder with several.")
@click.option("--split", default=None, help="Split to read [default: all, train first].")
@click.option("--src", default="zh", show_default=True, help="Key of the Chinese side in `translation`.")
@click.option("--tgt", default="en", show_default=True, help="Key of the other side in `translation`.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("units.jsonl"),
              show_default=True, help="Units JSONL to write (one Unit per line).")
def import_cmd(path: Path, config: str | None, split: str | None, src: str, tgt: str, out: Path) -> None:
    """Read a local translation dataset (Parquet, JSON/JSONL or Arrow file, a dataset folder,
    or a `save_to_disk` folder) with a `translation` column (OPUS/WMT style) or SRC/TGT columns
    into the project's units, e.g. to write a TMX for translators or to score it.

    \b
    Example:
      corpus hf import corpus/hf --config en-zh_Hant -o hant.jsonl
      corpus hf import opus.parquet --src zh --tgt en -o opus_units.jsonl
    """
    from ..hf.importer import import_hf

    units = import_hf(path, config=config, split=split, src=src, tgt=tgt)
    n = write_jsonl(out, (u.to_dict() for u in units))
    unaligned = sum(1 for u in units if not u.aligned)
    click.echo(f"wrote {n} units ({unaligned} with an empty side) to {out}", err=True)


@hf.command("push", short_help="Upload the exported folder to the Hub.")
@click.argument("repo_id")
@click.option("--folder", type=click.Path(path_type=Path), default=Path("corpus/hf"), show_default=True,
              help="The exported dataset folder.")
@click.option("--private", is_flag=True, help="Create the repo as private (an existing repo keeps its visibility).")
@click.option("--dry-run", is_flag=True, help="Check the folder and list what would be uploaded; send nothing.")
@click.option("-m", "--message", default=None, help="Commit message.")
def push_cmd(repo_id: str, folder: Path, private: bool, dry_run: bool, message: str | None) -> None:
    """Upload the exported dataset to the Hub as REPO_ID (a dataset repo, created if needed).

    The token comes from HF_TOKEN or the stored login (`hf auth login`). The folder is checked
    first: the card must list existing files with the counted rows, and name a licence.

    \b
    Example:
      corpus hf push me/zh-en-policy --dry-run
      HF_TOKEN=hf_... corpus hf push me/zh-en-policy --private
    """
    from ..hf.push import plan_push, push_hf

    if dry_run:
        plan = plan_push(folder, repo_id, private=private)
        for f in plan.files:
            click.echo(f)
        click.echo(f"would upload {len(plan.files)} files to datasets/{repo_id}"
                   + (" (private)" if private else ""), err=True)
        return
    url = push_hf(folder, repo_id, private=private, commit_message=message)
    click.echo(f"uploaded {folder} to {url}", err=True)
