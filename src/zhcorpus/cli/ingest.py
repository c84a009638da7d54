"""`corpus ingest`: clean and segment documents, write JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest import ingest_file, ingest_manifest
from ..jsonl import write_jsonl
from ..manifest import load_manifest
from .stepopts import clean_option, ingest_config


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", "manifest_path", type=click.Path(path_type=Path), default=Path("seeds/manifest.toml"),
              show_default=True, help="Manifest listing the documents (used when no PATHS are given, "
              "and to look up each PATH's id and metadata).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of PATHS not in the manifest (then the file stem is the id).")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("corpus/documents.jsonl"),
              show_default=True, help="JSONL output, one cleaned and segmented document per line.")
@clean_option
def ingest(paths: tuple[Path, ...], manifest_path: Path, lang: str | None, out: Path, clean: str) -> None:
    """Clean and segment documents into JSONL.

    With no PATHS, every document of the manifest and its translation. A PATH that is not in
    the manifest is an error unless --lang is given.

    \b
    Example:
      corpus ingest                                  # all seeds -> corpus/documents.jsonl
      corpus ingest notes.txt --lang zh -o notes.jsonl
    """
    rules = ingest_config(clean).clean
    docs = []
    if not paths:
        for zh, en in ingest_manifest(load_manifest(manifest_path), rules):
            docs.append(zh)
            if en is not None:
                docs.append(en)
    else:
        manifest = load_manifest(manifest_path) if lang is None else None
        for p in paths:
            if manifest is not None:
                entry = manifest.find_file(p)
                docs.append(ingest_file(p, f"{entry.id}.{entry.lang}", entry.lang, dict(entry.meta),
                                        script=entry.script, rules=rules))
            else:
                assert lang is not None
                docs.append(ingest_file(p, f"{p.stem}.{lang}", lang, rules=rules))
    n = write_jsonl(out, (d.to_dict() for d in docs))
    segs = sum(len(d.segments()) for d in docs)
    click.echo(f"wrote {n} documents, {segs} segments to {out}", err=True)
