"""`corpus build`: rebuild the whole corpus from seeds/."""

from __future__ import annotations

from pathlib import Path

import click

from ..build import BuildOptions, run_build


@click.command()
@click.option("--seeds", type=click.Path(path_type=Path), default=Path("seeds"), show_default=True,
              help="Folder with manifest.toml and the source documents.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True,
              help="Folder for the corpus products (JSONL, HF dataset, glossary exports, report).")
@click.option("--tmx-out", type=click.Path(path_type=Path), default=Path("tmx"), show_default=True,
              help="Folder for the TMX files and the SRX rules.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(seeds: Path, out: Path, tmx_out: Path, quiet: bool) -> None:
    """Rebuild the corpus from SEEDS: ingest, clean and segment every document of the manifest,
    and write the products to OUT and TMX-OUT.

    \b
    Example:
      corpus build            # in the repository root
    """
    summary = run_build(BuildOptions(seeds=seeds, out=out, tmx_out=tmx_out, quiet=quiet))
    if not quiet:
        click.echo(summary, err=True)
