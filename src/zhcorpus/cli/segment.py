"""`corpus segment`: print one sentence per line (the build's ingest step: decode, clean, segment)."""

from __future__ import annotations

import click

from ..ingest import build_document
from ..reading import decode_bytes
from .stepopts import clean_option, ingest_config


@click.command()
@click.argument("file", type=click.File("rb"), default="-")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of FILE.")
@click.option("--no-clean", is_flag=True, help="Segment the text as it is, without the cleaning rules (= --clean none).")
@clean_option
@click.option("--ids", is_flag=True, help="Prefix each sentence with its id (para/sent) and a tab.")
def segment(file: click.utils.LazyFile, lang: str, no_clean: bool, clean: str, ids: bool) -> None:
    """Print FILE (or stdin) one sentence per line, after cleaning.

    \b
    Example:
      corpus segment seeds/zh/000_2bd413ae3be23088.txt | head
      echo 'Mr. Li arrived. He spoke.' | corpus segment --lang en
    """
    name = getattr(file, "name", "<stdin>")
    config = ingest_config("none" if no_clean else clean)
    text = decode_bytes(file.read(), name).text
    doc = build_document("stdin", lang, text, rules=config.clean)
    pi = 0
    for para in doc.paragraphs:
        if not para.text.strip():
            continue
        pi += 1
        for si, seg in enumerate(para.segments, 1):
            click.echo(f"{pi}/{si}\t{seg.text}" if ids else seg.text)
