"""`corpus ingest`: clean and segment documents, write JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest import ingest_file, ingest_manifest
from ..jsonl import dumps, write_jsonl
from ..manifest import load_manifest
from .project import project_default, project_option
from .stepopts import clean_option, ingest_config


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", "manifest_path", type=click.Path(path_type=Path), default=None,
              callback=project_default("manifest"),
              help="Manifest listing the documents (used when no PATHS are given, and to look up each "
              "PATH's id and metadata) [the project's, found from the working folder up].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of PATHS not in the manifest (then the file stem is the id).")
@click.option("-o", "--out", type=click.Path(allow_dash=True, path_type=Path), default=Path("-"),
              help="JSONL output, one cleaned and segmented document per line [standard output].")
@click.option("--encoding", default=None, help="Encoding of PATHS (text formats), when detection is not certain.")
@clean_option
@project_option
def ingest(paths: tuple[Path, ...], manifest_path: Path, lang: str | None, out: Path, encoding: str | None,
           clean: str) -> None:
    """Clean and segment documents into JSONL.

    With no PATHS, every document of the manifest and its translation. A PATH that is not in
    the manifest is an error unless --lang is given.

    \b
    Example:
      corpus ingest -o /tmp/documents.jsonl          # every document of the project
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
                                        script=entry.script, rules=rules, encoding=encoding))
            else:
                assert lang is not None
                docs.append(ingest_file(p, f"{p.stem}.{lang}", lang, rules=rules, encoding=encoding))
    if str(out) == "-":
        for d in docs:
            click.echo(dumps(d.to_dict()))
        n = len(docs)
        out_name = "standard output"
    else:
        n = write_jsonl(out, (d.to_dict() for d in docs))
        out_name = str(out)
    segs = sum(len(d.segments()) for d in docs)
    click.echo(f"wrote {n} documents, {segs} segments to {out_name}", err=True)
